"""POM502 loop-feeds-nothing: A feedback loop feeds nothing: what it learns goes nowhere."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM502",
    "loop-feeds-nothing",
    Severity.WARNING,
    "A feedback loop feeds nothing: what it learns goes nowhere.",
    bad="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po}
    """,
    good="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [backlog]}
    """,
)
def loop_feeds_nothing(ctx: Context) -> Iterator[Problem]:
    """Feedback is collected to change something. A loop whose ``feeds`` is missing or
    empty says where feedback comes from but not where it goes, so it cannot close.

    Reported for each loop under ``feedback.loops`` with an empty ``feeds``. Each entry
    of ``feeds`` is a place (``backlog``, ``roadmap``, ``strategy``, ``discovery``,
    ``release``, ``support``) or a typed reference such as ``kpi:<id>``; that those
    references exist is checked by the POM2xx rules."""
    for view in ctx.facts.unwritten("feedback", "feeds"):
        yield Problem(
            (*view.where, "feeds"),
            f"{view.label} feeds nothing: what it learns does not reach any decision or measure",
            "list under `feeds:` where its findings go — backlog, roadmap, "
            "discovery … or a KPI as kpi:<id>",
            in_source=not view.kept,
        )

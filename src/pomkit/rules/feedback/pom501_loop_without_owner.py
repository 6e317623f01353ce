"""POM501 loop-without-owner: A feedback loop has no owner."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM501",
    "loop-without-owner",
    Severity.WARNING,
    "A feedback loop has no owner.",
    bad="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly,
           feeds: [backlog, kpi:weekly-active-teams]}
    """,
    good="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [backlog, kpi:weekly-active-teams]}
    """,
)
def loop_without_owner(ctx: Context) -> Iterator[Problem]:
    """A feedback loop only runs while someone runs it: schedules the interviews, reads
    the tickets, turns what was heard into backlog items. Without an owner, the loop is
    an intention.

    Reported for each loop under ``feedback.loops`` with no ``owner`` (a value written but
    invalid is reported by the structure rules, POM1xx, not here)."""
    for view in ctx.facts.unwritten("feedback", "owner"):
        yield Problem(
            (*view.where, "owner"),
            f"{view.label} has no owner: nobody is named to run it and act on what it learns",
            "set `owner:` to the role that runs the loop",
            in_source=not view.kept,
        )

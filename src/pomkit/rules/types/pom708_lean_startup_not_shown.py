"""POM708 lean-startup-not-shown: The model says it follows lean startup, but lacks hypotheses, a
learning KPI or a fast Build-Measure-Learn loop.
"""

from collections.abc import Iterator

from pydantic import Field

from pomkit.domain.archetypes import (
    LOOP_LIMIT,
    Limits,
    claimed,
    criteria,
    not_shown,
)
from pomkit.domain.principles import unmet
from pomkit.durations import Duration
from pomkit.findings import Severity
from pomkit.model import Archetype
from pomkit.rules.core import Context, Options, Problem, rule


class LeanOptions(Options):
    max_loop_cadence: Duration = Field(
        LOOP_LIMIT,
        description="The slowest Build-Measure-Learn loop cadence that counts (a duration).",
    )


@rule(
    "POM708",
    "lean-startup-not-shown",
    Severity.WARNING,
    "The model says it follows lean startup, but lacks hypotheses, a learning KPI or a "
    "fast Build-Measure-Learn loop.",
    bad="""
    archetypes: [lean-startup]
    """,
    good="""
    archetypes: [lean-startup]
    strategy:
      vision: Teams invoice in one click.
      goals:
        - {id: grow-usage, statement: Grow weekly active teams, horizon: 2027, owner: pm,
           kpis: [weekly-active-teams]}
      roadmap:
        - {id: one-click, title: One-click invoicing, when: 2026-Q3, goals: [grow-usage],
           hypothesis: Teams that invoice in one click send twice as many invoices}
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: weekly, owner: po,
           feeds: [backlog, kpi:validated-learnings]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
      - {id: validated-learnings, name: Hypotheses decided per month, element: kpis,
         category: learning, target: {op: ">=", value: 4}, owner: pm, frequency: monthly}
    """,
    options=LeanOptions,
)
def lean_startup_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **lean-startup** model builds to learn: it states hypotheses, measures what it
    learns, and closes the Build-Measure-Learn loop quickly.

    Criteria (all must hold):

    - at least one roadmap item (``strategy.roadmap``) with a ``hypothesis``;
    - a KPI with ``category: learning``;
    - a Build-Measure-Learn loop: a feedback loop with a ``cadence`` of at most
      ``max_loop_cadence`` (default ``2w``) whose ``feeds`` include ``backlog`` or
      ``roadmap``. A loop without a cadence does not count.

    Applies when ``archetypes`` include ``lean-startup``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, archetype=Archetype.LEAN_STARTUP)
    if path is None:
        return
    slowest = ctx.settings(LeanOptions).max_loop_cadence
    missing = unmet(
        criteria(
            ctx.facts,
            Archetype.LEAN_STARTUP,
            Limits(max_loop_cadence=ctx.settings(LeanOptions).max_loop_cadence),
        )
    )
    if missing:
        yield Problem(
            path,
            not_shown(path, "lean-startup", missing),
            "write the hypothesis each roadmap experiment tests, measure validated learning "
            f"with a KPI of category learning, and run a loop every {slowest} or faster into "
            "the backlog",
        )

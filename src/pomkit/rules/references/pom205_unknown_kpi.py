"""POM205 unknown-kpi: A reference to a KPI that is not defined."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM205",
    "unknown-kpi",
    Severity.ERROR,
    "A reference to a KPI that is not defined.",
    bad="""
    feedback:
      loops:
        - {id: interviews, source: customers, owner: po, feeds: [backlog, kpi:nps]}
    """,
    good="""
    feedback:
      loops:
        - {id: interviews, source: customers, owner: po,
           feeds: [backlog, kpi:weekly-active-teams]}
    """,
)
def unknown_kpi(ctx: Context) -> Iterator[Problem]:
    """Goals list the KPIs that measure them; loops and principles point at KPIs with
    ``kpi:<id>``. A reference to an undefined KPI is a measure nobody tracks."""
    return ctx.dangling("kpi")

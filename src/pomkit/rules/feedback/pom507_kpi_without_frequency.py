"""POM507 kpi-without-frequency: A KPI has no measurement frequency."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM507",
    "kpi-without-frequency",
    Severity.WARNING,
    "A KPI has no measurement frequency.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, goal: grow-usage}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
    """,
)
def kpi_without_frequency(ctx: Context) -> Iterator[Problem]:
    """A KPI nobody measures on a schedule is looked at when someone remembers, which
    is usually after the damage is done.

    Reported for each KPI under ``kpis`` with no ``frequency`` (``weekly``, ``monthly``,
    ``2w`` …); a frequency written but invalid is reported by the structure rules
    (POM1xx), not here."""
    for view in ctx.facts.unwritten("kpi", "frequency"):
        yield Problem(
            (*view.where, "frequency"),
            f"{view.label} has no frequency: nothing says how often it is measured and reviewed",
            "set `frequency:` — daily, weekly, monthly, quarterly or a duration like 2w",
            in_source=not view.kept,
        )

"""POM301 no-responsible: A responsibility lists no responsible role: nobody is named to do the
work.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM301",
    "no-responsible",
    Severity.WARNING,
    "A responsibility lists no responsible role: nobody is named to do the work.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm]}
    """,
)
def no_responsible(ctx: Context) -> Iterator[Problem]:
    """In a RACI the accountable role answers for the outcome and the responsible roles
    do the work. A responsibility whose ``responsible`` list is missing or empty says who
    answers for the activity but not who carries it out, so in practice nobody plans
    time for it.

    Reported for each item of ``responsibilities`` with no ``responsible`` role. When the
    accountable role does the work itself, list it in ``responsible`` too — that is the
    usual ``A/R`` of a RACI chart. A list that is written but invalid is reported by the
    structure rules (POM1xx), not here."""
    for i, item in enumerate(ctx.model.responsibilities):
        if not item.responsible and not ctx.holes.written(("responsibilities", i, "responsible")):
            yield Problem(
                ("responsibilities", i, "responsible"),
                f"{label(item)} has no responsible role: "
                f"'{item.accountable}' is accountable, but nobody is named to do the work",
                f"list the role(s) doing the work under `responsible:` "
                f"(write `responsible: [{item.accountable}]` if the accountable role does it)",
            )

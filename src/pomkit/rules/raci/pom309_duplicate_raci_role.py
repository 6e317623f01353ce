"""POM309 duplicate-raci-role: The same role is listed twice among a responsibility's responsible,
consulted and informed roles.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM309",
    "duplicate-raci-role",
    Severity.WARNING,
    "The same role is listed twice among a responsibility's responsible, consulted and "
    "informed roles.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po, lead], informed: [po]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po, lead], informed: [devs]}
    """,
)
def duplicate_raci_role(ctx: Context) -> Iterator[Problem]:
    """Each role has one part in an activity: it does the work (R), gives input (C) or is
    told the outcome (I). A role listed twice — twice in one list, or in two of them —
    leaves readers unsure which part it plays; the stronger part is usually meant.

    Reported once per responsibility and role that appears more than once across
    ``responsible``, ``consulted`` and ``informed``, at its second listing. The
    ``accountable`` role is not counted here: listing it as consulted or informed is
    POM302, and listing it as responsible is normal."""
    for i, item in enumerate(ctx.model.responsibilities):
        first: dict[str, str] = {}
        reported: set[str] = set()
        for key in ("responsible", "consulted", "informed"):
            for j, who in enumerate(getattr(item, key)):
                if who == item.accountable and key != "responsible":
                    continue  # POM302
                if who not in first:
                    first[who] = key
                    continue
                if who in reported:
                    continue
                reported.add(who)
                where = (
                    f"twice in `{key}`"
                    if first[who] == key
                    else (f"in `{first[who]}` and in `{key}`")
                )
                yield Problem(
                    ("responsibilities", i, key, j),
                    f"role '{who}' is listed {where} of {label(item)}",
                    f"keep '{who}' in one list only — the part it really plays "
                    "(responsible does the work, consulted gives input, informed is told)",
                )

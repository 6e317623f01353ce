"""POM511 tier-without-owner: A support tier has no owner."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM511",
    "tier-without-owner",
    Severity.WARNING,
    "A support tier has no owner.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, response_time: 4h, resolution_time: 2d,
           escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
)
def tier_without_owner(ctx: Context) -> Iterator[Problem]:
    """Each support tier needs a role that staffs it and answers for its SLA; a tier
    without an owner is a queue nobody is watching.

    Reported for each tier under ``support.tiers`` with no ``owner``. An owner written
    but invalid is reported by the structure rules (POM1xx), one that names no defined
    role by POM201."""
    for view in ctx.facts.unwritten("tier", "owner"):
        yield Problem(
            (*view.where, "owner"),
            f"{view.label} has no owner: nobody staffs it or answers for its SLA",
            "set `owner:` to the role that runs the tier",
            in_source=not view.kept,
        )

"""POM206 unknown-tier: A support tier escalates to a tier that is not defined."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM206",
    "unknown-tier",
    Severity.ERROR,
    "A support tier escalates to a tier that is not defined.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, escalates_to: tier-3}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead}
    """,
)
def unknown_tier(ctx: Context) -> Iterator[Problem]:
    """``escalates_to`` names the next support tier; an undefined one means tickets
    escalate into nowhere."""
    return ctx.dangling("tier")

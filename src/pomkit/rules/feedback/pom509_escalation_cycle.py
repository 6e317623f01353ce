"""POM509 escalation-cycle: Support tiers escalate in a cycle, so a ticket can escalate forever."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.organisation import find_cycle
from pomkit.domain.text import cycle_text
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM509",
    "escalation-cycle",
    Severity.ERROR,
    "Support tiers escalate in a cycle, so a ticket can escalate forever.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d,
           escalates_to: tier-1}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
)
def escalation_cycle(ctx: Context) -> Iterator[Problem]:
    """Escalation must end: a ticket moves up the tiers until one resolves it. When the
    tiers' ``escalates_to`` links come back to a tier already passed, an unresolved
    ticket bounces between teams forever and nobody holds the last word.

    Reported once per cycle, naming the tiers in escalation order from the one listed
    first (a tier escalating to itself is a cycle of one; a long cycle is shortened with
    …). Tiers are listed first line first, so the finding points at the link that goes
    back — the ``escalates_to`` of the cycle's last tier, which leads to a tier listed
    before it: that is the link to fix. Each tier escalates to at most one other, so the
    check follows each chain once and is linear in the number of tiers."""
    org = ctx.org
    for cycle in find_cycle(org.escalation, org.tier_index):
        head, last = cycle[0], cycle[-1]
        yield Problem(
            ("support", "tiers", org.tier_index[last], "escalates_to"),
            f"support tiers escalate in a cycle: {cycle_text(cycle, 'tiers')}; a ticket none "
            "of them resolves escalates forever",
            f"remove or redirect this link back from '{last}' to '{head}', so that "
            f"escalation ends at the tier with the last word",
        )

"""POM510 escalation-tightens: An escalated support tier promises a shorter response or resolution
time than the tier escalating to it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM510",
    "escalation-tightens",
    Severity.WARNING,
    "An escalated support tier promises a shorter response or resolution time than the "
    "tier escalating to it.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 1d}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
)
def escalation_tightens(ctx: Context) -> Iterator[Problem]:
    """A ticket escalates because the tier before could not solve it in time; the next
    tier gets harder problems and less time left. Both times of a tier count from when
    the customer raised the ticket (see ``response_time`` and ``resolution_time`` in the
    field reference), so an escalated tier's time includes the time the ticket spent in
    the tiers before it: with tier 1 answering within a day, a tier 2 that promises an
    answer within four hours of the customer's request cannot keep it for a ticket
    escalated at the end of that day. A tier that promises to respond or resolve faster
    than the tier escalating to it promises what cannot be kept — or the tiers are
    listed the wrong way round. (A team that measures each tier from when the ticket
    reaches it should add the times of the tiers before to the escalated tier's.)

    Reported, as a warning, for each ``escalates_to`` link where the escalated tier's
    ``response_time`` or ``resolution_time`` is shorter than the same field of the tier
    it comes from (both must be set; equal times are fine). Durations are compared by
    length, so ``1d`` < ``36h`` < ``2d``. Reported at the escalated tier's shorter
    time — unless the link goes back to a tier listed earlier (tiers are listed first
    line first): then the link itself, ``escalates_to``, is what to fix, and the finding
    points there."""
    tiers = ctx.model.support.tiers
    index = ctx.org.tier_index
    for i, tier in enumerate(tiers):
        if tier.escalates_to is None or tier.escalates_to not in index:
            continue
        target_index = index[tier.escalates_to]
        target = tiers[target_index]
        if target is tier:
            continue  # a self-loop is POM509
        tighter = [
            key
            for key in ("response_time", "resolution_time")
            if (mine := getattr(tier, key)) is not None
            and (theirs := getattr(target, key)) is not None
            and theirs < mine
        ]
        if not tighter:
            continue
        parts = [
            f"{key.replace('_', ' ')} {getattr(target, key)} < {getattr(tier, key)}"
            for key in tighter
        ]
        backward = target_index < index.get(tier.id, i)
        where = ("escalates_to",) if backward else (tighter[0],)
        yield Problem(
            ("support", "tiers", i if backward else target_index, *where),
            f"{label(target)} promises a tighter SLA than {label(tier)}, which escalates "
            f"to it: {', '.join(parts)}",
            f"give '{target.id}' times at least as long as those of '{tier.id}' (both count "
            "from when the customer raised the ticket), or reverse the escalation if the "
            "tiers are listed the wrong way round",
        )

"""POM513 resolution-before-response: A support tier's resolution time is shorter than its response
time.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM513",
    "resolution-before-response",
    Severity.ERROR,
    "A support tier's resolution time is shorter than its response time.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 2d,
           resolution_time: 4h, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 2d, resolution_time: 5d}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
)
def resolution_before_response(ctx: Context) -> Iterator[Problem]:
    """A ticket is answered before it is solved: a resolution time shorter than the
    response time cannot be met as written, and usually means the two values were
    swapped.

    Reported for each tier under ``support.tiers`` whose ``resolution_time`` is
    strictly shorter than its ``response_time`` (durations compared by length)."""
    for i, tier in enumerate(ctx.model.support.tiers):
        response, resolution = tier.response_time, tier.resolution_time
        if response is not None and resolution is not None and resolution < response:
            yield Problem(
                ("support", "tiers", i, "resolution_time"),
                f"{label(tier)} promises resolution in {resolution}, before its first "
                f"response in {response}",
                "swap the two values if they were entered the wrong way round, or make "
                "`resolution_time` at least as long as `response_time`",
            )

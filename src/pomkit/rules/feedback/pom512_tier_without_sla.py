"""POM512 tier-without-sla: A support tier promises no response time or no resolution time."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM512",
    "tier-without-sla",
    Severity.WARNING,
    "A support tier promises no response time or no resolution time.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
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
def tier_without_sla(ctx: Context) -> Iterator[Problem]:
    """A tier's service level is two promises: how soon a customer hears back
    (``response_time``) and how soon the problem is solved (``resolution_time``).
    Without both, customers do not know what to expect, escalation has no trigger and
    the SLA checks (POM510, POM513) cannot run.

    Reported once for each tier under ``support.tiers`` missing either time, naming the
    missing one(s) (a value written but invalid is reported by the structure rules, POM1xx,
    not here)."""
    facts = ctx.facts
    keys = ("response_time", "resolution_time")
    unwritten = {key: {id(view) for view in facts.unwritten("tier", key)} for key in keys}
    for view in facts.views("tier"):
        missing = [key for key in keys if id(view) in unwritten[key]]
        if missing:
            yield Problem(
                (*view.where, missing[0]),
                f"{view.label} has no {' and no '.join(k.replace('_', ' ') for k in missing)}",
                "set " + " and ".join(f"`{k}:`" for k in missing) + " (e.g. 4h, 2d)",
                in_source=not view.kept,
            )

"""POM209 unknown-channel: A support tier lists a channel that is not defined."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM209",
    "unknown-channel",
    Severity.ERROR,
    "A support tier lists a channel that is not defined.",
    bad="""
    support:
      channels:
        - {id: email, name: Email}
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, channels: [chat]}
    """,
    good="""
    support:
      channels:
        - {id: email, name: Email}
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email]}
    """,
)
def unknown_channel(ctx: Context) -> Iterator[Problem]:
    """Tiers serve the channels listed under ``support.channels``; an undefined channel
    is a way in that customers cannot find."""
    return ctx.dangling("channel")

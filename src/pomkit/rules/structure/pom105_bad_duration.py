"""POM105 bad-duration: A duration or cadence that cannot be read."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM105",
    "bad-duration",
    Severity.ERROR,
    "A duration or cadence that cannot be read.",
    needs_model=False,
    bad="""
    methodology:
      framework: scrum
      iteration: two weeks
    """,
    good="""
    methodology:
      framework: scrum
      iteration: 2w
    """,
)
def bad_duration(ctx: Context) -> Iterator[Problem]:
    """Durations and cadences are compared with each other (an iteration of four weeks
    or less, SLAs that loosen as tickets escalate), so they must be readable: a number
    and a unit (``30min``, ``4h``, ``2d``, ``2w``, ``3mo``, ``1q``, ``1y``), ISO-8601
    (``PT4H``, ``P2W``) or one of continuous, on-demand, hourly, daily, weekly,
    biweekly, fortnightly, monthly, quarterly, yearly, annually."""
    return ctx.schema_problems("duration")

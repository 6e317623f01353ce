"""POM207 unknown-ceremony: A reference to a ceremony that is not defined."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM207",
    "unknown-ceremony",
    Severity.ERROR,
    "A reference to a ceremony that is not defined.",
    bad="""
    handoffs:
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: kickoff}
    """,
    good="""
    handoffs:
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
    """,
)
def unknown_ceremony(ctx: Context) -> Iterator[Problem]:
    """A handoff ``via`` a ceremony, or ``ceremony:<id>`` evidence, must name one of
    ``methodology.ceremonies``."""
    return ctx.dangling("ceremony")

"""POM203 unknown-stage: A reference to a lifecycle stage that is not defined."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM203",
    "unknown-stage",
    Severity.ERROR,
    "A reference to a lifecycle stage that is not defined.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Brief, stage: discovery}
    """,
    good="""
    handoffs:
      - {from: pm, to: po, artifact: Brief, stage: ideation}
    """,
)
def unknown_stage(ctx: Context) -> Iterator[Problem]:
    """Responsibilities and handoffs are placed on the lifecycle by stage id; a stage
    that is not under ``lifecycle.stages`` breaks the flow from ideation to retirement."""
    return ctx.dangling("stage")

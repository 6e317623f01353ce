"""POM410 handoff-stage-missing: A handoff that does not say in which lifecycle stage it happens."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM410",
    "handoff-stage-missing",
    Severity.INFO,
    "A handoff that does not say in which lifecycle stage it happens.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
    good="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
)
def handoff_stage_missing(ctx: Context) -> Iterator[Problem]:
    """A handoff's ``stage:`` places it on the lifecycle. Without it the handoff still
    counts for the flow between roles (POM402, POM404), but no stage is reached by it
    (POM403) and it is not compared for ping-pong (POM405). Applies when the lifecycle
    has stages. Reported at the handoff. Add the stage in which the work changes hands.
    A ``stage:`` that is written but invalid is reported by the structure rules (POM1xx),
    not here."""
    model = ctx.model
    if not model.lifecycle.stages:
        return
    for i, handoff in enumerate(model.handoffs):
        if handoff.stage is None and not ctx.holes.written(("handoffs", i, "stage")):
            yield Problem(
                ("handoffs", i),
                f"{label(handoff)} ('{handoff.artifact}') names no lifecycle stage",
                "add `stage:` with the id of the stage in which the work changes hands",
            )

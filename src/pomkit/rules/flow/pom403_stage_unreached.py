"""POM403 stage-unreached: A lifecycle stage (after the first) in which no handoff happens."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.flow import phase_text
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM403",
    "stage-unreached",
    Severity.WARNING,
    "A lifecycle stage (after the first) in which no handoff happens.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: delivery}
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
def stage_unreached(ctx: Context) -> Iterator[Problem]:
    """Every stage after the first must receive work from somewhere: a stage is reached
    when at least one handoff names it in ``stage:``. A stage no handoff happens in is a
    step of the lifecycle that the model does not say how work gets into — often a
    handoff filed under the wrong stage.

    Applies when the model has handoffs (the first stage is where work starts and is not
    checked). Reported at the stage. Add a handoff with ``stage:`` set to the stage,
    usually from the owner of the stage before to the owner of this one, or remove a
    stage nobody works in. A stage is not reported while a handoff that could happen in
    it cannot be read because of a structure error (POM1xx)."""
    model = ctx.model
    flow = ctx.flow
    if not model.handoffs:
        return
    for n, (i, stage) in enumerate(flow.stages):
        if n == 0 or flow.by_stage.get(stage.id) or ctx.facts.could_happen_in(stage.id):
            continue
        before = flow.stages[n - 1][1]
        example = ""
        if before.owner is not None and stage.owner not in (None, before.owner):
            example = f", e.g. {{from: {before.owner}, to: {stage.owner}, stage: {stage.id}}}"
        yield Problem(
            ("lifecycle", "stages", i),
            f"no handoff happens in {phase_text(stage)}: the model does not say how work "
            f"reaches it after stage '{before.id}'",
            f"add a handoff with `stage: {stage.id}`{example}, or move a handoff filed "
            "under another stage",
        )

"""POM306 stage-without-work: A lifecycle stage has no responsibility placed on it."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.text import names
from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM306",
    "stage-without-work",
    Severity.WARNING,
    "A lifecycle stage has no responsibility placed on it.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, accountable: pm,
         responsible: [lead]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
)
def stage_without_work(ctx: Context) -> Iterator[Problem]:
    """A lifecycle stage on which no activity happens is either missing its work in the
    RACI or not a real stage of this product. Retirement is the classic gap: every
    model lists it, few say who migrates the users.

    Reported for each stage under ``lifecycle.stages`` that no responsibility names in
    its ``stage``. When responsibilities exist but none is placed on any stage, one
    finding at ``responsibilities`` says so instead of one per stage. A model with no
    responsibilities at all is left to POM304. A stage is not reported while a
    responsibility that could be placed on it cannot be read because of a structure error
    (POM1xx); the other stages are still judged."""
    model = ctx.model
    if not model.responsibilities or not model.lifecycle.stages:
        return
    facts = ctx.facts
    by_stage = ctx.org.by_stage
    if not by_stage:
        if ctx.holes.any and facts.could_cover("stage", None):
            return
        yield Problem(
            ("responsibilities",),
            "no responsibility names a lifecycle stage, so the RACI says nothing about "
            "who works at which stage of the lifecycle",
            "place each responsibility on a stage with `stage: <id>` (stages: "
            + names([s.id for s in model.lifecycle.stages])
            + ")",
        )
        return
    for i, stage in enumerate(model.lifecycle.stages):
        if not by_stage.get(stage.id) and not facts.could_cover("stage", stage.id):
            yield Problem(
                ("lifecycle", "stages", i),
                f"no responsibility is placed on lifecycle {label(stage)}: the RACI names "
                "no work for it",
                f"add a responsibility with `stage: {stage.id}`, or remove the stage if "
                "the product does not go through it",
            )

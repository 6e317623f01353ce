"""POM514 support-stage-unstaffed: No responsibility on a support-phase lifecycle stage has a
responsible role.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.holes import UNKNOWN, View
from pomkit.domain.text import names
from pomkit.domain.vocabulary import Tri
from pomkit.findings import Severity
from pomkit.model import Phase
from pomkit.rules.core import Context, Problem, rule


def _support_stage(view: View) -> Tri:
    """A stage in the support phase (its ``phase``, or its id when it has none)."""
    phase = view.get("phase")
    if phase is UNKNOWN:
        return None
    if phase is not None:
        return phase is Phase.SUPPORT
    ident = view.get("id")
    return None if ident is UNKNOWN else ident == Phase.SUPPORT.value


@rule(
    "POM514",
    "support-stage-unstaffed",
    Severity.WARNING,
    "No responsibility on a support-phase lifecycle stage has a responsible role.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: delivery,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback,
         stage: development, accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
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
      - {id: gather-feedback, activity: Gather feedback, element: feedback,
         stage: development, accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
)
def support_stage_unstaffed(ctx: Context) -> Iterator[Problem]:
    """Support tiers promise response and resolution times; somebody has to do that
    work once the product is live. The lifecycle's support stage is where the RACI says
    who does.

    A stage is a support stage when its ``phase`` is ``support`` (or, without a
    ``phase``, its id is ``support``). The rule applies when the model has support
    tiers or a support stage, and reports:

    - when there are tiers but no support stage at all, once at ``lifecycle.stages``:
      the lifecycle does not show where the product is run and supported;
    - otherwise, when no responsibility placed on a support stage (``stage: <id>``)
      lists a ``responsible`` role, once at the first support stage.

    Not reported while a lifecycle stage that could be a support stage, or a
    responsibility that could be its staffed work, cannot be read because of a
    structure error (POM1xx)."""
    model = ctx.model
    org = ctx.org
    stages = org.stages_in_phase(Phase.SUPPORT)
    tiers = model.support.tiers
    if not stages:
        if tiers and ctx.facts.exists("stage", _support_stage) is False:
            yield Problem(
                ("lifecycle", "stages"),
                f"the model has support tiers ({names([t.id for t in tiers], 3)}) but no "
                "lifecycle stage in the support phase, so the lifecycle does not say who "
                "runs and supports the live product",
                "add a lifecycle stage with `phase: support` and an owner, and place the "
                "support work on it with `stage: <id>`",
            )
        return
    staffed = any(
        model.responsibilities[i].responsible for s in stages for i in org.by_stage.get(s.id, ())
    )
    if staffed or any(ctx.facts.could_cover("stage", s.id) for s in stages):
        return
    first = stages[0]
    index = next(i for i, s in enumerate(model.lifecycle.stages) if s is first)
    shown = names([s.id for s in stages], 3)
    yield Problem(
        ("lifecycle", "stages", index),
        f"no responsibility on support stage(s) {shown} has a responsible role: nobody "
        "is named to answer tickets or keep the product running",
        f"add a responsibility with `stage: {first.id}` (e.g. answering tickets) and list "
        "who does it under `responsible:`",
    )

"""POM514 support-stage-unstaffed: Nobody is responsible for support work on the lifecycle stages
where support happens.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.facts import Facts
from pomkit.domain.holes import UNKNOWN, View, tri_any
from pomkit.domain.text import names
from pomkit.domain.vocabulary import Tri, tri_all
from pomkit.findings import Severity
from pomkit.model import Element, Phase
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


def _support_work(view: View) -> Tri:
    """A responsibility with ``element: support``."""
    element = view.get("element")
    return None if element is UNKNOWN else element is Element.SUPPORT


class _Stages:
    """Which lifecycle stages (kept or left out) are in the support phase, by id."""

    def __init__(self, facts: Facts) -> None:
        self.phase: dict[str, Tri] = {}
        for view in facts.views("stage"):
            if view.ident is not None:
                self.phase.setdefault(view.ident, _support_stage(view))
        self.lost = facts.section_lost("stage")

    def stage_of(self, view: View) -> tuple[bool, str | None]:
        """Whether the responsibility's stage is known, and the stage (``None``: none
        written). Unknown: unreadable, or a name no stage has — POM203's, and the stage
        meant could be any."""
        stage = view.get("stage")
        if stage is UNKNOWN:
            return False, None
        if stage is None:
            return True, None
        return (stage in self.phase and not self.lost), str(stage)

    def placed_support_work(self, view: View) -> Tri:
        """Support work placed on a lifecycle stage."""
        known, stage = self.stage_of(view)
        return tri_all(_support_work(view), stage is not None if known else None)

    def staffs(self, view: View) -> Tri:
        """A responsibility with a responsible role, on a support-phase stage or — as
        support work — on any stage (which makes it a stage where support happens)."""
        responsible = view.get("responsible")
        if responsible is UNKNOWN:
            return None
        staffed: Tri = True if responsible else (None if view.lost("responsible") else False)
        known, stage = self.stage_of(view)
        if not known:
            return tri_all(staffed, None)
        if stage is None:
            return False
        return tri_all(staffed, tri_any([self.phase.get(stage, False), _support_work(view)]))


@rule(
    "POM514",
    "support-stage-unstaffed",
    Severity.WARNING,
    "Nobody is responsible for support work on the lifecycle stages where support happens.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support,
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
    work once the product is live, and the lifecycle is where the RACI says who does.

    Support happens on a lifecycle stage when its ``phase`` is ``support`` (or, without
    a ``phase``, its id is ``support``), **or** when support work — a responsibility with
    ``element: support`` — is placed on it (``stage: <id>``): a small company that
    answers tickets in its growth stage supports its product there. The support work
    is staffed when a responsibility with a ``responsible`` role is placed on a
    support-phase stage, or is support work placed on a stage where support happens.
    The rule applies when the model has support tiers or such a stage, and reports:

    - when there are tiers but support happens on no stage, once at
      ``lifecycle.stages``: the lifecycle does not show where the product is run and
      supported;
    - otherwise, when the support work is not staffed, once at the first stage where
      support happens.

    Not reported while a lifecycle stage or a responsibility that could change the
    answer cannot be read because of a structure error (POM1xx), nor when support work
    names a stage that is not defined (POM203's finding: the stage meant could be any)."""
    model = ctx.model
    facts = ctx.facts
    stages = _Stages(facts)
    tiers = model.support.tiers
    hosting = {
        r.stage
        for r in model.responsibilities
        if r.element is Element.SUPPORT and r.stage is not None
    }
    where = [
        (i, s)
        for i, s in enumerate(model.lifecycle.stages)
        if s.effective_phase is Phase.SUPPORT or s.id in hosting
    ]
    if not where:
        if (
            tiers
            and facts.exists("stage", _support_stage) is False
            and facts.exists("responsibility", stages.placed_support_work) is False
        ):
            yield Problem(
                ("lifecycle", "stages"),
                f"the model has support tiers ({names([t.id for t in tiers], 3)}) but no "
                "lifecycle stage in the support phase and no support work (`element: "
                "support`) placed on a stage, so the lifecycle does not say who runs and "
                "supports the live product",
                "add a lifecycle stage with `phase: support` and an owner, or place the "
                "support responsibilities on the stage where support happens with "
                "`stage: <id>`",
            )
        return
    if facts.exists("responsibility", stages.staffs) is not False:
        return
    index, first = where[0]
    shown = names(list(dict.fromkeys(s.id for _, s in where)), 3)
    yield Problem(
        ("lifecycle", "stages", index),
        f"no responsibility on the stage(s) where support happens ({shown}) has a "
        "responsible role: nobody is named to answer tickets or keep the product running",
        f"add a responsibility with `element: support` and `stage: {first.id}` (e.g. "
        "answering tickets) and list who does it under `responsible:`",
    )

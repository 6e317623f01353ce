"""POM401 stages-out-of-order: A lifecycle stage whose phase comes before the phase of an earlier
stage.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.flow import PHASE_RANK, phase_text
from pomkit.findings import ModelPath, Severity
from pomkit.model import Phase, Stage
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM401",
    "stages-out-of-order",
    Severity.ERROR,
    "A lifecycle stage whose phase comes before the phase of an earlier stage.",
    bad="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: build, name: Build, owner: po, phase: development}
        - {id: ship, name: Ship, owner: lead, phase: delivery}
        - {id: shape, name: Shape the bet, owner: pm, phase: planning}
        - {id: retirement, name: Retirement, owner: pm}
    """,
    good="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: shape, name: Shape the bet, owner: pm, phase: planning}
        - {id: build, name: Build, owner: po, phase: development}
        - {id: ship, name: Ship, owner: lead, phase: delivery}
        - {id: retirement, name: Retirement, owner: pm}
    """,
)
def stages_out_of_order(ctx: Context) -> Iterator[Problem]:
    """``lifecycle.stages`` is ordered: work moves from the first stage to the last, and
    the flow rules (POM402–POM405) read that order. Each stage has a phase — its
    ``phase:``, or its id when the id is a phase name — and the phases go ideation,
    discovery, planning, development, delivery, support, growth, retirement.

    A stage is reported when its phase comes *before* the phase of some earlier stage
    (several stages may share a phase; stages without a phase are not compared). The
    message names the earlier stage it should precede. Reported at the stage's ``phase:``
    (or at the stage, when its phase is its id). Move the stage to its place in the list,
    or correct its ``phase:``."""
    #: The earlier stage with the latest phase so far, and that phase.
    latest: tuple[Stage, Phase] | None = None
    for i, stage in ctx.flow.stages:
        phase = stage.effective_phase
        if phase is None:
            continue
        if latest is None or PHASE_RANK[phase] >= PHASE_RANK[latest[1]]:
            latest = (stage, phase)
            continue
        earlier, earlier_phase = latest
        path: ModelPath = ("lifecycle", "stages", i)
        if stage.phase is not None:
            path = (*path, "phase")
        yield Problem(
            path,
            f"{phase_text(stage)} comes after {phase_text(earlier)}: "
            f"{phase.value} comes before {earlier_phase.value} in the lifecycle",
            f"move stage '{stage.id}' before stage '{earlier.id}' in lifecycle.stages, "
            "or correct its phase",
        )

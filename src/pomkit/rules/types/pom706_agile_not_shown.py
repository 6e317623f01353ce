"""POM706 agile-not-shown: The model says it is agile, but lacks an agile framework, a short
iteration, a review or a retrospective.
"""

from collections.abc import Iterator

from pydantic import Field

from pomkit.domain.archetypes import (
    Limits,
    claimed,
    criteria,
    not_shown,
)
from pomkit.domain.principles import ITERATION_LIMIT, unmet
from pomkit.domain.vocabulary import AGILE_FRAMEWORK_TEXT
from pomkit.durations import Duration
from pomkit.findings import Severity
from pomkit.model import Archetype, ModelType
from pomkit.rules.core import Context, Options, Problem, rule


class AgileOptions(Options):
    max_iteration: Duration = Field(
        ITERATION_LIMIT,
        description="The longest iteration that still counts as short (a duration).",
    )


@rule(
    "POM706",
    "agile-not-shown",
    Severity.WARNING,
    "The model says it is agile, but lacks an agile framework, a short iteration, a review "
    "or a retrospective.",
    bad="""
    methodology:
      framework: custom
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
    """,
    good="""
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: review, name: Sprint review, type: review, cadence: 2w, facilitator: po,
           participants: [devs, pm]}
        - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
    """,
    options=AgileOptions,
)
def agile_not_shown(ctx: Context) -> Iterator[Problem]:
    """An **agile** model (type ``agile`` or archetype ``agile``) works in short
    iterations with regular inspection.

    Criteria (all must hold):

    - an agile framework: ``methodology.framework`` is ``scrum``, ``kanban``,
      ``scrumban``, ``shape-up`` or ``safe`` (``lean`` and ``custom`` do not count);
    - an ``iteration`` of at most ``max_iteration`` (default ``4w``), waived for
      ``kanban``, which has no iterations;
    - a review ceremony (``type: review`` or ``demo``);
    - a retrospective ceremony (``type: retrospective``).

    Applies when ``type: agile`` or ``archetypes`` include ``agile``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, ModelType.AGILE, Archetype.AGILE)
    if path is None:
        return
    longest = ctx.settings(AgileOptions).max_iteration
    missing = unmet(
        criteria(
            ctx.facts,
            ModelType.AGILE,
            Limits(max_iteration=ctx.settings(AgileOptions).max_iteration),
        )
    )
    if missing:
        yield Problem(
            path,
            not_shown(path, "agile", missing),
            f"use an agile framework ({AGILE_FRAMEWORK_TEXT}) with iterations of {longest} or "
            "less, and ceremonies of type review and retrospective",
        )

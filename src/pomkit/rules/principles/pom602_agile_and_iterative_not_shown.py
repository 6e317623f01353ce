"""POM602 agile-and-iterative-not-shown: Agile and iterative is declared, but the methodology lacks
an agile framework, a short iteration or a review.
"""

from collections.abc import Iterator

from pydantic import Field

from pomkit.domain.principles import (
    ITERATION_LIMIT,
    Limits,
    criteria,
    declared,
    not_shown,
    unmet,
)
from pomkit.domain.vocabulary import AGILE_FRAMEWORK_TEXT
from pomkit.durations import Duration
from pomkit.findings import Severity
from pomkit.model import PrincipleId
from pomkit.rules.core import Context, Options, Problem, rule


class AgileOptions(Options):
    max_iteration: Duration = Field(
        ITERATION_LIMIT,
        description="The longest iteration that still counts as short (a duration).",
    )


@rule(
    "POM602",
    "agile-and-iterative-not-shown",
    Severity.WARNING,
    "Agile and iterative is declared, but the methodology lacks an agile framework, a short "
    "iteration or a review.",
    bad="""
    principles:
      - {id: agile-and-iterative, evidence: [ceremony:planning]}
    methodology:
      framework: lean
      iteration: 6w
      ceremonies:
        - {id: planning, name: Planning, type: planning, cadence: 6w, facilitator: sm,
           participants: [po, devs]}
    """,
    good="""
    principles:
      - {id: agile-and-iterative, evidence: [ceremony:review]}
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: review, name: Sprint review, type: review, cadence: 2w, facilitator: po,
           participants: [devs, pm]}
    """,
    options=AgileOptions,
)
def agile_and_iterative_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **agile-and-iterative** must work in short, inspected
    increments.

    Criteria (all must hold):

    - an **agile framework**: ``methodology.framework`` is ``scrum``, ``kanban``,
      ``scrumban``, ``shape-up`` or ``safe`` (``lean`` and ``custom`` do not count);
    - an ``iteration`` of at most ``max_iteration`` (default ``4w``). Kanban has no
      iterations, so this criterion is waived for ``kanban``;
    - a **review ceremony**: a ceremony of ``type`` ``review`` or ``demo``, where the
      increment is shown and the plan adapted.

    Reported at the principle, listing what is missing.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    principle = PrincipleId.AGILE_AND_ITERATIVE
    longest = ctx.settings(AgileOptions).max_iteration
    missing: list[str] | None = None
    for path in declared(ctx.model, principle):
        if missing is None:
            missing = unmet(criteria(ctx.facts, principle, Limits(max_iteration=longest)))
        if missing:
            yield Problem(
                path,
                not_shown(principle, missing),
                f"use an agile framework ({AGILE_FRAMEWORK_TEXT}) with iterations of {longest} or "
                "less and a ceremony of type review, or drop the principle",
            )

"""POM605 continuous-improvement-not-shown: Continuous improvement is declared, but no
retrospective ceremony exists.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.principles import (
    Limits,
    criteria,
    declared,
    not_shown,
    unmet,
)
from pomkit.findings import Severity
from pomkit.model import PrincipleId
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM605",
    "continuous-improvement-not-shown",
    Severity.WARNING,
    "Continuous improvement is declared, but no retrospective ceremony exists.",
    bad="""
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: retro, name: Team chat, type: sync, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
    """,
    good="""
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
    """,
)
def continuous_improvement_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **continuous-improvement** must have a regular place where
    teams reflect on how they work.

    Criterion: at least one ceremony under ``methodology.ceremonies`` of type
    ``retrospective`` — its ``type``, or, when it has none, the type its id or name
    gives (``retro``, ``Team retrospective``, ``Inspect & Adapt``; see the README's
    "Types and categories read from names"). When no ceremony is one, the message
    names the ceremonies whose type is neither written nor readable from the name.

    Reported at the principle.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    principle = PrincipleId.CONTINUOUS_IMPROVEMENT
    missing: list[str] | None = None
    for path in declared(ctx.model, principle):
        if missing is None:
            missing = unmet(criteria(ctx.facts, principle, Limits()))
        if missing:
            yield Problem(
                path,
                not_shown(principle, missing),
                "add a ceremony with type: retrospective (e.g. every iteration), or set the type "
                "of the ceremony that is one",
            )

"""POM607 scalability-not-shown: Scalability and flexibility is declared, but a role is overloaded
or a stream-aligned team owns no decision.
"""

from collections.abc import Iterator

from pydantic import Field

from pomkit.domain.principles import (
    Limits,
    criteria,
    declared,
    not_shown,
    unmet,
)
from pomkit.findings import Severity
from pomkit.model import PrincipleId
from pomkit.rules.core import Context, Options, Problem, rule


class ScalabilityOptions(Options):
    max_share: float = Field(
        0.25,
        gt=0,
        le=1,
        description="The largest share of all responsibilities one role may answer for (0–1).",
    )
    min_responsibilities: int = Field(
        10,
        ge=1,
        le=1_000_000,
        description="Judge only models with at least this many responsibilities.",
    )
    min_accountable: int = Field(
        6,
        ge=1,
        le=1_000_000,
        description="Count as overloaded only roles accountable for at least this many.",
    )


@rule(
    "POM607",
    "scalability-not-shown",
    Severity.WARNING,
    "Scalability and flexibility is declared, but a role is overloaded or a stream-aligned "
    "team owns no decision.",
    bad="""
    principles:
      - {id: scalability-and-flexibility, evidence: [team:core]}
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: growth, name: Growth team, type: stream-aligned}
    """,
    good="""
    principles:
      - {id: scalability-and-flexibility, evidence: [team:core]}
    teams:
      - {id: core, name: Core team, type: stream-aligned}
    """,
    options=ScalabilityOptions,
)
def scalability_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **scalability-and-flexibility** must be able to grow
    without a bottleneck: decisions are spread, and the teams that deliver own them.

    Criteria (both must hold):

    - **no overloaded role**: no role is accountable for at least ``min_accountable``
      (default ``6``) responsibilities and more than ``max_share`` (default ``0.25``) of
      all of them — the thresholds of the RACI overload check (POM307), judged likewise
      only in models with at least ``min_responsibilities`` (default ``10``)
      responsibilities;
    - **stream-aligned teams own decisions**: every team of ``type: stream-aligned``
      has a role of its own (``role.team``) that is ``accountable`` for at least one
      responsibility. (A model without stream-aligned teams passes this criterion.)

    Reported at the principle, naming the overloaded roles and the teams.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    principle = PrincipleId.SCALABILITY_AND_FLEXIBILITY
    options = ctx.settings(ScalabilityOptions)
    missing: list[str] | None = None
    for path in declared(ctx.model, principle):
        if missing is None:
            missing = unmet(
                criteria(
                    ctx.facts,
                    principle,
                    Limits(
                        max_share=options.max_share,
                        min_responsibilities=options.min_responsibilities,
                        min_accountable=options.min_accountable,
                    ),
                )
            )
        if missing:
            yield Problem(
                path,
                not_shown(principle, missing),
                "spread accountability: make a role of each stream-aligned team accountable for "
                "its own work, and move decisions away from overloaded roles",
            )

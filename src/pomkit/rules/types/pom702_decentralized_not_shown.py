"""POM702 decentralized-not-shown: The model says it is decentralized, but a stream-aligned team
has no product owner or manager of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.archetypes import (
    Limits,
    claimed,
    criteria,
    not_shown,
)
from pomkit.domain.principles import unmet
from pomkit.findings import Severity
from pomkit.model import ModelType
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM702",
    "decentralized-not-shown",
    Severity.WARNING,
    "The model says it is decentralized, but a stream-aligned team has no product owner "
    "or manager of its own.",
    bad="""
    type: decentralized
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: growth, name: Growth team, type: stream-aligned}
    """,
    good="""
    type: decentralized
    teams:
      - {id: core, name: Core team, type: stream-aligned}
    """,
)
def decentralized_not_shown(ctx: Context) -> Iterator[Problem]:
    """In a **decentralized** model product decisions are distributed to the teams that
    deliver.

    Criterion: there is at least one team of ``type: stream-aligned``, and every such
    team has a role of its own (``role.team`` is the team) of kind ``product-owner`` or
    ``product-manager``. Roles of a parent team do not count.

    Applies when ``type: decentralized``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, ModelType.DECENTRALIZED)
    if path is None:
        return
    missing = unmet(criteria(ctx.facts, ModelType.DECENTRALIZED, Limits()))
    if missing:
        yield Problem(
            path,
            not_shown(path, "decentralized", missing),
            "give each stream-aligned team a role of kind product-owner or product-manager "
            "(role.team set to the team)",
        )

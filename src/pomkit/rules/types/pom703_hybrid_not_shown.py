"""POM703 hybrid-not-shown: The model says it is hybrid, but strategy is not held by one team or no
stream-aligned team decides anything.
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
    "POM703",
    "hybrid-not-shown",
    Severity.WARNING,
    "The model says it is hybrid, but strategy is not held by one team or no "
    "stream-aligned team decides anything.",
    bad="""
    type: hybrid
    teams:
      - {id: core, name: Core team, type: stream-aligned}
    """,
    good="""
    type: hybrid
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: office, name: Product office, type: enabling}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: office}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def hybrid_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **hybrid** model centralizes some functions for consistency and decentralizes
    others for speed: here, strategy is central and delivery teams decide their own
    work.

    Criteria (both must hold):

    - every responsibility with ``element: strategy`` is ``accountable`` to roles of
      **one team** (a role without a team counts as "no team");
    - at least one team of ``type: stream-aligned`` **other than** that strategy team
      has a role of its own that is ``accountable`` for at least one responsibility.

    Applies when ``type: hybrid``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, ModelType.HYBRID)
    if path is None:
        return
    missing = unmet(criteria(ctx.facts, ModelType.HYBRID, Limits()))
    if missing:
        yield Problem(
            path,
            not_shown(path, "hybrid", missing),
            "keep strategy accountable in one team and make roles of the stream-aligned teams "
            "accountable for their own delivery, or change the type",
        )

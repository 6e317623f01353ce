"""POM701 centralized-not-shown: The model says it is centralized, but strategy and release
decisions are accountable in more than one team.
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
    "POM701",
    "centralized-not-shown",
    Severity.WARNING,
    "The model says it is centralized, but strategy and release decisions are accountable "
    "in more than one team.",
    bad="""
    type: centralized
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: ops, name: Operations, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: ops}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: ops}
    """,
    good="""
    type: centralized
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: ops, name: Operations, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: ops}
    """,
)
def centralized_not_shown(ctx: Context) -> Iterator[Problem]:
    """In a **centralized** model one team or department owns product decisions.

    Criterion: every responsibility with ``element: strategy`` or ``element: release``
    is ``accountable`` to a role of **one and the same team**. A role without a
    ``team`` counts as "no team" and breaks the criterion; a model with no strategy or
    release responsibility shows no decisions at all and is reported too.

    Applies when ``type: centralized``. The message lists where the decisions sit, team
    by team; make one team accountable for them (the others stay responsible or
    consulted), or declare the type the organisation really has (``hybrid``,
    ``decentralized``).

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, ModelType.CENTRALIZED)
    if path is None:
        return
    missing = unmet(criteria(ctx.facts, ModelType.CENTRALIZED, Limits()))
    if missing:
        yield Problem(
            path,
            not_shown(path, "centralized", missing),
            "make roles of one team accountable for every strategy and release responsibility "
            "(others can stay responsible or consulted), or change the type",
        )

"""POM704 platform-not-shown: The model says it is platform-based, but lacks a platform team,
consuming stream-aligned teams, or a link between them.
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
from pomkit.model import Archetype, ModelType
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM704",
    "platform-not-shown",
    Severity.WARNING,
    "The model says it is platform-based, but lacks a platform team, consuming "
    "stream-aligned teams, or a link between them.",
    bad="""
    type: platform
    archetypes: [platform]
    """,
    good="""
    type: platform
    archetypes: [platform]
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: paved-road, name: Paved road, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Platform lead, kind: technical-architect, team: paved-road}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def platform_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **platform** model (type ``platform`` or archetype ``platform``) builds a core
    platform that other teams build on.

    Criteria (all must hold):

    - a team of ``type: platform``;
    - at least one team of ``type: stream-aligned`` (the consumers);
    - a link between them: a handoff between a role of a platform team and a role of a
      stream-aligned team (either direction), or a ritual or ceremony attended by
      both (a team listed in a ritual stands for all its roles).

    Applies when ``type: platform`` or ``archetypes`` include ``platform``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, ModelType.PLATFORM, Archetype.PLATFORM)
    if path is None:
        return
    missing = unmet(criteria(ctx.facts, ModelType.PLATFORM, Limits()))
    if missing:
        yield Problem(
            path,
            not_shown(path, "platform", missing),
            "add a team of type platform, the stream-aligned teams that use it, and a handoff "
            "or ritual (e.g. a platform consumer sync) between their roles",
        )

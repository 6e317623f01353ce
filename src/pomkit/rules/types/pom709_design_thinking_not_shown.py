"""POM709 design-thinking-not-shown: The model says it follows design thinking, but no designer
owns a discovery stage or no customer research feeds the work.
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
from pomkit.model import Archetype
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM709",
    "design-thinking-not-shown",
    Severity.WARNING,
    "The model says it follows design thinking, but no designer owns a discovery stage or "
    "no customer research feeds the work.",
    bad="""
    archetypes: [design-thinking]
    """,
    good="""
    archetypes: [design-thinking]
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: discovery, name: Discovery, owner: ux}
        - {id: development, name: Development, owner: po}
        - {id: delivery, name: Delivery, owner: lead}
        - {id: support, name: Support, owner: support-lead}
        - {id: retirement, name: Retirement, owner: pm}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: ux, title: Product designer, kind: ux-ui-designer, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def design_thinking_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **design-thinking** model starts from research with users, led by design.

    Criteria (both must hold):

    - a lifecycle stage in phase ``discovery`` (its ``phase``, or its id when that is a
      phase name) whose ``owner`` is a role of kind ``ux-ui-designer``;
    - a customer research loop: a feedback loop with ``source: customers`` whose
      ``feeds`` include ``discovery``, ``backlog`` or ``roadmap``.

    Applies when ``archetypes`` include ``design-thinking``.

    A criterion that reads an item left out of the model for a structure error (POM1xx)
    is not judged; the others still are."""
    path = claimed(ctx.facts, archetype=Archetype.DESIGN_THINKING)
    if path is None:
        return
    missing = unmet(criteria(ctx.facts, Archetype.DESIGN_THINKING, Limits()))
    if missing:
        yield Problem(
            path,
            not_shown(path, "design-thinking", missing),
            "let a ux-ui-designer role own the discovery stage, and feed research with "
            "customers into discovery or the backlog",
        )

"""POM213 team-parent-cycle: Teams belong to each other in a cycle, so the team tree has no
root.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.organisation import find_cycle, link_to_fix
from pomkit.domain.text import cycle_text
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM213",
    "team-parent-cycle",
    Severity.ERROR,
    "Teams belong to each other in a cycle, so the team tree has no root.",
    bad="""
    teams:
      - {id: product, name: Product group, type: enabling, parent: core}
      - {id: core, name: Core team, type: stream-aligned, parent: product}
    """,
    good="""
    teams:
      - {id: product, name: Product group, type: enabling}
      - {id: core, name: Core team, type: stream-aligned, parent: product}
    """,
)
def team_parent_cycle(ctx: Context) -> Iterator[Problem]:
    """Following ``parent`` upwards must end at a team that belongs to no other — the root
    of the team tree. When the links come back to a team already passed — A belongs to
    B, B belongs to A — the tree has no root: the report cannot draw it, and a ritual of
    either team counts every team of the cycle as its sub-team. It is an error: the
    model contradicts itself.

    Reported once per cycle, naming the teams in ``parent`` order from the one listed
    first under ``teams:`` (a team that is its own parent is a cycle of one; a long
    cycle is shortened with …). The finding points at the link to fix: the ``parent`` of
    the cycle's team with more sub-teams than any other in the cycle — the real root,
    given a parent by mistake — or, when none stands out, the link that goes back to the
    team listed first, as POM509 does for support tiers. A ``parent`` naming an
    undefined team is POM202's. Each team has at most one parent, so the check follows
    each chain once and is linear in the number of teams."""
    org = ctx.org
    for cycle in find_cycle(org.parent_of, org.team_index):
        head = cycle[0]
        start, end = link_to_fix(cycle, org.parent_of)
        what = (
            f"team '{head}' is its own parent"
            if len(cycle) == 1
            else f"teams belong to each other in a cycle: {cycle_text(cycle, 'teams')}"
        )
        yield Problem(
            ("teams", org.team_index[start], "parent"),
            f"{what}, so the team tree has no root",
            (
                f"remove this `parent`, or name the team '{start}' belongs to"
                if start == end
                else f"remove or redirect this `parent` from '{start}' to '{end}', so that "
                "the tree ends at a team that belongs to no other"
            ),
        )

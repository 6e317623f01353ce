"""POM201 unknown-role: A reference to a role (or, for ritual participants, a team) that is not
defined.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM201",
    "unknown-role",
    Severity.ERROR,
    "A reference to a role (or, for ritual participants, a team) that is not defined.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy,
         accountable: product-lead, responsible: [pm]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy,
         accountable: pm, responsible: [pm]}
    """,
)
def unknown_role(ctx: Context) -> Iterator[Problem]:
    """Owners, accountable and responsible roles, participants, facilitators, approvers
    and handoff ends all name roles by id. A name that matches no role means a RACI or
    a handoff that nobody can act on — usually a typo or a role that was renamed. The
    hint suggests the nearest defined role."""
    return ctx.dangling("role", "member")

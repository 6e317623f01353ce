"""POM202 unknown-team: A reference to a team that is not defined."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM202",
    "unknown-team",
    Severity.ERROR,
    "A reference to a team that is not defined.",
    bad="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: growth}
    """,
    good="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
    """,
)
def unknown_team(ctx: Context) -> Iterator[Problem]:
    """A role's ``team``, a team's ``parent`` and ``team:`` typed references must name a
    team under ``teams:``; otherwise team-level checks (who owns decisions, which teams
    meet) cannot see the role."""
    return ctx.dangling("team")

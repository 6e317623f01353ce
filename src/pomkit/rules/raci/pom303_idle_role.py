"""POM303 idle-role: A role is neither accountable nor responsible for any responsibility."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.text import names
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM303",
    "idle-role",
    Severity.WARNING,
    "A role is neither accountable nor responsible for any responsibility.",
    bad="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
      - {id: analyst, title: Business analyst, kind: business-analyst, team: core}
    """,
    good="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def idle_role(ctx: Context) -> Iterator[Problem]:
    """Every role in the model should carry at least one activity. A role that is never
    accountable nor responsible — at most consulted or informed — has no defined work in
    the operating model: either its work is missing from the RACI, or the role is not
    needed.

    Reported for each role under ``roles`` that is not the ``accountable`` role and not
    in the ``responsible`` list of any responsibility. Owning a lifecycle stage, a KPI or
    a support tier does not count: those are reviewed by their own rules, and the work
    behind them belongs in the RACI. A model with no responsibilities at all is left to
    POM304. A role is not reported while a responsibility that could name it cannot be
    read because of a structure error (POM1xx): the broken item may be the one that gives
    the role its work. Every other role is still judged."""
    model = ctx.model
    if not model.responsibilities and not ctx.holes.dropped("responsibility"):
        return
    org = ctx.org
    facts = ctx.facts
    for role, i in org.role_index.items():
        if org.carries(role) or facts.could_involve(role):
            continue
        other = sorted({a.responsibility.id for a in org.assignments.get(role, ())})
        also = f" (only consulted or informed on {names(other, 3)})" if other else ""
        yield Problem(
            ("roles", i),
            f"role '{role}' is neither accountable nor responsible for any responsibility{also}",
            "make it accountable or responsible for the activities it carries under "
            "`responsibilities:`, or remove the role if the model does not need it",
        )

"""POM212 reports-to-cycle: Roles report to each other in a cycle, so the reporting line has no
top.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.organisation import find_cycle, link_to_fix
from pomkit.domain.text import cycle_text
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM212",
    "reports-to-cycle",
    Severity.ERROR,
    "Roles report to each other in a cycle, so the reporting line has no top.",
    bad="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core, reports_to: lead}
      - {id: po, title: Product owner, kind: product-owner, team: core, reports_to: pm}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core, reports_to: po}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5,
         reports_to: lead}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core, reports_to: sm}
      - {id: support-lead, title: Support lead, kind: custom, team: core, reports_to: pm}
    """,
    good="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core, reports_to: pm}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core, reports_to: pm}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5,
         reports_to: lead}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core, reports_to: lead}
      - {id: support-lead, title: Support lead, kind: custom, team: core, reports_to: pm}
    """,
)
def reports_to_cycle(ctx: Context) -> Iterator[Problem]:
    """Following ``reports_to`` upwards must end at a role that reports to no one in the
    model (the head of the organisation, or someone outside it). When the links come
    back to a role already passed — A reports to B, B reports to A — the organisation
    chart has no top, nobody has the last word, and no tree of it can be drawn. It is an
    error: the model contradicts itself.

    Reported once per cycle, naming the roles in reporting order from the one listed
    first under ``roles:`` (a role reporting to itself is a cycle of one; a long cycle
    is shortened with …). The finding points at the link to fix: the ``reports_to`` of
    the cycle's role that more roles report to than to any other in the cycle — the real
    head, given a manager by mistake — or, when none stands out, the link that goes back
    to the role listed first, as POM509 does for support tiers. A ``reports_to`` naming
    an undefined role is POM201's. Each role has at most one line manager, so the check
    follows each chain once and is linear in the number of roles."""
    org = ctx.org
    for cycle in find_cycle(org.line_manager, org.role_index):
        head = cycle[0]
        start, end = link_to_fix(cycle, org.line_manager)
        what = (
            f"role '{head}' reports to itself"
            if len(cycle) == 1
            else f"roles report to each other in a cycle: {cycle_text(cycle, 'roles')}"
        )
        yield Problem(
            ("roles", org.role_index[start], "reports_to"),
            f"{what}, so the reporting line has no top",
            (
                f"remove this `reports_to`, or name the role '{start}' reports to"
                if start == end
                else f"remove or redirect this `reports_to` from '{start}' to '{end}', so "
                "that the line ends at a role that reports to no one in the model"
            ),
        )

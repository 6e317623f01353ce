"""POM407 single-point-of-failure: A role that every chain of handoffs from the start of the
lifecycle to its end passes through.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from pomkit.domain.flow import role_path, separators
from pomkit.domain.text import names
from pomkit.findings import Severity
from pomkit.rules.core import Context, Options, Problem, rule


class SinglePointOptions(Options):
    min_roles: int = Field(
        4,
        ge=2,
        le=1_000_000,
        description="Judge only flows in which at least this many roles take part in handoffs.",
    )


@rule(
    "POM407",
    "single-point-of-failure",
    Severity.INFO,
    "A role that every chain of handoffs from the start of the lifecycle to its end "
    "passes through.",
    options=SinglePointOptions,
    bad="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: development, name: Development, owner: po}
        - {id: delivery, name: Delivery, owner: lead}
        - {id: support, name: Support, owner: support-lead}
        - {id: retirement, name: Retirement, owner: support-lead}
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: pm, to: devs, artifact: Research findings, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: lead, to: support-lead, artifact: Decommission plan, stage: retirement}
    """,
    good="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: development, name: Development, owner: po}
        - {id: delivery, name: Delivery, owner: lead}
        - {id: support, name: Support, owner: support-lead}
        - {id: retirement, name: Retirement, owner: support-lead}
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: pm, to: devs, artifact: Research findings, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: po, to: support-lead, artifact: Release scope and known issues, stage: support}
      - {from: lead, to: support-lead, artifact: Decommission plan, stage: retirement}
    """,
)
def single_point_of_failure(ctx: Context) -> Iterator[Problem]:
    """Advice, not a defect: a role is a single point of failure when the flow of work
    from the start of the lifecycle to its end cannot avoid it — if it is absent or
    overloaded, nothing gets through.

    Exactly: take the handoffs as links between roles, without direction (self-handoffs
    ignored), and the start and finish roles of POM402 (owner and senders of the first
    stage; owner and receivers of the last). A role is reported when removing it leaves
    no start role linked to a finish role. The start and finish roles themselves are not
    reported (the flow depends on them by definition), nor are roles whose loss only
    cuts off a side branch — a specialist who feeds a single product manager does not
    make that manager a single point of failure of the whole flow. Computed with the
    block-cut tree of the handoff graph (linear).

    Only checked when at least ``min_roles`` roles (default 4) take part in handoffs: in
    a smaller flow every role in the middle is necessarily one. When one role both
    starts and finishes the lifecycle, no other role can be one. Reported at the role's
    definition (undefined roles are left to POM201). Give the work a second path — a
    deputy, a handoff that bypasses the role — or accept it knowingly (for instance with
    a waiver on ``role:<id>``)."""
    import networkx as nx

    model = ctx.model
    flow = ctx.flow
    if not flow.start or not flow.end:
        return
    graph: nx.Graph[str] = nx.Graph()
    for handoff in model.handoffs:
        if handoff.from_ != handoff.to:
            graph.add_edge(handoff.from_, handoff.to)
    if graph.number_of_nodes() < ctx.settings(SinglePointOptions).min_roles:
        return
    # Super-nodes cannot clash with role ids, which are kebab-case.
    source, sink = " start", " end"
    graph.add_edges_from((source, role) for role in flow.start)
    graph.add_edges_from((role, sink) for role in flow.end)
    roles = ctx.org.roles
    cuts = [
        role
        for role in separators(graph, source, sink)
        if role not in flow.start and role not in flow.end and role in roles
    ]
    start, end = names(sorted(flow.start), 4), names(sorted(flow.end), 4)
    for role in sorted(cuts, key=lambda r: (ctx.org.role_index.get(r, len(ctx.org.role_index)), r)):
        yield Problem(
            role_path(ctx.org, role),
            f"role '{role}' is a single point of failure: every chain of handoffs from the "
            f"roles that start the lifecycle ({start}) to those that finish it ({end}) "
            "passes through it",
            f"give the work a second path that does not depend on '{role}' (a deputy, a "
            "handoff that bypasses it), or waive this knowingly",
        )

"""POM402 flow-broken: No chain of handoffs carries work from the first lifecycle stage to the
last.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.flow import reach
from pomkit.domain.text import names
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM402",
    "flow-broken",
    Severity.ERROR,
    "No chain of handoffs carries work from the first lifecycle stage to the last.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: sm, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
    good="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
)
def flow_broken(ctx: Context) -> Iterator[Problem]:
    """Handoffs are how work moves between roles; following them from the start of the
    lifecycle must lead to its end, or the model describes work that stops half-way.

    The roles that *start* the lifecycle are the owner of the first stage and the senders
    of handoffs on the first stage; the roles that *finish* it are the owner of the last
    stage and the receivers of handoffs on the last stage. The rule follows handoffs
    (``from`` → ``to``, in any stage) from the start roles. Reported once, at
    ``handoffs``, when no finishing role is reached through at least one handoff — a role
    that both starts and finishes the lifecycle must still get the work back. The message
    names the furthest stage the reachable handoffs get to, and the hint suggests the
    missing handoff into the next stage.

    One mistake, one finding: when the chain stops right before a stage in which no
    handoff happens at all, that stage is the break, and POM403 reports it at the stage
    (a missing handoff into the last stage is POM403's, not this rule's too). This rule
    reports the chains that do not connect although the stage after the furthest one
    they reach has handoffs — a ``from`` or ``to`` naming the wrong role, work that
    reaches a stage but not the roles that carry it on. While a lifecycle stage cannot
    be read because of a structure error (POM1xx), a break is not reported: the stage
    left out could be the one without handoffs.

    Applies when the model has handoffs and the first and last stages have an owner or a
    handoff. Add the missing handoff (or fix a ``from``/``to`` that breaks the chain)."""
    model = ctx.model
    flow = ctx.flow
    if not model.handoffs or not flow.start or not flow.end:
        return
    start, end = flow.start, flow.end
    first, last = flow.stages[0][1], flow.stages[-1][1]
    org = ctx.org
    reached = reach(org, start)
    if reached & end:
        return
    furthest = -1
    for handoff in model.handoffs:
        if handoff.from_ in start or handoff.from_ in reached:
            furthest = max(furthest, flow.position.get(handoff.stage or "", -1))
    if furthest >= 0:
        got = flow.stages[furthest][1]
        where = f"the handoffs from there get as far as stage '{got.id}'"
        senders = [
            model.handoffs[i].to
            for i in flow.by_stage.get(got.id, ())
            if model.handoffs[i].to in reached
        ]
        sender = min(senders) if senders else min(start)
    else:
        got = first
        where = "no handoff leaves them"
        sender = min(start)
    position = min(max(furthest, 0) + 1, len(flow.stages) - 1)
    nxt = flow.stages[position][1]
    if position > 0 and not flow.by_stage.get(nxt.id):
        return  # no handoff happens in the next stage: POM403's finding, at that stage
    if ctx.holes.dropped("stage"):
        return  # the stage left out could be the next one, without handoffs
    receiver = nxt.owner if nxt.owner not in (None, sender) else "<a role of that stage>"
    yield Problem(
        ("handoffs",),
        f"work cannot flow from the first stage to the last: no chain of handoffs leads "
        f"from the roles that start stage '{first.id}' ({names(sorted(start), 4)}) to those that "
        f"finish stage '{last.id}' ({names(sorted(end), 4)}); {where}",
        f"add the missing handoff into stage '{nxt.id}', e.g. "
        f"{{from: {sender}, to: {receiver}, artifact: ..., stage: {nxt.id}}}",
    )

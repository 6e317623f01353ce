"""POM405 ping-pong: Two roles hand work to each other within the same stage, and the work goes on
from neither.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import Handoff
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM405",
    "ping-pong",
    Severity.WARNING,
    "Work handed back within a stage to a role that hands it on to no one else.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: po, artifact: Stories needing clarification, stage: development}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
    good="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: devs, to: po, artifact: Increment for acceptance, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
)
def ping_pong(ctx: Context) -> Iterator[Problem]:
    """When A hands work to B and B hands it back to A in the same stage, the work may
    be bouncing instead of flowing: usually a definition of ready that is missing, or a
    collaboration written down as two handoffs. But a request and its answer are how
    much work is done — a product manager hands a designer a problem statement and gets
    a validated prototype back, then carries the result on to the product owner.

    The difference is where the work goes next. The pair is a request and its answer,
    and not reported, when A hands something to a third role in the same stage, a later
    one, or one whose place in the lifecycle is not known (no ``stage:``, or a stage
    that is not defined): the answer is what A needed to go on. It is reported when A
    hands nothing on to anyone but B from that stage on — what came back can only go
    back to B (developers returning stories "needing clarification" to the product
    owner, whose only handoff is the backlog to them).

    Reported once per pair of roles and stage, at the handoff that closes the loop (the
    later one in the file). Handoffs without ``stage:`` are not compared (POM410 asks for
    it), and neither are handoffs of a role to itself (POM409). Not reported while a
    handoff that A could send cannot be read because of a structure error (POM1xx).
    Agree what "ready" means so that the work goes one way; if the two roles shape the
    work together, let them do it in a shared ceremony and keep the one handoff that
    passes it on."""
    model = ctx.model
    position = ctx.flow.position
    sent: dict[str, list[Handoff]] = defaultdict(list)
    for handoff in model.handoffs:
        sent[handoff.from_].append(handoff)
    first_of: dict[tuple[str, str, str], int] = {}
    reported: set[tuple[str, frozenset[str]]] = set()
    for i, handoff in enumerate(model.handoffs):
        a, b, stage = handoff.from_, handoff.to, handoff.stage
        if stage is None or a == b:
            continue
        first_of.setdefault((stage, a, b), i)
        back = first_of.get((stage, b, a))
        pair = (stage, frozenset((a, b)))
        if back is None or pair in reported:
            continue
        reported.add(pair)
        here = position.get(stage)
        goes_on = any(
            other.to not in (a, b)
            and (here is None or position.get(other.stage or "", here) >= here)
            for other in sent.get(b, ())
        )
        if goes_on or ctx.facts.could_hand_on(b):
            continue
        earlier = model.handoffs[back]
        yield Problem(
            ("handoffs", i),
            f"ping-pong in stage '{stage}': '{a}' hands '{handoff.artifact}' back to '{b}', "
            f"who handed '{earlier.artifact}' to '{a}' in the same stage and hands the work "
            f"on to no one else, so it bounces between them",
            f"agree when the work is ready so it goes one way from '{b}' to '{a}', or let "
            "the two shape it together in a ceremony and keep one handoff",
        )

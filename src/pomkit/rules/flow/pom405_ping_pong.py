"""POM405 ping-pong: Two roles hand work to each other within the same stage."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM405",
    "ping-pong",
    Severity.WARNING,
    "Two roles hand work to each other within the same stage.",
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
    """When A hands work to B and B hands it back to A in the same stage, the work
    bounces instead of flowing: usually a definition of ready that is missing, or a
    collaboration written down as two handoffs.

    Reported once per pair of roles and stage, at the handoff that closes the loop (the
    later one in the file). Handoffs without ``stage:`` are not compared (POM410 asks for
    it), and neither are handoffs of a role to itself (POM409). Agree what "ready" means
    so that the work goes one way; if the two roles shape the work together, let them do
    it in a shared ceremony and keep the one handoff that passes it on."""
    model = ctx.model
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
        earlier = model.handoffs[back]
        yield Problem(
            ("handoffs", i),
            f"ping-pong in stage '{stage}': '{a}' hands '{handoff.artifact}' back to '{b}', "
            f"who handed '{earlier.artifact}' to '{a}' in the same stage",
            f"agree when the work is ready so it goes one way from '{b}' to '{a}', or let "
            "the two shape it together in a ceremony and keep one handoff",
        )

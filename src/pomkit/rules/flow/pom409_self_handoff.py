"""POM409 self-handoff: A handoff whose `from` and `to` are the same role."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM409",
    "self-handoff",
    Severity.WARNING,
    "A handoff whose `from` and `to` are the same role.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: devs, artifact: Code review, stage: development}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
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
def self_handoff(ctx: Context) -> Iterator[Problem]:
    """A handoff moves work from one role to another. One whose ``from`` and ``to`` are
    the same role moves nothing: it is usually a typo in one of the ends, or work inside
    a role (a review, a checklist) that belongs in its responsibilities or the
    definition of done. The flow rules ignore it. Reported at the handoff. Name the
    receiving role in ``to``, or remove the handoff."""
    for i, handoff in enumerate(ctx.model.handoffs):
        if handoff.from_ == handoff.to:
            yield Problem(
                ("handoffs", i),
                f"{label(handoff)} hands '{handoff.artifact}' from '{handoff.from_}' to itself",
                "name the role that receives the work in `to`, or remove the handoff (work "
                "inside one role belongs in its responsibilities)",
            )

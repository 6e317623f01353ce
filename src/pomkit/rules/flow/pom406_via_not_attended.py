"""POM406 via-not-attended: A handoff happens via a ceremony that its sender or receiver does not
attend.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.organisation import node
from pomkit.domain.text import names
from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM406",
    "via-not-attended",
    Severity.ERROR,
    "A handoff happens via a ceremony that its sender or receiver does not attend.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation, via: planning}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
    good="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation, via: review}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
)
def via_not_attended(ctx: Context) -> Iterator[Problem]:
    """``via`` says in which ceremony a handoff happens. Both ends have to be in the room:
    the ``from`` and the ``to`` role must each be the ceremony's facilitator or one of its
    participants, or the model contradicts itself.

    Reported at the handoff's ``via``, naming the roles missing from the ceremony (roles
    that are not defined at all are left to POM201, ceremonies that do not exist to
    POM207). Add the missing roles to the ceremony's participants, or name the ceremony
    where the handoff really happens. Not reported while the ceremony's participants or
    facilitator cannot be read because of a structure error (POM1xx)."""
    model = ctx.model
    org = ctx.org
    for i, handoff in enumerate(model.handoffs):
        if handoff.via is None:
            continue
        people = org.attendees.get(node("ceremony", handoff.via))
        if people is None:
            continue
        ceremony = ctx.facts.view_of("ceremony", handoff.via)
        if ceremony is not None and not ctx.facts.attendance(ceremony)[1]:
            continue
        ends = dict.fromkeys((handoff.from_, handoff.to))
        missing = [r for r in ends if r in org.roles and r not in people]
        if not missing:
            continue
        who = names(sorted(missing), 4)
        verb = "does" if len(missing) == 1 else "do"
        yield Problem(
            ("handoffs", i, "via"),
            f"{label(handoff)} happens via ceremony '{handoff.via}', but {who} {verb} not "
            "attend it",
            f"add {who} to the participants of ceremony '{handoff.via}', or name the "
            "ceremony where the handoff really happens",
        )

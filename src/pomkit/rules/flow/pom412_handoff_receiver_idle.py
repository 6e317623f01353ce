"""POM412 handoff-receiver-idle: A handoff gives work to a role that takes no part in that stage
or any later one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pomkit.domain.holes import UNKNOWN, Holes
from pomkit.domain.organisation import node
from pomkit.findings import Severity
from pomkit.model import OperatingModel, label
from pomkit.rules.core import Context, Problem, rule

_LETTERS = ("accountable", "responsible", "consulted", "informed")


@rule(
    "POM412",
    "handoff-receiver-idle",
    Severity.WARNING,
    "A handoff gives work to a role that takes no part in that stage or any later one.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: devs, to: sm, artifact: Impediments found while releasing, stage: delivery}
      - {from: sm, to: support-lead, artifact: Known workarounds, stage: support}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
    good="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: devs, to: sm, artifact: Impediments found in the sprint, stage: development}
      - {from: sm, to: support-lead, artifact: Known workarounds, stage: support}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
)
def handoff_receiver_idle(ctx: Context) -> Iterator[Problem]:
    """Work handed to a role has to be taken up by it. A handoff placed on a stage is
    either work inside that stage or what carries the work out of it into a later one —
    but a role that takes no part in that stage nor in any after it has nothing to do
    with what it receives: the RACI is missing its work, the handoff sits on the wrong
    stage, or it goes to the wrong role (often one that kept the handoff after a
    reorganisation moved its work elsewhere).

    Exactly: for each handoff with a ``stage``, its ``to`` role takes part in that stage
    when any of these holds, and the handoff is reported when none does:

    - the role holds any RACI letter on a responsibility placed on that stage or a later
      one — accountable, responsible, consulted (asked for input, which the handoff may
      carry) or informed (told of the result, which the handoff may be);
    - it owns that stage or a later one;
    - it hands work on to another role in that same stage (it evidently acts there);
    - it attends the handoff's ``via`` ceremony (facilitator or participant), where the
      work is taken up. Ceremonies and rituals carry no stage, so no other meeting
      counts: one all-hands would otherwise excuse every handoff.

    "Later" follows the order of ``lifecycle.stages``. Handoffs without a stage (POM410),
    self-handoffs (POM409) and handoffs naming an undefined role, stage or ceremony
    (POM2xx) are not judged, nor is a handoff whose receiver's part a structure error
    (POM1xx) could hide: a responsibility, handoff or stage owner that cannot be read, or
    a ``via`` ceremony whose attendees cannot. Reported at the handoff's ``to``. Put the
    role on a responsibility of that stage (or a later one), move the handoff to the
    stage where the role works, or hand the work to the role that takes it up."""
    model = ctx.model
    org = ctx.org
    flow = ctx.flow
    holes = ctx.holes
    if not model.handoffs or not flow.stages:
        return
    if holes.any and (holes.dropped("stage") or holes.unreadable("stage")):
        return  # which stages come later is itself unknown
    part: dict[str, set[str]] = defaultdict(set)
    for role, assignments in org.assignments.items():
        part[role].update(a.responsibility.stage for a in assignments if a.responsibility.stage)
    for _, owned in flow.stages:
        if owned.owner is not None:
            part[owned.owner].add(owned.id)
    forwards = {
        (h.from_, h.stage) for h in model.handoffs if h.from_ != h.to and h.stage is not None
    }
    anyone, unsure = _unsure(holes, model) if holes.any else (False, set())
    if anyone:
        return
    owner_lost = _owner_lost_until(holes, model, flow.position) if holes.any else -1
    for i, handoff in enumerate(model.handoffs):
        receiver, stage = handoff.to, handoff.stage
        if stage is None or receiver == handoff.from_ or receiver not in org.roles:
            continue
        position = flow.position.get(stage)
        if position is None:
            continue
        if not part[receiver].isdisjoint(flow.at_or_after(stage)):
            continue
        if (receiver, stage) in forwards:
            continue
        if handoff.via is not None:
            people = org.attendees.get(node("ceremony", handoff.via))
            if people is None or receiver in people or _attendees_lost(ctx, handoff.via):
                continue
        if receiver in unsure or position <= owner_lost:
            continue
        if holes.any and holes.lost(("handoffs", i, "via")):
            continue
        yield Problem(
            ("handoffs", i, "to"),
            f"{label(handoff)} gives '{handoff.artifact}' to '{receiver}' in stage "
            f"'{stage}', but '{receiver}' takes no part in that stage or any later one: no "
            "responsibility of those stages names it, it owns none of them, and it hands "
            f"nothing on in '{stage}'",
            f"put '{receiver}' on a responsibility of stage '{stage}' (or a later one), move "
            "the handoff to the stage where it works, or hand the work to the role that "
            "takes it up",
        )


def _unsure(holes: Holes, model: OperatingModel) -> tuple[bool, set[str]]:
    """Whose part a structure error could hide: ``(anyone, roles)`` — ``anyone`` when an
    unreadable list of roles could name any role."""
    roles: set[str] = set()
    if holes.unreadable("responsibility") or holes.unreadable("handoff"):
        return True, roles
    for raw in holes.dropped("responsibility"):
        for key in _LETTERS:
            value = holes.field(raw, key)
            if value is UNKNOWN:
                return True, roles
            roles.update(value if isinstance(value, list) else [value] if value else [])
    for i, item in enumerate(model.responsibilities):
        where = ("responsibilities", i)
        if any(holes.lost((*where, key)) for key in _LETTERS):
            return True, roles
        if holes.lost((*where, "stage")):
            roles.update([item.accountable, *item.responsible, *item.consulted, *item.informed])
    for raw in holes.dropped("handoff"):
        sender = holes.field(raw, "from")
        if sender is UNKNOWN:
            return True, roles
        if sender:
            roles.add(sender)
    for i, handoff in enumerate(model.handoffs):
        if holes.lost(("handoffs", i, "stage")):
            roles.add(handoff.from_)
    return False, roles


def _owner_lost_until(holes: Holes, model: OperatingModel, position: dict[str, int]) -> int:
    """The last stage position whose owner cannot be read (-1 when none): a handoff on
    that stage or an earlier one could go to that owner."""
    lost = [
        position.get(stage.id, -1)
        for i, stage in enumerate(model.lifecycle.stages)
        if holes.lost(("lifecycle", "stages", i, "owner"))
    ]
    return max(lost, default=-1)


def _attendees_lost(ctx: Context, ceremony: str) -> bool:
    """Whether the ceremony's participants or facilitator could not all be read."""
    if not ctx.holes.any:
        return False
    view = ctx.facts.view_of("ceremony", ceremony)
    return view is not None and (view.lost("participants") or view.lost("facilitator"))

"""POM404 dead-end-role: A role receives handoffs, passes nothing on and owns no final stage."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pomkit.domain.flow import role_path
from pomkit.findings import Severity
from pomkit.model import Handoff
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM404",
    "dead-end-role",
    Severity.WARNING,
    "A role receives handoffs, passes nothing on and owns no final stage.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: sm, artifact: Impediment list, stage: development}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
    good="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: sm, artifact: Impediment list, stage: development}
      - {from: sm, to: po, artifact: Impediments needing a decision, stage: development}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: support}
      - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
    """,
)
def dead_end_role(ctx: Context) -> Iterator[Problem]:
    """Work handed to a role has to go somewhere: on to another role, or to the end of
    the lifecycle. A role is a dead end when it is the ``to`` of at least one handoff,
    the ``from`` of none (handing work to itself does not count), and it neither owns a
    final stage nor receives work in one. The final stages are the last stage of
    ``lifecycle.stages`` and every stage in the retirement phase — retiring a product is
    where its work legitimately ends, even when a later stage (say, a post-mortem)
    follows.

    Reported at the role's definition, naming what it receives (a ``to`` that names no
    defined role is left to POM201). Add the handoff that
    passes the work on (or give the role the final stage it really closes). A role is
    not reported while a handoff it could send, or a final stage it could close, cannot
    be read because of a structure error (POM1xx)."""
    model = ctx.model
    flow = ctx.flow
    if not model.handoffs:
        return
    finishing = {s.owner for _, s in flow.stages if s.id in flow.final and s.owner is not None}
    for stage_id in flow.final:
        finishing.update(model.handoffs[i].to for i in flow.by_stage.get(stage_id, ()))
    # Undefined roles are POM201's: a typo in `to` is not a dead end of its own.
    facts = ctx.facts
    dead = {
        r
        for r in flow.receivers - flow.senders - finishing
        if r in ctx.org.roles and not facts.could_hand_on(r) and not facts.could_finish(r)
    }
    if not dead:
        return
    received: dict[str, list[Handoff]] = defaultdict(list)
    for handoff in model.handoffs:
        if handoff.to in dead and handoff.from_ != handoff.to:
            received[handoff.to].append(handoff)
    for role in sorted(dead, key=lambda r: (ctx.org.role_index.get(r, len(ctx.org.role_index)), r)):
        got = received[role]
        first = got[0]
        what = f"'{first.artifact}' from '{first.from_}'"
        if len(got) > 1:
            what += f" and {len(got) - 1} more handoff{'s' if len(got) > 2 else ''}"
        onward = flow.next_owner(first.stage)
        example = (
            f" (e.g. {{from: {role}, to: {onward}, ...}})" if onward not in (None, role) else ""
        )
        yield Problem(
            role_path(ctx.org, role),
            f"role '{role}' is a dead end: it receives {what} but hands nothing on and "
            "owns no final stage",
            f"add a handoff from '{role}' to the role that uses what it produces{example}, "
            "or make it the owner of the final stage it closes",
        )

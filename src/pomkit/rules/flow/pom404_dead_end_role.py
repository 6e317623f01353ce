"""POM404 dead-end-role: A role receives handoffs and passes nothing on: no handoff, final stage,
feedback loop or support tier of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pomkit.domain.facts import Facts
from pomkit.domain.flow import role_path
from pomkit.domain.holes import UNKNOWN, View, tri_any
from pomkit.domain.vocabulary import Tri, mentions, tri_all
from pomkit.findings import Severity
from pomkit.model import Handoff
from pomkit.rules.core import Context, Problem, rule


def _passes_on(facts: Facts, role: str, final: set[str]) -> Tri:
    """Whether ``role`` passes its work on other than by a handoff: it is accountable or
    responsible for work on a final stage, runs a feedback loop that feeds something,
    or owns a support tier (``None``: an item that could say so cannot be read)."""

    def closes(view: View) -> Tri:
        stage = view.get("stage")
        on_final: Tri = None if stage is UNKNOWN else stage in final
        return tri_all(
            on_final,
            tri_any([mentions(view, "accountable", role), mentions(view, "responsible", role)]),
        )

    def feeds(view: View) -> Tri:
        targets = view.get("feeds")
        feeding: Tri = (
            None if targets is UNKNOWN or (not targets and view.lost("feeds")) else bool(targets)
        )
        return tri_all(mentions(view, "owner", role), feeding)

    return tri_any(
        [
            facts.exists("responsibility", closes),
            facts.exists("feedback", feeds),
            facts.exists("tier", lambda view: mentions(view, "owner", role)),
        ]
    )


@rule(
    "POM404",
    "dead-end-role",
    Severity.WARNING,
    "A role receives handoffs and passes nothing on: no handoff, final stage, feedback loop or "
    "support tier of its own.",
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
    """Work handed to a role has to go somewhere: on to another role, to the end of the
    lifecycle, or into something the role runs for others. A role that is the ``to`` of
    at least one handoff is a dead end unless it passes work on in one of these ways:

    - it is the ``from`` of a handoff to another role (handing work to itself does not
      count);
    - it owns a final stage, receives work in one, or is ``accountable`` or
      ``responsible`` for a responsibility placed on one (it does the closing work);
    - it owns a feedback loop whose ``feeds`` name at least one target: what it learns
      goes on to the backlog, the roadmap or a KPI (a support manager who receives the
      release notes and runs the ticket-tagging loop that feeds the backlog);
    - it owns a support tier: tickets end with the tier that resolves them, or go on
      along ``escalates_to`` (an on-call engineer who receives escalated incidents).

    The final stages are the last stage of ``lifecycle.stages`` and every stage in the
    retirement phase — retiring a product is where its work legitimately ends, even when
    a later stage (say, a post-mortem) follows. Owning a stage that is not final, or
    being only consulted or informed, passes nothing on.

    Reported at the role's definition, naming what it receives (a ``to`` that names no
    defined role is left to POM201). Add the handoff that passes the work on (or give
    the role the final stage, loop or tier it really runs). A role is not reported while
    a handoff it could send, a final stage it could close, or a responsibility, loop or
    tier that could be its own cannot be read because of a structure error (POM1xx)."""
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
        if r in ctx.org.roles
        and not facts.could_hand_on(r)
        and not facts.could_finish(r)
        and _passes_on(facts, r, flow.final) is False
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
            f"role '{role}' is a dead end: it receives {what} but passes nothing on: no "
            "handoff to another role, no work on a final stage, no feedback loop that feeds "
            "something and no support tier of its own",
            f"add a handoff from '{role}' to the role that uses what it produces{example}, "
            "or give it the final stage, feedback loop or support tier it really runs",
        )

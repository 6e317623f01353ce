"""POM4xx: handoffs and flow — work moves from the first lifecycle stage to the last."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pomkit.engine import Context, Problem, rule
from pomkit.findings import ModelPath, Severity
from pomkit.graph import Organisation, node
from pomkit.model import Handoff, OperatingModel, Phase, Stage, label

if TYPE_CHECKING:
    import networkx as nx

#: Phases in lifecycle order (the order of the ``Phase`` enum).
_PHASE_RANK: dict[Phase, int] = {phase: i for i, phase in enumerate(Phase)}
#: How many ids a message names before it says "and N more".
_SHOWN = 4


def _names(ids: Iterable[str], limit: int = _SHOWN) -> str:
    """``'a', 'b' and 'c'`` — sorted, at most ``limit`` named, the rest counted."""
    items = sorted(set(ids))
    if len(items) > limit:
        shown = ", ".join(f"'{i}'" for i in items[:limit])
        return f"{shown} and {len(items) - limit} more"
    quoted = [f"'{i}'" for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}"


@dataclass
class _Flow:
    """Facts about the handoffs that several POM4xx rules read, computed once per file."""

    #: Lifecycle stages, first occurrence of each id, with their index in the list.
    stages: list[tuple[int, Stage]] = field(default_factory=list)
    #: Position of each stage id in ``stages``.
    position: dict[str, int] = field(default_factory=dict)
    #: Ids of the final stages: the last stage and every stage in the retirement phase.
    final: set[str] = field(default_factory=set)
    #: Roles that hand something on to another role / receive something from one.
    senders: set[str] = field(default_factory=set)
    receivers: set[str] = field(default_factory=set)
    #: Handoff indexes by stage id (handoffs without a stage are not listed).
    by_stage: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    #: Index of each role's definition under ``roles:``.
    role_index: dict[str, int] = field(default_factory=dict)
    #: Roles that start the lifecycle: the first stage's owner and its handoffs' senders.
    start: set[str] = field(default_factory=set)
    #: Roles that finish it: the last stage's owner and its handoffs' receivers.
    end: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, model: OperatingModel) -> _Flow:
        flow = cls()
        for i, stage in enumerate(model.lifecycle.stages):
            if stage.id not in flow.position:
                flow.position[stage.id] = len(flow.stages)
                flow.stages.append((i, stage))
        if flow.stages:
            flow.final.add(flow.stages[-1][1].id)
        flow.final.update(s.id for _, s in flow.stages if s.effective_phase is Phase.RETIREMENT)
        for i, handoff in enumerate(model.handoffs):
            if handoff.from_ != handoff.to:
                flow.senders.add(handoff.from_)
                flow.receivers.add(handoff.to)
            if handoff.stage is not None:
                flow.by_stage[handoff.stage].append(i)
        for i, role in enumerate(model.roles):
            flow.role_index.setdefault(role.id, i)
        if flow.stages:
            first, last = flow.stages[0][1], flow.stages[-1][1]
            flow.start = {model.handoffs[i].from_ for i in flow.by_stage.get(first.id, ())}
            flow.end = {model.handoffs[i].to for i in flow.by_stage.get(last.id, ())}
            if first.owner is not None:
                flow.start.add(first.owner)
            if last.owner is not None:
                flow.end.add(last.owner)
        return flow

    def role_path(self, role: str, model: OperatingModel) -> ModelPath:
        """Where a role is defined, or else the first handoff that names it."""
        if role in self.role_index:
            return ("roles", self.role_index[role])
        for i, handoff in enumerate(model.handoffs):
            if role in (handoff.from_, handoff.to):
                return ("handoffs", i)
        return ("handoffs",)


def _flow(ctx: Context) -> _Flow:
    return ctx.derived("flow", lambda: _Flow.build(ctx.model))  # type: ignore[no-any-return]


def _unsure(org: Organisation) -> set[str]:
    """Roles attending a meeting that lists an undefined participant (POM201's).

    Such a meeting might bring anyone together, so its roles are never reported as
    never meeting.
    """
    broken: set[str] = set()
    for ritual in org.model.collaboration.rituals:
        if any(m not in org.team_types and m not in org.roles for m in ritual.participants):
            broken.add(node("ritual", ritual.id))
    if org.model.methodology is not None:
        for ceremony in org.model.methodology.ceremonies:
            named = [*ceremony.participants, *filter(None, [ceremony.facilitator])]
            if any(who not in org.roles for who in named):
                broken.add(node("ceremony", ceremony.id))
    out: set[str] = set()
    for meeting in broken:
        out.update(org.attendees.get(meeting, ()))
    return out


def _unsure_roles(ctx: Context) -> set[str]:
    return ctx.derived("flow-unsure", lambda: _unsure(ctx.org))  # type: ignore[no-any-return]


def _int_option(ctx: Context, key: str, default: int) -> int:
    """A whole-number option; a value of another type falls back to the default."""
    value = ctx.options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        return default
    return value


def _phase_text(stage: Stage) -> str:
    phase = stage.effective_phase
    return f"stage '{stage.id}' (phase {phase.value})" if phase else f"stage '{stage.id}'"


# --------------------------------------------------------------------------- POM401


@rule(
    "POM401",
    "stages-out-of-order",
    Severity.ERROR,
    "A lifecycle stage whose phase comes before the phase of an earlier stage.",
    bad="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: build, name: Build, owner: po, phase: development}
        - {id: ship, name: Ship, owner: lead, phase: delivery}
        - {id: shape, name: Shape the bet, owner: pm, phase: planning}
        - {id: retirement, name: Retirement, owner: pm}
    """,
    good="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: shape, name: Shape the bet, owner: pm, phase: planning}
        - {id: build, name: Build, owner: po, phase: development}
        - {id: ship, name: Ship, owner: lead, phase: delivery}
        - {id: retirement, name: Retirement, owner: pm}
    """,
)
def stages_out_of_order(ctx: Context) -> Iterator[Problem]:
    """``lifecycle.stages`` is ordered: work moves from the first stage to the last, and
    the flow rules (POM402–POM405) read that order. Each stage has a phase — its
    ``phase:``, or its id when the id is a phase name — and the phases go ideation,
    discovery, planning, development, delivery, support, growth, retirement.

    A stage is reported when its phase comes *before* the phase of some earlier stage
    (several stages may share a phase; stages without a phase are not compared). The
    message names the earlier stage it should precede. Reported at the stage's ``phase:``
    (or at the stage, when its phase is its id). Move the stage to its place in the list,
    or correct its ``phase:``."""
    #: The earlier stage with the latest phase so far, and that phase.
    latest: tuple[Stage, Phase] | None = None
    for i, stage in _flow(ctx).stages:
        phase = stage.effective_phase
        if phase is None:
            continue
        if latest is None or _PHASE_RANK[phase] >= _PHASE_RANK[latest[1]]:
            latest = (stage, phase)
            continue
        earlier, earlier_phase = latest
        path: ModelPath = ("lifecycle", "stages", i)
        if stage.phase is not None:
            path = (*path, "phase")
        yield Problem(
            path,
            f"{_phase_text(stage)} comes after {_phase_text(earlier)}: "
            f"{phase.value} comes before {earlier_phase.value} in the lifecycle",
            f"move stage '{stage.id}' before stage '{earlier.id}' in lifecycle.stages, "
            "or correct its phase",
        )


# --------------------------------------------------------------------------- POM402


def _reach(org: Organisation, start: Collection[str]) -> set[str]:
    """Roles reachable from ``start`` through at least one handoff (one BFS)."""
    graph = org.handoff_graph
    reached: set[str] = set()
    queue: deque[str] = deque()
    for role in start:
        if role in graph:
            queue.append(role)
    while queue:
        current = queue.popleft()
        for nxt in graph.successors(current):
            if nxt not in reached:
                reached.add(nxt)
                queue.append(nxt)
    return reached


@rule(
    "POM402",
    "flow-broken",
    Severity.ERROR,
    "No chain of handoffs carries work from the first lifecycle stage to the last.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
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

    Applies when the model has handoffs and the first and last stages have an owner or a
    handoff. Add the missing handoff (or fix a ``from``/``to`` that breaks the chain)."""
    model = ctx.model
    flow = _flow(ctx)
    if not model.handoffs or not flow.start or not flow.end:
        return
    start, end = flow.start, flow.end
    first, last = flow.stages[0][1], flow.stages[-1][1]
    org = ctx.org
    reached = _reach(org, start)
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
    nxt = flow.stages[min(max(furthest, 0) + 1, len(flow.stages) - 1)][1]
    receiver = nxt.owner if nxt.owner not in (None, sender) else "<a role of that stage>"
    yield Problem(
        ("handoffs",),
        f"work cannot flow from the first stage to the last: no chain of handoffs leads "
        f"from the roles that start stage '{first.id}' ({_names(start)}) to those that "
        f"finish stage '{last.id}' ({_names(end)}); {where}",
        f"add the missing handoff into stage '{nxt.id}', e.g. "
        f"{{from: {sender}, to: {receiver}, artifact: ..., stage: {nxt.id}}}",
    )


# --------------------------------------------------------------------------- POM403


@rule(
    "POM403",
    "stage-unreached",
    Severity.WARNING,
    "A lifecycle stage (after the first) in which no handoff happens.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
      - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
      - {from: lead, to: support-lead, artifact: Release notes, stage: delivery}
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
def stage_unreached(ctx: Context) -> Iterator[Problem]:
    """Every stage after the first must receive work from somewhere: a stage is reached
    when at least one handoff names it in ``stage:``. A stage no handoff happens in is a
    step of the lifecycle that the model does not say how work gets into — often a
    handoff filed under the wrong stage.

    Applies when the model has handoffs (the first stage is where work starts and is not
    checked). Reported at the stage. Add a handoff with ``stage:`` set to the stage,
    usually from the owner of the stage before to the owner of this one, or remove a
    stage nobody works in."""
    model = ctx.model
    flow = _flow(ctx)
    if not model.handoffs:
        return
    for n, (i, stage) in enumerate(flow.stages):
        if n == 0 or flow.by_stage.get(stage.id):
            continue
        before = flow.stages[n - 1][1]
        example = ""
        if before.owner is not None and stage.owner not in (None, before.owner):
            example = f", e.g. {{from: {before.owner}, to: {stage.owner}, stage: {stage.id}}}"
        yield Problem(
            ("lifecycle", "stages", i),
            f"no handoff happens in {_phase_text(stage)}: the model does not say how work "
            f"reaches it after stage '{before.id}'",
            f"add a handoff with `stage: {stage.id}`{example}, or move a handoff filed "
            "under another stage",
        )


# --------------------------------------------------------------------------- POM404


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
    passes the work on (or give the role the final stage it really closes)."""
    model = ctx.model
    flow = _flow(ctx)
    if not model.handoffs:
        return
    finishing = {s.owner for _, s in flow.stages if s.id in flow.final and s.owner is not None}
    for stage_id in flow.final:
        finishing.update(model.handoffs[i].to for i in flow.by_stage.get(stage_id, ()))
    # Undefined roles are POM201's: a typo in `to` is not a dead end of its own.
    dead = {r for r in flow.receivers - flow.senders - finishing if r in ctx.org.roles}
    if not dead:
        return
    received: dict[str, list[Handoff]] = defaultdict(list)
    for handoff in model.handoffs:
        if handoff.to in dead and handoff.from_ != handoff.to:
            received[handoff.to].append(handoff)
    for role in sorted(dead, key=lambda r: (flow.role_index.get(r, len(flow.role_index)), r)):
        got = received[role]
        first = got[0]
        what = f"'{first.artifact}' from '{first.from_}'"
        if len(got) > 1:
            what += f" and {len(got) - 1} more handoff{'s' if len(got) > 2 else ''}"
        onward = _next_owner(flow, first.stage)
        example = (
            f" (e.g. {{from: {role}, to: {onward}, ...}})" if onward not in (None, role) else ""
        )
        yield Problem(
            flow.role_path(role, model),
            f"role '{role}' is a dead end: it receives {what} but hands nothing on and "
            "owns no final stage",
            f"add a handoff from '{role}' to the role that uses what it produces{example}, "
            "or make it the owner of the final stage it closes",
        )


def _next_owner(flow: _Flow, stage: str | None) -> str | None:
    """The owner of the stage after ``stage``, if both exist."""
    n = flow.position.get(stage or "")
    if n is None or n + 1 >= len(flow.stages):
        return None
    return flow.stages[n + 1][1].owner


# --------------------------------------------------------------------------- POM405


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


# --------------------------------------------------------------------------- POM406


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
    where the handoff really happens."""
    model = ctx.model
    org = ctx.org
    for i, handoff in enumerate(model.handoffs):
        if handoff.via is None:
            continue
        people = org.attendees.get(node("ceremony", handoff.via))
        if people is None:
            continue
        ends = dict.fromkeys((handoff.from_, handoff.to))
        missing = [r for r in ends if r in org.roles and r not in people]
        if not missing:
            continue
        who = _names(missing)
        verb = "does" if len(missing) == 1 else "do"
        yield Problem(
            ("handoffs", i, "via"),
            f"{label(handoff)} happens via ceremony '{handoff.via}', but {who} {verb} not "
            "attend it",
            f"add {who} to the participants of ceremony '{handoff.via}', or name the "
            "ceremony where the handoff really happens",
        )


# --------------------------------------------------------------------------- POM407


@rule(
    "POM407",
    "single-point-of-failure",
    Severity.INFO,
    "A role that every chain of handoffs from the start of the lifecycle to its end "
    "passes through.",
    options={"min_roles": 4},
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
    flow = _flow(ctx)
    if not flow.start or not flow.end:
        return
    graph: nx.Graph[str] = nx.Graph()
    for handoff in model.handoffs:
        if handoff.from_ != handoff.to:
            graph.add_edge(handoff.from_, handoff.to)
    if graph.number_of_nodes() < _int_option(ctx, "min_roles", 4):
        return
    # Super-nodes cannot clash with role ids, which are kebab-case.
    source, sink = " start", " end"
    graph.add_edges_from((source, role) for role in flow.start)
    graph.add_edges_from((role, sink) for role in flow.end)
    roles = ctx.org.roles
    cuts = [
        role
        for role in _separators(graph, source, sink)
        if role not in flow.start and role not in flow.end and role in roles
    ]
    start, end = _names(flow.start), _names(flow.end)
    for role in sorted(cuts, key=lambda r: (flow.role_index.get(r, len(flow.role_index)), r)):
        yield Problem(
            flow.role_path(role, model),
            f"role '{role}' is a single point of failure: every chain of handoffs from the "
            f"roles that start the lifecycle ({start}) to those that finish it ({end}) "
            "passes through it",
            f"give the work a second path that does not depend on '{role}' (a deputy, a "
            "handoff that bypasses it), or waive this knowingly",
        )


def _separators(graph: nx.Graph[str], source: str, sink: str) -> list[str]:
    """The nodes on every path from ``source`` to ``sink``: the cut vertices on the path
    between them in the block-cut tree (linear in the graph's size)."""
    import networkx as nx

    if not nx.has_path(graph, source, sink):
        return []
    cut_nodes = set(nx.articulation_points(graph))
    tree: dict[str, list[str]] = defaultdict(list)
    home: dict[str, str] = {}
    for n, block in enumerate(nx.biconnected_components(graph)):
        name = f" block {n}"
        members: Iterable[str] = block  # type: ignore[assignment]
        for member in members:
            if member in cut_nodes:
                tree[name].append(member)
                tree[member].append(name)
            else:
                home[member] = name
    begin = source if source in cut_nodes else home[source]
    goal = sink if sink in cut_nodes else home[sink]
    parent: dict[str, str | None] = {begin: None}
    queue: deque[str] = deque([begin])
    while queue and goal not in parent:
        current = queue.popleft()
        for nxt in tree[current]:
            if nxt not in parent:
                parent[nxt] = current
                queue.append(nxt)
    path: list[str] = []
    step: str | None = parent[goal]
    while step is not None and step != begin:
        if step in cut_nodes:
            path.append(step)
        step = parent[step]
    return [node for node in path if node not in (source, sink)]


# --------------------------------------------------------------------------- POM408


@rule(
    "POM408",
    "cross-team-handoff-without-ritual",
    Severity.INFO,
    "A handoff between teams whose two roles never meet in a ceremony or ritual.",
    bad="""
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: platform, name: Platform team, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Platform lead, kind: technical-architect, team: platform}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
    good="""
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: platform, name: Platform team, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Platform lead, kind: technical-architect, team: platform}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    collaboration:
      rituals:
        - {id: sync, name: Product sync, cadence: weekly, participants: [pm, lead, support-lead]}
        - {id: release-sync, name: Release sync, cadence: 2w, participants: [core, platform]}
    """,
)
def cross_team_handoff_without_ritual(ctx: Context) -> Iterator[Problem]:
    """Advice: work that crosses a team boundary needs a place where both sides talk. A
    handoff is reported when its two roles belong to different teams and no ceremony
    (facilitator or participant) or ritual has both of them. A ritual may list whole
    teams: a team stands for every role of the team and of the teams that belong to it
    (``parent:``), so an all-hands of a parent team counts for its sub-teams.

    Roles without a team, or whose team is not defined (POM202), are not compared.
    Reported once per pair of roles, at their first handoff. Add both roles (or their
    teams) to a ritual under ``collaboration.rituals``, or hand over in a ceremony both
    attend (``via``)."""
    model = ctx.model
    org = ctx.org
    unsure = _unsure_roles(ctx)
    seen: set[frozenset[str]] = set()
    for i, handoff in enumerate(model.handoffs):
        a, b = handoff.from_, handoff.to
        team_a, team_b = org.team_of.get(a), org.team_of.get(b)
        if team_a == team_b or team_a not in org.team_types or team_b not in org.team_types:
            continue
        pair = frozenset((a, b))
        if pair in seen:
            continue
        seen.add(pair)
        # Organisation.attendees already expands teams to sub-team members.
        if a in unsure or b in unsure or org.share_ritual(a, b):
            continue
        yield Problem(
            ("handoffs", i),
            f"{label(handoff)} crosses from team '{team_a}' to team '{team_b}', but no "
            f"ceremony or ritual brings '{a}' and '{b}' together",
            f"add '{a}' and '{b}' (or teams '{team_a}' and '{team_b}') to a ritual under "
            "collaboration.rituals, or hand over via a ceremony both attend",
        )


# --------------------------------------------------------------------------- POM409


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


# --------------------------------------------------------------------------- POM410


@rule(
    "POM410",
    "handoff-stage-missing",
    Severity.INFO,
    "A handoff that does not say in which lifecycle stage it happens.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
      - {from: po, to: devs, artifact: Ready backlog, via: planning}
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
def handoff_stage_missing(ctx: Context) -> Iterator[Problem]:
    """A handoff's ``stage:`` places it on the lifecycle. Without it the handoff still
    counts for the flow between roles (POM402, POM404), but no stage is reached by it
    (POM403) and it is not compared for ping-pong (POM405). Applies when the lifecycle
    has stages. Reported at the handoff. Add the stage in which the work changes hands."""
    model = ctx.model
    if not model.lifecycle.stages:
        return
    for i, handoff in enumerate(model.handoffs):
        if handoff.stage is None:
            yield Problem(
                ("handoffs", i),
                f"{label(handoff)} ('{handoff.artifact}') names no lifecycle stage",
                "add `stage:` with the id of the stage in which the work changes hands",
            )

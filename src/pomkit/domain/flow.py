"""How work moves through the lifecycle: stage order, final stages, start and finish roles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pomkit.domain.graphs import immediate_dominators, reachable
from pomkit.domain.holes import Holes
from pomkit.domain.organisation import Organisation
from pomkit.findings import ModelPath
from pomkit.model import OperatingModel, Phase, Stage

if TYPE_CHECKING:
    pass

#: Phases in lifecycle order (the order of the ``Phase`` enum).
PHASE_RANK: dict[Phase, int] = {phase: i for i, phase in enumerate(Phase)}


@dataclass
class Flow:
    """Facts about the lifecycle and its handoffs, computed once per file."""

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
    #: Roles that start the lifecycle: the first stage's owner and its handoffs' senders.
    start: set[str] = field(default_factory=set)
    #: Roles that finish it: the last stage's owner and its handoffs' receivers.
    end: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, model: OperatingModel) -> Flow:
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
        if flow.stages:
            first, last = flow.stages[0][1], flow.stages[-1][1]
            flow.start = {model.handoffs[i].from_ for i in flow.by_stage.get(first.id, ())}
            flow.end = {model.handoffs[i].to for i in flow.by_stage.get(last.id, ())}
            if first.owner is not None:
                flow.start.add(first.owner)
            if last.owner is not None:
                flow.end.add(last.owner)
        return flow

    def at_or_after(self, stage: str) -> list[str]:
        """Ids of ``stage`` and of every stage after it (none for an unknown stage)."""
        n = self.position.get(stage)
        return [] if n is None else [s.id for _, s in self.stages[n:]]

    def next_owner(self, stage: str | None) -> str | None:
        """The owner of the stage after ``stage``, if both exist."""
        n = self.position.get(stage or "")
        if n is None or n + 1 >= len(self.stages):
            return None
        return self.stages[n + 1][1].owner


def flow_unsure(holes: Holes, model: OperatingModel) -> bool:
    """Whether a structure error left out something that decides the flow: a handoff (or
    its ``from``, ``to`` or ``stage``), a lifecycle stage, or the owner of the first or
    last stage. Checks of the flow's shape as a whole (POM407, POM411) stay quiet then:
    the missing handoff could be the very bypass they would ask for."""
    if not holes.any:
        return False
    if holes.dropped("handoff") or holes.unreadable("handoff"):
        return True
    if holes.dropped("stage") or holes.unreadable("stage"):
        return True
    for i in range(len(model.handoffs)):
        if any(holes.lost(("handoffs", i, key)) for key in ("from", "to", "stage")):
            return True
    stages = model.lifecycle.stages
    return any(
        holes.lost(("lifecycle", "stages", i, "owner")) for i in {0, len(stages) - 1} if stages
    )


def chokepoints(org: Organisation, flow: Flow) -> list[str] | None:
    """The roles that every chain of handoffs from a start role to an end role passes
    through, nearest the end first — an end role included, a start role only when every
    chain has to come back through it; ``None`` when no chain leads from the start to the
    end (POM402's finding).

    Directed: a chain follows handoffs from ``from`` to ``to`` (self-handoffs ignored). A
    chain takes at least one handoff, so a role that both starts and finishes the
    lifecycle does not connect the two on its own: the work has to come back to it, and
    the roles it must pass on the way can still be found. These are the dominators of
    the end in the graph from the start (immediate dominators: a near-linear pass, no
    all-pairs search; see :mod:`pomkit.domain.graphs`)."""
    # Super-nodes hold a space, which no role id (kebab-case) can.
    source, sink = " start", " end"
    graph: dict[str, set[str]] = {
        role: {to for to in targets if to != role} for role, targets in org.handed_to.items()
    }
    nodes = set(graph) | {to for targets in graph.values() for to in targets}
    graph[source] = set()
    for role in flow.start:
        if role not in nodes:
            continue
        # A copy of each start role with its outgoing handoffs only: the path from the
        # source must leave the role through a handoff before it may end.
        copy = f" start {role}"
        graph[source].add(copy)
        graph[copy] = set(graph.get(role, ()))
    for role in flow.end:
        if role in nodes:
            graph.setdefault(role, set()).add(sink)
    dominators = immediate_dominators(graph, source)
    if sink not in dominators:
        return None
    found: list[str] = []
    current = dominators[sink]
    while current != source:
        if not current.startswith(" "):
            found.append(current)
        current = dominators[current]
    return found


def stage_chokepoints(handoffs: Iterable[tuple[str, str]]) -> tuple[set[str], list[str]]:
    """(the roles taking part, the roles every chain through one stage passes) for the
    ``(from, to)`` handoffs of that stage.

    A chain starts at a role that receives nothing within the stage (work enters there)
    and ends at one that hands nothing on within it (work leaves there); the roles in
    the middle that every such chain passes are returned, nearest the exit first. The
    entry and exit roles themselves are not: the stage starts and ends with them by
    design. Empty when the stage's handoffs go round in a circle with no entry.
    Dominators again, so near-linear in the number of handoffs."""
    source, sink = " entry", " exit"
    graph: dict[str, set[str]] = {}
    receivers: set[str] = set()
    for start, end in handoffs:
        if start != end:
            graph.setdefault(start, set()).add(end)
            graph.setdefault(end, set())
            receivers.add(end)
    entries = [role for role in graph if role not in receivers]
    exits = [role for role, targets in graph.items() if not targets]
    if not entries or not exits:
        return set(graph), []
    graph[source] = set(entries)
    for role in exits:
        graph[role].add(sink)
    dominators = immediate_dominators(graph, source)
    found: list[str] = []
    current = dominators.get(sink, source)
    while current != source:
        if current not in entries and current not in exits:
            found.append(current)
        current = dominators[current]
    return set(graph) - {source}, found


def role_path(org: Organisation, role: str) -> ModelPath:
    """Where a role is defined, or else the first handoff that names it."""
    if role in org.role_index:
        return ("roles", org.role_index[role])
    for i, handoff in enumerate(org.model.handoffs):
        if role in (handoff.from_, handoff.to):
            return ("handoffs", i)
    return ("handoffs",)


def reach(org: Organisation, start: Collection[str]) -> set[str]:
    """Roles reachable from ``start`` through at least one handoff (one BFS)."""
    return reachable(org.handed_to, start)


def phase_text(stage: Stage) -> str:
    """``stage 'build' (phase development)``."""
    phase = stage.effective_phase
    return f"stage '{stage.id}' (phase {phase.value})" if phase else f"stage '{stage.id}'"

"""The organisation as checks read it: indexes over roles, teams, stages and work, and graphs.

Built once per file and read by the organisation rules (POM3xx–POM7xx), the report
and the diff: RACI assignments, team membership and the team tree, attendance of
ceremonies and rituals, the handoffs as an adjacency map (and as a networkx graph on
request), and support escalation. Building is linear in the model's size, and so is
every query offered here: callers must not run all-pairs algorithms on the whole
model. networkx is imported only when its graph is first asked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from pomkit.model import (
    Element,
    OperatingModel,
    Phase,
    Responsibility,
    Role,
    Stage,
    TeamType,
    Tier,
)

if TYPE_CHECKING:
    import networkx as nx


#: How messages name the team of roles without one.
NO_TEAM = "(no team)"


def node(kind: str, ident: str) -> str:
    """The graph node of an item: ``node("role", "pm") == "role:pm"``."""
    return f"{kind}:{ident}"


@dataclass(frozen=True)
class Assignment:
    """One role's part in one responsibility (RACI letter ``A``, ``R``, ``C`` or ``I``)."""

    index: int
    responsibility: Responsibility
    letter: str


def first_index(items: Iterable[object]) -> dict[str, int]:
    """Index of each id's first definition in a list of items (repeats are POM106's)."""
    out: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = getattr(item, "id", None)
        if isinstance(ident, str):
            out.setdefault(ident, i)
    return out


def find_cycle(successor: Mapping[str, str | None], order: Iterable[str]) -> Iterator[list[str]]:
    """Each cycle of a graph where every node has at most one successor, once.

    ``order`` gives the nodes in file order; each cycle is returned starting at the node
    that comes first in it, in the direction of the links. Linear in the number of nodes.
    """
    rank = {name: i for i, name in enumerate(order)}
    done: set[str] = set()
    for start in rank:
        if start in done:
            continue
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = start
        while current is not None and current not in done and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            current = successor.get(current)
        if current is not None and current in on_path:
            cycle = path[on_path[current] :]
            head = min(range(len(cycle)), key=lambda k: rank.get(cycle[k], len(rank)))
            yield cycle[head:] + cycle[:head]
        done.update(path)


def link_to_fix(cycle: list[str], successor: Mapping[str, str | None]) -> tuple[str, str]:
    """The link of a chart's ``cycle`` (from :func:`find_cycle`) that is most likely wrong.

    The member that heads more of the chart than any other in the cycle — the most roles
    reporting to it, the most sub-teams — is the real top, so its own link upwards is
    the mistake. When no member stands out, the link that goes back to the member listed
    first (as for support tiers, which are listed first line first).
    """
    below: dict[str, int] = dict.fromkeys(cycle, 0)
    for above in successor.values():
        if above in below:
            below[above] += 1
    most = max(below.values())
    tops = [name for name in cycle if below[name] == most]
    if len(tops) == 1:
        top = tops[0]
        return top, cycle[(cycle.index(top) + 1) % len(cycle)]
    return cycle[-1], cycle[0]


@dataclass
class Organisation:
    """Indexes over a model plus the networkx graphs, built once per file.

    Every index keeps the first definition of a repeated id (a structure error).
    """

    model: OperatingModel
    roles: dict[str, Role] = field(default_factory=dict)
    #: Index of each role's definition under ``roles:``.
    role_index: dict[str, int] = field(default_factory=dict)
    stages: dict[str, Stage] = field(default_factory=dict)
    stage_order: dict[str, int] = field(default_factory=dict)
    team_of: dict[str, str | None] = field(default_factory=dict)
    team_types: dict[str, TeamType] = field(default_factory=dict)
    team_index: dict[str, int] = field(default_factory=dict)
    #: Roles whose ``team`` is the team (not its sub-teams).
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: Teams whose ``parent`` is the team.
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    assignments: dict[str, list[Assignment]] = field(default_factory=lambda: defaultdict(list))
    accountable_for: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_element: dict[Element, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_stage: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    #: Roles attending each ceremony or ritual (facilitators included, teams expanded
    #: to their members and their sub-teams' members), by ``ceremony:<id>``/``ritual:<id>``.
    attendees: dict[str, set[str]] = field(default_factory=dict)
    #: The ceremonies and rituals each role attends (the inverse of ``attendees``).
    meetings: dict[str, set[str]] = field(default_factory=dict)
    tier_index: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, model: OperatingModel) -> Organisation:
        org = cls(model)
        for i, team in enumerate(model.teams):
            if team.id not in org.team_types:
                org.team_types[team.id] = team.type
                org.team_index[team.id] = i
                if team.parent is not None and team.parent != team.id:
                    org.children[team.parent].append(team.id)
        for i, role in enumerate(model.roles):
            if role.id in org.roles:
                continue
            org.roles[role.id] = role
            org.role_index[role.id] = i
            org.team_of[role.id] = role.team
            if role.team is not None:
                org.members[role.team].append(role.id)
        for i, stage in enumerate(model.lifecycle.stages):
            org.stages.setdefault(stage.id, stage)
            org.stage_order.setdefault(stage.id, i)
        for i, item in enumerate(model.responsibilities):
            org.by_element[item.element].append(i)
            if item.stage is not None:
                org.by_stage[item.stage].append(i)
            org.accountable_for[item.accountable].append(i)
            for letter, roles in (
                ("A", [item.accountable]),
                ("R", item.responsible),
                ("C", item.consulted),
                ("I", item.informed),
            ):
                for who in roles:
                    org.assignments[who].append(Assignment(i, item, letter))
        if model.methodology is not None:
            for ceremony in model.methodology.ceremonies:
                people = set(ceremony.participants)
                if ceremony.facilitator is not None:
                    people.add(ceremony.facilitator)
                org.attendees[node("ceremony", ceremony.id)] = people
        for ritual in model.collaboration.rituals:
            people = set()
            for member in ritual.participants:
                if member in org.roles:
                    people.add(member)
                for unit in org.with_subteams(member):
                    people.update(org.members.get(unit, ()))
            org.attendees[node("ritual", ritual.id)] = people
        for name, people in org.attendees.items():
            for who in people:
                org.meetings.setdefault(who, set()).add(name)
        org.tier_index = first_index(model.support.tiers)
        return org

    # ------------------------------------------------------------------ queries

    def with_subteams(self, team: str) -> set[str]:
        """``team`` and every team below it through ``parent:`` (cycles are tolerated)."""
        found = {team}
        stack = [team]
        while stack:
            for child in self.children.get(stack.pop(), ()):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return found

    def sits_in(self, role: str, team: str) -> bool:
        """Whether ``role``'s team is ``team`` or a team below it through ``parent:``.

        Walks up from the role's team, so it costs the depth of the tree, not its size
        (cycles are tolerated)."""
        current = self.team_of.get(role)
        seen: set[str] = set()
        while current is not None and current not in seen:
            if current == team:
                return True
            seen.add(current)
            current = self.parent_of.get(current)
        return False

    def carries(self, role: str) -> bool:
        """Whether ``role`` is accountable or responsible for anything."""
        return any(a.letter in "AR" for a in self.assignments.get(role, ()))

    def doers(self, indexes: Iterable[int]) -> set[str]:
        """Roles accountable or responsible for any of these responsibilities."""
        out: set[str] = set()
        for i in indexes:
            item = self.model.responsibilities[i]
            out.add(item.accountable)
            out.update(item.responsible)
        return out

    @cached_property
    def doers_by_element(self) -> dict[Element, set[str]]:
        """Roles accountable or responsible for something, by element."""
        return {element: self.doers(indexes) for element, indexes in self.by_element.items()}

    @cached_property
    def doers_by_stage(self) -> dict[str, set[str]]:
        """Roles accountable or responsible for something, by lifecycle stage id."""
        return {stage: self.doers(indexes) for stage, indexes in self.by_stage.items()}

    def kind_of(self, role: str) -> str | None:
        found = self.roles.get(role)
        return found.kind.value if found is not None else None

    def stages_in_phase(self, phase: Phase) -> list[Stage]:
        return [s for s in self.model.lifecycle.stages if s.effective_phase is phase]

    def share_ritual(self, a: str, b: str) -> bool:
        """Whether roles ``a`` and ``b`` meet in some ceremony or ritual."""
        return not self.meetings.get(a, set()).isdisjoint(self.meetings.get(b, set()))

    @cached_property
    def unsure_attendees(self) -> set[str]:
        """Roles attending a meeting that lists an undefined participant (POM201's).

        Such a meeting might bring anyone together, so checks never report its roles
        as never meeting.
        """
        broken: set[str] = set()
        for ritual in self.model.collaboration.rituals:
            if any(m not in self.team_types and m not in self.roles for m in ritual.participants):
                broken.add(node("ritual", ritual.id))
        if self.model.methodology is not None:
            for ceremony in self.model.methodology.ceremonies:
                named = [*ceremony.participants, *filter(None, [ceremony.facilitator])]
                if any(who not in self.roles for who in named):
                    broken.add(node("ceremony", ceremony.id))
        out: set[str] = set()
        for meeting in broken:
            out.update(self.attendees.get(meeting, ()))
        return out

    def tier(self, ident: str) -> Tier | None:
        index = self.tier_index.get(ident)
        return None if index is None else self.model.support.tiers[index]

    @cached_property
    def parent_of(self) -> dict[str, str | None]:
        """Each team's ``parent`` (first definition of each team), in file order."""
        return {ident: self.model.teams[i].parent for ident, i in self.team_index.items()}

    @cached_property
    def line_manager(self) -> dict[str, str | None]:
        """Each role's ``reports_to`` (first definition of each role), in file order."""
        return {ident: self.roles[ident].reports_to for ident in self.role_index}

    # ------------------------------------------------------------------ graphs

    @cached_property
    def handed_to(self) -> dict[str, set[str]]:
        """Role → the roles it hands work to (parallel handoffs merged; plain sets, so
        that the checks every run makes need no graph library)."""
        out: dict[str, set[str]] = {}
        for handoff in self.model.handoffs:
            out.setdefault(handoff.from_, set()).add(handoff.to)
        return out

    @cached_property
    def handoff_graph(self) -> nx.DiGraph[str]:
        """Roles and who hands work to whom, as a networkx graph (parallel handoffs
        merged), for analyses that want the library."""
        import networkx as nx

        g: nx.DiGraph[str] = nx.DiGraph()
        g.add_nodes_from(self.roles)
        for handoff in self.model.handoffs:
            g.add_edge(handoff.from_, handoff.to)
        return g

    @cached_property
    def escalation(self) -> dict[str, str | None]:
        """Each support tier's ``escalates_to`` (first definition of each tier)."""
        return {
            ident: self.model.support.tiers[i].escalates_to for ident, i in self.tier_index.items()
        }

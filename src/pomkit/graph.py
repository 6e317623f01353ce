"""The organisation as rules read it: indexes over roles, teams, stages and work, and graphs.

Built once per file (``Context.org``) and read by the organisation rules
(POM3xx–POM7xx): RACI assignments, team membership, attendance of ceremonies and
rituals, plus the networkx graphs of handoffs and of support escalation. Building
is linear in the model's size, and so is every query offered here: rules must not
run all-pairs algorithms on the whole model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
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
)

if TYPE_CHECKING:
    import networkx as nx


def _with_subteams(team: str, children: dict[str, list[str]]) -> set[str]:
    """``team`` and every team below it through ``parent:`` (cycles are tolerated)."""
    found = {team}
    stack = [team]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def node(kind: str, ident: str) -> str:
    """The graph node of an item: ``node("role", "pm") == "role:pm"``."""
    return f"{kind}:{ident}"


@dataclass(frozen=True)
class Assignment:
    """One role's part in one responsibility (RACI letter ``A``, ``R``, ``C`` or ``I``)."""

    index: int
    responsibility: Responsibility
    letter: str


@dataclass
class Organisation:
    """Indexes over a model plus the networkx graph, built once per file."""

    model: OperatingModel
    roles: dict[str, Role] = field(default_factory=dict)
    stages: dict[str, Stage] = field(default_factory=dict)
    stage_order: dict[str, int] = field(default_factory=dict)
    team_of: dict[str, str | None] = field(default_factory=dict)
    team_types: dict[str, TeamType] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    assignments: dict[str, list[Assignment]] = field(default_factory=lambda: defaultdict(list))
    accountable_for: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_element: dict[Element, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_stage: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    #: Roles attending each ceremony or ritual (facilitators included, teams expanded
    #: to their members and their sub-teams' members).
    attendees: dict[str, set[str]] = field(default_factory=dict)
    #: The ceremonies and rituals each role attends (the inverse of ``attendees``).
    meetings: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, model: OperatingModel) -> Organisation:
        org = cls(model)
        for team in model.teams:
            org.team_types.setdefault(team.id, team.type)
        for role in model.roles:
            org.roles.setdefault(role.id, role)
            org.team_of.setdefault(role.id, role.team)
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
        children: dict[str, list[str]] = defaultdict(list)
        for team in model.teams:
            if team.parent is not None and team.parent != team.id:
                children[team.parent].append(team.id)
        for ritual in model.collaboration.rituals:
            people = set()
            for member in ritual.participants:
                if member in org.roles:
                    people.add(member)
                for unit in _with_subteams(member, children):
                    people.update(org.members.get(unit, ()))
            org.attendees[node("ritual", ritual.id)] = people
        for name, people in org.attendees.items():
            for who in people:
                org.meetings.setdefault(who, set()).add(name)
        return org

    # ------------------------------------------------------------------ queries

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

    def kind_of(self, role: str) -> str | None:
        found = self.roles.get(role)
        return found.kind.value if found is not None else None

    def stages_in_phase(self, phase: Phase) -> list[Stage]:
        return [s for s in self.model.lifecycle.stages if s.effective_phase is phase]

    def share_ritual(self, a: str, b: str) -> bool:
        """Whether roles ``a`` and ``b`` meet in some ceremony or ritual."""
        return not self.meetings.get(a, set()).isdisjoint(self.meetings.get(b, set()))

    # ------------------------------------------------------------------ graphs

    @cached_property
    def handoff_graph(self) -> nx.DiGraph[str]:
        """Roles and who hands work to whom (parallel handoffs merged)."""
        import networkx as nx

        g: nx.DiGraph[str] = nx.DiGraph()
        g.add_nodes_from(self.roles)
        for handoff in self.model.handoffs:
            g.add_edge(handoff.from_, handoff.to)
        return g

    @cached_property
    def escalation_graph(self) -> nx.DiGraph[str]:
        import networkx as nx

        g: nx.DiGraph[str] = nx.DiGraph()
        for tier in self.model.support.tiers:
            g.add_node(tier.id)
            if tier.escalates_to is not None:
                g.add_edge(tier.id, tier.escalates_to)
        return g

"""Per-file facts: the model, its organisation, its holes and views of every item, built once.

:class:`Facts` is what the organisation checks (rules), the report's health page and
the diff read. It knows every item of every kind — kept in the model or left out of
it for a structure error (:mod:`pomkit.domain.holes`) — so that existence checks
("is there a retrospective?") answer ``True``, ``False`` or ``None`` (undecided).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from pomkit.domain.flow import Flow
from pomkit.domain.holes import UNKNOWN, Holes, View, views
from pomkit.domain.organisation import Organisation, node
from pomkit.domain.vocabulary import Tri
from pomkit.model import OperatingModel, TeamType, id_lists, item_id

Predicate = Callable[[View], Tri]


@dataclass
class Facts:
    """Indexes and derived sets over one model, built once per file."""

    model: OperatingModel
    org: Organisation
    holes: Holes
    #: kind (``kpi``, ``feedback`` …) → id → kept item, first definition wins.
    items: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    #: kind → views of every item, kept ones first.
    _views: dict[str, list[View]] = field(default_factory=dict)
    _by_id: dict[str, dict[str, View]] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, model: OperatingModel, org: Organisation, holes: Holes) -> Facts:
        facts = cls(model, org, holes)
        for kind, _where, found in id_lists(model):
            index: dict[str, BaseModel] = {}
            for item in found:
                ident = item_id(item)
                if ident is not None:
                    index.setdefault(ident, item)
            facts.items[kind] = index
        return facts

    def memo(self, name: str, make: Callable[[], Any]) -> Any:
        """Compute a derived fact once per file (for derivations that live elsewhere)."""
        if name not in self._memo:
            self._memo[name] = make()
        return self._memo[name]

    # ------------------------------------------------------------------ items

    def item(self, kind: str, ident: str) -> BaseModel | None:
        return self.items.get(kind, {}).get(ident)

    def views(self, kind: str) -> list[View]:
        """Every item of ``kind``: the model's, then those left out of it."""
        if kind not in self._views:
            items: list[BaseModel] = []
            for found_kind, _where, found in id_lists(self.model):
                if found_kind == kind:
                    items = list(found)
            self._views[kind] = views(self.holes, kind, items)
        return self._views[kind]

    def kept_view(self, kind: str, index: int) -> View:
        """The view of the model's ``index``-th item of ``kind``."""
        return self.views(kind)[index]

    def view_of(self, kind: str, ident: str) -> View | None:
        """The first item of ``kind`` with id ``ident``, kept or left out."""
        index = self._by_id.get(kind)
        if index is None:
            index = {}
            for view in self.views(kind):
                if view.ident is not None:
                    index.setdefault(view.ident, view)
            self._by_id[kind] = index
        return index.get(ident)

    def exists(self, kind: str, test: Predicate) -> Tri:
        """``True`` if an item of ``kind`` passes ``test``, ``None`` if one might, else ``False``.

        A section that was left out as a whole (its items unreadable) makes the answer
        undecided too.
        """
        unknown = False
        for view in self.views(kind):
            verdict = test(view)
            if verdict is True:
                return True
            unknown |= verdict is None
        return None if unknown or self.section_lost(kind) else False

    def unwritten(self, kind: str, key: str) -> Iterator[View]:
        """The items of ``kind`` — kept, or left out of the model for another error — that
        do not write ``key`` (or write it empty); a value written but invalid is not
        "unwritten". Left-out items are judged too, so that one mistake in an item (a
        typo in a KPI's target) does not hide another (its missing owner); those without
        a readable id are not, as their id is the structure rules' finding."""
        for view in self.views(kind):
            if not view.kept and view.ident is None:
                continue
            value = view.get(key)  # UNKNOWN where the file writes what the model lacks
            if value is not UNKNOWN and value in (None, []):
                yield view

    def ids(self, kind: str, test: Predicate) -> list[str]:
        """Ids of the model's items of ``kind`` that pass ``test`` (in file order)."""
        return [v.ident for v in self.views(kind) if v.kept and v.ident and test(v) is True]

    def section_lost(self, kind: str) -> bool:
        """Whether the list holding ``kind`` (or a section above it) could not be read."""
        return self.holes.unreadable(kind)

    # ------------------------------------------------------------------ derived

    @cached_property
    def flow(self) -> Flow:
        """How work moves through the lifecycle.

        Who starts and who finishes the lifecycle (``start``, ``end``) is left empty —
        undecided — when a handoff, or the first or last lifecycle stage or its owner,
        is missing from the model: the checks that follow chains of handoffs from start
        to end then keep quiet rather than report a break the missing piece may close.
        """
        flow = Flow.build(self.model)
        if self.holes.any and (self.handoffs_unreadable() or self._ends_unsure()):
            flow.start, flow.end = set(), set()
        return flow

    # ------------------------------------------------------------------ handoffs

    def handoffs_unreadable(self) -> bool:
        """Whether a handoff, or the ends or stage of one, is missing from the model."""
        holes = self.holes
        if not holes.any:
            return False
        return (
            bool(holes.dropped("handoff"))
            or self.section_lost("handoff")
            or any(
                holes.lost(("handoffs", i, key))
                for i in range(len(self.model.handoffs))
                for key in ("from", "to", "stage")
            )
        )

    def _ends_unsure(self) -> bool:
        """Whether the first or the last lifecycle stage, or its owner, may be missing."""
        holes = self.holes
        if self.section_lost("stage"):
            return True
        stages = self.model.lifecycle.stages
        if not stages:
            return bool(holes.dropped("stage"))
        edges = (0, len(stages) - 1)
        # Positions in the file: a stage left out before the first kept one, or after
        # the last, could be the lifecycle's real first or last stage.
        first, last = (int(holes.to_source(("lifecycle", "stages", i))[-1]) for i in edges)
        if any(not first <= int(raw.path[-1]) <= last for raw in holes.dropped("stage")):
            return True
        return any(self._owner_unread(i) for i in edges)

    def _owner_unread(self, stage: int) -> bool:
        path = ("lifecycle", "stages", stage, "owner")
        return self.holes.lost(path) or (
            self.model.lifecycle.stages[stage].owner is None and self.holes.written(path)
        )

    def could_hand_on(self, role: str) -> bool:
        """Whether a handoff the model lacks could be one that ``role`` sends."""
        holes = self.holes
        if not holes.any:
            return False
        if self.section_lost("handoff"):
            return True
        for raw in holes.dropped("handoff"):
            sender = holes.field(raw, "from")
            if sender is UNKNOWN or sender == role:
                return True
        return any(holes.lost(("handoffs", i, "from")) for i in range(len(self.model.handoffs)))

    def could_finish(self, role: str) -> bool:
        """Whether ``role`` could own a final stage, or receive work in one, in the parts of
        the lifecycle and the handoffs that are missing from the model."""
        holes = self.holes
        if not holes.any:
            return False
        stages = self.model.lifecycle.stages
        if self.section_lost("stage") or self._ends_unsure():
            return True
        if holes.dropped("stage") or any(
            holes.lost(("lifecycle", "stages", i, key))
            for i in range(len(stages))
            for key in ("phase", "owner")
        ):
            return True  # a stage in the retirement phase, or its owner, may be missing
        final = self.flow.final
        for raw in holes.dropped("handoff"):
            stage, receiver = holes.fields(raw, "stage", "to")
            if (stage is UNKNOWN or stage in final) and (receiver is UNKNOWN or receiver == role):
                return True
        return any(
            holes.lost(("handoffs", i, "stage")) and handoff.to == role
            for i, handoff in enumerate(self.model.handoffs)
        )

    def could_happen_in(self, stage: str) -> bool:
        """Whether a handoff the model lacks, or one whose stage it cannot read, could
        happen in lifecycle stage ``stage``."""
        holes = self.holes
        if not holes.any:
            return False
        for raw in holes.dropped("handoff"):
            found = holes.field(raw, "stage")
            if found is UNKNOWN or found == stage:
                return True
        return self.section_lost("handoff") or any(
            holes.lost(("handoffs", i, "stage")) for i in range(len(self.model.handoffs))
        )

    # ------------------------------------------------------------------ people and meetings

    @cached_property
    def people_unsure(self) -> bool:
        """Whether a role, a role's team or a team's place in the team tree is missing from
        the model (so who is of which kind, or in which team, is not fully known)."""
        holes = self.holes
        if not holes.any:
            return False
        return (
            bool(holes.dropped("role") or holes.dropped("team"))
            or self.section_lost("role")
            or self.section_lost("team")
            or any(holes.lost(("roles", i, "team")) for i in range(len(self.model.roles)))
            or any(holes.lost(("teams", i, "parent")) for i in range(len(self.model.teams)))
        )

    def team_unsure(self, role: str) -> bool:
        """Whether the team of ``role`` may be other than the model says: its ``team`` is
        unreadable, or the role itself is missing from the model."""
        holes = self.holes
        if not holes.any:
            return False
        index = self.org.role_index.get(role)
        if index is not None:
            return holes.lost(("roles", index, "team"))
        if self.section_lost("role"):
            return True
        return any(v.ident in (None, role) for v in self.views("role") if not v.kept)

    def attendance(self, view: View) -> tuple[set[str], bool]:
        """The roles attending a ceremony or ritual (teams expanded to their members and
        sub-teams' members), and whether that is all of them as far as the file says."""
        participants = view.get("participants")
        complete = participants is not UNKNOWN and not view.lost("participants")
        members = participants if isinstance(participants, list) else []
        org = self.org
        people: set[str] = set()
        if view.kind == "ceremony":
            people.update(members)
            facilitator = view.get("facilitator")
            if facilitator is UNKNOWN:
                complete = False
            elif isinstance(facilitator, str):
                people.add(facilitator)
            return people, complete
        for member in members:
            if member in org.roles:
                people.add(member)
            elif self.people_unsure:
                complete = False  # a team whose members or sub-teams may be missing
            for unit in org.with_subteams(member):
                people.update(org.members.get(unit, ()))
        return people, complete

    @cached_property
    def _unsure_meetings(self) -> list[tuple[set[str], bool]]:
        """The ceremonies and rituals the model lacks or cannot read fully: the roles known
        to attend each, and whether that is all of them. A meeting that names an undefined
        participant (POM201's) counts as open, as :attr:`Organisation.unsure_attendees`
        has it for the model's own meetings."""
        found: list[tuple[set[str], bool]] = []
        if not self.holes.any:
            return found
        org = self.org
        for kind in ("ceremony", "ritual"):
            for view in self.views(kind):
                people, complete = self.attendance(view)
                if view.kept and complete:
                    continue
                named = view.get("participants")
                if isinstance(named, list) and any(
                    m not in org.roles and m not in org.team_types for m in named
                ):
                    complete = False
                found.append((people, complete))
        return found

    def could_meet(self, a: str, b: str) -> bool:
        """Whether a ceremony or ritual the model lacks, or one whose participants it
        cannot read fully, could bring roles ``a`` and ``b`` together."""
        if not self.holes.any:
            return False
        if self.section_lost("ceremony") or self.section_lost("ritual"):
            return True
        return any(
            not complete or (a in people and b in people)
            for people, complete in self._unsure_meetings
        )

    @cached_property
    def goal_kpis(self) -> dict[str, set[str]]:
        """goal id → KPIs that measure it (``goal.kpis`` and ``kpi.goal`` both count)."""
        out: dict[str, set[str]] = {}
        for goal in self.model.strategy.goals:
            out.setdefault(goal.id, set()).update(goal.kpis)
        for kpi in self.model.kpis:
            if kpi.goal is not None:
                out.setdefault(kpi.goal, set()).add(kpi.id)
        return out

    @cached_property
    def accountable_count(self) -> Counter[str]:
        """role → number of responsibilities it is accountable for."""
        return Counter(item.accountable for item in self.model.responsibilities)

    @cached_property
    def deciding_teams(self) -> set[str]:
        """Teams (by id) with a role of their own accountable for something."""
        out: set[str] = set()
        for item in self.model.responsibilities:
            team = self.org.team_of.get(item.accountable)
            if team is not None:
                out.add(team)
        return out

    @cached_property
    def stream_aligned(self) -> list[str]:
        return [t.id for t in self.model.teams if t.type is TeamType.STREAM_ALIGNED]

    @cached_property
    def cross_gatherings(self) -> set[str]:
        """``ceremony:<id>`` / ``ritual:<id>`` nodes joining two kinds or two teams."""
        return {
            g for g, people in self.org.attendees.items() if is_cross_functional(self.org, people)
        }

    @cached_property
    def cross_team_rituals(self) -> set[str]:
        """``ritual:<id>`` nodes attended by roles of two or more teams."""
        return {
            g
            for g, people in self.org.attendees.items()
            if g.startswith("ritual:") and spans_teams(self.org, people)
        }

    def gathering_maybe(self) -> bool:
        """Whether a meeting or a role the model lacks or cannot read fully could make a
        gathering cross-functional (so "none is" is undecided)."""
        return self.holes.any and (
            self.people_unsure
            or self.section_lost("ceremony")
            or self.section_lost("ritual")
            or bool(self._unsure_meetings)
        )

    def responsibilities_unreadable(self) -> bool:
        """Whether a responsibility, or one of its roles, is missing from the model."""
        return (
            bool(self.holes.dropped("responsibility"))
            or self.section_lost("responsibility")
            or any(
                self.holes.lost(("responsibilities", i, key))
                for i in range(len(self.model.responsibilities))
                for key in ("accountable", "responsible")
            )
        )

    def could_involve(self, role: str) -> bool:
        """Whether a responsibility the model cannot read fully could make ``role``
        accountable or responsible: one left out of the model that names the role (or
        whose roles are unreadable), or one whose accountable or responsible roles lost
        an entry."""
        holes = self.holes
        if not holes.any:
            return False
        for raw in holes.dropped("responsibility"):
            accountable = holes.field(raw, "accountable")
            responsible = holes.field(raw, "responsible")
            if accountable is UNKNOWN or accountable == role:
                return True
            if responsible is UNKNOWN or role in (responsible or ()):
                return True
        return self.section_lost("responsibility") or any(
            holes.lost(("responsibilities", i, key))
            for i in range(len(self.model.responsibilities))
            for key in ("accountable", "responsible")
        )

    def could_cover(self, key: str, value: object) -> bool:
        """Whether a responsibility the model lacks, or one whose ``key`` (``element``,
        ``stage``) could not be read, could have ``value`` there."""
        holes = self.holes
        if not holes.any:
            return False
        for raw in holes.dropped("responsibility"):
            found = holes.field(raw, key)
            if found is UNKNOWN or found == value:
                return True
        return self.section_lost("responsibility") or any(
            holes.lost(("responsibilities", i, key))
            for i in range(len(self.model.responsibilities))
        )

    def overloaded(
        self, max_share: float, min_responsibilities: int, min_accountable: int = 1
    ) -> list[tuple[str, int]]:
        """Roles accountable for at least ``min_accountable`` responsibilities and more than
        ``max_share`` of all of them (POM307's definition of overload).

        Only models with at least ``min_responsibilities`` responsibilities are judged:
        in a small model one role naturally holds a large share.
        """
        total = len(self.model.responsibilities)
        if total < max(min_responsibilities, 1):
            return []
        return [
            (role, count)
            for role, count in self.accountable_count.most_common()
            if count >= min_accountable and count / total > max_share and role in self.org.roles
        ]


def is_cross_functional(org: Organisation, people: Iterable[str]) -> bool:
    """Whether these roles are of at least two kinds or at least two teams."""
    kinds: set[str] = set()
    teams: set[str] = set()
    for who in people:
        kind = org.kind_of(who)
        if kind is not None:
            kinds.add(kind)
        team = org.team_of.get(who)
        if team is not None:
            teams.add(team)
        if len(kinds) > 1 or len(teams) > 1:
            return True
    return False


def spans_teams(org: Organisation, people: Iterable[str]) -> bool:
    """Whether these roles belong to at least two teams."""
    teams: set[str] = set()
    for who in people:
        team = org.team_of.get(who)
        if team is not None:
            teams.add(team)
            if len(teams) > 1:
                return True
    return False


__all__ = ["Facts", "Predicate", "is_cross_functional", "node", "spans_teams"]

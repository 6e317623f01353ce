"""Build the playbook's view model from a loaded file and the findings the validate pipeline made.

All the report's logic lives here: what each section lists, the maturity levels of
the health page (read from the rules' own criteria in :mod:`pomkit.domain`), the
RACI matrices, the role pages, the diagrams' layout. The templates only display the
:class:`~pomkit.playbook.view.Playbook` this returns.
"""

from __future__ import annotations

import enum
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import Any, Literal

from pydantic import BaseModel

from pomkit.domain import archetypes, principles
from pomkit.domain.facts import Facts
from pomkit.domain.holes import Holes
from pomkit.domain.organisation import NO_TEAM, Organisation, node
from pomkit.domain.text import names, plural, unit_text
from pomkit.domain.vocabulary import (
    Tri,
    ceremony_reading,
    kpi_reading,
)
from pomkit.findings import Finding, ModelPath, Severity, Suppressed, format_path
from pomkit.loader import Source
from pomkit.model import (
    Element,
    Handoff,
    Metadata,
    ModelType,
    OperatingModel,
    Responsibility,
    Target,
    id_lists,
    split_typed,
)
from pomkit.playbook import layout
from pomkit.playbook.health import Judge, humanize
from pomkit.playbook.layout import EdgeSpec, NodeSpec
from pomkit.playbook.text import anchor
from pomkit.playbook.view import (
    VIEW_VERSION,
    CeremonyView,
    ChannelView,
    CollaborationView,
    Cover,
    CoverageCell,
    Diagram,
    Feed,
    FindingGroup,
    FindingLink,
    FindingsView,
    FindingView,
    FlowView,
    GoalView,
    HandoffView,
    Health,
    InitiativeView,
    KpiTarget,
    KpiView,
    LifecycleView,
    LoopView,
    Matrix,
    Meeting,
    MethodologyView,
    Period,
    Playbook,
    PrincipleView,
    RaciGroup,
    RaciRow,
    RaciView,
    Ref,
    ReleaseStageView,
    ReleaseView,
    RitualView,
    RoadmapItemView,
    RolePage,
    Section,
    StageView,
    Status,
    StrategyView,
    SupportView,
    SuppressedView,
    TeamDiagram,
    TeamMatrix,
    TeamsView,
    TeamView,
    TierView,
    TransformationView,
    Work,
)
from pomkit.structure import Structure

#: Above this many roles, the RACI overview has a column per team, not per role.
RACI_ROLE_LIMIT = 40
#: Above this many teams, the RACI overview counts activities per element and stage.
RACI_TEAM_LIMIT = 150
#: Above this many roles in handoffs, the flow is drawn per team.
FLOW_ROLE_LIMIT = 40
#: Above this many teams in handoffs, there is no team-level overview of the flow.
FLOW_TEAM_LIMIT = 30

LETTERS = ("A", "R", "C", "I")
_STRENGTH = {letter: n for n, letter in enumerate(LETTERS)}

#: How each kind's items are named in the report.
_LABEL_FIELDS: dict[str, tuple[str, ...]] = {
    "role": ("title",),
    "team": ("name",),
    "stage": ("name",),
    "kpi": ("name",),
    "goal": ("statement",),
    "roadmap": ("title",),
    "ceremony": ("name",),
    "tier": ("name",),
    "channel": ("name",),
    "feedback": ("name",),
    "ritual": ("name",),
    "responsibility": ("activity",),
    "release-stage": ("name",),
    "initiative": ("title",),
}
#: Kinds tried, in order, for an id quoted in a finding's message without its kind.
_MENTION_ORDER = (
    "role",
    "team",
    "stage",
    "kpi",
    "goal",
    "ceremony",
    "ritual",
    "tier",
    "channel",
    "feedback",
    "responsibility",
    "release-stage",
    "roadmap",
    "initiative",
    "principle",
)
_MENTION_WORDS = {
    "role": "role",
    "roles": "role",
    "team": "team",
    "teams": "team",
    "stage": "stage",
    "stages": "stage",
    "kpi": "kpi",
    "kpis": "kpi",
    "goal": "goal",
    "goals": "goal",
    "ceremony": "ceremony",
    "ceremonies": "ceremony",
    "ritual": "ritual",
    "rituals": "ritual",
    "tier": "tier",
    "tiers": "tier",
    "channel": "channel",
    "loop": "feedback",
    "loops": "feedback",
    "responsibility": "responsibility",
    "responsibilities": "responsibility",
    "initiative": "initiative",
    "principle": "principle",
}
_QUOTED = re.compile(r"(?:\b([A-Za-z]+) )?'([a-z0-9]+(?:-[a-z0-9]+)*)'")
_SEVERITIES: list[Literal["error", "warning", "info"]] = ["error", "warning", "info"]


@dataclass(frozen=True)
class Options:
    """What the report reads besides the file: the thresholds of the rules it quotes."""

    fail_on: Severity | None = Severity.ERROR
    principle_limits: principles.Limits = field(default_factory=principles.Limits)
    type_limits: archetypes.Limits = field(default_factory=archetypes.Limits)
    #: Rule code → rule name, for the findings appendix.
    rule_names: Mapping[str, str] | None = None
    tool_version: str = ""
    #: The codes of the rules that ran (``None``: every rule); the health page does not
    #: take a rule's silence for a pass when the configuration left the rule out.
    checked: frozenset[str] | None = None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def target_text(target: Target | None) -> str | None:
    """``>= 45 points``."""
    if target is None:
        return None
    unit = f" {unit_text(target.value, target.unit)}" if target.unit else ""
    return f"{target.op.value} {_number(target.value)}{unit}"


def _unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever the page does not use yet."""
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    taken.add(found)
    return found


class Refs:
    """Every defined id by kind, and the :class:`Ref` that mentions it.

    Each item's section gets an anchor no other section has: an id used twice (POM106)
    shows both items, the second as ``loop-x-2`` (links and findings go to the first),
    and ids that differ only in what an anchor cannot hold do not share one.
    """

    def __init__(self, model: OperatingModel) -> None:
        self.items: dict[str, dict[str, BaseModel]] = {}
        self._anchors: dict[tuple[str, str], str] = {}
        #: id() of a repeated item → its own section's anchor.
        self._repeats: dict[int, str] = {}
        taken: set[str] = set()
        repeats: list[tuple[str, str, BaseModel]] = []
        for kind, _where, items in id_lists(model):
            index: dict[str, BaseModel] = {}
            for item in items:
                ident = _text(getattr(item, "id", None))
                if ident is None:
                    continue
                if ident in index:
                    repeats.append((kind, ident, item))
                    continue
                index[ident] = item
                self._anchors[(kind, ident)] = _unique(anchor(kind, ident), taken)
            self.items[kind] = index
        # After every first occurrence, so that a repeat never takes a defined id's anchor.
        for kind, ident, item in repeats:
            self._repeats[id(item)] = _unique(anchor(kind, ident), taken)
        self._cache: dict[tuple[str, str], Ref] = {}

    def defined(self, kind: str, ident: str) -> bool:
        return ident in self.items.get(kind, {})

    def ref(self, kind: str, ident: str) -> Ref:
        key = (kind, ident)
        found = self._cache.get(key)
        if found is None:
            item = self.items.get(kind, {}).get(ident)
            label = ident
            if item is not None:
                for name in _LABEL_FIELDS.get(kind, ()):
                    value = getattr(item, name, None)
                    if value:
                        label = str(value)
                        break
                else:
                    if kind == "principle":
                        label = humanize(ident)
            found = Ref(
                kind=kind,
                id=ident,
                label=label,
                anchor=self._anchors.get(key) if item is not None else None,
            )
            self._cache[key] = found
        return found

    def section(self, kind: str, item: Any) -> Ref:
        """The ref that heads ``item``'s own section: its id's, or for the second item
        with an id, the same with that item's own anchor and label."""
        ident = _text(getattr(item, "id", None)) or ""
        ref = self.ref(kind, ident)
        own = self._repeats.get(id(item))
        if own is None:
            return ref
        label = next(
            (str(v) for name in _LABEL_FIELDS.get(kind, ()) if (v := getattr(item, name, None))),
            ident,
        )
        return ref.model_copy(update={"anchor": own, "label": label})

    def maybe(self, kind: str, ident: str | None) -> Ref | None:
        return None if ident is None else self.ref(kind, _text(ident) or "")

    def many(self, kind: str, idents: Iterable[Any]) -> list[Ref]:
        return [self.ref(kind, _text(i) or "") for i in dict.fromkeys(idents)]

    def member(self, ident: str) -> Ref:
        """A ritual participant: a role, else a team."""
        if self.defined("role", ident) or not self.defined("team", ident):
            return self.ref("role", ident)
        return self.ref("team", ident)

    def typed(self, text: str) -> Ref | None:
        """``kpi:nps`` → the KPI's ref (``None`` for words like ``backlog``)."""
        if ":" not in text:
            return None
        kind, ident = split_typed(text)
        return self.ref(kind, ident) if kind in self.items or kind in _LABEL_FIELDS else None


@dataclass(frozen=True)
class TreePart:
    """A part of a tree small enough to draw: its teams, and the ones it starts from."""

    members: list[str]
    roots: list[str]
    #: Set when the part is a team and its direct sub-teams only (the team was too large
    #: for one part): (this chunk, of how many), counted from 1.
    head: tuple[int, int] | None = None


def tree_parts(keys: Sequence[str], parent: Mapping[str, str | None], limit: int) -> list[TreePart]:
    """``keys`` (a forest given by ``parent``) cut into parts of at most ``limit`` nodes.

    Each top-level node and everything under it is one part; consecutive small ones
    share a part. A node with more below it than fits is a part of its own with its
    direct children (cut in chunks when even those do not fit), followed by the parts
    of those children that have children themselves. Every node and every parent link
    is in a part. Nodes caught in a parent cycle start parts of their own, after the rest.
    """
    known = set(keys)
    children: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        up = parent.get(key)
        if up is not None and up in known and up != key:
            children[up].append(key)
    placed: set[str] = set()

    def below(start: str) -> list[str]:
        """``start`` and everything under it, depth first, once each."""
        out, stack, seen = [], [start], set()
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            out.append(key)
            stack.extend(reversed(children.get(key, [])))
        return out

    def cut(starts: Sequence[str]) -> list[TreePart]:
        parts: list[TreePart] = []
        members: list[str] = []
        roots: list[str] = []
        for start in starts:
            if start in placed:
                continue
            nodes = below(start)
            if len(nodes) <= limit:
                if len(members) + len(nodes) > limit:
                    parts.append(TreePart(members, roots))
                    members, roots = [], []
                members += nodes
                roots.append(start)
                placed.update(nodes)
                continue
            if members:
                parts.append(TreePart(members, roots))
                members, roots = [], []
            placed.add(start)
            kids = children[start]
            size = max(limit - 1, 1)
            chunks = [kids[i : i + size] for i in range(0, len(kids), size)]
            for n, chunk in enumerate(chunks):
                parts.append(TreePart([start, *chunk], [start], (n + 1, len(chunks))))
            placed.update(k for k in kids if k not in children)
            parts += cut([k for k in kids if k in children])
        if members:
            parts.append(TreePart(members, roots))
        return parts

    tops = [k for k in keys if parent.get(k) is None or parent.get(k) not in known]
    tops += [k for k in keys if parent.get(k) == k]
    found = cut(tops)
    for key in keys:  # parent cycles: no top-level node leads there
        if key not in placed:
            found += cut([key])
    return found


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _placeholder(file: str) -> OperatingModel:
    """An empty model for a file of which nothing could be read (only findings to show)."""
    metadata = Metadata.model_construct(
        name="unreadable",
        title=PurePath(file).name or file,
        version=None,
        owner=None,
        updated=None,
        description=None,
    )
    return OperatingModel.model_construct(
        api_version="pomkit/v1",
        kind="OperatingModel",
        metadata=metadata,
        type=ModelType.HYBRID,
    )


def _team_tree(
    ident: str,
    title: str,
    members: Sequence[str],
    parents: Mapping[str, str | None],
    views: Mapping[str, TeamView],
) -> Diagram:
    """A tree of the teams ``members``. Node keys are generated (``n0``): a team id may
    be a Mermaid keyword (``end``, ``click``, ``graph``) that no label escaping can save."""
    keys = {team: f"n{n}" for n, team in enumerate(dict.fromkeys(members))}
    nodes = [
        NodeSpec(
            key, f"{views[t].name} · {views[t].type}", views[t].ref, None, f"team {views[t].type}"
        )
        for t, key in keys.items()
    ]
    up = {key: keys.get(parents.get(t) or "") for t, key in keys.items()}
    return layout.tree_diagram(ident, title, nodes, up)


def _parts_note(teams: int, parts: Sequence[TreePart]) -> str:
    """Why the team tree is drawn in parts, and how it was cut."""
    text = (
        f"{teams} teams are too many for one diagram (at most {layout.MERMAID_NODES} boxes): "
        f"the tree is drawn in {len(parts)} parts, each top-level team with the teams under it"
    )
    if any(len(p.roots) > 1 for p in parts):
        text += " (small ones share a part)"
    if any(p.head is not None for p in parts):
        text += (
            "; a team with too many teams under it is drawn with its direct sub-teams, then "
            "each of those with the teams under it"
        )
    return text + "."


def _part_title(part: TreePart, views: Mapping[str, TeamView]) -> str:
    first = views[part.roots[0]].name
    if part.head is not None:
        n, of = part.head
        return f"{first} and its direct sub-teams" + (f" ({n} of {of})" if of > 1 else "")
    if len(part.roots) == 1:
        return first if len(part.members) == 1 else f"{first} and the teams under it"
    last = views[part.roots[-1]].name
    under = " and the teams under them" if len(part.members) > len(part.roots) else ""
    return f"{len(part.roots)} teams, {first} to {last}{under}"


class Builder:
    """One report's derivations, built once from one file."""

    def __init__(
        self,
        source: Source,
        structure: Structure,
        findings: Sequence[Finding],
        options: Options,
        suppressed: Sequence[Suppressed] = (),
    ) -> None:
        self.source = source
        self.structure = structure
        self.readable = structure.model is not None
        self.model = structure.model if structure.model is not None else _placeholder(source.file)
        self.options = options
        self.org = Organisation.build(self.model)
        self.holes = Holes(source, structure)
        self.facts = Facts.build(self.model, self.org, self.holes)
        self.refs = Refs(self.model)
        self.findings = sorted(findings, key=lambda f: (-f.severity, f))
        self.suppressed = sorted(suppressed, key=lambda s: (-s.finding.severity, s.finding))
        self.anchors = {id(f): f"finding-{n + 1}" for n, f in enumerate(self.findings)}
        self._subjects = self._subject_paths()
        #: Activity anchors already given to a RACI row.
        self._anchored: set[str] = set()

    # ------------------------------------------------------------------ helpers

    def _subject_paths(self) -> dict[ModelPath, Ref]:
        out: dict[ModelPath, Ref] = {}
        remap = self.structure.remap
        for kind, where, items in id_lists(self.model):
            if kind in ("handoff",):
                continue
            for i, item in enumerate(items):
                ident = _text(getattr(item, "id", None))
                if ident is None:
                    continue
                ref = self.refs.ref(kind, ident)
                if ref.anchor is not None:
                    out.setdefault(remap.to_source((*where, i)), ref)
        return out

    def subject(self, finding: Finding) -> Ref | None:
        path = finding.path
        for n in range(len(path), 0, -1):
            found = self._subjects.get(path[:n])
            if found is not None:
                return found
        return None

    def mentions(self, message: str, subject: Ref | None) -> list[Ref]:
        out: dict[tuple[str, str], Ref] = {}
        for match in _QUOTED.finditer(message):
            word, ident = match.group(1), match.group(2)
            kinds: Iterable[str] = _MENTION_ORDER
            wanted = _MENTION_WORDS.get((word or "").lower())
            if wanted is not None and self.refs.defined(wanted, ident):
                kinds = (wanted,)
            for kind in kinds:
                if self.refs.defined(kind, ident):
                    ref = self.refs.ref(kind, ident)
                    if ref != subject:
                        out.setdefault((kind, ident), ref)
                    break
        return list(out.values())

    def findings_under(self, path: ModelPath) -> list[FindingLink]:
        n = len(path)
        return [
            FindingLink(
                anchor=self.anchors[id(f)],
                code=f.code,
                severity=f.severity.label,
                message=f.message,
            )
            for f in self.findings
            if f.path[:n] == path
        ]

    def source_path(self, *path: str | int) -> ModelPath:
        return self.structure.remap.to_source(path)

    # ------------------------------------------------------------------ sections

    def status(self) -> Status:
        counts = Counter(f.severity for f in self.findings)
        fail_on = self.options.fail_on
        failed = fail_on is not None and any(f.severity >= fail_on for f in self.findings)
        if counts[Severity.ERROR]:
            label = "errors"
        elif counts[Severity.WARNING]:
            label = "valid with warnings"
        else:
            label = "valid"
        errors, warnings, infos = (
            counts[Severity.ERROR],
            counts[Severity.WARNING],
            counts[Severity.INFO],
        )
        return Status(
            errors=errors,
            warnings=warnings,
            infos=infos,
            fail_on=fail_on.label if fail_on is not None else "never",
            failed=failed,
            label=label,
            suppressed=len(self.suppressed),
            suppressed_text=self.suppressed_text(),
            counts=(
                f"{errors} {plural(errors, 'error')} · {warnings} {plural(warnings, 'warning')} "
                f"· {infos} {plural(infos, 'info')}"
            ),
            banner=f"This model has {errors} {plural(errors, 'error')}." if errors else None,
        )

    def suppressed_text(self) -> str:
        """``1 finding waived``, ``2 findings silenced by comments``, both, or nothing."""
        waived = sum(1 for s in self.suppressed if s.by == "waiver")
        silenced = len(self.suppressed) - waived
        parts = []
        if waived:
            parts.append(f"{waived} {plural(waived, 'finding')} waived")
        if silenced:
            what = "" if waived else f" {plural(silenced, 'finding')}"
            parts.append(
                f"{silenced}{what} silenced by {plural(silenced, 'a comment', 'comments')}"
            )
        return " · ".join(parts)

    def cover(self, health: Health) -> Cover:
        model = self.model
        meta = model.metadata
        filled = self.structure.filled
        title = meta.title if "metadata" not in filled else PurePath(self.source.file).name
        return Cover(
            title=title or self.source.file,
            name=meta.name,
            version=meta.version,
            owner=self.refs.maybe("role", meta.owner),
            type=model.type.value if self.readable and "type" not in filled else None,
            archetypes=[a.value for a in model.archetypes],
            updated=meta.updated.isoformat() if meta.updated else None,
            description=meta.description,
            file=self.source.file,
            readable=self.readable,
            status=self.status(),
            summary=self.summary(health),
            generated_by=f"pomkit {self.options.tool_version}".strip(),
        )

    def summary(self, health: Health) -> str:
        model = self.model
        if not self.readable:
            return (
                f"{self.source.file} could not be read as an operating model; the findings "
                "below say why."
            )
        parts: list[str] = []
        kind = (
            f"{_article(model.type.value)} {model.type.value} product operating model"
            if "type" not in self.structure.filled
            else "a product operating model"
        )
        follows = (
            f", following the {names(a.value for a in model.archetypes).replace(chr(39), '')} "
            f"{plural(len(model.archetypes), 'archetype')}"
            if model.archetypes
            else ""
        )
        parts.append(f"{model.metadata.title} is {kind}{follows}.")
        roles = list(self.org.roles.values())
        people = sum(r.people for r in roles)
        teams = model.teams
        types = Counter(t.type.value for t in teams)
        type_text = ", ".join(f"{n} {t}" for t, n in types.most_common())
        team_text = (
            f" across {len(teams)} {plural(len(teams), 'team')} ({type_text})" if teams else ""
        )
        parts.append(
            f"It organises {people} {plural(people, 'person', 'people')} in {len(roles)} "
            f"{plural(len(roles), 'role')}{team_text}."
        )
        stages = [s for _, s in self.facts.flow.stages]
        activities = len(model.responsibilities)
        if stages:
            parts.append(
                f"Work moves through {len(stages)} lifecycle {plural(len(stages), 'stage')}, "
                f"from {stages[0].name} to {stages[-1].name}, with "
                f"{activities} {plural(activities, 'activity', 'activities')} in the RACI and "
                f"{len(model.handoffs)} {plural(len(model.handoffs), 'handoff')}."
            )
        goals = len(model.strategy.goals)
        parts.append(
            f"It tracks {len(model.kpis)} {plural(len(model.kpis), 'KPI')} against {goals} "
            f"{plural(goals, 'goal')}."
        )
        declared = [p for p in health.principles if p.declared]
        if declared:
            # "Shown" is the health page's Gold, so the cover and the page agree; the
            # others are named with their level, which the page explains.
            shown = [p.title.lower() for p in declared if p.level >= 3]
            rest = [f"{p.title.lower()}, {p.level_name}" for p in declared if p.level < 3]
            text = (
                f"Of the {len(declared)} {plural(len(declared), 'principle')} it declares, "
                f"{len(shown)} {plural(len(shown), 'is', 'are')} shown by the model"
            )
            if shown:
                text += f" ({', '.join(shown)})"
            if rest:
                text += (
                    f"; {len(rest)} {plural(len(rest), 'is', 'are')} not yet "
                    f"({'; '.join(rest)}: see Health)"
                )
            parts.append(text + ".")
        else:
            parts.append("It declares no principles yet.")
        return " ".join(parts)

    # ------------------------------------------------------------------ health

    def health(self) -> Health:
        """Levels per principle, element and claim (see :mod:`pomkit.playbook.health`)."""
        return Judge(
            model=self.model,
            facts=self.facts,
            structure=self.structure,
            data=self.source.data,
            findings=self.findings,
            suppressed=self.suppressed,
            checked=self.options.checked,
            principle_limits=self.options.principle_limits,
            type_limits=self.options.type_limits,
            readable=self.readable,
        ).health()

    def principle_views(self) -> list[PrincipleView]:
        seen: set[str] = set()
        out = []
        for item in self.model.principles:
            if item.id.value in seen:
                continue
            seen.add(item.id.value)
            out.append(
                PrincipleView(
                    ref=self.refs.ref("principle", item.id.value),
                    description=item.description,
                    practices=list(item.practices),
                    evidence=[Feed(text=e, ref=self.refs.typed(e)) for e in item.evidence],
                )
            )
        return out

    # ------------------------------------------------------------------ strategy

    def strategy(self) -> StrategyView:
        model, refs = self.model, self.refs
        strategy = model.strategy
        measures: dict[str, Tri] = self.facts.memo(
            "goal-measures", lambda: principles.goal_measures(self.facts)
        )
        goals = []
        for goal in strategy.goals:
            kpi_ids = list(
                dict.fromkeys([*goal.kpis, *sorted(self.facts.goal_kpis.get(goal.id, ()))])
            )
            kpis = []
            for k in kpi_ids:
                item = refs.items.get("kpi", {}).get(k)
                kpis.append(
                    KpiTarget(
                        kpi=refs.ref("kpi", k),
                        target=target_text(getattr(item, "target", None)),
                    )
                )
            goals.append(
                GoalView(
                    ref=refs.section("goal", goal),
                    statement=goal.statement,
                    horizon=goal.horizon,
                    owner=refs.maybe("role", goal.owner),
                    kpis=kpis,
                    measured=measures.get(goal.id),
                )
            )
        periods: dict[str, list[RoadmapItemView]] = {}
        for item in strategy.roadmap:
            periods.setdefault(item.when or "unscheduled", []).append(
                RoadmapItemView(
                    ref=refs.section("roadmap", item),
                    title=item.title,
                    status=item.status.value,
                    owner=refs.maybe("role", item.owner),
                    goals=refs.many("goal", item.goals),
                    hypothesis=item.hypothesis,
                    description=item.description,
                )
            )
        order = sorted(periods, key=lambda w: (w == "unscheduled", w))
        return StrategyView(
            vision=strategy.vision,
            mission=strategy.mission,
            goals=goals,
            roadmap=[Period(when=w, items=periods[w]) for w in order],
        )

    # ------------------------------------------------------------------ lifecycle and flow

    def handoff_view(self, handoff: Handoff) -> HandoffView:
        refs = self.refs
        return HandoffView(
            source=refs.ref("role", handoff.from_),
            target=refs.ref("role", handoff.to),
            artifact=handoff.artifact,
            stage=refs.maybe("stage", handoff.stage),
            via=refs.maybe("ceremony", handoff.via),
        )

    def lifecycle(self) -> LifecycleView:
        refs = self.refs
        handoffs_by_stage = Counter(h.stage for h in self.model.handoffs if h.stage)
        stages = [
            StageView(
                ref=refs.section("stage", stage),
                name=stage.name,
                phase=stage.effective_phase.value if stage.effective_phase else None,
                owner=refs.maybe("role", stage.owner),
                exit_criteria=list(stage.exit_criteria),
                description=stage.description,
                activities=len(self.org.by_stage.get(stage.id, ())),
                handoffs=handoffs_by_stage[stage.id],
            )
            for _, stage in self.facts.flow.stages
        ]
        return LifecycleView(stages=stages, flow=self.flow())

    @cached_property
    def _lanes(self) -> tuple[list[tuple[str, Ref | None]], dict[str | None, int]]:
        """The flow's columns: the stages in order, then "No stage" if a handoff needs it."""
        lanes: list[tuple[str, Ref | None]] = []
        lane_of: dict[str | None, int] = {}
        for _, stage in self.facts.flow.stages:
            lane_of[stage.id] = len(lanes)
            lanes.append((stage.name, self.refs.ref("stage", stage.id)))
        if any(h.stage is None or h.stage not in lane_of for h in self.model.handoffs):
            lane_of[None] = len(lanes)
            lanes.append(("No stage", None))
        return lanes, lane_of

    def _flow_diagram(
        self,
        ident: str,
        title: str,
        handoffs: Sequence[Handoff],
        unit: Callable[[str], tuple[str, Ref, str]],
        owners: bool,
    ) -> Diagram:
        """Stages as columns; ``unit(role)`` gives the node (key part, ref, css) a role
        belongs to (the role itself, or its team)."""
        lanes, lane_of = self._lanes
        nodes: dict[tuple[int, str], NodeSpec] = {}

        def node_for(lane: int, role: str) -> str:
            part, ref, css = unit(role)
            key = (lane, part)
            if key not in nodes:
                nodes[key] = NodeSpec(f"n{len(nodes)}", ref.label, ref, lane, css)
            return nodes[key].key

        if owners:
            for _, stage in self.facts.flow.stages:
                if stage.owner is not None:
                    lane = lane_of[stage.id]
                    node_for(lane, stage.owner)
                    spec = nodes[(lane, unit(stage.owner)[0])]
                    spec.css = (spec.css + " owner").strip()
        labels: dict[tuple[str, str], list[str]] = defaultdict(list)
        for handoff in handoffs:
            if handoff.from_ == handoff.to:
                continue
            lane = lane_of.get(handoff.stage, lane_of.get(None, 0))
            a = node_for(lane, handoff.from_)
            b = node_for(lane, handoff.to)
            if a != b:
                labels[(a, b)].append(handoff.artifact)
        edges = [
            EdgeSpec(a, b, items[0] if len(items) == 1 else f"{len(items)} handoffs")
            for (a, b), items in labels.items()
        ]
        return layout.lanes_diagram(ident, "flow", title, lanes, list(nodes.values()), edges)

    def flow(self) -> FlowView:
        model, org, refs = self.model, self.org, self.refs
        handoffs = list(model.handoffs)
        views = [self.handoff_view(h) for h in handoffs]
        involved = {r for h in handoffs for r in (h.from_, h.to)}
        involved.update(s.owner for _, s in self.facts.flow.stages if s.owner)
        if not handoffs and not self.facts.flow.stages:
            return FlowView(level="roles", note="The model has no lifecycle stages or handoffs.")

        def as_role(role: str) -> tuple[str, Ref, str]:
            return role, refs.ref("role", role), "role"

        def as_team(role: str) -> tuple[str, Ref, str]:
            team = org.team_of.get(role)
            if team is None:
                return NO_TEAM, Ref(kind="team", id="", label="Roles without a team"), "team"
            return team, refs.ref("team", team), "team"

        if len(involved) <= FLOW_ROLE_LIMIT:
            roles_view = self._flow_diagram(
                "flow", "Handoffs between roles, by lifecycle stage", handoffs, as_role, True
            )
            return FlowView(level="roles", overview=roles_view, handoffs=views)
        teams_involved = {org.team_of.get(r) for r in involved}
        overview: Diagram | None = None
        note = None
        if len(teams_involved) <= FLOW_TEAM_LIMIT:
            overview = self._flow_diagram(
                "flow", "Handoffs between teams, by lifecycle stage", handoffs, as_team, False
            )
        else:
            note = (
                f"{len(involved)} roles in {len(teams_involved)} teams hand work over: the flow "
                "is drawn team by team."
            )
        by_team_handoffs: dict[str | None, list[Handoff]] = defaultdict(list)
        for h in handoffs:
            ends = {org.team_of.get(h.from_), org.team_of.get(h.to)}
            for team in ends:
                by_team_handoffs[team].append(h)
        by_team = []
        for team in [t.id for t in model.teams if t.id in by_team_handoffs]:
            team_ref = refs.ref("team", team)

            def unit(role: str, home: str = team) -> tuple[str, Ref, str]:
                if org.team_of.get(role) == home:
                    return as_role(role)
                part, ref, _ = as_team(role)
                return f"team:{part}", ref, "external"

            diagram = self._flow_diagram(
                f"flow-{team_ref.anchor}",
                f"Handoffs of {team_ref.label}",
                by_team_handoffs[team],
                unit,
                False,
            )
            by_team.append(TeamDiagram(team=team_ref, diagram=diagram))
        return FlowView(
            level="teams", overview=overview, by_team=by_team, note=note, handoffs=views
        )

    # ------------------------------------------------------------------ teams and roles

    def teams(self) -> TeamsView:
        org, refs = self.org, self.refs
        out = []
        seen: set[str] = set()
        for team in self.model.teams:
            if team.id in seen:
                continue
            seen.add(team.id)
            members = org.members.get(team.id, [])
            out.append(
                TeamView(
                    ref=refs.section("team", team),
                    name=team.name,
                    type=team.type.value,
                    mission=team.mission,
                    parent=refs.maybe("team", team.parent),
                    children=refs.many("team", org.children.get(team.id, [])),
                    roles=refs.many("role", members),
                    people=sum(org.roles[r].people for r in members),
                )
            )
        tree = None
        parts: list[Diagram] = []
        note = None
        if out:
            views = {t.ref.id: t for t in out}
            parents = {t.ref.id: (t.parent.id if t.parent else None) for t in out}
            tree = _team_tree("team-tree", "Teams and their parents", list(views), parents, views)
            if not layout.fits_mermaid(tree):
                cut = tree_parts(list(views), parents, layout.MERMAID_NODES)
                parts = [
                    _team_tree(
                        f"team-tree-{n + 1}", _part_title(part, views), part.members, parents, views
                    )
                    for n, part in enumerate(cut)
                ]
                note = _parts_note(len(out), cut)
        without = [r for r, team in org.team_of.items() if team is None]
        return TeamsView(
            teams=out, tree=tree, parts=parts, note=note, without_team=refs.many("role", without)
        )

    def roles(self) -> list[RolePage]:
        model, org, refs = self.model, self.org, self.refs
        handoffs_in: dict[str, list[HandoffView]] = defaultdict(list)
        handoffs_out: dict[str, list[HandoffView]] = defaultdict(list)
        for h in model.handoffs:
            view = self.handoff_view(h)
            handoffs_out[h.from_].append(view)
            handoffs_in[h.to].append(view)
        owns: dict[str, list[Ref]] = defaultdict(list)
        for kind in ("stage", "goal", "roadmap", "feedback", "release-stage", "initiative"):
            for ident, item in refs.items.get(kind, {}).items():
                owner = getattr(item, "owner", None)
                if owner is not None:
                    owns[owner].append(refs.ref(kind, ident))
        kpis: dict[str, list[Ref]] = defaultdict(list)
        for ident, item in refs.items.get("kpi", {}).items():
            owner = getattr(item, "owner", None)
            if owner is not None:
                kpis[owner].append(refs.ref("kpi", ident))
        tiers: dict[str, list[Ref]] = defaultdict(list)
        for ident, item in refs.items.get("tier", {}).items():
            owner = getattr(item, "owner", None)
            if owner is not None:
                tiers[owner].append(refs.ref("tier", ident))
        reports: dict[str, list[str]] = defaultdict(list)
        for role in org.roles.values():
            if role.reports_to is not None:
                reports[role.reports_to].append(role.id)
        facilitators = {
            node("ceremony", c.id): c.facilitator
            for c in (model.methodology.ceremonies if model.methodology else [])
        }
        meeting_order = {name: n for n, name in enumerate(org.attendees)}
        cadences: dict[str, str | None] = {}
        for c in model.methodology.ceremonies if model.methodology else []:
            cadences.setdefault(node("ceremony", c.id), _text(c.cadence))
        for r in model.collaboration.rituals:
            cadences.setdefault(node("ritual", r.id), _text(r.cadence))
        pages = []
        for ident, role in org.roles.items():
            work: dict[str, list[Work]] = {letter: [] for letter in LETTERS}
            done: set[tuple[int, str]] = set()
            for a in org.assignments.get(ident, ()):
                if (a.index, a.letter) in done:
                    continue
                done.add((a.index, a.letter))
                work[a.letter].append(self._work(a.responsibility))
            meetings = []
            for name in sorted(org.meetings.get(ident, ()), key=lambda m: meeting_order.get(m, 0)):
                kind, _, mid = name.partition(":")
                meetings.append(
                    Meeting(
                        ref=refs.ref(kind, mid),
                        cadence=cadences.get(name),
                        part="facilitator" if facilitators.get(name) == ident else "participant",
                    )
                )
            pages.append(
                RolePage(
                    ref=refs.ref("role", ident),
                    title=role.title,
                    kind=role.kind.value,
                    team=refs.maybe("team", role.team),
                    people=role.people,
                    reports_to=refs.maybe("role", role.reports_to),
                    reports=refs.many("role", reports.get(ident, [])),
                    description=role.description,
                    accountable=work["A"],
                    responsible=work["R"],
                    consulted=work["C"],
                    informed=work["I"],
                    meetings=meetings,
                    handoffs_in=handoffs_in.get(ident, []),
                    handoffs_out=handoffs_out.get(ident, []),
                    kpis=kpis.get(ident, []),
                    tiers=tiers.get(ident, []),
                    owns=owns.get(ident, []),
                    findings=self.findings_under(self.source_path("roles", org.role_index[ident])),
                )
            )
        return pages

    def _work(self, item: Responsibility) -> Work:
        return Work(
            activity=self.refs.ref("responsibility", item.id),
            element=item.element.value,
            stage=self.refs.maybe("stage", item.stage),
        )

    # ------------------------------------------------------------------ RACI

    def _letters(self, item: Responsibility) -> dict[str, list[str]]:
        """role → its letters on ``item``, in A, R, C, I order, without repeats."""
        out: dict[str, list[str]] = {}
        for letter, roles in (
            ("A", [item.accountable]),
            ("R", item.responsible),
            ("C", item.consulted),
            ("I", item.informed),
        ):
            for role in roles:
                found = out.setdefault(role, [])
                if letter not in found:
                    found.append(letter)
        return out

    def _groups(
        self,
        indexes: Iterable[int],
        cells: Callable[[Responsibility], list[str]],
        home: Callable[[Responsibility], bool] = lambda item: True,
    ) -> list[RaciGroup]:
        """Rows grouped by element, then stage; ``home`` says which rows are the
        activity's own section (each activity has exactly one)."""
        stage_rank = {s.id: n for n, (_, s) in enumerate(self.facts.flow.stages)}
        buckets: dict[tuple[int, int, str | None], list[RaciRow]] = defaultdict(list)
        elements = list(Element)
        for i in indexes:
            item = self.model.responsibilities[i]
            stage = item.stage
            rank = stage_rank.get(stage, len(stage_rank)) if stage else len(stage_rank) + 1
            activity = self.refs.ref("responsibility", item.id)
            mine = self.refs.section("responsibility", item).anchor
            own = mine is not None and mine not in self._anchored and home(item)
            if own:
                self._anchored.add(mine or "")
            buckets[(elements.index(item.element), rank, stage)].append(
                RaciRow(activity=activity, anchor=mine if own else None, cells=cells(item))
            )
        return [
            RaciGroup(
                element=elements[e].value,
                stage=self.refs.maybe("stage", stage),
                rows=rows,
            )
            for (e, _rank, stage), rows in sorted(buckets.items(), key=lambda kv: kv[0][:2])
        ]

    def raci(self) -> RaciView:
        model, org, refs = self.model, self.org, self.refs
        total = len(model.responsibilities)
        everything = range(total)
        roles = list(org.roles)
        # Roles named in the RACI but not defined still get a column (POM201 reports them).
        named = [r for r in org.assignments if r not in org.roles]
        if len(roles) + len(named) <= RACI_ROLE_LIMIT:
            columns = [*roles, *named]

            def by_role(item: Responsibility) -> list[str]:
                letters = self._letters(item)
                return ["/".join(letters.get(r, ())) for r in columns]

            matrix = Matrix(
                columns=refs.many("role", columns), groups=self._groups(everything, by_role)
            )
            return RaciView(level="roles", overview=matrix, activities=total)
        teams = [t.id for t in model.teams if t.id in org.team_types]
        teams = list(dict.fromkeys(teams))
        homeless = [r for r in [*roles, *named] if org.team_of.get(r) is None]
        summary = len(teams) > RACI_TEAM_LIMIT
        by_team = []
        for team, members in [*((t, org.members.get(t, [])) for t in teams), (NO_TEAM, homeless)]:
            if not members:
                continue
            indexes = sorted({a.index for r in members for a in org.assignments.get(r, ())})
            if not indexes:
                continue

            def team_cells(item: Responsibility, members: list[str] = members) -> list[str]:
                letters = self._letters(item)
                return ["/".join(letters.get(r, ())) for r in members]

            team_ref = (
                refs.ref("team", team)
                if team != NO_TEAM
                else Ref(kind="team", id="", label="Roles without a team")
            )

            def at_home(item: Responsibility, team: str = team) -> bool:
                return summary and (org.team_of.get(item.accountable) or NO_TEAM) == team

            by_team.append(
                TeamMatrix(
                    team=team_ref,
                    matrix=Matrix(
                        columns=refs.many("role", members),
                        groups=self._groups(indexes, team_cells, at_home),
                    ),
                )
            )
        if not summary:
            columns = [*teams, *([NO_TEAM] if homeless else [])]

            def strongest(item: Responsibility) -> list[str]:
                best: dict[str, str] = {}
                for role, letters in self._letters(item).items():
                    team = org.team_of.get(role) or NO_TEAM
                    letter = min(letters, key=_STRENGTH.__getitem__)
                    if team not in best or _STRENGTH[letter] < _STRENGTH[best[team]]:
                        best[team] = letter
                return [best.get(t, "") for t in columns]

            column_refs = [
                refs.ref("team", t)
                if t != NO_TEAM
                else Ref(kind="team", id="", label="Roles without a team")
                for t in columns
            ]
            overview = Matrix(columns=column_refs, groups=self._groups(everything, strongest))
            return RaciView(level="teams", overview=overview, by_team=by_team, activities=total)
        counts: Counter[tuple[str, str | None]] = Counter(
            (item.element.value, item.stage) for item in model.responsibilities
        )
        coverage = [
            CoverageCell(element=e, stage=refs.maybe("stage", s), activities=n)
            for (e, s), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        ]
        return RaciView(level="summary", coverage=coverage, by_team=by_team, activities=total)

    # ------------------------------------------------------------------ the elements

    def methodology(self) -> MethodologyView | None:
        methodology = self.model.methodology
        if methodology is None:
            return None
        refs = self.refs
        ceremonies = []
        for i, c in enumerate(methodology.ceremonies):
            reading = ceremony_reading(self.facts.kept_view("ceremony", i))
            value = reading.value if reading is not None else None
            ceremonies.append(
                CeremonyView(
                    ref=refs.section("ceremony", c),
                    name=c.name,
                    type=value.value if value is not None else None,
                    type_inferred=bool(reading and reading.inferred and value is not None),
                    cadence=_text(c.cadence),
                    duration=_text(c.duration),
                    facilitator=refs.maybe("role", c.facilitator),
                    participants=refs.many("role", c.participants),
                    team=refs.maybe("team", c.team),
                    purpose=c.purpose,
                )
            )
        return MethodologyView(
            framework=methodology.framework.value,
            iteration=_text(methodology.iteration),
            wip_limit=methodology.wip_limit,
            ceremonies=ceremonies,
            definition_of_done=list(methodology.definition_of_done),
            definition_of_ready=list(methodology.definition_of_ready),
        )

    def release(self) -> ReleaseView | None:
        release = self.model.release
        if release is None:
            return None
        refs = self.refs
        prio = release.prioritization
        return ReleaseView(
            strategy=release.strategy.value,
            cadence=_text(release.cadence),
            versioning=release.versioning,
            prioritization=prio.framework.value if prio else None,
            prioritization_owner=refs.maybe("role", prio.owner) if prio else None,
            stages=[
                ReleaseStageView(
                    ref=refs.section("release-stage", s),
                    name=s.name,
                    owner=refs.maybe("role", s.owner),
                    approvers=refs.many("role", s.approvers),
                    automated=s.automated,
                    description=s.description,
                )
                for s in release.stages
            ],
        )

    def support(self) -> SupportView:
        support, refs = self.model.support, self.refs
        tiers = [
            TierView(
                ref=refs.section("tier", t),
                name=t.name,
                owner=refs.maybe("role", t.owner),
                channels=refs.many("channel", t.channels),
                response_time=_text(t.response_time),
                resolution_time=_text(t.resolution_time),
                escalates_to=refs.maybe("tier", t.escalates_to),
                description=t.description,
            )
            for t in support.tiers
        ]
        chains, loops = self._chains()
        escalation = None
        if chains:
            rows = [
                [
                    NodeSpec(
                        f"c{r}t{n}",
                        self._tier_label(ident),
                        refs.ref("tier", ident),
                        None,
                        "tier",
                    )
                    for n, ident in enumerate(chain)
                ]
                for r, chain in enumerate(chains)
            ]
            escalation = layout.chains_diagram(
                "escalation", "Support escalation paths", rows, loops
            )
        note = None
        if escalation is not None and not layout.fits_mermaid(escalation):
            drawn = len({t for chain in chains for t in chain})
            note = (
                f"{drawn} tiers on {len(chains)} escalation paths are too many "
                f"for one diagram (at most {layout.MERMAID_NODES} boxes): each path is listed "
                "instead, from its first tier."
            )
        return SupportView(
            channels=[
                ChannelView(
                    ref=refs.section("channel", c),
                    name=c.name,
                    hours=c.hours,
                    self_service=c.self_service,
                )
                for c in support.channels
            ],
            tiers=tiers,
            escalation=escalation,
            chains=[[refs.ref("tier", t) for t in chain] for chain in chains],
            escalation_note=note,
        )

    def _tier_label(self, ident: str) -> str:
        tier = self.org.tier(ident)
        if tier is None:
            return ident
        slas = [str(s) for s in (tier.response_time, tier.resolution_time) if s is not None]
        # The SLAs are what the path is about: shorten the name, never them.
        name = layout.shorten(tier.name, 28)
        return f"{name} · {' / '.join(slas)}" if slas else tier.name

    def _chains(self) -> tuple[list[list[str]], list[int | None]]:
        """Each escalation path from a tier nothing escalates to, and where it loops back
        (a cycle, POM509) if it does."""
        successor = self.org.escalation
        order = list(successor)
        targets = {t for t in successor.values() if t is not None}
        chains: list[list[str]] = []
        loops: list[int | None] = []
        covered: set[str] = set()

        def walk(start: str) -> None:
            chain = [start]
            current = successor.get(start)
            loop: int | None = None
            while current is not None:
                if current in chain:
                    loop = chain.index(current)
                    break
                chain.append(current)
                current = successor.get(current)
            chains.append(chain)
            loops.append(loop)
            covered.update(chain)

        for start in [t for t in order if t not in targets]:
            walk(start)
        for tier in order:
            if tier not in covered:
                walk(tier)
        return chains, loops

    def feedback(self) -> list[LoopView]:
        refs = self.refs
        return [
            LoopView(
                ref=refs.section("feedback", loop),
                name=loop.name or loop.id,
                source=loop.source.value,
                channel=loop.channel,
                cadence=_text(loop.cadence),
                owner=refs.maybe("role", loop.owner),
                feeds=[Feed(text=f, ref=refs.typed(f)) for f in loop.feeds],
                description=loop.description,
            )
            for loop in self.model.feedback.loops
        ]

    def kpis(self) -> list[KpiView]:
        refs = self.refs
        out = []
        for i, k in enumerate(self.model.kpis):
            reading = kpi_reading(self.facts.kept_view("kpi", i))
            value = reading.value if reading is not None else None
            out.append(
                KpiView(
                    ref=refs.section("kpi", k),
                    name=k.name,
                    element=k.element.value,
                    category=value.value if value is not None else None,
                    category_inferred=bool(reading and reading.inferred and value is not None),
                    target=target_text(k.target),
                    owner=refs.maybe("role", k.owner),
                    frequency=_text(k.frequency),
                    goal=refs.maybe("goal", k.goal),
                    principle=refs.maybe("principle", k.principle.value if k.principle else None),
                    description=k.description,
                )
            )
        return out

    def collaboration(self) -> CollaborationView:
        collaboration, refs = self.model.collaboration, self.refs
        return CollaborationView(
            rituals=[
                RitualView(
                    ref=refs.section("ritual", r),
                    name=r.name,
                    cadence=_text(r.cadence),
                    participants=[refs.member(p) for p in dict.fromkeys(r.participants)],
                    purpose=r.purpose,
                )
                for r in collaboration.rituals
            ],
            tools=list(collaboration.tools),
        )

    def transformation(self) -> TransformationView | None:
        transformation = self.model.transformation
        if transformation is None:
            return None
        refs = self.refs
        return TransformationView(
            initiatives=[
                InitiativeView(
                    ref=refs.section("initiative", i),
                    title=i.title,
                    focus=i.focus.value,
                    owner=refs.maybe("role", i.owner),
                    description=i.description,
                )
                for i in transformation.initiatives
            ],
            technologies=list(transformation.technologies),
        )

    def findings_view(self) -> FindingsView:
        names_of = self.options.rule_names or {}
        groups: dict[str, list[FindingView]] = {s: [] for s in _SEVERITIES}
        for f in self.findings:
            subject = self.subject(f)
            severity = f.severity.label
            groups[severity].append(
                FindingView(
                    anchor=self.anchors[id(f)],
                    code=f.code,
                    rule=names_of.get(f.code, ""),
                    severity=severity,
                    file=f.file,
                    line=f.line,
                    column=f.column,
                    location=f"{f.file}:{f.line}",
                    path=format_path(f.path),
                    message=f.message,
                    hint=f.hint,
                    subject=subject,
                    mentions=self.mentions(f.message, subject),
                )
            )
        return FindingsView(
            total=len(self.findings),
            groups=[FindingGroup(severity=s, findings=groups[s]) for s in _SEVERITIES if groups[s]],
            suppressed=[
                SuppressedView(
                    code=s.finding.code,
                    rule=names_of.get(s.finding.code, ""),
                    severity=s.finding.severity.label,
                    location=f"{s.finding.file}:{s.finding.line}",
                    path=format_path(s.finding.path),
                    message=s.finding.message,
                    by=s.by,
                    reason=s.reason,
                    at=s.at,
                    subject=self.subject(s.finding),
                )
                for s in self.suppressed
            ],
        )

    # ------------------------------------------------------------------ the whole

    def build(self) -> Playbook:
        health = self.health()
        roles = self.roles()
        methodology = self.methodology()
        release = self.release()
        transformation = self.transformation()
        feedback = self.feedback()
        kpis = self.kpis()
        findings = self.findings_view()
        strategy = self.strategy()
        lifecycle = self.lifecycle()
        teams = self.teams()
        support = self.support()
        collaboration = self.collaboration()
        sections = [
            Section(id="overview", title="Overview"),
            Section(id="health", title="Health"),
            Section(id="strategy", title="Strategy", count=len(strategy.goals)),
            Section(id="lifecycle", title="Lifecycle and flow", count=len(lifecycle.stages)),
            Section(id="teams", title="Teams", count=len(teams.teams)),
            Section(id="raci", title="RACI matrix", count=len(self.model.responsibilities)),
            Section(id="roles", title="Roles", count=len(roles)),
        ]
        if methodology is not None:
            sections.append(Section(id="methodology", title="Methodology"))
        if release is not None:
            sections.append(Section(id="release", title="Release"))
        sections += [
            Section(id="support", title="Support", count=len(support.tiers)),
            Section(id="feedback", title="Feedback loops", count=len(feedback)),
            Section(id="kpis", title="KPI catalogue", count=len(kpis)),
            Section(id="collaboration", title="Collaboration", count=len(collaboration.rituals)),
        ]
        if transformation is not None:
            sections.append(Section(id="transformation", title="Transformation"))
        sections.append(Section(id="findings", title="Findings", count=findings.total))
        return Playbook(
            view_version=VIEW_VERSION,
            tool_version=self.options.tool_version,
            cover=self.cover(health),
            sections=sections,
            health=health,
            principles=self.principle_views(),
            strategy=strategy,
            lifecycle=lifecycle,
            teams=teams,
            roles=roles,
            raci=self.raci(),
            methodology=methodology,
            release=release,
            support=support,
            feedback=feedback,
            kpis=kpis,
            collaboration=collaboration,
            transformation=transformation,
            findings=findings,
        )


def build(
    source: Source,
    structure: Structure,
    findings: Sequence[Finding],
    options: Options = Options(),
    suppressed: Sequence[Suppressed] = (),
) -> Playbook:
    """The view model of one file, from what it loaded, the findings about it and those
    silenced by waivers or comments."""
    return Builder(source, structure, findings, options, suppressed).build()


__all__ = ["Options", "build", "humanize", "target_text"]

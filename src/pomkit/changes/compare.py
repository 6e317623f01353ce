"""The neutral compare step: both sides read leniently, items matched by identity, field deltas.

Nothing here judges a change. Each side is read like ``pomkit validate`` reads it (the
structure check keeps every valid part, :mod:`pomkit.domain.holes` knows what it left
out); then, per kind of item, OLD's items are paired with NEW's:

- by ``id`` — never by position, so reordering a list changes nothing;
- by a declared rename (``renamed_from: <old-id>`` on either side), and references to a
  renamed id are read through the rename, so that following it is no change; a reference
  written alike in both versions that a rename makes name different items (NEW still
  naming the id the rename took away) is kept apart as *stale* (:class:`StaleRef`), not
  as a difference of the field;
- handoffs without an id by their ends ``(from, to, artifact, stage)``, and a lone pair of
  handoffs of the same artifact and stage sharing one end as one re-routed handoff.

A matched pair lists its field differences (:class:`Delta`), each value normalised first:
durations by length (``2w`` equals ``P2W``), reference lists and vocabularies as sets,
text lists as multisets. A value the file writes but the model could not read is
``UNKNOWN`` and never differs; an item that merely failed to load is never "removed".
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pomkit import sources
from pomkit import structure as structure_mod
from pomkit.domain.holes import KEEPS_CONTENT, UNKNOWN, Holes, View, views
from pomkit.domain.organisation import Organisation
from pomkit.durations import Duration
from pomkit.findings import ModelPath
from pomkit.loader import DEFAULT_LIMITS, Limits, LoadError, Source, parse, paused_gc
from pomkit.model import (
    ID_KINDS,
    TYPED_REF_KINDS,
    OperatingModel,
    child_fields,
    iter_refs,
    kind_label,
    ref_fields,
)
from pomkit.structure import Structure, section_class

#: Every kind of id-bearing item, in the order outputs list them.
KINDS: tuple[str, ...] = (
    "role",
    "team",
    "responsibility",
    "handoff",
    "stage",
    "tier",
    "channel",
    "kpi",
    "goal",
    "roadmap",
    "feedback",
    "ceremony",
    "ritual",
    "release-stage",
    "principle",
    "initiative",
)
#: The field that names an item for people (used in hints about undeclared renames).
NAME_KEYS: dict[str, str] = {
    "role": "title",
    "team": "name",
    "responsibility": "activity",
    "handoff": "artifact",
    "stage": "name",
    "tier": "name",
    "channel": "name",
    "kpi": "name",
    "goal": "statement",
    "roadmap": "title",
    "feedback": "name",
    "ceremony": "name",
    "ritual": "name",
    "release-stage": "name",
    "initiative": "title",
}
#: The field that says what sort of thing an item is (also used for those hints).
SORT_KEYS: dict[str, str] = {
    "role": "kind",
    "team": "type",
    "ceremony": "type",
    "kpi": "category",
    "feedback": "source",
    "initiative": "focus",
}
#: Model fields that are not part of the operating model people work by.
_SKIPPED_MODEL_KEYS = frozenset({"apiVersion", "kind", "waivers"})


# --------------------------------------------------------------------------- sides


@dataclass
class Side:
    """One version of the model, read leniently, with what was left out of it."""

    name: str
    source: Source
    structure: Structure
    #: The file's path in the repository, for annotations (``None`` for stdin).
    path: str | None = None
    #: Identities defined more than once, by kind (found while matching).
    duplicated: dict[str, set[str]] = field(default_factory=dict)

    @property
    def model(self) -> OperatingModel:
        assert self.structure.model is not None
        return self.structure.model

    @cached_property
    def holes(self) -> Holes:
        return Holes(self.source, self.structure)

    @cached_property
    def org(self) -> Organisation:
        return Organisation.build(self.model)

    @cached_property
    def problems(self) -> list[str]:
        """What did not load, as ``line:column: message``, in file order."""
        found: list[tuple[int, int, str]] = [
            (issue.line, issue.column, issue.message)
            for issue in self.source.issues
            if issue.code not in KEEPS_CONTENT
        ]
        for issue in self.structure.issues:
            line, column, _ = self.source.locate(issue.path, key=issue.key)
            found.append((line, column, issue.message))
        return [f"{line}:{column}: {message}" for line, column, message in sorted(found)]

    def locate(self, path: ModelPath) -> tuple[int, int]:
        """1-based line and column of a path in the file (its nearest existing part)."""
        line, column, _ = self.source.locate(path)
        return line, column

    @cached_property
    def _issue_paths(self) -> frozenset[ModelPath]:
        return frozenset(issue.path for issue in self.structure.issues)

    def uncertain(self, path: ModelPath) -> bool:
        """Whether the model's value at ``path`` (a model-level field) may not be the file's."""
        if path and path[0] in self.structure.filled:
            return True
        if not self.holes.any:
            return False
        if any(path[:n] in self._issue_paths for n in range(1, len(path) + 1)):
            return True
        return self.holes.lost(path)

    @cached_property
    def references(self) -> dict[tuple[str, str], list[str]]:
        """(kind, id) → labels of the items that name it, in file order."""
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        for site in iter_refs(self.model):
            kinds = ("role", "team") if site.kind == "member" else (site.kind,)
            target = site.target
            if site.kind in ("typed", "feed"):
                prefix, sep, ident = target.partition(":")
                if not sep:
                    continue
                kinds, target = (TYPED_REF_KINDS.get(prefix, prefix),), ident
            for kind in kinds:
                out[(kind, target)].append(site.where)
        return out


def read_side(arg: str, limits: Limits = DEFAULT_LIMITS) -> Side:
    """Read one side named on the command line: a file, ``-`` or ``REV:path``.

    Raises :class:`~pomkit.loader.LoadError` when it cannot be read, or when nothing of
    it loads as a model (a YAML syntax error, a list at the top level …).
    """
    if arg != "-" and Path(arg).is_dir():
        raise LoadError(
            arg,
            "is a directory",
            "pomkit diff compares two model files: name one file (or REV:path) on each side",
        )
    item = sources.resolve([arg])[0]
    if item.kind == "config":
        raise LoadError(arg, "is pomkit's configuration file, not a model")
    with paused_gc():
        source = sources.read(item, limits)
        checked = structure_mod.check(source.data)
    where = item.path if item.kind in ("file", "git") else None
    if where is not None and where.startswith("./"):
        where = where[2:]
    side = Side(item.name, source, checked, where)
    if checked.model is None:
        first = side.problems[0] if side.problems else "it holds no model"
        raise LoadError(
            item.name, f"cannot be compared: {first}", f"run `pomkit validate {item.name}`"
        )
    return side


def side_from_text(text: str, name: str = "<text>") -> Side:
    """A side from model text (for tests and the examples of change checks)."""
    source = parse(text, name)
    checked = structure_mod.check(source.data)
    if checked.model is None:
        raise LoadError(name, "cannot be compared: it holds no model")
    return Side(name, source, checked, name)


# --------------------------------------------------------------------------- fields


@dataclass(frozen=True)
class FieldSpec:
    """One comparable field: its dotted key, its YAML keys and attributes, its reference kind."""

    key: str
    steps: tuple[str, ...]
    attrs: tuple[str, ...]
    ref: str | None


@cache
def field_specs(cls: type[BaseModel], top: bool = False) -> tuple[FieldSpec, ...]:
    """The leaf fields of a section, nested sections flattened (``target.value``).

    Ids, ``renamed_from`` and lists of sections (compared as items of their own) are left
    out; so are, for the whole model (``top``), its header and waivers.
    """
    out: list[FieldSpec] = []
    refs = {name: kind for name, _key, kind, _many in ref_fields(cls)}
    nested = {name: many for name, _key, many in child_fields(cls)}
    for name, info in cls.model_fields.items():
        key = info.alias or name
        if key in ("id", "renamed_from") or (top and key in _SKIPPED_MODEL_KEYS):
            continue
        if name in nested:
            if nested[name]:
                continue
            inner = structure_mod.section_class((key,)) if top else None
            child = inner or _child_class(cls, name)
            for spec in field_specs(child):
                out.append(
                    FieldSpec(
                        f"{key}.{spec.key}", (key, *spec.steps), (name, *spec.attrs), spec.ref
                    )
                )
            continue
        out.append(FieldSpec(key, (key,), (name,), refs.get(name)))
    return tuple(out)


def _child_class(cls: type[BaseModel], name: str) -> type[BaseModel]:
    from pomkit.model import field_class

    found = field_class(cls, name)
    assert found is not None
    return found


@dataclass(frozen=True)
class StaleRef:
    """A reference written alike in both versions that a declared rename makes name
    different items.

    ``side == "new"``: NEW still names ``old_id``, the id the rename to ``new_id`` took
    away, so in NEW it names nothing. ``side == "old"``: OLD named ``new_id`` before any
    of its items had that id (its item was ``old_id``); in NEW it names the renamed item.
    """

    #: The reference as both versions write it (``pm``, or ``kpi:nps`` for a typed one).
    value: str
    #: The kind of the renamed item.
    kind: str
    old_id: str
    new_id: str
    side: str

    @property
    def replacement(self) -> str:
        """What NEW should write instead: the reference to the renamed item's new id."""
        prefix, sep, _ident = self.value.rpartition(":")
        return f"{prefix}{sep}{self.new_id}" if sep else self.new_id


@dataclass(frozen=True)
class Renames:
    """Declared renames by kind: OLD's id → NEW's id.

    References are compared as the items they name. An OLD reference to a renamed item
    reads as NEW's id (:meth:`follow`); a reference to an id that a rename took away — a
    NEW reference still naming the old id, or an OLD one already naming the new id —
    names nothing on its side, and reads as ``?id`` so that it never equals the item.
    """

    by_kind: dict[str, dict[str, str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.by_kind.values())

    #: Each kind's rename targets, kept by :meth:`declare`.
    _targets: dict[str, frozenset[str]] = field(default_factory=dict)

    def declare(self, kind: str, table: dict[str, str]) -> None:
        """Record the renames of one kind."""
        self.by_kind[kind] = table
        self._targets[kind] = frozenset(table.values())

    def follow(self, ref: str, value: str) -> str:
        """``value``, a reference of kind ``ref`` in OLD, as NEW names the same thing."""
        return self._read(ref, value, old=True) if self else value

    def mark(self, ref: str, value: str) -> str:
        """``value``, a reference of kind ``ref`` in NEW, ``?``-marked if it names an id
        that a rename took away."""
        return self._read(ref, value, old=False) if self else value

    def _read(self, ref: str, value: str, old: bool) -> str:
        if ref in ("typed", "feed"):
            prefix, sep, ident = value.partition(":")
            target = TYPED_REF_KINDS.get(prefix) if sep else None
            found = self._one(target, ident, old) if target else None
            return f"{prefix}:{found}" if found else value
        kinds = ("role", "team") if ref == "member" else (ref,)
        for kind in kinds:
            found = self._one(kind, value, old)
            if found is not None:
                return found
        return value

    def stale(self, ref: str, value: Any) -> StaleRef | None:
        """Why ``value``, a reference of kind ``ref`` written alike in OLD and NEW, names
        different items in the two versions (a rename's old or new id), if it does."""
        if not self or not isinstance(value, str):
            return None
        if ref in ("typed", "feed"):
            prefix, sep, ident = value.partition(":")
            target = TYPED_REF_KINDS.get(prefix) if sep else None
            candidates = [(target, ident)] if target else []
        else:
            kinds = ("role", "team") if ref == "member" else (ref,)
            candidates = [(kind, value) for kind in kinds]
        for kind, ident in candidates:
            table = self.by_kind.get(kind, {})
            if ident in table:
                return StaleRef(value, kind, ident, table[ident], "new")
            if ident in self._targets.get(kind, ()):
                source = next(before for before, after in table.items() if after == ident)
                return StaleRef(value, kind, source, ident, "old")
        return None

    def _one(self, kind: str, ident: str, old: bool) -> str | None:
        table = self.by_kind.get(kind, {})
        if old:
            if ident in table:
                return table[ident]
            # A rename's target is never an id of OLD (see _renames).
            return "?" + ident if ident in self._targets.get(kind, ()) else None
        # A rename's source is never an id of NEW.
        return "?" + ident if ident in table else None


def normal(
    value: Any, ref: str | None = None, renames: Renames | None = None, old: bool = True
) -> Any:
    """A field value in comparable form (see the module docstring); with ``renames``,
    references read as the items they name (OLD's side, or NEW's when not ``old``)."""
    if value is None or value is UNKNOWN:
        return value
    if isinstance(value, list):
        items = [normal(v, ref, renames, old) for v in value]
        if ref is not None or any(isinstance(v, enum.Enum) for v in value):
            return frozenset(items)
        return tuple(sorted(items, key=str))
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if ref is not None and renames is not None and isinstance(value, str):
        return renames.follow(ref, value) if old else renames.mark(ref, value)
    return value


def jsonable(value: Any) -> Any:
    """A normalised value as JSON: durations as written, sets sorted, ``UNKNOWN`` as None."""
    if value is UNKNOWN:
        return None
    if isinstance(value, Duration):
        return value.text
    if isinstance(value, frozenset):
        return sorted((jsonable(v) for v in value), key=str)
    if isinstance(value, tuple):
        return [jsonable(v) for v in value]
    return value


def short(value: Any, limit: int = 60) -> str:
    """:func:`shown`, cut to ``limit`` characters with ``…`` (for text that can be long)."""
    text = shown(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def shown(value: Any) -> str:
    """A normalised value as a message shows it: ``2w``, ``[a, b]``, ``(none)``."""
    if value is None or value is UNKNOWN:
        return "(none)"
    if isinstance(value, Duration):
        return value.text
    if isinstance(value, (frozenset, tuple)):
        items = sorted(value, key=str) if isinstance(value, frozenset) else list(value)
        return "[" + ", ".join(shown(v) for v in items) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class Delta:
    """One field that differs between a matched pair: OLD's value and NEW's, normalised."""

    key: str
    before: Any
    after: Any
    #: OLD's and NEW's values as compared: references read through the declared renames.
    before_read: Any = None
    after_read: Any = None
    ref: str | None = None
    #: For sets of references: each member and how it was read, OLD's then NEW's.
    members: tuple[tuple[Any, Any], ...] = ()
    new_members: tuple[tuple[Any, Any], ...] = ()
    #: Members left out of :meth:`lost` and :meth:`gained`: stale references
    #: (:attr:`Pair.stale` reports them), OLD's members then NEW's.
    ignored: frozenset[Any] = frozenset()
    new_ignored: frozenset[Any] = frozenset()

    def lost(self) -> list[Any]:
        """For a set: OLD's members (as OLD writes them) that NEW lacks."""
        if not isinstance(self.before, frozenset):
            return []
        after = self.after_read if isinstance(self.after_read, frozenset) else frozenset()
        read = dict(self.members)
        return sorted(
            (v for v in self.before - self.ignored if read.get(v, v) not in after), key=str
        )

    def gained(self) -> list[Any]:
        """For a set: NEW's members that OLD lacks (renames followed)."""
        if not isinstance(self.after, frozenset):
            return []
        before = self.before_read if isinstance(self.before_read, frozenset) else frozenset()
        read = dict(self.new_members)
        return sorted(
            (v for v in self.after - self.new_ignored if read.get(v, v) not in before), key=str
        )


# --------------------------------------------------------------------------- items


@dataclass(eq=False)
class Item:
    """One item of one side, kept in the model or left out of it (``view``), or the model
    itself (``view`` is ``None``, kind ``model``)."""

    kind: str
    ident: str
    side: Side
    view: View | None = None

    @property
    def source_path(self) -> ModelPath:
        if self.view is None:
            return ()
        if self.view.raw is not None:
            return self.view.raw.path
        return self.side.holes.to_source(self.view.path)

    @property
    def position(self) -> int:
        """Where the item stands in its list in the file."""
        last = self.source_path[-1] if self.source_path else 0
        return last if isinstance(last, int) else 0

    @property
    def kept(self) -> bool:
        return self.view is None or self.view.kept

    def get(self, key: str) -> Any:
        """A top-level field as the model has it (``UNKNOWN`` where it could not be read)."""
        assert self.view is not None
        value = self.view.get(key)
        if isinstance(value, list) and self.view.kept and self.view.lost(key):
            return UNKNOWN  # a list that lost entries: what is left is not the file's list
        return value

    def read(self, spec: FieldSpec) -> Any:
        """The raw value of one (possibly nested) field."""
        if self.view is None:
            if self.side.uncertain(spec.steps):
                return UNKNOWN
            node: Any = self.side.model
            for attr in spec.attrs:
                node = getattr(node, attr, None)
                if node is None:
                    return None
            return node
        value = self.get(spec.steps[0])
        for attr in spec.attrs[1:]:
            if value is None or value is UNKNOWN:
                return value
            value = getattr(value, attr, None)
        return value

    def value(self, key: str) -> Any:
        """A field's normalised value (references as this side writes them)."""
        spec = _spec(self.kind, key)
        return normal(self.read(spec), spec.ref)

    @property
    def name(self) -> str | None:
        """What people call the item (its title or name), if it has one."""
        key = NAME_KEYS.get(self.kind)
        if key is None or self.view is None:
            return None
        value = self.get(key)
        return value if isinstance(value, str) else None

    @property
    def label(self) -> str:
        """``role 'pm'``, ``handoff pm → po: Brief``, ``the model``."""
        if self.kind == "model":
            return "the model"
        if self.kind == "handoff" and not self.ident.startswith("id:"):
            return f"handoff {self.ident}"
        return f"{kind_label(self.kind)} '{display_id(self.ident)}'"


def display_id(ident: str) -> str:
    """An identity as shown: handoff ids lose their ``id:`` marker."""
    return ident[3:] if ident.startswith("id:") else ident


@cache
def _specs_by_key(kind: str) -> dict[str, FieldSpec]:
    return {spec.key: spec for spec in specs_of(kind)}


def _spec(kind: str, key: str) -> FieldSpec:
    found = _specs_by_key(kind).get(key)
    if found is None:
        raise KeyError(f"{kind} has no field {key!r}")
    return found


@cache
def specs_of(kind: str) -> tuple[FieldSpec, ...]:
    """The comparable fields of items of ``kind`` (``model``: the model's own fields)."""
    if kind == "model":
        return field_specs(OperatingModel, top=True)
    cls = section_class(ID_KINDS[kind])
    assert cls is not None
    return field_specs(cls)


@dataclass(eq=False)
class Pair:
    """OLD's and NEW's version of one item; one side is ``None`` for an addition or removal."""

    kind: str
    old: Item | None
    new: Item | None
    renames: Renames = field(default_factory=Renames)
    #: Paired by a declared rename (``renamed_from``).
    renamed: bool = False
    #: Paired as a re-routed handoff (same artifact and stage, one end moved).
    rerouted: bool = False

    @property
    def ident(self) -> str:
        """NEW's identity (OLD's for a removal)."""
        item = self.new or self.old
        assert item is not None
        return item.ident

    @property
    def old_ident(self) -> str | None:
        """OLD's identity when it differs from NEW's."""
        if self.old is not None and self.new is not None and self.old.ident != self.new.ident:
            return self.old.ident
        return None

    @property
    def status(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "kept"

    @property
    def item(self) -> Item:
        """NEW's item, or OLD's for a removal."""
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def deltas(self) -> dict[str, Delta]:
        """The fields that differ, by dotted key (empty unless both sides are there).

        A reference that differs only because it is stale (:attr:`stale`) is no delta; in a
        set, stale members are left out of :meth:`Delta.lost` and :meth:`Delta.gained`.
        """
        return self._fields[0]

    @property
    def stale(self) -> dict[str, tuple[StaleRef, ...]]:
        """References written alike in both versions that a declared rename makes name
        different items (NEW still naming the id the rename took away), by dotted key."""
        return self._fields[1]

    @cached_property
    def _fields(self) -> tuple[dict[str, Delta], dict[str, tuple[StaleRef, ...]]]:
        old, new = self.old, self.new
        if old is None or new is None:
            return {}, {}
        if (
            not self.renames
            and old.view is not None
            and new.view is not None
            and old.view.item is not None
            and new.view.item is not None
            and not old.side.holes.any
            and not new.side.holes.any
            and old.view.item == new.view.item
        ):
            return {}, {}
        out: dict[str, Delta] = {}
        stale: dict[str, tuple[StaleRef, ...]] = {}
        for spec in specs_of(self.kind):
            before_raw, after_raw = old.read(spec), new.read(spec)
            if before_raw is UNKNOWN or after_raw is UNKNOWN:
                continue
            before = normal(before_raw, spec.ref)
            after = normal(after_raw, spec.ref)
            if spec.ref and self.renames:
                before_read = normal(before_raw, spec.ref, self.renames)
                after_read = normal(after_raw, spec.ref, self.renames, old=False)
            else:
                before_read, after_read = before, after
            if before_read == after_read:
                continue
            members: tuple[tuple[Any, Any], ...] = ()
            new_members: tuple[tuple[Any, Any], ...] = ()
            ignored: frozenset[Any] = frozenset()
            new_ignored: frozenset[Any] = frozenset()
            if spec.ref and self.renames:
                if isinstance(before, frozenset):
                    members = tuple((v, self.renames.follow(spec.ref, v)) for v in before)
                if isinstance(after, frozenset):
                    new_members = tuple((v, self.renames.mark(spec.ref, v)) for v in after)
                found = self._stale(spec.ref, before, after)
                if found:
                    stale[spec.key] = found
                    if not isinstance(before, frozenset) or not isinstance(after, frozenset):
                        continue  # one reference, written alike: only stale
                    ignored, new_ignored = _unmatched(found, members, new_members)
                    rest = frozenset(r for v, r in members if v not in ignored)
                    new_rest = frozenset(r for v, r in new_members if v not in new_ignored)
                    if rest == new_rest:
                        continue  # the stale members are the whole difference
            out[spec.key] = Delta(
                spec.key,
                before,
                after,
                before_read,
                after_read,
                spec.ref,
                members,
                new_members,
                ignored,
                new_ignored,
            )
        return out, stale

    def _stale(self, ref: str, before: Any, after: Any) -> tuple[StaleRef, ...]:
        """The references written alike on both sides that the renames read apart."""
        if isinstance(before, frozenset) and isinstance(after, frozenset):
            alike = sorted(before & after, key=str)
        elif before == after and not isinstance(before, frozenset):
            alike = [before]
        else:
            return ()
        found = (self.renames.stale(ref, value) for value in alike)
        return tuple(s for s in found if s is not None)

    def delta(self, key: str) -> Delta | None:
        return self.deltas.get(key)

    def under(self, prefix: str) -> list[Delta]:
        """The deltas of a nested section (``target``) or of one field."""
        return [d for k, d in self.deltas.items() if k == prefix or k.startswith(prefix + ".")]


def _unmatched(
    stale: tuple[StaleRef, ...],
    members: tuple[tuple[Any, Any], ...],
    new_members: tuple[tuple[Any, Any], ...],
) -> tuple[frozenset[Any], frozenset[Any]]:
    """The members of a set that its stale references explain, OLD's and NEW's.

    A stale member names nothing on one side: it is left out there; on the other side it
    names the renamed item, and is left out too unless another member there names it
    (``[pm]`` → ``[product-manager, pm]`` keeps OLD's ``pm``, which the new id matches).
    """
    old_reads, new_reads = dict(members), dict(new_members)
    ignored, new_ignored = set(), set()
    for ref in stale:
        value = ref.value
        old_read, new_read = old_reads.get(value), new_reads.get(value)
        if ref.side == "new":
            # NEW's member names nothing; OLD's names the renamed item.
            new_ignored.add(value)
            if old_read not in set(new_reads.values()) - {new_read}:
                ignored.add(value)
        else:
            # OLD's member named nothing; NEW's names the renamed item.
            ignored.add(value)
            if new_read not in set(old_reads.values()) - {old_read}:
                new_ignored.add(value)
    return frozenset(ignored), frozenset(new_ignored)


# --------------------------------------------------------------------------- comparison


@dataclass
class Comparison:
    """Every matched pair of two sides, by kind, plus the model's own fields."""

    old: Side
    new: Side
    renames: Renames
    pairs: dict[str, list[Pair]]
    model: Pair
    #: What could not be compared, in words (for the top of every output).
    notes: list[str] = field(default_factory=list)
    #: What other modules of this layer derive from the comparison once and share
    #: (:func:`pomkit.changes.holdings.holdings_of`), by name.
    memo: dict[str, Any] = field(default_factory=dict)

    def of(self, kind: str) -> list[Pair]:
        return self.pairs.get(kind, [])

    def all_pairs(self) -> Iterator[Pair]:
        yield self.model
        for kind in KINDS:
            yield from self.of(kind)

    @cached_property
    def _index(self) -> dict[tuple[str, str, str], Pair]:
        out: dict[tuple[str, str, str], Pair] = {}
        for kind, found in self.pairs.items():
            for pair in found:
                if pair.old is not None:
                    out.setdefault((kind, "old", pair.old.ident), pair)
                if pair.new is not None:
                    out.setdefault((kind, "new", pair.new.ident), pair)
        return out

    def find(self, kind: str, ident: str, side: str = "new") -> Pair | None:
        """The pair whose ``side`` item of ``kind`` has identity ``ident``."""
        return self._index.get((kind, side, ident))

    @cached_property
    def lookalikes(self) -> dict[int, Pair]:
        """Removed and added items of one kind that look alike (one undeclared rename?):
        ``id(pair)`` → the other pair, both ways."""
        out: dict[int, Pair] = {}
        for kind in KINDS:
            gone = [p for p in self.of(kind) if p.status == "removed"]
            came = [p for p in self.of(kind) if p.status == "added"]
            if not gone or not came:
                continue
            for key in (NAME_KEYS.get(kind), SORT_KEYS.get(kind)):
                if key is None:
                    continue
                left = _unique_by(gone, key, out)
                right = _unique_by(came, key, out)
                for value, pair in left.items():
                    other = right.get(value)
                    if other is not None:
                        out[id(pair)] = other
                        out[id(other)] = pair
        return out


def _unique_by(pairs: list[Pair], key: str, taken: dict[int, Pair]) -> dict[Any, Pair]:
    """Pairs by their value of ``key``, for values only one untaken pair has."""
    seen: dict[Any, list[Pair]] = defaultdict(list)
    for pair in pairs:
        if id(pair) in taken:
            continue
        item = pair.item
        raw = item.get(key) if item.view is not None else None
        if raw is None or raw is UNKNOWN:
            continue
        value = normal(raw)
        if isinstance(value, str):
            value = value.casefold().strip()
        seen[value].append(pair)
    return {value: found[0] for value, found in seen.items() if len(found) == 1}


def compare(old: Side, new: Side) -> Comparison:
    """Match the items of ``old`` and ``new`` (see the module docstring)."""
    notes: list[str] = []
    indexes: dict[str, tuple[dict[str, Item], dict[str, Item]]] = {}
    uncertain: dict[str, tuple[int, int]] = {}
    for kind in KINDS:
        if kind == "handoff":
            continue
        old_items, old_unknown = _index(old, kind)
        new_items, new_unknown = _index(new, kind)
        indexes[kind] = (old_items, new_items)
        uncertain[kind] = (old_unknown, new_unknown)
    renames = Renames()
    for kind, (old_items, new_items) in indexes.items():
        renames.declare(kind, _renames(old_items, new_items))
    pairs: dict[str, list[Pair]] = {}
    for kind, (old_items, new_items) in indexes.items():
        pairs[kind] = _pair(kind, old_items, new_items, renames.by_kind[kind], renames)
    handoffs, unknown = _pair_handoffs(old, new, renames)
    pairs["handoff"] = handoffs
    uncertain["handoff"] = unknown
    for kind in KINDS:
        pairs[kind] = _drop_unsure(kind, pairs[kind], uncertain[kind], old, new, notes)
        pairs[kind] = _drop_duplicated(kind, pairs[kind], old, new, notes)
    model = Pair("model", Item("model", "", old), Item("model", "", new), renames)
    return Comparison(old, new, renames, pairs, model, notes)


def _model_items(side: Side, kind: str) -> list[Any]:
    node: Any = side.model
    for key in ID_KINDS[kind]:
        node = getattr(node, key, None) if node is not None else None
    return list(node) if isinstance(node, list) else []


def item_views(side: Side, kind: str) -> list[View]:
    """Every item of ``kind`` on ``side``: the model's, then those that failed to load."""
    return views(side.holes, kind, _model_items(side, kind))


def _index(side: Side, kind: str) -> tuple[dict[str, Item], int]:
    """Items of ``kind`` by id (first definition wins, repeats noted in ``side.duplicated``),
    and how many have no readable id."""
    out: dict[str, Item] = {}
    unknown = 0
    twice = side.duplicated.setdefault(kind, set())
    if not side.holes.any:
        # Nothing was left out: every item is the model's, its id read directly.
        where = ID_KINDS[kind]
        for i, model_item in enumerate(_model_items(side, kind)):
            ident = model_item.id
            ident = ident.value if isinstance(ident, enum.Enum) else ident
            if ident in out:
                twice.add(ident)
                continue
            view = View(kind, side.holes, model_item, (*where, i))
            out[ident] = Item(kind, ident, side, view)
        return out, 0
    for view in item_views(side, kind):
        ident = view.ident
        if ident is None:
            unknown += 1
        elif ident in out:
            twice.add(ident)
        else:
            out[ident] = Item(kind, ident, side, view)
    return out, unknown + (1 if side.holes.unreadable(kind) else 0)


def _renames(old: dict[str, Item], new: dict[str, Item]) -> dict[str, str]:
    """Declared renames, OLD id → NEW id: ``renamed_from`` on NEW's item, or on OLD's (a
    rename being undone); only between an id that left and one that arrived."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for ident, item in new.items():
        before = item.get("renamed_from")
        if (
            isinstance(before, str)
            and before in old
            and before not in new
            and ident not in old
            and before not in out
            and ident not in taken
        ):
            out[before] = ident
            taken.add(ident)
    for ident, item in old.items():
        after = item.get("renamed_from")
        if (
            isinstance(after, str)
            and after in new
            and after not in old
            and ident not in new
            and ident not in out
            and after not in taken
        ):
            out[ident] = after
            taken.add(after)
    return out


def _pair(
    kind: str,
    old: dict[str, Item],
    new: dict[str, Item],
    declared: dict[str, str],
    renames: Renames,
) -> list[Pair]:
    """Pairs in NEW's order, then OLD's removed items in OLD's order."""
    by_new: dict[str, Item] = {}
    for ident, item in old.items():
        by_new[declared.get(ident, ident)] = item
    out: list[Pair] = []
    for ident, item in new.items():
        before = by_new.pop(ident, None)
        renamed = before is not None and before.ident != ident
        out.append(Pair(kind, before, item, renames, renamed=renamed))
    matched = {id(p.old) for p in out if p.old is not None}
    out.extend(Pair(kind, item, None, renames) for item in old.values() if id(item) not in matched)
    return out


def _drop_unsure(
    kind: str,
    pairs: list[Pair],
    unknown: tuple[int, int],
    old: Side,
    new: Side,
    notes: list[str],
) -> list[Pair]:
    """Leave out removals when NEW has items of ``kind`` it could not identify, and
    additions when OLD has: the item may be one of those."""
    old_unknown, new_unknown = unknown
    kept = pairs
    items = plural_label(kind)
    if new_unknown and any(p.status == "removed" for p in pairs):
        kept = [p for p in kept if p.status != "removed"]
        notes.append(
            f"{new.name}: some {items} could not be read, so {items} missing from it are not "
            "reported as removed"
        )
    if old_unknown and any(p.status == "added" for p in pairs):
        kept = [p for p in kept if p.status != "added"]
        notes.append(
            f"{old.name}: some {items} could not be read, so {items} new in {new.name} are not "
            "reported as added"
        )
    return kept


def _drop_duplicated(
    kind: str, pairs: list[Pair], old: Side, new: Side, notes: list[str]
) -> list[Pair]:
    """Leave out items whose id a version defines twice (POM106): which definition is
    "the" item depends on the order, and order must not matter."""
    twice_old, twice_new = old.duplicated.get(kind, set()), new.duplicated.get(kind, set())
    if not twice_old and not twice_new:
        return pairs
    kept, left = [], set()
    for pair in pairs:
        if (pair.old is not None and pair.old.ident in twice_old) or (
            pair.new is not None and pair.new.ident in twice_new
        ):
            left.add(display_id(pair.ident))
        else:
            kept.append(pair)
    if left:
        listed = ", ".join(f"'{i}'" for i in sorted(left)[:5])
        more = f" and {len(left) - 5} more" if len(left) > 5 else ""
        notes.append(
            f"{plural_label(kind)} defined more than once in a version are not compared: "
            f"{listed}{more}"
        )
    return kept


def plural_label(kind: str) -> str:
    """``roles``, ``KPIs``, ``responsibilities``: how a heading names items of ``kind``."""
    label = kind_label(kind)
    if label.endswith("y"):
        return label[:-1] + "ies"
    return label + "s"


# --------------------------------------------------------------------------- handoffs


def ends_text(from_: str, to: str, artifact: str, stage: str | None) -> str:
    """A handoff without an id, as it is named: ``pm → po: Brief (ideation)``."""
    return f"{from_} → {to}: {artifact}" + (f" ({stage})" if stage else "")


def _handoff_ends(
    view: View, renames: Renames | None, old: bool = True
) -> tuple[str, str, str, str | None] | None:
    values = [view.get(key) for key in ("from", "to", "artifact", "stage")]
    if any(v is UNKNOWN for v in values) or not all(isinstance(v, str) for v in values[:3]):
        return None
    from_, to, artifact, stage = values
    if renames is not None:
        read = renames.follow if old else renames.mark
        from_ = read("role", from_)
        to = read("role", to)
        stage = read("stage", stage) if isinstance(stage, str) else stage
    return from_, to, artifact, stage if isinstance(stage, str) else None


def _handoff_items(side: Side, renames: Renames, old: bool) -> tuple[list[tuple[Item, Any]], int]:
    """(item, ends as matched) per handoff, first of each identity; and the unreadable count."""
    out: list[tuple[Item, Any]] = []
    seen: set[str] = set()
    unknown = 1 if side.holes.unreadable("handoff") else 0
    for view in item_views(side, "handoff"):
        ident_value = view.get("id")
        own = _handoff_ends(view, None)
        ends = _handoff_ends(view, renames, old)
        if isinstance(ident_value, str):
            ident = "id:" + ident_value
        elif own is not None and ident_value is None:
            ident = ends_text(*own)
        else:
            unknown += 1
            continue
        if ident in seen:
            side.duplicated.setdefault("handoff", set()).add(ident)
            continue
        seen.add(ident)
        out.append((Item("handoff", ident, side, view), ends))
    return out, unknown


def _pair_handoffs(old: Side, new: Side, renames: Renames) -> tuple[list[Pair], tuple[int, int]]:
    """Handoffs by id (declared renames too), then by their ends, then re-routed ones."""
    old_items, old_unknown = _handoff_items(old, renames, True)
    new_items, new_unknown = _handoff_items(new, renames, False)
    declared = _renames(
        {i.ident[3:]: i for i, _ in old_items if i.ident.startswith("id:")},
        {i.ident[3:]: i for i, _ in new_items if i.ident.startswith("id:")},
    )
    renames.declare("handoff", declared)
    old_by_id = {
        item.ident: (item, ends) for item, ends in old_items if item.ident.startswith("id:")
    }
    for before, after in declared.items():
        old_by_id["id:" + after] = old_by_id.pop("id:" + before)
    pairs: list[Pair] = []
    left_new: list[tuple[Item, Any]] = []
    for item, ends in new_items:
        found = old_by_id.pop(item.ident, None) if item.ident.startswith("id:") else None
        if found is not None:
            renamed = found[0].ident != item.ident
            pairs.append(Pair("handoff", found[0], item, renames, renamed=renamed))
        else:
            left_new.append((item, ends))
    matched = {id(p.old) for p in pairs}
    left_old = [(i, e) for i, e in old_items if id(i) not in matched]
    # By ends: the same handoff, written with an id on one side only, or with none.
    by_ends: dict[Any, tuple[Item, Any]] = {}
    for item, ends in left_old:
        if ends is not None:
            by_ends.setdefault(ends, (item, ends))
    still_new: list[tuple[Item, Any]] = []
    for item, ends in left_new:
        found = by_ends.pop(ends, None) if ends is not None else None
        if found is not None:
            pairs.append(Pair("handoff", found[0], item, renames))
        else:
            still_new.append((item, ends))
    matched = {id(p.old) for p in pairs}
    still_old = [(i, e) for i, e in left_old if id(i) not in matched]
    rerouted = _reroutes(still_old, still_new)
    for was, now in rerouted:
        pairs.append(Pair("handoff", was, now, renames, rerouted=True))
    used = {id(i) for pair in rerouted for i in pair}
    pairs.extend(Pair("handoff", None, i, renames) for i, _ in still_new if id(i) not in used)
    pairs.extend(Pair("handoff", i, None, renames) for i, _ in still_old if id(i) not in used)
    # NEW's order first, as for other kinds; removals after, in OLD's order.
    pairs.sort(key=lambda p: (p.new is None, (p.new or p.old).position))  # type: ignore[union-attr]
    return pairs, (old_unknown, new_unknown)


def _reroutes(old: list[tuple[Item, Any]], new: list[tuple[Item, Any]]) -> list[tuple[Item, Item]]:
    """Lone pairs of unmatched handoffs of one artifact and stage that share an end."""
    groups: dict[Any, tuple[list[Item], list[Item]]] = defaultdict(lambda: ([], []))
    ends_of: dict[int, Any] = {}
    for index, listed in enumerate((old, new)):
        for item, ends in listed:
            if ends is None or item.ident.startswith("id:"):
                continue
            groups[(ends[2], ends[3])][index].append(item)
            ends_of[id(item)] = ends
    out = []
    for before, after in groups.values():
        if len(before) == 1 and len(after) == 1:
            a, b = ends_of[id(before[0])], ends_of[id(after[0])]
            if a[0] == b[0] or a[1] == b[1]:
                out.append((before[0], after[0]))
    return out

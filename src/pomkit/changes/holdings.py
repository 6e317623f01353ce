"""Who holds what on each side of a comparison, and what a side cannot tell.

A role *holds* the responsibilities it is accountable (``A``) or responsible (``R``) for,
the handoffs it sends or receives, and the KPIs, support tiers and lifecycle stages it
owns. The impact summary (:mod:`pomkit.changes.impact`) and the accountability checks
(DIFF106, DIFF107) read holdings from here, the way :mod:`pomkit.changes.compare` reads
items: every item of the file counts, whether the model kept it or it failed to load
(a bad enum elsewhere in it, an unknown key), read field by field. What cannot be read
is recorded instead of being taken as absent:

- an item whose id is readable but whose role field is not (an invalid value, an item
  that is not a mapping …) is *unsure*: no side can say who holds it;
- an item whose identity cannot be read, or a list that cannot be walked, makes the side
  *blind* for the roles it might name (every role, when those cannot be read either).

A gain or loss of ``(role, aspect, id)`` counts only when both sides *know* it
(:meth:`Holdings.knows`), so an item that merely failed to load never shows as gained or
lost. OLD's ids and role names are read through the declared renames, NEW's references
to an id a rename took away name nobody (a stale reference is reported as a change of
its own, DIFF007).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pomkit.changes.compare import Comparison, Side, ends_text, item_views
from pomkit.domain.holes import UNKNOWN, View

#: In :attr:`Holdings.blind`: the side cannot tell for any role.
ANY_ROLE = "*"
#: The role fields of each aspect, and the kind of item they are on.
ASPECT_FIELDS: dict[str, tuple[str, str]] = {
    "accountable": ("responsibility", "accountable"),
    "responsible": ("responsibility", "responsible"),
    "kpis": ("kpi", "owner"),
    "tiers": ("tier", "owner"),
    "stages": ("stage", "owner"),
}


def _roles() -> defaultdict[str, set[str]]:
    return defaultdict(set)


@dataclass
class Holdings:
    """One side's holdings: role → aspect → ids, and what the side cannot tell."""

    held: defaultdict[str, defaultdict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(_roles)
    )
    #: aspect → ids of items whose holders cannot be read.
    unsure: defaultdict[str, set[str]] = field(default_factory=_roles)
    #: aspect → ids of the items this side identifies.
    present: defaultdict[str, set[str]] = field(default_factory=_roles)
    #: aspect → roles that may hold an item whose identity cannot be read
    #: (:data:`ANY_ROLE` for every role).
    blind: defaultdict[str, set[str]] = field(default_factory=_roles)

    def of(self, role: str, aspect: str) -> set[str]:
        """The ids ``role`` surely holds in ``aspect``."""
        found = self.held.get(role)
        return found.get(aspect, set()) if found is not None else set()

    def knows(self, role: str, aspect: str, ident: str) -> bool:
        """Whether this side can tell if ``role`` holds ``ident``."""
        if ident in self.unsure[aspect]:
            return False
        if ident in self.present[aspect]:
            return True
        return not self.blind_for(role, aspect)

    def knows_all(self, role: str, aspect: str) -> bool:
        """Whether this side can tell everything ``role`` holds in ``aspect``."""
        return not self.unsure[aspect] and not self.blind_for(role, aspect)

    def blind_for(self, role: str, aspect: str) -> bool:
        blind = self.blind[aspect]
        return ANY_ROLE in blind or role in blind

    def record(self, aspect: str, ident: str | None, holders: Any) -> None:
        """One item of ``aspect``: its id (``None``: unreadable) and the roles named in its
        role fields (``UNKNOWN``: unreadable)."""
        if ident is None:
            if holders is UNKNOWN:
                self.blind[aspect].add(ANY_ROLE)
            else:
                self.blind[aspect].update(holders)
            return
        self.present[aspect].add(ident)
        if holders is UNKNOWN:
            self.unsure[aspect].add(ident)
            return
        for role in holders:
            self.held[role][aspect].add(ident)


def _field(view: View, key: str) -> Any:
    """A field as the model has it; ``UNKNOWN`` for a kept list that lost entries."""
    value = view.get(key)
    if isinstance(value, list) and view.kept and view.holes.any and view.lost(key):
        return UNKNOWN
    return value


def _holders(values: Iterable[Any], role: Callable[[str], str]) -> Any:
    """The roles named by some role-field values (``UNKNOWN`` if one cannot be read).

    A reference to an id that a rename took away names nobody (it reads ``?id``).
    """
    out: list[str] = []
    for value in values:
        if value is None:
            continue
        if value is UNKNOWN or not isinstance(value, str):
            return UNKNOWN
        name = role(value)
        if not name.startswith("?"):
            out.append(name)
    return out


def holdings(side: Side, cmp: Comparison, old: bool) -> Holdings:
    """The holdings of ``side`` (OLD's when ``old``: ids and roles followed through the
    declared renames, so that they name what NEW names)."""
    renames = cmp.renames
    read = renames.follow if old else renames.mark

    def role(value: str) -> str:
        return read("role", value)

    def ident_of(kind: str, view: View) -> str | None:
        ident = view.ident
        if ident is None or not old:
            return ident
        return renames.follow(kind, ident)

    out = Holdings()
    for aspect, (kind, key) in ASPECT_FIELDS.items():
        if side.holes.unreadable(kind):
            out.blind[aspect].add(ANY_ROLE)
        for view in item_views(side, kind):
            value = _field(view, key)
            values = value if isinstance(value, list) else [value]
            out.record(aspect, ident_of(kind, view), _holders(values, role))
    if side.holes.unreadable("handoff"):
        out.blind["handoffs"].add(ANY_ROLE)
    for view in item_views(side, "handoff"):
        ends = [_field(view, key) for key in ("from", "to")]
        holders = _holders(ends, role)
        out.record("handoffs", _handoff_ident(view, read, old, cmp), holders)
    return out


def _handoff_ident(
    view: View, read: Callable[[str, str], str], old: bool, cmp: Comparison
) -> str | None:
    """A handoff's identity as the impact names it: its id, or its ends."""
    ident = view.get("id")
    if isinstance(ident, str):
        return cmp.renames.follow("handoff", ident) if old else ident
    if ident is not None:
        return None
    from_, to, artifact, stage = (view.get(k) for k in ("from", "to", "artifact", "stage"))
    if not all(isinstance(v, str) for v in (from_, to, artifact)):
        return None
    if stage is UNKNOWN or not (stage is None or isinstance(stage, str)):
        return None

    def meant(kind: str, value: str) -> str:
        # An end that names a renamed item's old id (DIFF007 reports it) still tells
        # which handoff this is: the one between the items the file means.
        found = read(kind, value)
        if not found.startswith("?"):
            return found
        return value if old else cmp.renames.follow(kind, value)

    where = meant("stage", stage) if stage is not None else None
    return ends_text(meant("role", from_), meant("role", to), artifact, where)


def holdings_of(cmp: Comparison) -> tuple[Holdings, Holdings]:
    """OLD's and NEW's holdings, computed once per comparison."""
    found = cmp.memo.get("holdings")
    if found is None:
        found = (holdings(cmp.old, cmp, old=True), holdings(cmp.new, cmp, old=False))
        cmp.memo["holdings"] = found
    assert isinstance(found, tuple)
    return found

"""Changes: the frozen records the diff produces and every format reads."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

#: What happened to the thing a change is about.
ChangeKind = Literal["added", "removed", "changed", "renamed"]
#: Which version a change's location is in.
SideName = Literal["old", "new"]


class Level(enum.IntEnum):
    """How much a change matters to someone who relied on the old model; ``>=`` compares."""

    INFO = 1
    NOTABLE = 2
    BREAKING = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Level:
        """Read ``breaking``/``notable``/``info`` (any case); raise ``ValueError`` otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            allowed = ", ".join(level.label for level in sorted(cls, reverse=True))
            raise ValueError(f"unknown level {text!r} (allowed: {allowed})") from None


@dataclass(frozen=True)
class Change:
    """One classified change between OLD and NEW.

    ``before`` and ``after`` are JSON values (text, numbers, lists, mappings, ``None``).
    The location is in NEW, or in OLD for a removal (``side``); ``anchor_line`` is always a
    line in NEW (for a removal, the list the item was removed from), where an annotation
    on the pull request can show it.
    """

    code: str
    name: str
    level: Level
    kind: ChangeKind
    #: The entity kind: ``role``, ``kpi``, ``handoff`` … or ``model`` for the model's own fields.
    entity: str
    #: The entity's id in NEW (in OLD for a removal); ``""`` for the model.
    ident: str
    #: The field path inside the entity (``target.value``), ``""`` for the whole entity.
    path: str
    before: Any = field(hash=False)
    after: Any = field(hash=False)
    message: str
    hint: str | None = None
    file: str = ""
    line: int = 1
    column: int = 1
    side: SideName = "new"
    anchor_line: int = 1
    #: The entity's id in OLD when it differs (a rename); ``None`` otherwise.
    old_ident: str | None = None

    @property
    def marker(self) -> str:
        """``+`` added, ``-`` removed, ``~`` changed or renamed."""
        return {"added": "+", "removed": "-"}.get(self.kind, "~")


#: Role impact aspects in display order: (key, one, many).
ASPECTS: tuple[tuple[str, str, str], ...] = (
    ("accountable", "accountable", "accountable"),
    ("responsible", "responsible", "responsible"),
    ("handoffs", "handoff", "handoffs"),
    ("kpis", "KPI", "KPIs"),
    ("tiers", "tier", "tiers"),
    ("stages", "stage owned", "stages owned"),
)


@dataclass(frozen=True)
class Impact:
    """What one role gains and loses: ids per aspect (see :data:`ASPECTS`)."""

    role: str
    #: ``kept``, ``added``, ``removed`` or ``renamed`` (then ``old_role`` is its old id).
    status: str
    gains: tuple[tuple[str, tuple[str, ...]], ...] = ()
    losses: tuple[tuple[str, tuple[str, ...]], ...] = ()
    old_role: str | None = None

    @property
    def lost_anything(self) -> bool:
        return any(ids for _aspect, ids in self.losses)

    def summary(self) -> str:
        """``product-owner: +2 accountable, −1 handoff`` (the status when added or removed)."""
        parts: list[str] = []
        gains, losses = dict(self.gains), dict(self.losses)
        for key, one, many in ASPECTS:
            for sign, found in (("+", gains), ("−", losses)):
                count = len(found.get(key, ()))
                if count:
                    parts.append(f"{sign}{count} {one if count == 1 else many}")
        head = self.role
        if self.status == "renamed" and self.old_role:
            head = f"{self.old_role} → {self.role}"
        elif self.status in ("added", "removed"):
            head = f"{self.role} ({self.status})"
        return f"{head}: {', '.join(parts)}" if parts else head


@dataclass(frozen=True)
class Version:
    """One side of the comparison as the output names it."""

    #: How it was named: a path, ``<stdin>`` or ``REV:path``.
    name: str
    #: The file's path in the repository, for annotations (``None`` for stdin).
    path: str | None
    #: Load and structure problems (POM0xx/POM1xx) that left part of the file out of the
    #: comparison; ``pomkit validate`` reports them among its other findings.
    problems: int = 0
    #: The first of them, ``line:column: message``.
    first_problem: str | None = None


@dataclass(frozen=True)
class DiffReport:
    """The outcome of one ``pomkit diff`` run, as every format receives it."""

    old: Version
    new: Version
    changes: tuple[Change, ...]
    impacts: tuple[Impact, ...] = ()
    #: Things the reader must know to trust the list (what could not be compared).
    notes: tuple[str, ...] = ()
    #: Changes at or above this level fail the run (``None``: never).
    fail_on: Level | None = None
    tool_version: str = ""

    def counts(self) -> Counter[Level]:
        return Counter(change.level for change in self.changes)

    @property
    def failed(self) -> bool:
        return self.fail_on is not None and any(c.level >= self.fail_on for c in self.changes)

    def summary(self) -> str:
        """``12 changes: 2 breaking, 5 notable, 5 info`` (``no changes`` when none)."""
        return summarize(self.changes)


def summarize(changes: tuple[Change, ...] | list[Change]) -> str:
    if not changes:
        return "no changes"
    counts = Counter(change.level for change in changes)
    total = len(changes)
    word = "change" if total == 1 else "changes"
    levels = ", ".join(f"{counts[level]} {level.label}" for level in sorted(Level, reverse=True))
    return f"{total} {word}: {levels}"

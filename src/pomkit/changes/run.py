"""Running the change checks: claims, levels, locations — from a comparison to a report.

The runner, not a check, stamps each change's code and configured level, and locates
it: in NEW (or in OLD for a removed item), with a line in NEW for annotations.
"""

from __future__ import annotations

from collections.abc import Iterable

from pomkit._version import __version__
from pomkit.changes.compare import KINDS, Comparison, Side, compare, display_id, jsonable
from pomkit.changes.core import ChangeCheck, Found, registry
from pomkit.changes.impact import impacts
from pomkit.changes.records import Change, DiffReport, Version
from pomkit.changes.settings import DiffSettings
from pomkit.loader import paused_gc
from pomkit.model import ID_KINDS

#: The order outputs group entity kinds in: the model's own fields first.
ENTITY_ORDER: dict[str, int] = {kind: i for i, kind in enumerate(("model", *KINDS))}


def classify(cmp: Comparison, settings: DiffSettings | None = None) -> list[Change]:
    """Every check over ``cmp``: each difference reported once, by the most specific check."""
    checks = sorted(registry().values(), key=lambda c: (c.fallback, c.code))
    # Keyed by the pair itself: a removed and an added item may share an identity (a
    # handoff between roles that a rename took away).
    claimed: set[tuple[int, str]] = set()
    found: list[tuple[ChangeCheck, Found]] = []
    for current in checks:
        for item in current.check(cmp):
            key = (id(item.pair), item.path)
            if current.fallback and key in claimed:
                continue
            if item.claim:
                claimed.add(key)
            claimed.update((id(item.pair), more) for more in item.claims)
            found.append((current, item))
    codes = settings.codes if settings is not None else None
    levels = settings.levels if settings is not None else {}
    changes = [
        _change(cmp, current, item, levels.get(current.code, current.level))
        for current, item in found
        if codes is None or current.code in codes
    ]
    return sorted(changes, key=_order)


def _order(change: Change) -> tuple[object, ...]:
    return (
        ENTITY_ORDER.get(change.entity, len(ENTITY_ORDER)),
        change.side == "old",
        change.line,
        change.column,
        change.code,
        change.path,
    )


def _steps(path: str) -> tuple[str, ...]:
    return tuple(path.split(".")) if path else ()


def _change(cmp: Comparison, current: ChangeCheck, item: Found, level: object) -> Change:
    pair = item.pair
    if pair.new is not None:
        side_name = "new"
        where = (*pair.new.source_path, *_steps(item.path))
        line, column = cmp.new.locate(where)
        anchor = line
        file = cmp.new.name
    else:
        assert pair.old is not None
        side_name = "old"
        line, column = cmp.old.locate(pair.old.source_path)
        anchor, _ = cmp.new.locate(ID_KINDS.get(pair.kind, ()))
        file = cmp.old.name
    old_ident = pair.old_ident
    return Change(
        code=current.code,
        name=current.name,
        level=level,  # type: ignore[arg-type]
        kind=item.kind,
        entity=pair.kind,
        ident=display_id(pair.ident),
        path=item.path,
        before=jsonable(item.before),
        after=jsonable(item.after),
        message=item.message,
        hint=item.hint,
        file=file,
        line=line,
        column=column,
        side=side_name,  # type: ignore[arg-type]
        anchor_line=anchor,
        old_ident=display_id(old_ident) if old_ident is not None else None,
    )


def version(side: Side) -> Version:
    problems = side.problems
    return Version(side.name, side.path, len(problems), problems[0] if problems else None)


def report(old: Side, new: Side, settings: DiffSettings) -> DiffReport:
    """Compare two sides and classify every difference into a :class:`DiffReport`."""
    # Comparing builds hundreds of thousands of small objects and no cycles worth
    # collecting: the collector would walk both models again and again.
    with paused_gc():
        cmp = compare(old, new)
        changes = classify(cmp, settings)
        found = impacts(cmp)
    return DiffReport(
        old=version(old),
        new=version(new),
        changes=tuple(changes),
        impacts=tuple(found),
        notes=tuple(cmp.notes),
        fail_on=settings.fail_on,
        tool_version=__version__,
    )


def default_settings(ignore: Iterable[str] = ()) -> DiffSettings:
    """Every check at its default level, nothing ignored, never failing."""
    from pomkit.changes.settings import resolve

    return resolve({code: c.level for code, c in registry().items()}, ignore=list(ignore))

"""Changes to KPIs (DIFF5xx): removed, id reused, target and frequency tightened or loosened."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pomkit.changes.checks._base import KPIS, edit
from pomkit.changes.compare import Comparison, Item, Pair, shown
from pomkit.changes.core import Found, check, lookalike_hint, removed
from pomkit.changes.records import Level
from pomkit.durations import Duration

#: What a KPI measures besides its name: when these change with the name, it is another KPI.
_MEASURE_KEYS = ("element", "category", "target.unit")


@check(
    "DIFF501",
    "kpi-removed",
    Level.BREAKING,
    "A KPI was removed.",
    new="kpis: []\n",
)
def kpi_removed(cmp: Comparison) -> Iterator[Found]:
    """A measure people reported on, set targets by and reviewed is gone: goals it measured
    are measured by less, and dashboards that showed it break."""
    for pair in removed(cmp, "kpi"):
        assert pair.old is not None
        ident = pair.old.ident
        goals = [g.id for g in cmp.old.model.strategy.goals if ident in g.kpis]
        own = pair.old.value("goal")
        if isinstance(own, str) and own not in goals:
            goals.append(own)
        more = f"; it measured {', '.join(repr(g) for g in goals)}" if goals else ""
        yield Found(
            pair,
            "removed",
            f"{pair.item.label} removed{more}",
            before=pair.ident,
            hint=lookalike_hint(cmp, pair),
        )


def _reused(pair: Pair) -> bool:
    if pair.old is None or pair.new is None or pair.delta("name") is None:
        return False
    return any(pair.delta(key) is not None for key in _MEASURE_KEYS)


@check(
    "DIFF502",
    "kpi-id-reused",
    Level.BREAKING,
    "A KPI's id now stands for a different measure.",
    new=edit(
        edit(KPIS, "name: Weekly active teams", "name: Monthly revenue"),
        "value: 500, unit: teams",
        "value: 20000, unit: EUR",
    ),
)
def kpi_id_reused(cmp: Comparison) -> Iterator[Found]:
    """The same id, another measure: the name changed together with what it measures (its
    element, category or unit). Every history, dashboard and reference under that id
    now means something else; give the new measure a new id."""
    for pair in cmp.of("kpi"):
        if not _reused(pair):
            continue
        name = pair.delta("name")
        assert name is not None
        changed = [key for key in _MEASURE_KEYS if pair.delta(key) is not None]
        yield Found(
            pair,
            "changed",
            f"{pair.item.label} now measures {shown(name.after)!r} instead of "
            f"{shown(name.before)!r} ({', '.join(changed)} changed too)",
            "name",
            name.before,
            name.after,
            hint="keep ids stable: add the new measure under a new id and remove the old one",
            claims=("element", "category"),
        )


def _target(item: Item) -> dict[str, Any] | None:
    value = item.value("target.value")
    if value is None:
        return None
    return {
        "op": item.value("target.op"),
        "value": value,
        "unit": item.value("target.unit"),
    }


def _target_text(target: dict[str, Any] | None) -> str:
    if target is None:
        return "no target"
    unit = f" {target['unit']}" if target["unit"] else ""
    return f"{target['op']} {target['value']}{unit}"


def _direction(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    if before is None:
        return "tightened: a target is set"
    if after is None:
        return "loosened: the target is dropped"
    if before["op"] != after["op"] or before["unit"] != after["unit"]:
        return "changed"
    op, old, new = after["op"], before["value"], after["value"]
    if op in (">=", ">"):
        return "tightened" if new > old else "loosened"
    if op in ("<=", "<"):
        return "tightened" if new < old else "loosened"
    return "changed"


@check(
    "DIFF503",
    "kpi-target-changed",
    Level.NOTABLE,
    "A KPI's target changed: tightened or loosened.",
    new=edit(KPIS, "value: 500", "value: 600"),
)
def kpi_target_changed(cmp: Comparison) -> Iterator[Found]:
    """The bar the owner is measured against moved. The message says which way: a higher
    minimum (`>=`) or a lower maximum (`<=`) is tightened, the reverse is loosened, and a
    target set or dropped counts as tightened or loosened."""
    for pair in cmp.of("kpi"):
        if pair.old is None or pair.new is None or not pair.under("target"):
            continue
        before, after = _target(pair.old), _target(pair.new)
        if before == after:
            continue
        yield Found(
            pair,
            "changed",
            f"{pair.item.label}: target {_target_text(before)} → {_target_text(after)} "
            f"({_direction(before, after)})",
            "target",
            before,
            after,
            claims=tuple(d.key for d in pair.under("target")),
        )


@check(
    "DIFF504",
    "kpi-frequency-changed",
    Level.NOTABLE,
    "How often a KPI is measured changed: tightened or loosened.",
    new=edit(KPIS, "frequency: weekly", "frequency: monthly"),
)
def kpi_frequency_changed(cmp: Comparison) -> Iterator[Found]:
    """Measured more often is tightened (problems show sooner), less often is loosened;
    durations compare by length, so `weekly` to `7d` is no change."""
    for pair in cmp.of("kpi"):
        delta = pair.delta("frequency")
        if delta is None:
            continue
        before, after = delta.before, delta.after
        if isinstance(before, Duration) and isinstance(after, Duration):
            how = "loosened: measured less often" if after > before else "tightened"
        elif after is None:
            how = "loosened: no longer measured on a schedule"
        else:
            how = "tightened: now measured on a schedule"
        yield Found(
            pair,
            "changed",
            f"{pair.item.label}: frequency {shown(before)} → {shown(after)} ({how})",
            "frequency",
            before,
            after,
        )

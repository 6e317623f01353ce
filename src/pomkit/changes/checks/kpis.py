"""Changes to KPIs (DIFF5xx): removed, id reused, target and frequency tightened or loosened."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from pomkit.changes.checks._base import KPIS, edit
from pomkit.changes.compare import Comparison, Item, Pair, shown
from pomkit.changes.core import Found, check, lookalike_hint, removed
from pomkit.changes.records import Level
from pomkit.domain.holes import UNKNOWN
from pomkit.domain.inference import KPIS as KPIS_VOCABULARY
from pomkit.domain.inference import Reading, kpi_category
from pomkit.domain.text import unit_text
from pomkit.durations import DAY, HOUR, MINUTE, MONTH, QUARTER, WEEK, YEAR, Duration
from pomkit.model import Kpi, KpiCategory


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


def _category(item: Item) -> Reading[KpiCategory] | None:
    """The KPI's effective category: written, or read from its id or name exactly as
    :func:`pomkit.domain.inference.kpi_category` reads it (``None``: it cannot be read)."""
    written, name = item.get("category"), item.get("name")
    if written is UNKNOWN or (written is None and name is UNKNOWN):
        return None
    if item.view is not None and isinstance(item.view.item, Kpi):
        return kpi_category(item.view.item)
    # A KPI that failed to load: the same reading, from the fields that can be read.
    if written is not None:
        return Reading(written, "declared")
    found = KPIS_VOCABULARY.infer(item.ident, name if isinstance(name, str) else None)
    return Reading(found, "inferred" if found is not None else "none")


def _category_change(pair: Pair) -> tuple[Reading[KpiCategory], Reading[KpiCategory]] | None:
    if pair.old is None or pair.new is None:
        return None
    before, after = _category(pair.old), _category(pair.new)
    if before is None or after is None or before.value == after.value:
        return None
    return before, after


def _reading(found: Reading[KpiCategory]) -> str:
    return found.value.value if found.value is not None else "none"


def _measure_changes(pair: Pair) -> list[str]:
    """What else changed with the name: element, category (written or read), unit."""
    out = []
    element = pair.delta("element")
    if element is not None:
        out.append(f"element ({shown(element.before)} → {shown(element.after)})")
    category = _category_change(pair)
    if category is not None:
        before, after = category
        read = ", read from the id or name" if before.inferred or after.inferred else ""
        out.append(f"category ({_reading(before)} → {_reading(after)}{read})")
    unit = pair.delta("target.unit")
    if unit is not None:
        out.append(f"unit ({shown(unit.before)} → {shown(unit.after)})")
    return out


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
    """The same id, another measure: the name changed together with what it measures — its
    element, its category or its unit. The category is the effective one: written, or
    read from the id or name when it is not written (see "Types and categories read from
    names" in the README), so renaming "Median days to paid" to "Churned accounts per
    month" moves the KPI into `retention` and is caught. Every history, dashboard and
    reference under that id now means something else; give the new measure a new id."""
    for pair in cmp.of("kpi"):
        name = pair.delta("name")
        if name is None:
            continue
        changed = _measure_changes(pair)
        if not changed:
            continue
        yield Found(
            pair,
            "changed",
            f"{pair.item.label} now measures {shown(name.after)!r} instead of "
            f"{shown(name.before)!r}: its {' and '.join(changed)} changed too",
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
    value, shown = target["value"], target["unit"]
    if shown and isinstance(value, int | float):
        shown = unit_text(value, shown)  # `<= 1 hour`, as the playbook writes it
    unit = f" {shown}" if shown else ""
    return f"{target['op']} {value}{unit}"


#: Units of time a target may be written in (any case, singular or plural), in seconds.
_TIME_UNITS: dict[str, float] = {
    **dict.fromkeys(("ms", "msec", "millisecond", "milliseconds"), 0.001),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), MINUTE),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), HOUR),
    **dict.fromkeys(("d", "day", "days"), DAY),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), WEEK),
    **dict.fromkeys(("mo", "month", "months"), MONTH),
    **dict.fromkeys(("q", "quarter", "quarters"), QUARTER),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), YEAR),
}
_PERCENT = frozenset({"%", "percent", "per cent", "pct"})
#: Each comparison as the range of values that meet it: (low, low included, high,
#: high included).
_RANGES: dict[str, Callable[[float], tuple[float, bool, float, bool]]] = {
    ">=": lambda v: (v, True, math.inf, False),
    ">": lambda v: (v, False, math.inf, False),
    "<=": lambda v: (-math.inf, False, v, True),
    "<": lambda v: (-math.inf, False, v, False),
    "==": lambda v: (v, True, v, True),
}


def _unit(unit: Any) -> tuple[str, float] | None:
    """A unit as a dimension and a factor to its common unit: durations in seconds,
    ``%`` and ``percent`` alike, any other unit as itself (case aside)."""
    if unit is None:
        return "", 1
    if not isinstance(unit, str):
        return None
    text = " ".join(unit.casefold().split())
    if text in _TIME_UNITS:
        return "time", _TIME_UNITS[text]
    if text in _PERCENT:
        return "percent", 1
    return text, 1


def _range(target: dict[str, Any]) -> tuple[str, tuple[float, bool, float, bool]] | None:
    unit, value, op = _unit(target["unit"]), target["value"], target["op"]
    if unit is None or op not in _RANGES or isinstance(value, bool):
        return None
    if not isinstance(value, (int, float)):
        return None
    dimension, factor = unit
    return dimension, _RANGES[op](value * factor)


def _within(inner: tuple[float, bool, float, bool], outer: tuple[float, bool, float, bool]) -> bool:
    """Whether every value in the range ``inner`` is in ``outer``."""
    low, low_in, high, high_in = inner
    out_low, out_low_in, out_high, out_high_in = outer
    low_ok = out_low < low or (out_low == low and (out_low_in or not low_in))
    high_ok = high < out_high or (high == out_high and (out_high_in or not high_in))
    return low_ok and high_ok


def target_direction(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """Which way a target moved: ``tightened``, ``loosened``, ``same`` or ``changed``.

    A target is the range of values that meet it (``>= 45``: 45 and above; ``< 14 days``:
    anything under two weeks). NEW's range inside OLD's is tightened, OLD's inside NEW's
    is loosened, equal ranges are the same target written another way (``21 days`` and
    ``3 weeks``); anything else — ``<=`` to ``>=``, another kind of unit — is ``changed``.
    Durations compare in seconds, ``%`` and ``percent`` alike; a target set is tightened,
    a target dropped loosened.
    """
    if before is None and after is None:
        return "same"
    if before is None:
        return "tightened: a target is set"
    if after is None:
        return "loosened: the target is dropped"
    old, new = _range(before), _range(after)
    if old is None or new is None or old[0] != new[0]:
        return "changed"
    if old[1] == new[1]:
        return "same"
    if _within(new[1], old[1]):
        return "tightened"
    if _within(old[1], new[1]):
        return "loosened"
    return "changed"


@check(
    "DIFF503",
    "kpi-target-changed",
    Level.NOTABLE,
    "A KPI's target changed: tightened or loosened.",
    new=edit(KPIS, "value: 500", "value: 600"),
)
def kpi_target_changed(cmp: Comparison) -> Iterator[Found]:
    """The bar the owner is measured against moved. The message says which way, whenever
    that can be worked out: a target is the range of values that meet it, and a range
    that NEW narrows is tightened, one it widens is loosened — a higher minimum (`>= 45`
    → `>= 50`), a strict comparison for a loose one (`>= 45` → `> 45`), a lower maximum
    in other units (`<= 21 days` → `< 2w`). Durations compare by length and `%` equals
    `percent`. A target set or dropped counts as tightened or loosened. Only targets that
    cannot be compared — `<=` turned into `>=`, days into percent — say "changed"; the
    same target written in other units (`21 days` → `3 weeks`) is no tightening, and
    its fields' change is information (DIFF005)."""
    for pair in cmp.of("kpi"):
        if pair.old is None or pair.new is None or not pair.under("target"):
            continue
        before, after = _target(pair.old), _target(pair.new)
        how = target_direction(before, after)
        if before == after or how == "same":
            continue
        yield Found(
            pair,
            "changed",
            f"{pair.item.label}: target {_target_text(before)} → {_target_text(after)} ({how})",
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

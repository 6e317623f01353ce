"""How messages name things: lists of ids, plurals."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: How many ids a message lists before it says "and N more".
LIST_LIMIT = 5


def names(ids: Iterable[str], limit: int = LIST_LIMIT) -> str:
    """``'a', 'b' and 'c'`` — ids quoted in the order given, repeats dropped, long lists cut
    (``'a', 'b', 'c' and 3 more``)."""
    items = list(dict.fromkeys(ids))
    quoted = [f"'{i}'" for i in items[:limit]]
    if len(items) > limit:
        return f"{', '.join(quoted)} and {len(items) - limit} more"
    if len(quoted) <= 1:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``word`` for one, ``many`` (default ``word + 's'``) otherwise — without the number."""
    return word if count == 1 else (many or f"{word}s")


def cycle_text(cycle: list[str], noun: str = "items", limit: int = 8) -> str:
    """``a → b → c → a`` — a cycle back to its start, long ones shortened with ``…``
    and counted (``(12 tiers)``)."""
    head = cycle[0]
    if len(cycle) > limit:
        return " → ".join([*cycle[:limit], "…", head]) + f" ({len(cycle)} {noun})"
    return " → ".join([*cycle, head])


#: Where a unit's noun ends: ``deployments per day``, ``points (1 to 5)``, ``out of 5``.
_UNIT_HEAD = re.compile(r"^(.*?)(?= per | of | \(|/|$)")
_SINGULAR_AS_IS = frozenset({"news", "series", "species", "lens", "means", "gas", "bus"})


def singular(word: str) -> str:
    """The singular of a regular English plural (``hours`` → ``hour``), else ``word``."""
    if (
        not word.isascii()
        or not word.isalpha()
        or not word.islower()
        or len(word) < 3
        or word in _SINGULAR_AS_IS
        or not word.endswith("s")
        or word.endswith(("ss", "us", "is"))
    ):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1]


def unit_text(value: float, unit: str) -> str:
    """A measure's unit as read after ``value``: its noun singular for exactly one
    (``1 hour``, ``1 deployment per day``), as written otherwise."""
    if value != 1:
        return unit
    head = _UNIT_HEAD.match(unit)
    noun = head.group(1) if head else unit
    words = noun.split(" ")
    if not words[-1]:
        return unit
    words[-1] = singular(words[-1])
    return " ".join(words) + unit[len(noun) :]

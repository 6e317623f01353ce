"""How messages name things: lists of ids, plurals."""

from __future__ import annotations

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

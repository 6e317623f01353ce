"""The second version of a model for benchmarks: a share of its items changed.

``mutate(text, share, seed)`` edits the text of a model the way a pull request would, line
by line (no YAML round trip, so everything else stays byte for byte): of ``share`` of the
id-bearing items, chosen at random, 60% are edited in one field (a count, a duration, a
cadence, a target, a name), 20% removed and 20% added as a copy under a new id.

Shared by ``bench/generate.py --changed`` (which writes the second version beside the
first) and ``bench/diff.py`` (which times ``pomkit diff`` on the pair). The module has no
side effects at import, so scripts and tests load it from its path.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

#: The start of an id-bearing list item (block or flow style), or of a handoff.
_ITEM = re.compile(r"^(?P<indent> *)- (?:\{)?(?:id|from): ?(?P<id>[^,}\s]*)")
#: Field edits, tried in order on an item's lines: (pattern, replacement function).
_EDITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(people: )(\d+)"), "count"),
    (re.compile(r"(response_time: )(\S+)"), "duration"),
    (re.compile(r"(resolution_time: )(\S+)"), "duration"),
    (re.compile(r"(cadence: )(\S+)"), "cadence"),
    (re.compile(r"(frequency: )(\S+)"), "cadence"),
    (re.compile(r"(value: )(\d+(?:\.\d+)?)"), "count"),
    (re.compile(r"((?:name|title|activity|statement|artifact): )([^>|'\"\n][^\n]*)"), "text"),
)


def items(lines: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first line, end line, id) of every id-bearing list item and handoff in the text."""
    starts = []
    for number, line in enumerate(lines):
        match = _ITEM.match(line)
        if match:
            starts.append((number, len(match["indent"]), match["id"]))
    out = []
    for start, indent, ident in starts:
        end = start + 1
        while end < len(lines):
            text = lines[end]
            if text.strip() and len(text) - len(text.lstrip(" ")) <= indent:
                break
            end += 1
        out.append((start, end, ident))
    return out


def _edited(line: str, rng: random.Random) -> str | None:
    for pattern, how in _EDITS:
        match = pattern.search(line)
        if match is None:
            continue
        head, value = match[1], match[2]
        if how == "count":
            number = float(value) if "." in value else int(value)
            new = str(number + 1 + rng.randrange(3))
        elif how == "duration":
            new = rng.choice(["12h", "3d", "P1W", "30min"])
            if new == value:
                new = "2d"
        elif how == "cadence":
            new = "monthly" if value != "monthly" else "weekly"
        else:
            new = value.rstrip() + " (revised)"
        return line[: match.start()] + head + new + line[match.end() :]
    return None


def mutate(text: str, share: float = 0.01, seed: int = 0) -> tuple[str, dict[str, int]]:
    """NEW from OLD: ``share`` of the id-bearing items changed — 60% edited in one field,
    20% removed, 20% added (a copy under a new id). Returns the text and the counts."""
    rng = random.Random(seed)
    lines = text.split("\n")
    found = items(lines)
    # Nested items (a stage inside lifecycle) are listed once each; only leaf items change.
    chosen = sorted(rng.sample(found, max(1, round(len(found) * share))), reverse=True)
    counts = {"items": len(found), "edited": 0, "removed": 0, "added": 0}
    for start, end, ident in chosen:
        roll = rng.random()
        if roll < 0.6:
            for number in range(start, end):
                new = _edited(lines[number], rng)
                if new is not None:
                    lines[number] = new
                    counts["edited"] += 1
                    break
            else:
                roll = 0.7
        if 0.6 <= roll < 0.8:
            del lines[start:end]
            counts["removed"] += 1
        elif roll >= 0.8:
            copy = lines[start:end]
            if ident:
                copy[0] = copy[0].replace(ident, f"{ident}-copy", 1)
            lines[end:end] = copy
            counts["added"] += 1
    return "\n".join(lines), counts


def parse_share(text: str) -> float:
    """A share as the command line writes it: ``1%`` or ``0.01`` (more than 0, at most 1)."""
    value = text.strip()
    try:
        share = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a share: write 1% or 0.01") from None
    if not 0 < share <= 1:
        raise ValueError(f"{text!r} is not a share between 0 (excluded) and 100%")
    return share

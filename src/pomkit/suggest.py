"""Did-you-mean: the closest known name to a misspelt one, fast enough for thousands.

Ranking, in order:

1. the same name up to case, ``_`` and spaces (``Product_Owner`` → ``product-owner``);
2. the closest name by edit similarity (rapidfuzz's ``ratio``, the normalised
   Indel similarity difflib also computes), when it is at least :data:`CUTOFF`:
   ``booking-team-desginer`` → ``booking-team-designer``, not ``booking-team``;
3. only when nothing is that close, the one name that the word is a prefix of or
   that is a prefix of the word (``retro`` → ``retrospective``).

rapidfuzz compares in C, so a file with a thousand misspelt references among a
thousand ids costs milliseconds rather than the minute difflib took.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The least similarity (0–100) for a suggestion by spelling.
CUTOFF = 60.0


def _normal(word: str) -> str:
    return word.lower().replace("_", "-").replace(" ", "-")


def nearest(word: str, choices: Sequence[str]) -> str | None:
    """The closest of ``choices`` to ``word``, or ``None`` when none is close."""
    if not choices or not word:
        return None
    wanted = _normal(word)
    lowered = [c.lower() for c in choices]
    for choice, low in zip(choices, lowered, strict=True):
        if low == wanted:
            return choice
    # Imported here: most runs need no suggestion, and start-up counts (see suggest's doc).
    from rapidfuzz import fuzz, process

    found = process.extractOne(wanted, lowered, scorer=fuzz.ratio, score_cutoff=CUTOFF)
    if found is not None:
        return choices[found[2]]
    if len(wanted) >= 3:
        within = [
            c
            for c, low in zip(choices, lowered, strict=True)
            if low.startswith(wanted) or wanted.startswith(low)
        ]
        if len(within) == 1:
            return within[0]
    return None

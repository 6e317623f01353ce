"""Escaping the model's text for Markdown (GFM) and Mermaid, the anchors of sections, and
how a unit reads after its number (``1 hour``, not ``1 hours``).

User text is never trusted: Markdown escaping keeps a value from opening a heading,
a list, a link, raw HTML or an extra table column; Mermaid escaping writes every
character that Mermaid's grammar or its HTML labels could read as syntax as a Mermaid
entity (``#35;``), so a label can neither break the diagram nor inject into it.
"""

from __future__ import annotations

import re

from pomkit.markdown import BREAKS, clean

_ANCHOR = re.compile(r"[^a-z0-9-]+")

#: The prefix of each kind's anchors (``role-pm``); kinds not listed use their own name.
ANCHOR_PREFIX: dict[str, str] = {
    "feedback": "loop",
    "responsibility": "activity",
}


def anchor(kind: str, ident: str) -> str:
    """The stable section id of an item: ``anchor("role", "pm") == "role-pm"``."""
    prefix = ANCHOR_PREFIX.get(kind, kind)
    return f"{prefix}-{_ANCHOR.sub('-', ident.lower()).strip('-') or 'x'}"


#: Characters kept as they are in a Mermaid label; everything else becomes ``#N;``.
_MERMAID_SAFE = re.compile(r"[^\w .,:/()'?+=@-]", re.UNICODE)


def mermaid_label(text: object, limit: int | None = None) -> str:
    """A value as the inside of a quoted Mermaid label (``n1["…"]``).

    Every character outside letters, digits, spaces and plain punctuation is written
    as a Mermaid entity (``#60;`` for ``<``), which Mermaid decodes after parsing, so
    quotes, brackets, pipes, ``%%`` directives, markdown-string backticks and HTML all
    stay text.
    """
    flat = " ".join(BREAKS.sub(" ", clean(str(text))).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return _MERMAID_SAFE.sub(lambda m: f"#{ord(m.group(0))};", flat)

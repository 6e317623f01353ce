"""Escaping the model's text for Markdown (GFM) and Mermaid, and the anchors of sections.

User text is never trusted: Markdown escaping keeps a value from opening a heading,
a list, a link, raw HTML or an extra table column; Mermaid escaping writes every
character that Mermaid's grammar or its HTML labels could read as syntax as a Mermaid
entity (``#35;``), so a label can neither break the diagram nor inject into it.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Characters that could start or shape Markdown syntax anywhere in a line (GFM adds
#: ``|`` for tables, ``~`` for strike-through and ``$`` for math on GitHub).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!$])")
#: What would start a block when it opens a line (list, quote, heading, setext, thematic).
_MD_LEADING = re.compile(r"^(\s*)([-+=]|\d{1,9}(?=[.)](?:\s|$)))")
_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
#: C0/C1 controls (tab and newline are handled apart) and bidirectional overrides,
#: which could hide or reorder text in a rendered page.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_ANCHOR = re.compile(r"[^a-z0-9-]+")

#: The prefix of each kind's anchors (``role-pm``); kinds not listed use their own name.
ANCHOR_PREFIX: dict[str, str] = {
    "feedback": "loop",
    "responsibility": "activity",
}


def clean(text: str) -> str:
    """``text`` without control characters, bidi overrides or lone surrogates."""
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text)).replace("\t", " ")


def clean_surrogates(text: str) -> str:
    """``text`` with lone surrogates (which cannot be written as UTF-8) as U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    return text


def anchor(kind: str, ident: str) -> str:
    """The stable section id of an item: ``anchor("role", "pm") == "role-pm"``."""
    prefix = ANCHOR_PREFIX.get(kind, kind)
    return f"{prefix}-{_ANCHOR.sub('-', ident.lower()).strip('-') or 'x'}"


#: Text with nothing to escape (the common case, returned as it is).
_MD_PLAIN = re.compile(
    r"[^\\`*_\[\]<>|~#&!$\r\n\t\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
    r"\u2066-\u2069\ud800-\udfff]*"
)


def md_inline(text: object) -> str:
    """A value as inline GFM text that renders as itself, on one line.

    Safe in a paragraph, a list item, a heading and a table cell: Markdown punctuation
    is backslash-escaped, line breaks become ``<br>``, so no value can add a table
    column, open a block, a link, a code span or raw HTML (``<!--`` included).
    """
    value = str(text)
    if _MD_PLAIN.fullmatch(value) and not _MD_LEADING.match(value):
        return value
    return _md_inline(value)


@lru_cache(maxsize=65536)
def _md_inline(text: str) -> str:
    lines = _BREAKS.split(clean(text))
    out = []
    for line in lines:
        escaped = _MD_SPECIAL.sub(r"\\\1", line)
        escaped = _MD_LEADING.sub(_escape_leading, escaped)
        out.append(escaped)
    return "<br>".join(out)


def _escape_leading(match: re.Match[str]) -> str:
    space, mark = match.group(1), match.group(2)
    if mark.isdigit():
        # "1. text" and "1) text" start an ordered list: escape the delimiter instead.
        return f"{space}{mark}\\"
    return f"{space}\\{mark}"


#: Characters kept as they are in a Mermaid label; everything else becomes ``#N;``.
_MERMAID_SAFE = re.compile(r"[^\w .,:/()'?+=@-]", re.UNICODE)


def mermaid_label(text: object, limit: int | None = None) -> str:
    """A value as the inside of a quoted Mermaid label (``n1["…"]``).

    Every character outside letters, digits, spaces and plain punctuation is written
    as a Mermaid entity (``#60;`` for ``<``), which Mermaid decodes after parsing, so
    quotes, brackets, pipes, ``%%`` directives, markdown-string backticks and HTML all
    stay text.
    """
    flat = " ".join(_BREAKS.sub(" ", clean(str(text))).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return _MERMAID_SAFE.sub(lambda m: f"#{ord(m.group(0))};", flat)

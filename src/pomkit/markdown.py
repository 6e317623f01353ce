"""Markdown (GFM) that renders as the text it was given: one escaping for every format.

The playbook (``pomkit report --format md``) and the pull-request comment of
``pomkit diff --format md`` print the model's text — which is never trusted — into
headings, list items and table cells. :func:`md_inline` keeps a value from opening a
heading, a list, a link, raw HTML or an extra table column, on one line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pomkit.lines import TEXT_BREAK

#: Characters that could start or shape Markdown syntax anywhere in a line (GFM adds
#: ``|`` for tables, ``~`` for strike-through and ``$`` for math on GitHub).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!$])")
#: What would start a block when it opens a line (list, quote, heading, setext, thematic).
_MD_LEADING = re.compile(r"^(\s*)([-+=]|\d{1,9}(?=[.)](?:\s|$)))")
#: Where a value's displayed text breaks (each becomes ``<br>``, or a space when flattened).
BREAKS = TEXT_BREAK
#: C0/C1 controls (tab and newline are handled apart) and bidirectional overrides,
#: which could hide or reorder text in a rendered page.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


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
    lines = BREAKS.split(clean(text))
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

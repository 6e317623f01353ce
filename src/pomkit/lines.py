"""Line breaks: where a line of a file ends, for every position pomkit reports.

One definition, shared by the loader (positions of nodes and of parser errors),
the excerpts reporters quote, ``# pomkit:`` comments, and ``pomkit init``: a line
ends at CR LF, CR or LF. That is what editors, GitHub and SARIF viewers number,
and what YAML 1.2 counts.

YAML 1.1 also ended lines at NEL (U+0085), LINE SEPARATOR (U+2028) and
PARAGRAPH SEPARATOR (U+2029), and both parsers pomkit uses still do in places
(libyaml everywhere; ruamel ends comments and plain scalars there). A file holding
one would be numbered differently by the parser than by the editor, and a comment
would end in the middle of an editor line. :func:`for_parser` hides these three
characters from the parser so that it reads the text as YAML 1.2 does and numbers
its lines as editors do.

Displayed text is another matter: :data:`TEXT_BREAK` is every character a
renderer may show as a new line, which a value printed on one line must not hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Where a line of a file ends: CR LF, CR or LF (not ``str.splitlines``, which also
#: splits at VT, FF, FS, GS, RS, NEL, U+2028 and U+2029).
LINE_BREAK = re.compile(r"\r\n|[\r\n]")
#: Characters YAML 1.1 parsers take as line breaks that editors and YAML 1.2 do not.
LEGACY_BREAKS = "\x85\u2028\u2029"
#: Where *displayed* text breaks: the line breaks above, and the characters Unicode
#: makes mandatory breaks (UAX #14: VT, FF, NEL, U+2028, U+2029). A value shown on
#: one line (a table cell, a heading) has these replaced.
TEXT_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")

_LINE_WITH_END = re.compile(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+\Z")


def split_lines(text: str, *, keepends: bool = False) -> list[str]:
    """The lines of ``text``, as editors number them (line ``n`` is item ``n - 1``).

    Without ``keepends`` a text ending in a line break has an empty last line
    (``"a\\n"`` gives ``["a", ""]``); with it, each line keeps its break and no
    empty last line is added (``["a\\n"]``), as :meth:`str.splitlines` does.
    """
    if keepends:
        return _LINE_WITH_END.findall(text)
    return LINE_BREAK.split(text)


def count_breaks(text: str) -> int:
    """How many line breaks ``text`` holds (a CR LF pair is one)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the character at ``index`` of ``text``.

    Columns count code points, as the YAML parsers' marks do.
    """
    index = max(0, min(index, len(text)))
    before = text[:index]
    line = count_breaks(before) + 1
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return line, index - start + 1


def char_index(text: str, byte_offset: int) -> int:
    """The index in ``text`` of the character at ``byte_offset`` of its UTF-8 encoding."""
    return len(text.encode("utf-8", "surrogatepass")[:byte_offset].decode("utf-8", "ignore"))


@dataclass(frozen=True)
class ParserText:
    """Text for a YAML parser in which only CR and LF can break a line.

    ``text`` has the same length as the original and the same characters at the same
    indexes, except that NEL, U+2028 and U+2029 are replaced by private-use
    characters that the original neither holds nor writes as a ``\\u`` escape. The
    parser's line and column marks are then those of an editor, and
    :meth:`restore` puts the original characters back into what the parser read.
    """

    text: str
    #: Placeholder code point → the character it stands for; empty when none was needed.
    table: dict[int, str] = field(default_factory=dict)

    def restore(self, value: str) -> str:
        """``value`` (a scalar, a key, a message) with the original characters back."""
        return value.translate(self.table) if self.table else value


#: Where placeholders are taken from: the private-use areas, printable for both parsers.
_PRIVATE_USE = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE))
_PRIVATE_CHAR = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd]")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))")


def for_parser(text: str) -> ParserText:
    """``text`` as a YAML parser should read it: see :class:`ParserText`."""
    present = [char for char in LEGACY_BREAKS if char in text]
    if not present:
        return ParserText(text)
    # One pass each over the text, whatever it holds: no placeholder may be a
    # character it has, or one that an escape in a quoted scalar produces.
    taken = {ord(char) for char in set(_PRIVATE_CHAR.findall(text))}
    taken.update(int(short or long, 16) for short, long in _ESCAPE.findall(text))
    free = (point for area in _PRIVATE_USE for point in area if point not in taken)
    forward: dict[int, int] = {}
    for char in present:
        point = next(free, None)
        if point is None:  # every candidate is taken: only a crafted file gets here
            return ParserText(text)
        forward[ord(char)] = point
    return ParserText(text.translate(forward), {point: chr(c) for c, point in forward.items()})

"""The human format: findings grouped per file, each with its source line and a caret."""

from __future__ import annotations

import io
import re
from functools import cache
from typing import Any

from pomkit.findings import FileResult, Finding, Report, Severity, summarize
from pomkit.reporters.base import RenderOptions, hint_text, scrub

#: Styles by rich's style names; rich is imported only to colour (plain output, the
#: usual case in CI and pre-commit, needs no terminal library).
SEVERITY_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}
BOLD = "bold"
DIM = "dim"
FILE_STYLE = "bold underline"
GOOD = "bold green"

#: One output line: literal text pieces, each with its style (never parsed as markup).
Line = list[tuple[str, str | None]]

#: A tab in a quoted source line; the caret line is built from the same pieces.
_TAB = "    "
#: A quoted source line never shrinks below this many cells, however narrow the width.
_MIN_ROOM = 20
#: The token a caret underlines when the finding has no end column: a quoted
#: scalar, or a plain one up to a space or flow indicator.
_TOKEN = re.compile(r"""'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^\s,\[\]{}]+""")
_BIDI = [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]


def _escape_table() -> dict[int, str]:
    # The C0 and C1 control characters and DEL: Unicode category Cc.
    table = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]}
    table.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
    # Bidirectional controls could make a quoted line read differently from the file.
    table.update({c: f"\\u{c:04x}" for c in _BIDI})
    return table


_ESCAPES = _escape_table()


def printable(text: str) -> str:
    """``text`` on one line with control characters spelled out, so it cannot move the cursor."""
    return scrub(text).translate(_ESCAPES)


def render(report: Report, options: RenderOptions) -> str:
    """Render ``report`` for people; with ``quiet``, only one line per finding."""
    lines: list[Line] = []
    for result in report.files:
        if result.findings and not options.quiet:
            lines.append([(printable(result.file), FILE_STYLE)])
        for finding in result.findings:
            lines.append(_headline(finding))
            if not options.quiet:
                lines.extend(_details(result, finding, options.width))
                lines.append([])
    if not options.quiet:
        lines.append(_summary(report))
    return _print(lines, options)


def _print(lines: list[Line], options: RenderOptions) -> str:
    if not options.color:
        return "".join("".join(text for text, _ in line) + "\n" for line in lines)
    from rich.console import Console
    from rich.segment import Segment, Segments

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        color_system="standard" if options.color else None,
        force_terminal=options.color,
        no_color=not options.color,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=True,
        legacy_windows=False,
        force_jupyter=False,
        force_interactive=False,
    )
    # Ready-made segments: rich neither wraps them nor reads them as markup,
    # and skipping its text layout keeps thousands of findings fast.
    segments: list[Segment] = []
    for line in lines:
        segments.extend(Segment(text, _style(style)) for text, style in line)
        segments.append(Segment.line())
    console.print(Segments(segments), end="")
    return buffer.getvalue()


@cache
def _style(name: str | None) -> Any:
    from rich.style import Style

    return None if name is None else Style.parse(name)


def _headline(finding: Finding) -> Line:
    """``path:line:col CODE severity message``, the line editors make clickable."""
    style = SEVERITY_STYLES[finding.severity]
    return [
        (f"{printable(finding.file)}:{finding.line}:{finding.column}", BOLD),
        (" ", None),
        (printable(finding.code), style),
        (" ", None),
        (finding.severity.label, style),
        (" " + printable(finding.message), None),
    ]


def _details(result: FileResult, finding: Finding, width: int) -> list[Line]:
    """The offending source line with a caret under the finding, then the hint."""
    out: list[Line] = []
    source_line = result.line_text(finding.line)
    if source_line is not None:
        number = str(finding.line)
        gutter = f" {number} | "
        blank = f" {' ' * len(number)} | "
        room = max(width - len(gutter), _MIN_ROOM)
        shown, offset, caret = _snippet(source_line, finding.column, finding.end_column, room)
        out.append([(gutter, DIM), (shown, None)])
        style = SEVERITY_STYLES[finding.severity]
        out.append([(blank, DIM), (" " * offset, None), ("^" * caret, style)])
    hint = hint_text(finding)
    if hint:
        out.append([("    ", None), ("hint:", GOOD), (" " + printable(hint), None)])
    return out


def _summary(report: Report) -> Line:
    files = len(report.files)
    findings = report.findings
    if not findings:
        noun = "file" if files == 1 else "files"
        return [(f"No problems found in {files} {noun}.", GOOD)]
    style = SEVERITY_STYLES[Severity.ERROR if report.failed else Severity.WARNING]
    return [(f"Found {summarize(findings, files)}.", style)]


def _snippet(line: str, column: int, end_column: int | None, room: int) -> tuple[str, int, int]:
    """``line`` as shown (at most ``room`` cells), and the caret's offset and width in cells."""
    start = min(max(column, 1), len(line) + 1) - 1
    # Only the neighbourhood of the caret can be shown: never scan or measure a huge line.
    limit = start + room
    if end_column is not None and end_column > column:
        end = min(end_column - 1, len(line), limit)
    else:
        match = _TOKEN.match(line, start, limit)
        end = match.end() if match else start + 1
        if match and end - start > 1 and line[end - 1] == ":":
            end -= 1  # a mapping key, without its indicator
    end = max(end, start + 1)
    lo, hi = max(0, start - room), end + room
    chunk = line[lo:hi]
    if chunk.isascii() and chunk.isprintable():  # the common case: one cell per character
        pieces, cells = list(chunk), [1] * len(chunk)
    else:
        from rich.cells import cell_len

        pieces = [_TAB if ch == "\t" else printable(ch) for ch in chunk]
        cells = [cell_len(piece) for piece in pieces]
    offset = sum(cells[: start - lo])
    caret = max(sum(cells[start - lo : end - lo]), 1)
    cut_left, cut_right = lo > 0, hi < len(line)
    if not (cut_left or cut_right) and sum(cells) <= room:
        return "".join(pieces), offset, caret
    return _window(pieces, cells, offset, caret, room, cut_left, cut_right)


def _window(
    pieces: list[str],
    cells: list[int],
    offset: int,
    caret: int,
    room: int,
    cut_left: bool,
    cut_right: bool,
) -> tuple[str, int, int]:
    """Cut a long line to ``room`` cells around the caret, marking each cut with an ellipsis."""
    inner = room - 2
    # Keep a third of the room as context before the caret.
    first = max(0, offset - inner // 3)
    shown: list[str] = []
    used = skipped = position = 0
    for piece, width in zip(pieces, cells, strict=True):
        if position < first:
            skipped += width
        elif used + width <= inner:
            shown.append(piece)
            used += width
        else:
            break
        position += width
    left = "…" if cut_left or skipped else ""
    right = "…" if cut_right or used + skipped < sum(cells) else ""
    offset -= skipped
    caret = max(min(caret, used - offset), 1)
    return left + "".join(shown) + right, offset + len(left), caret

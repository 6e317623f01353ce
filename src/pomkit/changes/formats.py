"""Diff formats: text, Markdown for a pull-request comment, versioned JSON, GitHub annotations.

Each is a pure function of a :class:`~pomkit.changes.records.DiffReport`, registered in
:data:`FORMATS` (whose keys are the ``--format`` choices). User text is escaped for each
format: control characters spelled out in text, Markdown and HTML syntax in Markdown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from pomkit.changes.compare import KINDS, plural_label
from pomkit.changes.records import Change, DiffReport, Impact, Level, Version
from pomkit.markdown import md_inline

#: Bumped whenever a key of the JSON document is removed or changes meaning.
SCHEMA_VERSION = 1
#: The most a GitHub comment may hold; the Markdown stops short of it.
COMMENT_LIMIT = 65_536
#: Roles listed in the Markdown summary before the rest fold away.
IMPACT_SHOWN = 10

_GROUP_ORDER = ("model", *KINDS)


def _group(entity: str) -> str:
    return "the model" if entity == "model" else plural_label(entity)


# --------------------------------------------------------------------------- escaping

_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]}
_CONTROL.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_CONTROL.update({c: f"\\u{c:04x}" for c in [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F)]})
_CONTROL.update({c: f"\\u{c:04x}" for c in range(0x2066, 0x206A)})
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """Lone surrogates (which cannot be written as UTF-8) replaced with U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def printable(text: str) -> str:
    """One line, control and bidirectional characters spelled out (they could move the
    cursor or make a line read differently from the file)."""
    return scrub(text).translate(_CONTROL)


# Inline syntax only: a cell or list item never starts a line, so `-`, `+`, `.` and `#`
# cannot start a block there.
# --------------------------------------------------------------------------- text


def _where(change: Change) -> str:
    return f"{change.file}:{change.line}"


def _version_notes(report: DiffReport) -> list[str]:
    out = []
    for label, version in (("OLD", report.old), ("NEW", report.new)):
        if version.problems:
            # Say exactly what is counted: only what did not load, which is a subset of
            # what `pomkit validate` reports (it also runs the organisation rules).
            many = "error" if version.problems == 1 else "errors"
            out.append(
                f"{label} {version.name} has {version.problems} load or structure {many} "
                f"(POM001–POM012, POM1xx; first: {version.first_problem}); compared what "
                "loads, and nothing that failed to load is reported as removed"
            )
    return out + list(report.notes)


#: ANSI colours of the text format's markers and levels (``--color``): plain SGR codes,
#: so that colouring a diff needs no terminal library.
_MARKER_COLORS = {"+": "32", "-": "31", "~": "33"}
_LEVEL_COLORS = {Level.BREAKING: "1;31", Level.NOTABLE: "33", Level.INFO: "2"}


def _paint(text: str, sgr: str, color: bool) -> str:
    return f"\x1b[{sgr}m{text}\x1b[0m" if color else text


def render_text(report: DiffReport, color: bool = False) -> str:
    """Changes grouped by entity kind with ``+``/``-``/``~`` markers, the impact per role,
    and a summary line; with ``color``, the markers and levels are coloured (user text
    never is, and stays escaped)."""
    lines = [f"pomkit diff: {printable(report.old.name)} → {printable(report.new.name)}"]
    lines += [f"note: {printable(note)}" for note in _version_notes(report)]
    width = max((len(c.level.label) for c in report.changes), default=0)
    for entity in _GROUP_ORDER:
        group = [c for c in report.changes if c.entity == entity]
        if not group:
            continue
        lines += ["", _group(entity)]
        for change in group:
            marker = _paint(change.marker, _MARKER_COLORS[change.marker], color)
            level = _paint(f"{change.level.label:<{width}}", _LEVEL_COLORS[change.level], color)
            lines.append(
                f"  {marker} {change.code} {level}  "
                f"{printable(change.message)}  ({printable(_where(change))})"
            )
            if change.hint:
                lines.append(f"      hint: {printable(change.hint)}")
    if report.impacts:
        lines += ["", "impact by role"]
        lines += [f"  {printable(impact.summary())}" for impact in report.impacts]
    lines += ["", report.summary()]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- markdown


class _Budget:
    """Lines written while they fit under the comment limit, the rest counted."""

    def __init__(self, limit: int, reserve: int) -> None:
        self.lines: list[str] = []
        self.size = 0
        self.limit = limit - reserve
        self.full = False
        self.left_out = 0

    def add(self, line: str, *, required: bool = False) -> bool:
        if self.full and not required:
            return False
        cost = len(line) + 1
        if not required and self.size + cost > self.limit:
            self.full = True
            return False
        self.lines.append(line)
        self.size += cost
        return True


_TABLE_HEAD = ("| | code | change | where |", "|---|---|---|---|")


def _row(change: Change) -> str:
    marker = {"+": "\\+", "-": "−", "~": "\\~"}[change.marker]
    what = md_inline(change.message)
    if change.hint:
        what += f"<br>*{md_inline(change.hint)}*"
    return f"| {marker} | `{change.code}` | {what} | {md_inline(_where(change))} |"


def _impact_line(impact: Impact) -> str:
    return f"- {md_inline(impact.summary())}"


def render_markdown(report: DiffReport, limit: int = COMMENT_LIMIT) -> str:
    """A pull-request comment: summary and impact first, breaking changes in a table, the
    rest folded in ``<details>``; cut to ``limit`` characters with an "and N more" line."""
    closing = "</details>"
    budget = _Budget(limit, reserve=400)
    title = f"### pomkit diff: {md_inline(report.old.name)} → {md_inline(report.new.name)}"
    budget.add(title, required=True)
    budget.add("", required=True)
    budget.add(f"**{report.summary()}**", required=True)
    for note in _version_notes(report):
        budget.add("", required=True)
        budget.add(f"> **Note:** {md_inline(note)}", required=True)
    if report.impacts:
        budget.add("", required=True)
        budget.add("**Impact by role**", required=True)
        budget.add("", required=True)
        for impact in report.impacts[:IMPACT_SHOWN]:
            if not budget.add(_impact_line(impact)):
                budget.left_out += 1
    by_level = {
        level: [c for c in report.changes if c.level is level]
        for level in sorted(Level, reverse=True)
    }
    breaking = by_level.pop(Level.BREAKING)
    if breaking:
        budget.add("", required=True)
        budget.add(f"#### Breaking changes ({len(breaking)})", required=True)
        budget.add("", required=True)
        _table(budget, breaking)
    folds: list[tuple[str, list[Any], Callable[[Any], str]]] = [
        (f"Notable changes ({len(by_level[Level.NOTABLE])})", by_level[Level.NOTABLE], _row),
        (f"Information ({len(by_level[Level.INFO])})", by_level[Level.INFO], _row),
    ]
    if len(report.impacts) > IMPACT_SHOWN:
        rest = list(report.impacts[IMPACT_SHOWN:])
        folds.append((f"More roles ({len(rest)})", rest, _impact_line))
    for summary, items, line in folds:
        if not items:
            continue
        if budget.full:
            budget.left_out += len(items)
            continue
        budget.add("", required=True)
        budget.add(f"<details><summary>{summary}</summary>", required=True)
        budget.add("", required=True)
        if line is _row:
            _table(budget, items)
        else:
            for item in items:
                if not budget.add(line(item)):
                    budget.left_out += 1
        budget.add("", required=True)
        budget.add(closing, required=True)
    if budget.left_out:
        budget.add("", required=True)
        budget.add(
            f"… and {budget.left_out} more not shown here (the comment has a size limit); "
            "run `pomkit diff` for the whole list.",
            required=True,
        )
    return "\n".join(budget.lines) + "\n"


def _table(budget: _Budget, changes: list[Change]) -> None:
    if budget.full:
        budget.left_out += len(changes)
        return
    for line in _TABLE_HEAD:
        budget.add(line, required=True)
    for change in changes:
        if not budget.add(_row(change)):
            budget.left_out += 1


# --------------------------------------------------------------------------- json


def _version(version: Version) -> dict[str, Any]:
    return {
        "name": version.name,
        "path": version.path,
        "problems": version.problems,
        "first_problem": version.first_problem,
    }


def change_record(change: Change) -> dict[str, Any]:
    """One change as the JSON document writes it."""
    return {
        "code": change.code,
        "name": change.name,
        "level": change.level.label,
        "kind": change.kind,
        "entity": change.entity,
        "id": change.ident,
        "old_id": change.old_ident,
        "path": change.path,
        "before": change.before,
        "after": change.after,
        "message": change.message,
        "hint": change.hint,
        "file": change.file,
        "side": change.side,
        "line": change.line,
        "column": change.column,
        "anchor_line": change.anchor_line,
    }


def render_json(report: DiffReport) -> str:
    """The version-1 JSON document (see ``schemas/diff.schema.json``)."""
    counts = report.counts()
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "pomkit", "version": report.tool_version},
        "old": _version(report.old),
        "new": _version(report.new),
        "summary": {
            "changes": len(report.changes),
            "breaking": counts[Level.BREAKING],
            "notable": counts[Level.NOTABLE],
            "info": counts[Level.INFO],
            "failed": report.failed,
            "fail_on": report.fail_on.label if report.fail_on is not None else None,
        },
        "notes": _version_notes(report),
        "changes": [change_record(c) for c in report.changes],
        "impact": [
            {
                "role": impact.role,
                "status": impact.status,
                "old_role": impact.old_role,
                "gains": {aspect: list(ids) for aspect, ids in impact.gains},
                "losses": {aspect: list(ids) for aspect, ids in impact.losses},
                "summary": impact.summary(),
            }
            for impact in report.impacts
        ],
    }
    return scrub(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


# --------------------------------------------------------------------------- github

_COMMANDS = {Level.BREAKING: "error", Level.NOTABLE: "warning"}


def _data(text: str) -> str:
    return scrub(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: DiffReport) -> str:
    """``::error`` (breaking) and ``::warning`` (notable) workflow commands on NEW's lines,
    which GitHub shows on the pull request's diff; information is left out."""
    out = [f"::notice title=pomkit diff::{_data(note)}" for note in _version_notes(report)]
    path = report.new.path
    for change in report.changes:
        command = _COMMANDS.get(change.level)
        if command is None:
            continue
        properties = {"line": str(change.anchor_line), "title": f"{change.code} {change.name}"}
        if path is not None:
            properties = {"file": path.replace("\\", "/"), **properties}
        listed = ",".join(f"{key}={_property(value)}" for key, value in properties.items())
        message = change.message + (f" — hint: {change.hint}" if change.hint else "")
        out.append(f"::{command} {listed}::{_data(message)}")
    return "".join(line + "\n" for line in out)


#: Every diff format by its ``--format`` name: a pure function of the report.
FORMATS: dict[str, Callable[[DiffReport], str]] = {
    "text": render_text,
    "md": render_markdown,
    "json": render_json,
    "github": render_github,
}


def render(report: DiffReport, format: str, color: bool = False) -> str:
    """The report in ``format``; ``color`` colours the text format's markers and levels
    and is ignored by the other formats, which are read by programs."""
    if format == "text":
        return render_text(report, color=color)
    return FORMATS[format](report)

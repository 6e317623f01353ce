"""Findings: the frozen records every check produces and every reporter reads."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

# Re-exported: the lines a finding's ``line`` numbers (one definition, in pomkit.lines).
from pomkit.lines import split_lines as split_lines

PathPart = str | int
ModelPath = tuple[PathPart, ...]


class Severity(enum.IntEnum):
    """How much a finding matters; ordered so that ``>=`` compares levels."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read ``error``/``warning``/``info`` (any case); raise ``ValueError`` otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            allowed = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (allowed: {allowed})") from None


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place in one file.

    Ordered by file, position and code so that every output is stable.
    ``line`` and ``column`` are 1-based; ``path`` is the model path
    (``("roles", 3, "team")``) the problem is about, ``target`` the item a waiver
    would name.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    path: ModelPath = field(default=(), compare=False)
    hint: str | None = field(default=None, compare=False)
    #: Where the offending token ends on ``line`` (1-based, exclusive), when known.
    end_column: int | None = field(default=None, compare=False)
    #: What a waiver names to accept this finding: the typed reference of the item it is
    #: about (``role:cto``, ``handoff:pm/po``), or ``None`` when only ``*`` can.
    target: str | None = field(default=None, compare=False)

    @property
    def dotted_path(self) -> str:
        """The model path as users write it: ``roles[3].team``."""
        return format_path(self.path)


def format_path(path: Sequence[PathPart]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class RuleInfo:
    """What reporters need to know about a rule (SARIF metadata, JUnit names)."""

    code: str
    name: str
    severity: Severity
    summary: str
    description: str = ""


@dataclass(frozen=True)
class Suppressed:
    """A finding silenced on purpose, and what silenced it: an inline comment or a waiver."""

    finding: Finding
    #: ``comment`` (``# pomkit: ignore[...]`` or ``ignore-file``) or ``waiver``.
    by: Literal["comment", "waiver"]
    #: The waiver's reason (a comment gives none).
    reason: str | None = None
    #: Where the comment or waiver is written, ``file:line``, when known.
    at: str | None = None


def count_by_code(suppressed: Iterable[Suppressed]) -> dict[str, int]:
    """Rule code → how many findings of it were silenced, in code order."""
    counts = Counter(s.finding.code for s in suppressed)
    return {code: counts[code] for code in sorted(counts)}


@dataclass(frozen=True)
class FileResult:
    """Everything found in one file, and the fail level that applies to it."""

    file: str
    findings: tuple[Finding, ...] = ()
    #: The file's text, for reporters that quote the offending line; may be absent.
    source: str | None = field(default=None, repr=False, compare=False)
    #: Findings at or above this level fail the run (``None``: never); each file has the
    #: level of its own configuration.
    fail_on: Severity | None = Severity.ERROR
    #: Findings silenced by inline comments or waivers: not in ``findings``, never
    #: failing the run, but counted so that no report hides them.
    suppressed: tuple[Suppressed, ...] = field(default=(), compare=False)

    @property
    def suppressed_by_code(self) -> dict[str, int]:
        """Rule code → how many of its findings were silenced in this file."""
        return count_by_code(self.suppressed)

    @property
    def failed(self) -> bool:
        """True when a finding of this file is at or above its fail level."""
        return self.fail_on is not None and any(f.severity >= self.fail_on for f in self.findings)

    def line_text(self, line: int) -> str | None:
        """The text of 1-based ``line`` without its newline, if the source is known."""
        lines = self._lines
        return lines[line - 1] if 1 <= line <= len(lines) else None

    @cached_property
    def _lines(self) -> tuple[str, ...]:
        # Split once per file: reporters ask for a line per finding.
        return () if self.source is None else tuple(split_lines(self.source))


@dataclass(frozen=True)
class Report:
    """The result of one ``validate`` run, as every reporter receives it."""

    files: tuple[FileResult, ...]
    rules: tuple[RuleInfo, ...] = ()
    tool_version: str = ""
    #: Things the run wants its user to know that are not findings (a configuration
    #: file named as a model, say); the command line prints them to stderr.
    notes: tuple[str, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for result in self.files for f in result.findings)

    @property
    def suppressed(self) -> tuple[Suppressed, ...]:
        """Every silenced finding of the run (see :attr:`FileResult.suppressed`)."""
        return tuple(s for result in self.files for s in result.suppressed)

    def counts(self) -> Counter[Severity]:
        return Counter(f.severity for f in self.findings)

    @property
    def failed(self) -> bool:
        """True when a finding of some file is at or above that file's fail level."""
        return any(result.failed for result in self.files)

    @property
    def fail_on(self) -> Severity | None:
        """The strictest fail level of any file (``None`` when no file can fail)."""
        levels = [r.fail_on for r in self.files if r.fail_on is not None]
        return min(levels) if levels else (None if self.files else Severity.ERROR)

    def failing(self, finding: Finding) -> bool:
        """Whether ``finding`` is at or above the fail level of its own file."""
        for result in self.files:
            if result.file == finding.file:
                return result.fail_on is not None and finding.severity >= result.fail_on
        return False

    def rule(self, code: str) -> RuleInfo | None:
        for info in self.rules:
            if info.code == code:
                return info
        return None


def summarize(findings: Iterable[Finding], files: int) -> str:
    """``2 errors, 1 warning, 0 infos in 3 files`` — shared by text-like reporters."""
    counts = Counter(f.severity for f in findings)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    parts = [
        plural(counts[Severity.ERROR], "error"),
        plural(counts[Severity.WARNING], "warning"),
        plural(counts[Severity.INFO], "info"),
    ]
    return f"{', '.join(parts)} in {plural(files, 'file')}"

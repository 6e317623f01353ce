"""Suppressions and waivers: findings a team has decided, on purpose, not to act on.

Two ways, both visible in review:
- inline comments: ``# pomkit: ignore[POM301]`` on the offending line or the line
  above, ``# pomkit: ignore-file[POM4xx]`` in the comments at the top of the file;
- waivers as data: ``waivers: [{rule, target, reason, expires}]`` in the model or
  the configuration, for decisions that need a reason and an end date.

A suppression or waiver that matches nothing, and a waiver past its date, are
reported themselves (POM090–POM093) so that they cannot outlive their reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pomkit.findings import Finding, ModelPath
from pomkit.model import ID_KINDS

_DIRECTIVE = re.compile(r"(?:^|\s)#\s*pomkit:\s*(ignore|ignore-file)\s*\[([^\]]*)\]")
_CODE = re.compile(r"^POM\d{1,3}(?:x{1,2})?$|^POM\d{3}$", re.IGNORECASE)
_TARGET = re.compile(r"^(?:\*|[a-z][a-z-]*:[a-z0-9]+(?:-[a-z0-9]+)*)$")


def code_matches(pattern: str, code: str) -> bool:
    """``POM301`` matches itself; ``POM3xx``/``POM3`` match the family."""
    return code.startswith(pattern.upper().rstrip("X"))


@dataclass
class Directive:
    """One ``# pomkit: ignore[...]`` comment."""

    line: int
    column: int
    codes: list[str]
    whole_file: bool
    #: The lines it covers (its own, and the next one when the comment stands alone).
    covers: tuple[int, ...] = ()
    used: set[str] = field(default_factory=set)


@dataclass
class WaiverEntry:
    """A waiver from the model or the configuration, as the engine applies it."""

    rule: str
    target: str
    reason: str
    expires: dt.date | None
    #: Where it is written: a model path in the file, or the configuration file's name
    #: with the waiver's position in it (when known).
    path: ModelPath | None = None
    origin: str | None = None
    used: bool = False
    line: int | None = None
    column: int | None = None


@dataclass
class Outcome:
    """What suppression did: the findings kept and what to say about the directives."""

    kept: list[Finding]
    unused: list[tuple[Directive, str]]
    expired: list[WaiverEntry]
    unused_waivers: list[WaiverEntry]
    invalid: list[tuple[WaiverEntry, str]]
    bad_codes: list[tuple[Directive, str]]


def directives(text: str) -> list[Directive]:
    """The suppression comments of a file, found by scanning its lines."""
    found: list[Directive] = []
    if "pomkit:" not in text:
        return found
    lines = text.splitlines()
    header = True
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        is_comment = stripped.startswith("#")
        if stripped and not is_comment:
            header = False
        match = _DIRECTIVE.search(line)
        if match is None or not _outside_quotes(line[: match.start()]):
            continue
        codes = [c.strip() for c in match.group(2).split(",") if c.strip()]
        whole = match.group(1) == "ignore-file"
        if whole and not header:
            continue  # ignore-file counts only in the comments at the top
        covers = (number, number + 1) if is_comment else (number,)
        column = match.start() + (0 if line[match.start()] == "#" else 1) + 1
        found.append(Directive(number, column, codes, whole, covers))
    return found


def _outside_quotes(prefix: str) -> bool:
    return prefix.count('"') % 2 == 0 and prefix.count("'") % 2 == 0


def subject(path: ModelPath) -> str | None:
    """The typed reference of the item a model path is about (``role:pm``), if any."""
    best: str | None = None
    for kind, where in ID_KINDS.items():
        n = len(where)
        if tuple(path[:n]) == where and len(path) > n and isinstance(path[n], int):
            best = f"{kind}:#{path[n]}"
    return best


def apply(
    findings: Sequence[Finding],
    text: str,
    waivers: Sequence[WaiverEntry],
    ran: Iterable[str],
    ids_at: Mapping[str, str],
    today: dt.date,
    known: Iterable[str] = (),
) -> Outcome:
    """Split ``findings`` into kept and suppressed, and collect what went unused.

    ``ran`` are the codes that were checked (a suppression for a rule that did not
    run is not "unused"); ``ids_at`` maps ``kind:#index`` subjects to ``kind:id``;
    ``known`` are all rule codes (a code that names none is reported).
    """
    marks = directives(text)
    ran = set(ran)
    known = set(known) | ran
    by_line: dict[int, list[Directive]] = {}
    file_wide = [d for d in marks if d.whole_file]
    for mark in marks:
        if not mark.whole_file:
            for line in mark.covers:
                by_line.setdefault(line, []).append(mark)
    active: list[WaiverEntry] = []
    expired: list[WaiverEntry] = []
    invalid: list[tuple[WaiverEntry, str]] = []
    for waiver in waivers:
        problem = _waiver_problem(waiver, known)
        if problem:
            invalid.append((waiver, problem))
        elif waiver.expires is not None and waiver.expires < today:
            expired.append(waiver)
        else:
            active.append(waiver)
    kept: list[Finding] = []
    for finding in findings:
        if _suppressed(finding, by_line.get(finding.line, ()), file_wide, active, ids_at):
            continue
        kept.append(finding)
    unused: list[tuple[Directive, str]] = []
    bad_codes: list[tuple[Directive, str]] = []
    for mark in marks:
        for code in mark.codes:
            if not _CODE.match(code) or not any(code_matches(code, k) for k in known):
                bad_codes.append((mark, code))
            elif code not in mark.used and any(code_matches(code, r) for r in ran):
                unused.append((mark, code))
    unused_waivers = [w for w in active if not w.used]
    return Outcome(kept, unused, expired, unused_waivers, invalid, bad_codes)


def _waiver_problem(waiver: WaiverEntry, known: set[str]) -> str | None:
    if not _CODE.match(waiver.rule) or not any(code_matches(waiver.rule, k) for k in known):
        return f"rule {waiver.rule!r} is not a rule code such as POM301 or POM3xx"
    if not _TARGET.match(waiver.target):
        return f"target {waiver.target!r} is not * or a typed reference such as role:cto"
    if not waiver.reason.strip():
        return "a waiver needs a reason"
    return None


def _suppressed(
    finding: Finding,
    marks: Iterable[Directive],
    file_wide: Iterable[Directive],
    waivers: Iterable[WaiverEntry],
    ids_at: Mapping[str, str],
) -> bool:
    for mark in (*marks, *file_wide):
        for code in mark.codes:
            if code_matches(code, finding.code):
                mark.used.add(code)
                return True
    where = subject(finding.path)
    target = ids_at.get(where) if where else None
    for waiver in waivers:
        if not code_matches(waiver.rule, finding.code):
            continue
        if waiver.target == "*" or waiver.target == target:
            waiver.used = True
            return True
    return False


def subjects(data: Any) -> dict[str, str]:
    """``kind:#index`` → ``kind:id`` for every item with an id in the raw data."""
    out: dict[str, str] = {}
    if not isinstance(data, dict):
        return out
    for kind, where in ID_KINDS.items():
        node: Any = data
        for key in where:
            node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, list):
            continue
        for i, item in enumerate(node):
            ident = item.get("id") if isinstance(item, dict) else None
            ident = getattr(ident, "text", ident)
            if isinstance(ident, str):
                out[f"{kind}:#{i}"] = f"{kind}:{ident}"
    return out


def expired_message(waiver: WaiverEntry) -> tuple[str, str]:
    """POM091's message and hint."""
    return (
        f"waiver for {waiver.rule} on {waiver.target} expired on {waiver.expires}",
        "fix what it waived, or renew the decision with a new expires date",
    )


def unused_message(waiver: WaiverEntry) -> tuple[str, str]:
    """POM092's message and hint."""
    return (
        f"waiver for {waiver.rule} on {waiver.target} matches no finding",
        "remove the waiver, or correct its rule or target",
    )


def invalid_message(problem: str) -> tuple[str, str]:
    """POM093's message and hint."""
    return f"waiver cannot apply: {problem}", "fix the waiver or remove it"


def judge_config_waivers(
    waivers: Sequence[WaiverEntry], ran: Iterable[str], today: dt.date, known: Iterable[str]
) -> Iterator[tuple[WaiverEntry, str, str, str]]:
    """(waiver, code, message, hint) for a configuration's waivers after a whole run.

    The engine marks a waiver ``used`` in every file it silenced something in; a
    waiver for a rule that did not run is not "unused".
    """
    ran = set(ran)
    known = set(known) | ran
    for waiver in waivers:
        problem = _waiver_problem(waiver, known)
        if problem:
            yield (waiver, "POM093", *invalid_message(problem))
        elif waiver.expires is not None and waiver.expires < today:
            yield (waiver, "POM091", *expired_message(waiver))
        elif not waiver.used and any(code_matches(waiver.rule, code) for code in ran):
            yield (waiver, "POM092", *unused_message(waiver))

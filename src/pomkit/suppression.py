"""Suppressions and waivers: findings a team has decided, on purpose, not to act on.

Two ways, both visible in review:
- inline comments: ``# pomkit: ignore[POM301]`` on the offending line or the line
  above, ``# pomkit: ignore-file[POM4xx]`` in the comments at the top of the file;
- waivers as data: ``waivers: [{rule, target, reason, expires}]`` in the model or
  the configuration, for decisions that need a reason and an end date.

A suppression or waiver that matches nothing, one that cannot apply, and a waiver
past its date are reported themselves (POM090–POM094) so that none outlives its
reason and none silences less, or more, than its author believes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pomkit.findings import Finding, ModelPath, split_lines
from pomkit.model import ID_KINDS, id_lists, item_id
from pomkit.suggest import nearest

#: Any comment that starts ``# pomkit:``; what follows is read by :func:`_read_directive`.
_DIRECTIVE = re.compile(r"(?:^|\s)#\s*pomkit:")
_WORD = re.compile(r"\s*([A-Za-z][\w-]*)?\s*")
#: A rule code (``POM301``), a family (``POM3xx``, ``POM30x``) or a prefix (``POM3``,
#: ``POM30``). Always used with ``fullmatch``: ``match`` would accept ``POM301\n``.
_CODE = re.compile(r"POM(?:\d{3}|\d{2}x?|\d(?:xx)?)", re.IGNORECASE)
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
#: ``*``, ``kind:id``, or ``handoff:from/to`` for a handoff known by its ends.
_TARGET = re.compile(rf"\*|(?P<kind>[a-z][a-z-]*):(?P<ref>{_ID}(?:/{_ID})?)")
_DIRECTIVE_WORDS = ("ignore", "ignore-file")
#: Directive words that are never a typo of ours but another tool's habit.
_FOREIGN_WORDS = ("disable", "noqa", "nolint", "skip", "off", "ignore-line", "ignore-next-line")
#: The most characters of a written code a message repeats.
_SHOWN = 40
#: How close (0–100) a word must be to a directive to be read as its misspelling.
_NEAR_DIRECTIVE = 75.0
_FORMS = "`# pomkit: ignore[POM301]` on the line, or `# pomkit: ignore-file[POM3xx]` at the top"


def code_matches(pattern: str, code: str) -> bool:
    """``POM301`` matches itself; ``POM3xx``/``POM3`` match the family; anything else nothing."""
    if not _CODE.fullmatch(pattern):
        return False
    return code.upper().startswith(pattern.upper().rstrip("X"))


@dataclass
class Directive:
    """One well-formed ``# pomkit: ignore[...]`` comment."""

    line: int
    column: int
    codes: list[str]
    whole_file: bool
    #: The lines it covers (its own, and the next one when the comment stands alone).
    covers: tuple[int, ...] = ()
    used: set[str] = field(default_factory=set)
    #: The 1-based column of each code, in the order of ``codes``.
    columns: list[int] = field(default_factory=list)
    #: The codes that name a rule; only these silence anything (set by :func:`apply`).
    active: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class InvalidSuppression:
    """A suppression comment, or one code in it, that silences nothing although it looks
    as if it did (POM094)."""

    line: int
    column: int
    message: str
    hint: str
    end_column: int | None = None


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
    invalid_suppressions: list[InvalidSuppression] = field(default_factory=list)
    #: The findings silenced, each with the comment or waiver that silenced it.
    suppressed: list[tuple[Finding, Directive | WaiverEntry]] = field(default_factory=list)


def directives(text: str) -> list[Directive]:
    """The well-formed suppression comments of a file."""
    return scan(text)[0]


def scan(text: str) -> tuple[list[Directive], list[InvalidSuppression]]:
    """The suppression comments of a file, and those that cannot silence anything.

    Malformed comments (``# pomkit: ignore`` without codes, ``ignore[]``, an unclosed
    bracket, a misspelt directive) and ``ignore-file`` below the first YAML line are
    returned as :class:`InvalidSuppression`; the codes inside a well-formed comment
    are judged later, against the rules that exist (see :func:`apply`).
    """
    found: list[Directive] = []
    invalid: list[InvalidSuppression] = []
    if "pomkit:" not in text:
        return found, invalid
    header = True
    # YAML's line breaks, not str.splitlines' (which also splits at form feeds …).
    for number, line in enumerate(split_lines(text), start=1):
        stripped = line.strip()
        is_comment = stripped.startswith("#")
        if stripped and not is_comment and not _keeps_header(stripped):
            header = False
        match = _DIRECTIVE.search(line)
        while match is not None and not _outside_quotes(line[: match.start()]):
            match = _DIRECTIVE.search(line, match.end())
        if match is None:
            continue
        column = match.start() + (0 if line[match.start()] == "#" else 1) + 1
        mark, problem = _read_directive(line, match.end(), number, column, is_comment, header)
        if mark is not None:
            found.append(mark)
        if problem is not None:
            invalid.append(problem)
    return found, invalid


def _keeps_header(stripped: str) -> bool:
    # A document start marker or a YAML directive comes before the content, so the
    # comments after it are still "at the top".
    return stripped == "---" or stripped.startswith("%")


def _read_directive(
    line: str, start: int, number: int, column: int, standalone: bool, header: bool
) -> tuple[Directive | None, InvalidSuppression | None]:
    """The directive written after ``# pomkit:`` at ``start``, or why it is not one."""
    word_match = _WORD.match(line, start)
    assert word_match is not None  # the pattern matches the empty string
    word = word_match.group(1) or ""
    rest = line[word_match.end() :]
    end = len(line.rstrip()) + 1

    def bad(message: str, hint: str) -> tuple[None, InvalidSuppression]:
        return None, InvalidSuppression(number, column, message, hint, end)

    if word.lower() not in _DIRECTIVE_WORDS:
        near = _near_directive(word)
        if not rest.startswith("[") and near is None and word.lower() not in _FOREIGN_WORDS:
            return None, None  # prose that happens to start "pomkit:", not a directive
        shown = f"`# pomkit: {word}`" if word else "`# pomkit:`"
        hint = f"write {_FORMS}"
        if near is not None and word:
            hint = f"did you mean `{near}`? {hint}"
        return bad(f"{shown} is not a pomkit directive; it silences nothing", hint)
    whole = word.lower() == "ignore-file"
    written = f"`# pomkit: {word}`"
    if not rest.startswith("["):
        return bad(
            f"{written} names no code, so it silences nothing",
            f"list the codes to silence in brackets: `# pomkit: {word}[POM301]`;"
            " pomkit never silences every rule at once",
        )
    close = rest.find("]")
    if close < 0:
        return bad(
            f"`# pomkit: {word}[` has no closing bracket, so it silences nothing",
            f"close the list: `# pomkit: {word}[POM301]`",
        )
    inside_at = len(line) - len(rest) + 1  # index of the first character after "["
    codes: list[str] = []
    columns: list[int] = []
    for piece in re.finditer(r"[^,]+", rest[1:close]):
        code = piece.group().strip()
        if code:
            codes.append(code)
            columns.append(inside_at + piece.start() + piece.group().index(code) + 1)
    if not codes:
        return bad(
            f"`# pomkit: {word}[]` names no code, so it silences nothing",
            f"list the codes to silence: `# pomkit: {word}[POM301]`, or remove the comment",
        )
    if whole and not header:
        shown = ", ".join(codes)
        return bad(
            f"`# pomkit: ignore-file[{shown}]` below the first YAML line silences nothing",
            "move it into the comments at the top of the file, before the first YAML line,"
            " or use `# pomkit: ignore[...]` on the offending line",
        )
    covers = (number, number + 1) if standalone else (number,)
    return Directive(number, column, codes, whole, covers, columns=columns), None


def _near_directive(word: str) -> str | None:
    """The directive ``word`` misspells, judged more strictly than ids are: prose such as
    ``# pomkit: note …`` is not a typo of ``ignore``."""
    from rapidfuzz import fuzz, process  # only files with a `# pomkit:` comment get here

    found = process.extractOne(
        word.lower(), _DIRECTIVE_WORDS, scorer=fuzz.ratio, score_cutoff=_NEAR_DIRECTIVE
    )
    return None if found is None else found[0]


def _outside_quotes(prefix: str) -> bool:
    return prefix.count('"') % 2 == 0 and prefix.count("'") % 2 == 0


def subject(path: ModelPath) -> str | None:
    """The typed reference of the item a model path is about (``role:#3``), if any."""
    best: str | None = None
    for kind, where in ID_KINDS.items():
        n = len(where)
        if tuple(path[:n]) == where and len(path) > n and isinstance(path[n], int):
            best = f"{kind}:#{path[n]}"
    return best


def subjects(data: Any) -> dict[str, str]:
    """``kind:#index`` → the waiver target of every item that has one in the raw data.

    The target is ``kind:id``; a handoff without an id is ``handoff:<from>/<to>``.
    Only targets a waiver can be written with are listed (an id that is not
    kebab-case has none).
    """
    out: dict[str, str] = {}
    if not isinstance(data, dict):
        return out
    for kind, _where, items in id_lists(data):
        for i, item in enumerate(items):
            ident = item_id(item)
            if ident is None and kind == "handoff" and isinstance(item, dict):
                start, end = _text(item.get("from")), _text(item.get("to"))
                ident = f"{start}/{end}" if start and end else None
            target = f"{kind}:{ident}"
            if ident is not None and _TARGET.fullmatch(target):
                out[f"{kind}:#{i}"] = target
    return out


def _text(value: Any) -> str | None:
    value = getattr(value, "text", value)
    return value if isinstance(value, str) and value else None


def target(path: ModelPath, targets: Mapping[str, str]) -> str | None:
    """The waiver target of the item ``path`` is about (``targets`` from :func:`subjects`)."""
    where = subject(path)
    return targets.get(where) if where else None


def apply(
    findings: Sequence[Finding],
    text: str,
    waivers: Sequence[WaiverEntry],
    ran: Iterable[str],
    today: dt.date,
    known: Iterable[str] = (),
    names: Mapping[str, str] | None = None,
) -> Outcome:
    """Split ``findings`` into kept and suppressed, and collect what went unused.

    ``ran`` are the codes that were checked (a suppression or a waiver for a rule
    that did not run is not "unused"); ``known`` are all rule codes (a code that names none
    silences nothing and is reported); ``names`` maps rule names to codes, for the
    hint when a suppression names a rule instead of its code. A waiver matches a
    finding by code and by the finding's ``target``.
    """
    marks, invalid_marks = scan(text)
    ran = set(ran)
    known = set(known) | ran
    for mark in marks:
        for code, column in zip(mark.codes, mark.columns, strict=True):
            if _known_code(code, known):
                mark.active.append(code)
            else:
                invalid_marks.append(_bad_code(mark, code, column, names or {}))
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
        problem = _waiver_problem(waiver, known, names)
        if problem:
            invalid.append((waiver, problem))
        elif waiver.expires is not None and waiver.expires < today:
            expired.append(waiver)
        else:
            active.append(waiver)
    kept: list[Finding] = []
    suppressed: list[tuple[Finding, Directive | WaiverEntry]] = []
    for finding in findings:
        by = _suppressed(finding, by_line.get(finding.line, ()), file_wide, active)
        if by is not None:
            suppressed.append((finding, by))
            continue
        kept.append(finding)
    unused: list[tuple[Directive, str]] = []
    for mark in marks:
        for code in mark.active:
            if code not in mark.used and any(code_matches(code, r) for r in ran):
                unused.append((mark, code))
    unused_waivers = [w for w in active if not w.used and any(code_matches(w.rule, r) for r in ran)]
    invalid_marks.sort(key=lambda m: (m.line, m.column))
    return Outcome(kept, unused, expired, unused_waivers, invalid, invalid_marks, suppressed)


def _known_code(code: str, known: Iterable[str]) -> bool:
    return any(code_matches(code, k) for k in known)


def _bad_code(
    mark: Directive, code: str, column: int, names: Mapping[str, str]
) -> InvalidSuppression:
    written = "ignore-file" if mark.whole_file else "ignore"
    # The caret shows the whole code; the message needs only its start.
    shown = repr(code if len(code) <= _SHOWN else code[:_SHOWN] + "…")
    if _CODE.fullmatch(code):
        message = f"`# pomkit: {written}[...]` names {shown}, which is no rule's code"
    else:
        message = f"`# pomkit: {written}[...]` names {shown}, which is not a rule code"
    hint = "write a code such as POM301, or a family such as POM3xx"
    if code.lower() in names:
        hint = f"name the rule by its code: {names[code.lower()]} ({code.lower()})"
    else:
        near = nearest(code, sorted(names)) if names and not _CODE.fullmatch(code) else None
        if near is not None:
            hint = f"did you mean {names[near]} ({near})? {hint}"
    return InvalidSuppression(
        mark.line, column, f"{message}; it silences nothing", hint, column + len(code)
    )


def _waiver_problem(
    waiver: WaiverEntry, known: set[str], names: Mapping[str, str] | None = None
) -> str | None:
    if not _known_code(waiver.rule, known):
        near = nearest(waiver.rule, [*(names or {}), *sorted(known)])
        guess = f" (did you mean {near}?)" if near else ""
        return (
            f"rule {waiver.rule!r} is neither a rule code such as POM301 or POM3xx nor a "
            f"rule name{guess}"
        )
    written = _TARGET.fullmatch(waiver.target)
    if written is None:
        return (
            f"target {waiver.target!r} is not * or a typed reference such as role:cto"
            " (or handoff:<from>/<to> for a handoff without an id)"
        )
    kind, ref = written.group("kind"), written.group("ref")
    if kind is not None and kind not in ID_KINDS:
        near = nearest(kind, list(ID_KINDS))
        guess = f"did you mean {near}:{ref}? " if near else ""
        return f"target {waiver.target!r}: {guess}the kinds are {', '.join(ID_KINDS)}"
    if kind is not None and kind != "handoff" and "/" in ref:
        return f"target {waiver.target!r}: only a handoff is known by its ends (from/to)"
    if not waiver.reason.strip():
        return "a waiver needs a reason"
    return None


def _suppressed(
    finding: Finding,
    marks: Iterable[Directive],
    file_wide: Iterable[Directive],
    waivers: Iterable[WaiverEntry],
) -> Directive | WaiverEntry | None:
    for mark in (*marks, *file_wide):
        for code in mark.active:
            if code_matches(code, finding.code):
                mark.used.add(code)
                return mark
    for waiver in waivers:
        if not code_matches(waiver.rule, finding.code):
            continue
        if waiver.target == "*" or waiver.target == finding.target:
            waiver.used = True
            return waiver
    return None


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
        "remove the waiver, or correct its rule or target (each finding's target is in"
        " `--format json`)",
    )


def invalid_message(problem: str) -> tuple[str, str]:
    """POM093's message and hint."""
    return f"waiver cannot apply: {problem}", "fix the waiver or remove it"


def judge_config_waivers(
    waivers: Sequence[WaiverEntry],
    ran: Iterable[str],
    today: dt.date,
    known: Iterable[str],
    names: Mapping[str, str] | None = None,
    *,
    complete: bool = True,
) -> Iterator[tuple[WaiverEntry, str, str, str]]:
    """(waiver, code, message, hint) for a configuration's waivers after a whole run.

    The engine marks a waiver ``used`` in every file it silenced something in; a
    waiver for a rule that did not run is not "unused", and neither is any waiver when
    the run did not cover every model the configuration applies to (``complete``
    false: pre-commit passes only the files that changed).
    """
    ran = set(ran)
    known = set(known) | ran
    for waiver in waivers:
        problem = _waiver_problem(waiver, known, names)
        if problem:
            yield (waiver, "POM093", *invalid_message(problem))
        elif waiver.expires is not None and waiver.expires < today:
            yield (waiver, "POM091", *expired_message(waiver))
        elif complete and not waiver.used and any(code_matches(waiver.rule, c) for c in ran):
            yield (waiver, "POM092", *unused_message(waiver))

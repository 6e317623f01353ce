"""Reading model files: bytes to text to YAML nodes to plain data, with positions and limits.

The loader never raises for what a file *contains*: every problem becomes a
:class:`LoadIssue` with a line and column (rules POM0xx turn them into
findings). It raises :class:`LoadError` only when a path cannot be read at all.

Two parsers give the same nodes: libyaml through PyYAML (fast) and ruamel.yaml's
pure-Python parser (fallback, and the only one used for input whose nesting
could crash a C parser). Scalars are resolved here, by the YAML 1.2 core
schema, identically for both: ``no`` stays text, ``0755`` is the integer 755
in YAML 1.2 terms, and a plain scalar keeps the text the user wrote
(:class:`pomkit.model.Plain`) so that text fields get ``1.10``, not ``1.1``.
Positions are the ones editors show: lines end at CR LF, CR or LF only
(:mod:`pomkit.lines`), though both parsers also end them at NEL, U+2028 and U+2029.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pomkit.lines import (
    ParserText,
    char_index,
    count_breaks,
    for_parser,
    position,
    split_lines,
)
from pomkit.scalars import Plain

# --------------------------------------------------------------------------- limits


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile input cheap to reject."""

    max_bytes: int = 20 * 1024 * 1024
    #: Deepest nesting of mappings and sequences; real models need about 8.
    max_depth: int = 64
    #: Nodes that aliases may add beyond those written out (billion-laughs guard).
    max_alias_nodes: int = 100_000


DEFAULT_LIMITS = Limits()


class LoadError(Exception):
    """A path that cannot be read as a model file at all (missing, a directory, a FIFO …)."""

    def __init__(self, file: str, message: str, hint: str | None = None) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class LoadIssue:
    """A problem found while reading; ``code`` is the POM0xx rule that reports it."""

    code: str
    message: str
    line: int = 1
    column: int = 1
    hint: str | None = None
    end_column: int | None = None


@dataclass
class Source:
    """One loaded file: its text, the data built from it, and how to find things in it."""

    file: str
    text: str
    data: Any = None
    issues: list[LoadIssue] = field(default_factory=list)
    root: Any = field(default=None, repr=False)
    parser: str = "none"

    def locate(
        self, path: Sequence[str | int], *, key: bool = False
    ) -> tuple[int, int, int | None]:
        """1-based (line, column, end column) of a model path.

        A scalar value is located at the value, anything else at its key; a
        path that does not exist points at the deepest part that does (a
        missing key points at its parent mapping). ``key=True`` locates the
        key even for scalar values (unknown keys).
        """
        node = self.root
        if node is None:
            return 1, 1, None
        at = node
        for part in path:
            child, key_node = _child(node, part)
            if child is None:
                break
            at = key_node if key_node is not None else child
            node = child
        else:
            if not key and _is_scalar(node):
                at = node
        line = at.start_mark.line + 1
        column = at.start_mark.column + 1
        end = at.end_mark
        end_column = end.column + 1 if _is_scalar(at) and end.line == at.start_mark.line else None
        return line, column, end_column


# --------------------------------------------------------------------------- reading


def read(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Source:
    """Read and parse one model file.

    Raises :class:`LoadError` when the path is missing, not a regular file or
    unreadable; everything about the content is reported as issues.
    """
    display = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise LoadError(display, "no such file", "check the path") from None
    except OSError as err:
        raise LoadError(display, f"cannot read: {err.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise LoadError(
            display, "is a directory", "pass the model file, or the directory to search"
        )
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO or a device would block or read forever.
        raise LoadError(display, "not a regular file", "pass a YAML file")
    if info.st_size > limits.max_bytes:
        return too_large(display, info.st_size, limits)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except OSError as err:
        raise LoadError(display, f"cannot read: {err.strerror}") from None
    return parse_bytes(raw, display, limits)


def parse_bytes(raw: bytes, file: str, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Check, decode and parse the bytes of a model read from anywhere (a file, stdin, git).

    Pass at most ``limits.max_bytes + 1`` bytes: more than the limit is reported,
    not parsed.
    """
    if len(raw) > limits.max_bytes:
        return too_large(file, len(raw), limits)
    text, issue = decode(raw)
    if issue is not None:
        source = Source(file, "")
        source.issues.append(issue)
        return source
    return parse(text, file, limits)


def too_large(file: str, size: int, limits: Limits = DEFAULT_LIMITS) -> Source:
    """The empty :class:`Source` of input over the size limit, with the POM006 issue."""
    # A read stops one byte past the limit: then "over" is all that is known.
    amount = "" if size == limits.max_bytes + 1 else f"{_size(size)}, "
    source = Source(file, "")
    source.issues.append(
        LoadIssue(
            "POM006",
            f"file is {amount}over the limit of {_size(limits.max_bytes)}",
            hint="split the model, or raise max_file_size in the pomkit configuration",
        )
    )
    return source


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def decode(raw: bytes) -> tuple[str, LoadIssue | None]:
    """UTF-8 text of ``raw`` (a UTF-8 BOM is dropped), or an issue saying where it is not."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            return "", LoadIssue(
                "POM007",
                f"file is encoded as {name}; pomkit reads UTF-8",
                hint="re-save the file as UTF-8",
            )
    head = raw[:4096]
    if b"\x00" in head:
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        if max(even, odd) > len(head) // 4:
            order = "big-endian" if even > odd else "little-endian"
            return "", LoadIssue(
                "POM007",
                f"file looks like UTF-16 ({order}, without a byte-order mark); pomkit reads UTF-8",
                hint="re-save the file as UTF-8",
            )
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        # Everything before the bad byte decodes: count its lines as everywhere else.
        before = raw[: err.start]
        line = count_breaks(before.decode("utf-8")) + 1
        column = len(before) - (max(before.rfind(b"\n"), before.rfind(b"\r")) + 1) + 1
        return "", LoadIssue(
            "POM007",
            f"file is not valid UTF-8 (byte 0x{raw[err.start]:02x} at line {line}, byte {column})",
            line=line,
            column=column,
            hint="re-save the file as UTF-8",
        )


# --------------------------------------------------------------------------- parsing


def parse(text: str, file: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Source:
    """Parse YAML ``text`` into a :class:`Source`; problems become issues.

    Positions are those an editor shows: lines end at CR LF, CR or LF only
    (:mod:`pomkit.lines`), columns count code points, and a leading byte-order mark
    is dropped (libyaml's marks would skip it, ruamel's would count it).
    """
    text = text.removeprefix("\ufeff")
    source = Source(file, text)
    if _only_comments(text):
        source.issues.append(
            LoadIssue("POM008", "file is empty", hint="start from `pomkit init` or an example")
        )
        return source
    with paused_gc():
        root = _compose(text, source, limits)
        if root is None:
            if not source.issues:
                source.issues.append(
                    LoadIssue("POM008", "file holds no YAML document", hint="add the model")
                )
            return source
        source.root = root
        if _is_scalar(root) and _tag(root) == _PLAIN and resolve_plain(root.value) is None:
            source.issues.append(
                LoadIssue("POM008", "file holds no model (only a null value)", hint="add the model")
            )
            return source
        if _node_kind(root) == "mapping":
            builder = _Builder(source.issues, limits)
            try:
                data = builder.build(root, 0)
                source.data = None if data is REFUSED else data
            except _Abort as stop:
                source.issues.append(stop.issue)
                source.data = None
        else:
            kind = "a list" if _node_kind(root) == "sequence" else "a single value"
            source.issues.append(
                LoadIssue(
                    "POM009",
                    f"the top level is {kind}; a model is a mapping of sections",
                    line=root.start_mark.line + 1,
                    column=root.start_mark.column + 1,
                    hint="start the file with `apiVersion: pomkit/v1` and `kind: OperatingModel`",
                )
            )
    return source


def _only_comments(text: str) -> bool:
    """Blank, comment and document-marker lines only (``---`` or ``...``).

    Blank as YAML means it (spaces and tabs): a line holding only a form feed or
    U+2028 goes to the parser, which names the character.
    """
    return all(
        not line.strip(_BLANK)
        or line.lstrip(_BLANK).startswith("#")
        or line.rstrip(_BLANK) in ("---", "...")
        for line in split_lines(text)
    )


_BLANK = " \t"


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector while millions of small objects are built.

    Loading builds no reference cycles worth collecting, and the collector
    running over and over costs about two thirds of the load time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compose(text: str, source: Source, limits: Limits) -> Any:
    """The root node of ``text``, or ``None`` with an issue recorded."""
    use_c = _c_parser() is not None and not os.environ.get("POMKIT_PURE_YAML")
    source.parser = "libyaml" if use_c else "ruamel-pure"
    # Both parsers end lines at NEL, U+2028 and U+2029 too (YAML 1.1): hidden from
    # them, their marks are editor positions and comments end where editors show.
    masked = for_parser(text)
    try:
        if use_c:
            try:
                return _compose_c(masked, limits)
            except Exception as err:
                if not _libyaml_only(err):
                    raise
                # libyaml is stricter than YAML 1.2 here: let the pure parser decide.
                source.parser = "ruamel-pure"
        return _compose_pure(masked, limits)
    except _Abort as stop:
        source.issues.append(stop.issue)
    except RecursionError:
        source.issues.append(
            LoadIssue(
                "POM005",
                "nesting is too deep to read",
                hint=f"a model needs a few levels; pomkit reads at most {limits.max_depth}",
            )
        )
    except Exception as err:  # every parser error, including non-YAMLError ones
        source.issues.append(_syntax_issue(err, limits, text, masked, source.parser))
    return None


def _libyaml_only(err: Exception) -> bool:
    """Errors of libyaml on text that YAML 1.2 (ruamel's pure parser) reads."""
    return "invalid Unicode character escape" in str(getattr(err, "problem", "") or "")


def _syntax_issue(
    err: Exception,
    limits: Limits,
    text: str = "",
    masked: ParserText | None = None,
    parser: str = "ruamel-pure",
) -> LoadIssue:
    """The issue for a parser error; ``masked`` is what the parser read (see :func:`parse`)."""
    restore = masked.restore if masked is not None else str
    problem = restore(str(getattr(err, "problem", "") or ""))
    context = restore(str(getattr(err, "context", "") or ""))
    # The marks count lines and columns as editors do (the parser read masked text).
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    lines = count_breaks(text) + 1
    if mark is not None and mark.line + 1 > lines and getattr(err, "context_mark", None):
        mark = err.context_mark  # type: ignore[attr-defined]  # past the end: the opening
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    offset = getattr(err, "position", None)
    if mark is None and isinstance(offset, int) and text:
        # Reader errors (a raw control character) give an offset: in characters from
        # ruamel, in bytes of the UTF-8 text from libyaml.
        if parser == "libyaml":
            offset = char_index(masked.text if masked is not None else text, offset)
        line, column = position(text, offset)
        reason = str(getattr(err, "reason", "") or "")
        character = getattr(err, "character", None)
        # Both parsers give the code point as a number; an older PyYAML gave the character.
        point = ord(character) if isinstance(character, str) else character
        shown = f"U+{point:04X}" if isinstance(point, int) else str(point)
        return LoadIssue(
            "POM001",
            f"the file holds a control character {shown} that YAML does not allow"
            + (f" ({reason})" if reason else ""),
            line,
            column,
            hint="remove it, or write it as an escape inside double quotes",
        )
    if "expected a single document" in context or "but found another document" in problem:
        return LoadIssue(
            "POM010",
            "file holds more than one YAML document",
            line,
            column,
            hint="keep one model per file; remove the `---` separator",
        )
    if "depth" in problem and "exceed" in problem:
        return LoadIssue(
            "POM005",
            "nesting is too deep to read",
            line,
            column,
            hint=f"pomkit reads at most {limits.max_depth} levels",
        )
    if not problem:
        problem = str(err).splitlines()[0] if str(err) else type(err).__name__
        problem = f"cannot parse the file: {problem}"
    if mark is not None and text:
        try:
            explained = _explain(problem, context, line, column, text)
        except Exception:  # a hint is never worth a crash: keep the parser's words
            explained = None
        if explained is not None:
            return explained
    message = problem if not context else f"{problem} ({context})"
    return LoadIssue("POM001", _yaml_message(message), line, column, hint=_syntax_hint(problem))


def _yaml_message(message: str) -> str:
    return message.replace("\n", " ").strip()


def _syntax_hint(problem: str) -> str:
    if "tab" in problem or "cannot start any token" in problem:
        return "indent with spaces, not tabs; quote values that start with @ or `"
    if "mapping values are not allowed" in problem:
        return "a value holding ': ' must be quoted, e.g. title: \"Q3: launch\""
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "check the indentation of this line and the one above"
    if "undefined alias" in problem:
        return "define the anchor (&name) before using it (*name)"
    if "incompatible YAML document" in problem or "version" in problem:
        return "drop the %YAML directive; pomkit reads YAML 1.2"
    return "fix the YAML syntax at this position"


# --------------------------------------------------------------------------- syntax hints
#
# The parsers name what they met ("did not find expected '-' indicator"), not what
# the author did. These read the lines around the error to name the likely cause:
# an indentation that matches no open block, a tab, or a value that needs quotes.

#: The first ``key:`` of a line, after its indentation and any ``- `` items.
_KEY = re.compile(
    r"""
    (?P<lead>[ ]*(?:-[ ]+)*)
    (?P<key>
        "(?:[^"\\]|\\.)*"                    # "double quoted"
      | '(?:[^']|'')*'                       # 'single quoted'
      | (?:[^\s#'"\[\]{},|>&*!%@`:-]|-(?=\S))  # plain: a first character, then
        [^\s:#]*(?:[ \t]+[^\s:#]+|:(?![ \t]|$)[^\s:#]*)*  # words (no backtracking blow-up)
    )
    [ \t]*:(?=[ \t]|$)
    """,
    re.VERBOSE,
)
#: How much of a line the indentation reading looks at for its key.
_KEY_SCAN = 1000
_DASHES = re.compile(r"^(?:-[ \t]+)*")
#: Characters that cannot start a plain scalar, so that a value starting with one needs quotes.
_QUOTE_FIRST = frozenset("@`%|>")


@dataclass
class _Level:
    """A block mapping or sequence still open at some line, and the last line that used it."""

    column: int  # 0-based
    kind: str  # "map" or "seq"
    line: int  # 1-based


def _explain(problem: str, context: str, line: int, column: int, text: str) -> LoadIssue | None:
    """A plain message and a hint naming the likely cause of a syntax error, or ``None``."""
    lines = split_lines(text)
    if not 1 <= line <= len(lines):
        return None
    src = lines[line - 1]
    at = src[column - 1] if 0 < column <= len(src) else ""
    if at == "\t" or "tab character" in problem:
        return _tab_issue(src, line, column)
    if "cannot start any token" in problem and at in _QUOTE_FIRST:
        return _quote_issue(src, line, column - 1, f"a value cannot start with '{at}'")
    if "block scalar" in context:
        start = _indicator(src, column - 1)
        if start is not None:
            return _quote_issue(
                src,
                line,
                start,
                f"'{src[start]}' starts a block of text and must end its line; "
                "a value starting with it must be quoted",
            )
    # In a flow collection a value starting with `: ` is "no node content" to both
    # parsers (libyaml: "did not find expected node content", ruamel: "expected the
    # node content, but found ':'"); in a block it is a second `: ` on the line.
    flow_value = "node content" in problem and "flow node" in context
    if at == ":" and (
        flow_value or "mapping values are not allowed" in problem or "expected ','" in problem
    ):
        start = _value_start(src, column - 1)
        if start is not None:
            if src[start] in "\"'":
                return None  # text after a quoted value, not a value to quote
            first = "starting with `:`" if src[start] == ":" else "holding `: `"
            return _quote_issue(
                src, line, start, f"a value {first} must be quoted: YAML reads `: ` as a new key"
            )
        if flow_value:
            return None
        return _missing_colon_issue(lines, line) or _indent_issue(lines, line)
    indent = len(src) - len(src.lstrip(" "))
    if column - 1 == indent and (
        "expected key" in problem
        or "expected '-' indicator" in problem
        or "expected <block end>" in problem
    ):
        return _indent_issue(lines, line)
    before = src[: column - 1].rstrip()
    if column - 1 > indent and before[-1:] in ("'", '"') and "expected" in problem:
        return LoadIssue(
            "POM001",
            "text follows the closing quote of a value",
            line,
            column,
            hint="quote the whole value, or move the text inside the quotes",
        )
    return None


def _value_start(src: str, colon: int) -> int | None:
    """Where the value holding the ``:`` at index ``colon`` starts, if a key comes before it."""
    if _flow_depth(src[:colon]) > 0:
        # In a flow collection: the item starts after the last `{`, `[` or `,`.
        item = max(src.rfind(mark, 0, colon) for mark in "{[,") + 1
        separator = src.find(": ", item, colon)
        if separator < 0:
            # A list item that starts with the colon (`[a, : x]`) is the value itself.
            if not src[item:colon].strip() and _flow_opener(src[:colon]) == "[":
                return colon
            return None
        return _skip_spaces(src, separator + 1)
    found = _KEY.match(src)
    if found is None or found.end() >= colon:
        return None  # the colon ends the line's first key: not inside a value
    return _skip_spaces(src, found.end() + 1)


def _skip_spaces(src: str, index: int) -> int:
    while index < len(src) and src[index] in " \t":
        index += 1
    return index


def _tab_issue(src: str, line: int, column: int) -> LoadIssue:
    lead = src[: len(src) - len(src.lstrip(" \t"))]
    if "\t" in lead:
        tab = lead.index("\t") + 1
        return LoadIssue(
            "POM001",
            f"a tab indents this line (column {tab}); YAML indentation must be spaces",
            line,
            tab,
            hint="replace the tab with spaces, as many as the lines around it use",
        )
    tab = src.find("\t", max(column - 1, 0)) + 1 or column
    return LoadIssue(
        "POM001",
        f"a tab character at column {tab}, where YAML needs a space",
        line,
        tab,
        hint="replace the tab with a space",
    )


def _indicator(src: str, index: int) -> int | None:
    """Index of the ``|`` or ``>`` that starts the value holding ``index``."""
    for start in range(min(index, len(src) - 1), -1, -1):
        if src[start] in "|>" and (start == 0 or src[start - 1] in " \t"):
            return start
    return None


def _quote_issue(src: str, line: int, start: int, message: str) -> LoadIssue:
    """The value of ``src`` from ``start`` needs quoting: show the line as it should read."""
    flow = _flow_depth(src[:start]) > 0
    end = len(src)
    if flow:
        for index in range(start, len(src)):
            if src[index] in ",]}":
                end = index
                break
    comment = src.find(" #", start, end)
    if comment >= 0:
        end = comment
    value = src[start:end].rstrip()
    if not value:
        return LoadIssue("POM001", message, line, start + 1, hint="quote the value")
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    before = src[:start].rstrip()
    if before.endswith(":"):
        key = re.split(r"[{\[,]", before[:-1])[-1] if flow else before[:-1]
        shown = f"{_DASHES.sub('', key.strip())}: {quoted}"
    elif before.endswith("-") and not flow:
        shown = f"- {quoted}"
    else:
        shown = quoted
    return LoadIssue(
        "POM001",
        message,
        line,
        start + 1,
        hint=f"quote the value: {shown}",
        end_column=start + 1 + len(value),
    )


def _flow_open(text: str) -> list[str]:
    """The flow collections (``[`` or ``{``) open at the end of ``text``, innermost last,
    quotes aside."""
    stack: list[str] = []
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            stack.append(char)
        elif char in "]}" and stack:
            stack.pop()
    return stack


def _flow_depth(text: str) -> int:
    """How many flow collections are open at the end of ``text``."""
    return len(_flow_open(text))


def _flow_opener(text: str) -> str:
    """The innermost flow collection open at the end of ``text`` (``[`` or ``{``), or ``""``."""
    stack = _flow_open(text)
    return stack[-1] if stack else ""


def _open_levels(lines: list[str], upto: int) -> list[_Level]:
    """The block mappings and sequences open after line ``upto`` (1-based, exclusive).

    A cheap reading of the indentation, not a parse: enough to say at which
    column a line that broke the parser would have fitted.
    """
    stack: list[_Level] = []
    text_deeper_than: int | None = None  # inside a block scalar
    flow = 0
    for number, src in enumerate(lines[: upto - 1], 1):
        stripped = src.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(src) - len(stripped)
        if text_deeper_than is not None:
            if indent > text_deeper_than:
                continue
            text_deeper_than = None
        if flow > 0:
            flow = _flow_depth("[" * flow + src)
            continue
        if stripped.startswith("%") or stripped.rstrip() in ("---", "..."):
            if not stripped.startswith("%"):
                stack.clear()
            continue
        while stack and stack[-1].column > indent:
            stack.pop()
        column, rest = indent, stripped
        while rest == "-" or rest.startswith(("- ", "-\t")):
            _use(stack, column, "seq", number)
            after = rest[1:]
            rest = after.lstrip(" \t")
            column += 1 + len(after) - len(rest)
        found = _KEY.match(rest[:_KEY_SCAN])  # keys are short; a huge line costs nothing
        if found is not None:
            if stack and stack[-1].column == column and stack[-1].kind == "seq":
                stack.pop()  # a key at a sequence's column ends that sequence
            _use(stack, column, "map", number)
            rest = rest[found.end() + 1 :].strip()
        if rest[:1] in ("|", ">"):
            text_deeper_than = column if found is not None else max(column - 2, 0)
        elif rest[:1] in ("[", "{"):
            flow = _flow_depth(rest)
    return stack


def _use(stack: list[_Level], column: int, kind: str, line: int) -> None:
    if stack and stack[-1].column == column and stack[-1].kind == kind:
        stack[-1].line = line
    else:
        stack.append(_Level(column, kind, line))


def _indent_issue(lines: list[str], line: int) -> LoadIssue | None:
    """The line's indentation fits no open block: say at which column it would."""
    src = lines[line - 1]
    stripped = src.lstrip(" ")
    indent = len(src) - len(stripped)
    item = stripped == "-" or stripped.startswith(("- ", "-\t"))
    levels = _open_levels(lines, line)
    if any(level.column == indent for level in levels if level.kind == ("seq" if item else "map")):
        return None
    fitting = [level for level in levels if level.kind == ("seq" if item else "map")]
    if not fitting:
        return None
    # The nearest column; between two equally near, the deeper (the block just above).
    best = min(fitting, key=lambda level: (abs(level.column - indent), -level.column))
    hint = f"indent it to column {best.column + 1}, like line {best.line}"
    if not item and any(level.column == indent and level.kind == "seq" for level in levels):
        hint += ", or start a new list item with `- `"
    return LoadIssue(
        "POM001",
        f"the indentation is off: this line starts at column {indent + 1}, "
        f"where no block above it does",
        line,
        indent + 1,
        hint=hint + "; YAML nests by indentation, so siblings line up exactly",
    )


def _missing_colon_issue(lines: list[str], line: int) -> LoadIssue | None:
    """A key line after a plain line at its indentation that lacks its ``:``."""
    above = _content_lines_above(lines, line)
    previous = next(above, None)
    if previous is None:
        return None
    number, src = previous
    stripped = src.lstrip(" ")
    indent = len(src) - len(stripped)
    here = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    if indent != here or _KEY.match(src) or stripped.startswith(("-", "#")) or ":" in stripped:
        return None
    opener = next(above, None)
    if opener is not None:
        found = _KEY.match(opener[1])
        if found is not None and opener[1][found.end() + 1 :].strip():
            return None  # a value continued on the lines below: not a key
    return LoadIssue(
        "POM001",
        "this line is neither `key: value` nor a list item",
        number,
        indent + 1,
        hint="add the missing `:` after the key (`key: value`)",
    )


def _content_lines_above(lines: list[str], line: int) -> Iterator[tuple[int, str]]:
    """(number, text) of the non-blank, non-comment lines above ``line``, nearest first."""
    for number in range(line - 1, 0, -1):
        src = lines[number - 1]
        if src.strip() and not src.lstrip().startswith("#"):
            yield number, src


# The private tag every untagged plain scalar gets, so that the builder (not
# the parser's YAML 1.1 or 1.2 rules) decides what it means.
_PLAIN = "tag:pomkit:plain"
_ANYTHING = re.compile(r".*", re.DOTALL)


def _c_parser() -> Any:
    try:
        from yaml import _yaml
    except ImportError:
        return None
    return _yaml.CParser


class _Node:
    """A node composed from libyaml events; the attributes of PyYAML's nodes."""

    __slots__ = ("end_mark", "kind", "start_mark", "style", "tag", "value")

    def __init__(self, kind: str, tag: str, value: Any, start: Any, end: Any, style: Any) -> None:
        self.kind = kind
        self.tag = tag
        self.value = value
        self.start_mark = start
        self.end_mark = end
        self.style = style


def _compose_c(masked: ParserText, limits: Limits) -> Any:
    """Compose nodes from libyaml's events, iteratively, refusing deep nesting early.

    libyaml parses with explicit stacks, but composing its nodes recursively (as
    PyYAML's C loader does) crashes the interpreter at about 20,000 levels; here
    nothing recurses and the depth limit stops composing at the first level too many.
    """
    restore = masked.restore if masked.table else None
    parser = _c_parser()(masked.text)
    get = parser.get_event
    anchors: dict[str, _Node] = {}
    stack: list[tuple[_Node, list[Any]]] = []
    root: _Node | None = None
    try:
        get()  # stream start
        event = get()
        if type(event).__name__ == "StreamEndEvent":
            return None
        event = get()  # past the document start
        while True:
            name = type(event).__name__
            if name == "DocumentEndEvent":
                break
            if name == "AliasEvent":
                found = anchors.get(event.anchor)
                if found is None:
                    raise _ComposeError("found undefined alias", event.start_mark)
                node = found
            elif name == "ScalarEvent":
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _PLAIN if event.implicit[0] else _CORE + "str"
                node = _Node(
                    "scalar",
                    tag,
                    event.value if restore is None else restore(event.value),
                    event.start_mark,
                    event.end_mark,
                    event.style,
                )
                if event.anchor is not None:
                    anchors[event.anchor] = node
            elif name in ("SequenceStartEvent", "MappingStartEvent"):
                if len(stack) >= limits.max_depth:
                    raise _Abort(
                        LoadIssue(
                            "POM005",
                            f"nesting deeper than {limits.max_depth} levels",
                            event.start_mark.line + 1,
                            event.start_mark.column + 1,
                            hint="a model needs only a few levels; flatten this structure",
                        )
                    )
                kind = "sequence" if name[0] == "S" else "mapping"
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _CORE + ("seq" if kind == "sequence" else "map")
                node = _Node(kind, tag, [], event.start_mark, event.end_mark, event.flow_style)
                if event.anchor is not None:
                    anchors[event.anchor] = node
                _attach(stack, node)
                stack.append((node, []))
                event = get()
                continue
            else:  # a collection ends
                done, _ = stack.pop()
                done.end_mark = event.end_mark
                if not stack:
                    root = done
                event = get()
                continue
            if stack:
                _attach(stack, node)
            else:
                root = node
            event = get()
        event = get()
        if type(event).__name__ != "StreamEndEvent":
            raise _ComposeError(
                "but found another document", event.start_mark, "expected a single document"
            )
        return root
    finally:
        parser.dispose()


def _attach(stack: list[tuple[_Node, list[Any]]], node: _Node) -> None:
    if not stack:
        return
    parent, key = stack[-1]
    if parent.kind == "sequence":
        parent.value.append(node)
    elif key:
        parent.value.append((key.pop(), node))
    else:
        key.append(node)


class _ComposeError(Exception):
    """A composition error with a PyYAML-like shape (problem, marks)."""

    def __init__(self, problem: str, mark: Any, context: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark
        self.context = context
        self.context_mark = None


_PURE_RESOLVER: Any = None


def _compose_pure(masked: ParserText, limits: Limits) -> Any:
    global _PURE_RESOLVER
    from ruamel.yaml import YAML

    if _PURE_RESOLVER is None:
        from ruamel.yaml.resolver import BaseResolver as RuamelResolver

        class _PureResolver(RuamelResolver):
            processing_version = (1, 2)

            def __init__(self, version: Any = None, loader: Any = None, **kw: Any) -> None:
                super().__init__(loader)

        # Set directly: ruamel's add_implicit_resolver also registers the tag in
        # lists shared by every ruamel loader in the process.
        _PureResolver.yaml_implicit_resolvers = {None: [(_PLAIN, _ANYTHING)]}
        _PURE_RESOLVER = _PureResolver
    # A fresh instance each time: ruamel keeps parser state after an error.
    yaml = YAML(typ="safe", pure=True)
    yaml.Resolver = _PURE_RESOLVER
    yaml.max_depth = limits.max_depth + 1
    root = yaml.compose(masked.text)
    if masked.table:
        _restore_scalars(root, masked)
    return root


def _restore_scalars(root: Any, masked: ParserText) -> None:
    """Put the characters :func:`pomkit.lines.for_parser` hid back into ruamel's scalars."""
    seen: set[int] = set()
    todo = [root] if root is not None else []
    while todo:
        node = todo.pop()
        if id(node) in seen:  # aliases share nodes
            continue
        seen.add(id(node))
        kind = _node_kind(node)
        if kind == "scalar":
            node.value = masked.restore(node.value)
        elif kind == "sequence":
            todo.extend(node.value)
        else:
            for key, value in node.value:
                todo.extend((key, value))


# --------------------------------------------------------------------------- nodes


def _node_kind(node: Any) -> str:
    if type(node) is _Node:
        return node.kind
    name = type(node).__name__
    if name.startswith("Mapping"):
        return "mapping"
    if name.startswith("Sequence"):
        return "sequence"
    return "scalar"


def _flow_style(node: Any) -> bool:
    """Whether a collection node was written in flow style (``{…}`` / ``[…]``)."""
    style = node.style if type(node) is _Node else getattr(node, "flow_style", None)
    return bool(style)


def _is_scalar(node: Any) -> bool:
    if type(node) is _Node:
        return node.kind == "scalar"
    return type(node).__name__.startswith("Scalar")


def _tag(node: Any) -> str:
    tag = node.tag
    return tag if isinstance(tag, str) else str(getattr(tag, "value", tag))


def _pairs(node: Any, _inside: frozenset[int] = frozenset()) -> Iterator[tuple[Any, Any, bool]]:
    """Key and value nodes of a mapping, then those ``<<`` merges in (flagged True)."""
    inside = _inside | {id(node)}
    merges = []
    for key, value in node.value:
        if _is_scalar(key) and key.value == "<<" and _tag(key) == _PLAIN:
            merges.append(value)
        else:
            yield key, value, bool(_inside)
    for merge in merges:
        sources = merge.value if _node_kind(merge) == "sequence" else [merge]
        for src in sources:
            if _node_kind(src) == "mapping" and id(src) not in inside:
                yield from _pairs(src, inside)


def _child(node: Any, part: str | int) -> tuple[Any, Any]:
    """(child node, key node or None) for one step of a model path."""
    kind = _node_kind(node)
    if kind == "sequence" and isinstance(part, int):
        items = node.value
        return (items[part], None) if 0 <= part < len(items) else (None, None)
    if kind == "mapping":
        for key, value, _merged in _pairs(node):
            if _is_scalar(key) and key.value == str(part):
                return value, key
    return None, None


class _Abort(Exception):
    def __init__(self, issue: LoadIssue) -> None:
        super().__init__(issue.message)
        self.issue = issue


_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_MAYBE_TYPED = frozenset("-+.0123456789~nNtTfF")
# C0/C1 controls (but tab and newlines), bidi marks and overrides, zero-width
# spaces and byte-order marks inside text, surrogates. (Zero-width joiners are
# left alone: emoji and several scripts need them.)
_SUSPICIOUS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f"
    "\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_CORE = "tag:yaml.org,2002:"
_STANDARD = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq"))
_COLLECTION_TAGS = frozenset((_CORE + "map", _CORE + "seq", "!"))
#: What a value with a refused tag builds to: it is left out, reported once (POM003).
REFUSED: Any = type("Refused", (), {"__repr__": lambda self: "<refused>"})()


def resolve_plain(text: str) -> Any:
    """A plain scalar by the YAML 1.2 core schema: None, or text, or :class:`Plain`."""
    if text in _NULL:
        return None
    if text[0] not in _MAYBE_TYPED:
        return text
    if text in _BOOL:
        return Plain(text, _BOOL[text])
    if _INT.fullmatch(text):
        return _int(text, 10)
    if _OCT.fullmatch(text):
        return _int(text[2:], 8, text)
    if _HEX.fullmatch(text):
        return _int(text[2:], 16, text)
    if _FLOAT.fullmatch(text):
        return Plain(text, float(text))
    if _INF.fullmatch(text):
        return Plain(text, float("-inf") if text[0] == "-" else float("inf"))
    if _NAN.fullmatch(text):
        return Plain(text, float("nan"))
    return text


def _int(digits: str, base: int, text: str | None = None) -> Any:
    try:
        return Plain(text or digits, int(digits, base))
    except ValueError:  # over Python's 4300-digit limit: keep it as text
        return text or digits


class _Builder:
    """Builds plain data from nodes, enforcing depth and alias-expansion limits."""

    def __init__(self, issues: list[LoadIssue], limits: Limits) -> None:
        self.issues = issues
        self.limits = limits
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.repeats = 0

    def _at(self, node: Any) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: Any, depth: int, dash: int | None = None) -> Any:
        """Plain data of ``node``; ``dash`` is the 0-based column of the list holding it."""
        if depth > self.limits.max_depth:
            line, column = self._at(node)
            raise _Abort(
                LoadIssue(
                    "POM005",
                    f"nesting deeper than {self.limits.max_depth} levels",
                    line,
                    column,
                    hint="a model needs only a few levels; flatten this structure",
                )
            )
        key = id(node)
        if key in self.seen:
            if key in self.active:
                line, column = self._at(node)
                raise _Abort(
                    LoadIssue(
                        "POM004",
                        "an alias refers to the node that contains it (recursive alias)",
                        line,
                        column,
                        hint="aliases may only repeat finished nodes; write the data out",
                    )
                )
            self._count_repeat(node)
        else:
            self.seen.add(key)
        kind = _node_kind(node)
        if kind == "scalar":
            return self._scalar(node)
        tag = _tag(node)
        if tag not in _COLLECTION_TAGS:
            self._tag_issue(node, tag)
            return REFUSED
        self.active.add(key)
        try:
            if kind == "sequence":
                dash = node.start_mark.column
                items = (self.build(item, depth + 1, dash) for item in node.value)
                return [item for item in items if item is not REFUSED]
            return self._mapping(node, depth, dash)
        finally:
            self.active.discard(key)

    def _mapping(self, node: Any, depth: int, dash: int | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        where: dict[str, Any] = {}
        # A list item whose first key comes back most likely holds the next item, written
        # without its "- ": reported once, and the keys of that run are not duplicates.
        first: Any = None
        run: dict[str, Any] | None = None
        watch = dash is not None and not _flow_style(node)
        self._check_merges(node)
        for key_node, value_node, merged in _pairs(node):
            if merged:
                self._count_repeat(key_node)
            if not _is_scalar(key_node):
                line, column = self._at(key_node)
                self.issues.append(
                    LoadIssue(
                        "POM012",
                        "a key must be a plain name, not a list or mapping",
                        line,
                        column,
                        hint="write `name: value`",
                    )
                )
                continue
            name = str(key_node.value)
            if first is None and not merged:
                first = key_node
            if watch and not merged and name == first.value and key_node is not first:
                self._missing_dash(key_node, first, dash or 0)
                run = {name: key_node}
                continue
            if run is not None and not merged:
                earlier = run.get(name)
                run[name] = earlier or key_node
                if earlier is None:
                    continue  # the next item's own key, not a duplicate
                self._duplicate(key_node, earlier)
                continue
            if name in where:
                if not merged:
                    self._duplicate(key_node, where[name])
                continue
            where[name] = key_node
            value = self.build(value_node, depth + 1)
            if value is not REFUSED:
                out[name] = value
        return out

    def _duplicate(self, key_node: Any, first: Any) -> None:
        line, column = self._at(key_node)
        name = str(key_node.value)
        self.issues.append(
            LoadIssue(
                "POM002",
                f"duplicate key {name[:60]!r} (first at line {first.start_mark.line + 1})",
                line,
                column,
                hint="remove or merge one of the two; pomkit keeps the first",
                end_column=column + len(name),
            )
        )

    def _missing_dash(self, key_node: Any, first: Any, dash: int) -> None:
        line, column = self._at(key_node)
        name = str(key_node.value)
        item = first.start_mark.line + 1
        self.issues.append(
            LoadIssue(
                "POM002",
                f"a new list item seems to be missing its `- `: {name[:60]!r} repeats the "
                f"first key of the item at line {item}",
                line,
                column,
                hint=f"write `- {name[:60]}:` at column {dash + 1}, as on line {item}; until "
                "then pomkit reads these keys as part of the item above and keeps its values",
                end_column=column + len(name),
            )
        )

    def _count_repeat(self, node: Any) -> None:
        """Count a node that an alias or merge repeats; stop an expansion bomb."""
        self.repeats += 1
        if self.repeats > self.limits.max_alias_nodes:
            line, column = self._at(node)
            raise _Abort(
                LoadIssue(
                    "POM004",
                    f"aliases expand to more than {self.limits.max_alias_nodes:,} extra "
                    "nodes (an alias bomb?)",
                    line,
                    column,
                    hint="use fewer or smaller anchors (&name / *name) and merges (<<)",
                )
            )

    def _check_merges(self, node: Any) -> None:
        for key, value in node.value:
            if not (_is_scalar(key) and key.value == "<<" and _tag(key) == _PLAIN):
                continue
            sources = value.value if _node_kind(value) == "sequence" else [value]
            if all(_node_kind(src) == "mapping" for src in sources):
                continue
            line, column = self._at(value)
            self.issues.append(
                LoadIssue(
                    "POM001",
                    "a merge (<<) takes a mapping or a list of mappings",
                    line,
                    column,
                    hint="merge an anchored mapping: `<<: *defaults`",
                )
            )

    def _scalar(self, node: Any) -> Any:
        tag = _tag(node)
        text = node.value
        if _SUSPICIOUS.search(text):
            text = self._suspicious(node, text)
        if tag == _PLAIN:
            return resolve_plain(text) if text else None
        if tag == _CORE + "str" or tag == "!":
            return text
        if tag in _STANDARD:
            value = resolve_plain(text)
            expected = tag[len(_CORE) :]
            if expected == "null" and value is None:
                return None
            if isinstance(value, Plain) and _fits(value.value, expected):
                return value
            line, column = self._at(node)
            self.issues.append(
                LoadIssue(
                    "POM003",
                    f"{text[:40]!r} cannot be read as !!{expected}",
                    line,
                    column,
                    hint="remove the tag or fix the value",
                )
            )
            return REFUSED
        self._tag_issue(node, tag)
        return REFUSED

    def _tag_issue(self, node: Any, tag: str) -> None:
        line, column = self._at(node)
        shown = tag.replace(_CORE, "!!")
        self.issues.append(
            LoadIssue(
                "POM003",
                f"tag {shown[:60]!r} is not allowed; models hold plain YAML data",
                line,
                column,
                hint="remove the tag: pomkit never runs code or includes files from YAML",
                end_column=column + len(shown),
            )
        )

    def _suspicious(self, node: Any, text: str) -> str:
        if _SURROGATE.search(text):
            # Escaped surrogate pairs ("\ud83d\ude00") are one character; lone halves
            # cannot be written as UTF-8 and become U+FFFD (and are reported).
            paired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            lone = paired.count("\ufffd") > text.count("\ufffd")
            text = paired
            if lone:
                line, column = self._at(node)
                self.issues.append(
                    LoadIssue(
                        "POM011",
                        "text holds an unpaired surrogate escape (replaced by U+FFFD)",
                        line,
                        column,
                        hint="write the character itself, or a \\U escape of its code point",
                    )
                )
        char = _SUSPICIOUS.search(text)
        if char is None:
            return text
        line, column = self._at(node)
        self.issues.append(
            LoadIssue(
                "POM011",
                f"text holds an invisible or control character U+{ord(char.group()):04X}",
                line,
                column,
                hint="remove it: control and bidirectional characters can hide what text says",
            )
        )
        return text


def _fits(value: Any, expected: str) -> bool:
    if expected == "bool":
        return isinstance(value, bool)
    if expected == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return False

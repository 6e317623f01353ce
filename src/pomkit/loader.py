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
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pomkit.model import Plain

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
#: Input whose nesting may exceed this is not handed to a C parser (they crash near 20k).
_C_SAFE_DEPTH = 1000


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

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


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
        source = Source(display, "")
        source.issues.append(
            LoadIssue(
                "POM006",
                f"file is {_size(info.st_size)}, over the limit of {_size(limits.max_bytes)}",
                hint="split the model, or raise max_file_size in the pomkit configuration",
            )
        )
        return source
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except OSError as err:
        raise LoadError(display, f"cannot read: {err.strerror}") from None
    if len(raw) > limits.max_bytes:  # it grew while we looked
        source = Source(display, "")
        source.issues.append(LoadIssue("POM006", f"file is over {_size(limits.max_bytes)}"))
        return source
    text, issue = decode(raw)
    if issue is not None:
        source = Source(display, "")
        source.issues.append(issue)
        return source
    return parse(text, display, limits)


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
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return "", LoadIssue(
            "POM007",
            f"file is not valid UTF-8 (byte 0x{raw[err.start]:02x} at line {line}, byte {column})",
            line=line,
            column=column,
            hint="re-save the file as UTF-8",
        )


# --------------------------------------------------------------------------- parsing


def parse(text: str, file: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Source:
    """Parse YAML ``text`` into a :class:`Source`; problems become issues."""
    source = Source(file, text)
    if not text.strip() or _only_comments(text):
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
        if root.tag.endswith(":map") or _node_kind(root) == "mapping":
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
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


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


def nesting_bound(text: str) -> int:
    """An upper bound of the nesting depth of ``text``, cheap to compute.

    Block nesting needs a column of indentation (or a ``- ``) per level, with
    at most one extra level per column (a sequence at its key's indentation);
    flow nesting needs an open bracket per level. Over-estimates are fine:
    they only send the text to the slower pure-Python parser.
    """
    brackets = text.count("[") + text.count("{")
    flow = 0
    if brackets > _C_SAFE_DEPTH // 2:
        depth = 0
        for char in re.findall(r"[\[\]{}]", text):
            depth = depth + 1 if char in "[{" else max(depth - 1, 0)
            flow = max(flow, depth)
    block = max((len(m) for m in _BLOCK_PREFIX.findall(text)), default=0)
    return 2 * block + flow + 2


_BLOCK_PREFIX = re.compile(r"^[ \-?:]*", re.MULTILINE)


def _compose(text: str, source: Source, limits: Limits) -> Any:
    """The root node of ``text``, or ``None`` with an issue recorded."""
    use_c = _c_parser() is not None and nesting_bound(text) <= _C_SAFE_DEPTH
    if os.environ.get("POMKIT_PURE_YAML"):
        use_c = False
    source.parser = "libyaml" if use_c else "ruamel-pure"
    try:
        return _compose_c(text) if use_c else _compose_pure(text, limits)
    except RecursionError:
        source.issues.append(
            LoadIssue(
                "POM005",
                "nesting is too deep to read",
                hint=f"a model needs a few levels; pomkit reads at most {limits.max_depth}",
            )
        )
    except Exception as err:  # every parser error, including non-YAMLError ones
        source.issues.append(_syntax_issue(err, limits))
    return None


def _syntax_issue(err: Exception, limits: Limits) -> LoadIssue:
    problem = str(getattr(err, "problem", "") or "")
    context = str(getattr(err, "context", "") or "")
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
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


_C_LOADER: Any = None


def _compose_c(text: str) -> Any:
    global _C_LOADER
    if _C_LOADER is None:
        from yaml.nodes import ScalarNode
        from yaml.resolver import BaseResolver

        class _Resolver(BaseResolver):
            """Resolves every untagged plain scalar to the private plain tag."""

            def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
                # Same answer as BaseResolver with the one wildcard resolver, faster.
                if kind is ScalarNode:
                    return _PLAIN if implicit[0] else "tag:yaml.org,2002:str"
                return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]

        _Resolver.yaml_implicit_resolvers = {}
        _Resolver.add_implicit_resolver(_PLAIN, _ANYTHING, None)

        class _Loader(_c_parser(), _Resolver):  # type: ignore[misc]
            def __init__(self, stream: str) -> None:
                _c_parser().__init__(self, stream)
                _Resolver.__init__(self)

        _C_LOADER = _Loader
    loader = _C_LOADER(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_PURE_RESOLVER: Any = None


def _compose_pure(text: str, limits: Limits) -> Any:
    global _PURE_RESOLVER
    from ruamel.yaml import YAML

    if _PURE_RESOLVER is None:
        from ruamel.yaml.resolver import BaseResolver as RuamelResolver

        class _PureResolver(RuamelResolver):
            processing_version = (1, 2)

            def __init__(self, version: Any = None, loader: Any = None, **kw: Any) -> None:
                super().__init__(loader)

        _PureResolver.yaml_implicit_resolvers = {}
        _PureResolver.add_implicit_resolver(_PLAIN, _ANYTHING, None)
        _PURE_RESOLVER = _PureResolver
    # A fresh instance each time: ruamel keeps parser state after an error.
    yaml = YAML(typ="safe", pure=True)
    yaml.Resolver = _PURE_RESOLVER
    yaml.max_depth = limits.max_depth + 1
    return yaml.compose(text)


# --------------------------------------------------------------------------- nodes


def _node_kind(node: Any) -> str:
    name = type(node).__name__
    if name.startswith("Mapping"):
        return "mapping"
    if name.startswith("Sequence"):
        return "sequence"
    return "scalar"


def _is_scalar(node: Any) -> bool:
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
# C0/C1 controls (but tab and newlines), bidi overrides, lone surrogates.
_SUSPICIOUS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
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

    def build(self, node: Any, depth: int) -> Any:
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
                        hint="use fewer or smaller anchors (&name / *name)",
                    )
                )
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
                items = (self.build(item, depth + 1) for item in node.value)
                return [item for item in items if item is not REFUSED]
            return self._mapping(node, depth)
        finally:
            self.active.discard(key)

    def _mapping(self, node: Any, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        where: dict[str, Any] = {}
        for key_node, value_node, merged in _pairs(node):
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
            if name in where:
                first = where[name]
                if not merged:
                    line, column = self._at(key_node)
                    self.issues.append(
                        LoadIssue(
                            "POM002",
                            f"duplicate key {name[:60]!r} (first at line "
                            f"{first.start_mark.line + 1})",
                            line,
                            column,
                            hint="remove or merge one of the two; pomkit keeps the first",
                            end_column=column + len(name),
                        )
                    )
                continue
            where[name] = key_node
            value = self.build(value_node, depth + 1)
            if value is not REFUSED:
                out[name] = value
        return out

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
        line, column = self._at(node)
        char = _SUSPICIOUS.search(text)
        assert char is not None
        self.issues.append(
            LoadIssue(
                "POM011",
                f"text holds an invisible or control character U+{ord(char.group()):04X}",
                line,
                column,
                hint="remove it: control and bidirectional characters can hide what text says",
            )
        )
        # Lone surrogates cannot be written as UTF-8: keep the output writable.
        return _SURROGATE.sub("\ufffd", text)


def _fits(value: Any, expected: str) -> bool:
    if expected == "bool":
        return isinstance(value, bool)
    if expected == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return False


# --------------------------------------------------------------------------- discovery

_MODEL_MARK = re.compile(rb"^apiVersion:[ \t]*[\"']?pomkit/", re.MULTILINE)
_SKIP_DIRS = frozenset((".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"))


def is_model_file(path: Path) -> bool:
    """Whether ``path`` is a YAML file whose top level declares ``apiVersion: pomkit/…``."""
    if path.suffix not in (".yaml", ".yml"):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return False
    return _MODEL_MARK.search(head) is not None


def find_models(paths: Sequence[str]) -> list[str]:
    """The model files named by ``paths``: files as given, directories searched.

    Raises :class:`LoadError` for a missing path or a directory without models.
    """
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            inside = [str(p) for p in sorted(_walk(path)) if is_model_file(p)]
            if not inside:
                raise LoadError(
                    name,
                    "no model files found in this directory",
                    "model files are *.yaml/*.yml whose top level has `apiVersion: pomkit/v1`",
                )
            found.extend(inside)
        elif path.exists() or path.is_symlink():
            found.append(name)
        else:
            raise LoadError(name, "no such file or directory", "check the path")
    return list(dict.fromkeys(found))


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
        for filename in filenames:
            yield Path(dirpath, filename)

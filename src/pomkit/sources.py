"""What the user named as input: files, directories searched for models, stdin (`-`) and git blobs.

Every command that reads models (validate now, diff later) goes through here:
:func:`resolve` turns command-line arguments into :class:`Input` values
(directories expanded, the same file named twice kept once, pomkit's own
configuration files recognised), and :func:`read` turns one into the loader's
:class:`~pomkit.loader.Source`, with the same size limit and encoding checks
whatever the input came from.

An argument is, in this order: ``-`` (stdin, at most once); an existing path
(so a file literally named ``a:b.yaml`` is a file); ``REV:path``, read from git
in the current repository like ``git show REV:path`` (``path`` is relative to
the repository root, or to the current directory when it starts with ``./`` or
``../``). ``REV:dir`` naming a directory is an error: pomkit does not search
directories inside a revision.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pomkit.lines import LINE_BREAK
from pomkit.loader import DEFAULT_LIMITS, Limits, LoadError, Source, parse_bytes, too_large
from pomkit.loader import read as read_file

Kind = Literal["file", "stdin", "git", "config"]

#: File names that hold pomkit's configuration (see :mod:`pomkit.config`), never a model.
CONFIG_NAMES = frozenset((".pomkit.yaml", "pyproject.toml"))
#: Display name of the model read from standard input.
STDIN_NAME = "<stdin>"
#: Seconds one git command may take before pomkit gives up on it.
GIT_TIMEOUT = 30.0

_SKIP_DIRS = frozenset((".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"))
_SUFFIXES = frozenset((".yaml", ".yml"))
#: How much of a file the model check reads; the header is always near the top.
_HEAD_BYTES = 64 * 1024
_GIT_HINT = (
    "REV:path reads a file from git (e.g. HEAD~1:model.yaml); the path is relative to the "
    "repository root, or to the current directory when it starts with ./"
)


@dataclass(frozen=True)
class Input:
    """One thing to read: a file, stdin, a blob in a git revision, or a configuration file."""

    #: How findings and messages name it: the path as given, ``<stdin>`` or ``REV:path``.
    name: str
    kind: Kind
    #: The file's path as given or found; for git, the path part as written; ``None`` for stdin.
    path: str | None = None
    #: The git revision (``main``, ``HEAD~1``, a commit id) of a ``git`` input.
    rev: str | None = None

    @property
    def directory(self) -> Path:
        """Where configuration for this input is looked up from.

        A file's own directory; the current directory for stdin and git blobs,
        whose path in the working tree may not exist or may hold other content.
        """
        if self.kind in ("file", "config") and self.path is not None:
            return Path(self.path).parent
        return Path(".")


# --------------------------------------------------------------------------- resolving


def resolve(args: Sequence[str]) -> list[Input]:
    """The inputs named by command-line ``args``, directories expanded, each input once.

    Files named explicitly are kept whatever their name or content (configuration
    files become ``config`` inputs); directories are searched for model files.
    The first spelling of a file named twice (``a.yaml ./a.yaml``, a symlink to it,
    a directory holding it) wins. Raises :class:`LoadError` for a path that does
    not exist and is no ``REV:path``, a directory without models, or ``-`` twice.
    """
    found: list[Input] = []
    seen: set[tuple[str, ...]] = set()
    stdin = False
    for arg in args:
        if arg == "-":
            if stdin:
                raise LoadError("-", "stdin named more than once", "pass `-` once")
            stdin = True
        for item in _expand(arg):
            key = _identity(item)
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _expand(arg: str) -> Iterator[Input]:
    if arg == "-":
        yield Input(STDIN_NAME, "stdin")
        return
    path = Path(arg)
    if path.is_dir():
        inside = sorted(_walk(path))
        models = [p for p in inside if is_model_file(p)]
        if not models:
            raise LoadError(
                arg,
                "no model files found in this directory",
                "model files are *.yaml/*.yml whose top level has `apiVersion: pomkit/v1`",
            )
        for model in models:
            yield Input(str(model), "file", str(model))
    elif path.exists() or path.is_symlink():
        # Broken links and FIFOs are kept: reading them gives the precise error.
        yield Input(arg, "config" if is_config_file(path) else "file", arg)
    else:
        spec = _git_spec(arg)
        if spec is None:
            raise LoadError(arg, "no such file or directory", "check the path")
        rev, inner = spec
        yield Input(arg, "git", inner, rev)


def _identity(item: Input) -> tuple[str, ...]:
    if item.kind in ("file", "config") and item.path is not None:
        # realpath never raises, not even on a symlink loop (reading reports that).
        return ("file", os.path.realpath(item.path))
    return (item.kind, item.rev or "", item.path or "")


def _git_spec(arg: str) -> tuple[str, str] | None:
    """``(rev, path)`` of an argument that reads as ``REV:path``, else ``None``."""
    rev, colon, inner = arg.partition(":")
    if not colon or not rev or not inner:
        return None
    if rev.startswith("-"):
        return None  # would be read as an option by git
    if len(rev) == 1 and inner[:1] in ("/", "\\"):
        return None  # a Windows drive (C:\models\x.yaml), not a revision
    return rev, inner


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
        for filename in filenames:
            yield Path(dirpath, filename)


def is_config_file(path: Path) -> bool:
    """Whether ``path`` is named like a configuration file (.pomkit.yaml, pyproject.toml)."""
    return path.name in CONFIG_NAMES


def is_model_file(path: Path) -> bool:
    """Whether ``path`` is a YAML file whose top level declares ``apiVersion: pomkit/…``.

    A cheap check of the file's head, not a parse: it reads the first 64 KiB.
    """
    if path.suffix.lower() not in _SUFFIXES or is_config_file(path):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO or device would block or never end
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return False
    return declares_model(head.decode("utf-8", "replace"))


# --------------------------------------------------------------------------- the head check

# A top-level `apiVersion` key (plain or quoted) whose value starts with pomkit/,
# at the indentation of the document's first line: a deeper key is nested, and a
# commented one starts with `#`.
_BLOCK_MARK = r"""^{indent}(?:apiVersion|"apiVersion"|'apiVersion')[ \t]*:[ \t]*["']?pomkit/"""
_FLOW_STOP = frozenset(",[]{}")
_SPACE = frozenset(" \t\r\n")


def declares_model(head: str) -> bool:
    """Whether the text of a file's head declares a pomkit model at its top level.

    Handles block style (``apiVersion: pomkit/v1`` at column 0, the key plain or
    quoted) and a flow-style top level (``{apiVersion: pomkit/v1, …}``, JSON too).
    """
    if "apiVersion" not in head:
        return False  # most YAML files in a repository end here
    # One kind of line break below: a file saved with lone CRs is a model too.
    text = LINE_BREAK.sub("\n", head.removeprefix("\ufeff"))
    start = _content_start(text)
    if start is None:
        return False
    if text[start] == "{":
        return _flow_declares(text, start)
    if text[start] == "[":
        return False  # a top-level list is no model
    indent = start - (text.rfind("\n", 0, start) + 1)
    return _block_mark(indent).search(text, start - indent) is not None


def _content_start(text: str) -> int | None:
    """Index of the document's first content character, past comments, directives and ``---``."""
    offset = 0
    while offset < len(text):
        newline = text.find("\n", offset)
        end = len(text) if newline < 0 else newline
        line = text[offset:end]
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", "%")):
            if stripped == "---" or stripped.startswith(("--- ", "---\t")):
                rest = stripped[3:].lstrip()
                if rest and not rest.startswith("#"):
                    return offset + line.index(rest)
            else:
                return offset + len(line) - len(line.lstrip())
        offset = end + 1
    return None


@functools.lru_cache(maxsize=16)
def _block_mark(indent: int) -> re.Pattern[str]:
    return re.compile(_BLOCK_MARK.format(indent=" " * indent), re.MULTILINE)


def _flow_declares(text: str, start: int) -> bool:
    """Scan a flow mapping for ``apiVersion: pomkit/…`` among its own keys (not nested ones)."""
    depth = 0
    key: str | None = None  # the last scalar seen where a key stands, at depth 1
    colon = False  # past the `:` of that key
    quoted = False  # the last token was a quoted scalar (then `:` needs no space after it)
    i, end = start, len(text)
    while i < end:
        char = text[i]
        if char in _SPACE:
            i += 1
            continue
        if char == "#" and text[i - 1] in _SPACE:
            newline = text.find("\n", i)
            i = end if newline < 0 else newline
            continue
        if char in "{[":
            depth += 1
            i += 1
            quoted = False
            continue
        if char in "}]":
            depth -= 1
            if depth <= 0:
                return False
            i += 1
            quoted = False
            continue
        if char == ",":
            if depth == 1:
                key, colon = None, False
            i += 1
            quoted = False
            continue
        after = text[i + 1] if i + 1 < end else " "
        if char == ":" and (quoted or after in _SPACE or after in _FLOW_STOP):
            if depth == 1:
                colon = True
            i += 1
            quoted = False
            continue
        if char in "\"'":
            token, i = _quoted_token(text, i)
            if i < 0:
                return False  # an unterminated quote: let the parser say so
            quoted = True
        else:
            token, i = _plain_token(text, i)
            quoted = False
        if depth == 1:
            if colon and key == "apiVersion":
                return token.startswith("pomkit/")
            if not colon:
                key = token
    return False


def _quoted_token(text: str, i: int) -> tuple[str, int]:
    """The content of the quoted scalar at ``i`` and the index after it (-1 if unterminated)."""
    quote = text[i]
    j = i + 1
    while j < len(text):
        char = text[j]
        if quote == '"' and char == "\\":
            j += 2
            continue
        if char == quote:
            if quote == "'" and text[j + 1 : j + 2] == "'":
                j += 2  # '' is an escaped quote
                continue
            return text[i + 1 : j], j + 1
        j += 1
    return "", -1


def _plain_token(text: str, i: int) -> tuple[str, int]:
    """The plain scalar at ``i`` in flow context, and the index after it."""
    j = i
    end = len(text)
    while j < end:
        char = text[j]
        if char in _FLOW_STOP:
            break
        if char == ":":
            after = text[j + 1] if j + 1 < end else " "
            if after in _SPACE or after in _FLOW_STOP:
                break
        if char == "#" and text[j - 1] in _SPACE:
            break
        j += 1
    return text[i:j].strip(), j


# --------------------------------------------------------------------------- reading


def read(item: Input, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Read one input into a :class:`Source`; raises :class:`LoadError` when it cannot be read.

    Whatever the input, content problems (size, encoding, YAML) are issues of the
    returned source, exactly as for a file.
    """
    if item.kind == "stdin":
        return _read_stdin(limits)
    if item.kind == "git":
        return _read_git(item, limits)
    if item.path is None:
        raise LoadError(item.name, "names no file")
    source = read_file(item.path, limits)
    source.file = item.name
    return source


def _read_stdin(limits: Limits) -> Source:
    stream = sys.stdin
    if stream is None:
        raise LoadError(STDIN_NAME, "there is no standard input to read")
    if stream.isatty():
        # Waiting for someone to type a model is never what was meant.
        raise LoadError(
            STDIN_NAME,
            "standard input is a terminal",
            "pipe the model in: `cat model.yaml | pomkit validate -`",
        )
    try:
        raw = stream.buffer.read(limits.max_bytes + 1)
    except (OSError, ValueError) as err:  # ValueError: the stream is closed
        raise LoadError(STDIN_NAME, f"cannot read standard input: {err}") from None
    return parse_bytes(raw, STDIN_NAME, limits)


def _read_git(item: Input, limits: Limits) -> Source:
    spec = f"{item.rev}:{item.path}"
    kind = _git(item.name, "cat-file", "-t", spec).decode("ascii", "replace").strip()
    if kind == "tree":
        raise LoadError(
            item.name,
            f"is a directory in {item.rev}",
            f"name a model file in it, e.g. {spec.rstrip('/')}/model.yaml; "
            "pomkit does not search directories inside a revision",
        )
    if kind != "blob":
        raise LoadError(item.name, f"is a {kind} in git, not a file", _GIT_HINT)
    size_text = _git(item.name, "cat-file", "-s", spec).strip()
    try:
        size = int(size_text)
    except ValueError:
        raise LoadError(item.name, f"git gave no size: {size_text[:60]!r}") from None
    if size > limits.max_bytes:
        return too_large(item.name, size, limits)
    raw = _git(item.name, "cat-file", "blob", spec)
    # The revision may have moved since the size check; the limit holds anyway.
    return parse_bytes(raw[: limits.max_bytes + 1], item.name, limits)


def _git(name: str, *args: str) -> bytes:
    """Stdout of one git command run in the current directory, or :class:`LoadError`."""
    try:
        done = subprocess.run(
            ["git", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise LoadError(
            name,
            "git is not installed, and no file has this name",
            "install git, or check the path",
        ) from None
    except subprocess.TimeoutExpired:
        raise LoadError(name, f"git did not answer within {GIT_TIMEOUT:g} s") from None
    except OSError as err:
        raise LoadError(name, f"cannot run git: {err.strerror}") from None
    if done.returncode != 0:
        raise LoadError(
            name, f"no such file, and git cannot read it: {_reason(done.stderr)}", _GIT_HINT
        )
    return done.stdout


def _reason(stderr: bytes) -> str:
    """Git's own one-line reason (its ``fatal:`` line, without the prefix)."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    main = next((line for line in lines if line.startswith(("fatal:", "error:"))), None)
    if main is None:
        return lines[0][:200] if lines else "git failed without saying why"
    return main.partition(":")[2].strip()[:200]

"""Starting models for ``pomkit init``: a shipped example with its metadata made the user's."""

from __future__ import annotations

import difflib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from pomkit.lines import count_breaks, for_parser, split_lines
from pomkit.model import ID_PATTERN, Archetype, kebab
from pomkit.schema import SCHEMA_ID

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

#: The six archetypes of the model format; each has a shipped example of that name.
ARCHETYPES: tuple[str, ...] = tuple(a.value for a in Archetype)
DEFAULT_ARCHETYPE = Archetype.AGILE.value
#: Where a model goes when no PATH is given: the published pre-commit hook's
#: ``files:`` pattern and the README's CI recipes look for models there.
DEFAULT_DIRECTORY = Path("operating-model")
#: A new model is a first draft, whatever version the example had reached.
START_VERSION = "0.1"
SUFFIXES = (".yaml", ".yml")

# The pattern ends in `$`, which also matches before a final newline: use fullmatch.
_ID = re.compile(ID_PATTERN)
_MODELINE = re.compile(r"#\s*yaml-language-server:")
# What pomkit's loader flags inside text (POM011), plus line breaks (U+2028 and
# U+2029 too: renderers break lines there) and tabs: a title is one line of visible text.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff]"
)
# Text that reads as itself in every YAML version when written plain: a letter
# first, then letters, digits, spaces and punctuation with no YAML meaning.
_PLAIN = re.compile(r"[^\W\d_][\w .,&()/'’–—+-]*(?<! )")
# Words that YAML 1.1 tools (editors, PyYAML) would read as booleans or null.
_YAML11_WORDS = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])


class ScaffoldError(Exception):
    """A choice or path ``init`` cannot use; ``hint`` says what to do instead."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Plan:
    """What ``init`` will write: which example, under which name, and where."""

    example: str
    name: str
    title: str
    #: ``None`` writes to stdout.
    target: Path | None
    #: The target's directory does not exist yet and will be created.
    creates_directory: bool = False


# --------------------------------------------------------------------------- the examples


def shipped(folder: str) -> Traversable:
    """A top-level folder of the repository shipped inside the package as ``pomkit/_<folder>``."""
    packaged = resources.files("pomkit").joinpath(f"_{folder}")
    if packaged.is_dir():
        return packaged
    # From a source checkout (an editable install, or PYTHONPATH=src) the folder
    # is only at the top level: setuptools' editable finder cannot map a folder
    # without __init__.py into the package, so look beside src/.
    checkout = Path(__file__).resolve().parents[2] / folder
    if checkout.is_dir():
        return checkout
    raise ScaffoldError(
        f"this installation of pomkit has no {folder}/ (looked in {packaged} and {checkout})",
        "reinstall pomkit from a wheel or a source checkout",
    )


def examples() -> dict[str, Traversable]:
    """The shipped example models by name (``agile`` for ``examples/agile.yaml``)."""
    found = {
        entry.name.removesuffix(".yaml"): entry
        for entry in shipped("examples").iterdir()
        if entry.is_file() and entry.name.endswith(".yaml")
    }
    return dict(sorted(found.items()))


def choose_example(archetype: str | None, example: str | None) -> str:
    """The example to start from: an archetype's, or any shipped one named with ``--from``."""
    if archetype is not None and example is not None:
        raise ScaffoldError(
            "give --archetype or --from, not both",
            "--archetype picks one of the six archetypes, --from any shipped example",
        )
    shipped_examples = examples()
    if example is not None:
        if example not in shipped_examples:
            raise ScaffoldError(
                f"no shipped example is named {example!r}",
                _choices("--from", example, list(shipped_examples)),
            )
        return example
    chosen = DEFAULT_ARCHETYPE if archetype is None else archetype
    if chosen not in ARCHETYPES:
        hint = _choices("--archetype", chosen, list(ARCHETYPES))
        if chosen in shipped_examples:
            hint = f"{chosen!r} is an example, not an archetype: use --from {chosen}"
        raise ScaffoldError(f"unknown archetype {chosen!r}", hint)
    if chosen not in shipped_examples:
        raise ScaffoldError(
            f"this installation of pomkit has no example for archetype {chosen!r}",
            "reinstall pomkit",
        )
    return chosen


def _choices(flag: str, given: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(given, allowed, n=1)
    guess = f"did you mean {close[0]!r}? " if close else ""
    return f"{guess}{flag} takes one of: {', '.join(allowed)}"


# --------------------------------------------------------------------------- the plan


def plan(
    path: str | None,
    *,
    archetype: str | None = None,
    example: str | None = None,
    name: str | None = None,
    title: str | None = None,
    force: bool = False,
) -> Plan:
    """Check every choice and the target path before anything is written.

    ``path`` is a file, a directory to put ``<name>.yaml`` in, ``-`` for stdout,
    or ``None`` for ``operating-model/<name>.yaml``. The name is ``name``, else
    the file's stem kebab-cased, else the example's name.
    """
    source = choose_example(archetype, example)
    if path is not None and not path.strip():
        raise ScaffoldError("PATH is empty", "give a file name, a directory, or - for stdout")
    if name is not None:
        _check_name(name)
    if path == "-":
        target = None
        name = name or source
    elif path is None or path.endswith(("/", "\\")) or Path(path).is_dir():
        name = name or source
        target = (DEFAULT_DIRECTORY if path is None else Path(path)) / f"{name}.yaml"
    else:
        target = Path(path)
        if target.suffix.lower() not in SUFFIXES:
            raise ScaffoldError(
                f"{path}: a model file's name ends in .yaml or .yml",
                f"pomkit finds models by that suffix; e.g. {path}.yaml",
            )
        name = name or _name_from(target)
    title = _title_from(name) if title is None else title
    _check_title(title)
    creates = target is not None and _check_target(target, force)
    return Plan(source, name, title, target, creates)


def _check_name(name: str) -> None:
    if not _ID.fullmatch(name):
        suggestion = kebab(name).strip("-") or "checkout"
        raise ScaffoldError(
            f"--name {name!r} is not a valid id: use lowercase letters, digits and single "
            "hyphens (kebab-case)",
            f"e.g. --name {suggestion}",
        )


def _name_from(target: Path) -> str:
    stem = target.stem.removesuffix(".pom")
    # Fold accents (Ärzte → Arzte) so that a German or French file name keeps its words.
    ascii_stem = "".join(
        c for c in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(c)
    )
    name = kebab(ascii_stem).strip("-")
    if not name:
        raise ScaffoldError(
            f"cannot make a model id from the file name {target.name!r}",
            "give one with --name, e.g. --name checkout",
        )
    return name


def _title_from(name: str) -> str:
    return " ".join(word.capitalize() for word in name.split("-"))


def _check_title(title: str) -> None:
    if not title.strip():
        raise ScaffoldError("--title is empty", "e.g. --title 'Checkout'")
    bad = _INVISIBLE.search(title)
    if bad:
        raise ScaffoldError(
            f"--title holds a control or invisible character U+{ord(bad.group()):04X}",
            "a title is one line of visible text",
        )


def _check_target(target: Path, force: bool) -> bool:
    """Refuse targets that must not be replaced; return whether the directory is missing."""
    if target.is_dir():
        raise ScaffoldError(f"{target} is a directory", "give a file name ending in .yaml")
    if target.exists() or target.is_symlink():
        if not target.is_file():
            raise ScaffoldError(f"{target} exists and is not a regular file", "give another PATH")
        if not force:
            raise ScaffoldError(
                f"{target} already exists",
                "pass --force to replace it, or give another PATH",
            )
    for parent in (target.parent, *target.parent.parents):
        if parent.exists():
            if not parent.is_dir():
                raise ScaffoldError(f"{parent} is not a directory", "give another PATH")
            return parent != target.parent
    return True


def make_directory(target: Path) -> None:
    """Create the target's missing directories."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ScaffoldError(f"cannot create directory {target.parent}: {err.strerror}") from None


# --------------------------------------------------------------------------- the text


def render(example: str, *, name: str, title: str, today: date) -> str:
    """The shipped example's text made the user's (see :func:`adapt`)."""
    text = examples()[example].read_text(encoding="utf-8")
    return adapt(text, example=example, name=name, title=title, today=today)


def adapt(text: str, *, example: str, name: str, title: str, today: date) -> str:
    """A model's text with the user's metadata and the published schema's modeline.

    Targeted line edits rather than dumping a re-parsed document: every comment,
    blank line, flow list and folded paragraph of the example stays as written.
    Metadata keys the example lacks are added after the ones it has.
    """
    values = {
        "name": _scalar(name),
        "title": _scalar(title),
        "version": START_VERSION,
        "updated": today.isoformat(),
    }
    return _edit(text, example, values)


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar every YAML version reads back as that same text."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML11_WORDS:
        return text
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _edit(text: str, example: str, values: dict[str, str]) -> str:
    # Lines as the parser's marks number them: only CR LF, CR and LF end a line.
    lines = split_lines(text, keepends=True)
    replaced: dict[int, list[str]] = {}
    dropped: set[int] = set()

    metadata = _child(yaml.compose(for_parser(text).text, Loader=yaml.SafeLoader), "metadata")
    if not isinstance(metadata, yaml.MappingNode) or metadata.flow_style:
        raise ScaffoldError(f"example {example!r}: metadata is not a block mapping")
    fields = {k.value: (k, v) for k, v in metadata.value if isinstance(k, yaml.ScalarNode)}
    indent = " " * metadata.start_mark.column
    previous: int | None = None
    for key, value in values.items():
        line = f"{indent}{key}: {value}\n"
        if key in fields:
            key_node, value_node = fields[key]
            first = key_node.start_mark.line
            # A value may span lines; its trailing comment goes with it, as it
            # spoke of the old value.
            span = text[value_node.start_mark.index : value_node.end_mark.index].rstrip()
            dropped.update(range(first + 1, value_node.start_mark.line + count_breaks(span) + 1))
            replaced[first] = [line]
            previous = first
        elif previous is not None:
            replaced[previous].append(line)
        else:  # name and title come first and every valid model has them
            raise ScaffoldError(f"example {example!r}: metadata has no {key!r}")

    head = [
        f"# yaml-language-server: $schema={SCHEMA_ID}\n",
        "#\n",
        f'# Started with `pomkit init` from pomkit\'s "{example}" example: everything below\n',
        "# still describes the example's organisation. Make it yours, then validate it.\n",
    ]
    top = next((i for i, line in enumerate(lines) if not line.lstrip().startswith("#")), 0)
    modeline = next((i for i in range(top) if _MODELINE.match(lines[i])), None)
    if modeline is not None:
        replaced[modeline] = head
        head = []

    out = head
    for i, old in enumerate(lines):
        if i not in dropped:
            out.extend(replaced.get(i, [old]))
    return "".join(out)


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v  # type: ignore[no-any-return]
    return None

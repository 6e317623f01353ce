"""Configuration: `[tool.pomkit]` or `.pomkit.yaml`, found upward from a model, merged with flags.

Precedence: a rule's default < the configuration file < command-line flags. Every
error in a configuration file names the file and the line of the setting at fault:
YAML positions come from the loader, TOML positions from a small scanner (tomllib
keeps none).
"""

import contextlib
import datetime as dt
import os
import re
import stat
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
)

from pomkit.findings import Severity
from pomkit.loader import DEFAULT_LIMITS, Limits
from pomkit.modelkit import empty_dict, empty_list
from pomkit.suppression import WaiverEntry
from pomkit.wording import plain

FailLevel = Literal["error", "warning", "info", "never"]
CONFIG_FILE = ".pomkit.yaml"
#: The range of ``max_file_size``: a file over 1 GB would take minutes and gigabytes of
#: memory to check, and a limit beyond what an index can hold crashed reading.
MIN_FILE_SIZE = 1
MAX_FILE_SIZE = 1024**3
_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(b|kb|mb|gb)?\s*", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3}
_CODE_LIKE = re.compile(r"POM[0-9]{0,3}X*")
#: A path to a setting inside a configuration (``("rules", "POM307", "max_share")``).
ConfigPath = tuple[str | int, ...]


class ConfigError(Exception):
    """A configuration that cannot be used (exit 2)."""


class ConfigWaiver(BaseModel):
    """A waiver kept in the configuration rather than the model (see suppression.py)."""

    # Built on first use: most runs have no configuration file to validate.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    rule: str
    target: str = "*"
    reason: str = Field(min_length=1)
    expires: dt.date | None = None


@dataclass(frozen=True)
class Positions:
    """Where the settings of one configuration file are written."""

    file: str
    #: (path, locate the key rather than the value) → 1-based (line, column).
    locate: Callable[[ConfigPath, bool], tuple[int, int]]
    #: How the file spells the root of pomkit's settings (``tool.pomkit.`` in TOML).
    prefix: str = ""

    def place(self, path: ConfigPath, *, key: bool = False) -> str:
        """``file:line:column`` of a setting."""
        line, column = self.locate(path, key)
        return f"{self.file}:{line}:{column}"

    def at(self, path: ConfigPath, *, key: bool = False, label: str | None = None) -> str:
        """``file:line:column: setting`` for messages."""
        name = label if label is not None else _dotted(path)
        return f"{self.place(path, key=key)}: {(self.prefix + name).rstrip('.')}"


class DiffConfig(BaseModel):
    """The ``diff`` table of a configuration file (``pomkit diff``); unknown keys are errors.

    Declared here, not in the diff's package, so that reading a configuration never
    imports the diff (validate's start-up counts).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    format: Literal["text", "md", "json", "github"] | None = Field(
        None, description="Output format of `pomkit diff`."
    )
    fail_on: Literal["breaking", "notable", "info", "never"] | None = Field(
        None, description="Exit 1 when a change is at or above this level."
    )
    ignore: list[str] = Field(
        default_factory=empty_list, description="Change codes or prefixes not to report."
    )
    level: dict[str, Literal["breaking", "notable", "info"]] = Field(
        default_factory=empty_dict, description="A change code's (or family's) level, overridden."
    )

    @field_validator("ignore", mode="before")
    @classmethod
    def _comma_list(cls, value: Any) -> Any:
        # `ignore = "DIFF4,DIFF501"` reads as the top level's `ignore` does.
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            return value
        return [
            part.strip()
            for item in items
            for part in (item.split(",") if isinstance(item, str) else [item])
            if not isinstance(part, str) or part.strip()
        ]


class FileConfig(BaseModel):
    """What a configuration file may say; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    select: list[str] | None = Field(
        None, description="Rule codes, prefixes or names to run (default: all)."
    )
    ignore: list[str] = Field(
        default_factory=empty_list, description="Rule codes, prefixes or names to skip."
    )
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=empty_dict)
    fail_on: FailLevel | None = None
    max_file_size: int | None = Field(
        None, description="Bytes, or e.g. '20MB': at most 1GB (default 20MB)."
    )
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=empty_dict, description="Options per rule code or name."
    )
    waivers: list[ConfigWaiver] = Field(default_factory=empty_list)
    diff: DiffConfig | None = Field(None, description="Settings of `pomkit diff`.")
    templates: str | None = Field(
        None, description="pomkit report: a folder of templates overriding the shipped ones."
    )

    _positions: Positions | None = PrivateAttr(default=None)

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        # `select = "POM2,POM3"` reads as well as a list of one.
        return [value] if isinstance(value, str) else value

    @field_validator("max_file_size", mode="before")
    @classmethod
    def _size(cls, value: Any) -> Any:
        return None if value is None else size_in_bytes(value)

    @property
    def positions(self) -> Positions | None:
        """Where each setting is written, for a configuration read from a file."""
        return self._positions


@dataclass(frozen=True)
class Settings:
    """Everything a validate run needs to know, resolved."""

    codes: frozenset[str]
    severities: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity | None = Severity.ERROR
    limits: Limits = DEFAULT_LIMITS
    #: Each rule's options, validated (a rule missing here runs with its defaults).
    options: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None
    waivers: tuple[WaiverEntry, ...] = ()


def fail_level(name: str) -> Severity | None:
    return None if name == "never" else Severity.parse(name)


# --------------------------------------------------------------------------- rule selection


def expand(
    patterns: Iterable[str],
    known: Iterable[str],
    origin: str,
    names: Mapping[str, str] | None = None,
) -> set[str]:
    """Rule codes matching ``patterns``: ``POM201``, a prefix ``POM2``, ``POM2xx``, ``ALL``
    or a rule name (``unknown-role``); an entry may be a comma-separated list of them.

    ``names`` maps rule names to codes (without it, only codes are understood).
    """
    known = sorted(known)
    out: set[str] = set()
    for raw in patterns:
        parts = [p.strip() for p in raw.split(",")]
        if not any(parts):
            raise ConfigError(f"{origin}: no rule given (write a code such as POM201 or a name)")
        for part in parts:
            if part:
                out.update(_expand_one(part, known, origin, names))
    return out


def _expand_one(
    pattern: str, known: list[str], origin: str, names: Mapping[str, str] | None
) -> set[str]:
    upper = pattern.upper()
    if upper == "ALL":
        return set(known)
    if _CODE_LIKE.fullmatch(upper):
        prefix = upper.rstrip("X")
        matched = {code for code in known if code.startswith(prefix)}
        if not matched:
            raise ConfigError(
                f"{origin}: unknown rule code {pattern!r} (run `pomkit rules` for the catalog; "
                "prefixes like POM2 or POM2xx select a family)"
            )
        return matched
    by_name = dict(names or {})
    code = by_name.get(pattern.lower())
    if code is not None:
        return {code}
    from pomkit.suggest import nearest

    guess = nearest(pattern, [*by_name, *known])
    hint = f"did you mean {guess!r}?" if guess else "run `pomkit rules` for the catalog"
    raise ConfigError(f"{origin}: unknown rule {_shown(pattern)} ({hint})")


# --------------------------------------------------------------------------- values


def size_in_bytes(value: object) -> int:
    """A ``max_file_size`` in bytes: a whole number of bytes or text such as ``20MB``.

    Raises ``ValueError`` (for pydantic) with the allowed range when out of it.
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"expected a number of bytes or a size such as 20MB, not {_kind(value)}")
    if isinstance(value, int):
        amount = Decimal(value)
    else:
        match = _SIZE.fullmatch(value)
        if match is None:
            raise ValueError(f"{_shown(value)} is not a size such as 512KB, 20MB or 1GB")
        amount = Decimal(match[1]) * _UNITS[(match[2] or "b").lower()]
    if not MIN_FILE_SIZE <= amount <= MAX_FILE_SIZE:
        raise ValueError(f"{_shown(value)} is out of range (allowed: 1 byte to 1GB)")
    return int(amount)


def parse_size(value: int | str, origin: str) -> int:
    """:func:`size_in_bytes`, raising :class:`ConfigError` naming ``origin``."""
    try:
        return size_in_bytes(value)
    except ValueError as err:
        raise ConfigError(f"{origin}: max_file_size: {err}") from None


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {_shown(value)}"
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _shown(value: object, limit: int = 40) -> str:
    """``repr`` of a value for a message, cut short: fuzzing writes 300-digit numbers."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text)} characters)"


def _dotted(path: Iterable[str | int]) -> str:
    return ".".join(str(p) for p in path)


# --------------------------------------------------------------------------- resolving


class _Where:
    """How messages name a setting: ``file:line:col: key`` when the file is known."""

    def __init__(self, config: FileConfig | None, origin: str) -> None:
        self.positions = config.positions if config is not None else None
        self.origin = origin

    def __call__(self, path: ConfigPath, *, key: bool = False, label: str | None = None) -> str:
        if self.positions is not None:
            return self.positions.at(path, key=key, label=label)
        return f"{self.origin}: {label if label is not None else _dotted(path)}"

    def place(self, path: ConfigPath, *, key: bool = False) -> str:
        """Where a setting is (``file:line:col``), or what holds it when no file does."""
        if self.positions is not None:
            return self.positions.place(path, key=key)
        return f"{self.origin}: {path[0]}" if path else self.origin

    def line(self, path: ConfigPath) -> tuple[int | None, int | None]:
        if self.positions is None:
            return None, None
        return self.positions.locate(path, False)


def _options(
    cls: type[BaseModel] | None,
    code: str,
    values: Mapping[str, Any],
    current: BaseModel | None,
    where: Callable[..., str],
) -> BaseModel:
    """Validate a rule's options against its options class (unknown names, wrong types
    and values out of range are errors); ``where(name, key=)`` is an option's place."""
    if cls is None:
        name = next(iter(values), "?")
        raise ConfigError(
            f"{where(name, key=True)}: {code} has no option {name!r} (it takes no options)"
        )
    for name, value in values.items():
        info = cls.model_fields.get(name)
        if isinstance(value, bool) and info is not None and info.annotation is not bool:
            raise ConfigError(
                f"{where(name)}: {code}.{name} = {str(value).lower()}: expected "
                f"{_expected(info.annotation)}, not a boolean{_about(cls, name)}"
            )
        if isinstance(value, str) and info is not None and info.annotation in (int, float):
            # As in a model, a quoted number is text: no silent coercion.
            raise ConfigError(
                f"{where(name)}: {code}.{name} = {_shown(value)}: expected "
                f"{_expected(info.annotation)}, not text (remove the quotes)"
                f"{_about(cls, name)}"
            )
    merged = {**(current.model_dump() if current is not None else {}), **dict(values)}
    try:
        return cls.model_validate(merged)
    except ValidationError as err:
        first = err.errors(include_input=False, include_url=False)[0]
        name = _dotted(first["loc"]) or "?"
        if first["type"] == "extra_forbidden":
            listing = ", ".join(cls.model_fields) or "none"
            raise ConfigError(
                f"{where(name, key=True)}: {code} has no option {name!r} (its options: {listing})"
            ) from None
        shown = _shown(values[name]) if name in values else "(unset)"
        raise ConfigError(
            f"{where(name)}: {code}.{name} = {shown}: {plain(first)}{_about(cls, name)}"
        ) from None


def _expected(annotation: Any) -> str:
    return {int: "a whole number", float: "a number", str: "text"}.get(annotation, "a value")


def _about(cls: type[BaseModel], name: str) -> str:
    """`` (allowed: …; what it means)`` for an option."""
    info = cls.model_fields.get(name)
    if info is None:
        return ""
    bounds = []
    for mark in info.metadata:
        for attr, word in (("ge", "at least"), ("gt", "more than"), ("le", "at most"),
                           ("lt", "less than")):  # fmt: skip
            bound = getattr(mark, attr, None)
            if bound is not None:
                bounds.append(f"{word} {bound}")
    parts = [f"allowed: {' and '.join(bounds)}"] if bounds else []
    if info.description:
        parts.append(info.description.rstrip("."))
    return f" ({'; '.join(parts)})" if parts else ""


def no_configuration() -> FileConfig:
    """The configuration of no file, or of an empty one: every default.

    Constructed, not validated: defaults need no checking, and a run without a
    configuration file then never builds the configuration's validator (15 ms).
    """
    return FileConfig.model_construct()


def resolve(
    known: Mapping[str, Severity],
    file_config: FileConfig | None = None,
    *,
    origin: str = "configuration",
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
    option_classes: Mapping[str, type[BaseModel]] | None = None,
    names: Mapping[str, str] | None = None,
) -> Settings:
    """Merge defaults, a file's configuration and flags into :class:`Settings`.

    ``names`` maps rule names to codes, so that rules can be named as well as coded.
    """
    cfg = file_config or no_configuration()
    where = _Where(file_config, origin)
    codes = set(known)
    if cfg.select is not None:
        codes = _expand_list(cfg.select, "select", known, where, names)
    codes -= _expand_list(cfg.ignore, "ignore", known, where, names)
    if select:
        codes = expand(select, known, "--select", names)
    codes -= expand(ignore, known, "--ignore", names)
    severities: dict[str, Severity] = {}
    for pattern, level in cfg.severity.items():
        for code in expand([pattern], known, where(("severity", pattern), key=True), names):
            severities[code] = Severity.parse(level)
    options: dict[str, BaseModel] = {}
    classes = option_classes or {}
    for pattern, values in cfg.rules.items():
        for code in expand([pattern], known, where(("rules", pattern), key=True), names):

            def option_at(name: str, *, key: bool = False, at: str = pattern) -> str:
                return where.place(("rules", at, name), key=key)

            options[code] = _options(classes.get(code), code, values, options.get(code), option_at)
    fail_name: str = fail_on or cfg.fail_on or "error"
    limits = DEFAULT_LIMITS
    if cfg.max_file_size is not None:
        limits = Limits(
            max_bytes=cfg.max_file_size,
            max_depth=limits.max_depth,
            max_alias_nodes=limits.max_alias_nodes,
        )
    waivers = []
    for index, w in enumerate(cfg.waivers):
        line, column = where.line(("waivers", index))
        waivers.append(
            WaiverEntry(
                # A rule may be named as well as coded, as in select and ignore.
                (names or {}).get(w.rule.strip().lower(), w.rule),
                w.target,
                w.reason,
                w.expires,
                origin=origin,
                line=line,
                column=column,
            )
        )
    return Settings(
        codes=frozenset(codes),
        severities=severities,
        fail_on=fail_level(fail_name),
        limits=limits,
        options=options,
        source=None if file_config is None else origin,
        waivers=tuple(waivers),
    )


def _expand_list(
    patterns: Sequence[str],
    key: str,
    known: Iterable[str],
    where: _Where,
    names: Mapping[str, str] | None,
) -> set[str]:
    out: set[str] = set()
    for index, pattern in enumerate(patterns):
        out |= expand([pattern], known, where((key, index), label=key), names)
    return out


# --------------------------------------------------------------------------- finding files


def find(start: Path) -> Path | None:
    """The nearest `.pomkit.yaml`, or `pyproject.toml` with a `tool.pomkit` table, above ``start``.

    Nothing is remembered between calls but what a ``stat`` proves unchanged, so a
    configuration created or edited while the process runs is seen.
    """
    folder = os.path.realpath(start)
    while True:
        candidate = os.path.join(folder, CONFIG_FILE)
        if os.path.isfile(candidate):
            return Path(candidate)
        pyproject = os.path.join(folder, "pyproject.toml")
        if _declares_pomkit(pyproject):
            return Path(pyproject)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


#: pyproject.toml path → (its stat signature, whether it has a tool.pomkit table).
_DECLARES: dict[str, tuple[tuple[int, ...], bool]] = {}
# A header or dotted key naming tool.pomkit, for a pyproject.toml tomllib cannot read.
_TOOL_POMKIT = re.compile(
    r"""^[ \t]*(?:\[\[?[ \t]*["']?tool["']?[ \t]*\.[ \t]*["']?pomkit\b"""
    r"""|["']?tool["']?[ \t]*\.[ \t]*["']?pomkit\b)""",
    re.MULTILINE,
)


def _declares_pomkit(path: str) -> bool:
    """Whether ``path`` is a pyproject.toml with a ``tool.pomkit`` table, however spelt."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    signature = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_dev)
    cached = _DECLARES.get(path)
    if cached is not None and cached[0] == signature:
        return cached[1]
    found = _has_pomkit_table(Path(path))
    if len(_DECLARES) >= 1024:
        _DECLARES.clear()
    _DECLARES[path] = (signature, found)
    return found


def _has_pomkit_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "pomkit" not in text:
        return False  # most pyproject.toml files end here, unparsed
    tomllib = _tomllib()
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        # Broken, yet it seems meant for pomkit: reading it reports the error.
        return _TOOL_POMKIT.search(text) is not None
    tool = data.get("tool")
    return isinstance(tool, dict) and "pomkit" in tool


# --------------------------------------------------------------------------- reading files


def read(path: Path) -> FileConfig:
    """Read one configuration file; raise :class:`ConfigError` with a location if unusable."""
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        return _read_toml(path)
    return _read_yaml(path)


def _tomllib() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    return tomllib


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = " (at end of document)"


def _read_toml(path: Path) -> FileConfig:
    tomllib = _tomllib()
    text = _read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(_toml_syntax(path, text, str(err))) from None
    except RecursionError:
        # tomllib parses nested arrays and tables by recursion.
        raise ConfigError(f"{path}: arrays or tables nested too deeply to read") from None
    scanner = _LazyToml(text)
    positions = Positions(str(path), scanner.locate, "tool.pomkit.")
    tool = data.get("tool")
    if tool is None:
        return _with_positions(no_configuration(), positions)
    if not isinstance(tool, dict):
        raise ConfigError(
            f"{_toml_at(path, scanner, ('tool',))}: `tool` must be a table such as "
            f"[tool.pomkit], not {_kind(tool)}"
        )
    section = tool.get("pomkit")
    if section is None:
        return _with_positions(no_configuration(), positions)
    if not isinstance(section, dict):
        raise ConfigError(
            f"{_toml_at(path, scanner, ('tool', 'pomkit'))}: `tool.pomkit` must be a table "
            f"such as [tool.pomkit], not {_kind(section)}"
        )
    return _validate(section, positions)


def _toml_syntax(path: Path, text: str, message: str) -> str:
    """tomllib's message as ``file:line:col: message`` (it ends "(at line N, column M)")."""
    at = _TOML_AT.search(message)
    if at is not None:
        line, column = at.groups()
        return f"{path}:{line}:{column}: {message[: at.start()]}"
    if message.endswith(_TOML_END):
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
        return f"{path}:{line}:{column}: {message[: -len(_TOML_END)]}"
    return f"{path}: {message}"


def _toml_at(path: Path, scanner: "_LazyToml", full: ConfigPath) -> str:
    line, column = scanner.locate_full(full, key=True)
    return f"{path}:{line}:{column}"


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        raise ConfigError(f"{path}:{line}:{column}: not UTF-8 text") from None


def _read_yaml(path: Path) -> FileConfig:
    from pomkit import loader

    try:
        source = loader.read(path)
    except loader.LoadError as err:
        raise ConfigError(str(err)) from None
    # An empty or comment-only file is an empty configuration (POM008 for a model).
    issues = [issue for issue in source.issues if issue.code != "POM008"]
    if issues:
        issue = issues[0]
        message = issue.message
        if issue.code == "POM009":  # the loader speaks of models
            message = f"{message.split(';')[0]}; {_MAPPING}"
        raise ConfigError(f"{path}:{issue.line}:{issue.column}: {message}")
    data = _plain(source.data) if source.data is not None else {}

    def locate(parts: ConfigPath, key: bool) -> tuple[int, int]:
        line, column, _ = source.locate(parts, key=key)
        return line, column

    return _validate(data, Positions(str(path), locate))


def _plain(value: Any) -> Any:
    from pomkit.scalars import Plain

    if isinstance(value, Plain):
        return value.value
    if isinstance(value, dict):
        # Keys as written: `307:` is the text "307", as the loader locates it.
        return {(k.text if isinstance(k, Plain) else k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_MAPPING = f"a configuration is a mapping of settings ({', '.join(FileConfig.model_fields)})"


def _with_positions(config: FileConfig, positions: Positions) -> FileConfig:
    config._positions = positions
    return config


def _validate(data: Any, positions: Positions) -> FileConfig:
    if not isinstance(data, dict):
        line, column = positions.locate((), False)
        raise ConfigError(f"{positions.file}:{line}:{column}: {_MAPPING}, not {_kind(data)}")
    try:
        config = FileConfig.model_validate(data)
    except ValidationError as err:
        errors = err.errors(include_input=False, include_url=False)
        # A misspelt key also makes the key it meant "missing": name the misspelling.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = tuple(first["loc"])
        message = plain(first)
        if first["type"] == "extra_forbidden":
            # An unknown key in a waiver lists a waiver's keys, not the top level's.
            model: type[BaseModel] = FileConfig
            if loc[:1] == ("waivers",) and len(loc) == 3:
                model = ConfigWaiver
            elif loc[:1] == ("diff",) and len(loc) == 2:
                model = DiffConfig
            allowed = ", ".join(model.model_fields)
            message = f"unknown setting (allowed: {allowed})"
            from pomkit.suggest import nearest

            guess = nearest(str(loc[-1]), list(model.model_fields))
            if guess is not None:
                message = f"unknown setting; did you mean {guess!r}? (allowed: {allowed})"
            raise ConfigError(f"{positions.at(loc, key=True)}: {message}") from None
        raise ConfigError(f"{positions.at(loc)}: {message}") from None
    return _with_positions(config, positions)


# --------------------------------------------------------------------------- TOML positions


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class _LazyToml:
    """Positions in a TOML text, scanned on first use (most runs never need one)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._scan: _TomlScan | None = None

    @property
    def scan(self) -> "_TomlScan":
        if self._scan is None:
            self._scan = _TomlScan(self.text)
        return self._scan

    def locate(self, path: ConfigPath, key: bool) -> tuple[int, int]:
        return self.locate_full(("tool", "pomkit", *path), key=key)

    def locate_full(self, path: ConfigPath, *, key: bool = False) -> tuple[int, int]:
        """The value (a scalar's, or an array item's) or key at ``path``; a path not
        written points at the nearest enclosing key that is, else line 1."""
        scan = self.scan
        if not key and path in scan.values:
            return scan.position(scan.values[path])
        for end in range(len(path), 0, -1):
            offset = scan.keys.get(path[:end])
            if offset is not None:
                return scan.position(offset)
        return 1, 1


class _TomlScan:
    """Offsets of the keys and values of a TOML document that tomllib has accepted.

    A best-effort scanner, not a parser: it follows table headers (``[a.b]``,
    ``[[a.b]]`` with the index of each repetition), dotted and quoted keys, inline
    tables and arrays, and steps over strings and comments. It never raises; what it
    cannot follow is left out, and locating falls back to an enclosing key.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        #: Path → offset of the key (or header) that names it.
        self.keys: dict[ConfigPath, int] = {}
        #: Path → offset of a scalar value or an array item.
        self.values: dict[ConfigPath, int] = {}
        self._counts: dict[ConfigPath, int] = {}
        self._lines = [0, *(m.end() for m in re.finditer(r"\n", text))]
        with contextlib.suppress(IndexError, ValueError, RecursionError):
            self._document()

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._lines, offset) - 1
        return index + 1, offset - self._lines[index] + 1

    # -- the grammar, as far as positions need it

    def _document(self) -> None:
        text, i = self.text, 0
        table: ConfigPath = ()
        while True:
            i = self._blank(i, newlines=True)
            if i >= len(text):
                return
            if text.startswith("[[", i):
                start = i
                parts, i = self._key(i + 2)
                table = self._array_table(parts, start)
                i = text.index("]]", i) + 2
            elif text[i] == "[":
                parts, i = self._key(i + 1)
                table = self._table(parts)
                i = text.index("]", i) + 1
            else:
                i = self._pair(i, table)

    def _table(self, parts: list[tuple[str, int]]) -> ConfigPath:
        path: ConfigPath = ()
        for name, offset in parts:
            path = (*self._through(path), name)
            self.keys.setdefault(path, offset)
        return path

    def _array_table(self, parts: list[tuple[str, int]], start: int) -> ConfigPath:
        path = self._table(parts)
        index = self._counts.get(path, 0)
        self._counts[path] = index + 1
        # Each [[x]] names the next item of x; point at its header.
        item = (*path, index)
        self.keys[item] = start
        return item

    def _through(self, path: ConfigPath) -> ConfigPath:
        """A header path that passes an array of tables means its latest item."""
        count = self._counts.get(path)
        return path if count is None else (*path, count - 1)

    def _pair(self, i: int, table: ConfigPath) -> int:
        parts, i = self._key(i)
        path = table
        for name, offset in parts:
            path = (*path, name)
            self.keys.setdefault(path, offset)
        i = self._blank(i)
        if self.text[i] != "=":
            raise ValueError("not a key/value pair")
        return self._value(self._blank(i + 1), path)

    def _key(self, i: int) -> tuple[list[tuple[str, int]], int]:
        text = self.text
        parts: list[tuple[str, int]] = []
        while True:
            i = self._blank(i)
            start = i
            if text[i] in "\"'":
                end = self._string_end(i)
                name = text[i + 1 : end - 1]
                if text[i] == '"':
                    name = name.replace('\\"', '"').replace("\\\\", "\\")
                i = end
            else:
                match = _BARE_KEY.match(text, i)
                if match is None:
                    raise ValueError("not a key")
                name, i = match.group(), match.end()
            parts.append((name, start))
            i = self._blank(i)
            if i < len(text) and text[i] == ".":
                i += 1
                continue
            return parts, i

    def _value(self, i: int, path: ConfigPath) -> int:
        text = self.text
        char = text[i]
        if char == "[":
            return self._array(i + 1, path)
        if char == "{":
            # An inline table in an array has no key: point at its brace.
            self.keys.setdefault(path, i)
            return self._inline_table(i + 1, path)
        self.values[path] = i
        if char in "\"'":
            return self._string_end(i)
        end = i
        while end < len(text) and text[end] not in ",]}\n#":
            end += 1
        return end

    def _array(self, i: int, path: ConfigPath) -> int:
        index = 0
        while True:
            i = self._blank(i, newlines=True)
            if self.text[i] == "]":
                return i + 1
            if self.text[i] == ",":
                i += 1
                continue
            i = self._value(i, (*path, index))
            index += 1

    def _inline_table(self, i: int, path: ConfigPath) -> int:
        while True:
            i = self._blank(i, newlines=True)
            if self.text[i] == "}":
                return i + 1
            if self.text[i] == ",":
                i += 1
                continue
            i = self._pair(i, path)

    def _string_end(self, i: int) -> int:
        """The offset just past the string that starts at ``i``."""
        text = self.text
        quote = text[i]
        if text.startswith(quote * 3, i):
            end = i + 3
            while True:
                if quote == '"' and text[end] == "\\":
                    end += 2
                elif text.startswith(quote * 3, end):
                    # A run of up to five quotes ends it: the first two are content.
                    run = 3
                    while run < 5 and end + run < len(text) and text[end + run] == quote:
                        run += 1
                    return end + run
                else:
                    end += 1
        end = i + 1
        while text[end] != quote:
            end += 2 if quote == '"' and text[end] == "\\" else 1
        return end + 1

    def _blank(self, i: int, *, newlines: bool = False) -> int:
        """Skip spaces (and newlines and comments where the grammar allows them)."""
        text = self.text
        while i < len(text):
            char = text[i]
            if char in " \t" or (newlines and char in "\r\n"):
                i += 1
            elif char == "#" and newlines:
                end = text.find("\n", i)
                i = len(text) if end < 0 else end
            elif char == "#":
                end = text.find("\n", i)
                return len(text) if end < 0 else end
            else:
                return i
        return i

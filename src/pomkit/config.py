"""Configuration: `[tool.pomkit]` or `.pomkit.yaml`, found upward from a model, merged with flags.

Precedence: a rule's default < the configuration file < command-line flags.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pomkit.findings import Severity
from pomkit.loader import DEFAULT_LIMITS, Limits
from pomkit.suppression import WaiverEntry

FailLevel = Literal["error", "warning", "info", "never"]
CONFIG_FILE = ".pomkit.yaml"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3}


class ConfigError(Exception):
    """A configuration that cannot be used (exit 2)."""


class ConfigWaiver(BaseModel):
    """A waiver kept in the configuration rather than the model (see suppression.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    target: str = "*"
    reason: str = Field(min_length=1)
    expires: dt.date | None = None


class FileConfig(BaseModel):
    """What a configuration file may say; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    select: list[str] | None = Field(None, description="Rule codes or prefixes to run.")
    ignore: list[str] = Field(default_factory=list, description="Rule codes or prefixes to skip.")
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    fail_on: FailLevel | None = None
    max_file_size: int | str | None = Field(None, description="Bytes, or e.g. '20MB'.")
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Options per rule code."
    )
    waivers: list[ConfigWaiver] = Field(default_factory=list)
    templates: str | None = Field(
        None, description="pomkit report: a folder of templates overriding the shipped ones."
    )


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


def expand(patterns: Iterable[str], known: Iterable[str], origin: str) -> set[str]:
    """Rule codes matching ``patterns``: ``POM201``, a prefix ``POM2``, ``POM2xx`` or ``ALL``."""
    known = sorted(known)
    out: set[str] = set()
    for raw in patterns:
        pattern = raw.strip().upper()
        if pattern == "ALL":
            out.update(known)
            continue
        prefix = pattern.rstrip("X")
        matched = {code for code in known if code.startswith(prefix)} if prefix else set()
        if not matched or not re.fullmatch(r"POM\d{0,3}X*", pattern):
            raise ConfigError(
                f"{origin}: unknown rule code {raw!r} (run `pomkit rules` for the catalog; "
                "prefixes like POM2 or POM2xx select a family)"
            )
        out.update(matched)
    return out


def _options(
    cls: type[BaseModel] | None,
    code: str,
    values: Mapping[str, Any],
    current: BaseModel | None,
    origin: str,
) -> BaseModel:
    """Validate a rule's options against its options class (unknown names, wrong types
    and values out of range are errors)."""
    if cls is None:
        name = next(iter(values), "?")
        raise ConfigError(f"{origin}: {code} has no option {name!r} (it takes no options)")
    merged = {**(current.model_dump() if current is not None else {}), **dict(values)}
    try:
        return cls.model_validate(merged)
    except ValidationError as err:
        first = err.errors(include_input=False, include_url=False)[0]
        name = ".".join(str(p) for p in first["loc"]) or "?"
        if first["type"] == "extra_forbidden":
            listing = ", ".join(cls.model_fields) or "none"
            raise ConfigError(
                f"{origin}: {code} has no option {name!r} (its options: {listing})"
            ) from None
        info = cls.model_fields.get(name)
        about = f" ({info.description})" if info is not None and info.description else ""
        value = values.get(name)
        raise ConfigError(
            f"{origin}: {code}.{name} = {value!r}: {_plain_message(first['msg'])}{about}"
        ) from None


def _plain_message(text: str) -> str:
    """Pydantic's message without its "Value error, " prefix."""
    return text.removeprefix("Value error, ")


def parse_size(value: int | str, origin: str) -> int:
    if isinstance(value, int):
        return value
    match = _SIZE.match(value)
    if not match:
        raise ConfigError(f"{origin}: max_file_size {value!r} is not a size such as 20MB")
    return int(float(match[1]) * _UNITS[(match[2] or "b").lower()])


def resolve(
    known: Mapping[str, Severity],
    file_config: FileConfig | None = None,
    *,
    origin: str = "configuration",
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
    option_classes: Mapping[str, type[BaseModel]] | None = None,
) -> Settings:
    """Merge defaults, a file's configuration and flags into :class:`Settings`."""
    cfg = file_config or FileConfig()
    codes = expand(cfg.select, known, origin) if cfg.select is not None else set(known)
    codes -= expand(cfg.ignore, known, origin)
    if select:
        codes = expand(select, known, "--select")
    codes -= expand(ignore, known, "--ignore")
    severities: dict[str, Severity] = {}
    for pattern, level in cfg.severity.items():
        for code in expand([pattern], known, f"{origin} [severity]"):
            severities[code] = Severity.parse(level)
    options: dict[str, BaseModel] = {}
    classes = option_classes or {}
    for pattern, values in cfg.rules.items():
        for code in expand([pattern], known, f"{origin} [rules]"):
            options[code] = _options(
                classes.get(code), code, values, options.get(code), f"{origin}: rules"
            )
    fail_name: str = fail_on or cfg.fail_on or "error"
    limits = DEFAULT_LIMITS
    if cfg.max_file_size is not None:
        limits = Limits(
            max_bytes=parse_size(cfg.max_file_size, origin),
            max_depth=limits.max_depth,
            max_alias_nodes=limits.max_alias_nodes,
        )
    return Settings(
        codes=frozenset(codes),
        severities=severities,
        fail_on=fail_level(fail_name),
        limits=limits,
        options=options,
        source=None if file_config is None else origin,
        waivers=tuple(
            WaiverEntry(w.rule, w.target, w.reason, w.expires, origin=origin) for w in cfg.waivers
        ),
    )


# --------------------------------------------------------------------------- files


def find(start: Path) -> Path | None:
    """The nearest `.pomkit.yaml`, or `pyproject.toml` with `[tool.pomkit]`, above ``start``."""
    return _find(start.resolve())


@lru_cache(maxsize=256)
def _find(directory: Path) -> Path | None:
    for folder in (directory, *directory.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[tool\.pomkit(?:\.[^\]]*)?\]", text, re.MULTILINE) is not None


def read(path: Path) -> FileConfig:
    """Read one configuration file; raise :class:`ConfigError` with a location if unusable."""
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        return _read_toml(path)
    return _read_yaml(path)


def _read_toml(path: Path) -> FileConfig:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: {err}") from None
    section = data.get("tool", {}).get("pomkit", {})
    return _validate(section, str(path), lambda loc: f"{path}: [tool.pomkit] {loc}")


def _read_yaml(path: Path) -> FileConfig:
    from pomkit import loader

    try:
        source = loader.read(path)
    except loader.LoadError as err:
        raise ConfigError(str(err)) from None
    if source.issues:
        issue = source.issues[0]
        raise ConfigError(f"{path}:{issue.line}:{issue.column}: {issue.message}")
    data = _plain(source.data) if source.data is not None else {}

    def where(loc: str) -> str:
        parts = tuple(int(p) if p.isdigit() else p for p in loc.split(".") if p)
        line, column, _ = source.locate(parts)
        return f"{path}:{line}:{column}: {loc}"

    return _validate(data, str(path), where)


def _plain(value: Any) -> Any:
    from pomkit.scalars import Plain

    if isinstance(value, Plain):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _validate(data: Any, origin: str, where: Any) -> FileConfig:
    try:
        return FileConfig.model_validate(data)
    except ValidationError as err:
        first = err.errors(include_input=False, include_url=False)[0]
        loc = ".".join(str(p) for p in first["loc"])
        message = first["msg"]
        if first["type"] == "extra_forbidden":
            allowed = ", ".join(FileConfig.model_fields)
            message = f"unknown setting (allowed: {allowed})"
        raise ConfigError(f"{where(loc)}: {message}") from None

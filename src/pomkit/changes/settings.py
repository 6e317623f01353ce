"""The diff's settings: the ``diff`` table of `[tool.pomkit]` / `.pomkit.yaml`, merged with flags.

Precedence, as for validate: a check's default level < the configuration file < flags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from pomkit.changes.records import Level

DiffFormat = Literal["text", "md", "json", "github"]
DiffFailLevel = Literal["breaking", "notable", "info", "never"]
#: ``--fail-on`` when neither a flag nor the configuration says: a diff informs, by default.
DEFAULT_FAIL_ON: DiffFailLevel = "never"


class SettingsError(Exception):
    """Settings that cannot be used: an unknown change code, a bad level (exit 2)."""


class DiffTable(Protocol):
    """The ``diff`` table of a configuration file, as :class:`pomkit.config.DiffConfig`
    validates it (the configuration owns the file's shape; this is what the diff reads)."""

    @property
    def format(self) -> DiffFormat | None: ...
    @property
    def fail_on(self) -> DiffFailLevel | None: ...
    @property
    def ignore(self) -> list[str]: ...
    @property
    def level(self) -> dict[str, Literal["breaking", "notable", "info"]]: ...


@dataclass(frozen=True)
class DiffSettings:
    """Everything a diff run needs to know, resolved."""

    codes: frozenset[str]
    levels: Mapping[str, Level] = field(default_factory=dict)
    fail_on: Level | None = None
    format: DiffFormat = "text"


def fail_level(name: str) -> Level | None:
    return None if name == "never" else Level.parse(name)


def expand(patterns: Iterable[str], known: Iterable[str], origin: str) -> set[str]:
    """Change codes matching ``patterns``: ``DIFF012``, a prefix ``DIFF0``, ``DIFF0xx``, ``ALL``."""
    known = sorted(known)
    out: set[str] = set()
    for raw in patterns:
        pattern = raw.strip().upper()
        if pattern == "ALL":
            out.update(known)
            continue
        prefix = pattern.rstrip("X")
        matched = {code for code in known if code.startswith(prefix)} if prefix else set()
        if not matched or not re.fullmatch(r"DIFF\d{0,3}X*", pattern):
            raise SettingsError(
                f"{origin}: unknown change code {raw!r} (run `pomkit rules --diff` for the "
                "catalog; prefixes like DIFF2 or DIFF2xx name a family)"
            )
        out.update(matched)
    return out


def resolve(
    known: Mapping[str, Level],
    config: DiffTable | None = None,
    *,
    origin: str = "configuration",
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
    format: str | None = None,
) -> DiffSettings:
    """Merge the checks' defaults, a configuration's ``diff`` table and the flags."""
    table_ignore = config.ignore if config is not None else []
    table_level = config.level if config is not None else {}
    table_format = config.format if config is not None else None
    table_fail_on = config.fail_on if config is not None else None
    codes = set(known) - expand(table_ignore, known, f"{origin} [diff] ignore")
    codes -= expand(ignore, known, "--ignore")
    levels: dict[str, Level] = {}
    for pattern, level in table_level.items():
        for code in expand([pattern], known, f"{origin} [diff] level"):
            levels[code] = Level.parse(level)
    chosen = format or table_format or "text"
    if chosen not in ("text", "md", "json", "github"):
        raise SettingsError(f"unknown diff format {chosen!r}")
    return DiffSettings(
        codes=frozenset(codes),
        levels=levels,
        fail_on=fail_level(fail_on or table_fail_on or DEFAULT_FAIL_ON),
        format=chosen,  # type: ignore[arg-type]
    )

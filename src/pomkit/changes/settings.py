"""The diff's settings: the ``diff`` table of `[tool.pomkit]` / `.pomkit.yaml`, merged with flags.

Precedence, as for validate: a check's default level < the configuration file < flags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pomkit.changes.records import Level

DiffFormat = Literal["text", "md", "json", "github"]
DiffFailLevel = Literal["breaking", "notable", "info", "never"]
#: ``--fail-on`` when neither a flag nor the configuration says: a diff informs, by default.
DEFAULT_FAIL_ON: DiffFailLevel = "never"


class SettingsError(Exception):
    """Settings that cannot be used: an unknown change code, a bad level (exit 2)."""


class DiffConfig(BaseModel):
    """The ``diff`` table of a configuration file; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: DiffFormat | None = Field(None, description="Output format of `pomkit diff`.")
    fail_on: DiffFailLevel | None = Field(
        None, description="Exit 1 when a change is at or above this level."
    )
    ignore: list[str] = Field(
        default_factory=list, description="Change codes or prefixes not to report."
    )
    level: dict[str, Literal["breaking", "notable", "info"]] = Field(
        default_factory=dict, description="A change code's (or family's) level, overridden."
    )


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
    config: DiffConfig | None = None,
    *,
    origin: str = "configuration",
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
    format: str | None = None,
) -> DiffSettings:
    """Merge the checks' defaults, a configuration's ``diff`` table and the flags."""
    cfg = config or DiffConfig()
    codes = set(known) - expand(cfg.ignore, known, f"{origin} [diff] ignore")
    codes -= expand(ignore, known, "--ignore")
    levels: dict[str, Level] = {}
    for pattern, level in cfg.level.items():
        for code in expand([pattern], known, f"{origin} [diff] level"):
            levels[code] = Level.parse(level)
    chosen = format or cfg.format or "text"
    if chosen not in ("text", "md", "json", "github"):
        raise SettingsError(f"unknown diff format {chosen!r}")
    return DiffSettings(
        codes=frozenset(codes),
        levels=levels,
        fail_on=fail_level(fail_on or cfg.fail_on or DEFAULT_FAIL_ON),
        format=chosen,  # type: ignore[arg-type]
    )

"""What a change check is: the registry, the :func:`check` decorator, and what a check yields.

A check is one function decorated with :func:`check`, in a module of
:mod:`pomkit.changes.checks`. It reads the neutral :class:`~pomkit.changes.compare.Comparison`
and yields light :class:`Found` records; the runner (:mod:`pomkit.changes.run`) — never the
check — stamps the code and the configured level on each and locates it in the files.
Its docstring is its documentation (``pomkit explain DIFF012``), and its ``old``/``new``
examples are sections laid over the rules' small clean model, run by the test suite.

*Fallback* checks (added, removed, text and other field changes) report only what no
other check claimed, so that every difference is reported exactly once.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pomkit.changes.compare import Comparison, Delta, Pair
from pomkit.changes.records import ChangeKind, Level

CODE_PATTERN = re.compile(r"DIFF\d{3}")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Found:
    """What a check reports: the pair it is about, the field, the values and the words."""

    pair: Pair
    kind: ChangeKind
    message: str
    #: The field path inside the item (``target.value``); ``""`` for the whole item.
    path: str = ""
    before: Any = None
    after: Any = None
    hint: str | None = None
    #: Further field keys of the same item this change covers (fallbacks skip them).
    claims: tuple[str, ...] = ()
    #: Whether this change covers its own field (``path``), so fallbacks skip it; ``False``
    #: for a change about part of a field whose other differences are still to report.
    claim: bool = True


Check = Callable[[Comparison], Iterable[Found]]


@dataclass(frozen=True)
class ChangeCheck:
    """A registered check: identity, default level, documentation, examples, function."""

    code: str
    name: str
    level: Level
    summary: str
    check: Check
    #: Sections laid over the base model for OLD (empty: the base model itself) and NEW.
    old: str
    new: str
    fallback: bool = False

    @property
    def description(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def family(self) -> str:
        return self.code[:5] + "xx"


CHECKS: dict[str, ChangeCheck] = {}


def check(
    code: str,
    name: str,
    level: Level,
    summary: str,
    *,
    new: str,
    old: str = "",
    fallback: bool = False,
) -> Callable[[Check], Check]:
    """Register a change check. Codes and names are unique and stable; the docstring is
    its manual; ``old``/``new`` must raise it (the test suite runs them)."""

    def register(function: Check) -> Check:
        if not CODE_PATTERN.fullmatch(code):
            raise ValueError(f"change code {code!r} must look like DIFF123")
        if not NAME_PATTERN.fullmatch(name):
            raise ValueError(f"change check name {name!r} must be kebab-case")
        if code in CHECKS:
            raise ValueError(f"change code {code} is registered twice")
        if any(c.name == name for c in CHECKS.values()):
            raise ValueError(f"change check name {name!r} is registered twice")
        if not (function.__doc__ or "").strip():
            raise ValueError(f"change check {code} needs a docstring: it is the documentation")
        CHECKS[code] = ChangeCheck(
            code=code,
            name=name,
            level=level,
            summary=summary,
            check=function,
            old=_dedent(old),
            new=_dedent(new),
            fallback=fallback,
        )
        return function

    return register


def _dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + ("\n" if text.strip() else "")


def registry() -> dict[str, ChangeCheck]:
    """Every change check, importing each module of :mod:`pomkit.changes.checks` on first use."""
    if not _LOADED:
        import pomkit.changes.checks

        for found in pkgutil.iter_modules(pomkit.changes.checks.__path__, "pomkit.changes.checks."):
            importlib.import_module(found.name)
        _LOADED.append(True)
    return CHECKS


_LOADED: list[bool] = []


# --------------------------------------------------------------------------- helpers


def deltas(cmp: Comparison, kinds: Iterable[str], key: str) -> Iterator[tuple[Pair, Delta]]:
    """Each matched pair of ``kinds`` whose field ``key`` differs, with its delta."""
    for kind in kinds:
        for pair in cmp.of(kind):
            found = pair.delta(key)
            if found is not None:
                yield pair, found


def removed(cmp: Comparison, kind: str) -> Iterator[Pair]:
    return (pair for pair in cmp.of(kind) if pair.status == "removed")


def added(cmp: Comparison, kind: str) -> Iterator[Pair]:
    return (pair for pair in cmp.of(kind) if pair.status == "added")


def lookalike_hint(cmp: Comparison, pair: Pair) -> str | None:
    """For an undeclared rename: the removed (or added) item this one looks like."""
    other = cmp.lookalikes.get(id(pair))
    if other is None:
        return None
    there = "added" if other.status == "added" else "removed"
    if pair.kind == "handoff":
        return f"{other.item.label} was {there} and looks like it: was the handoff re-routed?"
    gone, came = (pair, other) if pair.status == "removed" else (other, pair)
    old_id, new_id = gone.item.ident, came.item.ident
    return (
        f"{other.item.label} was {there} and looks like it: if '{old_id}' was renamed to "
        f"'{new_id}', write `renamed_from: {old_id}` on '{new_id}' to report one rename"
    )

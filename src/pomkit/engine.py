"""The rule engine: load the registry, run rules over a file, turn problems into findings.

Rules are defined in :mod:`pomkit.rules` (see :mod:`pomkit.rules.core`). The engine —
never the rule — stamps the code and the configured severity on each problem,
resolves its model path to a line and column, and applies suppressions and waivers.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pomkit import suppression
from pomkit.findings import Finding, Severity, Suppressed
from pomkit.loader import Source
from pomkit.rules.core import RULES, Context, Options, Problem, Rule
from pomkit.structure import Structure


def registry() -> dict[str, Rule]:
    """All rules, importing every rule module of every family package on first use."""
    if not _LOADED:
        import pomkit.rules

        for found in pkgutil.walk_packages(pomkit.rules.__path__, "pomkit.rules."):
            if found.name != "pomkit.rules.core":
                importlib.import_module(found.name)
        _LOADED.append(True)
    return RULES


_LOADED: list[bool] = []


@dataclass(frozen=True)
class Checked:
    """What the rules found in one file: the findings kept, and those silenced on purpose."""

    findings: list[Finding]
    suppressed: list[Suppressed]


def run(
    source: Source,
    structure: Structure | None,
    rules: Iterable[Rule],
    severities: Mapping[str, Severity] | None = None,
    options: Mapping[str, Options] | None = None,
    waivers: Sequence[suppression.WaiverEntry] = (),
    today: dt.date | None = None,
) -> list[Finding]:
    """Run ``rules`` over one loaded file, apply suppressions and waivers, sort.

    ``options`` are the rules' options as the configuration resolved them (a rule
    missing there runs with its defaults); ``waivers`` are those from the
    configuration — the model's own are added here.
    """
    return check(source, structure, rules, severities, options, waivers, today).findings


def check(
    source: Source,
    structure: Structure | None,
    rules: Iterable[Rule],
    severities: Mapping[str, Severity] | None = None,
    options: Mapping[str, Options] | None = None,
    waivers: Sequence[suppression.WaiverEntry] = (),
    today: dt.date | None = None,
) -> Checked:
    """:func:`run`, keeping the findings that comments and waivers silenced as well."""
    severities = severities or {}
    options = options or {}
    rules = list(rules)
    shared: dict[str, Any] = {}
    # Each finding carries the waiver target of its item, computed once per file.
    targets = suppression.subjects(source.data)

    def execute(current: Rule) -> Iterator[Finding]:
        if current.needs_model and (structure is None or structure.model is None):
            return
        settings = options.get(current.code) or current.defaults
        context = Context(source, structure, settings, shared)
        severity = severities.get(current.code, current.severity)
        for problem in current.check(context):
            yield _finding(source, structure, current, severity, problem, targets)

    found = [f for r in rules if not r.after_suppression for f in execute(r)]
    outcome = suppression.apply(
        found,
        source.text,
        [*waivers, *_model_waivers(structure)],
        (r.code for r in rules if not r.after_suppression),
        today or dt.date.today(),
        RULES,
        {r.name: r.code for r in RULES.values()},
    )
    shared["suppression"] = outcome
    meta = [f for r in rules if r.after_suppression for f in execute(r)]
    silenced = [_suppressed(source, finding, by) for finding, by in outcome.suppressed]
    return Checked(sorted([*outcome.kept, *meta]), sorted(silenced, key=lambda s: s.finding))


def _suppressed(
    source: Source, finding: Finding, by: suppression.Directive | suppression.WaiverEntry
) -> Suppressed:
    if isinstance(by, suppression.Directive):
        return Suppressed(finding, "comment", at=f"{source.file}:{by.line}")
    at: str | None = None
    if by.path is not None:
        at = f"{source.file}:{source.locate(by.path)[0]}"
    elif by.origin is not None:
        at = f"{by.origin}:{by.line}" if by.line is not None else by.origin
    return Suppressed(finding, "waiver", by.reason, at)


def _model_waivers(structure: Structure | None) -> list[suppression.WaiverEntry]:
    if structure is None or structure.model is None:
        return []
    # A rule may be named as well as coded (`rule: idle-role`), as in --select.
    names = {r.name: r.code for r in RULES.values()}
    return [
        suppression.WaiverEntry(
            names.get(w.rule.strip().lower(), w.rule),
            w.target,
            w.reason,
            w.expires,
            path=structure.remap.to_source(("waivers", i)),
        )
        for i, w in enumerate(structure.model.waivers)
    ]


def _finding(
    source: Source,
    structure: Structure | None,
    current: Rule,
    severity: Severity,
    problem: Problem,
    targets: Mapping[str, str],
) -> Finding:
    path = problem.path
    if structure is not None and current.needs_model and not problem.in_source:
        path = structure.remap.to_source(path)
    if problem.line is not None:
        line, column, end = problem.line, problem.column or 1, problem.end_column
    else:
        line, column, end = source.locate(path, key=problem.key)
    return Finding(
        file=source.file,
        line=line,
        column=column,
        code=current.code,
        severity=severity,
        message=problem.message,
        path=tuple(path),
        hint=problem.hint,
        end_column=end,
        target=suppression.target(tuple(path), targets),
    )

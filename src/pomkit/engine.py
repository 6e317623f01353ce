"""The rule engine: the registry, the context rules read, and turning problems into findings.

A rule is one function decorated with :func:`rule`; it reads a
:class:`Context` and yields light :class:`Problem` records. The engine — never
the rule — stamps the code and the configured severity on each and resolves
its model path to a line and column.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pomkit import suppression
from pomkit.findings import Finding, ModelPath, RuleInfo, Severity
from pomkit.graph import Organisation
from pomkit.loader import LoadIssue, Source
from pomkit.model import OperatingModel, RefSite, iter_refs, raw_refs
from pomkit.structure import SchemaIssue, Structure, section_class

CODE_PATTERN = re.compile(r"^POM\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    """What a rule reports: a model path (or an explicit position), a message, a hint."""

    path: ModelPath = ()
    message: str = ""
    hint: str | None = None
    #: Point at the key rather than the value (unknown keys).
    key: bool = False
    #: ``path`` is already a path in the file, not in the (pruned) model.
    in_source: bool = False
    line: int | None = None
    column: int | None = None
    end_column: int | None = None


@dataclass
class Context:
    """Everything a rule may read about one file."""

    source: Source
    structure: Structure | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    #: Facts derived once per file and shared by every rule (see :meth:`derived`).
    shared: dict[str, Any] = field(default_factory=dict)

    def derived(self, name: str, make: Callable[[], Any]) -> Any:
        """Compute a fact about the model once per file (the refs, the graph …)."""
        if name not in self.shared:
            self.shared[name] = make()
        return self.shared[name]

    @property
    def org(self) -> Organisation:
        """The organisation indexes and graph, built once per file."""
        return self.derived("org", lambda: Organisation.build(self.model))  # type: ignore[no-any-return]

    @property
    def refs(self) -> list[RefSite]:
        """Every reference in the model, computed once per file.

        References written in items that were left out of the model for a structure
        error are included too (with paths in the file), so that one mistake in an
        item does not hide another in the same item.
        """
        return self.derived("refs", self._all_refs)  # type: ignore[no-any-return]

    def _all_refs(self) -> list[RefSite]:
        found = list(iter_refs(self.model))
        assert self.structure is not None
        broken = {issue.path for issue in self.structure.issues}
        for path, item in self.structure.remap.dropped:
            cls = section_class(path)
            if cls is None:
                continue
            for site in raw_refs(cls, item, path):
                if site.path not in broken and site.path[:-1] not in broken:
                    found.append(site)
        return found

    @property
    def model(self) -> OperatingModel:
        """The validated model; rules declared with ``needs_model`` always have one."""
        assert self.structure is not None
        assert self.structure.model is not None
        return self.structure.model

    @property
    def has_model(self) -> bool:
        return self.structure is not None and self.structure.model is not None

    @property
    def ids(self) -> dict[str, dict[str, ModelPath]]:
        """Ids defined in the file by kind (including items dropped for structure errors)."""
        return self.structure.ids if self.structure is not None else {}

    def load_issues(self, code: str) -> Iterator[LoadIssue]:
        return (issue for issue in self.source.issues if issue.code == code)

    def schema_issues(self, *kinds: str) -> Iterator[SchemaIssue]:
        if self.structure is None:
            return iter(())
        return (issue for issue in self.structure.issues if issue.kind in kinds)


Check = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: identity, default severity, documentation, examples, check."""

    code: str
    name: str
    severity: Severity
    summary: str
    check: Check
    bad: str
    good: str
    #: The examples are whole files rather than sections laid over the base model.
    whole_file: bool = False
    needs_model: bool = True
    options: Mapping[str, Any] = field(default_factory=dict)
    #: Runs after every other rule, over what suppression did (POM090–POM093).
    after_suppression: bool = False

    @property
    def description(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def family(self) -> str:
        return self.code[:4] + "xx"

    def info(self) -> RuleInfo:
        return RuleInfo(self.code, self.name, self.severity, self.summary, self.description)


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    bad: str,
    good: str,
    whole_file: bool = False,
    needs_model: bool = True,
    options: Mapping[str, Any] | None = None,
    after_suppression: bool = False,
) -> Callable[[Check], Check]:
    """Register a rule. Codes and names are unique and stable; the docstring is its manual."""

    def register(check: Check) -> Check:
        if not CODE_PATTERN.match(code):
            raise ValueError(f"rule code {code!r} must look like POM123")
        if not NAME_PATTERN.match(name):
            raise ValueError(f"rule name {name!r} must be kebab-case")
        if code in RULES:
            raise ValueError(f"rule code {code} is registered twice")
        if any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule name {name!r} is registered twice")
        if not (check.__doc__ or "").strip():
            raise ValueError(f"rule {code} needs a docstring: it is the user documentation")
        RULES[code] = Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            check=check,
            bad=textwrap.dedent(bad).strip("\n") + ("\n" if bad.strip() else ""),
            good=textwrap.dedent(good).strip("\n") + ("\n" if good.strip() else ""),
            whole_file=whole_file,
            needs_model=needs_model,
            options=dict(options or {}),
            after_suppression=after_suppression,
        )
        return check

    return register


def registry() -> dict[str, Rule]:
    """All rules, loading the rules package on first use."""
    import pomkit.rules  # noqa: F401  (registers the rules)

    return RULES


def run(
    source: Source,
    structure: Structure | None,
    rules: Iterable[Rule],
    severities: Mapping[str, Severity] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    waivers: Sequence[suppression.WaiverEntry] = (),
    today: dt.date | None = None,
) -> list[Finding]:
    """Run ``rules`` over one loaded file, apply suppressions and waivers, sort.

    ``waivers`` are those from the configuration; the model's own are added here.
    """
    severities = severities or {}
    options = options or {}
    rules = list(rules)
    shared: dict[str, Any] = {}

    def execute(current: Rule) -> Iterator[Finding]:
        if current.needs_model and (structure is None or structure.model is None):
            return
        settings = {**current.options, **options.get(current.code, {})}
        context = Context(source, structure, settings, shared)
        severity = severities.get(current.code, current.severity)
        for problem in current.check(context):
            yield _finding(source, structure, current, severity, problem)

    found = [f for r in rules if not r.after_suppression for f in execute(r)]
    outcome = suppression.apply(
        found,
        source.text,
        [*waivers, *_model_waivers(structure)],
        (r.code for r in rules if not r.after_suppression),
        suppression.subjects(source.data),
        today or dt.date.today(),
        RULES,
    )
    shared["suppression"] = outcome
    meta = [f for r in rules if r.after_suppression for f in execute(r)]
    return sorted([*outcome.kept, *meta])


def _model_waivers(structure: Structure | None) -> list[suppression.WaiverEntry]:
    if structure is None or structure.model is None:
        return []
    return [
        suppression.WaiverEntry(
            w.rule, w.target, w.reason, w.expires, path=structure.remap.to_source(("waivers", i))
        )
        for i, w in enumerate(structure.model.waivers)
    ]


def _finding(
    source: Source,
    structure: Structure | None,
    current: Rule,
    severity: Severity,
    problem: Problem,
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
    )

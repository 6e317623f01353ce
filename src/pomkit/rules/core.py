"""What a rule is: the registry, the :func:`rule` decorator, the context rules read, problems.

A rule is one function decorated with :func:`rule`, in a module of its own under a
family package (``pomkit/rules/raci/pom301_no_responsible.py``). It reads a
:class:`Context` and yields light :class:`Problem` records; the engine — never the
rule — stamps the code and the configured severity on each and resolves its model
path to a line and column. Everything rules share beyond this lives in the domain
layer (:mod:`pomkit.domain`): no rule module imports another.
"""

import inspect
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from pomkit.domain.facts import Facts
from pomkit.domain.flow import Flow
from pomkit.domain.holes import Holes
from pomkit.domain.organisation import Organisation
from pomkit.domain.references import Dangling, dangling
from pomkit.findings import ModelPath, RuleInfo, Severity
from pomkit.loader import LoadIssue, Source
from pomkit.model import OperatingModel, RefSite, iter_refs, raw_refs
from pomkit.structure import SchemaIssue, Structure, section_class
from pomkit.suppression import Outcome

CODE_PATTERN = re.compile(r"POM\d{3}")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class Options(BaseModel):
    """A rule's options: one typed field per option, each with a default and a description.

    Subclass it next to the rule and pass the class as ``options=``; the configuration
    validates user values against it once (unknown names, wrong types and values out
    of range are configuration errors), and the rule reads the result as
    ``ctx.settings(TheClass)``.
    """

    # Built on first validation: most runs use the defaults, which need no validator.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


OptionsT = TypeVar("OptionsT", bound=Options)


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
    options: Options | None = None
    #: Facts derived once per file and shared by every rule (see :meth:`derived`).
    shared: dict[str, Any] = field(default_factory=dict)

    def derived(self, name: str, make: Callable[[], Any]) -> Any:
        """Compute a fact about the model once per file."""
        if name not in self.shared:
            self.shared[name] = make()
        return self.shared[name]

    def settings(self, cls: type[OptionsT]) -> OptionsT:
        """This rule's options, as the configuration resolved them."""
        assert isinstance(self.options, cls), f"rule options are {type(self.options)}"
        return self.options

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
    def org(self) -> Organisation:
        """The organisation indexes and graphs, built once per file."""
        found: Organisation = self.derived("org", lambda: Organisation.build(self.model))
        return found

    @property
    def holes(self) -> Holes:
        """What the loader and the structure check left out of the model."""
        assert self.structure is not None
        structure = self.structure
        found: Holes = self.derived("holes", lambda: Holes(self.source, structure))
        return found

    @property
    def facts(self) -> Facts:
        """Views of every item and the derived facts the organisation rules share."""
        found: Facts = self.derived("facts", lambda: Facts.build(self.model, self.org, self.holes))
        return found

    @property
    def flow(self) -> Flow:
        return self.facts.flow

    @property
    def refs(self) -> list[RefSite]:
        """Every reference in the model, computed once per file.

        References written in items that were left out of the model for a structure
        error are included too (with paths in the file), so that one mistake in an
        item does not hide another in the same item.
        """
        found: list[RefSite] = self.derived("refs", self._all_refs)
        return found

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

    def dangling(self, *kinds: str) -> Iterator[Problem]:
        """Problems for the references of ``kinds`` that name nothing defined."""
        by_kind: dict[str, list[Dangling]] = self.derived(
            "dangling", lambda: dangling(self.refs, self.ids)
        )
        for kind in kinds:
            for found in by_kind.get(kind, ()):
                yield Problem(
                    found.site.path, found.message, found.hint, in_source=found.site.in_source
                )

    @property
    def suppression(self) -> Outcome | None:
        """What suppression did (for the rules that run after it, POM090–POM094)."""
        found = self.shared.get("suppression")
        return found if isinstance(found, Outcome) else None

    @property
    def ids(self) -> dict[str, dict[str, ModelPath]]:
        """Ids defined in the file by kind (including items dropped for structure errors)."""
        return self.structure.ids if self.structure is not None else {}

    def load_issues(self, code: str) -> Iterator[LoadIssue]:
        return (issue for issue in self.source.issues if issue.code == code)

    def load_problems(self, code: str) -> Iterator[Problem]:
        """The loader's issues of rule ``code`` as problems at their own position."""
        for issue in self.load_issues(code):
            yield Problem(
                message=issue.message,
                hint=issue.hint,
                line=issue.line,
                column=issue.column,
                end_column=issue.end_column,
            )

    def schema_issues(self, *kinds: str) -> Iterator[SchemaIssue]:
        if self.structure is None:
            return iter(())
        return (issue for issue in self.structure.issues if issue.kind in kinds)

    def schema_problems(self, *kinds: str) -> Iterator[Problem]:
        """The structure check's issues of these kinds as problems (paths in the file)."""
        for issue in self.schema_issues(*kinds):
            yield Problem(issue.path, issue.message, issue.hint, key=issue.key, in_source=True)


Check = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: identity, default severity, documentation, examples, check."""

    code: str
    name: str
    severity: Severity
    summary: str
    check: Check
    #: The examples as the decorator has them, indented (see :attr:`bad`, :attr:`good`).
    bad_source: str
    good_source: str
    #: The examples are whole files rather than sections laid over the base model.
    whole_file: bool = False
    needs_model: bool = True
    #: The class of its options (``None``: the rule takes none).
    options: type[Options] | None = None
    #: Runs after every other rule, over what suppression did (POM090–POM094).
    after_suppression: bool = False

    @cached_property
    def bad(self) -> str:
        """The example that fails, as a YAML text (dedented when first read: only
        ``explain``, the catalog and the tests read the examples, not a check)."""
        return _example(self.bad_source)

    @cached_property
    def good(self) -> str:
        """The example that passes, as a YAML text."""
        return _example(self.good_source)

    @property
    def description(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def family(self) -> str:
        return self.code[:4] + "xx"

    @property
    def defaults(self) -> Options | None:
        """The options with every default (``None`` for a rule without options)."""
        return None if self.options is None else _defaults(self.options)

    def info(self) -> RuleInfo:
        return RuleInfo(self.code, self.name, self.severity, self.summary, self.description)


def _example(source: str) -> str:
    return textwrap.dedent(source).strip("\n") + ("\n" if source.strip() else "")


@cache
def _defaults(cls: type[Options]) -> Options:
    """A rule's default options, without building its validator (the defaults are valid
    by construction: tests/test_rules.py validates every rule's defaults)."""
    values = {
        name: info.get_default(call_default_factory=True) for name, info in cls.model_fields.items()
    }
    return cls.model_construct(**values)


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
    options: type[Options] | None = None,
    after_suppression: bool = False,
) -> Callable[[Check], Check]:
    """Register a rule. Codes and names are unique and stable; the docstring is its manual."""

    def register(check: Check) -> Check:
        if not CODE_PATTERN.fullmatch(code):
            raise ValueError(f"rule code {code!r} must look like POM123")
        if not NAME_PATTERN.fullmatch(name):
            raise ValueError(f"rule name {name!r} must be kebab-case")
        if code in RULES:
            raise ValueError(f"rule code {code} is registered twice")
        if any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule name {name!r} is registered twice")
        if not (check.__doc__ or "").strip():
            raise ValueError(f"rule {code} needs a docstring: it is the user documentation")
        if options is not None and any(f.is_required() for f in options.model_fields.values()):
            raise ValueError(f"rule {code}: every option needs a default")
        RULES[code] = Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            check=check,
            bad_source=bad,
            good_source=good,
            whole_file=whole_file,
            needs_model=needs_model,
            options=options,
            after_suppression=after_suppression,
        )
        return check

    return register


def option_table(rules: Mapping[str, Rule]) -> dict[str, type[Options]]:
    """Rule code → options class, for the rules that take options."""
    return {code: r.options for code, r in rules.items() if r.options is not None}

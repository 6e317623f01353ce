"""The library API the CLI is a thin shell over: load a model, validate it, diff two versions."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pomkit import config as config_mod
from pomkit import engine, sources, structure, suppression
from pomkit._version import __version__
from pomkit.findings import FileResult, Finding, Report, Severity
from pomkit.loader import DEFAULT_LIMITS, Limits, LoadError, Source, paused_gc, read
from pomkit.model import OperatingModel
from pomkit.rules.core import Rule, option_table

if TYPE_CHECKING:
    from pomkit.changes.records import DiffReport
    from pomkit.changes.settings import DiffSettings


class InvalidModelError(ValueError):
    """Raised by :func:`load` when a file cannot be read as a valid model."""

    def __init__(self, file: str, findings: list[Finding]) -> None:
        first = findings[0] if findings else None
        where = f"{file}:{first.line}:{first.column}: {first.message}" if first else file
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        super().__init__(f"{where}{more}")
        self.file = file
        self.findings = findings


@dataclass
class Document:
    """A loaded model file: the model, and where everything in it came from."""

    source: Source
    structure: structure.Structure

    @property
    def file(self) -> str:
        return self.source.file

    @property
    def model(self) -> OperatingModel | None:
        """The validated model (``None`` when the file could not be read as one)."""
        return self.structure.model

    def locate(self, path: tuple[str | int, ...]) -> tuple[int, int]:
        """1-based line and column of a model path (``("roles", 3, "team")``)."""
        line, column, _ = self.source.locate(self.structure.remap.to_source(path))
        return line, column


def open_document(
    path: str | os.PathLike[str] | sources.Input, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Read a file or input into a :class:`Document`, however broken; raises only ``LoadError``."""
    with paused_gc():
        source = (
            sources.read(path, limits) if isinstance(path, sources.Input) else read(path, limits)
        )
        return Document(source, structure.check(source.data))


def load(path: str | os.PathLike[str], *, strict: bool = True) -> Document:
    """Load a model file with source positions.

    With ``strict`` (the default), raise :class:`InvalidModelError` when the file has
    load or structure errors; otherwise return what could be read (``model`` may be
    a partial model or ``None``). Raises :class:`pomkit.loader.LoadError` when the path
    cannot be read at all.
    """
    document = open_document(path)
    if strict:
        codes = [code for code, r in engine.registry().items() if not r.needs_model]
        findings = [
            f
            for f in engine.run(document.source, document.structure, _rules(codes))
            if f.severity >= Severity.ERROR
        ]
        if findings or document.model is None:
            raise InvalidModelError(document.file, findings)
    return document


def _rules(codes: Any) -> list[Rule]:
    rules = engine.registry()
    return [rules[code] for code in sorted(codes)]


def settings_for(
    path: str | os.PathLike[str] | sources.Input | None,
    config: config_mod.FileConfig | str | os.PathLike[str] | None = None,
    **flags: Any,
) -> config_mod.Settings:
    """Resolve the settings for one model file (config found upward unless given)."""
    rules = engine.registry()
    known = {code: r.severity for code, r in rules.items()}
    flags.setdefault("option_classes", option_table(rules))
    flags.setdefault("names", {r.name: code for code, r in rules.items()})
    file_config: config_mod.FileConfig | None
    origin = "configuration"
    if isinstance(config, config_mod.FileConfig):
        file_config = config
    elif config is not None:
        origin = str(config)
        file_config = config_mod.read(Path(config))
    else:
        found = config_mod.find(_directory(path)) if path is not None else None
        file_config = config_mod.read(found) if found is not None else None
        origin = str(found) if found is not None else origin
    return config_mod.resolve(known, file_config, origin=origin, **flags)


class _Resolver:
    """Settings per configuration file, resolved once per run and shared by its models."""

    def __init__(
        self, config: config_mod.FileConfig | str | os.PathLike[str] | None, flags: dict[str, Any]
    ) -> None:
        self.config = config
        self.flags = flags
        self.by_origin: dict[str | None, config_mod.Settings] = {}

    def for_file(self, path: sources.Input) -> config_mod.Settings:
        if self.config is not None:
            key: str | None = "--config"
        else:
            found = config_mod.find(path.directory)
            key = str(found) if found is not None else None
        if key not in self.by_origin:
            self.by_origin[key] = settings_for(path, self.config, **self.flags)
        return self.by_origin[key]


def validate_paths(
    paths: Sequence[str],
    config: config_mod.FileConfig | str | os.PathLike[str] | None = None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
    today: dt.date | None = None,
) -> Report:
    """Validate model files and directories (searched for models) in one run.

    Each file is checked with the configuration found upward from it (or ``config``),
    merged with the flags; each result keeps its own fail level, and the report fails
    when any file does. Waivers written in a configuration file are judged once per run,
    at the configuration file, after every model that uses it. Raises
    :class:`~pomkit.loader.LoadError` for paths that cannot be read and
    :class:`~pomkit.config.ConfigError` for an unusable configuration.
    """
    inputs = sources.resolve(paths)
    notes = []
    for item in inputs:
        if item.kind == "config" and item.path is not None:
            config_mod.read(Path(item.path))
            notes.append(
                f"{item.name} is pomkit's configuration, not a model; checked as configuration"
            )
    resolver = _Resolver(config, {"select": select, "ignore": ignore, "fail_on": fail_on})
    results = [check(item, resolver.for_file(item)) for item in inputs if item.kind != "config"]
    for settings in resolver.by_origin.values():
        extra = _config_waivers(settings, today or dt.date.today(), _searched(paths, settings))
        if extra is not None:
            results.append(extra)
    rules = engine.registry()
    return Report(
        tuple(results), tuple(r.info() for r in rules.values()), __version__, tuple(notes)
    )


def _searched(paths: Sequence[str], settings: config_mod.Settings) -> bool:
    """Whether the run searched a directory holding every model ``settings`` applies to.

    Only then can a configuration's waiver be called unused: files named one by one (as
    pre-commit passes the changed ones) may leave out the model a waiver is for.
    """
    folders = [Path(p).resolve() for p in paths if p != "-" and Path(p).is_dir()]
    if not folders or settings.source is None:
        return False
    home = Path(settings.source).resolve().parent
    return any(home == folder or home.is_relative_to(folder) for folder in folders)


def _config_waivers(
    settings: config_mod.Settings, today: dt.date, complete: bool
) -> FileResult | None:
    """The findings about a configuration file's own waivers, once for the whole run."""
    if not settings.waivers or settings.source is None:
        return None
    rules = engine.registry()
    names = {r.name: code for code, r in rules.items()}
    found = []
    for waiver, code, message, hint in suppression.judge_config_waivers(
        settings.waivers, settings.codes, today, rules, names, complete=complete
    ):
        if code not in settings.codes:
            continue
        found.append(
            Finding(
                file=settings.source,
                line=waiver.line or 1,
                column=waiver.column or 1,
                code=code,
                severity=settings.severities.get(code, rules[code].severity),
                message=message,
                hint=hint,
            )
        )
    if not found:
        return None
    try:
        text: str | None = Path(settings.source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    return FileResult(settings.source, tuple(sorted(found)), text, settings.fail_on)


def _directory(path: str | os.PathLike[str] | sources.Input) -> Path:
    return path.directory if isinstance(path, sources.Input) else Path(path).parent


def check(
    path: str | os.PathLike[str] | sources.Input, settings: config_mod.Settings
) -> FileResult:
    """Validate one file with resolved settings; the result keeps the source for quoting."""
    document = open_document(path, settings.limits)
    return check_document(document, settings)


def check_document(document: Document, settings: config_mod.Settings) -> FileResult:
    rules = _rules(settings.codes)
    with paused_gc():
        checked = engine.check(
            document.source,
            document.structure,
            rules,
            settings.severities,
            settings.options,
            settings.waivers,
        )
    return FileResult(
        document.file,
        tuple(checked.findings),
        document.source.text,
        settings.fail_on,
        tuple(checked.suppressed),
    )


def validate(
    target: str | os.PathLike[str] | Document | OperatingModel,
    config: config_mod.FileConfig | str | os.PathLike[str] | None = None,
) -> list[Finding]:
    """All findings for a model file, a loaded :class:`Document` or a model object.

    ``config`` is a :class:`~pomkit.config.FileConfig`, a path to a configuration
    file, or ``None`` to look for one upward from the model file.
    """
    if isinstance(target, OperatingModel):
        target = _document_from_model(target)
    if isinstance(target, Document):
        settings = settings_for(target.file if Path(target.file).exists() else None, config)
        return list(check_document(target, settings).findings)
    settings = settings_for(target, config)
    return list(check(target, settings).findings)


def _document_from_model(model: OperatingModel) -> Document:
    data = model.model_dump(by_alias=True, mode="json", exclude_none=True)
    source = Source("<model>", "", data=data)
    checked = structure.check(data)
    # Keep the caller's object: it is what the findings are about.
    checked.model = model
    return Document(source, checked)


# --------------------------------------------------------------------------- diff


def diff_settings(
    new: str | os.PathLike[str] | None = None,
    config: config_mod.FileConfig | str | os.PathLike[str] | None = None,
    *,
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
    format: str | None = None,
) -> DiffSettings:
    """Resolve the diff's settings: the ``diff`` table of the configuration (``config``, or
    the one found upward from NEW when it is a file, else from the current directory),
    merged with the flags. Raises :class:`~pomkit.config.ConfigError` when unusable."""
    from pomkit.changes.core import registry
    from pomkit.changes.settings import SettingsError, resolve

    file_config, origin = _diff_config(new, config)
    known = {code: check.level for code, check in registry().items()}
    try:
        return resolve(
            known,
            file_config.diff if file_config is not None else None,
            origin=origin,
            ignore=ignore,
            fail_on=fail_on,
            format=format,
        )
    except SettingsError as err:
        raise config_mod.ConfigError(str(err)) from None


def _diff_config(
    new: str | os.PathLike[str] | None,
    config: config_mod.FileConfig | str | os.PathLike[str] | None,
) -> tuple[config_mod.FileConfig | None, str]:
    if isinstance(config, config_mod.FileConfig):
        return config, "configuration"
    if config is not None:
        return config_mod.read(Path(config)), str(config)
    start = Path(".")
    if new is not None and str(new) != "-" and Path(new).is_file():
        start = Path(new).parent
    found = config_mod.find(start)
    return (config_mod.read(found), str(found)) if found is not None else (None, "configuration")


def diff(
    old: str | os.PathLike[str],
    new: str | os.PathLike[str],
    config: config_mod.FileConfig | str | os.PathLike[str] | None = None,
    *,
    settings: DiffSettings | None = None,
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
) -> DiffReport:
    """Compare two versions of a model, each a file, ``-`` (stdin) or ``REV:path``.

    Every change is classified (breaking, notable, info) by the change checks, with the
    levels and ignores of ``settings`` (resolved by :func:`diff_settings` when not given).
    A side with validation errors is compared as far as it loads. Raises
    :class:`~pomkit.loader.LoadError` for a side that cannot be read (or holds no model)
    and :class:`~pomkit.config.ConfigError` for an unusable configuration.
    """
    from pomkit.changes.compare import read_side
    from pomkit.changes.run import report

    if str(old) == "-" and str(new) == "-":
        raise LoadError("-", "both sides name stdin", "read at most one side from `-`")
    if settings is None:
        settings = diff_settings(new, config, ignore=ignore, fail_on=fail_on)
    file_config, _origin = _diff_config(new, config)
    limits = DEFAULT_LIMITS
    if file_config is not None and file_config.max_file_size is not None:
        size = config_mod.parse_size(file_config.max_file_size, "configuration")
        limits = Limits(size, DEFAULT_LIMITS.max_depth, DEFAULT_LIMITS.max_alias_nodes)
    # One pause for the whole run: reading NEW and comparing allocate millions of small
    # objects, and each collection would walk OLD's whole model again.
    with paused_gc():
        return report(read_side(str(old), limits), read_side(str(new), limits), settings)


# --------------------------------------------------------------------------- report

#: Where the report's health page reads the thresholds the rules were configured with:
#: rule code → (which limits, {option name: limits field}).
_REPORT_LIMITS: dict[str, tuple[str, dict[str, str]]] = {
    "POM602": ("principles", {"max_iteration": "max_iteration"}),
    "POM607": (
        "principles",
        {
            "max_share": "max_share",
            "min_responsibilities": "min_responsibilities",
            "min_accountable": "min_accountable",
        },
    ),
    "POM706": ("types", {"max_iteration": "max_iteration"}),
    "POM708": ("types", {"max_loop_cadence": "max_loop_cadence"}),
    "POM710": ("types", {"max_cadence": "max_cadence"}),
}


@dataclass(frozen=True)
class Rendered:
    """A rendered report and what the command line needs to know about the run."""

    text: str
    #: Whether a finding is at or above the fail level (``--fail-on``/``fail_on``).
    failed: bool
    file: str
    #: The templates folder that overrode shipped templates (``templates=`` or the
    #: configuration's ``templates``), if any: an input the output must not overwrite.
    templates: str | None = None


def _report_limits(settings: config_mod.Settings) -> tuple[Any, Any]:
    from pomkit.domain import archetypes, principles

    found: dict[str, dict[str, Any]] = {"principles": {}, "types": {}}
    for code, (which, fields) in _REPORT_LIMITS.items():
        options = settings.options.get(code)
        if options is None:
            continue
        for option, name in fields.items():
            found[which][name] = getattr(options, option)
    return principles.Limits(**found["principles"]), archetypes.Limits(**found["types"])


def _report_input(target: str | os.PathLike[str] | sources.Input) -> sources.Input:
    if isinstance(target, sources.Input):
        return target
    inputs = [i for i in sources.resolve([str(target)]) if i.kind != "config"]
    if len(inputs) != 1:
        from pomkit.loader import LoadError

        raise LoadError(
            str(target),
            f"a report is about one model, and {target} holds {len(inputs)}",
            "name one model file",
        )
    return inputs[0]


def render_report(
    target: str | os.PathLike[str] | sources.Input | Document,
    *,
    format: str = "html",
    templates: str | os.PathLike[str] | None = None,
    config: config_mod.FileConfig | str | os.PathLike[str] | None = None,
    fail_on: str | None = None,
) -> Rendered:
    """Validate one model and render its playbook (``html``, ``md`` or ``json``).

    The findings come from the same pipeline as :func:`validate_paths`; the model is
    rendered whatever they are. ``fail_on`` (else the configuration's ``fail_on``, else
    ``never``) decides :attr:`Rendered.failed`. ``templates`` (else the configuration's
    ``templates``, relative to that file) overrides shipped templates by file name.
    Raises :class:`~pomkit.loader.LoadError`, :class:`~pomkit.config.ConfigError` and
    :class:`pomkit.playbook.render.TemplateProblem` for unusable input.
    """
    from pomkit.playbook import FORMATS
    from pomkit.playbook.build import Options, build
    from pomkit.playbook.render import render

    if format not in FORMATS:
        raise ValueError(f"unknown report format {format!r} (choose from {', '.join(FORMATS)})")
    if isinstance(target, Document):
        document = target
        where: str | os.PathLike[str] | sources.Input | None = (
            target.file if Path(target.file).exists() else None
        )
    else:
        item = _report_input(target)
        where = item
    file_config, origin = _report_config(where, config)
    level = fail_on or (file_config.fail_on if file_config else None) or "never"
    settings = settings_for(where, file_config, fail_on=level)
    if not isinstance(target, Document):
        document = open_document(item, settings.limits)
    result = check_document(document, settings)
    if templates is None and file_config is not None and file_config.templates:
        base = Path(origin).parent if origin else Path.cwd()
        templates = base / file_config.templates
        if not templates.is_dir():
            # The configuration chose it: name that file and setting, not a flag.
            at = (
                file_config.positions.at(("templates",))
                if file_config.positions is not None
                else f"{origin or 'configuration'}: templates"
            )
            raise config_mod.ConfigError(f"{at}: {templates}: no such directory")
    principle_limits, type_limits = _report_limits(settings)
    rules = engine.registry()
    options = Options(
        fail_on=settings.fail_on,
        principle_limits=principle_limits,
        type_limits=type_limits,
        rule_names={code: r.name for code, r in rules.items()},
        tool_version=__version__,
        checked=frozenset(settings.codes),
    )
    # Building the view and rendering it make a few million short-lived objects and no
    # cycles worth collecting: the collector would only run over and over.
    with paused_gc():
        view = build(
            document.source, document.structure, result.findings, options, result.suppressed
        )
        text = render(view, format, templates)
    return Rendered(
        text, result.failed, document.file, None if templates is None else str(templates)
    )


def _report_config(
    where: str | os.PathLike[str] | sources.Input | None,
    config: config_mod.FileConfig | str | os.PathLike[str] | None,
) -> tuple[config_mod.FileConfig | None, str | None]:
    """The configuration a report uses, and the file it came from."""
    if isinstance(config, config_mod.FileConfig):
        return config, None
    if config is not None:
        return config_mod.read(Path(config)), str(config)
    if where is None:
        return None, None
    found = config_mod.find(_directory(where))
    return (config_mod.read(found), str(found)) if found is not None else (None, None)


def report(
    path_or_document: str | os.PathLike[str] | Document,
    format: str = "html",
    templates: str | os.PathLike[str] | None = None,
) -> str:
    """The playbook of a model file or :class:`Document`: ``html``, ``md`` or ``json``."""
    return render_report(path_or_document, format=format, templates=templates).text

"""The library API the CLI is a thin shell over: load a model, validate it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pomkit import config as config_mod
from pomkit import engine, sources, structure
from pomkit.findings import FileResult, Finding, Severity
from pomkit.loader import DEFAULT_LIMITS, Limits, Source, paused_gc, read
from pomkit.model import OperatingModel


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


def _rules(codes: Any) -> list[engine.Rule]:
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
    flags.setdefault("option_defaults", {code: r.options for code, r in rules.items()})
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
        findings = engine.run(
            document.source,
            document.structure,
            rules,
            settings.severities,
            settings.options,
            settings.waivers,
        )
    return FileResult(document.file, tuple(findings), document.source.text)


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

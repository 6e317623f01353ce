"""pomkit: keep a Product Operating Model as code.

The library API (the CLI is a thin shell over it)::

    import pomkit

    document = pomkit.load("examples/agile.yaml")   # model + source positions
    findings = pomkit.validate("examples/agile.yaml")
    changes = pomkit.diff("HEAD~1:model.yaml", "model.yaml")  # what changed, classified
    html = pomkit.report("examples/agile.yaml", format="html")   # the playbook
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pomkit._version import __version__

if TYPE_CHECKING:
    from pomkit.api import Document
    from pomkit.changes.records import Change
    from pomkit.config import FileConfig
    from pomkit.findings import Finding
    from pomkit.model import OperatingModel

__all__ = ["__version__", "diff", "load", "report", "validate"]


def load(path: str | os.PathLike[str], *, strict: bool = True) -> Document:
    """Load a model file with source positions (see :func:`pomkit.api.load`)."""
    from pomkit.api import load as _load

    return _load(path, strict=strict)


def validate(
    target: str | os.PathLike[str] | Document | OperatingModel,
    config: FileConfig | str | os.PathLike[str] | None = None,
) -> list[Finding]:
    """All findings for a model file, document or model (see :func:`pomkit.api.validate`)."""
    from pomkit.api import validate as _validate

    return _validate(target, config)


def diff(
    old: str | os.PathLike[str],
    new: str | os.PathLike[str],
    config: FileConfig | str | os.PathLike[str] | None = None,
) -> list[Change]:
    """Every change between two versions of a model (see :func:`pomkit.api.diff`).

    Each side is a file, ``-`` for stdin, or a git ``REV:path``.
    """
    from pomkit.api import diff as _run

    return list(_run(old, new, config).changes)


def report(
    path_or_document: str | os.PathLike[str] | Document,
    format: str = "html",
    templates: str | os.PathLike[str] | None = None,
) -> str:
    """The playbook of a model as ``html``, ``md`` or ``json`` (see :func:`pomkit.api.report`)."""
    from pomkit.api import report as _report

    return _report(path_or_document, format, templates)

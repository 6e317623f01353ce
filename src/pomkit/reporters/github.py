"""The GitHub Actions format: one ``::error``, ``::warning`` or ``::notice`` per finding."""

from __future__ import annotations

from pathlib import PurePath

from pomkit.findings import Finding, Report, Severity
from pomkit.reporters.base import RenderOptions, hint_text, scrub

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, options: RenderOptions) -> str:
    """Render ``report`` as workflow commands that annotate the pull request (options ignored)."""
    return "".join(_command(f) + "\n" for f in report.findings)


def _command(finding: Finding) -> str:
    properties = {
        # GitHub matches annotations to repository paths, which use forward slashes.
        "file": PurePath(finding.file).as_posix(),
        "line": str(finding.line),
        "col": str(finding.column),
    }
    if finding.end_column is not None and finding.end_column > finding.column:
        properties["endColumn"] = str(finding.end_column)
    properties["title"] = finding.code
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = finding.message
    hint = hint_text(finding)
    if hint:
        message += f" — hint: {hint}"
    return f"::{LEVELS[finding.severity]} {listed}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it."""
    return scrub(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value, where ``:`` and ``,`` would end it early."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")

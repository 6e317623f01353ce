"""The JSON format: a versioned document for scripts, stable in shape and key order."""

from __future__ import annotations

import json
from typing import Any

from pomkit.findings import Finding, Report, Severity
from pomkit.reporters.base import RenderOptions, scrub

#: Bumped whenever a key is removed or changes meaning; adding keys keeps it.
SCHEMA_VERSION = 1


def render(report: Report, options: RenderOptions) -> str:
    """Render ``report`` as the version-1 JSON document (options are ignored)."""
    counts = report.counts()
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "pomkit", "version": report.tool_version},
        "summary": {
            "files": len(report.files),
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
            "failed": report.failed,
            "fail_on": report.fail_on.label if report.fail_on is not None else None,
            "suppressed": len(report.suppressed),
        },
        "files": [
            {
                "file": result.file,
                "fail_on": result.fail_on.label if result.fail_on is not None else None,
                "failed": result.failed,
                "findings": [_finding(f) for f in result.findings],
                "suppressed": result.suppressed_by_code,
            }
            for result in report.files
        ],
    }
    # Lone surrogates from the input survive json.dumps but not UTF-8 output.
    return scrub(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.label,
        "line": finding.line,
        "column": finding.column,
        "end_column": finding.end_column,
        "message": finding.message,
        "path": finding.dotted_path,
        "hint": finding.hint,
        "target": finding.target,
    }

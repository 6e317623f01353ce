"""The SARIF 2.1.0 format, for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from pomkit.findings import Finding, Report, RuleInfo, Severity
from pomkit.reporters.base import RenderOptions, scrub

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/pomkit/"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: The key of our own fingerprint in ``partialFingerprints``; versioned like GitHub's.
FINGERPRINT_KEY = "pomkitFindingHash/v1"


def render(report: Report, options: RenderOptions) -> str:
    """Render ``report`` as a SARIF log with one run (options are ignored)."""
    rules = _rules(report)
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    files = [result.file for result in report.files] + [f.file for f in report.findings]
    uris = {file: artifact_uri(file) for file in dict.fromkeys(files)}
    artifact_index = {uri: index for index, uri in enumerate(dict.fromkeys(uris.values()))}
    seen: Counter[str] = Counter()
    results = []
    for finding in report.findings:
        uri = uris[finding.file]
        fingerprint = _fingerprint(finding, uri)
        # Identical findings in one file stay distinct alerts, numbered like GitHub's own hashes.
        seen[fingerprint] += 1
        results.append(
            _result(
                finding,
                rule_index[finding.code],
                {**_location(uri), "index": artifact_index[uri]},
                f"{fingerprint}:{seen[fingerprint]}",
            )
        )
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pomkit",
                        "version": report.tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "artifacts": [{"location": _location(uri)} for uri in artifact_index],
                "results": results,
                # Our columns count code points, not SARIF's default UTF-16 code units.
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return scrub(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


def artifact_uri(file: str) -> str:
    """A relative path as a percent-encoded URI reference; an absolute one as a ``file:`` URI."""
    path = PurePath(scrub(file))
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def _location(uri: str) -> dict[str, Any]:
    if uri.startswith("file:"):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _rules(report: Report) -> list[dict[str, Any]]:
    """Every known rule, then a bare entry for any code a finding uses without metadata."""
    infos: dict[str, RuleInfo] = {}
    for info in report.rules:
        infos.setdefault(info.code, info)
    rules = [_rule(info) for info in infos.values()]
    for finding in report.findings:
        if finding.code not in infos:
            infos[finding.code] = RuleInfo(finding.code, finding.code, finding.severity, "")
            rules.append(_rule(infos[finding.code]))
    return rules


def _rule(info: RuleInfo) -> dict[str, Any]:
    summary = info.summary or info.name
    description = info.description or summary
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": description},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "help": {"text": description},
    }


def _result(
    finding: Finding, rule_index: int, location: dict[str, Any], fingerprint: str
) -> dict[str, Any]:
    region: dict[str, int] = {
        "startLine": max(finding.line, 1),
        "startColumn": max(finding.column, 1),
    }
    if finding.end_column is not None and finding.end_column > region["startColumn"]:
        region["endColumn"] = finding.end_column
    text = finding.message
    if finding.hint:
        text += f"{'' if text.endswith(('.', '!', '?')) else '.'} Hint: {finding.hint}"
    properties: dict[str, str] = {"path": finding.dotted_path}
    if finding.hint:
        properties["hint"] = finding.hint
    if finding.target is not None:
        properties["target"] = finding.target
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": properties,
    }


def _fingerprint(finding: Finding, uri: str) -> str:
    """A hash that survives edits moving the finding to another line."""
    key = "\0".join((uri, finding.code, finding.dotted_path, finding.message))
    return hashlib.sha256(scrub(key).encode("utf-8")).hexdigest()[:32]

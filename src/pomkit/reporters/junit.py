"""The JUnit XML format: a test suite per file and a test case per finding, for CI test views."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pomkit.findings import FileResult, Finding, Report
from pomkit.reporters.base import RenderOptions, scrub

#: Characters XML 1.0 forbids anywhere, even escaped (tab, newline and return are allowed).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The test case standing for a file without findings.
CLEAN_CASE = "pomkit validate"


def render(report: Report, options: RenderOptions) -> str:
    """Render ``report`` as JUnit XML; findings at or above the fail level are failures."""
    suites = [_suite(result, report) for result in report.files]
    root = ET.Element(
        "testsuites",
        name="pomkit",
        tests=str(sum(int(suite.get("tests", "0")) for suite in suites)),
        failures=str(sum(int(suite.get("failures", "0")) for suite in suites)),
        errors="0",
        skipped="0",
    )
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _suite(result: FileResult, report: Report) -> ET.Element:
    name = xml_text(result.file)
    cases = [_case(finding, name, report) for finding in result.findings]
    if not cases:
        cases = [ET.Element("testcase", classname=name, name=CLEAN_CASE)]
    failures = sum(1 for case in cases if case.find("failure") is not None)
    suite = ET.Element(
        "testsuite",
        name=name,
        tests=str(len(cases)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    suite.extend(cases)
    return suite


def _case(finding: Finding, classname: str, report: Report) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=classname,
        name=xml_text(f"{finding.code} at {finding.line}:{finding.column}"),
    )
    details = [
        f"{finding.file}:{finding.line}:{finding.column}: {finding.severity.label}: "
        f"{finding.message}"
    ]
    if finding.path:
        details.append(f"path: {finding.dotted_path}")
    if finding.target is not None:
        details.append(f"target: {finding.target}")
    if finding.hint:
        details.append(f"hint: {finding.hint}")
    text = xml_text("\n".join(details))
    if report.failing(finding):
        failure = ET.SubElement(
            case, "failure", type=xml_text(finding.code), message=xml_text(finding.message)
        )
        failure.text = text
    else:
        ET.SubElement(case, "system-out").text = text
    return case


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _ILLEGAL_XML.sub("", scrub(text))

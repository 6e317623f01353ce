"""Tests for the reporters: every format rendered from hand-built reports."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from jsonschema.validators import validator_for
from rich.cells import cell_len

from helpers import overlay, run_pomkit
from pomkit import api
from pomkit.findings import FileResult, Finding, Report, RuleInfo, Severity
from pomkit.reporters import REPORTERS, RenderOptions, render, scrub
from pomkit.reporters import github as github_reporter
from pomkit.reporters import sarif as sarif_reporter

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

SOURCE = (
    "apiVersion: pomkit/v1\n"  # 1
    "roles:\n"  # 2
    "  - id: pm\n"  # 3
    "    team: core\t# the core team\n"  # 4
    '    title: "日本語 [bold]x[/]"\n'  # 5
    "    people: 1\n"  # 6
)

RULES = (
    RuleInfo(
        "POM201",
        "unknown-reference",
        Severity.ERROR,
        "A reference names an id that is not defined.",
        "Every reference must name a defined role, team, stage or KPI.",
    ),
    RuleInfo("POM105", "bad-title", Severity.WARNING, "Titles are plain text."),
    RuleInfo("POM301", "idle-role", Severity.INFO, "Every role carries a responsibility."),
)

ERROR = Finding(
    "models/a.yaml",
    4,
    11,
    "POM201",
    Severity.ERROR,
    "team 'core' is not defined",
    ("roles", 0, "team"),
    "did you mean 'core-team'?",
)
WARNING = Finding(
    "models/a.yaml",
    5,
    12,
    "POM105",
    Severity.WARNING,
    "title has [bold]x[/] markup, a comma, a colon: and\nnewline",
    ("roles", 0, "title"),
    None,
    20,
)
INFO = Finding(
    "models/a.yaml",
    2,
    1,
    "POM301",
    Severity.INFO,
    "role 'pm' carries no responsibility",
    ("roles",),
)
#: A finding on a second file, whose source is unknown, and with a code no RuleInfo describes.
OTHER = Finding(
    "models/b c.yaml",
    7,
    3,
    "POM999",
    Severity.ERROR,
    "100% wrong, [/] and \x1b[31mred\x1b[0m",
    ("kpis", 2),
    "fix it: now, please",
)
ERROR_HEADLINE = "models/a.yaml:4:11 POM201 error team 'core' is not defined"
INFO_HEADLINE = "models/a.yaml:2:1 POM301 info role 'pm' carries no responsibility"
#: A finding whose message names its item first: its waiver target goes without saying.
OWN = replace(INFO, line=3, column=5, path=("roles", 0), target="role:pm")
#: A finding about a handoff known by its ends: the target must be spelt out.
HANDOFF_FINDING = Finding(
    "models/a.yaml",
    6,
    5,
    "POM410",
    Severity.INFO,
    "handoff pm → po ('Brief') names no lifecycle stage",
    ("handoffs", 0),
    "add `stage:`",
    target="handoff:pm/po",
)


def make_report(
    *files: FileResult, fail_on: Severity | None = Severity.ERROR, rules: bool = True
) -> Report:
    # Every file shares the run's fail level, as when one configuration applies.
    files = tuple(dataclasses.replace(f, fail_on=fail_on) for f in files)
    return Report(files, RULES if rules else (), "0.1.0")


def full_report(fail_on: Severity | None = Severity.ERROR) -> Report:
    return make_report(
        FileResult("models/a.yaml", (ERROR, WARNING, INFO), SOURCE),
        FileResult("models/b c.yaml", (OTHER,)),
        FileResult("models/clean.yaml", (), "apiVersion: pomkit/v1\n"),
        fail_on=fail_on,
    )


def one(finding: Finding, source: str | None = SOURCE) -> Report:
    return make_report(FileResult(finding.file, (finding,), source))


def text(report: Report, **options: Any) -> str:
    return render(report, "text", RenderOptions(**options))


def caret_under(output: str, headline: str) -> tuple[str, str]:
    """The quoted source line and the caret line that follow ``headline``, without gutters."""
    lines = output.splitlines()
    start = lines.index(headline)
    source, carets = lines[start + 1], lines[start + 2]
    gutter = source.index("| ") + 2
    assert carets[:gutter].strip() == "|"
    return source[gutter:], carets[gutter:]


# --- the registry -------------------------------------------------------------------------------


def test_registry_names_every_format() -> None:
    assert list(REPORTERS) == ["text", "json", "sarif", "junit", "github"]


def test_render_refuses_an_unknown_format() -> None:
    with pytest.raises(KeyError):
        render(full_report(), "yaml")


def test_only_colour_imports_rich() -> None:
    code = (
        "import sys, pomkit.reporters as r\n"
        "assert 'rich' not in sys.modules, 'rich imported too early'\n"
        "r.render(r.Report(()), 'json')\n"
        "assert 'rich' not in sys.modules, 'json needs no rich'\n"
        "r.render(r.Report(()), 'text')\n"
        "assert 'rich' not in sys.modules, 'plain text needs no rich'\n"
        "r.render(r.Report(()), 'text', r.RenderOptions(color=True))\n"
        "assert 'rich' in sys.modules, 'colour is rich'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_every_format_survives_a_lone_surrogate(fmt: str) -> None:
    bad = replace(ERROR, message="bad \udc80 byte", hint="odd \ud800", file="models/a\udcff.yaml")
    output = render(one(bad), fmt)
    assert "\ufffd" in output
    output.encode("utf-8")  # would raise UnicodeEncodeError


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_every_format_ends_in_a_newline(fmt: str) -> None:
    assert render(full_report(), fmt).endswith("\n")


def test_scrub_keeps_surrogate_pairs_and_replaces_lone_ones() -> None:
    assert scrub("\ud83d\ude00 ok") == "😀 ok"
    assert scrub("a\ud800b\udc00") == "a\ufffdb\ufffd"
    assert scrub("plain") == "plain"


# --- FileResult.line_text -----------------------------------------------------------------------


def test_line_text_counts_only_yaml_line_breaks() -> None:
    result = FileResult("x.yaml", (), "a: 1\r\nb: '\x0c'\rc: 3\nd: 4")
    assert [result.line_text(n) for n in range(5)] == [None, "a: 1", "b: '\x0c'", "c: 3", "d: 4"]
    assert result.line_text(5) is None
    assert FileResult("x.yaml").line_text(1) is None


# --- text ---------------------------------------------------------------------------------------


def test_text_groups_findings_per_file_with_clickable_lines() -> None:
    lines = text(full_report()).splitlines()
    assert lines[0] == "models/a.yaml"
    assert lines[1] == "models/a.yaml:4:11 POM201 error team 'core' is not defined"
    headlines = [line for line in lines if re.match(r"models/.+:\d+:\d+ ", line)]
    assert headlines == [
        "models/a.yaml:4:11 POM201 error team 'core' is not defined",
        "models/a.yaml:5:12 POM105 warning title has [bold]x[/] markup, a comma, a colon: "
        "and\\nnewline",
        "models/a.yaml:2:1 POM301 info role 'pm' carries no responsibility",
        "models/b c.yaml:7:3 POM999 error 100% wrong, [/] and \\x1b[31mred\\x1b[0m",
    ]
    assert "models/b c.yaml" in lines
    assert "models/clean.yaml" not in "\n".join(lines)
    assert lines[-1] == "Found 2 errors, 1 warning, 1 info in 3 files."


def test_text_underlines_the_token_when_the_end_is_unknown() -> None:
    source, carets = caret_under(text(one(ERROR)), ERROR_HEADLINE)
    assert source == "    team: core    # the core team"  # the tab shown as spaces
    assert carets == "          ^^^^"
    assert source[carets.index("^") :].startswith("core ")


def test_text_underlines_end_column_in_display_cells() -> None:
    source, carets = caret_under(text(one(WARNING)), text(one(WARNING)).splitlines()[1])
    assert source == '    title: "日本語 [bold]x[/]"'
    # Columns 12..19 are `"日本語 [bo`: eight characters, eleven cells.
    assert carets == " " * 11 + "^" * 11


def test_text_caret_skips_a_mapping_key_indicator() -> None:
    _, carets = caret_under(text(one(INFO)), INFO_HEADLINE)
    assert carets == "^^^^^"  # `roles`, not `roles:`


def test_text_caret_after_the_end_of_the_line() -> None:
    past = replace(ERROR, line=3, column=40)
    source, carets = caret_under(text(one(past)), text(one(past)).splitlines()[1])
    assert source == "  - id: pm"
    assert carets == " " * len(source) + "^"


def test_text_prints_the_hint_and_skips_the_snippet_without_source() -> None:
    lines = text(one(ERROR, source=None)).splitlines()
    assert lines[1] == ERROR_HEADLINE
    assert lines[2] == "    hint: did you mean 'core-team'?"
    assert "|" not in "\n".join(lines)


def test_text_hint_names_the_waiver_target_only_when_it_is_not_plain() -> None:
    output = text(make_report(FileResult("models/a.yaml", (OWN, HANDOFF_FINDING), SOURCE)))
    hints = [line for line in output.splitlines() if "hint:" in line]
    assert hints == ["    hint: add `stage:` — or waive with target: handoff:pm/po"]
    quiet = text(one(HANDOFF_FINDING), quiet=True)
    assert "waive" not in quiet
    # Without a hint of its own, the target is the hint; a message that names another
    # item first does not make the target plain either.
    other = replace(OWN, message="unknown key 'titel' in role 'pm'", hint=None)
    assert "    hint: waive with target: role:pm" in text(one(other)).splitlines()


def test_text_never_reads_user_text_as_markup() -> None:
    for color in (False, True):
        output = text(full_report(), color=color)
        assert "[bold]x[/]" in output
        assert "[/] and" in output


def test_text_has_no_ansi_codes_without_color() -> None:
    output = text(full_report(), color=False)
    assert "\x1b" not in output
    assert "\\x1b[31mred" in output  # the user's escape shown, not obeyed


def test_text_colors_by_severity_with_color() -> None:
    output = text(full_report(), color=True)
    assert "\x1b[1;31mPOM201\x1b[0m" in output
    assert "\x1b[33mwarning\x1b[0m" in output
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert plain == text(full_report(), color=False)


def test_text_escapes_bidi_controls_in_quoted_lines() -> None:
    source = "metadata:\n  name: \u202eevil\n"
    finding = replace(ERROR, line=2, column=9, end_column=None)
    output = text(make_report(FileResult(finding.file, (finding,), source)))
    assert "\u202e" not in output
    assert "  name: \\u202eevil" in output


def test_text_quiet_prints_only_the_finding_lines() -> None:
    lines = text(full_report(), quiet=True).splitlines()
    assert len(lines) == 4
    assert all(re.match(r"models/.+:\d+:\d+ POM\d+ (error|warning|info) ", line) for line in lines)
    assert text(make_report(FileResult("ok.yaml")), quiet=True) == ""


def test_text_clean_report_says_so() -> None:
    assert text(make_report(FileResult("a.yaml"), FileResult("b.yaml"))) == (
        "No problems found in 2 files.\n"
    )
    assert text(make_report(FileResult("a.yaml"))) == "No problems found in 1 file.\n"


def test_text_keeps_long_paths_on_one_line() -> None:
    deep = replace(ERROR, file="a/" * 40 + "model.yaml")
    output = text(one(deep, source=None), width=30)
    assert f"{deep.file}:4:11 POM201 error team 'core' is not defined" in output.splitlines()


def test_text_windows_a_long_source_line_around_the_caret() -> None:
    line = "items: [" + ", ".join(f"item-{n:04d}" for n in range(600)) + "]"
    column = line.index("item-0400") + 1
    finding = replace(ERROR, line=1, column=column, end_column=column + 9)
    output = text(make_report(FileResult(finding.file, (finding,), line)), width=80)
    headline = output.splitlines()[1]
    source, carets = caret_under(output, headline)
    assert all(len(row) <= 80 for row in output.splitlines() if row != headline)
    assert source.startswith("…")
    assert source.endswith("…")
    start = carets.index("^")
    assert source[start : start + 9] == "item-0400"
    assert carets.strip() == "^" * 9


def test_text_caret_stops_where_a_cut_line_stops() -> None:
    finding = replace(ERROR, line=1, column=5, end_column=None)
    wide = "日本語" * 50  # one plain token of 150 double-width characters
    output = text(make_report(FileResult(finding.file, (finding,), wide)), width=40)
    source, carets = caret_under(output, output.splitlines()[1])
    assert source.startswith("日本語日本語")
    assert source.endswith("…")
    assert carets.startswith(" " * 8 + "^")  # four characters, eight cells in
    assert len(carets) <= cell_len(source.rstrip("…"))  # never past the last shown character


# --- json ---------------------------------------------------------------------------------------


def test_json_has_the_documented_shape() -> None:
    document = json.loads(render(full_report(), "json"))
    assert list(document) == ["version", "tool", "summary", "files"]
    assert document["version"] == 1
    assert document["tool"] == {"name": "pomkit", "version": "0.1.0"}
    assert document["summary"] == {
        "files": 3,
        "errors": 2,
        "warnings": 1,
        "infos": 1,
        "failed": True,
        "fail_on": "error",
        "suppressed": 0,
    }
    assert [f["file"] for f in document["files"]] == [
        "models/a.yaml",
        "models/b c.yaml",
        "models/clean.yaml",
    ]
    assert document["files"][2]["findings"] == []
    first = document["files"][0]["findings"][0]
    assert list(first) == [
        "code",
        "severity",
        "line",
        "column",
        "end_column",
        "message",
        "path",
        "hint",
        "target",
    ]
    assert first == {
        "code": "POM201",
        "severity": "error",
        "line": 4,
        "column": 11,
        "end_column": None,
        "message": "team 'core' is not defined",
        "path": "roles[0].team",
        "hint": "did you mean 'core-team'?",
        "target": None,
    }


def test_json_round_trips_every_finding() -> None:
    report = full_report()
    document = json.loads(render(report, "json"))
    rebuilt = [
        Finding(
            entry["file"],
            item["line"],
            item["column"],
            item["code"],
            Severity.parse(item["severity"]),
            item["message"],
            (),
            item["hint"],
            item["end_column"],
        )
        for entry in document["files"]
        for item in entry["findings"]
    ]
    expected = [replace(f, path=()) for f in report.findings]
    assert [(f, f.message, f.hint, f.end_column, f.severity) for f in rebuilt] == [
        (f, f.message, f.hint, f.end_column, f.severity) for f in expected
    ]


def test_json_keeps_unicode_readable() -> None:
    output = render(one(replace(ERROR, message="rôle 日本語")), "json")
    assert "rôle 日本語" in output


def test_json_summary_when_nothing_fails() -> None:
    document = json.loads(render(full_report(fail_on=None), "json"))
    assert document["summary"]["failed"] is False
    assert document["summary"]["fail_on"] is None
    empty = json.loads(render(make_report(), "json"))
    assert empty["summary"]["files"] == 0
    assert empty["files"] == []


def test_json_carries_each_findings_waiver_target() -> None:
    report = make_report(FileResult("models/a.yaml", (OWN, HANDOFF_FINDING), SOURCE))
    document = json.loads(render(report, "json"))
    assert [f["target"] for f in document["files"][0]["findings"]] == [
        "role:pm",
        "handoff:pm/po",
    ]
    assert document["version"] == 1  # an added key keeps the version


#: Two findings silenced on purpose: POM510 by the model's waiver, POM512 by a comment.
SILENCED = """\
support:
  channels:
    - {id: email, name: Email, hours: business hours}
  tiers:
    - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email], response_time: 4h,
       resolution_time: 2d, escalates_to: tier-2}
    - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 1d,
       escalates_to: tier-3}
    - {id: tier-3, name: Tier 3, owner: lead}  # pomkit: ignore[POM512]
waivers:
  - {rule: POM510, target: tier:tier-2, reason: Tier SLAs start when the tier gets the ticket}
"""


def test_suppressed_findings_are_counted_not_hidden(tmp_path: Path) -> None:
    """The engine hands what comments and waivers silenced to the result: with the
    silencer, where it is written and the waiver's reason; JSON counts them per code."""
    path = tmp_path / "model.yaml"
    path.write_text(overlay(SILENCED), encoding="utf-8")
    report = api.validate_paths([str(path)])
    (result,) = report.files
    assert [f.code for f in result.findings if f.code in ("POM510", "POM512")] == []
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    by_code = {s.finding.code: s for s in result.suppressed}
    assert set(by_code) == {"POM510", "POM512"}
    waived, commented = by_code["POM510"], by_code["POM512"]
    assert (waived.by, waived.reason) == ("waiver", "Tier SLAs start when the tier gets the ticket")
    assert waived.at is not None
    assert "rule: POM510" in lines[int(waived.at.rsplit(":", 1)[1]) - 1]
    assert (commented.by, commented.reason) == ("comment", None)
    assert commented.at == f"{result.file}:{commented.finding.line}"
    assert "# pomkit: ignore[POM512]" in lines[commented.finding.line - 1]
    assert result.suppressed_by_code == {"POM510": 1, "POM512": 1}
    assert report.suppressed == result.suppressed
    assert not result.failed  # a waived error does not fail the run
    document = json.loads(render(report, "json"))
    assert document["summary"]["suppressed"] == 2
    assert document["files"][0]["suppressed"] == {"POM510": 1, "POM512": 1}
    assert document["version"] == 1  # added keys keep the version
    # the real command line says the same
    done = run_pomkit("validate", "--format", "json", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"][0]["suppressed"] == {"POM510": 1, "POM512": 1}


def test_a_configuration_waiver_says_where_it_is_written(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text(
        "waivers:\n  - {rule: POM510, target: '*', reason: Measured per tier}\n",
        encoding="utf-8",
    )
    path = tmp_path / "model.yaml"
    path.write_text(overlay(SILENCED.split("waivers:")[0]), encoding="utf-8")
    (result,) = api.validate_paths([str(path)]).files
    (waived,) = [s for s in result.suppressed if s.finding.code == "POM510"]
    assert (waived.by, waived.reason) == ("waiver", "Measured per tier")
    assert waived.at == f"{tmp_path / '.pomkit.yaml'}:2"


# --- sarif --------------------------------------------------------------------------------------


def sarif(report: Report) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render(report, "sarif"))
    return log


@pytest.mark.parametrize(
    "report", [full_report(), make_report(), make_report(FileResult("x.yaml"), rules=False)]
)
def test_sarif_validates_against_the_official_schema(report: Report) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    errors = [e.message for e in validator_class(schema).iter_errors(sarif(report))]
    assert errors == []


def test_sarif_with_targets_validates_and_carries_them() -> None:
    report = make_report(FileResult("models/a.yaml", (ERROR, OWN, HANDOFF_FINDING), SOURCE))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = sarif(report)
    assert [e.message for e in validator_for(schema)(schema).iter_errors(log)] == []
    results = log["runs"][0]["results"]
    assert [r["properties"].get("target") for r in results] == [None, "role:pm", "handoff:pm/po"]
    # The target is data, not part of the alert's identity.
    bare = sarif(make_report(FileResult("models/a.yaml", (replace(OWN, target=None),), SOURCE)))
    assert bare["runs"][0]["results"][0]["partialFingerprints"] == results[1]["partialFingerprints"]


def test_sarif_results_point_at_their_rules() -> None:
    run = sarif(full_report())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["POM201", "POM105", "POM301", "POM999"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert rules[0] == {
        "id": "POM201",
        "name": "unknown-reference",
        "shortDescription": {"text": "A reference names an id that is not defined."},
        "fullDescription": {
            "text": "Every reference must name a defined role, team, stage or KPI."
        },
        "defaultConfiguration": {"level": "error"},
        "help": {"text": "Every reference must name a defined role, team, stage or KPI."},
    }
    assert rules[2]["defaultConfiguration"] == {"level": "note"}


def test_sarif_result_carries_level_message_and_location() -> None:
    run = sarif(full_report())["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    first, second = run["results"][:2]
    assert first["level"] == "error"
    assert first["message"]["text"] == (
        "team 'core' is not defined. Hint: did you mean 'core-team'?"
    )
    assert first["properties"] == {"path": "roles[0].team", "hint": "did you mean 'core-team'?"}
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "models/a.yaml",
        "uriBaseId": "%SRCROOT%",
        "index": 0,
    }
    assert location["region"] == {"startLine": 4, "startColumn": 11}
    assert second["level"] == "warning"
    region = second["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": 12, "endColumn": 20}
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        "models/a.yaml",
        "models/b%20c.yaml",
        "models/clean.yaml",
    ]
    assert run["results"][3]["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1


def test_sarif_uris_are_encoded_relative_or_absolute() -> None:
    assert sarif_reporter.artifact_uri("./dir/ü #1.yaml") == "dir/%C3%BC%20%231.yaml"
    assert sarif_reporter.artifact_uri("a:b.yaml") == "a%3Ab.yaml"
    assert sarif_reporter.artifact_uri("/srv/x y.yaml") == "file:///srv/x%20y.yaml"
    absolute = replace(ERROR, file="/srv/model.yaml")
    location = sarif(one(absolute))["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///srv/model.yaml",
        "index": 0,
    }


def fingerprints(report: Report) -> list[str]:
    return [
        result["partialFingerprints"][sarif_reporter.FINGERPRINT_KEY]
        for result in sarif(report)["runs"][0]["results"]
    ]


def test_sarif_fingerprints_survive_moved_lines_and_tell_findings_apart() -> None:
    (before,) = fingerprints(one(ERROR))
    (after,) = fingerprints(one(replace(ERROR, line=40, column=3)))
    assert before == after
    assert re.fullmatch(r"[0-9a-f]{32}:1", before)
    (other,) = fingerprints(one(replace(ERROR, message="team 'x' is not defined")))
    assert other != before
    (elsewhere,) = fingerprints(one(replace(ERROR, file="models/z.yaml")))
    assert elsewhere != before
    twice = make_report(FileResult(ERROR.file, (ERROR, replace(ERROR, line=9))))
    first, second = fingerprints(twice)
    assert first == before
    assert second == before[:-1] + "2"


def test_sarif_empty_report_has_an_empty_result_list() -> None:
    run = sarif(make_report())["runs"][0]
    assert run["results"] == []
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [
        "POM201",
        "POM105",
        "POM301",
    ]


# --- junit --------------------------------------------------------------------------------------


def junit(report: Report) -> ET.Element:
    output = render(report, "junit")
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(output.encode("utf-8"))


def test_junit_counts_suites_cases_and_failures() -> None:
    root = junit(full_report())
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "2", "0")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "models/a.yaml",
        "models/b c.yaml",
        "models/clean.yaml",
    ]
    assert [(s.get("tests"), s.get("failures"), s.get("skipped")) for s in suites] == [
        ("3", "1", "0"),
        ("1", "1", "0"),
        ("1", "0", "0"),
    ]
    for suite in suites:
        cases = suite.findall("testcase")
        assert len(cases) == int(suite.get("tests", ""))
        assert len(suite.findall("testcase/failure")) == int(suite.get("failures", ""))
    (clean,) = suites[2].findall("testcase")
    assert clean.attrib == {"classname": "models/clean.yaml", "name": "pomkit validate"}
    assert list(clean) == []


def test_junit_failure_carries_code_message_path_and_hint() -> None:
    case = junit(full_report()).findall("testsuite/testcase")[0]
    assert case.attrib == {"classname": "models/a.yaml", "name": "POM201 at 4:11"}
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "POM201"
    assert failure.get("message") == "team 'core' is not defined"
    assert failure.text == (
        "models/a.yaml:4:11: error: team 'core' is not defined\n"
        "path: roles[0].team\n"
        "hint: did you mean 'core-team'?"
    )


def test_junit_names_the_waiver_target() -> None:
    case = junit(one(HANDOFF_FINDING)).find("testsuite/testcase")
    assert case is not None
    assert case.findtext("system-out") == (
        "models/a.yaml:6:5: info: handoff pm → po ('Brief') names no lifecycle stage\n"
        "path: handoffs[0]\n"
        "target: handoff:pm/po\n"
        "hint: add `stage:`"
    )


def test_junit_findings_below_the_fail_level_pass_with_output() -> None:
    warning_case = junit(full_report()).findall("testsuite/testcase")[1]
    assert warning_case.find("failure") is None
    out = warning_case.findtext("system-out")
    assert out is not None
    assert out.startswith("models/a.yaml:5:12: warning: title has [bold]x[/] markup")


@pytest.mark.parametrize(
    ("fail_on", "failures"), [(None, "0"), (Severity.WARNING, "3"), (Severity.INFO, "4")]
)
def test_junit_follows_the_fail_level(fail_on: Severity | None, failures: str) -> None:
    root = junit(full_report(fail_on=fail_on))
    assert root.get("failures") == failures
    assert len(root.findall("testsuite/testcase/failure")) == int(failures)


def test_junit_strips_characters_xml_cannot_carry() -> None:
    nasty = replace(ERROR, message="nul\x00 bell\x07 esc\x1b ok <&>\"'", hint="tab\tkept")
    failure = junit(one(nasty)).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "nul bell esc ok <&>\"'"
    assert failure.text is not None
    assert failure.text.endswith("hint: tab\tkept")


def test_junit_empty_report_is_an_empty_suite_list() -> None:
    root = junit(make_report())
    assert (root.get("tests"), root.get("failures")) == ("0", "0")
    assert list(root) == []


# --- github -------------------------------------------------------------------------------------


def test_github_writes_one_command_per_finding() -> None:
    lines = render(full_report(), "github").splitlines()
    assert lines == [
        "::error file=models/a.yaml,line=4,col=11,title=POM201::team 'core' is not defined"
        " — hint: did you mean 'core-team'?",
        "::warning file=models/a.yaml,line=5,col=12,endColumn=20,title=POM105::title has "
        "[bold]x[/] markup, a comma, a colon: and%0Anewline",
        "::notice file=models/a.yaml,line=2,col=1,title=POM301::role 'pm' carries no"
        " responsibility",
        "::error file=models/b c.yaml,line=7,col=3,title=POM999::100%25 wrong, [/] and"
        " \x1b[31mred\x1b[0m — hint: fix it: now, please",
    ]


def test_github_hint_names_the_waiver_target_when_it_is_not_plain() -> None:
    lines = render(make_report(FileResult("models/a.yaml", (OWN, HANDOFF_FINDING))), "github")
    assert lines.splitlines() == [
        "::notice file=models/a.yaml,line=3,col=5,title=POM301::role 'pm' carries no"
        " responsibility",
        "::notice file=models/a.yaml,line=6,col=5,title=POM410::handoff pm → po ('Brief')"
        " names no lifecycle stage — hint: add `stage:` — or waive with target: handoff:pm/po",
    ]


def test_github_escapes_properties_and_data() -> None:
    odd = replace(
        INFO, file="dir,x/a:b%.yaml", code="X:1,2", message="50%\r\n::error::injected", hint=None
    )
    (line,) = render(one(odd), "github").splitlines()
    assert line == (
        "::notice file=dir%2Cx/a%3Ab%25.yaml,line=2,col=1,title=X%3A1%2C2"
        "::50%25%0D%0A::error::injected"
    )
    assert github_reporter.escape_property("a%b:c,d\ne") == "a%25b%3Ac%2Cd%0Ae"
    assert github_reporter.escape_data("a%b:c,d\re") == "a%25b:c,d%0De"


def test_github_is_empty_for_a_clean_report() -> None:
    assert render(make_report(FileResult("a.yaml")), "github") == ""


def test_colour_only_adds_escape_codes() -> None:
    import re

    plain = text(full_report())
    coloured = text(full_report(), color=True)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain

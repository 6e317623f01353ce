"""Diff formats: golden files for a realistic version pair, Markdown structure and cap, JSON schema.

Regenerate the golden files on purpose with
``POMKIT_REGENERATE=1 python -m pytest -q tests/test_diff_formats.py``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from helpers import EXAMPLES, ROOT, invoke
from pomkit import api
from pomkit.changes.formats import COMMENT_LIMIT, FORMATS, render_markdown
from pomkit.changes.records import DiffReport, Level
from pomkit.markdown import md_inline
from test_diff_bench import load

GOLDEN = ROOT / "tests" / "golden" / "diff"
SCHEMA = json.loads((ROOT / "schemas" / "diff.schema.json").read_text(encoding="utf-8"))
SUFFIXES = {"text": "txt", "md": "md", "json": "json", "github": "github"}

#: A pull request on the agile example: each edit replaces text that occurs once.
EDITS = [
    # metadata: info
    ("version: 1.10 ", "version: 1.11 "),
    # a first-line response time doubled: breaking
    ("      response_time: 1h\n", "      response_time: 2h\n"),
    # the same resolution time written another way: no change
    ("      resolution_time: 2w\n", "      resolution_time: P14D\n"),
    # a KPI target tightened: notable
    ('target: {op: ">=", value: 45, unit: points}', 'target: {op: ">=", value: 50, unit: points}'),
    # accountability moved, and the scrum master is left with none: notable + breaking
    (
        "    accountable: payments-scrum-master\n    responsible: [payments-scrum-master]\n",
        "    accountable: agile-coach\n    responsible: [payments-scrum-master]\n",
    ),
    # fewer developers: notable
    ("team: invoicing-team, people: 6}", "team: invoicing-team, people: 5}"),
    # a KPI renamed, declared, and its references follow: one info change
    ("  - {id: csat, name:", "  - {id: support-csat, renamed_from: csat, name:"),
    ("kpi:nps, kpi:csat]", "kpi:nps, kpi:support-csat]"),
    (
        "kpis: [net-revenue-retention, nps, csat]",
        "kpis: [net-revenue-retention, nps, support-csat]",
    ),
    ("feeds: [backlog, kpi:csat]", "feeds: [backlog, kpi:support-csat]"),
    # a new KPI: info
    (
        "\ncollaboration:\n",
        "  - {id: time-to-first-invoice, name: Time to first invoice, element: kpis, "
        'category: activation, target: {op: "<=", value: 2, unit: days}, '
        "owner: invoicing-product-owner, frequency: monthly}\n\ncollaboration:\n",
    ),
    # a ritual meets every two weeks now: notable
    (
        "      name: Product trio sync\n      cadence: weekly\n",
        "      name: Product trio sync\n      cadence: biweekly\n",
    ),
]


def agile_pair() -> tuple[str, str]:
    old = (EXAMPLES / "agile.yaml").read_text(encoding="utf-8")
    new = old
    for before, after in EDITS:
        assert new.count(before) == 1, before
        new = new.replace(before, after)
    return old, new


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """The agile pair as ``old.yaml`` and ``new.yaml`` in the current directory."""
    old, new = agile_pair()
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "old.yaml", "new.yaml"


def report_of(old: str, new: str) -> DiffReport:
    return api.diff(old, new, settings=api.diff_settings(new, fail_on="breaking"))


def test_the_pair_reports_what_a_reviewer_needs(pair: tuple[str, str]) -> None:
    report = report_of(*pair)
    codes = [c.code for c in report.changes]
    assert sorted(codes) == sorted(
        [
            "DIFF006",  # version
            "DIFF106",  # payments-scrum-master accountable for nothing
            "DIFF103",  # fewer developers
            "DIFF202",  # accountability moved
            "DIFF402",  # response time longer
            "DIFF001",  # new KPI
            "DIFF003",  # KPI renamed
            "DIFF503",  # target tightened
            "DIFF601",  # cadence
        ]
    )
    assert report.summary() == "9 changes: 2 breaking, 4 notable, 3 info"
    assert report.failed
    impact = {i.role: i.summary() for i in report.impacts}
    assert impact["agile-coach"] == "agile-coach: +1 accountable"
    assert impact["payments-scrum-master"] == "payments-scrum-master: −1 accountable"
    assert impact["invoicing-product-owner"] == "invoicing-product-owner: +1 KPI"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(fmt: str, pair: tuple[str, str]) -> None:
    code, out, err = invoke("diff", *pair, "--format", fmt, "--fail-on", "breaking")
    assert code == 1, err
    assert err == ""
    golden = GOLDEN / f"agile.{SUFFIXES[fmt]}"
    if os.environ.get("POMKIT_REGENERATE"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert out == expected, f"{golden} is stale: POMKIT_REGENERATE=1 to refresh it on purpose"


def test_the_text_ends_with_the_summary(pair: tuple[str, str]) -> None:
    _code, out, _err = invoke("diff", *pair)
    lines = out.splitlines()
    assert lines[-1] == "9 changes: 2 breaking, 4 notable, 3 info"
    assert "  ~ DIFF402 breaking  support tier 'tier-1' response time 1h → 2h (longer)" in out
    assert "impact by role" in lines


# --------------------------------------------------------------------------- markdown


def tokens(text: str) -> list[object]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def test_markdown_has_the_summary_first_breaking_in_a_table_the_rest_folded(
    pair: tuple[str, str],
) -> None:
    text = FORMATS["md"](report_of(*pair))
    parsed = tokens(text)
    kinds = [t.type for t in parsed]  # type: ignore[attr-defined]
    assert kinds[0] == "heading_open"
    first_paragraph = next(t for t in parsed if t.type == "inline")  # type: ignore[attr-defined]
    assert "pomkit diff" in first_paragraph.content  # type: ignore[attr-defined]
    assert text.index("**9 changes: 2 breaking, 4 notable, 3 info**") < text.index("#### Breaking")
    assert kinds.count("table_open") == 3  # breaking, notable, info
    html = [t.content for t in parsed if t.type == "html_block"]  # type: ignore[attr-defined]
    assert any("<summary>Notable changes (4)</summary>" in block for block in html)
    assert any("<summary>Information (3)</summary>" in block for block in html)
    breaking = text.split("#### Breaking changes (2)")[1].split("<details>")[0]
    assert "DIFF402" in breaking
    assert "DIFF106" in breaking
    assert "DIFF202" not in breaking


def test_markdown_escapes_user_text() -> None:
    # The playbook's escaping (pomkit.markdown): in a table cell, the text renders as itself.
    hostile = "<script>x</script> | *bold* [link](javascript:x) `code`\n# heading"
    table = f"| a |\n|---|\n| {md_inline(hostile)} |\n"
    rendered = MarkdownIt("commonmark").enable("table").render(table)
    assert "<script>" not in rendered
    for tag in ("<a ", "<h1>", "<em>", "<code>"):
        assert tag not in rendered
    assert rendered.count("<td>") == 1
    assert "javascript:x" in rendered  # shown as text, never a link


def test_markdown_is_capped_for_a_huge_diff(tmp_path: Path) -> None:
    # A generated 10-team model against a tiny one: every item removed, far more than a
    # GitHub comment holds.
    big = tmp_path / "model-10.yaml"
    small = tmp_path / "small.yaml"
    big.write_text(load("generate").generate(10, seed=10), encoding="utf-8")
    small.write_text(
        "apiVersion: pomkit/v1\nkind: OperatingModel\nmetadata: {name: x, title: X}\n"
        "type: platform\n",
        encoding="utf-8",
    )
    report = api.diff(str(big), str(small))
    full = render_markdown(report, limit=10**9)
    capped = render_markdown(report)
    assert len(full) > COMMENT_LIMIT
    assert len(capped) <= COMMENT_LIMIT
    last = capped.rstrip().splitlines()[-1]
    assert re.fullmatch(
        r"… and \d+ more not shown here \(the comment has a size limit\); run `pomkit diff` "
        r"for the whole list\.",
        last,
    ), last
    left = int(last.split()[2])
    lines = capped.splitlines()
    shown = sum(1 for line in lines if line.startswith("| ") and "| `DIFF" in line)
    shown += sum(1 for line in lines if line.startswith("- "))
    assert left > 0
    assert shown + left == len(report.changes) + len(report.impacts)
    # The cut keeps the Markdown well formed: every <details> is closed, and it parses.
    assert capped.count("<details>") == capped.count("</details>")
    parsed = tokens(capped)
    assert [t.type for t in parsed].count("table_open") >= 1  # type: ignore[attr-defined]
    # A smaller limit cuts the same way.
    small_cap = render_markdown(report, limit=4000)
    assert len(small_cap) <= 4000
    assert small_cap.rstrip().endswith("run `pomkit diff` for the whole list.")


def test_markdown_cap_counts_what_it_left_out(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    small = tmp_path / "small.yaml"
    big.write_text((EXAMPLES / "platform.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    small.write_text(
        "apiVersion: pomkit/v1\nkind: OperatingModel\nmetadata: {name: x, title: X}\n"
        "type: platform\n",
        encoding="utf-8",
    )
    report = api.diff(str(big), str(small))
    capped = render_markdown(report, limit=6000)
    shown = capped.count("\n| ") - capped.count("\n| | code")  # table rows, headers left out
    shown += sum(1 for line in capped.splitlines() if line.startswith("- "))
    left = int(capped.split("… and ")[1].split(" ")[0])
    assert shown + left == len(report.changes) + len(report.impacts)


# --------------------------------------------------------------------------- json


def test_json_matches_its_schema(pair: tuple[str, str]) -> None:
    document = json.loads(FORMATS["json"](report_of(*pair)))
    jsonschema.validate(document, SCHEMA)
    assert document["version"] == 1
    assert document["summary"] == {
        "changes": 9,
        "breaking": 2,
        "notable": 4,
        "info": 3,
        "failed": True,
        "fail_on": "breaking",
    }
    longer = next(c for c in document["changes"] if c["code"] == "DIFF402")
    assert (longer["before"], longer["after"], longer["level"]) == ("1h", "2h", "breaking")
    assert longer["file"] == "new.yaml"
    assert longer["side"] == "new"


def test_the_schema_rejects_a_record_without_a_level(pair: tuple[str, str]) -> None:
    document = json.loads(FORMATS["json"](report_of(*pair)))
    del document["changes"][0]["level"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


# --------------------------------------------------------------------------- github


def test_github_annotates_new_s_lines_errors_for_breaking_warnings_for_notable(
    pair: tuple[str, str],
) -> None:
    report = report_of(*pair)
    lines = FORMATS["github"](report).splitlines()
    assert len(lines) == sum(1 for c in report.changes if c.level >= Level.NOTABLE)
    assert sum(line.startswith("::error ") for line in lines) == 2
    assert sum(line.startswith("::warning ") for line in lines) == 4
    new_lines = agile_pair()[1].splitlines()
    for line in lines:
        assert line.split(" ", 1)[1].startswith("file=new.yaml,line=")
        number = int(line.split("line=")[1].split(",")[0])
        assert 1 <= number <= len(new_lines)
    longer = next(line for line in lines if "DIFF402" in line)
    number = int(longer.split("line=")[1].split(",")[0])
    assert new_lines[number - 1].strip() == "response_time: 2h"

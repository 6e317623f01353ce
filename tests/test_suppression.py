"""Inline suppressions and waivers: what they silence, and what they report themselves."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from helpers import invoke, line_of
from pomkit import api, engine, structure
from pomkit.catalog import base_model
from pomkit.config import FileConfig
from pomkit.findings import Finding, Severity
from pomkit.loader import parse
from pomkit.model import ID_KINDS
from pomkit.suppression import code_matches, directives

RULES = engine.registry()
BAD_LINE = "  - {id: pm, title: Product manager, kind: product-manager, team: core}"
GHOST = BAD_LINE.replace("team: core", "team: ghost")


BASE = base_model()


def run(text: str, today: dt.date = dt.date(2026, 11, 25), **kw: object) -> list[Finding]:
    """Every rule on ``text`` through the engine itself, on a fixed day (for expiry)."""
    source = parse(text, "m.yaml")
    return engine.run(source, structure.check(source.data), RULES.values(), today=today, **kw)  # type: ignore[arg-type]


def codes(found: list[Finding]) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in found]


def with_ghost(comment: str = "", above: str | None = None) -> str:
    text = base_model()
    assert BAD_LINE in text
    line = GHOST + (f"  {comment}" if comment else "")
    if above is not None:
        line = f"  {above}\n{line}"
    return text.replace(BAD_LINE, line)


def test_unsuppressed_finding_is_reported() -> None:
    text = with_ghost()
    assert codes(run(text)) == [("POM202", line_of(text, "team: ghost"))]


def test_same_line_comment_suppresses() -> None:
    assert run(with_ghost("# pomkit: ignore[POM202]")) == []


def test_comment_line_above_suppresses_the_next_line() -> None:
    assert run(with_ghost(above="# pomkit: ignore[POM202]")) == []


def test_family_and_several_codes() -> None:
    assert run(with_ghost("# pomkit: ignore[POM2xx]")) == []
    found = run(with_ghost("# pomkit: ignore[POM202, POM201]"))
    assert [(f.code, f.message) for f in found] == [
        ("POM090", "`# pomkit: ignore[POM201]` suppresses nothing here")
    ]


def test_other_code_does_not_suppress_and_is_reported_unused() -> None:
    text = with_ghost("# pomkit: ignore[POM201]")
    found = codes(run(text))
    line = line_of(text, "team: ghost")
    assert ("POM202", line) in found
    assert ("POM090", line) in found


def test_ignore_file_at_the_top() -> None:
    text = "# pomkit: ignore-file[POM2xx]\n" + with_ghost()
    assert run(text) == []


def test_unused_suppression_for_unselected_rule_is_not_reported() -> None:
    text = base_model().replace(BAD_LINE, BAD_LINE + "  # pomkit: ignore[POM202]")
    source = parse(text)
    selected = [r for code, r in RULES.items() if code != "POM202"]
    assert engine.run(source, structure.check(source.data), selected) == []
    assert [f.code for f in run(text)] == ["POM090"]


def test_unused_waiver_for_unselected_rule_is_not_reported() -> None:
    idle = "  - {id: analyst, title: Analyst, kind: custom, team: core}"
    model = base_model().replace(BAD_LINE, BAD_LINE + "\n" + idle)
    assert "POM303" in [f.code for f in run(model)]
    text = model + "waivers:\n  - {rule: POM303, target: 'role:analyst', reason: joins in May}\n"
    assert run(text) == []
    source = parse(text)
    selected = [r for code, r in RULES.items() if not code.startswith("POM3")]
    assert engine.run(source, structure.check(source.data), selected) == []


def test_directive_inside_quotes_is_text() -> None:
    text = 'a: "x # pomkit: ignore[POM202]"\nb: 1 # pomkit: ignore[POM201]\n'
    found = directives(text)
    assert [(d.line, d.codes) for d in found] == [(2, ["POM201"])]


def test_rule_name_in_suppression_is_reported_with_its_code() -> None:
    text = with_ghost("# pomkit: ignore[unknown-team]")
    found = run(text)
    assert [f.code for f in found] == ["POM202", "POM094"]
    invalid = found[1]
    assert invalid.severity is Severity.WARNING
    assert invalid.message == (
        "`# pomkit: ignore[...]` names 'unknown-team', which is not a rule code;"
        " it silences nothing"
    )
    assert invalid.hint == "name the rule by its code: POM202 (unknown-team)"
    line = text.splitlines()[invalid.line - 1]
    assert line[invalid.column - 1 : (invalid.end_column or 0) - 1] == "unknown-team"


WAIVER = (
    "waivers:\n  - {rule: POM202, target: role:pm, reason: Reorg in flight, expires: 2027-03-31}\n"
)


def test_model_waiver_silences_its_target() -> None:
    assert run(with_ghost() + WAIVER) == []


def test_waiver_for_other_target_does_not_apply() -> None:
    text = with_ghost() + WAIVER.replace("role:pm", "role:po")
    assert sorted(f.code for f in run(text)) == ["POM092", "POM202"]


def test_expired_waiver_stops_applying_and_is_reported() -> None:
    text = with_ghost() + WAIVER
    found = run(text, today=dt.date(2027, 4, 1))
    assert sorted(f.code for f in found) == ["POM091", "POM202"]
    expired = next(f for f in found if f.code == "POM091")
    assert "expired on 2027-03-31" in expired.message
    assert expired.line == line_of(text, "rule: POM202")


def test_waiver_needs_a_reason() -> None:
    text = with_ghost() + "waivers:\n  - {rule: POM202, target: role:pm}\n"
    assert "POM103" in {f.code for f in run(text)}


def test_invalid_waiver_rule() -> None:
    text = with_ghost() + "waivers:\n  - {rule: team-typo, target: role:pm, reason: x}\n"
    assert sorted(f.code for f in run(text)) == ["POM093", "POM202"]


def test_config_waiver(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(with_ghost(), encoding="utf-8")
    waiver = {"rule": "POM2xx", "target": "*", "reason": "migration"}
    assert api.validate(path, FileConfig.model_validate({"waivers": [waiver]})) == []
    # An expired configuration waiver no longer applies; it is reported once per run,
    # at the configuration file, not in each model.
    config = tmp_path / ".pomkit.yaml"
    config.write_text(
        "waivers:\n  - {rule: POM2xx, target: '*', reason: migration, expires: 2001-01-01}\n",
        encoding="utf-8",
    )
    other = tmp_path / "n.yaml"
    other.write_text(with_ghost(), encoding="utf-8")
    report = api.validate_paths([str(path), str(other)])
    by_file = {r.file: sorted(f.code for f in r.findings) for r in report.files}
    assert by_file == {str(path): ["POM202"], str(other): ["POM202"], str(config): ["POM091"]}


def test_config_waiver_used_by_one_model_is_not_unused(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text(
        "waivers:\n  - {rule: POM202, target: '*', reason: migration}\n", encoding="utf-8"
    )
    ghost = tmp_path / "ghost.yaml"
    ghost.write_text(with_ghost(), encoding="utf-8")
    clean = tmp_path / "clean.yaml"
    clean.write_text(BASE, encoding="utf-8")
    report = api.validate_paths([str(ghost), str(clean)])
    assert [f.code for f in report.findings] == []
    # Unused by every model of a searched folder: one finding, at the configuration file.
    ghost.unlink()
    report = api.validate_paths([str(tmp_path)])
    assert [(Path(f.file).name, f.code) for f in report.findings] == [(".pomkit.yaml", "POM092")]
    # A waiver for a rule that did not run is not unused.
    report = api.validate_paths([str(tmp_path)], select=["POM1"])
    assert report.findings == ()


def test_suppression_of_a_code_no_rule_has_is_reported() -> None:
    found = run(with_ghost("# pomkit: ignore[POM202, POM999]"))
    assert [(f.code, f.message) for f in found] == [
        (
            "POM094",
            "`# pomkit: ignore[...]` names 'POM999', which is no rule's code; it silences nothing",
        )
    ]


# --- suppressions that cannot silence anything (POM094) -----------------------------------------


@pytest.mark.parametrize("code", ["x", "POM", "P", "XX", "POM2x", "POM2021", "pom-202", "POM99x"])
def test_malformed_or_unknown_code_silences_nothing(code: str) -> None:
    text = with_ghost(f"# pomkit: ignore[{code}]")
    found = run(text)
    assert [(f.code, f.line) for f in found] == [
        ("POM202", line_of(text, "team: ghost")),
        ("POM094", line_of(text, "team: ghost")),
    ]
    assert repr(code) in found[1].message
    assert found[1].severity is Severity.WARNING


def test_invalid_code_no_longer_flips_the_exit_code(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(with_ghost("# pomkit: ignore[x]"), encoding="utf-8")
    code, out, _ = invoke("validate", "--quiet", str(path))
    assert code == 1
    assert "POM202 error" in out
    assert "POM094 warning `# pomkit: ignore[...]` names 'x'" in out


def test_valid_codes_beside_an_invalid_one_still_apply() -> None:
    found = run(with_ghost("# pomkit: ignore[POM202, XX]"))
    assert [(f.code, f.message.split(";")[0]) for f in found] == [
        ("POM094", "`# pomkit: ignore[...]` names 'XX', which is not a rule code")
    ]


@pytest.mark.parametrize(
    ("comment", "message", "hint"),
    [
        (
            "# pomkit: ignore",
            "`# pomkit: ignore` names no code, so it silences nothing",
            "list the codes to silence in brackets: `# pomkit: ignore[POM301]`;"
            " pomkit never silences every rule at once",
        ),
        (
            "# pomkit: ignore[]",
            "`# pomkit: ignore[]` names no code, so it silences nothing",
            "list the codes to silence: `# pomkit: ignore[POM301]`, or remove the comment",
        ),
        (
            "# pomkit: ignore[ , ]",
            "`# pomkit: ignore[]` names no code, so it silences nothing",
            "list the codes to silence: `# pomkit: ignore[POM301]`, or remove the comment",
        ),
        (
            "# pomkit: ignore[POM202",
            "`# pomkit: ignore[` has no closing bracket, so it silences nothing",
            "close the list: `# pomkit: ignore[POM301]`",
        ),
        (
            "# pomkit: ignroe[POM202]",
            "`# pomkit: ignroe` is not a pomkit directive; it silences nothing",
            "did you mean `ignore`? write `# pomkit: ignore[POM301]` on the line,"
            " or `# pomkit: ignore-file[POM3xx]` at the top",
        ),
        (
            "# pomkit: disable[POM202]",
            "`# pomkit: disable` is not a pomkit directive; it silences nothing",
            "write `# pomkit: ignore[POM301]` on the line,"
            " or `# pomkit: ignore-file[POM3xx]` at the top",
        ),
        (
            "# pomkit: noqa",
            "`# pomkit: noqa` is not a pomkit directive; it silences nothing",
            "write `# pomkit: ignore[POM301]` on the line,"
            " or `# pomkit: ignore-file[POM3xx]` at the top",
        ),
    ],
)
def test_malformed_suppression_is_reported_with_the_right_form(
    comment: str, message: str, hint: str
) -> None:
    for text in (with_ghost(comment), with_ghost(above=comment)):
        found = run(text)
        assert sorted(f.code for f in found) == ["POM094", "POM202"], text
        (invalid,) = (f for f in found if f.code == "POM094")
        assert (invalid.message, invalid.hint) == (message, hint)
        assert invalid.line == line_of(text, comment)
        line = text.splitlines()[invalid.line - 1]
        assert line[invalid.column - 1 :].startswith("# pomkit:")


def test_prose_after_pomkit_colon_is_not_a_directive() -> None:
    for prose in ("operating model of the billing product", "note the reorg", ""):
        text = f"# pomkit: {prose}\n" + with_ghost()
        assert [f.code for f in run(text)] == ["POM202"], prose


def test_ignore_file_below_the_first_yaml_line_is_reported() -> None:
    text = with_ghost() + "# pomkit: ignore-file[POM2xx]\n"
    found = run(text)
    assert [(f.code, f.line) for f in found] == [
        ("POM202", line_of(text, "team: ghost")),
        ("POM094", line_of(text, "ignore-file")),
    ]
    assert found[1].message == (
        "`# pomkit: ignore-file[POM2xx]` below the first YAML line silences nothing"
    )
    assert found[1].hint is not None
    assert "at the top of the file" in found[1].hint


def test_bare_ignore_file_at_the_top_is_reported() -> None:
    text = "# pomkit: ignore-file\n" + with_ghost()
    assert [(f.code, f.line) for f in run(text)] == [
        ("POM094", 1),
        ("POM202", line_of(text, "team: ghost")),
    ]


def test_ignore_file_after_a_document_marker_still_counts() -> None:
    text = "---\n# pomkit: ignore-file[POM202]\n" + with_ghost()
    assert run(text) == []


def test_unused_ignore_file_says_so() -> None:
    found = run("# pomkit: ignore-file[POM202]\n" + BASE)
    assert [(f.code, f.line, f.column, f.message) for f in found] == [
        ("POM090", 1, 23, "`# pomkit: ignore-file[POM202]` suppresses nothing in this file")
    ]


def test_a_directive_after_a_quoted_hash_still_counts() -> None:
    text = with_ghost().replace("title: Product manager", "title: 'PM # pomkit: not this'")
    text = text.replace("team: ghost}", "team: ghost}  # pomkit: ignore[POM202]")
    assert run(text) == []


# --- patterns that guard values match whole values ----------------------------------------------


def test_code_patterns_match_the_whole_code() -> None:
    assert code_matches("POM202", "POM202")
    assert code_matches("pom2xx", "POM202")
    assert code_matches("POM20", "POM202")
    for pattern in ("POM202\n", "POM2x", "", "POM", "XX", "POM2021", " POM202"):
        assert not code_matches(pattern, "POM202"), pattern


def test_waiver_rule_and_target_with_a_trailing_newline_are_invalid() -> None:
    for waiver in (
        '{rule: "POM202\\n", target: role:pm, reason: reorg}',
        '{rule: POM202, target: "role:pm\\n", reason: reorg}',
    ):
        found = run(with_ghost() + f"waivers:\n  - {waiver}\n")
        assert sorted(f.code for f in found) == ["POM093", "POM202"], waiver


def test_config_waiver_target_with_a_trailing_newline_is_invalid(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text(
        'waivers:\n  - {rule: POM202, target: "role:pm\\n", reason: reorg}\n', encoding="utf-8"
    )
    model = tmp_path / "m.yaml"
    model.write_text(with_ghost(), encoding="utf-8")
    report = api.validate_paths([str(model)])
    assert sorted((Path(f.file).name, f.code) for f in report.findings) == [
        (".pomkit.yaml", "POM093"),
        ("m.yaml", "POM202"),
    ]


def test_waiver_target_of_an_unknown_kind_is_invalid() -> None:
    text = with_ghost() + "waivers:\n  - {rule: POM202, target: rol:pm, reason: reorg}\n"
    found = run(text)
    assert sorted(f.code for f in found) == ["POM093", "POM202"]
    invalid = next(f for f in found if f.code == "POM093")
    assert "did you mean role:pm?" in invalid.message


def test_only_handoffs_are_known_by_their_ends() -> None:
    text = with_ghost() + "waivers:\n  - {rule: POM202, target: role:pm/po, reason: reorg}\n"
    assert sorted(f.code for f in run(text)) == ["POM093", "POM202"]


# --- each finding carries its waiver target -----------------------------------------------------

#: The base model's first handoff, without the stage that POM410 asks for.
HANDOFF = "  - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}"
NO_STAGE = "  - {from: pm, to: po, artifact: Opportunity brief}"


def test_finding_target_is_the_item_it_is_about() -> None:
    (found,) = run(with_ghost())
    assert found.target == "role:pm"
    assert BASE.count(HANDOFF) == 1
    (found,) = run(BASE.replace(HANDOFF, NO_STAGE))
    assert (found.code, found.target) == ("POM410", "handoff:pm/po")
    (found,) = run(BASE.replace(HANDOFF, NO_STAGE.replace("{", "{id: brief, ")))
    assert (found.code, found.target) == ("POM410", "handoff:brief")


def test_finding_about_no_single_item_has_no_target() -> None:
    found = run(BASE.replace(HANDOFF, ""))
    assert "POM402" in {f.code for f in found}
    assert all(f.target is None for f in found if f.code == "POM402")


def test_target_of_an_id_no_waiver_can_name_is_none() -> None:
    found = run(with_ghost().replace("{id: pm,", "{id: PM_Lead,"))
    ghost = next(f for f in found if f.code == "POM202")
    assert ghost.target is None


def test_waiver_on_a_handoff_known_by_its_ends() -> None:
    text = BASE.replace(HANDOFF, NO_STAGE)
    waiver = "waivers:\n  - {rule: POM410, target: handoff:pm/po, reason: Ideas have no stage}\n"
    assert run(text + waiver) == []
    found = run(text + waiver.replace("pm/po", "po/pm"))
    assert sorted(f.code for f in found) == ["POM092", "POM410"]


def test_every_target_kind_is_documented() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Suppressing findings", 1)[1].split("\n## ", 1)[0]
    for kind in ID_KINDS:
        assert f"`{kind}:" in section, kind
    assert "`handoff:<from>/<to>`" in section


def test_readme_waiver_example_applies() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Suppressing findings", 1)[1].split("\n## ", 1)[0]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    text = with_ghost().replace(HANDOFF, NO_STAGE)
    assert sorted(f.code for f in run(text)) == ["POM202", "POM410"]
    assert run(text + example) == []


def test_cli_shows_the_target_in_json_and_in_the_text_hint(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(with_ghost().replace(HANDOFF, NO_STAGE), encoding="utf-8")
    code, out, _ = invoke("validate", "--format", "json", str(path))
    assert code == 1
    found = json.loads(out)["files"][0]["findings"]
    assert [(f["code"], f["target"]) for f in found] == [
        ("POM202", "role:pm"),
        ("POM410", "handoff:pm/po"),
    ]
    code, out, _ = invoke("validate", str(path))
    hint = next(line for line in out.splitlines() if "hint: add `stage:`" in line)
    assert hint.endswith(" — or waive with target: handoff:pm/po")
    assert "waive with target: role:pm" not in out  # "role 'pm' names team …" says it


def test_a_long_invalid_code_is_shortened_in_the_message() -> None:
    code = "x" * 500
    text = with_ghost(f"# pomkit: ignore[{code}]")
    invalid = next(f for f in run(text) if f.code == "POM094")
    assert f"'{'x' * 40}…'" in invalid.message
    assert "x" * 41 not in invalid.message
    assert (invalid.end_column or 0) - invalid.column == 500


def test_a_waiver_may_name_its_rule(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        with_ghost() + "waivers:\n  - {rule: unknown-team, target: '*', reason: reorg}\n",
        encoding="utf-8",
    )
    assert api.validate(path) == []
    path.write_text(
        with_ghost() + "waivers:\n  - {rule: unknown-teams, target: '*', reason: reorg}\n",
        encoding="utf-8",
    )
    invalid = [f for f in api.validate(path) if f.code == "POM093"]
    assert len(invalid) == 1
    assert "did you mean unknown-team?" in invalid[0].message

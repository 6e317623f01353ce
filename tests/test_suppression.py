"""Inline suppressions and waivers: what they silence, and what they report themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pomkit import api, engine, structure
from pomkit.catalog import base_model
from pomkit.config import FileConfig
from pomkit.findings import Finding
from pomkit.loader import parse
from pomkit.suppression import directives

RULES = engine.registry()
BAD_LINE = "  - {id: pm, title: Product manager, kind: product-manager, team: core}"
GHOST = BAD_LINE.replace("team: core", "team: ghost")


BASE = base_model()


def run(text: str, today: dt.date = dt.date(2026, 11, 25), **kw: object) -> list[Finding]:
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


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


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


def test_ignore_file_below_content_does_not_count() -> None:
    text = with_ghost() + "# pomkit: ignore-file[POM2xx]\n"
    assert [c for c, _ in codes(run(text))] == ["POM202"]


def test_unused_suppression_for_unselected_rule_is_not_reported() -> None:
    text = base_model().replace(BAD_LINE, BAD_LINE + "  # pomkit: ignore[POM202]")
    source = parse(text)
    selected = [r for code, r in RULES.items() if code != "POM202"]
    assert engine.run(source, structure.check(source.data), selected) == []
    assert [f.code for f in run(text)] == ["POM090"]


def test_directive_inside_quotes_is_text() -> None:
    text = 'a: "x # pomkit: ignore[POM202]"\nb: 1 # pomkit: ignore[POM201]\n'
    found = directives(text)
    assert [(d.line, d.codes) for d in found] == [(2, ["POM201"])]


def test_bad_code_in_suppression_is_reported() -> None:
    found = run(with_ghost("# pomkit: ignore[unknown-team]"))
    assert {"POM090", "POM202"} == {f.code for f in found}
    assert any("no rule's code" in f.message for f in found)


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
    # Unused by every model: one finding for the run, at the configuration file.
    report = api.validate_paths([str(clean), str(clean)])
    assert [(Path(f.file).name, f.code) for f in report.findings] == [(".pomkit.yaml", "POM092")]
    # A waiver for a rule that did not run is not unused.
    report = api.validate_paths([str(clean)], select=["POM1"])
    assert report.findings == ()


def test_suppression_of_a_code_no_rule_has_is_reported() -> None:
    found = run(with_ghost("# pomkit: ignore[POM202, POM999]"))
    assert [(f.code, f.message) for f in found] == [
        ("POM090", "suppression names 'POM999', which is no rule's code")
    ]

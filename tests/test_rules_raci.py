"""POM3xx RACI and coverage rules: edge cases, positions, messages, options, no noise."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

import helpers
import pomkit
from helpers import ROOT, example_files, invoke, line_of, overlay, planted
from pomkit import engine
from pomkit.catalog import base_model, example_file
from pomkit.config import FileConfig
from pomkit.findings import Finding, Severity

RULES = engine.registry()
CODES = sorted(code for code in RULES if code.startswith("POM3"))


def run(tmp_path: Path, text: str, *codes: str, **kw: Any) -> list[Finding]:
    """Findings of ``codes`` (default: the whole POM3xx family) for ``text``."""
    return helpers.run(tmp_path, text, *(codes or CODES), **kw)


BASE = base_model()


def test_family_is_registered_with_documentation() -> None:
    assert [f"POM3{n:02d}" for n in range(1, 11)] == CODES
    for code in CODES:
        current = RULES[code]
        assert current.family == "POM3xx"
        assert current.summary.endswith(".")
        assert "Reported" in current.description, code  # the exact criteria are documented
    assert RULES["POM302"].severity is Severity.ERROR
    assert {RULES[c].severity for c in CODES if c != "POM302"} == {Severity.WARNING}


def test_base_model_is_clean(tmp_path: Path) -> None:
    assert run(tmp_path, BASE) == []


# --------------------------------------------------------------------------- POM301


def test_no_responsible_missing_or_empty(tmp_path: Path) -> None:
    text = BASE.replace("accountable: po, responsible: [devs, sm]", "accountable: po").replace(
        "accountable: lead, responsible: [devs]", "accountable: lead, responsible: []"
    )
    found = run(tmp_path, text, "POM301")
    assert [(f.line, f.code) for f in found] == [
        (line_of(text, "id: run-sprints"), "POM301"),
        (line_of(text, "id: ship"), "POM301"),
    ]
    assert "responsibility 'run-sprints'" in found[0].message
    assert "'po' is accountable" in found[0].message
    assert found[0].hint is not None
    assert "responsible: [po]" in found[0].hint


# --------------------------------------------------------------------------- POM302


def test_accountable_also_consulted_or_informed(tmp_path: Path) -> None:
    text = BASE.replace(
        "accountable: pm, responsible: [pm], consulted: [po]}",
        "accountable: pm, responsible: [pm], consulted: [po, pm], informed: [pm]}",
    )
    found = run(tmp_path, text, "POM302")
    assert len(found) == 2
    assert {f.path[-2] for f in found} == {"consulted", "informed"}
    assert all(f.severity is Severity.ERROR for f in found)
    assert all(f.line == line_of(text, "id: set-strategy") for f in found)
    consulted = next(f for f in found if f.path[-2] == "consulted")
    assert text.splitlines()[consulted.line - 1][consulted.column - 1 :].startswith("pm]")
    assert "role 'pm' is accountable for responsibility 'set-strategy'" in consulted.message


def test_accountable_also_responsible_is_fine(tmp_path: Path) -> None:
    # The base model writes `accountable: pm, responsible: [pm]` several times.
    assert run(tmp_path, BASE, "POM302", "POM309") == []


# --------------------------------------------------------------------------- POM303


def test_idle_role_only_consulted_or_absent(tmp_path: Path) -> None:
    text = BASE.replace(
        "  - {id: support-lead, title: Support lead, kind: custom, team: core}\n",
        "  - {id: support-lead, title: Support lead, kind: custom, team: core}\n"
        "  - {id: cfo, title: CFO, kind: custom}\n"
        "  - {id: analyst, title: Analyst, kind: business-analyst, team: core}\n",
    ).replace("responsible: [pm], consulted: [po]}", "responsible: [pm], consulted: [po, cfo]}")
    found = run(tmp_path, text, "POM303")
    assert [f.line for f in found] == [line_of(text, "id: cfo"), line_of(text, "id: analyst")]
    assert "role 'cfo'" in found[0].message
    assert "only consulted or informed on 'set-strategy'" in found[0].message
    assert "role 'analyst'" in found[1].message
    assert "only" not in found[1].message
    assert found[0].path == ("roles", 6)


def test_responsible_only_role_is_not_idle(tmp_path: Path) -> None:
    # devs is never accountable in the base model, only responsible.
    assert run(tmp_path, BASE, "POM303") == []


def test_no_responsibilities_reports_coverage_once_and_no_idle_roles(tmp_path: Path) -> None:
    text = overlay("responsibilities: []\n")
    found = run(tmp_path, text)
    assert [f.code for f in found] == ["POM304"]
    assert "no responsibilities" in found[0].message
    assert found[0].line == line_of(text, "responsibilities: []")


# --------------------------------------------------------------------------- POM304


def test_element_uncovered_once_per_element_at_responsibilities(tmp_path: Path) -> None:
    text = "\n".join(
        line
        for line in BASE.splitlines()
        if "id: track-kpis" not in line and "id: align-teams" not in line
    )
    found = run(tmp_path, text, "POM304")
    assert [f.line for f in found] == [line_of(text, "responsibilities:")] * 2
    assert sorted(f.message.split("'")[1] for f in found) == ["collaboration", "kpis"]
    assert all(f.path == ("responsibilities",) for f in found)
    assert any("`element: kpis`" in (f.hint or "") for f in found)


def test_element_uncovered_without_section_points_at_the_top(tmp_path: Path) -> None:
    text = "\n".join(
        line
        for line in BASE.splitlines()
        if not line.startswith("responsibilities:") and "activity:" not in line
    )
    found = run(tmp_path, text, "POM304")
    assert len(found) == 1
    assert found[0].line <= line_of(text, "apiVersion")


# --------------------------------------------------------------------------- POM305 / POM306


def test_stage_without_owner(tmp_path: Path) -> None:
    text = BASE.replace(
        "{id: delivery, name: Delivery, owner: lead}", "{id: delivery, name: Delivery}"
    )
    found = run(tmp_path, text, "POM305")
    assert [f.line for f in found] == [line_of(text, "{id: delivery, name: Delivery}")]
    assert "stage 'delivery'" in found[0].message


def test_stage_without_work(tmp_path: Path) -> None:
    text = BASE.replace("stage: retirement, accountable: pm", "accountable: pm")
    found = run(tmp_path, text, "POM306")
    assert [f.line for f in found] == [line_of(text, "id: retirement")]
    assert "stage 'retirement'" in found[0].message
    assert found[0].hint is not None
    assert "stage: retirement" in found[0].hint


def test_no_responsibility_on_any_stage_is_one_finding(tmp_path: Path) -> None:
    lines = []
    for line in BASE.splitlines():
        if "activity:" in line:
            start = line.index(" stage: ")
            line = line[:start] + line[line.index(",", start + 1) + 1 :]
        lines.append(line)
    text = "\n".join(lines) + "\n"
    found = run(tmp_path, text, "POM306")
    assert len(found) == 1
    assert found[0].line == line_of(text, "responsibilities:")
    assert "no responsibility names a lifecycle stage" in found[0].message


def test_empty_lifecycle_gives_no_stage_findings(tmp_path: Path) -> None:
    # Responsibilities then name undefined stages: that is POM203's finding, not ours.
    assert run(tmp_path, overlay("lifecycle: {stages: []}\n"), "POM305", "POM306") == []


# --------------------------------------------------------------------------- POM307


def test_overload_bad_example_names_role_and_share(tmp_path: Path) -> None:
    text = example_file(RULES["POM307"], "bad")
    found = run(tmp_path, text, "POM307")
    assert [f.line for f in found] == [line_of(text, "{id: pm, title")]
    assert "role 'pm' is accountable for 6 of 12 responsibilities (50.0%)" in found[0].message
    assert "'set-strategy', 'plan-roadmap'" in found[0].message
    assert found[0].path == ("roles", 0)


def test_overload_at_exactly_the_share_is_fine(tmp_path: Path) -> None:
    # The good example: three roles each accountable for 3 of 12 (exactly 25 %).
    assert run(tmp_path, example_file(RULES["POM307"], "good"), "POM307") == []
    # Six of 24 is exactly the share too, and seven of 24 is over it.
    assert run(tmp_path, overlay(raci(6, total=24)), "POM307") == []
    found = run(tmp_path, overlay(raci(7, total=24)), "POM307")
    assert ["7 of 24 responsibilities (29.2%)" in f.message for f in found] == [True]


def raci(by_pm: int, total: int) -> str:
    """``total`` responsibilities, ``by_pm`` of them with pm accountable, the rest spread."""
    others = ("po", "lead", "sm", "support-lead", "devs")
    rows = [
        f"  - {{id: duty-{i}, activity: Duty {i}, element: strategy, "
        f"accountable: {'pm' if i < by_pm else others[i % len(others)]}, responsible: [pm]}}"
        for i in range(total)
    ]
    return "responsibilities:\n" + "\n".join(rows) + "\n"


def test_overload_needs_an_absolute_count_too(tmp_path: Path) -> None:
    # The new user's VP: accountable for 4 of 15 (26.7 %) is over the share, but four
    # accountabilities are no overload; adding unrelated lines must not be what decides.
    assert run(tmp_path, overlay(raci(4, total=15)), "POM307") == []
    found = run(tmp_path, overlay(raci(6, total=15)), "POM307")
    assert [
        "role 'pm' is accountable for 6 of 15 responsibilities (40.0%)" in f.message for f in found
    ] == [True]
    # The count is an option: lowered, the share alone decides again.
    lowered = {"POM307": {"min_accountable": 4}}
    assert len(run(tmp_path, overlay(raci(4, total=15)), "POM307", options=lowered)) == 1


def test_overload_options_override(tmp_path: Path) -> None:
    bad = example_file(RULES["POM307"], "bad")
    assert run(tmp_path, bad, "POM307", options={"POM307": {"max_share": 0.5}}) == []
    # Base model: 8 responsibilities, pm accountable for 3 — below the size floor …
    assert run(tmp_path, BASE, "POM307") == []
    # … unless the floors are lowered.
    options: dict[str, dict[str, object]] = {
        "POM307": {"min_responsibilities": 5, "min_accountable": 3}
    }
    found = run(tmp_path, BASE, "POM307", options=options)
    assert [f.message.split("'")[1] for f in found] == ["pm"]
    assert "3 of 8" in found[0].message


def test_overload_options_override_through_config_file(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(example_file(RULES["POM307"], "bad"), encoding="utf-8")
    (tmp_path / ".pomkit.yaml").write_text(
        "select: [POM307]\nrules:\n  POM307: {max_share: 0.5}\n", encoding="utf-8"
    )
    assert pomkit.validate(path) == []
    assert [f.code for f in pomkit.validate(path, FileConfig(select=["POM307"]))] == ["POM307"]


# --------------------------------------------------------------------------- POM308


def test_bus_factor(tmp_path: Path) -> None:
    text = example_file(RULES["POM308"], "bad")
    found = run(tmp_path, text, "POM308")
    assert [f.line for f in found] == [line_of(text, "{id: pm, title")]
    assert "role 'pm' is one person (people: 1) and accountable for 6" in found[0].message
    assert "'align-teams'" in found[0].message


def test_bus_factor_not_for_a_role_of_several_people(tmp_path: Path) -> None:
    text = example_file(RULES["POM308"], "bad").replace(
        "kind: product-manager, team: core}", "kind: product-manager, team: core, people: 2}"
    )
    assert run(tmp_path, text, "POM308") == []


def test_bus_factor_option(tmp_path: Path) -> None:
    text = example_file(RULES["POM308"], "bad")
    assert run(tmp_path, text, "POM308", options={"POM308": {"max_accountable": 6}}) == []
    found = run(tmp_path, BASE, "POM308", options={"POM308": {"max_accountable": 2}})
    assert [f.message.split("'")[1] for f in found] == ["pm"]


# --------------------------------------------------------------------------- POM309


@pytest.mark.parametrize(
    ("lists", "where", "key"),
    [
        ("responsible: [pm, po, po]", "twice in `responsible`", "responsible"),
        ("responsible: [pm, pm]", "twice in `responsible`", "responsible"),
        ("responsible: [pm], consulted: [po], informed: [po]",
         "in `consulted` and in `informed`", "informed"),
        ("responsible: [pm, po], consulted: [po]",
         "in `responsible` and in `consulted`", "consulted"),
    ],
)  # fmt: skip
def test_duplicate_raci_role(tmp_path: Path, lists: str, where: str, key: str) -> None:
    text = BASE.replace("responsible: [pm], consulted: [po]}", lists + "}")
    found = run(tmp_path, text, "POM309")
    assert len(found) == 1
    assert found[0].line == line_of(text, "id: set-strategy")
    assert where in found[0].message
    assert "responsibility 'set-strategy'" in found[0].message
    assert found[0].path[-2] == key


def test_duplicate_raci_role_once_per_role_and_not_for_the_accountable(tmp_path: Path) -> None:
    text = BASE.replace(
        "responsible: [pm], consulted: [po]}",
        "responsible: [pm, po], consulted: [po, pm], informed: [po, pm]}",
    )
    found = run(tmp_path, text, "POM309", "POM302")
    assert sorted(f.code for f in found) == ["POM302", "POM302", "POM309"]
    assert "role 'po'" in next(f for f in found if f.code == "POM309").message


# --------------------------------------------------------------------------- cascades


def codes_for(tmp_path: Path, text: str) -> list[str]:
    """Every code reported for ``text``, with the structure rules, sorted."""
    path = tmp_path / "model.yaml"
    path.write_text(text, encoding="utf-8")
    return sorted(
        f.code for f in pomkit.validate(path, FileConfig(select=["POM0", "POM1", "POM3"]))
    )


def test_invalid_owner_is_not_also_missing(tmp_path: Path) -> None:
    text = BASE.replace(
        "{id: ideation, name: Ideation, owner: pm}", "{id: ideation, name: Ideation, owner: PM}"
    )
    assert codes_for(tmp_path, text) == ["POM107"]


def test_invalid_responsible_list_is_not_also_missing(tmp_path: Path) -> None:
    text = BASE.replace(
        "accountable: lead, responsible: [devs]}", "accountable: lead, responsible: [Devs]}"
    )
    assert "POM301" not in codes_for(tmp_path, text)


def test_unreadable_responsibility_silences_coverage_rules(tmp_path: Path) -> None:
    # The only `kpis` responsibility, and pm's work, become unreadable.
    text = BASE.replace("element: kpis, stage: delivery", "element: kpiz, stage: delivery")
    text = text.replace(
        "element: strategy, stage: ideation, accountable: pm",
        "element: strategy, accountable: pm, stage: Ideation",
    )
    assert codes_for(tmp_path, text) == ["POM104", "POM107"]


@pytest.mark.parametrize(
    "path", sorted((ROOT / "examples" / "invalid").glob("*.yaml")), ids=lambda p: p.name
)
def test_no_cascade_on_invalid_examples(path: Path) -> None:
    """Only the planted POM3xx problems are found: a structure error causes none."""
    found = pomkit.validate(path, FileConfig(select=["POM3"]))
    assert {(f.code, f.line) for f in found} == planted(path, "POM3")


# --------------------------------------------------------------------------- no noise


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_no_finding_on_shipped_examples(path: Path) -> None:
    assert pomkit.validate(path, FileConfig(select=["POM3"])) == []


def _generate(teams: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.generate(teams))


def test_no_finding_on_generated_model(tmp_path: Path) -> None:
    assert run(tmp_path, _generate(10)) == []


def test_cli_reports_and_explains(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(example_file(RULES["POM302"], "bad"), encoding="utf-8")
    code, out, _ = invoke("validate", str(path), "--select", "POM3")
    assert code == 1
    assert "POM302" in out
    assert "set-strategy" in out
    code, out, _ = invoke("explain", "POM307")
    assert code == 0
    assert "max_share (number, default 0.25)" in out
    assert "min_responsibilities (integer, default 10)" in out
    assert "min_accountable (integer, default 6)" in out

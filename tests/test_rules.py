"""Every rule's documented examples are executed: the bad one fails, the good one passes."""

from __future__ import annotations

import pytest

from pomkit import engine, structure
from pomkit.catalog import base_model, example_file, find_rule, render_explanation
from pomkit.findings import Finding, Severity
from pomkit.loader import parse
from pomkit.rules.core import Context, Problem, rule

RULES = engine.registry()
#: Rules about a file's bytes or size, which no text example can show; each has its
#: own test in test_loader.py / test_hostile.py.
NO_TEXT_EXAMPLE = {"POM006", "POM007"}


def findings_for(text: str) -> list[Finding]:
    source = parse(text, "example.yaml")
    checked = structure.check(source.data)
    return engine.run(source, checked, RULES.values())


def test_base_model_is_clean() -> None:
    assert findings_for(base_model()) == []


@pytest.mark.parametrize("code", sorted(set(RULES) - NO_TEXT_EXAMPLE))
def test_bad_example_fails(code: str) -> None:
    found = findings_for(example_file(RULES[code], "bad"))
    assert code in {f.code for f in found}, found


@pytest.mark.parametrize("code", sorted(set(RULES) - NO_TEXT_EXAMPLE))
def test_good_example_passes(code: str) -> None:
    found = findings_for(example_file(RULES[code], "good"))
    assert code not in {f.code for f in found}, found


def test_only_byte_level_rules_lack_text_examples() -> None:
    without = {code for code, r in RULES.items() if not r.bad.strip()}
    assert without == NO_TEXT_EXAMPLE


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_metadata_is_complete(code: str) -> None:
    current = RULES[code]
    assert current.description, "the docstring is the user documentation"
    assert current.summary.endswith((".", "…")), current.summary
    assert current.family in {f"POM{n}xx" for n in range(8)}
    explained = render_explanation(current)
    assert current.code in explained
    assert current.description.splitlines()[0] in explained


def test_bad_examples_point_at_a_line_of_the_example() -> None:
    found = [f for f in findings_for(example_file(RULES["POM201"], "bad")) if f.code == "POM201"]
    text = example_file(RULES["POM201"], "bad").splitlines()
    assert "product-lead" in text[found[0].line - 1]


def test_registration_refuses_duplicates_and_bad_identities() -> None:
    def check(ctx: Context) -> list[Problem]:
        """Doc."""
        return []

    with pytest.raises(ValueError, match="registered twice"):
        rule("POM201", "another-name", Severity.ERROR, "x.", bad="", good="")(check)
    with pytest.raises(ValueError, match="registered twice"):
        rule("POM999", "unknown-role", Severity.ERROR, "x.", bad="", good="")(check)
    with pytest.raises(ValueError, match="must look like"):
        rule("X1", "fine-name", Severity.ERROR, "x.", bad="", good="")(check)
    with pytest.raises(ValueError, match="kebab-case"):
        rule("POM998", "Bad_Name", Severity.ERROR, "x.", bad="", good="")(check)

    def undocumented(ctx: Context) -> list[Problem]:
        return []

    with pytest.raises(ValueError, match="docstring"):
        rule("POM997", "no-doc", Severity.ERROR, "x.", bad="", good="")(undocumented)
    assert "POM999" not in RULES
    assert "POM997" not in RULES


def test_find_rule_by_code_name_and_typo() -> None:
    assert find_rule("pom201") is RULES["POM201"]
    assert find_rule("unknown-role") is RULES["POM201"]
    message = find_rule("unkown-role")
    assert isinstance(message, str)
    assert "unknown-role" in message
    assert isinstance(find_rule("POM2O1"), str)


def test_engine_stamps_configured_severity_and_skips_model_rules_without_model() -> None:
    source = parse("- just\n- a list\n", "x.yaml")
    checked = structure.check(source.data)
    found = engine.run(source, checked, RULES.values(), {"POM009": Severity.WARNING})
    assert [(f.code, f.severity) for f in found] == [("POM009", Severity.WARNING)]


@pytest.mark.parametrize("code", sorted(c for c, r in RULES.items() if r.options is not None))
def test_option_defaults_are_valid(code: str) -> None:
    # Defaults are built without validation at run time; validate them here once.
    rule = RULES[code]
    assert rule.options is not None
    assert rule.defaults is not None
    validated = rule.options.model_validate(rule.defaults.model_dump())
    assert validated == rule.defaults
    for name, info in rule.options.model_fields.items():
        assert info.description, f"{code}.{name} needs a description (explain prints it)"

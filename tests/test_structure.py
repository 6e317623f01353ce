"""Structure checks: lenient validation, messages, and paths mapped back to the file."""

from __future__ import annotations

from pomkit import engine, structure
from pomkit.catalog import base_model
from pomkit.findings import Finding
from pomkit.loader import parse
from pomkit.scalars import Plain

RULES = engine.registry()


def check(text: str) -> list[Finding]:
    source = parse(text, "m.yaml")
    return engine.run(source, structure.check(source.data), RULES.values())


def replace_section(name: str, body: str) -> str:
    """The base model with its top-level section ``name`` replaced by ``body``."""
    out, skipping = [], False
    for line in base_model().splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            skipping = line.startswith(f"{name}:")
        if not skipping:
            out.append(line)
    return "\n".join(out) + "\n" + body


def codes_at(found: list[Finding]) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in found]


def test_a_bad_item_does_not_hide_reference_errors_elsewhere() -> None:
    text = replace_section(
        "roles",
        """roles:
  - {id: pm, title: Product manager, kind: product-manager, team: core}
  - {id: po, title: Product owner, kind: product_owner, team: core}
  - {id: lead, title: Tech lead, kind: technical-architect, team: nowhere}
  - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
  - {id: sm, title: Scrum master, kind: scrum-master, team: core}
  - {id: support-lead, title: Support lead, kind: custom, team: core}
""",
    )
    found = check(text)
    lines = text.splitlines()
    bad_kind = next(f for f in found if f.code == "POM104")
    unknown_team = next(f for f in found if f.code == "POM202")
    assert "product_owner" in lines[bad_kind.line - 1]
    assert "nowhere" in lines[unknown_team.line - 1]
    # The role with a bad kind is dropped from later checks but its id still resolves:
    # no reference to `po` is reported as unknown.
    assert not [f for f in found if f.code == "POM201"]


def test_paths_after_a_dropped_item_point_at_the_right_line() -> None:
    text = replace_section(
        "teams",
        """teams:
  - {id: core, name: Core team}
  - {id: core2, name: Second, type: stream-aligned, parent: ghost}
""",
    )
    found = check(text)
    missing = next(f for f in found if f.code == "POM103")
    ghost = next(f for f in found if f.code == "POM202")
    assert missing.path == ("teams", 0, "type")
    assert ghost.path == ("teams", 1, "parent")  # the file's index, not the pruned one
    assert "ghost" in text.splitlines()[ghost.line - 1]
    assert "team 'core2'" in ghost.message


def test_invalid_required_value_is_not_also_reported_missing() -> None:
    text = replace_section("type", "type: platform-based\n")
    found = check(text)
    assert [f.code for f in found] == ["POM104"]
    assert "did you mean 'platform'" in (found[0].hint or "")


def test_missing_root_section_still_checks_the_rest() -> None:
    text = replace_section("type", "").replace("accountable: pm,", "accountable: pmm,", 1)
    found = check(text)
    missing = next(f for f in found if f.code == "POM103")
    assert missing.path == ("type",)
    assert text.splitlines()[missing.line - 1].startswith("apiVersion")  # the top mapping
    assert any(f.code == "POM201" and "pmm" in f.message for f in found)


def test_unknown_key_points_at_the_key_with_did_you_mean() -> None:
    text = replace_section("metadata", "metadata:\n  name: example\n  title: X\n  ownr: pm\n")
    (finding,) = check(text)
    assert (finding.code, finding.column) == ("POM101", 3)
    assert "did you mean 'owner'" in (finding.hint or "")
    assert "allowed keys here:" in (finding.hint or "")


def test_text_fields_keep_what_was_written() -> None:
    text = replace_section(
        "metadata", "metadata:\n  name: example\n  title: 2027\n  version: 1.10\n"
    ).replace("horizon: 2027", "horizon: 0755")
    checked = structure.check(parse(text).data)
    assert checked.model is not None
    assert checked.model.metadata.version == "1.10"
    assert checked.model.metadata.title == "2027"
    assert checked.model.strategy.goals[0].horizon == "0755"


def test_numbers_and_flags_are_strict() -> None:
    text = (
        base_model()
        .replace("people: 5", 'people: "5"')
        .replace("automated: true", "automated: yes")
    )
    found = check(text)
    kinds = {(f.code, f.path[-1]) for f in found}
    assert ("POM102", "people") in kinds
    assert ("POM102", "automated") in kinds
    automated = next(f for f in found if f.path[-1] == "automated")
    assert "yes/no/on/off are text" in (automated.hint or "")


def test_plain_numbers_reach_number_fields_as_numbers() -> None:
    checked = structure.check(parse(base_model()).data)
    assert checked.model is not None
    assert checked.model.roles[3].people == 5
    target = checked.model.kpis[0].target
    assert target is not None
    assert target.value == 500
    assert isinstance(parse("a: 45.5\n").data["a"], Plain)


def test_durations_are_compared_as_lengths() -> None:
    checked = structure.check(parse(base_model()).data)
    assert checked.model is not None
    tiers = checked.model.support.tiers
    assert tiers[0].response_time is not None
    assert tiers[1].response_time is not None
    assert tiers[0].response_time < tiers[1].response_time


def test_bad_duration_message_names_the_value() -> None:
    found = check(base_model().replace("iteration: 2w", "iteration: two weeks"))
    (finding,) = found
    assert finding.code == "POM105"
    assert "'two weeks' is not a duration" in finding.message


def test_duplicate_ids_point_at_the_second() -> None:
    text = base_model().replace("{id: po, title: Product owner", "{id: pm, title: Product owner")
    found = [f for f in check(text) if f.code == "POM106"]
    assert len(found) == 1
    assert "Product owner" in text.splitlines()[found[0].line - 1]


def test_bad_id_format_suggests_kebab_case() -> None:
    found = check(base_model().replace("name: example", "name: Example Model"))
    (finding,) = found
    assert finding.code == "POM107"
    assert "'example-model'" in finding.message


def test_many_errors_in_one_list_all_reported() -> None:
    roles = "\n".join(f"  - {{id: r{i}, title: R, kind: nope{i}}}" for i in range(30))
    found = check(replace_section("roles", "roles:\n" + roles + "\n"))
    assert len([f for f in found if f.code == "POM104"]) == 30


def test_non_mapping_data_gives_no_model() -> None:
    checked = structure.check(["a"])
    assert checked.model is None
    assert checked.issues == []


def test_nearest() -> None:
    assert structure.nearest("product_manager", ["product-manager", "custom"]) == "product-manager"
    assert structure.nearest("zzz", ["product-manager"]) is None


def test_a_dropped_item_still_has_its_other_references_checked() -> None:
    text = replace_section(
        "roles",
        """roles:
  - {id: pm, title: Product manager, kind: product_manager, team: leadershp}
  - {id: po, titel: Product owner, kind: product-owner, reports_to: head-of-sales}
  - {id: lead, title: Tech lead, kind: technical-architect, team: core}
  - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
  - {id: sm, title: Scrum master, kind: scrum-master, team: core}
  - {id: support-lead, title: Support lead, kind: custom, team: core}
""",
    )
    found = check(text)
    lines = text.splitlines()
    kinds = [(f.code, lines[f.line - 1].split("id: ")[1].split(",")[0]) for f in found]
    assert ("POM104", "pm") in kinds
    assert ("POM202", "pm") in kinds  # the unknown team of the role with a bad kind
    assert ("POM101", "po") in kinds
    assert ("POM201", "po") in kinds  # the unknown manager of the role with a typo
    team = next(f for f in found if f.code == "POM202")
    assert team.path == ("roles", 0, "team")
    assert "role 'pm' names team 'leadershp'" in team.message
    assert "leadershp" in lines[team.line - 1][team.column - 1 :]


BASE = base_model()


def _hint_of(text: str, code: str) -> str:
    found = [f for f in check(text) if f.code == code]
    assert len(found) == 1, found
    assert found[0].hint is not None
    return found[0].hint


def test_number_fields_get_a_hint_for_what_was_written() -> None:
    def people(value: str) -> str:
        return BASE.replace("people: 5}", f"people: {value}}}")

    assert _hint_of(people("five"), "POM102") == "write the number in digits: 5"
    assert _hint_of(people('"3"'), "POM102") == "remove the quotes around the number"
    assert _hint_of(people("2.5"), "POM102") == "write a whole number (no decimals)"
    assert _hint_of(people("lots"), "POM102") == "write a whole number, e.g. 3"

    def target(value: str) -> str:
        return BASE.replace("value: 500, unit: teams}", f"value: {value}}}")

    assert _hint_of(target("4.5%"), "POM102") == (
        "write the number alone (4.5) and the unit under `unit:`, e.g. unit: percent"
    )
    assert "'teams' goes under `unit:`" in _hint_of(target("500 teams"), "POM102")
    assert _hint_of(target('"1,000"'), "POM102") == "write the number without separators: 1000"


def test_thousands_separator_in_a_flow_mapping_is_explained() -> None:
    hint = _hint_of(BASE.replace("people: 5}", "people: 1,000}"), "POM101")
    assert hint.startswith("inside {…} a comma starts a new key: write numbers without")


def test_a_comma_inside_a_flow_value_is_explained() -> None:
    text = BASE.replace(
        "{id: core, name: Core team, type: stream-aligned}",
        "{id: core, name: Core team, type: stream-aligned, mission: Invoicing, dunning, tax}",
    )
    found = [f for f in check(text) if f.code == "POM101"]
    assert [f.message for f in found] == [
        "unknown key 'dunning' in team 'core'",
        "unknown key 'tax' in team 'core'",
    ]
    for finding, key in zip(found, ("dunning", "tax"), strict=True):
        assert finding.hint is not None
        assert finding.hint.startswith(
            f"`{key}` has no value: if it is part of the value of `mission`, quote that value"
        )


def test_a_unit_is_suggested_only_where_a_field_takes_one() -> None:
    hint = _hint_of(BASE.replace("people: 5}", "people: 5 devs}"), "POM102")
    assert hint == "write the number alone: 5"


def test_mistakes_in_the_file_are_not_offered_a_waiver() -> None:
    from pomkit.reporters import hint_text

    (found,) = [
        f
        for f in check(BASE.replace("title: Tech lead,", "titel: Tech lead,"))
        if f.code == "POM101"
    ]
    assert found.target == "role:lead"
    assert "waive" not in (hint_text(found) or "")


def test_messages_use_plain_words_not_pydantics() -> None:
    text = base_model().replace("team: core, people: 5}", "team: core, people: -5}", 1)
    assert text != base_model()
    (found,) = [f for f in check(text) if f.code == "POM108"]
    assert found.message == "role 'devs'.people: must be 0 or more"


def test_an_unknown_list_item_is_named_in_the_singular() -> None:
    text = base_model().replace("archetypes: [agile]", "archetypes: [agile, lean-startupp]")
    assert text != base_model()
    (found,) = [f for f in check(text) if f.code == "POM104"]
    assert found.message == "'lean-startupp' is not a valid archetype"
    assert found.hint is not None
    assert "did you mean 'lean-startup'?" in found.hint

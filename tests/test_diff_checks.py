"""Change checks: every check's examples run, and the identities the compare step keeps.

Each check's ``old``/``new`` examples are sections laid over the rules' base model; the
pair must raise the check, and the example of each version against itself raises nothing.
"""

from __future__ import annotations

import pytest

from helpers import overlay
from pomkit.changes.checks.kpis import target_direction
from pomkit.changes.core import CODE_PATTERN, ChangeCheck, check, registry
from pomkit.changes.records import Level
from test_diff_versions import changes, data_of, emit

CHECKS = sorted(registry().values(), key=lambda c: c.code)
BASE = overlay("")


def versions(current: ChangeCheck) -> tuple[str, str]:
    old = overlay(current.old) if current.old.strip() else BASE
    return old, overlay(current.new)


@pytest.mark.parametrize("current", CHECKS, ids=lambda c: c.code)
def test_the_example_raises_the_check(current: ChangeCheck) -> None:
    old, new = versions(current)
    found = [c for c in changes(old, new) if c.code == current.code]
    assert found, f"{current.code}: its example raises nothing"
    for change in found:
        assert change.level is current.level
        assert change.message
        assert change.line >= 1
        assert change.file == ("old.yaml" if change.side == "old" else "new.yaml")


@pytest.mark.parametrize("current", CHECKS, ids=lambda c: c.code)
def test_each_version_of_the_example_against_itself_is_no_change(current: ChangeCheck) -> None:
    for text in versions(current):
        assert changes(text, text) == []


def test_the_catalog_is_well_formed() -> None:
    assert len(CHECKS) >= 30
    for current in CHECKS:
        assert CODE_PATTERN.fullmatch(current.code)
        assert current.summary.endswith(".")
        assert len(current.description) > 40, current.code
    names = [c.name for c in CHECKS]
    assert len(set(names)) == len(names)
    levels = {c.level for c in CHECKS}
    assert levels == {Level.BREAKING, Level.NOTABLE, Level.INFO}


def test_the_issue_s_breaking_changes_each_have_a_breaking_check() -> None:
    breaking = {c.name for c in CHECKS if c.level is Level.BREAKING}
    assert {
        "role-removed",
        "responsibility-removed",
        "stage-removed",
        "stages-reordered",
        "tier-removed",
        "response-time-longer",
        "resolution-time-longer",
        "escalation-broken",
        "kpi-removed",
        "kpi-id-reused",
        "accountability-lost",
    } <= breaking


@pytest.mark.parametrize(
    ("code", "name", "message"),
    [
        ("DIFF12", "x-y", "look like DIFF123"),
        ("DIFF001", "x-y", "registered twice"),
        ("DIFF999", "Bad Name", "kebab-case"),
        ("DIFF999", "item-added", "registered twice"),
    ],
)
def test_registration_refuses_bad_identities(code: str, name: str, message: str) -> None:
    def nothing(cmp: object) -> list[object]:
        """Documented."""
        return []

    with pytest.raises(ValueError, match=message):
        check(code, name, Level.INFO, "Summary.", new="")(nothing)  # type: ignore[arg-type]


def test_registration_refuses_a_check_without_documentation() -> None:
    def undocumented(cmp: object) -> list[object]:
        return []

    with pytest.raises(ValueError, match="docstring"):
        check("DIFF998", "undocumented", Level.INFO, "Summary.", new="")(undocumented)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- identities


def codes(old: str, new: str) -> list[str]:
    return [c.code for c in changes(old, new)]


def test_a_declared_rename_is_one_change_and_references_follow_it() -> None:
    text = emit(data_of(BASE), style="flow").replace('"pm"', '"product-manager"')
    text = text.replace('"id": "product-manager"', '"id": "product-manager", "renamed_from": "pm"')
    found = changes(BASE, text)
    assert [(c.code, c.kind, c.before, c.after) for c in found] == [
        ("DIFF003", "renamed", "pm", "product-manager")
    ]
    assert found[0].ident == "product-manager"
    assert found[0].old_ident == "pm"


def test_a_change_on_a_renamed_item_names_both_ids() -> None:
    new = (
        BASE.replace(
            "{id: devs, title: Developers, kind: development-team, team: core, people: 5}",
            "{id: engineers, renamed_from: devs, title: Engineers, kind: development-team, "
            "team: core, people: 4}",
        )
        .replace("devs", "engineers")
        .replace("renamed_from: engineers", "renamed_from: devs")
    )
    found = {c.code: c for c in changes(BASE, new)}
    assert set(found) == {"DIFF003", "DIFF004", "DIFF103"}
    assert (found["DIFF103"].ident, found["DIFF103"].old_ident) == ("engineers", "devs")


def test_an_undeclared_rename_is_removed_plus_added_with_a_hint() -> None:
    new = BASE.replace("{id: sm, title: Scrum master,", "{id: scrum-master, title: Scrum master,")
    found = {c.code: c for c in changes(BASE, new)}
    assert {"DIFF101", "DIFF001"} <= set(found)
    for code in ("DIFF101", "DIFF001"):
        hint = found[code].hint or ""
        assert "renamed_from: sm" in hint, hint


def test_a_removal_points_at_old_and_an_annotation_line_in_new() -> None:
    new = BASE.replace("  - {id: sm, title: Scrum master, kind: scrum-master, team: core}\n", "")
    (removal,) = [c for c in changes(BASE, new) if c.code == "DIFF101"]
    assert removal.side == "old"
    assert removal.file == "old.yaml"
    assert BASE.splitlines()[removal.line - 1].lstrip().startswith("- {id: sm")
    assert new.splitlines()[removal.anchor_line - 1] == "roles:"


def test_handoffs_without_ids_match_by_their_ends_and_a_rerouted_one_is_one_change() -> None:
    reordered = BASE.replace(
        "  - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}\n", ""
    ).replace(
        "handoffs:\n",
        "handoffs:\n  - {artifact: Opportunity brief, stage: ideation, to: po, from: pm}\n",
    )
    assert codes(BASE, reordered) == []
    rerouted = BASE.replace(
        "{from: pm, to: po, artifact: Opportunity brief",
        "{from: sm, to: po, artifact: Opportunity brief",
    )
    found = changes(BASE, rerouted)
    assert [(c.code, c.path, c.before, c.after) for c in found] == [("DIFF304", "from", "pm", "sm")]


def test_a_handoff_given_an_id_is_no_change() -> None:
    new = BASE.replace(
        "{from: pm, to: po, artifact: Opportunity brief",
        "{id: brief, from: pm, to: po, artifact: Opportunity brief",
    )
    assert codes(BASE, new) == []


def test_raci_letters_compare_as_sets_per_role() -> None:
    same = BASE.replace("responsible: [devs, sm]", "responsible: [sm, devs, sm]")
    assert codes(BASE, same) == []
    moved = BASE.replace("responsible: [devs, sm]}", "responsible: [devs], consulted: [sm]}")
    found = changes(BASE, moved)
    assert [(c.code, c.kind, c.path, c.before, c.after) for c in found] == [
        ("DIFF203", "removed", "responsible", "sm", None),
        ("DIFF205", "added", "consulted", None, "sm"),
    ]


def test_defaults_written_out_are_no_change() -> None:
    new = BASE.replace(
        "{id: pm, title: Product manager, kind: product-manager, team: core}",
        "{id: pm, title: Product manager, kind: product-manager, team: core, people: 1}",
    )
    assert codes(BASE, new) == []


# --------------------------------------------------------------------------- broken sides


BROKEN_NEW = BASE.replace(
    "{id: sm, title: Scrum master, kind: scrum-master, team: core}",
    "{id: sm, title: Scrum master, kind: scrum-mastr, team: core}",  # a bad enum: left out
).replace(
    "cadence: weekly, participants: [pm, lead, support-lead]",
    "cadence: 2 weeks, participants: [pm, lead]",
)


def test_an_item_that_failed_to_load_is_not_removed() -> None:
    found = changes(BASE, BROKEN_NEW)
    assert "DIFF101" not in [c.code for c in found]
    # What loads is still compared: the ritual's participants changed, its cadence is unknown.
    assert [(c.code, c.path) for c in found] == [("DIFF602", "participants")]


def test_both_sides_with_errors_compare_what_loads() -> None:
    broken_old = BASE.replace("response_time: 4h", "response_time: soon").replace(
        "{id: po, title: Product owner, kind: product-owner, team: core}",
        "{id: po, title: Product owner, kind: product-owner, team: core, people: -1}",
    )
    found = changes(broken_old, BROKEN_NEW)
    assert [(c.code, c.path) for c in found] == [("DIFF602", "participants")]
    back = changes(BROKEN_NEW, broken_old)
    assert [(c.code, c.path) for c in back] == [("DIFF602", "participants")]


def test_an_item_without_a_readable_id_blocks_removals_of_its_kind() -> None:
    new = BASE.replace("{id: sm, title: Scrum master,", "{id: Scrum Master, title: Scrum master,")
    assert [c for c in changes(BASE, new) if c.kind == "removed" and c.entity == "role"] == []


# --------------------------------------------------------------------------- KPI targets


def _t(op: str, value: float, unit: str | None = None) -> dict[str, object]:
    return {"op": op, "value": value, "unit": unit}


@pytest.mark.parametrize(
    ("before", "after", "direction"),
    [
        # the bar moves
        (_t(">=", 45, "points"), _t(">=", 50, "points"), "tightened"),
        (_t(">=", 50, "points"), _t(">=", 45, "points"), "loosened"),
        (_t("<=", 21, "days"), _t("<=", 14, "days"), "tightened"),
        (_t("<=", 14, "days"), _t("<=", 21, "days"), "loosened"),
        # strictness alone
        (_t(">=", 45), _t(">", 45), "tightened"),
        (_t(">", 45), _t(">=", 45), "loosened"),
        (_t("<=", 10, "%"), _t("<", 10, "%"), "tightened"),
        # strictness and value together, in other units of time
        (_t("<=", 21, "days"), _t("<", 14, "days"), "tightened"),
        (_t("<", 14, "days"), _t("<=", 21, "days"), "loosened"),
        (_t("<=", 21, "days"), _t("<", 2, "weeks"), "tightened"),
        (_t("<=", 1, "hours"), _t("<=", 90, "minutes"), "loosened"),
        (_t("<=", 200, "ms"), _t("<=", 0.1, "s"), "tightened"),
        (_t(">=", 95, "%"), _t(">=", 97, "percent"), "tightened"),
        # exactly a value, or at least it
        (_t("==", 5), _t(">=", 5), "loosened"),
        (_t(">=", 5), _t("==", 6), "tightened"),
        # the same target written another way
        (_t("<=", 21, "days"), _t("<=", 3, "weeks"), "same"),
        (_t(">=", 92, "percent"), _t(">=", 92, "%"), "same"),
        (_t(">=", 45, "Points"), _t(">=", 45, "points"), "same"),
        # truly incomparable
        (_t("<=", 21, "days"), _t(">=", 21, "days"), "changed"),
        (_t(">=", 5), _t("==", 4), "changed"),
        (_t("==", 5), _t("==", 6), "changed"),
        (_t("<=", 21, "days"), _t("<=", 20, "percent"), "changed"),
        (_t(">=", 45), _t(">=", 50, "points"), "changed"),
        (_t(">=", 500, "teams"), _t(">=", 600, "accounts"), "changed"),
        # set or dropped
        (None, _t(">=", 1), "tightened: a target is set"),
        (_t(">=", 1), None, "loosened: the target is dropped"),
    ],
)
def test_target_direction(
    before: dict[str, object] | None, after: dict[str, object] | None, direction: str
) -> None:
    assert target_direction(before, after) == direction


def test_a_target_of_one_names_its_unit_in_the_singular() -> None:
    old = BASE.replace("value: 500, unit: teams}", "value: 2, unit: hours}")
    new = BASE.replace("value: 500, unit: teams}", "value: 1, unit: hours}")
    (change,) = [c for c in changes(old, new) if c.path == "target"]
    assert ">= 2 hours → >= 1 hour" in change.message


def test_a_target_in_other_units_of_the_same_length_is_only_information() -> None:
    new = BASE.replace("value: 500, unit: teams}", "value: 500, unit: Teams}")
    assert [(c.code, c.path) for c in changes(BASE, new)] == [("DIFF005", "target.unit")]

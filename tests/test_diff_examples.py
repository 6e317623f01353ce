"""Version pairs edited from the shipped examples, as a pull request would edit them.

- a role that loses every accountability it had (DIFF106), even when it gains another;
- an item that only failed to load (a bad enum, a scalar instead of a mapping, an unknown
  key, a quoted number, a typo in a key) is no change and no gain or loss in the impact
  by role, in both directions;
- both versions invalid, each with its own unrelated structure error: what loads is
  compared;
- references a declared rename left behind, said in plain words.
"""

from __future__ import annotations

import pytest

from helpers import EXAMPLES
from pomkit.changes.compare import side_from_text
from pomkit.changes.records import DiffReport
from pomkit.changes.run import default_settings, report

AGILE = (EXAMPLES / "agile.yaml").read_text(encoding="utf-8")


def edited(text: str, *edits: tuple[str, str]) -> str:
    """``text`` with each ``(before, after)`` applied; ``before`` must occur exactly once."""
    for before, after in edits:
        assert text.count(before) == 1, f"{before!r} occurs {text.count(before)} times"
        text = text.replace(before, after)
    return text


def diff(old: str, new: str) -> DiffReport:
    """The whole report (changes, impact by role, notes) for two model texts."""
    return report(
        side_from_text(old, "old.yaml"), side_from_text(new, "new.yaml"), default_settings()
    )


_SCRUM_PAYMENTS = (
    "  - id: scrum-payments\n"
    "    activity: Facilitate Get Paid's sprint events and remove impediments\n"
    "    element: methodology\n"
    "    stage: build\n"
    "    accountable: payments-scrum-master\n"
    "    responsible: [payments-scrum-master]\n"
    "    informed: [agile-coach]\n"
)
_ACCOUNTABILITY_MOVED = (
    "    stage: build\n    accountable: payments-scrum-master\n",
    "    stage: build\n    accountable: agile-coach\n",
)


# --------------------------------------------------------------------------- accountability


def test_losing_every_accountability_it_had_is_breaking_even_with_a_new_one() -> None:
    # The two scrum masters' accountabilities move: one to the agile coach, the other
    # to the first scrum master, who keeps none of what it answered for.
    new = edited(
        AGILE,
        _ACCOUNTABILITY_MOVED,
        (
            "    accountable: integrations-scrum-master\n",
            "    accountable: payments-scrum-master\n",
        ),
    )
    lost = {c.ident: c for c in diff(AGILE, new).changes if c.code == "DIFF106"}
    assert set(lost) == {"payments-scrum-master", "integrations-scrum-master"}
    swapped = lost["payments-scrum-master"]
    assert (swapped.before, swapped.after) == (["scrum-payments"], ["scrum-integrations"])
    assert swapped.message == (
        "role 'payments-scrum-master' lost every accountability it had ('scrum-payments'); "
        "it is now accountable for 'scrum-integrations' instead"
    )
    # Keeping one of them is no loss of every accountability.
    kept = edited(
        AGILE,
        (
            "    accountable: integrations-scrum-master\n",
            "    accountable: payments-scrum-master\n",
        ),
    )
    assert [c.ident for c in diff(AGILE, kept).changes if c.code == "DIFF106"] == [
        "integrations-scrum-master"
    ]


# --------------------------------------------------------------------------- failed to load

#: Edits that only make an item fail to load: none is a change.
ONLY_BROKEN = {
    "bad enum in a responsibility": (
        "    activity: Facilitate Get Paid's sprint events and remove impediments\n"
        "    element: methodology\n",
        "    activity: Facilitate Get Paid's sprint events and remove impediments\n"
        "    element: methodologie\n",
    ),
    "responsibility as a scalar": (_SCRUM_PAYMENTS, "  - scrum-payments\n"),
    "KPI with an unknown key": ("  - {id: nps, name:", "  - {id: nps, nam:"),
    "KPI with a quoted target": (
        'target: {op: ">=", value: 45, unit: points}',
        'target: {op: ">=", value: "50", unit: points}',
    ),
    "stage with a typo key": ("      name: Sprint delivery\n", "      nme: Sprint delivery\n"),
}


@pytest.mark.parametrize("reverse", [False, True], ids=["broken-new", "broken-old"])
@pytest.mark.parametrize("edit", ONLY_BROKEN.values(), ids=list(ONLY_BROKEN))
def test_an_item_that_only_failed_to_load_is_no_change_and_no_impact(
    edit: tuple[str, str], reverse: bool
) -> None:
    broken = edited(AGILE, edit)
    old, new = (broken, AGILE) if reverse else (AGILE, broken)
    found = diff(old, new)
    assert found.changes == ()
    assert found.impacts == ()
    assert (found.old.problems, found.new.problems) == ((1, 0) if reverse else (0, 1))


def test_a_left_out_item_is_still_read_field_by_field() -> None:
    # The responsibility fails to load (a bad enum) and its accountable role changes:
    # the change, the lost accountability and the impact all read what can be read.
    new = edited(AGILE, ONLY_BROKEN["bad enum in a responsibility"], _ACCOUNTABILITY_MOVED)
    found = diff(AGILE, new)
    assert sorted(c.code for c in found.changes) == ["DIFF106", "DIFF202"]
    impact = {i.role: i.summary() for i in found.impacts}
    assert impact == {
        "agile-coach": "agile-coach: +1 accountable",
        "payments-scrum-master": "payments-scrum-master: −1 accountable",
    }


def test_an_accountable_that_cannot_be_read_leaves_every_role_unjudged() -> None:
    # NEW's scrum-payments names an accountable that cannot be read: any role may be
    # accountable there, so no role is said to have lost (or gained) all accountability,
    # while the move that can be read is reported, and its impact too.
    new = edited(
        AGILE,
        ("    accountable: payments-scrum-master\n", "    accountable: [payments-scrum-master]\n"),
        (
            "    accountable: integrations-scrum-master\n",
            "    accountable: agile-coach\n",
        ),
    )
    for old, new_ in ((AGILE, new), (new, AGILE)):
        found = diff(old, new_)
        assert [c.code for c in found.changes] == ["DIFF202"]
        roles = {i.role for i in found.impacts}
        assert roles == {"agile-coach", "integrations-scrum-master"}


# --------------------------------------------------------------------------- both invalid


def test_both_versions_invalid_compare_what_loads() -> None:
    # Each version has its own unrelated structure error; NEW also doubles a response time.
    old = edited(
        AGILE,
        (
            "    type: enabling\n    mission: Sets direction",
            "    type: enabeling\n    mission: Sets direction",
        ),
    )
    new = edited(
        AGILE,
        ONLY_BROKEN["KPI with an unknown key"],
        ("      response_time: 1h\n", "      response_time: 2h\n"),
    )
    forward, backward = diff(old, new), diff(new, old)
    assert [(c.code, c.ident) for c in forward.changes] == [("DIFF402", "tier-1")]
    assert [(c.code, c.ident) for c in backward.changes] == [("DIFF404", "tier-1")]
    for found in (forward, backward):
        assert (found.old.problems, found.new.problems) == (1, 1)
        assert found.impacts == ()


# --------------------------------------------------------------------------- renames


def test_references_a_rename_left_behind_say_so_in_plain_words() -> None:
    # The scrum master is renamed; the file's references still name the old id.
    new = edited(
        AGILE,
        (
            "  - {id: payments-scrum-master,",
            "  - {id: get-paid-sm, renamed_from: payments-scrum-master,",
        ),
    )
    for old, new_, side in ((AGILE, new, "new"), (new, AGILE, "old")):
        found = diff(old, new_).changes
        stale = [c for c in found if c.code == "DIFF007"]
        # accountable, responsible (twice), consulted, participants (3), facilitator (2)
        assert len(stale) == 9
        for change in stale:
            assert change.before == change.after == "payments-scrum-master"
            assert "→" not in change.message
            if side == "new":
                assert (
                    "still names 'payments-scrum-master', which the rename to "
                    "'get-paid-sm' took away" in change.message
                )
                assert change.hint == "write 'get-paid-sm'"
            else:
                assert "no role had that id in OLD" in change.message
        # No other change repeats the same id before and after.
        assert {c.code for c in found} - {"DIFF007"} == {
            "DIFF003",
            "DIFF106" if side == "new" else "DIFF107",
        }


def test_a_goal_still_naming_a_renamed_kpi_is_one_plain_change() -> None:
    new = edited(AGILE, ("  - {id: nps, name:", "  - {id: net-promoter, renamed_from: nps, name:"))
    found = diff(AGILE, new).changes
    assert sorted((c.code, c.entity, c.path, c.before) for c in found) == [
        ("DIFF003", "kpi", "", "nps"),
        ("DIFF007", "feedback", "feeds", "kpi:nps"),
        ("DIFF007", "goal", "kpis", "nps"),
        ("DIFF007", "principle", "evidence", "kpi:nps"),
    ]
    typed = next(c for c in found if c.entity == "feedback")
    assert typed.hint == "write 'kpi:net-promoter'"


def test_a_set_with_a_stale_member_and_a_real_change_reports_both() -> None:
    new = edited(
        AGILE,
        ("  - {id: nps, name:", "  - {id: net-promoter, renamed_from: nps, name:"),
        ("kpis: [net-revenue-retention, nps, csat]", "kpis: [nps, csat]"),
    )
    found = [c for c in diff(AGILE, new).changes if c.entity == "goal"]
    assert sorted((c.code, c.before, c.after) for c in found) == [
        ("DIFF005", ["csat", "net-revenue-retention", "nps"], ["csat", "nps"]),
        ("DIFF007", "nps", "nps"),
    ]


def test_a_tier_still_escalating_to_a_renamed_tier_s_old_id_is_a_broken_escalation() -> None:
    new = edited(AGILE, ("    - id: tier-3\n", "    - id: on-call\n      renamed_from: tier-3\n"))
    found = sorted(diff(AGILE, new).changes, key=lambda c: c.code)
    assert [(c.code, c.level.label, c.ident) for c in found] == [
        ("DIFF003", "info", "on-call"),
        ("DIFF406", "breaking", "tier-2"),
    ]
    assert "escalates to 'tier-3', which is not a tier" in found[1].message


def test_a_reference_left_behind_names_no_role_in_the_impact() -> None:
    # The analyst is renamed and everything still names the old id: in NEW nothing
    # names 'analyst', and the old id names no role (no "?data-analyst" in the impact).
    # The head of product still receives the same handoff, whose sender's id is stale.
    new = edited(
        AGILE,
        ("  - {id: data-analyst, title:", "  - {id: analyst, renamed_from: data-analyst, title:"),
    )
    forward, backward = diff(AGILE, new), diff(new, AGILE)
    assert [i.summary() for i in forward.impacts] == [
        "data-analyst → analyst: −1 accountable, −6 responsible, −1 handoff"
    ]
    assert [i.summary() for i in backward.impacts] == [
        "analyst → data-analyst: +1 accountable, +6 responsible, +1 handoff"
    ]

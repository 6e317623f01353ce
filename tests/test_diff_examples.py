"""Version pairs edited from the shipped examples, as a pull request would edit them.

- every change code, each raised by one edit of ``examples/agile.yaml`` at its documented
  level;
- a role that loses every accountability it had (DIFF106), even when it gains another;
- an item that only failed to load (a bad enum, a scalar instead of a mapping, an unknown
  key, a quoted number, a typo in a key) is no change and no gain or loss in the impact
  by role, in both directions;
- both versions invalid, each with its own unrelated structure error: what loads is
  compared;
- references a declared rename left behind, said in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from helpers import EXAMPLES
from pomkit.changes.compare import side_from_text
from pomkit.changes.core import registry
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


# --------------------------------------------------------------------------- every code


@dataclass(frozen=True)
class Case:
    """An edit of the agile example that raises ``code``; ``reverse``: the edit is OLD."""

    code: str
    edits: tuple[tuple[str, str], ...]
    reverse: bool = False

    def pair(self) -> tuple[str, str]:
        changed = edited(AGILE, *self.edits)
        return (changed, AGILE) if self.reverse else (AGILE, changed)


def _case(code: str, *edits: tuple[str, str], reverse: bool = False) -> Case:
    return Case(code, edits, reverse)


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
_NO_OWNER = ("owner: support-lead, frequency: weekly}", "frequency: weekly}")
_FEWER_RESPONSIBLE = (
    "responsible: [qa-lead, platform-engineers]",
    "responsible: [qa-lead]",
)
_GROW_STAGE = (
    "    - id: grow\n"
    "      name: Adoption and growth\n"
    "      phase: growth\n"
    "      owner: product-marketing-manager\n"
    "      exit_criteria:\n"
    "        - Adoption target for the feature reached or a follow-up opportunity logged\n"
)
_NO_ESCALATION = ("      escalates_to: tier-3\n", "")
_UNUSED_ROLE = (
    "  # Customer Care\n",
    "  # Customer Care\n  - {id: intern, title: Intern, kind: custom, people: 0}\n",
)

CASES = [
    _case(
        "DIFF001",
        (
            "    - {id: enterprise-hotline,",
            "    - {id: forum, name: Community forum, hours: 24/7}\n    - {id: enterprise-hotline,",
        ),
    ),
    _case(
        "DIFF002",
        (
            "    - {id: help-center, name: Help center and status page, hours: 24/7, "
            "self_service: true}\n",
            "",
        ),
    ),
    _case(
        "DIFF003",
        (
            "    - id: architecture-guild\n",
            "    - id: arch-guild\n      renamed_from: architecture-guild\n",
        ),
    ),
    _case(
        "DIFF004",
        ("mission: Two-way sync with DATEV,", "mission: Two-way sync with DATEV, Sage,"),
    ),
    _case("DIFF005", ("type: complicated-subsystem", "type: platform")),
    _case("DIFF006", ("version: 1.10 ", "version: 1.11 ")),
    # A KPI renamed, its references left behind.
    _case("DIFF007", ("  - {id: nps, name:", "  - {id: net-promoter, renamed_from: nps, name:")),
    _case("DIFF010", ("type: agile\n", "type: hybrid\n")),
    _case("DIFF011", ("archetypes: [agile]", "archetypes: []")),
    _case("DIFF012", ("archetypes: [agile]", "archetypes: [agile, lean-startup]")),
    _case(
        "DIFF013",
        (
            AGILE[
                AGILE.index("  - id: scalability-and-flexibility\n") : AGILE.index("\nlifecycle:\n")
            ],
            "",
        ),
    ),
    _case("DIFF014", ("  iteration: 2w\n", "  iteration: 3w\n")),
    _case("DIFF015", ("  strategy: release-train\n", "  strategy: continuous-delivery\n")),
    _case(
        "DIFF020",
        (
            "owner: product-marketing-manager, frequency: quarterly, goal:",
            "owner: head-of-product, frequency: quarterly, goal:",
        ),
    ),
    _case("DIFF021", _NO_OWNER),
    _case("DIFF022", _NO_OWNER, reverse=True),
    _case(
        "DIFF101",
        (
            "  - {id: data-analyst, title: Product Data Analyst, kind: custom, team: leadership, "
            "people: 2, reports_to: product-ops-lead}\n",
            "",
        ),
    ),
    _case("DIFF102", _UNUSED_ROLE, reverse=True),
    _case("DIFF103", ("team: invoicing-team, people: 6}", "team: invoicing-team, people: 5}")),
    _case("DIFF104", ("team: invoicing-team, people: 6}", "team: invoicing-team, people: 7}")),
    _case(
        "DIFF105",
        (
            "{id: qa-lead, title: QA & Test Automation Lead, kind: custom, team: platform-team",
            "{id: qa-lead, title: QA & Test Automation Lead, kind: custom, team: invoicing-team",
        ),
    ),
    _case("DIFF106", _ACCOUNTABILITY_MOVED),
    _case("DIFF107", _ACCOUNTABILITY_MOVED, reverse=True),
    _case("DIFF201", (_SCRUM_PAYMENTS, "")),
    _case("DIFF202", _ACCOUNTABILITY_MOVED),
    _case("DIFF203", _FEWER_RESPONSIBLE),
    _case("DIFF204", _FEWER_RESPONSIBLE, reverse=True),
    _case(
        "DIFF205",
        ("consulted: [principal-architect, qa-lead]", "consulted: [principal-architect]"),
    ),
    _case("DIFF301", (_GROW_STAGE, "")),
    _case(
        "DIFF302", (_GROW_STAGE, ""), ("    - id: operate\n", _GROW_STAGE + "    - id: operate\n")
    ),
    _case(
        "DIFF303",
        (
            "  - {from: data-analyst, to: head-of-product, artifact: Monthly adoption and KPI "
            "report, stage: grow}\n",
            "",
        ),
    ),
    _case(
        "DIFF304",
        (
            "{from: data-analyst, to: head-of-product, artifact: Monthly adoption",
            "{from: data-analyst, to: product-ops-lead, artifact: Monthly adoption",
        ),
    ),
    _case(
        "DIFF401",
        _NO_ESCALATION,
        (
            AGILE[AGILE.index("    - id: tier-3\n") : AGILE.index("\nfeedback:\n")],
            "",
        ),
    ),
    _case("DIFF402", ("      response_time: 1h\n", "      response_time: 2h\n")),
    _case("DIFF403", ("      resolution_time: 1d\n", "      resolution_time: 2d\n")),
    _case("DIFF404", ("      response_time: 4h\n", "      response_time: 2h\n")),
    _case("DIFF405", ("      resolution_time: 3d\n", "      resolution_time: 2d\n")),
    _case("DIFF406", _NO_ESCALATION),
    _case("DIFF407", ("      escalates_to: tier-2\n", "      escalates_to: tier-3\n")),
    _case("DIFF408", _NO_ESCALATION, reverse=True),
    _case(
        "DIFF501",
        (
            AGILE[AGILE.index("  - {id: blocked-dependencies,") : AGILE.index("\ncollaboration:")]
            + "\n",
            "",
        ),
    ),
    # A KPI renamed to another measure: its category, read from the name, changes.
    _case(
        "DIFF502",
        (
            "name: Median days from invoice sent to paid,",
            "name: Churned accounts per month,",
        ),
    ),
    _case(
        "DIFF503",
        (
            'target: {op: ">=", value: 45, unit: points}',
            'target: {op: ">=", value: 50, unit: points}',
        ),
    ),
    _case(
        "DIFF504",
        (
            "frequency: quarterly, goal: customers-stay-and-grow, principle:",
            "frequency: monthly, goal: customers-stay-and-grow, principle:",
        ),
    ),
    _case(
        "DIFF601",
        (
            "      name: Product trio sync\n      cadence: weekly\n",
            "      name: Product trio sync\n      cadence: biweekly\n",
        ),
    ),
    _case(
        "DIFF602",
        (
            "participants: [integrations-developers]",
            "participants: [integrations-developers, integrations-product-owner]",
        ),
    ),
]


def test_every_change_code_has_a_case() -> None:
    assert sorted(c.code for c in CASES) == sorted(registry())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.code)
def test_an_edit_of_an_example_raises_the_code_at_its_level(case: Case) -> None:
    old, new = case.pair()
    found = [c for c in diff(old, new).changes if c.code == case.code]
    assert found, f"{case.code}: the edit raises nothing"
    documented = registry()[case.code].level
    assert {c.level for c in found} == {documented}
    for change in found:
        assert change.message
        assert change.file == ("old.yaml" if change.side == "old" else "new.yaml")


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

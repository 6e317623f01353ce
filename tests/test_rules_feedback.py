"""POM5xx feedback, KPI and support rules: edge cases, positions, messages, no noise."""

from __future__ import annotations

import importlib.util
import time
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
from pomkit.model import Tier

RULES = engine.registry()
CODES = sorted(code for code in RULES if code.startswith("POM5"))


def run(tmp_path: Path, text: str, *codes: str, **kw: Any) -> list[Finding]:
    """Findings of ``codes`` (default: the whole POM5xx family) for ``text``."""
    return helpers.run(tmp_path, text, *(codes or CODES), **kw)


BASE = base_model()
ERRORS = {"POM509", "POM513"}

TIER_1 = (
    "{id: tier-1, name: Tier 1, owner: support-lead, channels: [email], response_time: 4h, "
    "resolution_time: 2d, escalates_to: tier-2}"
)
TIER_2 = "{id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}"


def tiers(*items: str) -> str:
    """The base model with these support tiers (flow mappings, one per line)."""
    body = "".join(f"    - {item}\n" for item in items)
    return overlay("support:\n  channels:\n    - {id: email, name: Email}\n  tiers:\n" + body)


def test_family_is_registered_with_documentation() -> None:
    assert [f"POM5{n:02}" for n in range(1, 15)] == CODES
    for code in CODES:
        current = RULES[code]
        assert current.family == "POM5xx"
        assert current.summary.endswith(".")
        assert "Reported" in current.description or "reports" in current.description, code
        expected = Severity.ERROR if code in ERRORS else Severity.WARNING
        assert current.severity is expected, code


def test_base_model_is_clean(tmp_path: Path) -> None:
    assert run(tmp_path, BASE) == []


# --------------------------------------------------------------------------- loops


def test_loop_without_owner_and_feeding_nothing(tmp_path: Path) -> None:
    text = overlay(
        "feedback:\n  loops:\n"
        "    - {id: interviews, source: customers, owner: po, feeds: [backlog]}\n"
        "    - {id: nps-survey, source: customers, cadence: quarterly}\n"
    )
    found = run(tmp_path, text, "POM501", "POM502")
    assert [(f.code, f.line) for f in found] == [
        ("POM501", line_of(text, "id: nps-survey")),
        ("POM502", line_of(text, "id: nps-survey")),
    ]
    assert all("feedback loop 'nps-survey'" in f.message for f in found)


def test_loop_with_empty_feeds_points_at_feeds(tmp_path: Path) -> None:
    text = overlay(
        "feedback:\n  loops:\n"
        "    - {id: interviews, source: customers, owner: po, feeds: [backlog]}\n"
        "    - id: nps-survey\n      source: customers\n      owner: pm\n      feeds: []\n"
    )
    found = run(tmp_path, text, "POM502")
    assert [f.line for f in found] == [line_of(text, "feeds: []")]


@pytest.mark.parametrize(
    ("loops", "expected"),
    [
        ("[]", "has no feedback loops"),
        ("[{id: qbr, source: stakeholders, owner: pm, feeds: [roadmap]}]",
         "no feedback loop has `source: customers`"),
        ("[{id: interviews, source: customers, owner: po, feeds: [kpi:weekly-active-teams]},"
         " {id: tickets, source: customers, owner: po, feeds: [support]}]",
         "customer loop(s) 'interviews' and 'tickets' feed neither"),
    ],
)  # fmt: skip
def test_no_customer_loop(tmp_path: Path, loops: str, expected: str) -> None:
    text = overlay(f"feedback:\n  loops: {loops}\n")
    found = run(tmp_path, text, "POM503")
    assert len(found) == 1
    assert expected in found[0].message
    assert found[0].line == line_of(text, "  loops:")


@pytest.mark.parametrize("feeds", ["[roadmap]", "[backlog]", "[roadmap:one-click]"])
def test_customer_loop_into_backlog_or_roadmap_passes(tmp_path: Path, feeds: str) -> None:
    text = overlay(f"feedback:\n  loops:\n    - {{id: calls, source: customers, feeds: {feeds}}}\n")
    assert run(tmp_path, text, "POM503") == []


def test_no_feedback_section_points_at_the_top(tmp_path: Path) -> None:
    text = "\n".join(
        line
        for line in BASE.splitlines()
        if not line.startswith("feedback:") and "feeds:" not in line
    )
    found = run(tmp_path, text, "POM503")
    assert len(found) == 1
    assert found[0].line < line_of(text, "metadata:")


# --------------------------------------------------------------------------- goals and KPIs


def test_goal_without_kpi_either_link_direction(tmp_path: Path) -> None:
    text = overlay(
        "strategy:\n  goals:\n"
        "    - {id: grow-usage, statement: Grow usage, kpis: [weekly-active-teams]}\n"
        "    - {id: cut-churn, statement: Halve churn}\n"
        "    - {id: delight, statement: Delight customers}\n"
        "kpis:\n"
        "  - {id: weekly-active-teams, name: WAT, element: kpis, target: {value: 500},\n"
        "     owner: pm, frequency: weekly}\n"
        "  - {id: churn, name: Churn, element: kpis, target: {op: '<=', value: 2},\n"
        "     owner: pm, frequency: monthly, goal: cut-churn}\n"
    )
    found = run(tmp_path, text, "POM504")
    assert [f.line for f in found] == [line_of(text, "id: delight")]
    assert found[0].message == "goal 'delight' is measured by no KPI"
    assert found[0].hint is not None
    assert "goal: delight" in found[0].hint


@pytest.mark.parametrize(
    ("code", "remove", "name"),
    [
        ("POM505", " owner: pm,", "owner"),
        ("POM506", ' target: {op: ">=", value: 500, unit: teams},', "target"),
        ("POM507", " frequency: weekly,", "frequency"),
    ],
)
def test_kpi_missing_field(tmp_path: Path, code: str, remove: str, name: str) -> None:
    assert remove in BASE
    text = BASE.replace(remove, "")
    found = run(tmp_path, text, code)
    assert [f.line for f in found] == [line_of(text, "{id: weekly-active-teams, name:")]
    assert f"KPI 'weekly-active-teams' has no {name}" in found[0].message
    assert found[0].hint is not None
    assert f"`{name}:" in found[0].hint


def test_kpi_owner_not_involved_suggests_team_roles(tmp_path: Path) -> None:
    text = BASE.replace("unit: teams}, owner: pm,", "unit: teams}, owner: sm,")
    found = run(tmp_path, text, "POM508")
    assert len(found) == 1
    assert found[0].line == line_of(text, "owner: sm, frequency")
    assert "KPI 'weekly-active-teams' is owned by role 'sm'" in found[0].message
    assert "'kpis'" in found[0].message
    assert found[0].hint is not None
    assert "(in team 'core': 'pm')" in found[0].hint


def test_kpi_owner_responsible_or_accountable_counts(tmp_path: Path) -> None:
    # devs is responsible (not accountable) for the release work.
    text = BASE.replace("element: kpis, target", "element: release, target").replace(
        "unit: teams}, owner: pm,", "unit: teams}, owner: devs,"
    )
    assert run(tmp_path, text, "POM508") == []


def test_kpi_owner_only_consulted_is_not_involved(tmp_path: Path) -> None:
    text = BASE.replace(
        "element: kpis, stage: delivery, accountable: pm, responsible: [pm]}",
        "element: kpis, stage: delivery, accountable: pm, responsible: [pm], consulted: [po]}",
    ).replace("unit: teams}, owner: pm,", "unit: teams}, owner: po,")
    # The loop feeding the KPI is run by someone else, so po does nothing related.
    text = text.replace("monthly, owner: po, feeds:", "monthly, owner: pm, feeds:")
    found = run(tmp_path, text, "POM508")
    assert [f.message.split("'")[3] for f in found] == ["po"]


def with_marketer(work_id: str, work: str, kpi_name: str) -> str:
    """The base model plus a marketer who owns a retention KPI and does ``work``."""
    role = "  - {id: support-lead, title: Support lead, kind: custom, team: core}\n"
    assert role in BASE
    marketer = "  - {id: marketer, title: Marketer, kind: product-marketing-manager, team: core}\n"
    done = "  - {id: track-kpis,"
    assert done in BASE
    does = (
        f"  - {{id: {work_id}, activity: {work}, element: feedback, stage: support,\n"
        "     accountable: marketer, responsible: [marketer]}\n"
    )
    kpis = "kpis:\n"
    assert BASE.count(kpis) == 1
    kpi = (
        f"  - {{id: d90, name: {kpi_name}, element: kpis, owner: marketer, frequency: monthly,\n"
        '     target: {op: ">=", value: 80, unit: percent}}\n'
    )
    return BASE.replace(role, role + marketer).replace(done, does + done).replace(kpis, kpis + kpi)


@pytest.mark.parametrize(
    ("work_id", "work", "name"),
    [
        # The case: the marketer runs the experiments that win lapsed accounts back.
        ("re-engagement", "Run re-engagement experiments for lapsed accounts", "90-day retention"),
        ("experiments", "Run retention experiments with lapsed accounts", "90-day retention"),
        # The category read from the KPI's name, the work named by a synonym of it.
        ("churn-calls", "Call accounts at risk of churn", "Logo retention"),
    ],
)
def test_kpi_owner_doing_the_work_that_moves_it_is_involved(
    tmp_path: Path, work_id: str, work: str, name: str
) -> None:
    text = with_marketer(work_id, work, name)
    assert run(tmp_path, text) == []


def test_kpi_owner_doing_unrelated_work_is_still_reported(tmp_path: Path) -> None:
    text = with_marketer("newsletter", "Write the monthly newsletter", "90-day retention")
    found = run(tmp_path, text, "POM508")
    assert ["KPI 'd90' is owned by role 'marketer'" in f.message for f in found] == [True]


def test_kpi_owner_rule_skips_undefined_owner_and_uncovered_element(tmp_path: Path) -> None:
    unknown = BASE.replace("unit: teams}, owner: pm,", "unit: teams}, owner: cfo,")
    assert run(tmp_path, unknown, "POM508") == []
    uncovered = BASE.replace("element: kpis, target", "element: collaboration, target").replace(
        "element: collaboration, stage: development", "element: methodology, stage: development"
    )
    assert run(tmp_path, uncovered, "POM508") == []


# --------------------------------------------------------------------------- escalation


def test_escalation_cycle_reported_once_in_file_order(tmp_path: Path) -> None:
    text = tiers(
        "{id: tier-0, name: Triage, owner: support-lead, response_time: 1h, "
        "resolution_time: 1d, escalates_to: tier-2}",
        "{id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h, "
        "resolution_time: 2d, escalates_to: tier-2}",
        "{id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d, "
        "escalates_to: tier-3}",
        "{id: tier-3, name: Tier 3, owner: lead, response_time: 8h, resolution_time: 5d, "
        "escalates_to: tier-1}",
    )
    found = run(tmp_path, text, "POM509")
    assert len(found) == 1
    assert found[0].severity is Severity.ERROR
    assert "tier-1 → tier-2 → tier-3 → tier-1" in found[0].message
    # The link to fix is the one that goes back to a tier listed earlier.
    assert found[0].line == line_of(text, "{id: tier-3,")
    assert found[0].path == ("support", "tiers", 3, "escalates_to")
    assert "from 'tier-3' to 'tier-1'" in (found[0].hint or "")


def test_escalation_self_loop_and_two_cycles(tmp_path: Path) -> None:
    text = tiers(
        "{id: a, name: A, owner: lead, response_time: 1h, resolution_time: 1d, escalates_to: a}",
        "{id: b, name: B, owner: lead, response_time: 1h, resolution_time: 1d, escalates_to: c}",
        "{id: c, name: C, owner: lead, response_time: 1h, resolution_time: 1d, escalates_to: b}",
    )
    found = run(tmp_path, text, "POM509")
    assert [f.message.split(": ")[1].split(";")[0] for f in found] == ["a → a", "b → c → b"]


def test_escalation_chain_without_cycle(tmp_path: Path) -> None:
    assert run(tmp_path, tiers(TIER_1, TIER_2), "POM509") == []


def test_escalation_cycle_is_linear_on_a_long_chain(tmp_path: Path) -> None:
    n = 3000
    items = [
        f"{{id: t{i}, name: T{i}, owner: lead, response_time: 1h, resolution_time: 1d, "
        f"escalates_to: t{(i + 1) % n}}}"
        for i in range(n)
    ]
    text = tiers(*items)
    start = time.perf_counter()
    found = run(tmp_path, text, "POM509")
    assert time.perf_counter() - start < 10
    assert len(found) == 1
    assert f"t0 → t1 → t2 → t3 → t4 → t5 → t6 → t7 → … → t0 ({n} tiers)" in found[0].message


@pytest.mark.parametrize(
    ("tier_2", "field", "shown"),
    [
        ("response_time: 2h, resolution_time: 5d", "response_time", "response time 2h < 4h"),
        ("response_time: 8h, resolution_time: 1d", "resolution_time", "resolution time 1d < 2d"),
        ("response_time: 1h, resolution_time: 36h", "response_time",
         "response time 1h < 4h, resolution time 36h < 2d"),
    ],
)  # fmt: skip
def test_escalation_tightens(tmp_path: Path, tier_2: str, field: str, shown: str) -> None:
    text = tiers(TIER_1, f"{{id: tier-2, name: Tier 2, owner: lead, {tier_2}}}")
    found = run(tmp_path, text, "POM510")
    assert len(found) == 1
    assert found[0].line == line_of(text, "{id: tier-2,")
    assert found[0].path == ("support", "tiers", 1, field)
    assert shown in found[0].message
    assert "support tier 'tier-2'" in found[0].message
    assert "support tier 'tier-1'" in found[0].message


def test_escalation_tightens_is_a_warning_and_the_clock_is_documented(tmp_path: Path) -> None:
    # Whether an escalated tier may answer faster depends on when its clock starts: the
    # field reference says (from the customer's request), and the finding is a warning.
    text = tiers(TIER_1, "{id: tier-2, name: Tier 2, owner: lead, response_time: 2h}")
    (found,) = run(tmp_path, text, "POM510")
    assert found.severity is Severity.WARNING
    assert found.hint is not None
    assert "from when the customer raised the ticket" in found.hint
    fields = Tier.model_fields
    for key in ("response_time", "resolution_time"):
        description = fields[key].description or ""
        assert "from when the customer raised the ticket" in description, key
        assert "tiers before it" in description, key
    code, out, _ = invoke("explain", "POM510")
    assert code == 0
    assert "from when" in out


@pytest.mark.parametrize(
    "tier_2",
    [
        "response_time: 4h, resolution_time: 2d",  # equal is fine
        "response_time: 8h",  # a missing time is POM512's
        "resolution_time: 48h",  # 48h == 2d
    ],
)
def test_escalation_not_tighter(tmp_path: Path, tier_2: str) -> None:
    text = tiers(TIER_1, f"{{id: tier-2, name: Tier 2, owner: lead, {tier_2}}}")
    assert run(tmp_path, text, "POM510") == []


def test_escalation_to_unknown_or_self_is_left_to_other_rules(tmp_path: Path) -> None:
    text = tiers(
        "{id: tier-1, name: Tier 1, owner: lead, response_time: 4h, resolution_time: 2d, "
        "escalates_to: tier-9}",
        "{id: tier-2, name: Tier 2, owner: lead, response_time: 4h, resolution_time: 2d, "
        "escalates_to: tier-2}",
    )
    assert {f.code for f in run(tmp_path, text, "POM509", "POM510")} == {"POM509"}


# --------------------------------------------------------------------------- tiers


def test_tier_without_owner(tmp_path: Path) -> None:
    text = tiers(TIER_1, TIER_2.replace(" owner: lead,", ""))
    found = run(tmp_path, text, "POM511")
    assert [f.line for f in found] == [line_of(text, "{id: tier-2,")]
    assert "support tier 'tier-2' has no owner" in found[0].message


def test_tier_without_sla_names_what_is_missing(tmp_path: Path) -> None:
    text = tiers(
        TIER_1.replace(" resolution_time: 2d,", ""),
        "{id: tier-2, name: Tier 2, owner: lead}",
    )
    found = run(tmp_path, text, "POM512")
    assert [f.line for f in found] == [line_of(text, "{id: tier-1,"), line_of(text, "{id: tier-2,")]
    assert found[0].message == "support tier 'tier-1' has no resolution time"
    assert found[1].message == "support tier 'tier-2' has no response time and no resolution time"


def test_resolution_before_response(tmp_path: Path) -> None:
    text = tiers(
        TIER_1.replace("response_time: 4h, resolution_time: 2d", "response_time: 2d, "
                       "resolution_time: 4h"),
        TIER_2.replace("response_time: 8h", "response_time: 5d"),  # equal: fine
    )  # fmt: skip
    found = run(tmp_path, text, "POM513")
    assert len(found) == 1
    assert found[0].line == line_of(text, "{id: tier-1,")
    assert found[0].path == ("support", "tiers", 0, "resolution_time")
    assert "resolution in 4h, before its first response in 2d" in found[0].message


# --------------------------------------------------------------------------- POM514


def test_support_stage_without_responsible_work(tmp_path: Path) -> None:
    text = example_file(RULES["POM514"], "bad")
    found = run(tmp_path, text, "POM514")
    assert len(found) == 1
    assert found[0].line == line_of(text, "{id: support, name: Support")
    assert "the stage(s) where support happens ('support')" in found[0].message
    assert found[0].hint is not None
    assert "`element: support` and `stage: support`" in found[0].hint


def test_support_stage_by_phase_and_not_by_id(tmp_path: Path) -> None:
    text = BASE.replace(
        "{id: support, name: Support, owner: support-lead}",
        "{id: operate, name: Operate, phase: support, owner: support-lead}",
    ).replace("stage: support,", "stage: operate,")
    assert run(tmp_path, text, "POM514") == []
    # No support-phase stage, and the support work placed on no stage at all.
    renamed = BASE.replace(
        "{id: support, name: Support, owner: support-lead}",
        "{id: support, name: Support, phase: growth, owner: support-lead}",
    ).replace("element: support, stage: support,", "element: support,")
    found = run(tmp_path, renamed, "POM514")
    assert len(found) == 1
    assert found[0].line == line_of(renamed, "  stages:")
    assert "support tiers ('tier-1' and 'tier-2')" in found[0].message
    assert "no support work (`element: support`) placed on a stage" in found[0].message
    assert found[0].hint is not None
    assert "phase: support" in found[0].hint


#: The new user's startup: no support-phase stage; tickets are answered in growth.
GROWTH = """
lifecycle:
  stages:
    - {id: ideation, name: Ideation, owner: pm}
    - {id: development, name: Development, owner: po}
    - {id: delivery, name: Delivery, owner: lead}
    - {id: growth, name: Measure and learn, owner: pm}
    - {id: retirement, name: Retirement, owner: pm}
responsibilities:
  - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
     accountable: pm, responsible: [pm]}
  - {id: ship, activity: Ship releases, element: release, stage: delivery,
     accountable: lead, responsible: [devs]}
  - {id: experiments, activity: Run growth experiments, element: kpis, stage: growth,
     accountable: pm, responsible: [po]}
  - {id: answer-tickets, activity: Answer tickets, element: support, stage: growth,
     accountable: support-lead, responsible: [support-lead, devs]}
handoffs:
  - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
  - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
  - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
  - {from: lead, to: pm, artifact: Release notes, stage: growth}
  - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
"""


def test_support_work_placed_on_another_stage_is_where_support_happens(tmp_path: Path) -> None:
    text = overlay(GROWTH)
    assert run(tmp_path, text, "POM514") == []
    # The support work there must be staffed: other work on the stage does not count.
    unstaffed = text.replace(
        "accountable: support-lead, responsible: [support-lead, devs]}",
        "accountable: support-lead, consulted: [devs]}",
    )
    assert unstaffed != text
    found = run(tmp_path, unstaffed, "POM514")
    assert [f.line for f in found] == [line_of(unstaffed, "{id: growth, name")]
    assert "where support happens ('growth')" in found[0].message
    # Support work without a stage is placed nowhere: no stage where support happens.
    nowhere = text.replace("element: support, stage: growth,", "element: support,")
    found = run(tmp_path, nowhere, "POM514")
    assert [f.line for f in found] == [line_of(nowhere, "  stages:", after="lifecycle:")]


def test_support_work_on_an_undefined_stage_is_left_to_references(tmp_path: Path) -> None:
    text = overlay(GROWTH).replace(
        "element: support, stage: growth,", "element: support, stage: grwoth,"
    )
    found = run(tmp_path, text, "POM514", "POM203")
    assert [f.line for f in found if f.code == "POM203"] == [line_of(text, "grwoth")]
    assert "POM514" not in {f.code for f in found}


def test_support_work_left_out_could_place_support_anywhere(tmp_path: Path) -> None:
    # The ticket work lacks its activity (POM103): it is left out of the model, and the
    # stage it names is still where support happens.
    text = overlay(GROWTH).replace("activity: Answer tickets, ", "")
    assert [f.code for f in run(tmp_path, text, "POM514", "POM103")] == ["POM103"]


def test_support_stage_only_consulted_work_is_unstaffed(tmp_path: Path) -> None:
    text = BASE.replace(
        "accountable: support-lead, responsible: [support-lead]}",
        "accountable: support-lead, consulted: [lead]}",
    ).replace("accountable: po, responsible: [po]}", "accountable: po}")
    assert [f.code for f in run(tmp_path, text, "POM514")] == ["POM514"]


def test_no_tiers_and_no_support_stage_is_fine(tmp_path: Path) -> None:
    text = overlay("support: {}\n").replace(
        "{id: support, name: Support, owner: support-lead}",
        "{id: growth, name: Growth, owner: support-lead}",
    )
    assert run(tmp_path, text, "POM514") == []


# --------------------------------------------------------------------------- cascades


def codes_for(tmp_path: Path, text: str) -> list[str]:
    """Every code reported for ``text``, with the load and structure rules, sorted."""
    path = tmp_path / "model.yaml"
    path.write_text(text, encoding="utf-8")
    return sorted(
        f.code for f in pomkit.validate(path, FileConfig(select=["POM0", "POM1", "POM5"]))
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("response_time: 8h", "response_time: 8 hours", ["POM105"]),
        ("owner: lead, response_time", "owner: Lead, response_time", ["POM107"]),
        ("frequency: weekly, goal", "frequency: every week, goal", ["POM105"]),
        ("cadence: monthly, owner: po,", "cadence: monthly, owner: PO,", ["POM107"]),
        ("kpis: [weekly-active-teams]}", "kpis: [Weekly_Active]}", ["POM107"]),
    ],
)  # fmt: skip
def test_invalid_value_is_not_also_missing(
    tmp_path: Path, old: str, new: str, expected: list[str]
) -> None:
    assert old in BASE
    assert codes_for(tmp_path, BASE.replace(old, new)) == expected


def test_refused_tag_is_not_also_a_missing_target(tmp_path: Path) -> None:
    text = BASE.replace(
        'target: {op: ">=", value: 500, unit: teams}', "target: !!python/object:x.T {value: 500}"
    )
    assert codes_for(tmp_path, text) == ["POM003"]


@pytest.mark.parametrize(
    "path", sorted((ROOT / "examples" / "invalid").glob("*.yaml")), ids=lambda p: p.name
)
def test_no_cascade_on_invalid_examples(path: Path) -> None:
    """Only the planted POM5xx problems are found: a structure error causes none."""
    found = pomkit.validate(path, FileConfig(select=["POM5"]))
    assert {(f.code, f.line) for f in found} == planted(path, "POM5")


# --------------------------------------------------------------------------- no noise


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_no_finding_on_shipped_examples(path: Path) -> None:
    assert pomkit.validate(path, FileConfig(select=["POM5"])) == []


def test_no_finding_on_generated_model(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert run(tmp_path, str(module.generate(10))) == []


def test_cli_reports_position_and_hint(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    text = example_file(RULES["POM509"], "bad")
    path.write_text(text, encoding="utf-8")
    code, out, _ = invoke("validate", str(path), "--select", "POM5")
    assert code == 1
    assert f"model.yaml:{line_of(text, 'escalates_to: tier-1}')}:" in out
    assert "POM509" in out
    assert "tier-1 → tier-2 → tier-1" in out

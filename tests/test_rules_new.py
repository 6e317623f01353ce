"""The organisation rules a reviewer expects: the directed single point of failure (POM407),
bottlenecks (POM411), handoffs to idle receivers (POM412), org-chart cycles (POM212,
POM213) and ceremonies facilitated from outside (POM310)."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from typing import Any

import pytest

import helpers
import pomkit
from helpers import ROOT, example_files, invoke, line_of, options_of, overlay
from pomkit import engine
from pomkit.catalog import base_model
from pomkit.config import FileConfig
from pomkit.domain.flow import Flow, chokepoints
from pomkit.domain.organisation import Organisation
from pomkit.findings import Finding, Severity
from pomkit.loader import parse
from pomkit.structure import check

RULES = engine.registry()
NEW = ["POM212", "POM213", "POM310", "POM407", "POM411", "POM412"]
BASE = base_model()


def run(tmp_path: Path, text: str, *codes: str, **kw: Any) -> list[Finding]:
    """Findings of ``codes`` (default: the rules of this file) for ``text``."""
    return helpers.run(tmp_path, text, *(codes or NEW), **kw)


def pairs(found: list[Finding]) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in found]


def handoffs(*items: str) -> str:
    """A ``handoffs:`` section of flow mappings, one per line."""
    return "handoffs:\n" + "".join(f"  - {item}\n" for item in items)


#: The base model's handoffs: pm starts and finishes the lifecycle.
#: POM407 with devs (five people) reportable too: the tests of the chain analysis below
#: are about the graph, not about who fills the roles.
ANY_SIZE = {"POM407": {"max_people": 5}}

BASE_HANDOFFS = (
    "{from: pm, to: po, artifact: Opportunity brief, stage: ideation}",
    "{from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}",
    "{from: devs, to: lead, artifact: Release candidate, stage: delivery}",
    "{from: lead, to: support-lead, artifact: Release notes, stage: support}",
    "{from: support-lead, to: pm, artifact: Retirement request, stage: retirement}",
)


def test_registered_with_the_documented_choices() -> None:
    severities = {code: RULES[code].severity for code in NEW}
    assert severities == {
        "POM212": Severity.ERROR,
        "POM213": Severity.ERROR,
        "POM310": Severity.WARNING,
        "POM407": Severity.INFO,
        "POM411": Severity.INFO,
        "POM412": Severity.WARNING,
    }
    for code in NEW:
        assert "Reported" in RULES[code].description, code
    assert options_of(RULES["POM411"]) == {
        "min_teams": 4,
        "max_people": 1,
        "min_stage_roles": 5,
        "min_stage_senders": 3,
    }
    assert options_of(RULES["POM407"]) == {"min_roles": 6, "max_people": 1}
    assert "consulted" in RULES["POM412"].description  # whether C counts is documented


def test_base_model_is_clean(tmp_path: Path) -> None:
    assert run(tmp_path, BASE) == []


def test_explain_lists_the_bottleneck_options() -> None:
    code, out, _ = invoke("explain", "bottleneck")
    assert code == 0
    assert "min_teams (integer, default 4)" in out
    assert "max_people (integer, default 1)" in out


# --------------------------------------------------------------------------- POM407


def test_the_analysis_follows_the_direction_of_the_work(tmp_path: Path) -> None:
    # lead hands debt back to po: undirected, po-devs-lead is a cycle and devs has a
    # way round; in the direction the work goes, every chain still passes devs.
    text = overlay(RULES["POM407"].bad)
    found = run(tmp_path, text, "POM407", options=ANY_SIZE)
    assert pairs(found) == [
        ("POM407", line_of(text, "id: lead, title")),
        ("POM407", line_of(text, "id: devs, title")),
    ]
    assert "{from: lead, to: po" in text


def test_a_role_that_starts_and_finishes_still_lets_others_be_reported(tmp_path: Path) -> None:
    # pm owns the first and the last stage; the work has to come back to it.
    text = overlay(
        handoffs(
            *BASE_HANDOFFS,
            "{from: pm, to: sm, artifact: Team goals, stage: ideation}",
            "{from: sm, to: devs, artifact: Team capacity, stage: development}",
        )
    )
    found = run(tmp_path, text, "POM407", options=ANY_SIZE)
    assert pairs(found) == [
        ("POM407", line_of(text, "id: lead, title")),
        ("POM407", line_of(text, "id: devs, title")),
        ("POM407", line_of(text, "id: support-lead, title")),
    ]
    assert "start the lifecycle ('pm')" in found[0].message
    assert "finish it ('pm')" in found[0].message


def test_a_second_path_back_to_the_start_and_finish_role_clears_it(tmp_path: Path) -> None:
    text = overlay(
        handoffs(
            *BASE_HANDOFFS,
            "{from: pm, to: sm, artifact: Team goals, stage: ideation}",
            "{from: sm, to: devs, artifact: Team capacity, stage: development}",
            "{from: devs, to: support-lead, artifact: Known issues, stage: delivery}",
            "{from: po, to: pm, artifact: Sunset proposal, stage: retirement}",
        )
    )
    assert run(tmp_path, text, "POM407") == []


def test_small_chains_are_left_alone_by_default(tmp_path: Path) -> None:
    # The base model is a chain of five roles from pm back to pm: every role in it is a
    # single point of failure, which min_roles (6) deliberately does not report.
    assert run(tmp_path, BASE, "POM407") == []
    found = run(tmp_path, BASE, "POM407", options={"POM407": {"min_roles": 5, "max_people": 5}})
    assert [f.message.split("'")[1] for f in found] == ["po", "lead", "devs", "support-lead"]


def test_a_handoff_lost_to_a_structure_error_could_be_the_bypass(tmp_path: Path) -> None:
    # The bypass devs → support-lead lacks its artifact: POM103, and no POM407 guess.
    bad = RULES["POM407"].bad.replace(
        "  - {from: lead, to: po,",
        "  - {from: devs, to: support-lead, stage: delivery}\n  - {from: lead, to: po,",
    )
    text = overlay(bad)
    found = run(tmp_path, text, "POM407", "POM103")
    assert [f.code for f in found] == ["POM103"]


def test_chokepoints_are_dominators_found_in_one_pass() -> None:
    # A ladder of 1000 rungs (3001 roles): each rung forks and joins again, so the
    # roles at the joins are the chokepoints.
    roles = [f"r{i}" for i in range(3001)]
    body = ["roles:"]
    body += [f"  - {{id: {r}, title: R, kind: custom}}" for r in roles]
    body += ["handoffs:"]
    for i in range(0, 3000, 3):
        a, b, c, d = roles[i : i + 4]
        body += [
            f"  - {{from: {a}, to: {b}, artifact: x, stage: development}}",
            f"  - {{from: {a}, to: {c}, artifact: x, stage: development}}",
            f"  - {{from: {b}, to: {d}, artifact: x, stage: development}}",
            f"  - {{from: {c}, to: {d}, artifact: x, stage: development}}",
        ]
    lifecycle = (
        "lifecycle:\n  stages:\n"
        f"    - {{id: ideation, name: Ideation, owner: {roles[0]}}}\n"
        "    - {id: development, name: Development}\n"
        f"    - {{id: retirement, name: Retirement, owner: {roles[-1]}}}\n"
    )
    checked = check(parse(overlay(lifecycle + "\n".join(body) + "\n"), "ladder.yaml").data)
    assert checked.model is not None
    org = Organisation.build(checked.model)
    flow = Flow.build(checked.model)
    started = time.perf_counter()
    found = chokepoints(org, flow)
    elapsed = time.perf_counter() - started
    assert found is not None
    assert found[0] == roles[-1]
    # The start role is where chains begin, not a role they pass on the way.
    assert set(found) == {roles[i] for i in range(3, 3001, 3)}
    assert elapsed < 5, elapsed


# --------------------------------------------------------------------------- POM411


def test_bottleneck_at_the_role_naming_the_teams(tmp_path: Path) -> None:
    text = overlay(RULES["POM411"].bad)
    found = run(tmp_path, text, "POM411")
    assert pairs(found) == [("POM411", line_of(text, "id: qa-lead"))]
    assert found[0].message == (
        "role 'qa-lead' (one person) is a bottleneck: the handoffs of 4 other teams "
        "('core', 'billing', 'search' and 'mobile') converge on it"
    )
    assert found[0].severity is Severity.INFO
    assert found[0].hint is not None
    assert "people:" in found[0].hint


def test_bottleneck_options(tmp_path: Path) -> None:
    bad, good = overlay(RULES["POM411"].bad), overlay(RULES["POM411"].good)
    assert run(tmp_path, bad, "POM411", options={"POM411": {"min_teams": 5}}) == []
    assert len(run(tmp_path, bad, "POM411", options={"POM411": {"min_teams": 3}})) == 1
    # Three QA engineers are enough by default, not when the limit is three people.
    assert run(tmp_path, good, "POM411") == []
    found = run(tmp_path, good, "POM411", options={"POM411": {"max_people": 3}})
    assert "(3 people)" in found[0].message


def test_its_own_team_and_teamless_senders_do_not_count(tmp_path: Path) -> None:
    own = RULES["POM411"].bad.replace(
        "{id: mobile-devs, title: Mobile devs, kind: development-team, team: mobile,",
        "{id: mobile-devs, title: Mobile devs, kind: development-team, team: quality,",
    )
    assert run(tmp_path, overlay(own), "POM411") == []
    teamless = RULES["POM411"].bad.replace(
        "kind: development-team, team: mobile, people: 3}", "kind: development-team, people: 3}"
    )
    assert run(tmp_path, overlay(teamless), "POM411") == []


def test_the_roles_that_start_or_finish_take_in_work_by_design(tmp_path: Path) -> None:
    # qa-lead owns the last stage: signing off the work of every team is its part.
    lifecycle = (
        "lifecycle:\n  stages:\n"
        "    - {id: ideation, name: Ideation, owner: pm}\n"
        "    - {id: development, name: Development, owner: po}\n"
        "    - {id: retirement, name: Retirement, owner: qa-lead}\n"
    )
    text = overlay(lifecycle + RULES["POM411"].bad)
    assert run(tmp_path, text, "POM411") == []


def test_an_unreadable_people_count_is_not_judged(tmp_path: Path) -> None:
    text = overlay(
        RULES["POM411"].bad.replace(
            "{id: qa-lead, title: QA lead, kind: custom, team: quality}",
            "{id: qa-lead, title: QA lead, kind: custom, team: quality, people: a few}",
        )
    )
    found = run(tmp_path, text, "POM411", "POM1")
    assert [f.code for f in found] == ["POM102"]


STAGE_FLOW = """
handoffs:
  - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
  - {from: po, to: lead, artifact: Stories to design, stage: development, via: planning}
  - {from: pm, to: lead, artifact: Architecture brief, stage: development}
  - {from: sm, to: lead, artifact: Team impediments, stage: development}
  - {from: lead, to: devs, artifact: Design, stage: development}
  - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
  - {from: lead, to: support-lead, artifact: Release notes, stage: support}
  - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
"""


def test_a_role_every_chain_of_a_stage_passes_is_its_bottleneck(tmp_path: Path) -> None:
    # pm, po and sm all hand their development work to lead, the only way on to devs.
    text = overlay(STAGE_FLOW)
    found = run(tmp_path, text, "POM411")
    assert pairs(found) == [("POM411", line_of(text, "{id: lead, title"))]
    assert found[0].message == (
        "role 'lead' (one person) is a bottleneck of stage 'development': the work of 3 "
        "roles converges on it, and every chain of the stage's handoffs (5 roles) passes "
        "through it"
    )


def test_a_stage_chain_owner_small_stage_or_second_path_is_no_bottleneck(
    tmp_path: Path,
) -> None:
    # A sequence is not a queue: two senders only.
    two = STAGE_FLOW.replace(
        "  - {from: sm, to: lead, artifact: Team impediments, stage: development}\n", ""
    )
    assert run(tmp_path, overlay(two), "POM411") == []
    # A second path: sm hands work to devs directly.
    around = STAGE_FLOW + "  - {from: sm, to: devs, artifact: Pairing plan, stage: development}\n"
    assert run(tmp_path, overlay(around), "POM411") == []
    # Options: more roles needed, or more people allowed.
    text = overlay(STAGE_FLOW)
    assert run(tmp_path, text, "POM411", options={"POM411": {"min_stage_roles": 6}}) == []
    assert run(tmp_path, text, "POM411", options={"POM411": {"min_stage_senders": 4}}) == []
    # The stage's owner is its bottleneck by design.
    owned = text.replace(
        "{id: development, name: Development, owner: po}",
        "{id: development, name: Development, owner: lead}",
    )
    assert owned != text
    assert run(tmp_path, owned, "POM411") == []


# --------------------------------------------------------------------------- POM412


def test_handoff_to_a_role_with_no_part_there_or_later(tmp_path: Path) -> None:
    text = overlay(RULES["POM412"].bad)
    found = run(tmp_path, text, "POM412")
    assert pairs(found) == [("POM412", line_of(text, "Impediments found while releasing"))]
    assert found[0].path == ("handoffs", 3, "to")
    assert found[0].column == text.splitlines()[found[0].line - 1].index("sm, artifact") + 1
    assert found[0].message == (
        "handoff devs → sm gives 'Impediments found while releasing' to 'sm' in stage "
        "'delivery', but 'sm' takes no part in that stage or any later one: no "
        "responsibility of those stages names it, it owns none of them, and it hands "
        "nothing on in 'delivery'"
    )
    assert found[0].severity is Severity.WARNING


def _idle(extra: str = "", handoff_tail: str = "stage: delivery}") -> str:
    """The base model plus a handoff devs → sm and ``extra`` sections."""
    return overlay(
        handoffs(*BASE_HANDOFFS, "{from: devs, to: sm, artifact: Impediments, " + handoff_tail)
        + extra
    )


RACI = """
responsibilities:
  - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
     accountable: pm, responsible: [pm], consulted: [po]}
  - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
     accountable: po, responsible: [devs, sm]}
  - {id: ship, activity: Ship releases, element: release, stage: delivery, accountable: lead,
     responsible: [devs]LETTER}
  - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
     accountable: support-lead, responsible: [support-lead]}
  - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
     accountable: po, responsible: [po]}
  - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery, accountable: pm,
     responsible: [pm]}
  - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
     accountable: sm, responsible: [sm]}
  - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
     accountable: pm, responsible: [lead]}
"""


@pytest.mark.parametrize("letter", ["consulted", "informed", "responsible"])
def test_any_raci_letter_in_that_stage_is_a_part(tmp_path: Path, letter: str) -> None:
    assert len(run(tmp_path, _idle(RACI.replace("LETTER", "")), "POM412")) == 1
    section = RACI.replace("responsible: [devs]LETTER", f"responsible: [devs], {letter}: [sm]")
    if letter == "responsible":
        section = RACI.replace("responsible: [devs]LETTER", "responsible: [devs, sm]")
    assert run(tmp_path, _idle(section), "POM412") == []


def test_a_part_in_a_later_stage_counts_an_earlier_one_does_not(tmp_path: Path) -> None:
    later = RACI.replace("LETTER", "").replace(
        "accountable: pm, responsible: [lead]}", "accountable: pm, responsible: [lead, sm]}"
    )
    assert run(tmp_path, _idle(later), "POM412") == []
    # sm works in development, which comes before delivery.
    assert len(run(tmp_path, _idle(RACI.replace("LETTER", "")), "POM412")) == 1


def test_owning_a_later_stage_counts(tmp_path: Path) -> None:
    lifecycle = BASE[BASE.index("lifecycle:") : BASE.index("teams:")].replace(
        "{id: support, name: Support, owner: support-lead}",
        "{id: support, name: Support, owner: sm}",
    )
    assert run(tmp_path, _idle(lifecycle), "POM412") == []


def test_handing_work_on_in_the_same_stage_counts(tmp_path: Path) -> None:
    text = overlay(
        handoffs(
            *BASE_HANDOFFS,
            "{from: devs, to: sm, artifact: Impediments, stage: delivery}",
            "{from: sm, to: lead, artifact: Impediments needing a fix, stage: delivery}",
        )
    )
    assert run(tmp_path, text, "POM412") == []


def test_attending_the_via_ceremony_counts_other_meetings_do_not(tmp_path: Path) -> None:
    # sm facilitates the planning and the retro, which devs attend too.
    assert run(tmp_path, _idle(handoff_tail="stage: delivery, via: retro}"), "POM412") == []
    found = run(tmp_path, _idle(handoff_tail="stage: delivery, via: review}"), "POM406", "POM412")
    assert sorted(f.code for f in found) == ["POM406", "POM412"]
    assert len(run(tmp_path, _idle(), "POM412")) == 1


@pytest.mark.parametrize(
    "tail",
    [
        "stage: delivery}\n  - {from: sm, to: sm, artifact: Notes, stage: delivery}",
        "stage: delivery}\n  - {from: devs, to: devs, artifact: Notes, stage: delivery}",
    ],
)
def test_self_handoffs_are_not_work_handed_on(tmp_path: Path, tail: str) -> None:
    found = run(tmp_path, _idle(handoff_tail=tail), "POM412")
    assert [f.message.split("'")[3] for f in found] == ["sm"]


def test_other_rules_own_missing_stages_roles_and_ceremonies(tmp_path: Path) -> None:
    no_stage = _idle(handoff_tail="artifact: Notes}")
    assert run(tmp_path, no_stage, "POM412") == []
    unknown_stage = _idle(handoff_tail="stage: hardening}")
    assert [f.code for f in run(tmp_path, unknown_stage, "POM412", "POM203")] == ["POM203"]
    unknown_role = overlay(
        handoffs(*BASE_HANDOFFS, "{from: devs, to: smm, artifact: Notes, stage: delivery}")
    )
    assert [f.code for f in run(tmp_path, unknown_role, "POM412", "POM201")] == ["POM201"]
    unknown_via = _idle(handoff_tail="stage: delivery, via: huddle}")
    assert [f.code for f in run(tmp_path, unknown_via, "POM412", "POM207")] == ["POM207"]


def test_a_broken_responsibility_that_could_name_the_receiver_silences_it(
    tmp_path: Path,
) -> None:
    broken = RACI.replace("LETTER", "").replace(
        "  - {id: sunset, activity: Sunset the product,",
        "  - {id: retro-actions, element: methodology, stage: support, accountable: sm}\n"
        "  - {id: sunset, activity: Sunset the product,",
    )
    found = run(tmp_path, _idle(broken), "POM412", "POM103")
    assert [f.code for f in found] == ["POM103"]
    # One that names other roles only does not: the rest is still judged.
    other = broken.replace("stage: support, accountable: sm}", "stage: support, accountable: po}")
    found = run(tmp_path, _idle(other), "POM412", "POM103")
    assert sorted(f.code for f in found) == ["POM103", "POM412"]


# --------------------------------------------------------------------------- POM212 / POM213


def test_reports_to_cycles_once_each_at_the_link_back(tmp_path: Path) -> None:
    text = overlay(RULES["POM212"].bad)
    found = run(tmp_path, text, "POM212")
    assert pairs(found) == [
        ("POM212", line_of(text, "{id: po, title")),
        ("POM212", line_of(text, "{id: sm, title")),
    ]
    assert found[0].path == ("roles", 1, "reports_to")
    assert found[0].message == (
        "roles report to each other in a cycle: pm → lead → po → pm, so the reporting line "
        "has no top"
    )
    assert found[0].hint is not None
    assert "from 'po' to 'pm'" in found[0].hint
    assert found[1].message == "role 'sm' reports to itself, so the reporting line has no top"
    assert {f.severity for f in found} == {Severity.ERROR}


def test_a_long_reporting_cycle_is_shortened(tmp_path: Path) -> None:
    ids = [f"r{i:02d}" for i in range(12)]
    roles = "".join(
        f"  - {{id: {r}, title: R, kind: custom, reports_to: {ids[(i + 1) % 12]}}}\n"
        for i, r in enumerate(ids)
    )
    text = overlay("roles:\n" + roles)
    (found,) = run(tmp_path, text, "POM212")
    assert found.line == line_of(text, "{id: r11,")
    assert "r00 → r01 → r02 → r03 → r04 → r05 → r06 → r07 → … → r00 (12 roles)" in found.message


def test_a_reporting_cycle_is_reported_at_the_real_heads_link(tmp_path: Path) -> None:
    # pm heads the chart (three roles report to pm), so pm reporting to devs is the mistake,
    # although devs -> pm is the link that goes back in file order.
    text = overlay(
        "roles:\n"
        "  - {id: pm, title: PM, kind: product-manager, reports_to: devs}\n"
        "  - {id: po, title: PO, kind: product-owner, reports_to: pm}\n"
        "  - {id: lead, title: Lead, kind: technical-architect, reports_to: pm}\n"
        "  - {id: devs, title: Devs, kind: development-team, people: 5, reports_to: pm}\n"
    )
    (found,) = run(tmp_path, text, "POM212")
    assert found.line == line_of(text, "{id: pm, title")
    assert found.hint is not None
    assert "from 'pm' to 'devs'" in found.hint


def test_a_team_cycle_is_reported_at_the_real_roots_link(tmp_path: Path) -> None:
    text = overlay(
        "teams:\n"
        "  - {id: core, name: Core, type: stream-aligned, parent: group}\n"
        "  - {id: group, name: Group, type: enabling, parent: core}\n"
        "  - {id: web, name: Web, type: stream-aligned, parent: group}\n"
    )
    (found,) = run(tmp_path, text, "POM213")
    assert found.line == line_of(text, "{id: group,")
    assert found.hint is not None
    assert "from 'group' to 'core'" in found.hint


def test_reporting_trees_and_unknown_managers_are_no_cycle(tmp_path: Path) -> None:
    assert run(tmp_path, overlay(RULES["POM212"].good), "POM212") == []
    text = overlay(
        "roles:\n"
        "  - {id: pm, title: PM, kind: product-manager, reports_to: cpo}\n"
        "  - {id: po, title: PO, kind: product-owner, reports_to: pm}\n"
    )
    assert run(tmp_path, text, "POM212") == []
    assert any("'cpo'" in f.message for f in run(tmp_path, text, "POM201"))


def test_team_parent_cycles_at_the_link_back(tmp_path: Path) -> None:
    text = overlay(RULES["POM213"].bad)
    found = run(tmp_path, text, "POM213")
    assert pairs(found) == [("POM213", line_of(text, "{id: core,"))]
    assert found[0].path == ("teams", 1, "parent")
    assert "product → core → product" in found[0].message
    selfish = overlay("teams:\n  - {id: core, name: Core, type: stream-aligned, parent: core}\n")
    (own,) = run(tmp_path, selfish, "POM213")
    assert own.message == "team 'core' is its own parent, so the team tree has no root"


def test_team_cycles_do_not_hang_the_team_tree(tmp_path: Path) -> None:
    # Rituals expand teams to their sub-teams: a cycle must not loop forever.
    text = overlay(
        "teams:\n"
        "  - {id: core, name: Core, type: stream-aligned, parent: platform}\n"
        "  - {id: platform, name: Platform, type: platform, parent: core}\n"
        "collaboration:\n"
        "  rituals:\n"
        "    - {id: sync, name: Sync, cadence: weekly, participants: [core]}\n"
    )
    found = run(tmp_path, text, "POM2", "POM3", "POM4")
    assert [f.code for f in found] == ["POM213"]
    model = pomkit.load(tmp_path / "model.yaml").model
    assert model is not None
    org = Organisation.build(model)
    assert org.with_subteams("core") == {"core", "platform"}
    assert org.sits_in("pm", "platform")


# --------------------------------------------------------------------------- POM310


def test_ceremony_facilitated_from_outside_at_the_facilitator(tmp_path: Path) -> None:
    text = overlay(RULES["POM310"].bad)
    found = run(tmp_path, text, "POM310")
    assert pairs(found) == [("POM310", line_of(text, "facilitator: sm, participants: [po, devs]}"))]
    assert found[0].path == ("methodology", "ceremonies", 0, "facilitator")
    assert found[0].message == (
        "ceremony 'planning' belongs to team 'core', but its facilitator 'sm' sits in team "
        "'platform' and is not among its participants"
    )


def test_a_facilitator_of_a_sub_team_sits_in_the_team(tmp_path: Path) -> None:
    bad = RULES["POM310"].bad.replace(
        "{id: platform, name: Platform team, type: platform}",
        "{id: platform, name: Platform team, type: platform, parent: core}",
    )
    assert run(tmp_path, overlay(bad), "POM310") == []
    # The other way round — a parent team's role facilitating a sub-team's — is outside.
    upside = RULES["POM310"].bad.replace(
        "{id: core, name: Core team, type: stream-aligned}",
        "{id: core, name: Core team, type: stream-aligned, parent: platform}",
    )
    assert len(run(tmp_path, overlay(upside), "POM310")) == 1


def test_a_facilitator_without_a_team_is_outside(tmp_path: Path) -> None:
    bad = RULES["POM310"].bad.replace(
        "{id: sm, title: Scrum master, kind: scrum-master, team: platform}",
        "{id: sm, title: Scrum master, kind: scrum-master}",
    )
    (found,) = run(tmp_path, overlay(bad), "POM310")
    assert "'sm' sits in no team and is not among its participants" in found.message


def test_undefined_teams_and_roles_are_left_to_references(tmp_path: Path) -> None:
    unknown_team = RULES["POM310"].bad.replace("team: core,\n", "team: kore,\n", 1)
    found = run(tmp_path, overlay(unknown_team), "POM310", "POM202")
    assert [f.code for f in found] == ["POM202"]
    typo_team = RULES["POM310"].bad.replace(
        "kind: scrum-master, team: platform}", "kind: scrum-master, team: kore}"
    )
    found = run(tmp_path, overlay(typo_team), "POM310", "POM202")
    assert [f.code for f in found] == ["POM202"]


def test_unreadable_participants_are_not_judged(tmp_path: Path) -> None:
    bad = RULES["POM310"].bad.replace(
        "facilitator: sm, participants: [po, devs]}",
        "facilitator: sm, participants: [po, {role: devs}]}",
    )
    found = run(tmp_path, overlay(bad), "POM310", "POM1")
    assert "POM310" not in {f.code for f in found}
    assert found


# --------------------------------------------------------------------------- no noise


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_no_finding_on_shipped_examples(path: Path) -> None:
    found = pomkit.validate(path, FileConfig(select=NEW))
    assert [(f.line, f.code, f.message) for f in found] == []


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_finding_on_a_generated_model_of_100_teams(tmp_path: Path) -> None:
    text = _generator().generate(100)
    assert run(tmp_path, text) == []

"""The playbook's health page judges only what the rules judge, and shows what was silenced.

Every criterion of a level is the declaration, a domain criterion a rule applies, or the
absence of named rules' findings; every gap names a rule that ``pomkit explain`` knows,
and that rule reports it. Waived and silenced findings are on the cover and in the
findings appendix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pomkit
from helpers import ROOT, example_files, invoke, overlay
from pomkit import engine
from pomkit.catalog import example_file
from pomkit.markdown import md_inline
from pomkit.model import Element, PrincipleId
from pomkit.playbook import health
from pomkit.playbook.view import Criterion, Playbook, Scorecard


def view_of(path: Path) -> Playbook:
    return Playbook.model_validate_json(pomkit.report(path, format="json"))


def write(tmp_path: Path, text: str, name: str = "model.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def card(view: Playbook, ident: str) -> Scorecard:
    return next(s for s in (*view.health.principles, *view.health.elements) if s.id == ident)


def reported(view: Playbook) -> set[str]:
    """The codes of the findings the appendix lists, kept or silenced."""
    kept = {f.code for g in view.findings.groups for f in g.findings}
    return kept | {s.code for s in view.findings.suppressed}


def gaps(view: Playbook) -> list[tuple[str, Criterion]]:
    """Every criterion between a declared principle or written element and its next level."""
    return [
        (s.id, c)
        for s in (*view.health.principles, *view.health.elements)
        if s.level > 0
        for c in s.next
    ]


def assert_every_gap_is_explained(view: Playbook) -> None:
    """Each unmet criterion names rules that exist, and (unless undecided) one of them
    reported it: the page and `pomkit validate` tell the same story."""
    rules = engine.registry()
    found = reported(view)
    for ident, criterion in gaps(view):
        assert criterion.kind in ("domain", "findings"), (ident, criterion)
        assert criterion.rules, (ident, criterion)
        assert set(criterion.rules) <= set(rules), (ident, criterion.rules)
        if criterion.met is False:
            assert found & set(criterion.rules), (ident, criterion, found)


# --------------------------------------------------------------------------- the tables


def test_the_tables_name_rules_that_exist_and_mean_what_they_say() -> None:
    rules = engine.registry()
    assert set(health.PRINCIPLE_RULES) == set(PrincipleId)
    for principle, code in health.PRINCIPLE_RULES.items():
        name = rules[code].name
        assert name.endswith("-not-shown"), code
        assert name.split("-")[0] in principle.value.split("-"), (principle, name)
    for value, code in health.CLAIM_RULES.items():
        assert rules[code].name == f"{value}-not-shown"
    assert {rules[c].name for c in health.EVIDENCE_RULES} == {
        "evidence-does-not-support",
        "principle-without-evidence",
    }
    assert rules[health.COVERAGE_RULE].name == "element-uncovered"
    assert set(health.ELEMENT_RULES) == set(Element)
    for element, (code, _text) in health.OWNER_RULES.items():
        assert rules[code].name.endswith("-without-owner")
        assert code in health.ELEMENT_RULES[element]


@pytest.mark.parametrize(
    ("element", "code"),
    [(e, c) for e, codes in health.ELEMENT_RULES.items() for c in codes],
    ids=lambda x: x.value if isinstance(x, Element) else x,
)
def test_each_rule_about_an_element_keeps_it_below_gold(
    element: Element, code: str, tmp_path: Path
) -> None:
    """The rule's own failing example, rendered: the element is not Gold, and its gap
    names the rule (whatever path the finding points at)."""
    rule = engine.registry()[code]
    view = view_of(write(tmp_path, example_file(rule, "bad")))
    assert code in reported(view)
    scorecard = card(view, element.value)
    assert scorecard.level < 3
    assert any(code in c.rules for c in scorecard.next), scorecard.next


@pytest.mark.parametrize(
    "code", sorted(c for c, r in engine.registry().items() if r.needs_model and not r.whole_file)
)
def test_every_gap_of_every_failing_example_names_a_rule_that_reports_it(
    code: str, tmp_path: Path
) -> None:
    """Over each rule's failing example: the page and `validate` tell the same story."""
    view = view_of(write(tmp_path, example_file(engine.registry()[code], "bad")))
    assert_every_gap_is_explained(view)


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_a_clean_example_is_gold_everywhere_it_is_declared(example: Path) -> None:
    """The examples pass `validate`: every declared principle and element is Gold."""
    assert [f for f in pomkit.validate(example) if f.severity.label != "info"] == []
    view = view_of(example)
    for s in (*view.health.principles, *view.health.elements):
        assert s.level in (0, 3), (s.id, s.to_next)
        assert s.level == 3 or s.declared is False, s.id


# --------------------------------------------------------------------------- principles


def test_a_declared_principle_without_practices_is_at_least_bronze(tmp_path: Path) -> None:
    """`practices` is optional: a principle declared with evidence that shows it is Gold;
    without evidence it is Bronze, and POM609 says why."""
    text = overlay(
        """
        principles:
          - {id: continuous-improvement, evidence: [ceremony:retro]}
          - {id: data-driven}
        """
    )
    view = view_of(write(tmp_path, text))
    improvement = card(view, "continuous-improvement")
    assert (improvement.declared, improvement.level_name) == (True, "Gold")
    data = card(view, "data-driven")
    assert (data.declared, data.level_name) == (True, "Bronze")
    (gap,) = data.next
    assert (gap.kind, gap.rules) == ("findings", ["POM609"])
    assert data.to_next == ["principle 'data-driven' lists no evidence (POM609)"]
    assert "Of the 2 principles it declares, 1 is shown by the model" in view.cover.summary
    assert "(data driven, Bronze: see Health)" in view.cover.summary
    assert_every_gap_is_explained(view)


def test_evidence_that_does_not_count_holds_a_principle_at_bronze(tmp_path: Path) -> None:
    text = overlay(
        """
        principles:
          - {id: continuous-improvement, evidence: [ceremony:planning, role:nobody]}
        """
    )
    view = view_of(write(tmp_path, text))
    scorecard = card(view, "continuous-improvement")
    assert scorecard.level_name == "Bronze"
    (gap,) = scorecard.next
    # the rule that says the evidence does not count, and the one that says it names nothing
    assert gap.rules == ["POM201", "POM608"]
    assert "evidence 'ceremony:planning' does not show" in gap.missing
    assert "role 'nobody'" in gap.missing
    assert_every_gap_is_explained(view)


# --------------------------------------------------------------------------- elements


def test_health_judges_nothing_that_no_rule_reports(tmp_path: Path) -> None:
    """A standup without a facilitator, a release stage without an owner, no customer KPI
    in a platform model: `validate` says nothing, and neither does the health page."""
    text = overlay(
        """
        type: platform
        archetypes: []
        principles: []
        teams:
          - {id: core, name: Core team, type: stream-aligned}
          - {id: paved-road, name: Paved road, type: platform}
        methodology:
          framework: scrum
          iteration: 2w
          ceremonies:
            - {id: planning, name: Sprint planning, type: planning, cadence: 2w,
               facilitator: sm, participants: [po, devs]}
            - {id: standup, name: Daily standup, type: standup, cadence: 1d,
               participants: [po, devs, sm]}
            - {id: review, name: Sprint review, type: review, cadence: 2w, facilitator: po,
               participants: [devs, pm]}
            - {id: retro, name: Retrospective, type: retrospective, cadence: 2w,
               facilitator: sm, participants: [po, devs]}
        release:
          strategy: release-train
          cadence: 2w
          stages:
            - {id: build, name: Build, automated: true}
            - {id: approve, name: Approve}
        kpis:
          - {id: weekly-active-teams, name: Weekly active teams, element: kpis, category: growth,
             target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
             goal: grow-usage}
        """
    ).replace(
        "  - {id: lead, title: Tech lead, kind: technical-architect, team: core}",
        "  - {id: lead, title: Tech lead, kind: technical-architect, team: paved-road}",
    )
    path = write(tmp_path, text)
    assert [f.code for f in pomkit.validate(path) if f.severity.label != "info"] == []
    view = view_of(path)
    for element in ("methodology", "release", "kpis"):
        assert card(view, element).level_name == "Gold", card(view, element).to_next


def test_an_element_no_responsibility_covers_is_bronze_naming_pom304(tmp_path: Path) -> None:
    text = overlay("").replace(
        "  - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,"
        " accountable: support-lead, responsible: [support-lead]}\n",
        "",
    )
    view = view_of(write(tmp_path, text))
    support = card(view, "support")
    assert (support.level_name, support.next_level) == ("Bronze", "Silver")
    (gap,) = support.next
    assert (gap.kind, gap.rules) == ("findings", ["POM304"])
    assert "no responsibility covers the 'support' element" in gap.missing
    # the other elements are covered: the finding is about support only
    assert card(view, "strategy").level_name == "Gold"
    assert_every_gap_is_explained(view)


def test_a_model_without_responsibilities_owns_no_element(tmp_path: Path) -> None:
    text = overlay("responsibilities: []\n")
    view = view_of(write(tmp_path, text))
    for element in Element:
        scorecard = card(view, element.value)
        assert scorecard.level_name == "Bronze", element
        assert scorecard.next[0].rules == ["POM304"]
    assert_every_gap_is_explained(view)


def test_an_unowned_tier_is_bronze_and_a_tier_without_sla_silver(tmp_path: Path) -> None:
    unowned = overlay(
        """
        support:
          channels:
            - {id: email, name: Email}
          tiers:
            - {id: tier-1, name: Tier 1, channels: [email], response_time: 4h,
               resolution_time: 2d}
        """
    )
    view = view_of(write(tmp_path, unowned, "unowned.yaml"))
    support = card(view, "support")
    assert support.level_name == "Bronze"
    assert [c.rules for c in support.next] == [["POM511"]]
    assert support.to_next == [
        next(f.message for g in view.findings.groups for f in g.findings if f.code == "POM511")
        + " (POM511)"
    ]
    no_sla = overlay(
        """
        support:
          channels:
            - {id: email, name: Email}
          tiers:
            - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email]}
        """
    )
    view = view_of(write(tmp_path, no_sla, "no-sla.yaml"))
    support = card(view, "support")
    assert support.level_name == "Silver"
    assert support.next[0].rules == ["POM512"]
    assert support.findings == 1
    assert_every_gap_is_explained(view)


def test_a_finding_on_a_responsibility_counts_for_its_element(tmp_path: Path) -> None:
    text = overlay("").replace(
        "element: support, stage: support, accountable: support-lead, responsible: [support-lead]}",
        "element: support, stage: support, accountable: support-lead}",
    )
    view = view_of(write(tmp_path, text))
    support = card(view, "support")
    assert support.level_name == "Silver"
    assert "POM301" in support.next[0].rules
    assert card(view, "feedback").level_name == "Gold"
    assert_every_gap_is_explained(view)


def test_a_rule_the_configuration_leaves_out_is_not_taken_for_a_pass(tmp_path: Path) -> None:
    text = overlay(
        """
        support:
          tiers:
            - {id: tier-1, name: Tier 1, response_time: 4h, resolution_time: 2d}
        """
    )
    path = write(tmp_path, text)
    (tmp_path / ".pomkit.yaml").write_text("ignore: [POM511]\n", encoding="utf-8")
    view = view_of(path)
    support = card(view, "support")
    assert support.level_name == "Bronze"
    (gap,) = support.next
    assert (gap.met, gap.rules) == (None, ["POM511"])
    assert support.to_next == [
        "an owner on every support tier (not checked: the configuration leaves out POM511)"
    ]


def test_claims_name_their_rule(tmp_path: Path) -> None:
    view = view_of(ROOT / "examples" / "platform.yaml")
    assert [(c.value, c.rule) for c in view.health.claims] == [
        ("platform", "POM704"),
        ("platform", "POM704"),
        ("agile", "POM706"),
    ]
    assert all(k.rules == [c.rule] for c in view.health.claims for k in c.criteria)


# --------------------------------------------------------------------------- silenced

#: POM510 waived in the model, POM512 silenced by a comment; the KPI's category is left
#: out so that nothing else is reported.
SILENCED = """\
support:
  channels:
    - {id: email, name: Email, hours: business hours}
  tiers:
    - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email], response_time: 4h,
       resolution_time: 2d, escalates_to: tier-2}
    - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 1d,
       escalates_to: tier-3}
    - {id: tier-3, name: Tier 3, owner: lead}  # pomkit: ignore[POM512]
waivers:
  - {rule: POM510, target: tier:tier-2, reason: Tier SLAs start when the tier gets the ticket}
"""


def test_waived_findings_are_on_the_cover_and_in_the_appendix(tmp_path: Path) -> None:
    path = write(tmp_path, overlay(SILENCED))
    view = view_of(path)
    status = view.cover.status
    assert (status.label, status.errors, status.warnings) == ("valid", 0, 0)
    assert status.suppressed == 2
    assert status.suppressed_text == "1 finding waived · 1 silenced by a comment"
    assert view.findings.total == 0
    waived, silenced = sorted(view.findings.suppressed, key=lambda s: s.by, reverse=True)
    assert (waived.code, waived.rule, waived.by) == ("POM510", "escalation-tightens", "waiver")
    assert waived.reason == "Tier SLAs start when the tier gets the ticket"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert waived.at is not None
    assert "rule: POM510" in lines[int(waived.at.rsplit(":", 1)[1]) - 1]
    assert waived.subject is not None
    assert waived.subject.anchor == "tier-tier-2"
    assert (silenced.code, silenced.by, silenced.reason) == ("POM512", "comment", None)
    # a finding no longer there does not lower the element, and the card says so
    support = card(view, "support")
    assert (support.level_name, support.waived) == ("Gold", 2)
    gold = support.checks[-1]
    assert gold.met is True
    assert any("(POM510, waived: Tier SLAs start" in w for w in gold.waived)

    md = pomkit.report(path, format="md")
    assert (
        "**Status: valid** · 0 errors · 0 warnings · 0 infos · "
        "[1 finding waived · 1 silenced by a comment](#findings-silenced)"
    ) in md
    assert '<a id="findings-silenced"></a>\n### Waived or silenced (2)' in md
    assert "| POM510 | " in md
    assert (
        f"waiver at {md_inline(waived.at)} | Tier SLAs start when the tier gets the ticket |" in md
    )
    html = pomkit.report(path, format="html")
    assert "valid · 0 errors · 0 warnings · 0 infos · 1 finding waived · 1 silenced" in html
    assert 'id="findings-silenced"' in html
    assert "Tier SLAs start when the tier gets the ticket" in html


def test_a_waived_principle_stays_unmet_and_says_why(tmp_path: Path) -> None:
    """A waiver removes a finding, not a fact: the model still does not show the principle."""
    text = overlay(
        """
        principles:
          - {id: continuous-improvement, evidence: [ceremony:review]}
        waivers:
          - {rule: POM605, target: principle:continuous-improvement, reason: Retros start in May}
        """
    ).replace(
        "    - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, facilitator: sm,"
        " participants: [po, devs]}\n",
        "",
    )
    path = write(tmp_path, text)
    assert [f.code for f in pomkit.validate(path) if f.code == "POM605"] == []
    view = view_of(path)
    scorecard = card(view, "continuous-improvement")
    assert scorecard.level_name == "Silver"
    assert scorecard.waived == 1
    (gap,) = scorecard.next
    assert (gap.met, gap.rules) == (False, ["POM605"])
    assert gap.waived
    assert scorecard.to_next[0].endswith("; waived: Retros start in May (POM605)")
    assert view.cover.status.suppressed_text == "1 finding waived"


def test_the_real_command_line_shows_the_waived_count(tmp_path: Path) -> None:
    path = write(tmp_path, overlay(SILENCED))
    code, out, err = invoke("report", str(path))
    assert (code, err) == (0, "")
    assert "· [1 finding waived · 1 silenced by a comment](#findings-silenced)" in out

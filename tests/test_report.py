"""pomkit report: the view model on its own, the three formats, the command and the API.

Golden files of every example live in tests/golden/report/; regenerate them on purpose
with ``POMKIT_REGENERATE=1 python -m pytest -q tests/test_report.py``.
"""

from __future__ import annotations

import html as html_mod
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt

import pomkit
from helpers import EXAMPLES, ROOT, example_files, invoke, overlay, run_pomkit
from pomkit import api, cli
from pomkit.domain import principles
from pomkit.domain.facts import Facts
from pomkit.domain.holes import Holes
from pomkit.domain.organisation import Organisation
from pomkit.markdown import md_inline
from pomkit.model import PrincipleId, Target
from pomkit.playbook import build as build_mod
from pomkit.playbook import render as render_mod
from pomkit.playbook.text import anchor, mermaid_label
from pomkit.playbook.view import SCHEMA_FILE, Playbook, render_schema
from test_report_payloads import JINJA, KEYWORD_TEAMS, PAYLOADS, hostile_model, keyword_model

GOLDEN = ROOT / "tests" / "golden" / "report"
#: The shipped examples, valid and invalid.
EVERY_EXAMPLE = [*example_files(), *sorted((EXAMPLES / "invalid").glob("*.yaml"))]


def _example_id(example: Path) -> str:
    """``agile``, ``invalid/mixed``: the example's name and its goldens' path."""
    return example.relative_to(EXAMPLES).with_suffix("").as_posix()


SCHEMA = ROOT / SCHEMA_FILE
_FENCE = re.compile(r"^```mermaid\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def view_of(path: Path, **kwargs: Any) -> Playbook:
    return Playbook.model_validate_json(pomkit.report(path, format="json", **kwargs))


def write(tmp_path: Path, text: str, name: str = "model.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- view model


def test_cover_summarises_the_model_from_its_data() -> None:
    view = view_of(ROOT / "examples" / "agile.yaml")
    cover = view.cover
    assert cover.title == "Ledgerly Invoicing — Product Operating Model"
    assert (cover.version, cover.type, cover.archetypes) == ("1.10", "agile", ["agile"])
    assert cover.owner is not None
    assert cover.owner.anchor == "role-product-ops-lead"
    assert cover.updated == "2026-05-14"
    assert cover.status.label == "valid"
    assert cover.status.errors == 0
    model = pomkit.load(ROOT / "examples" / "agile.yaml").model
    assert model is not None
    people = sum(r.people for r in model.roles)
    assert f"{people} people in {len(model.roles)} roles across {len(model.teams)} teams" in (
        cover.summary
    )
    assert f"{len(model.lifecycle.stages)} lifecycle stages" in cover.summary
    assert "7 are shown by the model" in cover.summary
    assert [s.id for s in view.sections][:3] == ["overview", "health", "strategy"]
    assert view.sections[-1].id == "findings"


def test_health_levels_come_from_the_domain_criteria(tmp_path: Path) -> None:
    """Without a retrospective, continuous improvement is not Gold, and what the health page
    says is missing is the domain criterion's own text."""
    text = overlay(
        """
        methodology:
          framework: scrum
          iteration: 2w
          ceremonies:
            - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
               participants: [po, devs]}
            - {id: review, name: Sprint review, type: review, cadence: 2w, facilitator: po,
               participants: [devs, pm]}
          definition_of_done: [Reviewed]
        principles:
          - {id: continuous-improvement, practices: [Improve], evidence: [ceremony:review]}
        """
    )
    path = write(tmp_path, text)
    view = view_of(path)
    card = next(p for p in view.health.principles if p.id == "continuous-improvement")
    document = pomkit.load(path, strict=False)
    assert document.model is not None
    facts = Facts.build(
        document.model,
        Organisation.build(document.model),
        Holes(document.source, document.structure),
    )
    expected = principles.criteria(facts, PrincipleId.CONTINUOUS_IMPROVEMENT)
    assert [c.met for c in expected] == [False]
    assert card.declared is True
    assert card.level == 2
    assert card.level_name == "Silver"
    assert card.next_level == "Gold"
    assert card.to_next == [f"{expected[0].missing} (POM605)"]
    (gap,) = card.next
    assert (gap.kind, gap.rules, gap.text) == ("domain", ["POM605"], expected[0].needs)
    # the rule that applies the criterion reports the same gap
    assert any(f.code == "POM605" for g in view.findings.groups for f in g.findings)
    # an element is judged by the rules about it: no rule asks methodology for a retro
    methodology = next(e for e in view.health.elements if e.id == "methodology")
    assert (methodology.level_name, methodology.to_next) == ("Gold", [])
    undeclared = next(p for p in view.health.principles if p.id == "data-driven")
    assert (undeclared.declared, undeclared.level) == (False, 0)
    assert undeclared.to_next == [
        "not declared under principles: (optional: declare it to have pomkit check it, POM603)"
    ]


def test_type_and_archetype_claims_use_the_type_criteria(tmp_path: Path) -> None:
    text = overlay(
        """
        type: centralized
        teams:
          - {id: core, name: Core, type: stream-aligned}
          - {id: other, name: Other, type: platform}
        roles:
          - {id: pm, title: PM, kind: product-manager, team: core}
          - {id: po, title: PO, kind: product-owner, team: other}
          - {id: lead, title: Lead, kind: technical-architect, team: other}
          - {id: devs, title: Devs, kind: development-team, team: core}
          - {id: sm, title: SM, kind: scrum-master, team: core}
          - {id: support-lead, title: Support, kind: custom, team: core}
        """
    )
    path = write(tmp_path, text)
    view = view_of(path)
    claim = next(c for c in view.health.claims if c.kind == "type")
    assert claim.value == "centralized"
    assert claim.shown is False
    assert "strategy and release decisions are accountable in 2 places" in claim.criteria[0].missing


def test_inferred_types_and_categories_are_marked(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        overlay(
            """
            methodology:
              framework: scrum
              iteration: 2w
              ceremonies:
                - {id: retro, name: Team retrospective, cadence: 2w, facilitator: sm,
                   participants: [po]}
                - {id: planning, name: Sprint planning, type: planning, facilitator: sm}
            kpis:
              - {id: nps, name: Net promoter score, element: kpis, owner: pm, frequency: monthly,
                 target: {op: ">=", value: 40}}
            """
        ),
    )
    view = view_of(path)
    assert view.methodology is not None
    retro, planning = view.methodology.ceremonies
    assert (retro.type, retro.type_inferred) == ("retrospective", True)
    assert (planning.type, planning.type_inferred) == ("planning", False)
    (nps,) = view.kpis
    assert (nps.category, nps.category_inferred, nps.target) == (
        "customer-satisfaction",
        True,
        ">= 40",
    )
    html = pomkit.report(path, format="html")
    assert html.count("(inferred from the name)") == 2


def test_role_page_lists_work_meetings_handoffs_kpis_and_tiers() -> None:
    view = view_of(ROOT / "examples" / "agile.yaml")
    page = next(p for p in view.roles if p.ref.id == "release-manager")
    accountable = {w.activity.id for w in page.accountable}
    assert {"plan-release-train", "release-notes"} <= accountable
    assert "go-no-go" in {w.activity.id for w in page.responsible}
    assert all(w.activity.anchor == f"activity-{w.activity.id}" for w in page.accountable)
    assert page.team is not None
    assert page.team.id == "platform-team"
    assert page.handoffs_in
    assert page.handoffs_out
    assert all(h.target.id == "release-manager" for h in page.handoffs_in)
    assert page.meetings, "attends ceremonies or rituals"
    agents = next(p for p in view.roles if p.ref.id == "support-agents")
    assert {t.id for t in agents.tiers} == {"tier-1"}
    owners = {k.owner.id for k in view.kpis if k.owner}
    assert any(p.kpis for p in view.roles if p.ref.id in owners)
    head = next(p for p in view.roles if p.ref.id == "head-of-product")
    assert "product-ops-lead" in {r.id for r in head.reports}
    assert any(r.kind == "stage" for r in head.owns)


def test_raci_of_a_small_model_has_a_column_per_role() -> None:
    view = view_of(ROOT / "examples" / "agile.yaml")
    raci = view.raci
    assert raci.level == "roles"
    assert raci.overview is not None
    columns = [c.id for c in raci.overview.columns]
    row = next(r for g in raci.overview.groups for r in g.rows if r.activity.id == "release-notes")
    letters = dict(zip(columns, row.cells, strict=True))
    assert letters["release-manager"] == "A/R"
    assert letters["product-marketing-manager"] == "R"
    assert letters["support-agents"] == "I"
    anchored = [r.anchor for g in raci.overview.groups for r in g.rows]
    assert len(anchored) == len(set(anchored)) == raci.activities
    elements = [g.element for g in raci.overview.groups]
    assert elements == sorted(
        elements,
        key=[
            "strategy",
            "methodology",
            "release",
            "support",
            "feedback",
            "kpis",
            "collaboration",
        ].index,
    )


def test_raci_of_a_large_model_groups_by_team(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_mod, "RACI_ROLE_LIMIT", 10)
    view = view_of(ROOT / "examples" / "agile.yaml")
    raci = view.raci
    assert raci.level == "teams"
    assert raci.overview is not None
    columns = [c.id for c in raci.overview.columns]
    row = next(r for g in raci.overview.groups for r in g.rows if r.activity.id == "release-notes")
    letters = dict(zip(columns, row.cells, strict=True))
    # release-manager (A) and product-marketing-manager (R) sit in different teams.
    assert letters["platform-team"] == "A"
    assert letters["leadership"] == "R"
    assert letters["customer-operations"] == "I"
    platform = next(t for t in raci.by_team if t.team.id == "platform-team")
    assert "release-manager" in [c.id for c in platform.matrix.columns]
    anchored = [r.anchor for g in raci.overview.groups for r in g.rows if r.anchor]
    in_teams = [r.anchor for t in raci.by_team for g in t.matrix.groups for r in g.rows if r.anchor]
    assert len(anchored) == raci.activities
    assert in_teams == []


def test_raci_of_a_huge_model_counts_and_anchors_each_activity_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(build_mod, "RACI_ROLE_LIMIT", 10)
    monkeypatch.setattr(build_mod, "RACI_TEAM_LIMIT", 3)
    view = view_of(ROOT / "examples" / "agile.yaml")
    raci = view.raci
    assert raci.level == "summary"
    assert raci.overview is None
    assert sum(c.activities for c in raci.coverage) == raci.activities
    anchored = [r.anchor for t in raci.by_team for g in t.matrix.groups for r in g.rows if r.anchor]
    assert len(anchored) == len(set(anchored)) == raci.activities


def test_flow_is_drawn_per_team_for_large_models(monkeypatch: pytest.MonkeyPatch) -> None:
    view = view_of(ROOT / "examples" / "agile.yaml")
    flow = view.lifecycle.flow
    assert flow.level == "roles"
    assert flow.overview is not None
    assert [lane.label for lane in flow.overview.lanes][:2] == [
        "Opportunity intake",
        "Problem discovery",
    ]
    owners = [n for n in flow.overview.nodes if "owner" in n.css]
    assert len(owners) == len(view.lifecycle.stages)
    keys = {n.key for n in flow.overview.nodes}
    assert all(e.source in keys and e.target in keys for e in flow.overview.edges)
    assert all(e.points and e.label for e in flow.overview.edges)
    monkeypatch.setattr(build_mod, "FLOW_ROLE_LIMIT", 5)
    monkeypatch.setattr(build_mod, "FLOW_TEAM_LIMIT", 3)
    large = view_of(ROOT / "examples" / "agile.yaml").lifecycle.flow
    assert large.level == "teams"
    assert large.overview is None
    assert large.note
    assert {t.team.id for t in large.by_team} >= {"leadership", "platform-team"}
    platform = next(t for t in large.by_team if t.team.id == "platform-team")
    assert {n.css for n in platform.diagram.nodes} >= {"role", "external"}


def _section(markdown: str, start: str, end: str) -> str:
    return markdown.split(f'<a id="{start}"></a>', 1)[1].split(f'<a id="{end}"></a>', 1)[0]


def test_team_ids_that_are_mermaid_keywords_are_never_node_keys(tmp_path: Path) -> None:
    """`end`, `click`, `style`, `subgraph` and `graph` are valid team ids and Mermaid
    keywords: the team tree, like the other diagrams, keys its nodes n0, n1 …"""
    path = keyword_model(tmp_path / "keywords.yaml")
    tree = view_of(path).teams.tree
    assert tree is not None
    assert all(re.fullmatch(r"n[0-9]+", n.key) for n in tree.nodes)
    assert {n.ref.id for n in tree.nodes if n.ref} >= set(KEYWORD_TEAMS)
    keys = {n.key for n in tree.nodes}
    assert len(tree.edges) == 4
    assert all(e.source in keys and e.target in keys for e in tree.edges)
    (block,) = _FENCE.findall(_section(pomkit.report(path, format="md"), "teams", "raci"))
    lines = block.splitlines()[1:]
    assert all(re.fullmatch(r'  n[0-9]+\["[^"]*"\]|  n[0-9]+ --> n[0-9]+', line) for line in lines)
    assert sum("-->" in line for line in lines) == 4


def test_tree_parts_keep_each_part_small() -> None:
    parents: dict[str, str | None] = {"root": None}
    for c in range(3):
        parents[f"c{c}"] = "root"
        parents.update({f"c{c}-{g}": f"c{c}" for g in range(30)})
    parents.update({f"solo{n}": None for n in range(5)})
    parents.update({"wide": None, **{f"w{n}": "wide" for n in range(130)}})
    parents.update({"loop-a": "loop-b", "loop-b": "loop-a"})
    parts = build_mod.tree_parts(list(parents), parents, 60)
    assert all(len(p.members) <= 60 for p in parts)
    # root (94 teams) is drawn as itself and its direct sub-teams, then a part per sub-team
    assert [p.members for p in parts[:1]] == [["root", "c0", "c1", "c2"]]
    assert parts[0].head
    assert [p.roots for p in parts[1:4]] == [["c0"], ["c1"], ["c2"]]
    # small top-level teams share a part; a team with 130 sub-teams is cut in three
    assert parts[4].roots == [f"solo{n}" for n in range(5)]
    wide = [p for p in parts if p.roots == ["wide"]]
    assert [len(p.members) for p in wide] == [60, 60, 13]
    assert parts[-1].roots == ["loop-a"]
    assert sorted(parts[-1].members) == ["loop-a", "loop-b"]
    drawn = {m for p in parts for m in p.members}
    assert drawn == set(parents), "every team is in a part"
    edges = {(parents[m], m) for p in parts for m in p.members if parents[m] in p.members}
    assert edges == {(up, m) for m, up in parents.items() if up is not None}, "and every link"


@pytest.fixture(scope="module")
def hundred_teams(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    return write(tmp_path_factory.mktemp("bench"), generate(100), "model-100.yaml")


def test_a_large_team_tree_gets_team_level_diagrams_with_a_note(hundred_teams: Path) -> None:
    """Large models get team-level diagrams instead of one unreadable graph: the Markdown
    draws the tree part by part, says why, and loses no team."""
    view = view_of(hundred_teams)
    teams = view.teams
    assert teams.tree is not None
    assert len(teams.tree.nodes) == 101, "the HTML still draws the whole tree"
    assert teams.parts
    assert all(len(d.nodes) <= 60 and d.kind == "team-tree" for d in teams.parts)
    assert {n.ref.id for d in teams.parts for n in d.nodes if n.ref} == {
        t.ref.id for t in teams.teams
    }
    assert teams.note is not None
    assert "101 teams" in teams.note
    assert f"{len(teams.parts)} parts" in teams.note
    section = _section(pomkit.report(hundred_teams, format="md"), "teams", "raci")
    assert teams.note in section
    assert len(_FENCE.findall(section)) == len(teams.parts)
    for diagram in teams.parts:
        assert f"**{md_inline(diagram.title)}**" in section


def test_a_large_escalation_is_listed_with_a_note(hundred_teams: Path) -> None:
    support = view_of(hundred_teams).support
    assert support.escalation is not None
    assert len(support.escalation.nodes) > 60
    assert support.escalation_note is not None
    assert f"{len(support.chains)} escalation paths" in support.escalation_note
    section = _section(pomkit.report(hundred_teams, format="md"), "support", "feedback")
    assert support.escalation_note in section
    assert "```mermaid" not in section
    assert section.count("\n- [") == len(support.chains)
    small = view_of(ROOT / "examples" / "agile.yaml")
    assert (small.support.escalation_note, small.teams.note, small.teams.parts) == (None, None, [])


def test_escalation_paths_follow_the_tiers_and_mark_a_cycle(tmp_path: Path) -> None:
    view = view_of(ROOT / "examples" / "agile.yaml")
    assert [[t.id for t in chain] for chain in view.support.chains] == [
        ["tier-1", "tier-2", "tier-3"]
    ]
    text = overlay(
        """
        support:
          tiers:
            - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
               resolution_time: 2d, escalates_to: tier-2}
            - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h,
               resolution_time: 5d, escalates_to: tier-1}
        """
    )
    cyclic = view_of(write(tmp_path, text))
    assert cyclic.support.escalation is not None
    assert [e.dashed for e in cyclic.support.escalation.edges] == [False, True]
    support = next(e for e in cyclic.health.elements if e.id == "support")
    assert support.level_name == "Silver"
    assert "POM509" in support.next[0].rules
    assert any("escalate in a cycle" in t and "(POM509)" in t for t in support.to_next)


def test_findings_link_to_their_subject_and_a_model_with_errors_still_renders(
    tmp_path: Path,
) -> None:
    text = overlay("").replace(
        "accountable: pm, responsible: [pm], consulted: [po]",
        "accountable: pmm, responsible: [pm], consulted: [po]",
    )
    path = write(tmp_path, text)
    view = view_of(path)
    assert view.cover.status.errors >= 1
    assert view.cover.status.label == "errors"
    errors = next(g for g in view.findings.groups if g.severity == "error")
    unknown = next(f for f in errors.findings if f.code == "POM201")
    assert unknown.subject is not None
    assert unknown.subject.anchor == "activity-set-strategy"
    assert unknown.location == f"{path}:{unknown.line}"
    assert unknown.rule == "unknown-role"
    assert len(view.roles) == 6, "everything that loads is shown"
    html = pomkit.report(path, format="html")
    assert 'class="banner"' in html
    assert f'id="{unknown.anchor}"' in html
    md = pomkit.report(path, format="md")
    assert "This model has" in md
    assert "pmm (undefined)" in md


def _page_ids(text: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', text)


def test_duplicate_ids_get_unique_anchors_and_findings_link_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """mixed.yaml has two feedback loops `user-interviews` (POM106): both are shown, the
    second as `loop-user-interviews-2`; links and the finding go to the first."""
    monkeypatch.chdir(ROOT)
    path = Path("examples") / "invalid" / "mixed.yaml"
    view = view_of(path)
    loops = [loop.ref.anchor for loop in view.feedback if loop.ref.id == "user-interviews"]
    assert loops == ["loop-user-interviews", "loop-user-interviews-2"]
    duplicate = next(f for g in view.findings.groups for f in g.findings if f.code == "POM106")
    assert duplicate.subject is not None
    assert duplicate.subject.anchor == "loop-user-interviews"
    for fmt in ("md", "html"):
        text = pomkit.report(path, format=fmt)
        ids = _page_ids(text)
        assert len(ids) == len(set(ids)), fmt
        assert {"loop-user-interviews", "loop-user-interviews-2"} <= set(ids)
        assert "#loop-user-interviews-2" not in text, "links go to the first"


def test_every_kind_of_duplicate_gets_its_own_anchor(tmp_path: Path) -> None:
    text = overlay(
        """
        kpis:
          - {id: nps, name: NPS, element: kpis, owner: pm, frequency: monthly}
          - {id: nps, name: NPS again, element: kpis, owner: pm, frequency: monthly}
          - {id: nps-2, name: Real NPS 2, element: kpis, owner: pm, frequency: monthly}
        collaboration:
          rituals:
            - {id: sync, name: Sync, cadence: weekly, participants: [pm, po]}
            - {id: sync, name: Sync again, cadence: weekly, participants: [pm, po]}
        """
    )
    ship = "  - {id: ship, activity: Ship releases,"
    text = text.replace(
        ship, "  - {id: ship, activity: Ship again, element: release, accountable: lead}\n" + ship
    )
    view = view_of(write(tmp_path, text))
    assert view.raci.overview is not None
    rows = [r.anchor for g in view.raci.overview.groups for r in g.rows if r.activity.id == "ship"]
    assert sorted(rows) == ["activity-ship", "activity-ship-2"]
    assert [k.ref.anchor for k in view.kpis] == ["kpi-nps", "kpi-nps-3", "kpi-nps-2"]
    rituals = [r.ref.anchor for r in view.collaboration.rituals]
    assert rituals == ["ritual-sync", "ritual-sync-2"]
    for fmt in ("md", "html"):
        ids = _page_ids(pomkit.report(tmp_path / "model.yaml", format=fmt))
        assert len(ids) == len(set(ids)), fmt


@pytest.mark.parametrize(
    ("example", "counts", "banner"),
    [
        ("type-mismatch", "1 error · 4 warnings · 0 infos", "This model has 1 error."),
        ("yaml-problems", "5 errors · 1 warning · 0 infos", "This model has 5 errors."),
    ],
)
def test_status_counts_are_singular_for_one(example: str, counts: str, banner: str) -> None:
    path = ROOT / "examples" / "invalid" / f"{example}.yaml"
    status = view_of(path).cover.status
    assert (status.counts, status.banner) == (counts, banner)
    assert f"· {counts}" in pomkit.report(path, format="md")
    html = pomkit.report(path, format="html")
    assert f"· {counts}" in html
    assert f"<strong>{banner}</strong>" in html
    clean = view_of(ROOT / "examples" / "agile.yaml").cover.status
    assert (clean.counts, clean.banner) == ("0 errors · 0 warnings · 0 infos", None)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1, "hours", "<= 1 hour"),
        (1.0, "days", "<= 1 day"),
        (2, "hours", "<= 2 hours"),
        (1, "deployments per day", "<= 1 deployment per day"),
        (1, "basis points", "<= 1 basis point"),
        (1, "points (1 to 5)", "<= 1 point (1 to 5)"),
        (1, "activities", "<= 1 activity"),
        (1, "batches", "<= 1 batch"),
        (1, "%", "<= 1 %"),
        (1, "ms", "<= 1 ms"),
        (1, "EUR", "<= 1 EUR"),
        (1, "out of 5", "<= 1 out of 5"),
        (1, "status", "<= 1 status"),
        (1, "series", "<= 1 series"),
        (1.5, "hours", "<= 1.5 hours"),
        (1, None, "<= 1"),
    ],
)
def test_a_target_of_one_names_its_unit_in_the_singular(
    value: float, unit: str | None, text: str
) -> None:
    target = Target.model_validate({"op": "<=", "value": value, "unit": unit})
    assert build_mod.target_text(target) == text


def test_role_findings_appear_on_the_role_page(tmp_path: Path) -> None:
    text = overlay("").replace(
        "  - {id: support-lead, title: Support lead, kind: custom, team: core}",
        "  - {id: support-lead, title: Support lead, kind: custom, team: core}\n"
        "  - {id: idle, title: Idle role, kind: custom, team: core}",
    )
    view = view_of(write(tmp_path, text))
    idle = next(p for p in view.roles if p.ref.id == "idle")
    assert "POM303" in {f.code for f in idle.findings}


def test_an_unreadable_file_renders_its_findings(tmp_path: Path) -> None:
    path = write(tmp_path, "apiVersion: pomkit/v1\nkind: [unclosed\n")
    view = view_of(path)
    assert view.cover.readable is False
    assert view.cover.type is None
    assert view.findings.total >= 1
    assert view.health.claims == []
    assert "could not be read" in pomkit.report(path, format="html")


# --------------------------------------------------------------------------- JSON


# (First: regenerating the schema must happen before the examples are checked against it.)
def test_committed_schema_is_generated_from_the_view_model() -> None:
    expected = render_schema()
    current = SCHEMA.read_text(encoding="utf-8")
    if os.environ.get("POMKIT_REGENERATE") and current != expected:
        SCHEMA.write_text(expected, encoding="utf-8")
        pytest.skip("schemas/report-view.schema.json regenerated")
    assert current == expected, (
        "the view model changed: run POMKIT_REGENERATE=1 python -m pytest -q tests/test_report.py"
    )


@pytest.mark.parametrize("example", EVERY_EXAMPLE, ids=_example_id)
def test_view_model_json_matches_the_committed_schema(example: Path) -> None:
    data = json.loads(pomkit.report(example, format="json"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["view_version"] == "1"


# --------------------------------------------------------------------------- golden files


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("POMKIT_REGENERATE"):
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden {name}: run POMKIT_REGENERATE=1 pytest tests/test_report.py"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed: if on purpose, run POMKIT_REGENERATE=1 python -m pytest -q "
        "tests/test_report.py and review the diff"
    )


@pytest.mark.parametrize("example", EVERY_EXAMPLE, ids=_example_id)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_report(example: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every shipped example, valid or not (``invalid/*`` show the error banner, the
    findings appendix and how a broken item is drawn)."""
    monkeypatch.chdir(ROOT)
    text = pomkit.report(example.relative_to(ROOT), format=fmt)
    _golden(f"{_example_id(example)}.{fmt}", text)


def test_every_example_has_its_goldens_and_no_golden_is_stale() -> None:
    expected = {f"{_example_id(e)}.{fmt}" for e in EVERY_EXAMPLE for fmt in ("md", "html")}
    found = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert found == expected


# --------------------------------------------------------------------------- Markdown


def _tables(markdown: str) -> list[tuple[int, list[int]]]:
    """(header width, widths of the body rows) of every table markdown-it finds."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    out: list[tuple[int, list[int]]] = []
    header = 0
    rows: list[int] = []
    cells = 0
    part = ""
    for token in tokens:
        if token.type == "table_open":
            header, rows = 0, []
        elif token.type in ("thead_open", "tbody_open"):
            part = token.type
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            if part == "thead_open":
                header = cells
            else:
                rows.append(cells)
        elif token.type == "table_close":
            out.append((header, rows))
    return out


def _source_rows(markdown: str) -> int:
    return sum(1 for line in markdown.splitlines() if line.startswith("|") and "---" not in line)


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_markdown_tables_keep_their_columns(example: Path) -> None:
    markdown = pomkit.report(example, format="md")
    tables = _tables(markdown)
    assert len(tables) >= 10
    for header, rows in tables:
        assert rows
        assert all(r == header for r in rows)
    parsed = sum(1 + len(rows) for _, rows in tables)
    assert parsed == _source_rows(markdown), "every table line was read as a table row"


def test_hostile_text_cannot_break_markdown(tmp_path: Path) -> None:
    markdown = pomkit.report(hostile_model(tmp_path / "hostile.yaml"), format="md")
    tables = _tables(markdown)
    for header, rows in tables:
        assert all(r == header for r in rows)
    assert sum(1 + len(rows) for _, rows in tables) == _source_rows(markdown)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    html_inline = [
        child.content
        for token in tokens
        for child in token.children or []
        if child.type == "html_inline"
    ]
    html_blocks = [t.content for t in tokens if t.type == "html_block"]
    assert all(re.fullmatch(r'<a id="[a-z0-9-]+">|</a>|<br>', h) for h in html_inline), {
        h for h in html_inline if not re.fullmatch(r'<a id="[a-z0-9-]+">|</a>|<br>', h)
    }
    assert all(re.fullmatch(r'<a id="[a-z0-9-]+"></a>\n', h) for h in html_blocks)
    fences = [t for t in tokens if t.type == "fence"]
    assert {t.info for t in fences} == {"mermaid"}
    links = [
        child.attrs["href"]
        for token in tokens
        for child in token.children or []
        if child.type == "link_open"
    ]
    assert links
    assert all(str(h).startswith("#") for h in links)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert all(t.tag in ("h1", "h2", "h3", "h4") for t in headings)
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert JINJA.replace("{", "&#123;") in rendered or JINJA in rendered


def test_markdown_inline_escaping() -> None:
    assert md_inline("a | b") == "a \\| b"
    assert md_inline("`x` <!-- y -->") == "\\`x\\` \\<\\!-- y --\\>"
    assert md_inline("# title") == "\\# title"
    assert md_inline("- item") == "\\- item"
    assert md_inline("1. one") == "1\\. one"
    assert md_inline("1.10") == "1.10"
    assert md_inline("a\nb\r\nc") == "a<br>b<br>c"
    assert md_inline("[x](javascript:y)") == "\\[x\\](javascript:y)"
    assert md_inline("Head of Product") == "Head of Product"


def test_mermaid_labels_are_entities_outside_plain_text() -> None:
    label = mermaid_label('a "b" <c> | `d` #e; %%f [g] {h}\nnext')
    assert re.fullmatch(r"[\w .,:/()'?+=@#;-]*", label)
    assert '"' not in label
    assert "<" not in label
    assert "`" not in label
    assert "|" not in label
    assert "#34;" in label
    assert "#60;" in label
    assert "#35;" in label
    assert mermaid_label("x" * 80, 10) == "x" * 9 + "#8230;"


def test_anchors_are_stable_and_safe() -> None:
    assert anchor("role", "pm") == "role-pm"
    assert anchor("feedback", "nps-survey") == "loop-nps-survey"
    assert anchor("responsibility", "ship") == "activity-ship"
    assert anchor("role", '"><x') == "role-x"


# --------------------------------------------------------------------------- HTML


def test_html_is_one_self_contained_file_with_a_strict_csp() -> None:
    html = pomkit.report(ROOT / "examples" / "platform.yaml", format="html")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None
    policy = html_mod.unescape(csp.group(1))
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", policy)
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", html), "nothing external"
    assert "@import" not in html
    assert "url(" not in html.replace("url(#arrow-", "")
    assert html.count("<script>") == 1
    assert html.count("<style>") == 1
    assert "<svg" in html
    assert "mermaid" not in html.lower()
    assert "prefers-color-scheme: dark" in html
    assert "@media print" in html


def test_every_shipped_html_template_autoescapes() -> None:
    env = render_mod.environment("html")
    names = [p.name for p in render_mod.shipped_templates().iterdir()]
    html = [n for n in names if not n.endswith(".md.j2")]
    assert {"playbook.html.j2", "cover.html.j2", "playbook.css", "playbook.js"} <= set(html)
    assert all(env.autoescape(n) is True for n in html)  # type: ignore[operator]
    md = render_mod.environment("md")
    assert md.autoescape is False
    assert md.finalize is not None


def test_user_text_is_never_a_template(tmp_path: Path) -> None:
    path = hostile_model(tmp_path / "hostile.yaml")
    view = json.loads(pomkit.report(path, format="json"))
    assert view["cover"]["title"].endswith(JINJA), "JSON keeps the text as written"
    html = pomkit.report(path, format="html")
    assert JINJA in html
    assert "{% if true %}jinja ran{% endif %}" in html
    md = pomkit.report(path, format="md")
    assert "{{ 7\\*7 }}" in md
    assert "{% if true %}jinja ran{% endif %}" in md
    for payload in PAYLOADS[:5]:
        assert payload not in html
    assert 'href="javascript' not in html


# --------------------------------------------------------------------------- templates


def test_templates_override_the_cover_and_still_escape(tmp_path: Path) -> None:
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "cover.html.j2").write_text(
        '<section class="page" id="overview"><h1>ACME · {{ view.cover.title }}</h1>'
        "<p>{{ view.cover.summary }}</p></section>\n",
        encoding="utf-8",
    )
    (folder / "cover.md.j2").write_text(
        '{{ "overview" | anchor_tag }}\n## ACME {{ view.cover.title }}\n\n', encoding="utf-8"
    )
    path = hostile_model(tmp_path / "hostile.yaml")
    html = pomkit.report(path, format="html", templates=folder)
    assert "<h1>ACME · &lt;/title&gt;&lt;script&gt;" in html
    assert 'id="roles"' in html, "the other parts still come from the shipped templates"
    md = pomkit.report(path, format="md", templates=folder)
    assert "## ACME \\<" in md


def test_configuration_names_a_templates_folder(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "cover.md.j2").write_text("## Branded cover\n\n", encoding="utf-8")
    (tmp_path / ".pomkit.yaml").write_text("templates: brand\n", encoding="utf-8")
    path = write(tmp_path, overlay(""))
    code, out, err = invoke("report", str(path))
    assert code == 0, err
    assert "## Branded cover" in out


def test_a_broken_template_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "cover.md.j2").write_text("line one\n{% if %}\n", encoding="utf-8")
    path = write(tmp_path, overlay(""))
    code, out, err = invoke("report", str(path), "--templates", str(folder))
    assert (code, out) == (2, "")
    assert "cover.md.j2:2: template syntax error" in err
    assert "Traceback" not in err
    (folder / "cover.md.j2").write_text("{{ view.no_such_field }}\n", encoding="utf-8")
    code, _, err = invoke("report", str(path), "--templates", str(folder))
    assert code == 2
    assert "cover.md.j2:1" in err
    assert "no_such_field" in err


# --------------------------------------------------------------------------- command line


def test_markdown_goes_to_stdout_by_default() -> None:
    code, out, err = invoke("report", str(ROOT / "examples" / "agile.yaml"))
    assert (code, err) == (0, "")
    assert out.startswith("# Ledgerly Invoicing")


def test_html_is_refused_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(cli, "_is_terminal", lambda: True)
    code, out, err = invoke("report", "--format", "html", str(ROOT / "examples" / "agile.yaml"))
    assert (code, out) == (2, "")
    assert "--output playbook.html" in err
    monkeypatch.setattr(cli, "_is_terminal", lambda: False)
    code, out, _ = invoke("report", "-f", "html", str(ROOT / "examples" / "agile.yaml"))
    assert code == 0
    assert out.startswith("<!doctype html>")


def test_output_suffix_chooses_the_format_and_writes_atomically(tmp_path: Path) -> None:
    source = ROOT / "examples" / "agile.yaml"
    for name, start in (("p.html", "<!doctype html>"), ("p.json", "{"), ("p.md", "# ")):
        code, out, err = invoke("report", str(source), "--output", str(tmp_path / name))
        assert (code, out, err) == (0, "", "")
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.html", "p.json", "p.md"]


def test_never_overwrites_the_input(tmp_path: Path) -> None:
    path = write(tmp_path, overlay(""))
    before = path.read_text(encoding="utf-8")
    code, _, err = invoke("report", str(path), "--output", str(path))
    assert code == 2
    assert "is one of the input files" in err
    assert path.read_text(encoding="utf-8") == before


def test_never_overwrites_the_configuration_file(tmp_path: Path) -> None:
    """The file --config names is an input too, whatever it is called."""
    path = write(tmp_path, overlay(""))
    config = tmp_path / "team.yml"
    config.write_text("fail_on: never\n", encoding="utf-8")
    code, out, err = invoke("report", str(path), "--config", str(config), "--output", str(config))
    assert (code, out) == (2, "")
    assert f"--output {config} is a pomkit configuration file" in err
    assert config.read_text(encoding="utf-8") == "fail_on: never\n"


@pytest.mark.parametrize("chosen_by", ["flag", "configuration"])
def test_never_writes_into_the_templates_folder(tmp_path: Path, chosen_by: str) -> None:
    """The templates in use are inputs of the run: no file in their folder is written,
    whether --templates or the configuration's `templates` chose it."""
    folder = tmp_path / "brand"
    (folder / "parts").mkdir(parents=True)
    cover = folder / "cover.md.j2"
    cover.write_text("## Branded cover\n\n", encoding="utf-8")
    path = write(tmp_path, overlay(""))
    args = ["report", str(path)]
    if chosen_by == "flag":
        args += ["--templates", str(folder)]
    else:
        (tmp_path / ".pomkit.yaml").write_text("templates: brand\n", encoding="utf-8")
    for target in (cover, folder / "new.md", folder / "parts" / "page.md"):
        code, out, err = invoke(*args, "--output", str(target))
        assert (code, out) == (2, ""), target
        assert f"--output {target} is inside the templates folder" in err
        assert "Traceback" not in err
    assert cover.read_text(encoding="utf-8") == "## Branded cover\n\n"
    assert sorted(p.name for p in folder.rglob("*")) == ["cover.md.j2", "parts"]
    code, _, err = invoke(*args, "--output", str(tmp_path / "playbook.md"))
    assert code == 0, err
    assert "## Branded cover" in (tmp_path / "playbook.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "text", "setting"),
    [
        (".pomkit.yaml", "fail_on: never\ntemplates: nope\n", ".pomkit.yaml:2:12: templates"),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.pomkit]\ntemplates = "nope"\n',
            "pyproject.toml:5:13: tool.pomkit.templates",
        ),
    ],
)
def test_a_missing_configured_templates_folder_names_the_configuration(
    tmp_path: Path, name: str, text: str, setting: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    path = write(tmp_path, overlay(""))
    code, out, err = invoke("report", str(path))
    assert (code, out) == (2, "")
    assert f"{tmp_path / setting}: {tmp_path / 'nope'}: no such directory" in err
    assert "--templates" not in err
    assert "Traceback" not in err


def test_fail_on_and_the_configured_fail_level(tmp_path: Path) -> None:
    text = overlay("").replace(
        "accountable: pm, responsible: [pm], consulted: [po]",
        "accountable: pmm, responsible: [pm], consulted: [po]",
    )
    path = write(tmp_path, text)
    assert invoke("report", str(path))[0] == 0, "findings alone do not fail a report"
    assert invoke("report", str(path), "--fail-on", "error")[0] == 1
    assert invoke("report", str(path), "--fail-on", "never")[0] == 0
    configured = tmp_path / "configured"
    configured.mkdir()
    (configured / ".pomkit.yaml").write_text("fail_on: error\n", encoding="utf-8")
    assert invoke("report", str(write(configured, text)))[0] == 1
    config = tmp_path / "other.yaml"
    config.write_text("fail_on: never\n", encoding="utf-8")
    assert invoke("report", str(path), "--config", str(config))[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.yaml"], "missing.yaml"),
        (["examples/agile.yaml", "--templates", "no-such-dir"], "no such directory"),
        (["examples/agile.yaml", "--config", "no-such.yaml"], "no such file"),
        (["examples/agile.yaml", "--format", "pdf"], "pdf"),
        (["examples/"], "one model"),
    ],
)
def test_unusable_input_exits_2_without_a_traceback(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = invoke("report", *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "hostile", sorted((ROOT / "tests" / "corpus" / "hostile").glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_hostile_file_renders_or_exits_2(hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    code, _out, err = invoke("report", str(hostile), "--output", str(target))
    assert code in (0, 2), err
    assert "Traceback" not in err
    assert "internal error" not in err
    if code == 0:
        text = target.read_text(encoding="utf-8")
        assert text.startswith("<!doctype html>")
        assert 'id="findings"' in text


def test_report_from_stdin_and_the_real_cli(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pomkit", "report", "-", "--format", "json"],
        input=(ROOT / "examples" / "lean-startup.yaml").read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["cover"]["file"] == "<stdin>"
    target = tmp_path / "x.html"
    done = run_pomkit("report", str(ROOT / "examples" / "platform.yaml"), "-o", str(target))
    assert done.returncode == 0
    assert (tmp_path / "x.html").stat().st_size > 10_000


def test_library_api(tmp_path: Path) -> None:
    document = pomkit.load(ROOT / "examples" / "agile.yaml")
    html = pomkit.report(document)
    assert html.startswith("<!doctype html>")
    assert api.report(str(ROOT / "examples" / "agile.yaml"), "md").startswith("# ")
    with pytest.raises(ValueError, match="unknown report format"):
        pomkit.report(document, format="pdf")


def test_validate_and_help_do_not_import_report_libraries() -> None:
    code = (
        "import sys\n"
        "from pomkit.cli import app\n"
        "for args in (['--help'], ['validate', 'examples/agile.yaml', '-q']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print([m for m in ('jinja2', 'grandalf', 'pomkit.playbook') if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


# --------------------------------------------------------------------------- scale


def test_a_100_team_model_renders_well_under_20_mb(hundred_teams: Path) -> None:
    path = hundred_teams
    view = view_of(path)
    assert view.raci.level == "teams"
    assert view.lifecycle.flow.level == "teams"
    assert len(view.lifecycle.flow.by_team) >= 100
    html = pomkit.report(path, format="html")
    assert len(html.encode("utf-8")) < 15_000_000
    markdown = pomkit.report(path, format="md")
    for header, rows in _tables(markdown):
        assert all(r == header for r in rows)


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_macro_output_is_markdown_not_escaped_text(example: Path) -> None:
    # The RACI matrix and the role pages are built by template macros; their values are
    # escaped one by one, and the macro's own Markdown (pipes, links) must survive.
    markdown = pomkit.report(example, format="md")
    assert not re.search(r"^\\\|", markdown, re.MULTILINE), "a table printed as escaped text"
    assert "](\\#" not in markdown, "a link printed as escaped text"
    raci = markdown.split('<a id="raci"></a>', 1)[1].split('<a id="roles"></a>', 1)[0]
    header, rows = _tables(raci)[0]
    assert header > 2
    # Every activity is a row of the one matrix (plus a row per element and stage).
    activities = int(re.search(r"(\d+) activities", raci).group(1))  # type: ignore[union-attr]
    assert len(rows) > activities
    tokens = (
        MarkdownIt("commonmark").enable("table").parse(markdown.split('<a id="roles"></a>', 1)[1])
    )
    links = [c for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert any(c.attrs["href"].startswith("#activity-") for c in links)

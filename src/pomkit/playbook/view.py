"""The report's view model: the documented, versioned data every playbook template receives.

Everything a page shows is computed in Python into these records (see
:mod:`pomkit.playbook.build`); templates only format them. ``pomkit report --format json``
writes the same records, and ``schemas/report-view.schema.json`` is generated from them,
so anyone can build their own page or dashboard from a model. Field names are part of
the contract: add fields, do not rename them (a rename bumps :data:`VIEW_VERSION`).
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pomkit.modelkit import empty_list

#: The version of this contract, written into every view as ``view_version``.
VIEW_VERSION = "1"

Tri = bool | None


class View(BaseModel):
    """Base of every record: frozen, and unknown fields are a bug."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Ref(View):
    """A mention of an item of the model: what it is, how to name it, where its section is."""

    kind: str = Field(description="role, team, stage, kpi, goal, ceremony, tier, …")
    id: str
    label: str = Field(description="How the report names it: a title or name, else the id.")
    anchor: str | None = Field(
        None, description="The id of its section (`role-pm`); null when the id is undefined."
    )


# --------------------------------------------------------------------------- diagrams


class Point(View):
    x: float
    y: float


class Lane(View):
    """A column of a diagram (a lifecycle stage in the flow)."""

    label: str
    ref: Ref | None = None
    x: float
    y: float
    width: float
    height: float


class Node(View):
    key: str = Field(description="A generated id, unique in the diagram (`n3`).")
    label: str = Field(description="The label, shortened to fit the box.")
    title: str = Field(description="The full label (a tooltip).")
    ref: Ref | None = None
    lane: int | None = Field(None, description="Index of its lane, if the diagram has lanes.")
    css: str = Field("", description="A style hint: owner, external, team, tier …")
    x: float = Field(description="Left edge.")
    y: float = Field(description="Top edge.")
    width: float
    height: float


class Edge(View):
    source: str = Field(description="The key of the node it starts at.")
    target: str
    label: str = ""
    title: str = ""
    points: list[Point] = Field(
        default_factory=empty_list, description="The polyline, start to end."
    )
    label_at: Point | None = None
    dashed: bool = False


class Diagram(View):
    """A laid-out diagram: boxes, arrows and lanes in pixels (top-left origin)."""

    id: str
    kind: Literal["flow", "team-tree", "escalation"]
    title: str
    direction: Literal["TB", "LR"] = Field(description="How its layers run.")
    width: float
    height: float
    lanes: list[Lane] = Field(default_factory=empty_list)
    nodes: list[Node] = Field(default_factory=empty_list)
    edges: list[Edge] = Field(default_factory=empty_list)


# --------------------------------------------------------------------------- cover


class Status(View):
    errors: int
    warnings: int
    infos: int
    fail_on: str = Field(description="The level findings fail the run at (`never` for none).")
    failed: bool = Field(description="Whether a finding is at or above `fail_on`.")
    label: str = Field(description="`valid`, `valid with warnings`, `errors` …")
    suppressed: int = Field(
        0,
        description="Findings silenced on purpose (waivers and `# pomkit: ignore` comments); "
        "not counted in `errors`, `warnings` or `infos`, listed in `findings.suppressed`.",
    )
    suppressed_text: str = Field(
        "", description="`1 finding waived`, `2 findings silenced by comments` …; empty for none."
    )
    counts: str = Field("", description="The counts in words: `1 error · 4 warnings · 0 infos`.")
    banner: str | None = Field(
        None, description="`This model has 1 error.` when it has errors; null otherwise."
    )


class Cover(View):
    title: str
    name: str
    version: str | None = None
    owner: Ref | None = None
    type: str | None = Field(None, description="Null when the file gives no readable type.")
    archetypes: list[str] = Field(default_factory=empty_list)
    updated: str | None = None
    description: str | None = None
    file: str
    readable: bool = Field(description="False when nothing of the file could be read as a model.")
    status: Status
    summary: str = Field(description="One paragraph about the model, generated from its data.")
    generated_by: str


class Section(View):
    """An entry of the table of contents."""

    id: str
    title: str
    count: int | None = Field(None, description="How many items the section lists.")


# --------------------------------------------------------------------------- health


class Criterion(View):
    """One criterion of a level: a definition of the shared domain layer (the one its rule
    reads), or the absence of the findings of named rules."""

    text: str = Field(description="What it takes.")
    met: Tri = Field(
        description="Null: undecided (what it reads has a structure error, or its rules did "
        "not run because the configuration leaves them out)."
    )
    missing: str = Field("", description="What is missing when it is not met.")
    kind: Literal["declared", "domain", "findings"] = Field(
        "domain",
        description="`declared`: the item is written in the model (the step from Missing to "
        "Bronze, which no rule asks for: every principle and section is optional); "
        "`domain`: a criterion of pomkit.domain, the one the rules in `rules` apply; "
        "`findings`: no finding of the rules in `rules` remains about it (for an element's "
        "Gold, of any rule).",
    )
    rules: list[str] = Field(
        default_factory=empty_list,
        description="The rule codes that explain it (`pomkit explain CODE`): when it is "
        "unmet, those whose findings remain or whose criterion it is. Empty only for "
        "`declared`.",
    )
    waived: list[str] = Field(
        default_factory=empty_list,
        description="Findings of its rules about the item that waivers or comments silenced, "
        "each `message (CODE, waived: reason)`. A waiver removes a finding, not a fact: a "
        "`findings` criterion does not count them, a `domain` criterion stays unmet.",
    )


class Level(View):
    level: int
    name: str
    meaning: str = Field(description="What the level means for a principle or an element.")


class Scorecard(View):
    """The maturity of one principle or element: a level, and what the next one needs.

    Principles: **Missing** — not declared under `principles:` (which is optional);
    **Bronze** — declared; **Silver** — evidenced: its `evidence:` lists items that exist
    and show it (no finding of POM608, POM609, or of any other rule under its entry but
    its POM60x);
    **Gold** — shown: the model meets the principle's criteria in pomkit.domain.principles,
    the ones its POM601–POM607 rule reads.

    Elements: **Missing** — its section is not written; **Bronze** — written; **Silver** —
    owned: a responsibility of that element names an accountable role (no POM304 finding
    about it) and its items name owners (no POM501, POM505 or POM511 finding); **Gold** —
    no error or warning about it remains: none under its section, under a responsibility
    of it, or from the rules about it wherever they point (POM504; POM310; POM509–POM514;
    POM501–POM503; POM505–POM508; POM408).

    A level is reached when every criterion of it and of the levels below is met. A waiver
    (or a `# pomkit: ignore` comment) removes a finding, not a fact: a finding it silenced
    does not count against a `findings` criterion, while a `domain` criterion stays unmet
    and says it was waived (see `waived`).
    """

    id: str
    title: str
    anchor: str | None = None
    declared: bool | None = Field(None, description="Principles: declared under principles:.")
    level: int = Field(description="0 (none) … 3, the highest level whose checks all pass.")
    level_name: str
    next_level: str | None = Field(None, description="The name of the next level, if any.")
    to_next: list[str] = Field(
        default_factory=empty_list,
        description="What is missing to reach the next level, each naming the rules that "
        "explain it (`… (POM511)`).",
    )
    next: list[Criterion] = Field(
        default_factory=empty_list,
        description="The criteria of the next level that are not met (the records of `to_next`).",
    )
    checks: list[Criterion] = Field(
        default_factory=empty_list, description="Every check, each tagged with its level in `text`."
    )
    findings: int = Field(0, description="Findings about it (errors and warnings).")
    waived: int = Field(
        0, description="Findings about it silenced by waivers or comments (they do not count)."
    )


class Claim(View):
    """A claimed type or archetype and whether the model shows it (the POM7xx criteria)."""

    kind: Literal["type", "archetype"]
    value: str
    shown: Tri
    rule: str | None = Field(None, description="The POM7xx rule that checks this claim.")
    criteria: list[Criterion] = Field(default_factory=empty_list)


class Health(View):
    levels: list[Level]
    principles: list[Scorecard]
    elements: list[Scorecard]
    claims: list[Claim]


# --------------------------------------------------------------------------- strategy


class KpiTarget(View):
    kpi: Ref
    target: str | None = None


class GoalView(View):
    ref: Ref
    statement: str
    horizon: str | None = None
    owner: Ref | None = None
    kpis: list[KpiTarget] = Field(default_factory=empty_list)
    measured: Tri = Field(
        None, description="Whether a KPI with a target and a frequency measures it."
    )


class RoadmapItemView(View):
    ref: Ref
    title: str
    status: str
    owner: Ref | None = None
    goals: list[Ref] = Field(default_factory=empty_list)
    hypothesis: str | None = None
    description: str | None = None


class Period(View):
    when: str = Field(description="As written (`2026-Q3`), or `unscheduled`.")
    items: list[RoadmapItemView]


class StrategyView(View):
    vision: str | None = None
    mission: str | None = None
    goals: list[GoalView] = Field(default_factory=empty_list)
    roadmap: list[Period] = Field(default_factory=empty_list)


# --------------------------------------------------------------------------- lifecycle


class HandoffView(View):
    source: Ref
    target: Ref
    artifact: str
    stage: Ref | None = None
    via: Ref | None = None


class StageView(View):
    ref: Ref
    name: str
    phase: str | None = None
    owner: Ref | None = None
    exit_criteria: list[str] = Field(default_factory=empty_list)
    description: str | None = None
    activities: int = Field(0, description="Responsibilities in this stage.")
    handoffs: int = Field(0, description="Handoffs in this stage.")


class TeamDiagram(View):
    team: Ref
    diagram: Diagram


class FlowView(View):
    level: Literal["roles", "teams"] = Field(
        description="What the overview's nodes are: roles, or teams for large models."
    )
    overview: Diagram | None = None
    by_team: list[TeamDiagram] = Field(
        default_factory=empty_list, description="One diagram per team (large models)."
    )
    note: str | None = None
    handoffs: list[HandoffView] = Field(default_factory=empty_list)


class LifecycleView(View):
    stages: list[StageView]
    flow: FlowView


# --------------------------------------------------------------------------- teams and roles


class TeamView(View):
    ref: Ref
    name: str
    type: str
    mission: str | None = None
    parent: Ref | None = None
    children: list[Ref] = Field(default_factory=empty_list)
    roles: list[Ref] = Field(default_factory=empty_list)
    people: int


class TeamsView(View):
    teams: list[TeamView]
    tree: Diagram | None = Field(None, description="The whole team tree (the HTML draws it).")
    parts: list[Diagram] = Field(
        default_factory=empty_list,
        description="When the tree is too big for one Mermaid diagram: the tree in parts that "
        "fit, one per top-level team and the teams under it (small ones share a part; a "
        "large one is drawn as the team and its direct sub-teams, then a part per sub-team). "
        "Empty when `tree` fits. The Markdown playbook draws these.",
    )
    note: str | None = Field(None, description="Why the tree is drawn in `parts`, if it is.")
    without_team: list[Ref] = Field(default_factory=empty_list)


class Work(View):
    """A responsibility as a role page lists it."""

    activity: Ref
    element: str
    stage: Ref | None = None


class Meeting(View):
    ref: Ref
    cadence: str | None = None
    part: Literal["facilitator", "participant"]


class FindingLink(View):
    anchor: str
    code: str
    severity: str
    message: str


class RolePage(View):
    ref: Ref
    title: str
    kind: str
    team: Ref | None = None
    people: int
    reports_to: Ref | None = None
    reports: list[Ref] = Field(default_factory=empty_list, description="Roles that report to it.")
    description: str | None = None
    accountable: list[Work] = Field(default_factory=empty_list)
    responsible: list[Work] = Field(default_factory=empty_list)
    consulted: list[Work] = Field(default_factory=empty_list)
    informed: list[Work] = Field(default_factory=empty_list)
    meetings: list[Meeting] = Field(default_factory=empty_list)
    handoffs_in: list[HandoffView] = Field(default_factory=empty_list)
    handoffs_out: list[HandoffView] = Field(default_factory=empty_list)
    kpis: list[Ref] = Field(default_factory=empty_list, description="KPIs it owns.")
    tiers: list[Ref] = Field(default_factory=empty_list, description="Support tiers it staffs.")
    owns: list[Ref] = Field(
        default_factory=empty_list, description="Stages, goals, loops, release stages … it owns."
    )
    findings: list[FindingLink] = Field(default_factory=empty_list)


# --------------------------------------------------------------------------- RACI


class RaciRow(View):
    activity: Ref
    anchor: str | None = Field(
        None, description="Set on the one row that is the activity's section (`activity-…`)."
    )
    cells: list[str] = Field(description="One entry per column: `A`, `A/R`, `C` … or empty.")


class RaciGroup(View):
    element: str
    stage: Ref | None = None
    rows: list[RaciRow]


class Matrix(View):
    columns: list[Ref]
    groups: list[RaciGroup]


class TeamMatrix(View):
    team: Ref
    matrix: Matrix


class CoverageCell(View):
    element: str
    stage: Ref | None = None
    activities: int


class RaciView(View):
    level: Literal["roles", "teams", "summary"] = Field(
        description="roles: one matrix of roles; teams: a team matrix (the strongest letter "
        "of its roles) and a matrix per team; summary: activity counts and a matrix per team."
    )
    overview: Matrix | None = None
    coverage: list[CoverageCell] = Field(default_factory=empty_list)
    by_team: list[TeamMatrix] = Field(default_factory=empty_list)
    activities: int


# --------------------------------------------------------------------------- elements


class CeremonyView(View):
    ref: Ref
    name: str
    type: str | None = None
    type_inferred: bool = Field(False, description="The type was read from the id or name.")
    cadence: str | None = None
    duration: str | None = None
    facilitator: Ref | None = None
    participants: list[Ref] = Field(default_factory=empty_list)
    team: Ref | None = None
    purpose: str | None = None


class MethodologyView(View):
    framework: str
    iteration: str | None = None
    wip_limit: int | None = None
    ceremonies: list[CeremonyView] = Field(default_factory=empty_list)
    definition_of_done: list[str] = Field(default_factory=empty_list)
    definition_of_ready: list[str] = Field(default_factory=empty_list)


class ReleaseStageView(View):
    ref: Ref
    name: str
    owner: Ref | None = None
    approvers: list[Ref] = Field(default_factory=empty_list)
    automated: bool
    description: str | None = None


class ReleaseView(View):
    strategy: str
    cadence: str | None = None
    versioning: str | None = None
    prioritization: str | None = None
    prioritization_owner: Ref | None = None
    stages: list[ReleaseStageView] = Field(default_factory=empty_list)


class ChannelView(View):
    ref: Ref
    name: str
    hours: str | None = None
    self_service: bool


class TierView(View):
    ref: Ref
    name: str
    owner: Ref | None = None
    channels: list[Ref] = Field(default_factory=empty_list)
    response_time: str | None = None
    resolution_time: str | None = None
    escalates_to: Ref | None = None
    description: str | None = None


class SupportView(View):
    channels: list[ChannelView] = Field(default_factory=empty_list)
    tiers: list[TierView] = Field(default_factory=empty_list)
    escalation: Diagram | None = None
    chains: list[list[Ref]] = Field(
        default_factory=empty_list, description="Each escalation path from a first-line tier."
    )
    escalation_note: str | None = Field(
        None,
        description="Why the Markdown playbook lists the `chains` rather than drawing "
        "`escalation` (too many tiers for one Mermaid diagram); null when it draws them.",
    )


class Feed(View):
    text: str
    ref: Ref | None = None


class LoopView(View):
    ref: Ref
    name: str
    source: str
    channel: str | None = None
    cadence: str | None = None
    owner: Ref | None = None
    feeds: list[Feed] = Field(default_factory=empty_list)
    description: str | None = None


class KpiView(View):
    ref: Ref
    name: str
    element: str
    category: str | None = None
    category_inferred: bool = Field(False, description="The category was read from the id/name.")
    target: str | None = None
    owner: Ref | None = None
    frequency: str | None = None
    goal: Ref | None = None
    principle: Ref | None = None
    description: str | None = None


class RitualView(View):
    ref: Ref
    name: str
    cadence: str | None = None
    participants: list[Ref] = Field(default_factory=empty_list)
    purpose: str | None = None


class CollaborationView(View):
    rituals: list[RitualView] = Field(default_factory=empty_list)
    tools: list[str] = Field(default_factory=empty_list)


class InitiativeView(View):
    ref: Ref
    title: str
    focus: str
    owner: Ref | None = None
    description: str | None = None


class TransformationView(View):
    initiatives: list[InitiativeView] = Field(default_factory=empty_list)
    technologies: list[str] = Field(default_factory=empty_list)


class PrincipleView(View):
    ref: Ref
    description: str | None = None
    practices: list[str] = Field(default_factory=empty_list)
    evidence: list[Feed] = Field(default_factory=empty_list)


# --------------------------------------------------------------------------- findings


class FindingView(View):
    anchor: str
    code: str
    rule: str = Field("", description="The rule's name (`unknown-role`).")
    severity: Literal["error", "warning", "info"]
    file: str
    line: int
    column: int
    location: str = Field(description="`file:line`")
    path: str = Field("", description="The model path, `roles[3].team`.")
    message: str
    hint: str | None = None
    subject: Ref | None = Field(None, description="The item the finding is about.")
    mentions: list[Ref] = Field(
        default_factory=empty_list, description="Other items the message names."
    )


class FindingGroup(View):
    severity: Literal["error", "warning", "info"]
    findings: list[FindingView]


class SuppressedView(View):
    """A finding silenced on purpose: by a waiver (with its reason) or a `# pomkit:` comment."""

    code: str
    rule: str = Field("", description="The rule's name.")
    severity: Literal["error", "warning", "info"]
    location: str = Field(description="`file:line` of the finding.")
    path: str = Field("", description="The model path, `support.tiers[1]`.")
    message: str
    by: Literal["waiver", "comment"]
    reason: str | None = Field(None, description="The waiver's reason (comments give none).")
    at: str | None = Field(None, description="`file:line` of the waiver or comment.")
    subject: Ref | None = Field(None, description="The item the finding is about.")


class FindingsView(View):
    total: int
    groups: list[FindingGroup]
    suppressed: list[SuppressedView] = Field(
        default_factory=empty_list,
        description="Findings silenced by waivers or comments: not in `groups` or `total`.",
    )


# --------------------------------------------------------------------------- the whole


class Playbook(View):
    """The whole view model of one report."""

    view_version: Literal["1"] = Field(description="Version of this data contract.")
    tool_version: str
    cover: Cover
    sections: list[Section] = Field(description="The table of contents, in page order.")
    health: Health
    principles: list[PrincipleView]
    strategy: StrategyView
    lifecycle: LifecycleView
    teams: TeamsView
    roles: list[RolePage]
    raci: RaciView
    methodology: MethodologyView | None = None
    release: ReleaseView | None = None
    support: SupportView
    feedback: list[LoopView]
    kpis: list[KpiView]
    collaboration: CollaborationView
    transformation: TransformationView | None = None
    findings: FindingsView


#: Where the committed schema of the view model lives in the repository.
SCHEMA_FILE = "schemas/report-view.schema.json"


def json_schema() -> dict[str, object]:
    """The JSON Schema of :class:`Playbook` (``schemas/report-view.schema.json``)."""
    schema = Playbook.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://raw.githubusercontent.com/pomkit/pomkit/main/" + SCHEMA_FILE,
        **schema,
        "title": f"pomkit report view model, version {VIEW_VERSION}",
    }


def render_schema() -> str:
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"

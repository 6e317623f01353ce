"""The operating-model contract as Pydantic v2 models, with the seed's vocabularies.

Every field here is part of the file format documented in README.md; the JSON
Schema in ``schemas/`` is generated from these classes. References are typed
with ``Ref`` markers so that one walker (:func:`iter_refs`) finds them all.
"""

import copy
import datetime as dt
import enum
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import CoreSchema, PydanticCustomError
from pydantic_core import core_schema as cs

from pomkit.durations import Duration
from pomkit.modelkit import empty_list
from pomkit.scalars import Plain

API_VERSION = "pomkit/v1"
#: The id pattern as the JSON Schema states it (ECMA-262: ``$`` is the end of the text).
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Always ``fullmatch``: in Python ``$`` also matches before a final newline, and
# ``cto\n`` is not the id ``cto``.
_ID = re.compile(ID_PATTERN)


# --------------------------------------------------------------------------- scalars


def _as_text(value: Any) -> Any:
    return value.text if isinstance(value, Plain) else value


def _as_value(value: Any) -> Any:
    return value.value if isinstance(value, Plain) else value


def _check_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise PydanticCustomError(
            "id_format",
            "{value} is not a valid id: use lowercase letters, digits and single hyphens "
            "(kebab-case), e.g. '{suggestion}'",
            {"value": _shown(value), "suggestion": kebab(value) or "product-manager"},
        )
    return value


def _shown(value: str, limit: int = 60) -> str:
    """``value`` quoted for a message: control characters escaped, long text cut."""
    cut = value[:limit] + ("…" if len(value) > limit else "")
    return repr(cut)


def kebab(text: str) -> str:
    """The nearest kebab-case id for ``text`` (used in hints)."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text).lower())
    return "-".join(words)[:60]


@dataclass(frozen=True)
class Shown:
    """How the README's field reference names a type: one value, and a list of them."""

    one: str
    many: str


@dataclass(frozen=True, eq=False)
class Scalar(Shown):
    """A scalar type's whole Pydantic treatment in one marker: validation, JSON Schema, label.

    Written as ``Annotated[str, BeforeValidator(…), Strict(), AfterValidator(…), …]``,
    Pydantic rebuilds a scalar's schema at every one of the ~180 fields that use it,
    running each marker through its metadata machinery (on Python 3.11 a slow
    runtime-Protocol check per marker, and ``inspect.signature`` per validator). That
    was most of the time ``import pomkit`` took. The core schema is the same; it is
    built directly, once per field.
    """

    build: Callable[[], CoreSchema]
    #: The JSON Schema, when the one Pydantic derives from ``build`` is not the contract.
    json: dict[str, Any] | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> CoreSchema:
        return self.build()

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: Any) -> Any:
        return copy.deepcopy(self.json) if self.json is not None else handler(schema)


def _text_then(inner: Callable[[], CoreSchema]) -> Callable[[], CoreSchema]:
    """A value read as the text the user wrote (a ``Plain`` scalar), then ``inner``."""
    return lambda: cs.no_info_before_validator_function(_as_text, inner())


def _checked_text(check: Callable[[str], str]) -> Callable[[], CoreSchema]:
    """Strict text (a number is not an id), then ``check``."""
    return lambda: cs.no_info_after_validator_function(
        check, cs.no_info_before_validator_function(_as_text, cs.str_schema(strict=True))
    )


_TEXT_SCHEMA = {"type": ["string", "number", "boolean"]}

#: Free text. A number or boolean written here is kept as the text the user wrote.
Text = Annotated[str, Scalar("text", "list of text", _text_then(cs.str_schema), _TEXT_SCHEMA)]
#: A kebab-case identifier, unique within its kind.
Id = Annotated[
    str,
    Scalar(
        "id",
        "list of ids",
        _checked_text(_check_id),
        {"type": "string", "pattern": ID_PATTERN},
    ),
]
#: A whole number ≥ 0 (``minimum`` in the JSON Schema, which editors check).
Count = Annotated[
    int,
    Scalar(
        "whole number ≥ 0",
        "list of whole numbers ≥ 0",
        lambda: cs.no_info_before_validator_function(_as_value, cs.int_schema(ge=0, strict=True)),
    ),
]


def _check_number(value: Any) -> int | float:
    value = _as_value(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")):
            raise PydanticCustomError("finite_number", "a target must be a finite number")
        return value
    raise PydanticCustomError("number_type", "Input should be a number")


Number = Annotated[
    Union[int, float],  # noqa: UP007
    Scalar(
        "number",
        "list of numbers",
        lambda: cs.no_info_plain_validator_function(_check_number),
        {"type": "number"},
    ),
]
Flag = Annotated[
    bool,
    Scalar(
        "`true`/`false`",
        "list of `true`/`false`",
        lambda: cs.no_info_before_validator_function(_as_value, cs.bool_schema(strict=True)),
    ),
]
Day = Annotated[dt.date, Scalar("date", "list of dates", _text_then(cs.date_schema))]


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to an id of ``kind`` (``role``, ``team`` …)."""

    kind: str


RoleRef = Annotated[Id, Ref("role")]
TeamRef = Annotated[Id, Ref("team")]
StageRef = Annotated[Id, Ref("stage")]
GoalRef = Annotated[Id, Ref("goal")]
KpiRef = Annotated[Id, Ref("kpi")]
TierRef = Annotated[Id, Ref("tier")]
CeremonyRef = Annotated[Id, Ref("ceremony")]
ChannelRef = Annotated[Id, Ref("channel")]
#: A role or a team (ritual participants).
MemberRef = Annotated[Id, Ref("member")]

#: Kinds a typed reference (``kpi:nps``) may name, and the id kind each resolves in.
TYPED_REF_KINDS: dict[str, str] = {
    "kpi": "kpi",
    "feedback": "feedback",
    "ceremony": "ceremony",
    "goal": "goal",
    "role": "role",
    "team": "team",
    "stage": "stage",
    "ritual": "ritual",
    "tier": "tier",
    "channel": "channel",
    "roadmap": "roadmap",
    "responsibility": "responsibility",
    "release-stage": "release-stage",
    "principle": "principle",
}
_TYPED = re.compile(r"(?P<kind>[a-z][a-z-]*):(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)")
TYPED_REF_PATTERN = r"^(?:" + "|".join(TYPED_REF_KINDS) + r"):[a-z0-9]+(?:-[a-z0-9]+)*$"


def split_typed(ref: str) -> tuple[str, str]:
    """``"kpi:nps"`` → ``("kpi", "nps")``; the caller has validated the form."""
    kind, _, ident = ref.partition(":")
    return kind, ident


def _check_typed(value: str) -> str:
    match = _TYPED.fullmatch(value)
    if not match or match["kind"] not in TYPED_REF_KINDS:
        raise PydanticCustomError(
            "typed_ref",
            "{value} is not a typed reference; write KIND:ID with KIND one of {kinds}",
            {"value": _shown(value), "kinds": ", ".join(TYPED_REF_KINDS)},
        )
    return value


#: A reference that names its kind: ``kpi:nps``, ``feedback:interviews`` …
TypedRef = Annotated[
    str,
    Scalar(
        "typed reference",
        "list of typed references",
        _checked_text(_check_typed),
        {"type": "string", "pattern": TYPED_REF_PATTERN},
    ),
    Ref("typed"),
]


class FeedTarget(str, enum.Enum):
    """Where a feedback loop can deliver what it learns, besides a typed reference."""

    BACKLOG = "backlog"
    ROADMAP = "roadmap"
    STRATEGY = "strategy"
    DISCOVERY = "discovery"
    RELEASE = "release"
    SUPPORT = "support"


def _check_feed(value: str) -> str:
    if value in _FEED_WORDS:
        return value
    if _TYPED.fullmatch(value) and value.partition(":")[0] in TYPED_REF_KINDS:
        return value
    raise PydanticCustomError(
        "feed_target",
        "{value} is not something a loop can feed: use one of {words} or a typed "
        "reference such as kpi:<id> or goal:<id>",
        {"value": _shown(value), "words": ", ".join(_FEED_WORDS)},
    )


_FEED_WORDS = tuple(t.value for t in FeedTarget)
Feed = Annotated[
    str,
    Scalar(
        "feed target",
        "list of feed targets",
        _checked_text(_check_feed),
        {
            "anyOf": [
                {"type": "string", "enum": list(_FEED_WORDS)},
                {"type": "string", "pattern": TYPED_REF_PATTERN},
            ]
        },
    ),
    Ref("feed"),
]


# --------------------------------------------------------------------------- vocabularies


class ModelType(str, enum.Enum):
    """The seven types of product operating model."""

    CENTRALIZED = "centralized"
    DECENTRALIZED = "decentralized"
    HYBRID = "hybrid"
    PLATFORM = "platform"
    SERVICE_ORIENTED = "service-oriented"
    AGILE = "agile"
    CUSTOMER_CENTRIC = "customer-centric"


class Archetype(str, enum.Enum):
    """The six example models of the seed."""

    AGILE = "agile"
    LEAN_STARTUP = "lean-startup"
    DESIGN_THINKING = "design-thinking"
    PLATFORM = "platform"
    CONTINUOUS_DELIVERY = "continuous-delivery"
    PRODUCT_LED_GROWTH = "product-led-growth"


class PrincipleId(str, enum.Enum):
    """The seven principles an operating model can declare."""

    CUSTOMER_CENTRICITY = "customer-centricity"
    AGILE_AND_ITERATIVE = "agile-and-iterative"
    DATA_DRIVEN = "data-driven"
    CROSS_FUNCTIONAL_COLLABORATION = "cross-functional-collaboration"
    CONTINUOUS_IMPROVEMENT = "continuous-improvement"
    TRANSPARENCY_AND_ACCOUNTABILITY = "transparency-and-accountability"
    SCALABILITY_AND_FLEXIBILITY = "scalability-and-flexibility"


class RoleKind(str, enum.Enum):
    """The eight roles of the seed, or ``custom``."""

    PRODUCT_MANAGER = "product-manager"
    PRODUCT_OWNER = "product-owner"
    DEVELOPMENT_TEAM = "development-team"
    UX_UI_DESIGNER = "ux-ui-designer"
    SCRUM_MASTER = "scrum-master"
    BUSINESS_ANALYST = "business-analyst"
    TECHNICAL_ARCHITECT = "technical-architect"
    PRODUCT_MARKETING_MANAGER = "product-marketing-manager"
    CUSTOM = "custom"


class Element(str, enum.Enum):
    """The seven elements of an operating model (the top-level sections)."""

    STRATEGY = "strategy"
    METHODOLOGY = "methodology"
    RELEASE = "release"
    SUPPORT = "support"
    FEEDBACK = "feedback"
    KPIS = "kpis"
    COLLABORATION = "collaboration"


class Phase(str, enum.Enum):
    """Where a lifecycle stage sits between ideation and retirement."""

    IDEATION = "ideation"
    DISCOVERY = "discovery"
    PLANNING = "planning"
    DEVELOPMENT = "development"
    DELIVERY = "delivery"
    SUPPORT = "support"
    GROWTH = "growth"
    RETIREMENT = "retirement"


class TeamType(str, enum.Enum):
    """Team topologies."""

    STREAM_ALIGNED = "stream-aligned"
    PLATFORM = "platform"
    ENABLING = "enabling"
    COMPLICATED_SUBSYSTEM = "complicated-subsystem"


class Framework(str, enum.Enum):
    SCRUM = "scrum"
    KANBAN = "kanban"
    SCRUMBAN = "scrumban"
    LEAN = "lean"
    SHAPE_UP = "shape-up"
    SAFE = "safe"
    CUSTOM = "custom"


class CeremonyType(str, enum.Enum):
    """What a ceremony is for; principle and archetype checks read it."""

    PLANNING = "planning"
    STANDUP = "standup"
    REVIEW = "review"
    RETROSPECTIVE = "retrospective"
    REFINEMENT = "refinement"
    DEMO = "demo"
    DISCOVERY = "discovery"
    SYNC = "sync"
    OTHER = "other"


class ReleaseStrategy(str, enum.Enum):
    CONTINUOUS_DELIVERY = "continuous-delivery"
    RELEASE_TRAIN = "release-train"
    SCHEDULED = "scheduled"
    ON_DEMAND = "on-demand"


class PrioritizationFramework(str, enum.Enum):
    RICE = "RICE"
    WSJF = "WSJF"
    MOSCOW = "MoSCoW"
    KANO = "Kano"
    CUSTOM = "custom"


class RoadmapStatus(str, enum.Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


class FeedbackSource(str, enum.Enum):
    CUSTOMERS = "customers"
    STAKEHOLDERS = "stakeholders"
    INTERNAL = "internal"
    MARKET = "market"


class Comparison(str, enum.Enum):
    GE = ">="
    LE = "<="
    GT = ">"
    LT = "<"
    EQ = "=="


class KpiCategory(str, enum.Enum):
    """What a KPI measures; principle and archetype checks read it."""

    CUSTOMER_SATISFACTION = "customer-satisfaction"
    ACTIVATION = "activation"
    RETENTION = "retention"
    ENGAGEMENT = "engagement"
    ADOPTION = "adoption"
    GROWTH = "growth"
    REVENUE = "revenue"
    LEAD_TIME = "lead-time"
    DEPLOYMENT_FREQUENCY = "deployment-frequency"
    CHANGE_FAILURE_RATE = "change-failure-rate"
    RECOVERY_TIME = "recovery-time"
    RELIABILITY = "reliability"
    SERVICE_LEVEL = "service-level"
    QUALITY = "quality"
    LEARNING = "learning"
    DELIVERY = "delivery"
    COST = "cost"
    OTHER = "other"


class TransformationFocus(str, enum.Enum):
    """The five ways digital transformation touches the operating model."""

    STRATEGY_ALIGNMENT = "strategy-alignment"
    TECHNOLOGY_INTEGRATION = "technology-integration"
    CULTURE = "culture"
    CUSTOMER_CENTRICITY = "customer-centricity"
    DATA = "data"


# --------------------------------------------------------------------------- sections

#: The meaning of ``renamed_from``, the same on every id-bearing item.
RENAMED_FROM = (
    "The id this item had before a rename: `pomkit diff` reports one rename, not a removal "
    "and an addition."
)


class Section(BaseModel):
    """Base of every mapping in the file: unknown keys are errors, not silence."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        frozen=True,
        use_enum_values=False,
        regex_engine="python-re",
        defer_build=True,
    )


class Metadata(Section):
    name: Id = Field(description="Machine name of the model.")
    title: Text = Field(description="Human title of the product or product line.")
    version: Text | None = Field(
        None, description="Your version of this document (`1.10` stays `1.10`)."
    )
    owner: RoleRef | None = Field(None, description="The role that owns this document.")
    updated: Day | None = Field(None, description="Date of the last review.")
    description: Text | None = Field(None, description="What the document covers.")


class Principle(Section):
    id: PrincipleId = Field(description="Which of the seven principles.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    practices: list[Text] = Field(
        default_factory=empty_list, description="What people do to live it."
    )
    evidence: list[TypedRef] = Field(
        default_factory=empty_list,
        description="What in the model shows it, e.g. `[kpi:nps, feedback:interviews]`.",
    )
    description: Text | None = Field(None, description="The principle in your words.")


class Stage(Section):
    id: Id = Field(description="Stage id, referenced as `stage`.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    name: Text = Field(description="Stage name.")
    owner: RoleRef | None = Field(None, description="The role that owns the stage.")
    phase: Phase | None = Field(
        None,
        description="Where the stage sits; defaults to the id when the id is a phase name.",
    )
    exit_criteria: list[Text] = Field(
        default_factory=empty_list, description="What must be true to leave the stage."
    )
    description: Text | None = Field(None, description="What happens in the stage.")

    @property
    def effective_phase(self) -> Phase | None:
        if self.phase is not None:
            return self.phase
        try:
            return Phase(self.id)
        except ValueError:
            return None


class Lifecycle(Section):
    stages: list[Stage] = Field(
        default_factory=empty_list, description="The stages in order, ideation first."
    )


class Team(Section):
    id: Id = Field(description="Team id.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    name: Text = Field(description="Team name.")
    type: TeamType = Field(description="Team topology.")
    mission: Text | None = Field(None, description="What the team is for.")
    parent: TeamRef | None = Field(None, description="The team this one belongs to.")


class Role(Section):
    id: Id = Field(description="Role id, referenced everywhere a role is named.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    title: Text = Field(description="Job title.")
    kind: RoleKind = Field(description="Which of the eight roles, or `custom`.")
    team: TeamRef | None = Field(None, description="The team the role sits in.")
    people: Count = Field(1, description="How many people fill the role.")
    reports_to: RoleRef | None = Field(None, description="Line manager role.")
    description: Text | None = Field(None, description="What the role does.")


class Responsibility(Section):
    id: Id = Field(description="Activity id.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    activity: Text = Field(description="What is done.")
    element: Element = Field(description="Which of the seven elements it belongs to.")
    stage: StageRef | None = Field(None, description="The lifecycle stage it happens in.")
    accountable: RoleRef = Field(description="The one role that answers for the outcome.")
    responsible: list[RoleRef] = Field(default_factory=empty_list, description="Who does the work.")
    consulted: list[RoleRef] = Field(default_factory=empty_list, description="Who is asked before.")
    informed: list[RoleRef] = Field(default_factory=empty_list, description="Who is told after.")
    description: Text | None = Field(None, description="Details.")


class Handoff(Section):
    id: Id | None = Field(None, description="Optional; handoffs are otherwise known by their ends.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    from_: RoleRef = Field(alias="from", description="The role passing the work on.")
    to: RoleRef = Field(description="The role receiving it.")
    artifact: Text = Field(description="What is handed over.")
    stage: StageRef | None = Field(None, description="The lifecycle stage of the handoff.")
    via: CeremonyRef | None = Field(None, description="The ceremony where the handoff happens.")
    description: Text | None = Field(None, description="Details.")


class Goal(Section):
    id: Id = Field(description="Goal id.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    statement: Text = Field(description="The goal.")
    horizon: Text | None = Field(None, description="When, as you write it (`2027`, `FY26`).")
    owner: RoleRef | None = Field(None, description="Who owns the goal.")
    kpis: list[KpiRef] = Field(default_factory=empty_list, description="The KPIs that measure it.")


class RoadmapItem(Section):
    id: Id = Field(description="Roadmap item id.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    title: Text = Field(description="The item.")
    when: Text | None = Field(None, description="When, as you write it (`2026-Q3`).")
    goals: list[GoalRef] = Field(default_factory=empty_list, description="The goals it serves.")
    status: RoadmapStatus = Field(RoadmapStatus.PLANNED, description="Where it stands.")
    owner: RoleRef | None = Field(None, description="Who owns it.")
    hypothesis: Text | None = Field(
        None, description="What the item tests (an experiment's hypothesis)."
    )
    description: Text | None = Field(None, description="Details.")


class Strategy(Section):
    vision: Text | None = Field(None, description="Where the product is going.")
    mission: Text | None = Field(None, description="Why it exists.")
    goals: list[Goal] = Field(
        default_factory=empty_list, description="What the product aims for, each measured by KPIs."
    )
    roadmap: list[RoadmapItem] = Field(
        default_factory=empty_list, description="What is planned, and for when."
    )


class Ceremony(Section):
    id: Id = Field(description="Ceremony id, referenced by handoffs' `via`.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    name: Text = Field(description="Ceremony name.")
    type: CeremonyType | None = Field(
        None,
        description="What it is for; when not written, read from the id or name (see "
        "[Types and categories read from names](#types-and-categories-read-from-names)).",
    )
    cadence: Duration | None = Field(None, description="How often.")
    facilitator: RoleRef | None = Field(None, description="Who runs it.")
    participants: list[RoleRef] = Field(default_factory=empty_list, description="Who attends.")
    team: TeamRef | None = Field(None, description="The team it belongs to, if only one.")
    duration: Duration | None = Field(None, description="How long one session takes.")
    purpose: Text | None = Field(None, description="Why it exists.")


class Methodology(Section):
    framework: Framework = Field(description="The development framework.")
    iteration: Duration | None = Field(None, description="Sprint or cycle length.")
    ceremonies: list[Ceremony] = Field(
        default_factory=empty_list, description="The framework's recurring meetings."
    )
    definition_of_done: list[Text] = Field(
        default_factory=empty_list, description="The definition of done."
    )
    definition_of_ready: list[Text] = Field(
        default_factory=empty_list, description="The definition of ready."
    )
    wip_limit: Count | None = Field(None, description="Work-in-progress limit.")


class Prioritization(Section):
    framework: PrioritizationFramework = Field(description="The scoring framework.")
    owner: RoleRef | None = Field(None, description="Who decides the order.")


class ReleaseStage(Section):
    id: Id = Field(description="Release stage id.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    name: Text = Field(description="Stage name.")
    owner: RoleRef | None = Field(None, description="Who owns it.")
    approvers: list[RoleRef] = Field(default_factory=empty_list, description="Who must approve.")
    automated: Flag = Field(False, description="Whether it runs without people.")
    description: Text | None = Field(None, description="Details.")


class Release(Section):
    strategy: ReleaseStrategy = Field(description="How releases happen.")
    cadence: Duration | None = Field(None, description="How often.")
    prioritization: Prioritization | None = Field(None, description="How work is prioritized.")
    stages: list[ReleaseStage] = Field(
        default_factory=empty_list, description="The steps a release goes through, in order."
    )
    versioning: Text | None = Field(None, description="Versioning scheme.")


class Channel(Section):
    id: Id = Field(description="Channel id.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    name: Text = Field(description="Channel name.")
    hours: Text | None = Field(None, description="Opening hours (`24/7`).")
    self_service: Flag = Field(False, description="Whether customers help themselves.")


class Tier(Section):
    id: Id = Field(description="Tier id.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    name: Text = Field(description="Tier name.")
    owner: RoleRef | None = Field(None, description="Who staffs it.")
    channels: list[ChannelRef] = Field(
        default_factory=empty_list, description="Channels the tier answers."
    )
    response_time: Duration | None = Field(
        None,
        description="First-response target, counted from when the customer raised the ticket: "
        "an escalated tier's time includes the time spent in the tiers before it.",
    )
    resolution_time: Duration | None = Field(
        None,
        description="Resolution target, counted like `response_time` from when the customer "
        "raised the ticket, so an escalated tier's time includes the tiers before it.",
    )
    escalates_to: TierRef | None = Field(None, description="The next tier.")
    description: Text | None = Field(None, description="Details.")


class Support(Section):
    channels: list[Channel] = Field(
        default_factory=empty_list, description="Where customers ask for help."
    )
    tiers: list[Tier] = Field(
        default_factory=empty_list, description="Support tiers, first line first."
    )


class Loop(Section):
    id: Id = Field(description="Loop id, referenced as `feedback:<id>`.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    name: Text | None = Field(None, description="Loop name.")
    source: FeedbackSource = Field(description="Where the feedback comes from.")
    channel: Text | None = Field(None, description="How it is collected.")
    cadence: Duration | None = Field(None, description="How often.")
    owner: RoleRef | None = Field(None, description="Who runs the loop.")
    feeds: list[Feed] = Field(
        default_factory=empty_list, description="Where what is learned goes: `[backlog, kpi:nps]`."
    )
    description: Text | None = Field(None, description="Details.")


class Feedback(Section):
    loops: list[Loop] = Field(
        default_factory=empty_list,
        description="How what customers and others say reaches decisions.",
    )


class Target(Section):
    op: Comparison = Field(Comparison.GE, description="How the value compares with the target.")
    value: Number = Field(description="The target number.")
    unit: Text | None = Field(None, description="`percent`, `points`, `days`, …")


class Kpi(Section):
    id: Id = Field(description="KPI id.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    name: Text = Field(description="KPI name.")
    element: Element = Field(description="The element it measures.")
    target: Target | None = Field(None, description="The target.")
    owner: RoleRef | None = Field(None, description="Who answers for it.")
    frequency: Duration | None = Field(None, description="How often it is measured.")
    goal: GoalRef | None = Field(None, description="The strategy goal it measures.")
    principle: Annotated[PrincipleId, Ref("principle")] | None = Field(
        None, description="A declared principle it evidences."
    )
    category: KpiCategory | None = Field(
        None,
        description="What it measures; when not written, read from the id or name (see "
        "[Types and categories read from names](#types-and-categories-read-from-names)).",
    )
    description: Text | None = Field(None, description="Details.")


class Ritual(Section):
    id: Id = Field(description="Ritual id.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    name: Text = Field(description="Ritual name.")
    cadence: Duration | None = Field(None, description="How often.")
    participants: list[MemberRef] = Field(default_factory=empty_list, description="Who takes part.")
    purpose: Text | None = Field(None, description="Why it exists.")


class Collaboration(Section):
    rituals: list[Ritual] = Field(
        default_factory=empty_list, description="Recurring meetings across roles and teams."
    )
    tools: list[Text] = Field(default_factory=empty_list, description="Shared tools.")


class Initiative(Section):
    id: Id = Field(description="Initiative id.")
    renamed_from: Id | None = Field(None, description=RENAMED_FROM)
    title: Text = Field(description="The initiative.")
    focus: TransformationFocus = Field(description="Which part of the transformation it serves.")
    owner: RoleRef | None = Field(None, description="Who leads it.")
    description: Text | None = Field(None, description="Details.")


class Transformation(Section):
    initiatives: list[Initiative] = Field(
        default_factory=empty_list, description="What the transformation is made of."
    )
    technologies: list[Text] = Field(
        default_factory=empty_list, description="Technologies being adopted."
    )


class Waiver(Section):
    """A decision to accept a finding on purpose, with a reason and an end date."""

    rule: Text = Field(
        description="The rule waived: a code (`POM301`), a family (`POM3xx`) or a rule's name."
    )
    target: Text = Field(
        "*",
        description="What the waiver covers: a typed reference (`role:cto`) or `*` for all.",
    )
    reason: Text = Field(description="Why the team accepts this.")
    expires: Day | None = Field(None, description="After this date the waiver stops applying.")


class OperatingModel(Section):
    """One product's operating model: the whole file."""

    model_config = ConfigDict(title="pomkit operating model")

    api_version: Literal["pomkit/v1"] = Field(
        alias="apiVersion", description="Version of the file format."
    )
    kind: Literal["OperatingModel"] = Field(description="What the file holds.")
    metadata: Metadata = Field(description="Name, title and ownership of the document.")
    type: ModelType = Field(description="Which of the seven operating-model types this is.")
    archetypes: list[Archetype] = Field(
        default_factory=empty_list, description="The example models this one follows."
    )
    principles: list[Principle] = Field(
        default_factory=empty_list, description="Principles the model declares, with evidence."
    )
    lifecycle: Lifecycle = Field(
        default_factory=Lifecycle, description="The ordered stages from ideation to retirement."
    )
    teams: list[Team] = Field(default_factory=empty_list, description="Teams.")
    roles: list[Role] = Field(default_factory=empty_list, description="Roles, each of a kind.")
    responsibilities: list[Responsibility] = Field(
        default_factory=empty_list,
        description="The RACI: activities and who is accountable, responsible, consulted, "
        "informed.",
    )
    handoffs: list[Handoff] = Field(
        default_factory=empty_list, description="Who passes what to whom."
    )
    strategy: Strategy = Field(default_factory=Strategy, description="Vision, goals, roadmap.")
    methodology: Methodology | None = Field(
        None, description="Development framework and ceremonies."
    )
    release: Release | None = Field(
        None, description="Release strategy, prioritization and release stages."
    )
    support: Support = Field(default_factory=Support, description="Support channels and tiers.")
    feedback: Feedback = Field(default_factory=Feedback, description="Feedback loops.")
    kpis: list[Kpi] = Field(default_factory=empty_list, description="Key performance indicators.")
    collaboration: Collaboration = Field(
        default_factory=Collaboration, description="Cross-functional rituals and tools."
    )
    transformation: Transformation | None = Field(
        None, description="Digital-transformation initiatives."
    )
    waivers: list[Waiver] = Field(
        default_factory=empty_list, description="Findings accepted on purpose."
    )


# --------------------------------------------------------------------------- walking


def _ref_of(annotation: Any) -> tuple[str, bool] | None:
    """(kind, is_list) when ``annotation`` is a reference or a list of them."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *meta = get_args(annotation)
        for item in meta:
            if isinstance(item, Ref):
                return item.kind, False
        return _ref_of(base)
    if origin is list:
        inner = _ref_of(get_args(annotation)[0])
        return (inner[0], True) if inner else None
    if origin is Union or type(annotation).__name__ == "UnionType":
        for arg in get_args(annotation):
            if arg is not type(None):
                found = _ref_of(arg)
                if found:
                    return found
    return None


def _model_of(annotation: Any) -> tuple[type[BaseModel], bool] | None:
    """(model class, is_list) when ``annotation`` holds nested sections."""
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    if origin is list:
        inner = _model_of(get_args(annotation)[0])
        return (inner[0], True) if inner else None
    if origin is Union or type(annotation).__name__ == "UnionType" or origin is Annotated:
        for arg in get_args(annotation):
            found = _model_of(arg)
            if found:
                return found
    return None


def field_annotation(cls: type[BaseModel], name: str) -> Any:
    """The full annotation of a field, markers (:class:`Ref`, :class:`Shown`) included.

    Pydantic moves the ``Annotated`` metadata of a field into ``FieldInfo``; this
    puts it back.
    """
    info = cls.model_fields[name]
    if info.metadata:
        return Annotated.__class_getitem__((info.annotation, *info.metadata))  # type: ignore[attr-defined]
    return info.annotation


@cache
def ref_fields(cls: type[BaseModel]) -> tuple[tuple[str, str, str, bool], ...]:
    """The reference fields of a section: (attribute, YAML key, kind, is_list)."""
    out = []
    for name, info in cls.model_fields.items():
        found = _ref_of(field_annotation(cls, name))
        if found:
            out.append((name, info.alias or name, *found))
    return tuple(out)


@cache
def child_fields(cls: type[BaseModel]) -> tuple[tuple[str, str, bool], ...]:
    """The fields of a section that hold further sections: (attribute, YAML key, is_list)."""
    out = []
    for name, info in cls.model_fields.items():
        found = _model_of(field_annotation(cls, name))
        if found:
            out.append((name, info.alias or name, found[1]))
    return tuple(out)


def field_class(cls: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The section class a field of ``cls`` holds, if any."""
    info = cls.model_fields.get(name)
    if info is None:
        for field_name, field_info in cls.model_fields.items():
            if field_info.alias == name:
                info = cls.model_fields[field_name]
                break
    if info is None:
        return None
    found = _model_of(info.annotation)
    return found[0] if found else None


def yaml_keys(cls: type[BaseModel]) -> list[str]:
    """The keys a user may write in a mapping of this section."""
    return [info.alias or name for name, info in cls.model_fields.items()]


@dataclass(frozen=True)
class RefSite:
    """One reference in the model: where it is, what kind it names, which id."""

    path: tuple[str | int, ...]
    kind: str
    target: str
    owner: BaseModel | None
    #: How messages name the item holding the reference (when ``owner`` is None).
    owner_label: str = ""
    #: ``path`` is a path in the file already (an item left out of the model).
    in_source: bool = False

    @property
    def where(self) -> str:
        return label(self.owner) if self.owner is not None else self.owner_label


def iter_refs(model: OperatingModel) -> Iterator[RefSite]:
    """Every reference in ``model``, with its model path (YAML keys, list indexes)."""
    yield from _walk_refs(model, ())


def _walk_refs(section: BaseModel, path: tuple[str | int, ...]) -> Iterator[RefSite]:
    cls = type(section)
    for attribute, key, kind, is_list in ref_fields(cls):
        value = getattr(section, attribute)
        if value is None:
            continue
        if is_list:
            for i, item in enumerate(value):
                yield RefSite((*path, key, i), kind, _ref_text(item), section)
        else:
            yield RefSite((*path, key), kind, _ref_text(value), section)
    for attribute, key, is_list in child_fields(cls):
        value = getattr(section, attribute)
        if value is None:
            continue
        if is_list:
            for i, item in enumerate(value):
                yield from _walk_refs(item, (*path, key, i))
        else:
            yield from _walk_refs(value, (*path, key))


def _ref_text(value: Any) -> str:
    return value.value if isinstance(value, enum.Enum) else str(value)


def raw_refs(
    cls: type[BaseModel], item: dict[str, Any], path: tuple[str | int, ...]
) -> Iterator[RefSite]:
    """The readable references of a raw item that failed validation (paths in the file).

    Only values that are well-formed ids (or typed references) are returned: a
    malformed one is the structure error's to report.
    """
    ident = item.get("id")
    ident = getattr(ident, "text", ident)
    kind = _LABELS.get(cls.__name__, cls.__name__.lower())
    where = f"{kind} '{ident}'" if isinstance(ident, str) else kind
    for _attribute, key, ref_kind, is_list in ref_fields(cls):
        value = item.get(key)
        values = value if is_list and isinstance(value, list) else [value]
        for i, one in enumerate(values):
            text = getattr(one, "text", one)
            if not isinstance(text, str):
                continue
            if ref_kind in ("typed", "feed"):
                if not (_TYPED.fullmatch(text) or text in _FEED_WORDS):
                    continue
            elif not _ID.fullmatch(text):
                continue
            at = (*path, key, i) if is_list else (*path, key)
            yield RefSite(at, ref_kind, text, None, where, in_source=True)


#: How messages name each kind of item.
KIND_LABELS: dict[str, str] = {
    "kpi": "KPI",
    "feedback": "feedback loop",
    "release-stage": "release stage",
    "roadmap": "roadmap item",
    "member": "role or team",
    "stage": "lifecycle stage",
    "tier": "support tier",
    "channel": "support channel",
}


def kind_label(kind: str) -> str:
    """``kpi`` → ``KPI``, ``feedback`` → ``feedback loop`` …"""
    return KIND_LABELS.get(kind, kind)


#: Where the ids of each kind are defined: kind -> path of the list holding them.
ID_KINDS: dict[str, tuple[str, ...]] = {
    "role": ("roles",),
    "team": ("teams",),
    "stage": ("lifecycle", "stages"),
    "goal": ("strategy", "goals"),
    "roadmap": ("strategy", "roadmap"),
    "kpi": ("kpis",),
    "tier": ("support", "tiers"),
    "channel": ("support", "channels"),
    "ceremony": ("methodology", "ceremonies"),
    "feedback": ("feedback", "loops"),
    "ritual": ("collaboration", "rituals"),
    "responsibility": ("responsibilities",),
    "release-stage": ("release", "stages"),
    "principle": ("principles",),
    "initiative": ("transformation", "initiatives"),
    "handoff": ("handoffs",),
}


def id_lists(root: Any) -> Iterator[tuple[str, tuple[str, ...], list[Any]]]:
    """``(kind, path, items)`` for every list of id-bearing items in ``root``.

    ``root`` is the loader's raw data (dicts and lists) or an :class:`OperatingModel`;
    the one walk over :data:`ID_KINDS` that every index of ids is built from.
    """
    for kind, where in ID_KINDS.items():
        node: Any = root
        for key in where:
            if isinstance(node, dict):
                node = node.get(key)
            elif isinstance(node, BaseModel):
                node = getattr(node, key, None)
            else:
                node = None
        if isinstance(node, list):
            yield kind, where, node


def item_id(item: Any) -> str | None:
    """The id of a raw or validated item, as text (``None`` when it has none)."""
    ident = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
    if isinstance(ident, enum.Enum):
        return str(ident.value)
    ident = getattr(ident, "text", ident)
    return ident if isinstance(ident, str) else None


_LABELS: dict[str, str] = {
    "Role": "role",
    "Team": "team",
    "Stage": "stage",
    "Responsibility": "responsibility",
    "Goal": "goal",
    "RoadmapItem": "roadmap item",
    "Ceremony": "ceremony",
    "ReleaseStage": "release stage",
    "Channel": "channel",
    "Tier": "support tier",
    "Loop": "feedback loop",
    "Kpi": "KPI",
    "Ritual": "ritual",
    "Initiative": "initiative",
    "Principle": "principle",
    "Prioritization": "release prioritization",
    "Metadata": "metadata",
}


def label(section: BaseModel) -> str:
    """How a message names an item: ``role 'pm'``, ``handoff pm → po``, ``metadata``."""
    if isinstance(section, Handoff):
        name = f"handoff {section.from_} → {section.to}"
        return f"{name} ({section.id})" if section.id else name
    kind = _LABELS.get(type(section).__name__, type(section).__name__.lower())
    ident = getattr(section, "id", None)
    if ident is None:
        return kind
    return f"{kind} '{_ref_text(ident)}'"

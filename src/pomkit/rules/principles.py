"""POM6xx: principles — each declared principle is evidenced by the model.

The module also owns the definitions that principle and type checks share (the
POM7xx rules in :mod:`pomkit.rules.types` import them), so that "a customer
KPI" or "an agile framework" means exactly one thing across the catalog:

- **customer KPI**: a KPI whose ``category`` is ``customer-satisfaction``,
  ``activation``, ``retention``, ``engagement`` or ``adoption``, or whose
  ``principle`` is ``customer-centricity``. Nothing is guessed from names.
- **customer loop to backlog or roadmap**: a feedback loop with
  ``source: customers`` whose ``feeds`` include ``backlog`` or ``roadmap``.
- **agile framework**: ``scrum``, ``kanban``, ``scrumban``, ``shape-up`` or
  ``safe``. ``lean`` and ``custom`` do not count (they say nothing about
  iterations). Kanban has no iterations, so iteration-length criteria are
  waived for it.
- **measured KPI**: a KPI with a numeric ``target`` and a ``frequency``.
- **review ceremony**: a ceremony of ``type`` ``review`` or ``demo``;
  **retrospective**: a ceremony of ``type`` ``retrospective``.
- **cross-functional gathering**: a ceremony or ritual whose attendees
  (participants and facilitator, teams expanded to their roles) are roles of
  at least two different kinds, or of at least two different teams.

Everything is computed once per file (:func:`facts`) and shared by the rules.

The rules judge what the model shows, so they wait for a file without load or
structure errors (:func:`incomplete`): the structure check leaves invalid items
and values out of the model, and their absence would be reported as a gap in the
operating model — a second finding for one typo.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pomkit.durations import Duration, parse_seconds
from pomkit.engine import Context, Problem, rule
from pomkit.findings import Severity
from pomkit.graph import Organisation, node
from pomkit.model import (
    ID_KINDS,
    Ceremony,
    CeremonyType,
    FeedbackSource,
    Framework,
    Kpi,
    KpiCategory,
    Loop,
    Methodology,
    OperatingModel,
    Principle,
    PrincipleId,
    TeamType,
    split_typed,
)

# --------------------------------------------------------------------------- definitions

#: KPI categories that measure how customers fare with the product.
CUSTOMER_CATEGORIES = frozenset(
    {
        KpiCategory.CUSTOMER_SATISFACTION,
        KpiCategory.ACTIVATION,
        KpiCategory.RETENTION,
        KpiCategory.ENGAGEMENT,
        KpiCategory.ADOPTION,
    }
)
#: Frameworks that work in short, inspected increments.
AGILE_FRAMEWORKS = frozenset(
    {Framework.SCRUM, Framework.KANBAN, Framework.SCRUMBAN, Framework.SHAPE_UP, Framework.SAFE}
)
#: Agile frameworks without iterations (flow-based): the iteration criterion is waived.
ITERATIONLESS = frozenset({Framework.KANBAN})
REVIEW_TYPES = frozenset({CeremonyType.REVIEW, CeremonyType.DEMO})
RETRO_TYPES = frozenset({CeremonyType.RETROSPECTIVE})
#: Ceremonies of an iterative way of working (evidence for agile-and-iterative).
ITERATION_CEREMONIES = frozenset(
    {
        CeremonyType.PLANNING,
        CeremonyType.STANDUP,
        CeremonyType.REVIEW,
        CeremonyType.DEMO,
        CeremonyType.RETROSPECTIVE,
        CeremonyType.REFINEMENT,
    }
)
#: KPI categories that measure flow (evidence for agile-and-iterative).
FLOW_CATEGORIES = frozenset(
    {KpiCategory.LEAD_TIME, KpiCategory.DEPLOYMENT_FREQUENCY, KpiCategory.DELIVERY}
)
#: Ceremonies where a team inspects what it did and adapts (continuous-improvement evidence).
IMPROVEMENT_CEREMONIES = RETRO_TYPES | REVIEW_TYPES
PLAN_FEEDS = ("backlog", "roadmap")
#: Where a loop's lessons become the next change (continuous-improvement evidence).
IMPROVEMENT_FEEDS = ("backlog", "release")

CUSTOMER_KPI_TEXT = (
    "customer KPI (category customer-satisfaction, activation, retention, engagement "
    "or adoption, or principle: customer-centricity)"
)
CUSTOMER_LOOP_TEXT = "feedback loop with source: customers that feeds backlog or roadmap"
AGILE_FRAMEWORK_TEXT = "scrum, kanban, scrumban, shape-up or safe"

#: Load issues that leave the whole model in place.
KEEPS_CONTENT = frozenset({"POM011"})
#: How many ids a message lists before it says "and N more".
LIST_LIMIT = 5


def is_customer_kpi(kpi: Kpi) -> bool:
    """A KPI about customers: by ``category``, or declared for customer-centricity."""
    return kpi.category in CUSTOMER_CATEGORIES or kpi.principle is PrincipleId.CUSTOMER_CENTRICITY


def is_measured(kpi: Kpi) -> bool:
    """A KPI with a numeric target and a frequency."""
    return kpi.target is not None and kpi.frequency is not None


def feeds_any(loop: Loop, targets: Iterable[str]) -> bool:
    return any(target in loop.feeds for target in targets)


def is_customer_plan_loop(loop: Loop) -> bool:
    """A loop from customers that reaches the backlog or the roadmap."""
    return loop.source is FeedbackSource.CUSTOMERS and feeds_any(loop, PLAN_FEEDS)


def is_agile_framework(framework: Framework) -> bool:
    return framework in AGILE_FRAMEWORKS


def names(ids: Iterable[str], limit: int = LIST_LIMIT) -> str:
    """``'a', 'b' and 3 more`` — ids quoted, long lists cut."""
    items = list(dict.fromkeys(ids))
    shown = ", ".join(f"'{i}'" for i in items[:limit])
    if len(items) > limit:
        return f"{shown} and {len(items) - limit} more"
    return shown


def duration_option(options: Mapping[str, Any], key: str, default: str) -> Duration:
    """A duration option (``"4w"``); an unreadable value falls back to the default."""
    value = options.get(key, default)
    text = str(getattr(value, "text", value))
    return Duration(text) if parse_seconds(text) is not None else Duration(default)


def number_option(options: Mapping[str, Any], key: str, default: float) -> float:
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value)


def iteration_gap(methodology: Methodology | None, longest: Duration) -> list[str]:
    """What keeps a methodology from being agile and iterative, as message parts.

    An agile framework, and for frameworks with iterations an ``iteration`` no
    longer than ``longest``.
    """
    if methodology is None:
        return ["no methodology section (framework, iteration, ceremonies)"]
    missing: list[str] = []
    framework = methodology.framework
    if not is_agile_framework(framework):
        missing.append(
            f"framework '{framework.value}' is not an agile framework ({AGILE_FRAMEWORK_TEXT})"
        )
    if framework not in ITERATIONLESS:
        if methodology.iteration is None:
            missing.append("no iteration length (methodology.iteration)")
        elif methodology.iteration > longest:
            missing.append(f"iteration {methodology.iteration} is longer than {longest}")
    return missing


# --------------------------------------------------------------------------- facts


@dataclass
class Facts:
    """Indexes and derived sets over one model, built once per file."""

    model: OperatingModel
    org: Organisation
    #: kind (``kpi``, ``feedback`` …) → id → item, first definition wins.
    items: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    customer_kpis: list[str] = field(default_factory=list)
    customer_plan_loops: list[str] = field(default_factory=list)
    measured_kpis: set[str] = field(default_factory=set)
    #: goal id → KPIs that measure it (``goal.kpis`` and ``kpi.goal`` both count).
    goal_kpis: dict[str, set[str]] = field(default_factory=dict)
    reviews: list[str] = field(default_factory=list)
    retrospectives: list[str] = field(default_factory=list)
    #: ``ceremony:<id>`` / ``ritual:<id>`` nodes joining two kinds or two teams.
    cross_gatherings: set[str] = field(default_factory=set)
    #: ``ritual:<id>`` nodes attended by roles of two or more teams.
    cross_team_rituals: set[str] = field(default_factory=set)
    #: role → number of responsibilities it is accountable for.
    accountable_count: Counter[str] = field(default_factory=Counter)
    #: teams (by id) with a role of their own accountable for something.
    deciding_teams: set[str] = field(default_factory=set)
    stream_aligned: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, model: OperatingModel, org: Organisation) -> Facts:
        facts = cls(model, org)
        for kind, where in ID_KINDS.items():
            found: Any = model
            for key in where:
                found = getattr(found, key, None) if found is not None else None
            index: dict[str, BaseModel] = {}
            for item in found or ():
                ident = getattr(item, "id", None)
                if ident is not None:
                    index.setdefault(getattr(ident, "value", ident), item)
            facts.items[kind] = index
        for kpi in model.kpis:
            if is_customer_kpi(kpi):
                facts.customer_kpis.append(kpi.id)
            if is_measured(kpi):
                facts.measured_kpis.add(kpi.id)
        for goal in model.strategy.goals:
            facts.goal_kpis.setdefault(goal.id, set()).update(goal.kpis)
        for kpi in model.kpis:
            if kpi.goal is not None:
                facts.goal_kpis.setdefault(kpi.goal, set()).add(kpi.id)
        for loop in model.feedback.loops:
            if is_customer_plan_loop(loop):
                facts.customer_plan_loops.append(loop.id)
        if model.methodology is not None:
            for ceremony in model.methodology.ceremonies:
                if ceremony.type in REVIEW_TYPES:
                    facts.reviews.append(ceremony.id)
                if ceremony.type in RETRO_TYPES:
                    facts.retrospectives.append(ceremony.id)
        for gathering, people in org.attendees.items():
            if is_cross_functional(org, people):
                facts.cross_gatherings.add(gathering)
            if gathering.startswith("ritual:") and spans_teams(org, people):
                facts.cross_team_rituals.add(gathering)
        for item in model.responsibilities:
            facts.accountable_count[item.accountable] += 1
            team = org.team_of.get(item.accountable)
            if team is not None:
                facts.deciding_teams.add(team)
        facts.stream_aligned = [t.id for t in model.teams if t.type is TeamType.STREAM_ALIGNED]
        return facts

    def item(self, kind: str, ident: str) -> BaseModel | None:
        return self.items.get(kind, {}).get(ident)

    def kpi(self, ident: str) -> Kpi | None:
        found = self.item("kpi", ident)
        return found if isinstance(found, Kpi) else None

    def overloaded(self, max_share: float, min_responsibilities: int) -> list[tuple[str, int]]:
        """Roles accountable for more than ``max_share`` of all responsibilities.

        Only models with at least ``min_responsibilities`` responsibilities are judged:
        in a small model one role naturally holds a large share.
        """
        total = len(self.model.responsibilities)
        if total < max(min_responsibilities, 1):
            return []
        return [
            (role, count)
            for role, count in self.accountable_count.most_common()
            if count / total > max_share and role in self.org.roles
        ]


def is_cross_functional(org: Organisation, people: Iterable[str]) -> bool:
    """Whether these roles are of at least two kinds or at least two teams."""
    kinds: set[str] = set()
    teams: set[str] = set()
    for who in people:
        kind = org.kind_of(who)
        if kind is not None:
            kinds.add(kind)
        team = org.team_of.get(who)
        if team is not None:
            teams.add(team)
        if len(kinds) > 1 or len(teams) > 1:
            return True
    return False


def spans_teams(org: Organisation, people: Iterable[str]) -> bool:
    """Whether these roles belong to at least two teams."""
    teams: set[str] = set()
    for who in people:
        team = org.team_of.get(who)
        if team is not None:
            teams.add(team)
            if len(teams) > 1:
                return True
    return False


def incomplete(ctx: Context) -> bool:
    """Whether the loader or the structure check left part of the file out of the model.

    Then a missing criterion may only be an item dropped for a structure error, so the
    POM6xx and POM7xx rules stay silent until the file is structurally valid.
    """
    # Hidden characters (POM011) are reported but drop nothing from the model.
    dropped = any(issue.code not in KEEPS_CONTENT for issue in ctx.source.issues)
    return dropped or (ctx.structure is not None and bool(ctx.structure.issues))


def facts(ctx: Context) -> Facts:
    """The shared facts of this file (built on first use, then reused by every rule)."""
    found: Facts = ctx.derived("principle-facts", lambda: Facts.build(ctx.model, ctx.org))
    return found


# --------------------------------------------------------------------------- evidence

#: Whether an existing item of a kind supports a principle.
Supports = Callable[[Facts, BaseModel], bool]


def _always(facts: Facts, item: BaseModel) -> bool:
    return True


def _owned(facts: Facts, item: BaseModel) -> bool:
    return getattr(item, "owner", None) is not None


def _customer_loop(facts: Facts, item: BaseModel) -> bool:
    return isinstance(item, Loop) and item.source is FeedbackSource.CUSTOMERS


def _customer_kpi(facts: Facts, item: BaseModel) -> bool:
    return isinstance(item, Kpi) and is_customer_kpi(item)


def _iteration_ceremony(facts: Facts, item: BaseModel) -> bool:
    return isinstance(item, Ceremony) and item.type in ITERATION_CEREMONIES


def _flow_kpi(facts: Facts, item: BaseModel) -> bool:
    return isinstance(item, Kpi) and (
        item.category in FLOW_CATEGORIES or item.principle is PrincipleId.AGILE_AND_ITERATIVE
    )


def _measured_kpi(facts: Facts, item: BaseModel) -> bool:
    return isinstance(item, Kpi) and is_measured(item)


def _measured_goal(facts: Facts, item: BaseModel) -> bool:
    ident = getattr(item, "id", "")
    return any(k in facts.measured_kpis for k in facts.goal_kpis.get(ident, ()))


def _measuring_loop(facts: Facts, item: BaseModel) -> bool:
    return isinstance(item, Loop) and any(f.startswith("kpi:") for f in item.feeds)


def _cross_ceremony(facts: Facts, item: BaseModel) -> bool:
    return node("ceremony", getattr(item, "id", "")) in facts.cross_gatherings


def _improvement_ceremony(facts: Facts, item: BaseModel) -> bool:
    return isinstance(item, Ceremony) and item.type in IMPROVEMENT_CEREMONIES


def _improvement_loop(facts: Facts, item: BaseModel) -> bool:
    return isinstance(item, Loop) and feeds_any(item, IMPROVEMENT_FEEDS)


def _cross_team_ritual(facts: Facts, item: BaseModel) -> bool:
    return node("ritual", getattr(item, "id", "")) in facts.cross_team_rituals


def _principle_kpi(principle: PrincipleId) -> Supports:
    def supports(facts: Facts, item: BaseModel) -> bool:
        return isinstance(item, Kpi) and item.principle is principle

    return supports


def _either(*tests: Supports) -> Supports:
    def supports(facts: Facts, item: BaseModel) -> bool:
        return any(test(facts, item) for test in tests)

    return supports


def _self_service(facts: Facts, item: BaseModel) -> bool:
    return bool(getattr(item, "self_service", False))


def _automated(facts: Facts, item: BaseModel) -> bool:
    return bool(getattr(item, "automated", False))


_P = PrincipleId


@dataclass(frozen=True)
class Counts:
    """One kind of evidence that counts for a principle."""

    test: Supports
    #: As the hint writes it: ``ceremony:<type retrospective>``.
    ref: str
    #: As the message writes it: ``a ceremony of type retrospective``.
    phrase: str


def _counts(test: Supports, ref: str, phrase: str) -> Counts:
    return Counts(test, ref, phrase)


_OWNED = "that names an owner"
#: Per principle: evidence kind → what of that kind counts.
EVIDENCE: dict[PrincipleId, dict[str, Counts]] = {
    _P.CUSTOMER_CENTRICITY: {
        "feedback": _counts(
            _customer_loop, "feedback:<loop from customers>", "a loop with source: customers"
        ),
        "kpi": _counts(_customer_kpi, "kpi:<customer KPI>", f"a {CUSTOMER_KPI_TEXT}"),
    },
    _P.AGILE_AND_ITERATIVE: {
        "ceremony": _counts(
            _iteration_ceremony,
            "ceremony:<planning, standup, refinement, review, demo or retrospective>",
            "a ceremony of type planning, standup, refinement, review, demo or retrospective",
        ),
        "kpi": _counts(
            _flow_kpi,
            "kpi:<flow KPI>",
            "a KPI of category lead-time, deployment-frequency or delivery, or with "
            "principle: agile-and-iterative",
        ),
    },
    _P.DATA_DRIVEN: {
        "kpi": _counts(
            _measured_kpi, "kpi:<with target and frequency>", "a KPI with a target and a frequency"
        ),
        "goal": _counts(
            _measured_goal,
            "goal:<measured>",
            "a goal measured by a KPI with a target and a frequency",
        ),
        "feedback": _counts(
            _measuring_loop, "feedback:<loop feeding a KPI>", "a loop that feeds a kpi:"
        ),
    },
    _P.CROSS_FUNCTIONAL_COLLABORATION: {
        "ritual": _counts(_always, "ritual:<any>", "a ritual"),
        "ceremony": _counts(
            _cross_ceremony,
            "ceremony:<cross-functional>",
            "a ceremony attended by roles of two kinds or two teams",
        ),
        "kpi": _counts(
            _principle_kpi(_P.CROSS_FUNCTIONAL_COLLABORATION),
            "kpi:<with this principle>",
            "a KPI with principle: cross-functional-collaboration",
        ),
    },
    _P.CONTINUOUS_IMPROVEMENT: {
        "ceremony": _counts(
            _improvement_ceremony,
            "ceremony:<retrospective, review or demo>",
            "a ceremony of type retrospective, review or demo",
        ),
        "feedback": _counts(
            _improvement_loop,
            "feedback:<loop feeding backlog or release>",
            "a loop that feeds backlog or release",
        ),
        "kpi": _counts(
            _principle_kpi(_P.CONTINUOUS_IMPROVEMENT),
            "kpi:<with this principle>",
            "a KPI with principle: continuous-improvement",
        ),
    },
    _P.TRANSPARENCY_AND_ACCOUNTABILITY: {
        "responsibility": _counts(_always, "responsibility:<any>", "a responsibility"),
        "role": _counts(_always, "role:<any>", "a role"),
        "ritual": _counts(
            _cross_team_ritual,
            "ritual:<across teams>",
            "a ritual attended by roles of two or more teams",
        ),
        "kpi": _counts(
            _either(_owned, _principle_kpi(_P.TRANSPARENCY_AND_ACCOUNTABILITY)),
            "kpi:<owned>",
            f"a KPI {_OWNED}",
        ),
        "goal": _counts(_owned, "goal:<owned>", f"a goal {_OWNED}"),
        "roadmap": _counts(_owned, "roadmap:<owned>", f"a roadmap item {_OWNED}"),
        "stage": _counts(_owned, "stage:<owned>", f"a lifecycle stage {_OWNED}"),
        "tier": _counts(_owned, "tier:<owned>", f"a support tier {_OWNED}"),
        "release-stage": _counts(_owned, "release-stage:<owned>", f"a release stage {_OWNED}"),
        "feedback": _counts(_owned, "feedback:<owned>", f"a feedback loop {_OWNED}"),
    },
    _P.SCALABILITY_AND_FLEXIBILITY: {
        "team": _counts(_always, "team:<any>", "a team"),
        "role": _counts(_always, "role:<any>", "a role"),
        "channel": _counts(
            _self_service, "channel:<self-service>", "a support channel with self_service: true"
        ),
        "release-stage": _counts(
            _automated, "release-stage:<automated>", "a release stage with automated: true"
        ),
        "kpi": _counts(
            _principle_kpi(_P.SCALABILITY_AND_FLEXIBILITY),
            "kpi:<with this principle>",
            "a KPI with principle: scalability-and-flexibility",
        ),
    },
}

_KIND_WORDS = {
    "kpi": "KPI",
    "feedback": "feedback loop",
    "release-stage": "release stage",
    "roadmap": "roadmap item",
    "tier": "support tier",
    "channel": "support channel",
    "stage": "lifecycle stage",
}


def counts_as(principle: PrincipleId) -> str:
    """The evidence that counts for ``principle``, for messages and hints."""
    return ", ".join(counts.ref for counts in EVIDENCE[principle].values())


def why_not(principle: PrincipleId, ref: str) -> str:
    """Why ``ref`` (which exists) does not count for ``principle``, for the message."""
    kind, ident = split_typed(ref)
    what = _KIND_WORDS.get(kind, kind)
    counts = EVIDENCE[principle].get(kind)
    if counts is None:
        return f"a {what} does not count as evidence of it"
    return f"{what} '{ident}' is not {counts.phrase}"


def supports(facts: Facts, principle: PrincipleId, ref: str) -> bool | None:
    """Whether the typed reference ``ref`` supports ``principle``.

    ``None`` when the reference names nothing that exists (POM2xx reports that).
    """
    kind, ident = split_typed(ref)
    item = facts.item(kind, ident)
    if item is None:
        return None
    found = EVIDENCE[principle].get(kind)
    return found is not None and found.test(facts, item)


def candidates(facts: Facts, principle: PrincipleId, limit: int = 3) -> list[str]:
    """Up to ``limit`` references in the model that would evidence ``principle``."""
    out: list[str] = []
    for kind, counts in EVIDENCE[principle].items():
        for ident, item in facts.items.get(kind, {}).items():
            if counts.test(facts, item):
                out.append(f"{kind}:{ident}")
                if len(out) >= limit:
                    return out
    return out


# --------------------------------------------------------------------------- rules


def declared(model: OperatingModel, principle: PrincipleId) -> Iterator[tuple[int, Principle]]:
    """The declarations of ``principle`` under ``principles:``, with their index."""
    for i, item in enumerate(model.principles):
        if item.id is principle:
            yield i, item


def _report(
    ctx: Context, principle: PrincipleId, missing: list[str], hint: str
) -> Iterator[Problem]:
    if not missing:
        return
    for i, _ in declared(ctx.model, principle):
        yield Problem(
            ("principles", i),
            f"principle '{principle.value}' is declared but the model does not show it: "
            + "; ".join(missing),
            hint,
        )


def _any_declared(ctx: Context, principle: PrincipleId) -> bool:
    """Whether the rule for ``principle`` applies: declared, in a structurally valid file."""
    return not incomplete(ctx) and any(True for _ in declared(ctx.model, principle))


@rule(
    "POM601",
    "customer-centricity-not-shown",
    Severity.WARNING,
    "Customer-centricity is declared, but no customer loop reaches the backlog or no "
    "customer KPI is measured.",
    bad="""
    principles:
      - {id: customer-centricity, evidence: [feedback:interviews]}
    feedback:
      loops:
        - {id: interviews, source: customers, owner: po, feeds: [discovery]}
    """,
    good="""
    principles:
      - {id: customer-centricity, evidence: [feedback:interviews, kpi:weekly-active-teams]}
    feedback:
      loops:
        - {id: interviews, source: customers, owner: po, feeds: [discovery, backlog]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         category: engagement, target: {op: ">=", value: 500}, owner: pm,
         frequency: weekly, goal: grow-usage}
    """,
)
def customer_centricity_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **customer-centricity** must show that what customers say
    changes what gets built, and that how customers fare is measured.

    Criteria (both must hold):

    - a **customer loop to backlog or roadmap**: a feedback loop with
      ``source: customers`` whose ``feeds`` include ``backlog`` or ``roadmap``;
    - a **customer KPI**: a KPI with ``category`` ``customer-satisfaction``,
      ``activation``, ``retention``, ``engagement`` or ``adoption``, or with
      ``principle: customer-centricity``. Names are not guessed from: an NPS KPI
      without a category or principle does not count.

    Reported at the principle. Add what is missing: route a customer loop into the
    backlog or roadmap, give a customer-facing KPI its ``category``.

    Not checked while the file has load or structure errors: they are reported first."""
    principle = PrincipleId.CUSTOMER_CENTRICITY
    if not _any_declared(ctx, principle):
        return
    f = facts(ctx)
    missing = []
    if not f.customer_plan_loops:
        missing.append(f"no {CUSTOMER_LOOP_TEXT}")
    if not f.customer_kpis:
        missing.append(f"no {CUSTOMER_KPI_TEXT}")
    yield from _report(
        ctx,
        principle,
        missing,
        "add backlog or roadmap to the feeds of a loop from customers, and give a KPI "
        "about customers its category (e.g. category: customer-satisfaction)",
    )


@rule(
    "POM602",
    "agile-and-iterative-not-shown",
    Severity.WARNING,
    "Agile and iterative is declared, but the methodology lacks an agile framework, a short "
    "iteration or a review.",
    bad="""
    principles:
      - {id: agile-and-iterative, evidence: [ceremony:planning]}
    methodology:
      framework: lean
      iteration: 6w
      ceremonies:
        - {id: planning, name: Planning, type: planning, cadence: 6w, facilitator: sm,
           participants: [po, devs]}
    """,
    good="""
    principles:
      - {id: agile-and-iterative, evidence: [ceremony:review]}
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: review, name: Sprint review, type: review, cadence: 2w, facilitator: po,
           participants: [devs, pm]}
    """,
    options={"max_iteration": "4w"},
)
def agile_and_iterative_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **agile-and-iterative** must work in short, inspected
    increments.

    Criteria (all must hold):

    - an **agile framework**: ``methodology.framework`` is ``scrum``, ``kanban``,
      ``scrumban``, ``shape-up`` or ``safe`` (``lean`` and ``custom`` do not count);
    - an ``iteration`` of at most ``max_iteration`` (default ``4w``). Kanban has no
      iterations, so this criterion is waived for ``kanban``;
    - a **review ceremony**: a ceremony of ``type`` ``review`` or ``demo``, where the
      increment is shown and the plan adapted.

    Reported at the principle, listing what is missing.

    Not checked while the file has load or structure errors: they are reported first."""
    principle = PrincipleId.AGILE_AND_ITERATIVE
    if not _any_declared(ctx, principle):
        return
    f = facts(ctx)
    longest = duration_option(ctx.options, "max_iteration", "4w")
    missing = iteration_gap(ctx.model.methodology, longest)
    if not f.reviews:
        missing.append("no review ceremony (type review or demo)")
    yield from _report(
        ctx,
        principle,
        missing,
        f"use an agile framework ({AGILE_FRAMEWORK_TEXT}) with iterations of {longest} or "
        "less and a ceremony of type review, or drop the principle",
    )


@rule(
    "POM603",
    "data-driven-not-shown",
    Severity.WARNING,
    "Data-driven is declared, but a goal has no KPI with a target and a frequency.",
    bad="""
    principles:
      - {id: data-driven, evidence: [kpi:weekly-active-teams]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis, owner: pm,
         goal: grow-usage}
    """,
    good="""
    principles:
      - {id: data-driven, evidence: [kpi:weekly-active-teams]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis, owner: pm,
         target: {op: ">=", value: 500, unit: teams}, frequency: weekly, goal: grow-usage}
    """,
)
def data_driven_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **data-driven** decision-making must measure what it aims
    for.

    Criteria: there is at least one goal under ``strategy.goals``, and **every** goal
    is measured by a KPI with a numeric ``target`` and a ``frequency``. A KPI measures
    a goal when the goal lists it in ``kpis`` or the KPI names the goal in ``goal``
    (either direction counts).

    Reported at the principle, naming the goals that lack such a KPI.

    Not checked while the file has load or structure errors: they are reported first."""
    principle = PrincipleId.DATA_DRIVEN
    if not _any_declared(ctx, principle):
        return
    f = facts(ctx)
    goals = ctx.model.strategy.goals
    missing = []
    if not goals:
        missing.append("no goal under strategy.goals")
    unmeasured = [
        g.id for g in goals if not any(k in f.measured_kpis for k in f.goal_kpis.get(g.id, ()))
    ]
    if unmeasured:
        missing.append(
            f"goal{'s' if len(unmeasured) > 1 else ''} {names(unmeasured)} "
            "without a KPI that has a target and a frequency"
        )
    yield from _report(
        ctx,
        principle,
        missing,
        "give every goal a KPI (goal.kpis or kpi.goal) with target: {op, value} and a frequency",
    )


@rule(
    "POM604",
    "collaboration-not-shown",
    Severity.WARNING,
    "Cross-functional collaboration is declared, but no ritual or ceremony joins different "
    "kinds of role or different teams.",
    bad="""
    principles:
      - {id: cross-functional-collaboration, evidence: [ritual:dev-sync]}
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: devs,
           participants: [devs]}
    collaboration:
      rituals:
        - {id: dev-sync, name: Developer sync, cadence: weekly, participants: [devs]}
    """,
    good="""
    principles:
      - {id: cross-functional-collaboration, evidence: [ritual:sync]}
    collaboration:
      rituals:
        - {id: sync, name: Product sync, cadence: weekly, participants: [pm, lead, support-lead]}
    """,
)
def collaboration_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **cross-functional-collaboration** must bring different
    disciplines or teams together somewhere.

    Criterion: at least one ritual (``collaboration.rituals``) or ceremony
    (``methodology.ceremonies``) whose attendees — participants and facilitator, a
    team in a ritual standing for all its roles — are roles of at least **two
    different kinds** (``product-manager``, ``ux-ui-designer`` …; all ``custom`` roles
    are one kind) or of at least **two different teams**.

    Reported at the principle.

    Not checked while the file has load or structure errors: they are reported first."""
    principle = PrincipleId.CROSS_FUNCTIONAL_COLLABORATION
    if not _any_declared(ctx, principle):
        return
    if facts(ctx).cross_gatherings:
        return
    yield from _report(
        ctx,
        principle,
        [
            "no ritual or ceremony is attended by roles of two different kinds or two "
            "different teams"
        ],
        "add a ritual under collaboration.rituals where, e.g., product, design and "
        "engineering roles (or several teams) meet",
    )


@rule(
    "POM605",
    "continuous-improvement-not-shown",
    Severity.WARNING,
    "Continuous improvement is declared, but no retrospective ceremony exists.",
    bad="""
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: retro, name: Team chat, type: sync, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
    """,
    good="""
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
    """,
)
def continuous_improvement_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **continuous-improvement** must have a regular place where
    teams reflect on how they work.

    Criterion: at least one ceremony under ``methodology.ceremonies`` with
    ``type: retrospective``. A ceremony's name or id is not read: set its ``type``.

    Reported at the principle.

    Not checked while the file has load or structure errors: they are reported first."""
    principle = PrincipleId.CONTINUOUS_IMPROVEMENT
    if not _any_declared(ctx, principle):
        return
    if facts(ctx).retrospectives:
        return
    yield from _report(
        ctx,
        principle,
        ["no ceremony of type retrospective"],
        "add a ceremony with type: retrospective (e.g. every iteration), or set the type "
        "of the ceremony that is one",
    )


@rule(
    "POM606",
    "transparency-not-shown",
    Severity.WARNING,
    "Transparency and accountability is declared, but the RACI or KPI ownership is incomplete.",
    bad="""
    principles:
      - {id: transparency-and-accountability, evidence: [responsibility:set-strategy]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, frequency: weekly, goal: grow-usage}
    """,
    good="""
    principles:
      - {id: transparency-and-accountability, evidence: [responsibility:set-strategy]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly, goal: grow-usage}
    """,
)
def transparency_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **transparency-and-accountability** must say who does and
    who answers for everything it lists.

    Criteria (all must hold):

    - at least one responsibility under ``responsibilities``;
    - every responsibility has at least one ``responsible`` role (the ``accountable``
      role is required by the schema);
    - every KPI has an ``owner``.

    Reported at the principle, naming the responsibilities and KPIs that lack roles.

    Not checked while the file has load or structure errors: they are reported first."""
    principle = PrincipleId.TRANSPARENCY_AND_ACCOUNTABILITY
    if not _any_declared(ctx, principle):
        return
    model = ctx.model
    missing = []
    if not model.responsibilities:
        missing.append("no responsibilities (RACI)")
    undone = [r.id for r in model.responsibilities if not r.responsible]
    if undone:
        missing.append(f"no responsible role for {names(undone)}")
    unowned = [k.id for k in model.kpis if k.owner is None]
    if unowned:
        missing.append(f"no owner for KPI{'s' if len(unowned) > 1 else ''} {names(unowned)}")
    yield from _report(
        ctx,
        principle,
        missing,
        "name a responsible role on every responsibility and an owner on every KPI",
    )


@rule(
    "POM607",
    "scalability-not-shown",
    Severity.WARNING,
    "Scalability and flexibility is declared, but a role is overloaded or a stream-aligned "
    "team owns no decision.",
    bad="""
    principles:
      - {id: scalability-and-flexibility, evidence: [team:core]}
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: growth, name: Growth team, type: stream-aligned}
    """,
    good="""
    principles:
      - {id: scalability-and-flexibility, evidence: [team:core]}
    teams:
      - {id: core, name: Core team, type: stream-aligned}
    """,
    options={"max_share": 0.25, "min_responsibilities": 10},
)
def scalability_not_shown(ctx: Context) -> Iterator[Problem]:
    """A model that declares **scalability-and-flexibility** must be able to grow
    without a bottleneck: decisions are spread, and the teams that deliver own them.

    Criteria (both must hold):

    - **no overloaded role**: no role is accountable for more than ``max_share``
      (default ``0.25``) of all responsibilities. Like the RACI overload check, this is
      judged only in models with at least ``min_responsibilities`` (default ``10``)
      responsibilities;
    - **stream-aligned teams own decisions**: every team of ``type: stream-aligned``
      has a role of its own (``role.team``) that is ``accountable`` for at least one
      responsibility. (A model without stream-aligned teams passes this criterion.)

    Reported at the principle, naming the overloaded roles and the teams.

    Not checked while the file has load or structure errors: they are reported first."""
    principle = PrincipleId.SCALABILITY_AND_FLEXIBILITY
    if not _any_declared(ctx, principle):
        return
    f = facts(ctx)
    share = number_option(ctx.options, "max_share", 0.25)
    least = int(number_option(ctx.options, "min_responsibilities", 10))
    total = len(ctx.model.responsibilities)
    missing = [
        f"role '{role}' is accountable for {count} of {total} responsibilities "
        f"(more than {share:.0%})"
        for role, count in f.overloaded(share, least)[:LIST_LIMIT]
    ]
    idle = [t for t in f.stream_aligned if t not in f.deciding_teams]
    if idle:
        missing.append(
            f"stream-aligned team{'s' if len(idle) > 1 else ''} {names(idle)} "
            f"{'own' if len(idle) > 1 else 'owns'} no decision (no role of "
            f"{'these teams' if len(idle) > 1 else 'the team'} is accountable for a "
            "responsibility)"
        )
    yield from _report(
        ctx,
        principle,
        missing,
        "spread accountability: make a role of each stream-aligned team accountable for "
        "its own work, and move decisions away from overloaded roles",
    )


@rule(
    "POM608",
    "evidence-does-not-support",
    Severity.WARNING,
    "A principle's evidence points at something that exists but does not show that principle.",
    bad="""
    principles:
      - {id: continuous-improvement, evidence: [ceremony:planning]}
    """,
    good="""
    principles:
      - {id: continuous-improvement, evidence: [ceremony:retro]}
    """,
)
def evidence_does_not_support(ctx: Context) -> Iterator[Problem]:
    """Each ``evidence:`` reference of a declared principle must point at something that
    actually shows the principle. What counts, per principle:

    - **customer-centricity**: ``feedback:`` a loop with ``source: customers``;
      ``kpi:`` a customer KPI (category ``customer-satisfaction``, ``activation``,
      ``retention``, ``engagement`` or ``adoption``, or ``principle:
      customer-centricity``).
    - **agile-and-iterative**: ``ceremony:`` of type ``planning``, ``standup``,
      ``refinement``, ``review``, ``demo`` or ``retrospective``; ``kpi:`` of category
      ``lead-time``, ``deployment-frequency`` or ``delivery``, or with ``principle:
      agile-and-iterative``.
    - **data-driven**: ``kpi:`` with a numeric target and a frequency; ``goal:``
      measured by such a KPI; ``feedback:`` a loop that feeds a ``kpi:``.
    - **cross-functional-collaboration**: any ``ritual:``; ``ceremony:`` attended by
      roles of two kinds or two teams; ``kpi:`` with ``principle:
      cross-functional-collaboration``.
    - **continuous-improvement**: ``ceremony:`` of type ``retrospective``, ``review``
      or ``demo`` (inspect and adapt); ``feedback:`` a loop that feeds ``backlog`` or
      ``release`` (what it learns becomes the next change: post-incident reviews,
      Build-Measure-Learn); ``kpi:`` with ``principle: continuous-improvement``. A
      ritual has no type, so ``ritual:`` does not count here.
    - **transparency-and-accountability**: any ``responsibility:`` or ``role:``;
      ``ritual:`` attended by roles of two or more teams (plans and decisions made
      visible across teams); ``kpi:``, ``goal:``, ``roadmap:``, ``stage:``,
      ``tier:``, ``release-stage:`` or ``feedback:`` items that name an ``owner``.
    - **scalability-and-flexibility**: any ``team:`` or ``role:``; ``channel:`` with
      ``self_service: true``; ``release-stage:`` with ``automated: true``; ``kpi:``
      with ``principle: scalability-and-flexibility``.

    Any other kind of reference (e.g. ``tier:`` for customer-centricity) does not
    count. References to items that do not exist are left to the POM2xx rules.
    Reported at the reference.

    Not checked while the file has load or structure errors: they are reported first."""
    if incomplete(ctx):
        return
    f: Facts | None = None
    for i, principle in enumerate(ctx.model.principles):
        for j, ref in enumerate(principle.evidence):
            f = f or facts(ctx)
            verdict = supports(f, principle.id, ref)
            if verdict is not False:
                continue
            yield Problem(
                ("principles", i, "evidence", j),
                f"evidence '{ref}' does not show principle '{principle.id.value}': "
                + why_not(principle.id, ref),
                f"point at what counts for {principle.id.value}: {counts_as(principle.id)}; "
                "or remove the reference",
            )


@rule(
    "POM609",
    "principle-without-evidence",
    Severity.INFO,
    "A declared principle lists no evidence.",
    bad="""
    principles:
      - id: continuous-improvement
        practices: [Retrospective every sprint]
    """,
    good="""
    principles:
      - id: continuous-improvement
        practices: [Retrospective every sprint]
        evidence: [ceremony:retro]
    """,
)
def principle_without_evidence(ctx: Context) -> Iterator[Problem]:
    """A principle is a claim; its ``evidence:`` list says where in the model a reader
    can see it lived (``kpi:nps``, ``ceremony:retro`` …), and lets the POM608 check
    test that claim. A declared principle with an empty or missing ``evidence:`` list
    is reported as advice; the hint names up to three items in the model that would
    count (see POM608 for what counts per principle).

    Not checked while the file has load or structure errors: they are reported first."""
    if incomplete(ctx):
        return
    f: Facts | None = None
    for i, principle in enumerate(ctx.model.principles):
        if principle.evidence:
            continue
        f = f or facts(ctx)
        found = candidates(f, principle.id)
        hint = (
            f"add evidence: [{', '.join(found)}]"
            if found
            else f"add evidence that counts: {counts_as(principle.id)}"
        )
        yield Problem(
            ("principles", i),
            f"principle '{principle.id.value}' lists no evidence",
            hint,
        )

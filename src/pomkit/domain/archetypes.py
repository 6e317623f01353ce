"""The seven model types and six archetypes: what a model that claims one must show.

:func:`criteria` gives, for a type (``centralized`` …) or an archetype
(``lean-startup`` …), the criteria read by the POM7xx rules and by the report's
health page — one definition for both. Each criterion is met, unmet or undecided
(``None``, when what it reads was left out of the model for a structure error).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pomkit.domain.facts import Facts
from pomkit.domain.holes import UNKNOWN, View
from pomkit.domain.inference import words
from pomkit.domain.organisation import NO_TEAM, Organisation
from pomkit.domain.principles import (
    ITERATION_LIMIT,
    Criterion,
    customer_kpi_criterion,
    customer_plan_loop_criterion,
    methodology_criteria,
    retrospective_criterion,
    review_criterion,
    untyped_or,
)
from pomkit.domain.text import LIST_LIMIT, names, plural
from pomkit.domain.vocabulary import (
    PLAN_FEEDS,
    Tri,
    feeds_any,
    is_category,
    is_customer_loop,
    tri_all,
)
from pomkit.durations import Duration
from pomkit.findings import ModelPath
from pomkit.model import (
    Archetype,
    Element,
    KpiCategory,
    ModelType,
    Phase,
    ReleaseStrategy,
    RoleKind,
    TeamType,
)

#: A team's product decision-makers, for the decentralized check.
PRODUCT_KINDS = frozenset({RoleKind.PRODUCT_OWNER, RoleKind.PRODUCT_MANAGER})
#: Words in a release stage's id or name that make it part of the delivery pipeline,
#: which continuous delivery automates (a manual business go/no-go is not one).
PIPELINE_WORDS = frozenset(
    {
        "build",
        "builds",
        "compile",
        "ci",
        "test",
        "tests",
        "testing",
        "qa",
        "integration",
        "integrate",
        "deploy",
        "deploys",
        "deployment",
        "pipeline",
        "package",
        "packaging",
    }
)


#: Defaults of the thresholds below.
LOOP_LIMIT = Duration("2w")
CADENCE_LIMIT = Duration("1d")


@dataclass(frozen=True)
class Limits:
    """The thresholds the type criteria read (the POM7xx rules' options)."""

    max_iteration: Duration = ITERATION_LIMIT
    max_loop_cadence: Duration = LOOP_LIMIT
    max_cadence: Duration = CADENCE_LIMIT


def _unless(met: Tri, needs: str, missing: str) -> Criterion:
    return Criterion(needs, met, missing)


def decision_teams(org: Organisation, indexes: Iterable[int]) -> dict[str, list[str]]:
    """team (or :data:`NO_TEAM`) → responsibilities whose accountable role is in it.

    Accountable roles that are not defined are skipped (POM201 reports them).
    """
    out: dict[str, list[str]] = defaultdict(list)
    for i in indexes:
        item = org.model.responsibilities[i]
        if item.accountable not in org.roles:
            continue
        team = org.team_of.get(item.accountable) or NO_TEAM
        out[team].append(item.id)
    return out


def _describe(groups: dict[str, list[str]]) -> str:
    parts = []
    for team, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        where = "roles without a team" if team == NO_TEAM else f"team '{team}'"
        parts.append(f"{where} ({names(items, 3)})")
    more = len(parts) - LIST_LIMIT
    return ", ".join(parts[:LIST_LIMIT]) + (f" and {more} more" if more > 0 else "")


def _spread(what: str, groups: dict[str, list[str]]) -> str:
    """``strategy decisions are accountable in 2 places: …`` (or to roles without a team)."""
    if list(groups) == [NO_TEAM]:
        return f"{what} are accountable to roles without a team ({names(groups[NO_TEAM], 3)})"
    return f"{what} are accountable in {len(groups)} places: {_describe(groups)}"


def _raci_unsure(facts: Facts, elements: Iterable[Element]) -> bool:
    """Whether a responsibility of these elements might be missing from the model."""
    wanted = set(elements)
    for raw in facts.holes.dropped("responsibility"):
        element = facts.holes.field(raw, "element")
        if element is UNKNOWN or element in wanted:
            return True
    return facts.section_lost("responsibility") or any(
        item.element in wanted and facts.holes.lost(("responsibilities", i, "accountable"))
        for i, item in enumerate(facts.model.responsibilities)
    )


def _one_team(facts: Facts, indexes: Iterable[int]) -> tuple[Tri, dict[str, list[str]]]:
    """Whether the responsibilities at ``indexes`` are accountable in one team, and the
    teams they are accountable in as far as the model can tell.

    Undecided when the team of an accountable role cannot be read (or the role is missing
    from the model) and the others do not already spread over several teams.
    """
    org = facts.org
    indexes = list(indexes)
    items = org.model.responsibilities
    unsure = [i for i in indexes if facts.team_unsure(items[i].accountable)]
    groups = decision_teams(org, [i for i in indexes if i not in unsure])
    one = len(groups) == 1 and NO_TEAM not in groups
    if not unsure or len(groups) > 1 or NO_TEAM in groups:
        return one, groups
    return None, groups


def _unsure(facts: Facts, *kinds: str) -> bool:
    """Whether items of these kinds were left out of the model."""
    return any(facts.holes.dropped(k) or facts.section_lost(k) for k in kinds)


def _kpi_of(facts: Facts, category: KpiCategory) -> Tri:
    return facts.exists("kpi", lambda v: is_category(v, category))


def _kpi_criterion(facts: Facts, category: KpiCategory, needs: str) -> Criterion:
    """A KPI of ``category`` (written or read from its name); when none is, the message
    names the KPIs whose category is neither written nor readable."""
    return _unless(
        _kpi_of(facts, category),
        needs,
        untyped_or(
            facts,
            "kpi",
            "category",
            category.value,
            f"no KPI with category {category.value}",
        ),
    )


# --------------------------------------------------------------------------- types


def _centralized(facts: Facts) -> list[Criterion]:
    org = facts.org
    indexes = sorted(
        [*org.by_element.get(Element.STRATEGY, ()), *org.by_element.get(Element.RELEASE, ())]
    )
    one, groups = _one_team(facts, indexes)
    unsure = _raci_unsure(facts, (Element.STRATEGY, Element.RELEASE)) or one is None
    if not groups:
        met: Tri = None if unsure else False
        missing = "no strategy or release responsibility names an accountable role"
    else:
        met = None if unsure and one is not False else one
        missing = _spread("strategy and release decisions", groups)
    return [_unless(met, "strategy and release decisions held by one team", missing)]


def _decentralized(facts: Facts) -> list[Criterion]:
    model = facts.model
    unsure = facts.people_unsure
    streams = facts.stream_aligned
    out = [
        _unless(
            True if streams else (None if unsure else False),
            "a stream-aligned team",
            "no team of type stream-aligned",
        )
    ]
    owned = {r.team for r in model.roles if r.kind in PRODUCT_KINDS and r.team is not None}
    lacking = [t for t in streams if t not in owned]
    out.append(
        _unless(
            (None if unsure else False) if lacking else True,
            "a product-owner or product-manager role in every stream-aligned team",
            f"stream-aligned {plural(len(lacking), 'team')} {names(lacking)} without a "
            "product-owner or product-manager role of its own",
        )
    )
    return out


def _hybrid(facts: Facts) -> list[Criterion]:
    org = facts.org
    one, groups = _one_team(facts, org.by_element.get(Element.STRATEGY, ()))
    unsure = _raci_unsure(facts, Element)
    out = []
    if not groups:
        out.append(
            _unless(
                None if unsure or one is None else False,
                "strategy held by one team",
                "no strategy responsibility names an accountable role",
            )
        )
    else:
        out.append(
            _unless(
                None if (unsure or one is None) and one is not False else one,
                "strategy held by one team",
                _spread("strategy decisions", groups),
            )
        )
    # Which teams decide rests on the teams of the accountable roles, and on the teams.
    unsure = (
        unsure
        or _unsure(facts, "team")
        or any(facts.team_unsure(role) for role in facts.accountable_count)
    )
    central = next(iter(groups)) if len(groups) == 1 else None
    deciding = [t for t in facts.stream_aligned if t in facts.deciding_teams and t != central]
    besides = f" besides '{central}'" if central not in (None, NO_TEAM) else ""
    out.append(
        _unless(
            True if deciding else (None if unsure else False),
            "a stream-aligned team that decides its own work",
            f"no stream-aligned team{besides} has a role accountable for a responsibility "
            "of its own",
        )
    )
    return out


def _platform(facts: Facts) -> list[Criterion]:
    model = facts.model
    org = facts.org
    unsure = _unsure(facts, "team")
    platform_teams = {t.id for t in model.teams if t.type is TeamType.PLATFORM}
    streams = set(facts.stream_aligned)
    out = [
        _unless(
            True if platform_teams else (None if unsure else False),
            "a platform team",
            "no team of type platform",
        ),
        _unless(
            True if streams else (None if unsure else False),
            "stream-aligned teams consuming the platform",
            "no stream-aligned team to consume the platform",
        ),
    ]
    if platform_teams and streams:
        side = {
            role: ("p" if team in platform_teams else "s")
            for role, team in org.team_of.items()
            if team in platform_teams or team in streams
        }
        linked = any(
            {side.get(h.from_), side.get(h.to)} == {"p", "s"} for h in model.handoffs
        ) or any(
            {"p", "s"} <= {side.get(who) for who in people} for people in org.attendees.values()
        )
        maybe = _unsure(facts, "role", "handoff", "ritual", "ceremony")
        out.append(
            _unless(
                True if linked else (None if maybe else False),
                "a handoff or meeting between the platform and its consumers",
                "no handoff, ritual or ceremony joins a platform-team role with a "
                "stream-aligned-team role",
            )
        )
    return out


def _service_kpi(view: View) -> Tri:
    element, target = view.get("element"), view.get("target")
    support_target: Tri = (
        None if UNKNOWN in (element, target) else element is Element.SUPPORT and target is not None
    )
    level = is_category(view, KpiCategory.SERVICE_LEVEL)
    if True in (level, support_target):
        return True
    return None if None in (level, support_target) else False


def _service_oriented(facts: Facts) -> list[Criterion]:
    tiers = facts.model.support.tiers
    unsure = _unsure(facts, "tier")
    open_ended = [
        t.id
        for i, t in enumerate(tiers)
        if any(
            getattr(t, key) is None and not facts.holes.written(("support", "tiers", i, key))
            for key in ("response_time", "resolution_time")
        )
    ]
    n = len(open_ended)
    return [
        _unless(
            True if tiers else (None if unsure else False), "a support tier", "no support tier"
        ),
        _unless(
            not open_ended,
            "a response and a resolution time on every tier",
            f"support {plural(n, 'tier')} {names(open_ended)} without a response_time and a "
            "resolution_time",
        ),
        _unless(
            facts.exists("kpi", _service_kpi),
            "a service KPI",
            "no service KPI (category service-level, or element support with a target)",
        ),
    ]


def _agile(facts: Facts, limits: Limits) -> list[Criterion]:
    return [
        *methodology_criteria(facts, limits.max_iteration),
        review_criterion(facts),
        retrospective_criterion(facts),
    ]


def _stages_text(ids: list[str]) -> str:
    """``stage 'a' has`` / ``stages 'a', 'b' have``."""
    if len(ids) == 1:
        return f"stage '{ids[0]}' has"
    return f"stages {names(ids)} have"


def _customer_centric(facts: Facts) -> list[Criterion]:
    model = facts.model
    early = [
        s for s in model.lifecycle.stages if s.effective_phase in (Phase.DISCOVERY, Phase.IDEATION)
    ]
    worked = any(facts.org.by_stage.get(s.id) for s in early)
    unsure = _unsure(facts, "stage") or _raci_unsure(facts, Element)
    detail = f" ({_stages_text([s.id for s in early])} none)" if early else ""
    return [
        customer_plan_loop_criterion(facts),
        customer_kpi_criterion(facts),
        _unless(
            True if worked else (None if unsure else False),
            "research work in a discovery or ideation stage",
            "no lifecycle stage in phase discovery or ideation with a responsibility" + detail,
        ),
    ]


def _lean_startup(facts: Facts, limits: Limits) -> list[Criterion]:
    slowest = limits.max_loop_cadence

    def hypothesis(view: View) -> Tri:
        value = view.get("hypothesis")
        return None if value is UNKNOWN else bool(value)

    def bml_loop(view: View) -> Tri:
        cadence = view.get("cadence")
        fast: Tri = None if cadence is UNKNOWN else cadence is not None and cadence <= slowest
        return tri_all(fast, feeds_any(view, PLAN_FEEDS))

    return [
        _unless(
            facts.exists("roadmap", hypothesis),
            "roadmap items that state hypotheses",
            "no roadmap item states a hypothesis",
        ),
        _kpi_criterion(facts, KpiCategory.LEARNING, "a KPI of validated learning"),
        _unless(
            facts.exists("feedback", bml_loop),
            f"a Build-Measure-Learn loop every {slowest} or faster",
            f"no feedback loop with a cadence of {slowest} or less feeds backlog or roadmap",
        ),
    ]


def _design_thinking(facts: Facts) -> list[Criterion]:
    model = facts.model
    org = facts.org
    discovery = [s for s in model.lifecycle.stages if s.effective_phase is Phase.DISCOVERY]
    unsure = _unsure(facts, "stage", "role")
    if not discovery:
        first = _unless(
            None if unsure else False,
            "a discovery stage owned by a designer",
            "no lifecycle stage in phase discovery",
        )
    else:
        led = any(
            s.owner is not None and org.kind_of(s.owner) == RoleKind.UX_UI_DESIGNER.value
            for s in discovery
        )
        owners = [
            f"'{s.id}' is owned by '{s.owner}'" if s.owner else f"'{s.id}' has no owner"
            for s in discovery[:LIST_LIMIT]
        ]
        first = _unless(
            True if led else (None if unsure else False),
            "a discovery stage owned by a designer",
            "no discovery stage is owned by a ux-ui-designer role (" + ", ".join(owners) + ")",
        )

    def research(view: View) -> Tri:
        return tri_all(is_customer_loop(view), feeds_any(view, ("discovery", *PLAN_FEEDS)))

    return [
        first,
        _unless(
            facts.exists("feedback", research),
            "customer research feeding discovery or the backlog",
            "no feedback loop with source: customers feeds discovery, backlog or roadmap",
        ),
    ]


def pipeline_stage(view: View) -> Tri:
    """Whether a release stage builds, tests or deploys (by the words of its id or name)."""
    ident, name = view.get("id"), view.get("name")
    text = " ".join(v for v in (ident, name) if isinstance(v, str))
    return bool(PIPELINE_WORDS.intersection(words(text)))


def _continuous_delivery(facts: Facts, limits: Limits) -> list[Criterion]:
    release = facts.model.release
    slowest = limits.max_cadence
    if release is None:
        lost = facts.holes.written(("release",))
        return [
            _unless(None if lost else False, "a release section", "no release section"),
            _kpi_criterion(facts, KpiCategory.LEAD_TIME, "a lead-time KPI"),
        ]
    stages = facts.views("release-stage")

    def automated(view: View) -> Tri:
        value = view.get("automated")
        return None if value is UNKNOWN else bool(value)

    manual_pipeline = [
        v.ident
        for v in stages
        if v.kept and v.ident and pipeline_stage(v) and automated(v) is False
    ]
    n = len(manual_pipeline)
    out = [
        _unless(
            release.strategy is ReleaseStrategy.CONTINUOUS_DELIVERY,
            "release strategy continuous-delivery",
            f"release strategy is '{release.strategy.value}', not continuous-delivery",
        ),
        _unless(
            facts.exists("release-stage", automated),
            "automated release stages",
            "no automated release stage" if stages else "no release stages",
        ),
        _unless(
            not manual_pipeline,
            "build, test and deploy stages that run without people",
            f"build, test or deploy {plural(n, 'stage')} {names(manual_pipeline)} "
            f"{plural(n, 'is', 'are')} not automated",
        ),
    ]
    if release.cadence is None:
        lost = facts.holes.written(("release", "cadence"))
        out.append(
            _unless(
                None if lost else False,
                f"a release every {slowest} or faster",
                "no release cadence",
            )
        )
    else:
        out.append(
            _unless(
                release.cadence <= slowest,
                f"a release every {slowest} or faster",
                f"release cadence {release.cadence} is longer than {slowest}",
            )
        )
    out.append(_kpi_criterion(facts, KpiCategory.LEAD_TIME, "a lead-time KPI"))
    return out


def _product_led_growth(facts: Facts) -> list[Criterion]:
    def self_service(view: View) -> Tri:
        value = view.get("self_service")
        return None if value is UNKNOWN else bool(value)

    return [
        _kpi_criterion(facts, KpiCategory.ACTIVATION, "an activation KPI"),
        _kpi_criterion(facts, KpiCategory.RETENTION, "a retention KPI"),
        _unless(
            facts.exists("channel", self_service),
            "a self-service support channel",
            "no support channel with self_service: true",
        ),
    ]


Claim = ModelType | Archetype


def criteria(facts: Facts, claim: Claim, limits: Limits = Limits()) -> list[Criterion]:
    """What a model of type or archetype ``claim`` must show.

    The types ``agile`` and ``platform`` and the archetypes of the same name share
    their criteria.
    """
    name = claim.value
    if name == "centralized":
        return _centralized(facts)
    if name == "decentralized":
        return _decentralized(facts)
    if name == "hybrid":
        return _hybrid(facts)
    if name == "platform":
        return _platform(facts)
    if name == "service-oriented":
        return _service_oriented(facts)
    if name == "agile":
        return _agile(facts, limits)
    if name == "customer-centric":
        return _customer_centric(facts)
    if name == "lean-startup":
        return _lean_startup(facts, limits)
    if name == "design-thinking":
        return _design_thinking(facts)
    if name == "continuous-delivery":
        return _continuous_delivery(facts, limits)
    return _product_led_growth(facts)


def claimed(
    facts: Facts, kind: ModelType | None = None, archetype: Archetype | None = None
) -> ModelPath | None:
    """Where the model says it is ``kind`` or ``archetype``: its ``type``, else the archetype.

    A ``type`` that the file lacks (or gets wrong) claims nothing: the model holds a
    stand-in there only so that the rest of the file can be checked.
    """
    model = facts.model
    if kind is not None and model.type is kind and "type" not in facts.holes.structure.filled:
        return ("type",)
    if archetype is not None:
        for i, item in enumerate(model.archetypes):
            if item is archetype:
                return ("archetypes", i)
    return None


def not_shown(path: ModelPath, value: str, missing: list[str]) -> str:
    """The message of a type or archetype the model does not show."""
    what = f"type '{value}'" if path[0] == "type" else f"archetype '{value}'"
    return f"the model says it is {what} but does not show it: " + "; ".join(missing)

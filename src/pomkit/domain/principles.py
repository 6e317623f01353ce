"""The seven principles: what shows each one in a model, as criteria and as evidence.

Two things per principle, both read by the POM6xx rules and by the report's health page:

- :func:`criteria` — what the model as a whole must show (POM601–POM607);
- :data:`EVIDENCE` — what an ``evidence:`` reference may point at (POM608, POM609).

Each criterion is met, unmet or undecided (``None``): undecided when an item the
criterion reads was left out of the model for a structure error, which is reported
on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pomkit.domain.facts import Facts, is_cross_functional, spans_teams
from pomkit.domain.holes import UNKNOWN, View
from pomkit.domain.inference import words
from pomkit.domain.organisation import node
from pomkit.domain.text import names, plural
from pomkit.domain.vocabulary import (
    AGILE_FRAMEWORK_TEXT,
    CUSTOMER_KPI_TEXT,
    CUSTOMER_LOOP_TEXT,
    IMPROVEMENT_FEEDS,
    ITERATIONLESS,
    PLAN_FEEDS,
    Tri,
    ceremony_reading,
    feeds_any,
    is_agile_framework,
    is_customer_kpi,
    is_customer_loop,
    is_customer_plan_loop,
    is_flow_kpi,
    is_improvement_ceremony,
    is_iteration_ceremony,
    is_measured,
    is_owned,
    is_principle_kpi,
    is_retrospective,
    is_review,
    kpi_reading,
    tri_all,
)
from pomkit.durations import Duration
from pomkit.findings import ModelPath
from pomkit.model import ID_KINDS, OperatingModel, PrincipleId, split_typed

#: The longest iteration that still counts as iterative, unless a rule option says otherwise.
ITERATION_LIMIT = Duration("4w")
#: Words in a release stage's id or name that say it rolls a change out in increments.
ROLLOUT_WORDS = frozenset(
    {"canary", "progressive", "phased", "staged", "rollout", "ramp", "beta", "percent"}
)


@dataclass(frozen=True)
class Criterion:
    """One thing a principle (or a type) needs the model to show."""

    #: What it takes, as the report lists it: "a retrospective ceremony".
    needs: str
    met: Tri
    #: What the message says when it is unmet: "no ceremony of type retrospective".
    missing: str


def _unless(condition: Tri, needs: str, missing: str) -> Criterion:
    return Criterion(needs, condition, missing)


def untyped(facts: Facts, kind: str) -> list[str]:
    """Ids of the model's ceremonies (``kind="ceremony"``) or KPIs (``"kpi"``) whose type
    or category is neither written nor inferable from the id or name."""
    read = ceremony_reading if kind == "ceremony" else kpi_reading
    out = []
    for view in facts.views(kind):
        reading = read(view)
        if view.kept and view.ident and reading is not None and reading.how == "none":
            out.append(view.ident)
    return out


def untyped_or(facts: Facts, kind: str, key: str, value: str, missing: str) -> str:
    """What the message says for an unmet criterion: what to write first, when the model
    may hold the practice untyped (``ceremony 'sync' has no `type` (add `type:
    retrospective` if it is one), and none has type retrospective``), else ``missing``
    (``no retrospective ceremony (type retrospective)``)."""
    found = untyped(facts, kind)
    if not found:
        return missing
    word = "ceremony" if kind == "ceremony" else "KPI"
    many = "ceremonies" if kind == "ceremony" else "KPIs"
    if len(found) == 1:
        told = f"{word} {names(found)} has no `{key}` (add `{key}: {value}` if it is one)"
    else:
        told = (
            f"{plural(len(found), word, many)} {names(found)} have no `{key}` "
            f"(add `{key}: {value}` to the one that is one)"
        )
    return f"{told}, and none has {key} {value}"


# --------------------------------------------------------------------------- criteria


def methodology_criteria(facts: Facts, longest: Duration) -> list[Criterion]:
    """An agile framework, and (except kanban) an iteration no longer than ``longest``."""
    holes = facts.holes
    methodology = facts.model.methodology
    if methodology is None:
        lost = holes.written(("methodology",))
        return [
            _unless(
                None if lost else False,
                "a methodology with an agile framework",
                "no methodology section (framework, iteration, ceremonies)",
            )
        ]
    framework = methodology.framework
    out = [
        _unless(
            is_agile_framework(framework),
            f"an agile framework ({AGILE_FRAMEWORK_TEXT})",
            f"framework '{framework.value}' is not an agile framework ({AGILE_FRAMEWORK_TEXT})",
        )
    ]
    if framework not in ITERATIONLESS:
        iteration = methodology.iteration
        if iteration is None:
            met: Tri = None if holes.written(("methodology", "iteration")) else False
            out.append(
                _unless(
                    met,
                    f"iterations of {longest} or less",
                    "no iteration length (methodology.iteration)",
                )
            )
        else:
            out.append(
                _unless(
                    iteration <= longest,
                    f"iterations of {longest} or less",
                    f"iteration {iteration} is longer than {longest}",
                )
            )
    return out


def review_criterion(facts: Facts) -> Criterion:
    return _unless(
        facts.exists("ceremony", is_review),
        "a review ceremony (type review or demo)",
        untyped_or(facts, "ceremony", "type", "review", "no review ceremony (type review or demo)"),
    )


def retrospective_criterion(facts: Facts) -> Criterion:
    return _unless(
        facts.exists("ceremony", is_retrospective),
        "a retrospective ceremony",
        untyped_or(
            facts,
            "ceremony",
            "type",
            "retrospective",
            "no retrospective ceremony (type retrospective)",
        ),
    )


def customer_kpi_criterion(facts: Facts) -> Criterion:
    return _unless(
        facts.exists("kpi", is_customer_kpi),
        f"a {CUSTOMER_KPI_TEXT}",
        untyped_or(facts, "kpi", "category", "customer-satisfaction", f"no {CUSTOMER_KPI_TEXT}"),
    )


def customer_plan_loop_criterion(facts: Facts) -> Criterion:
    return _unless(
        facts.exists("feedback", is_customer_plan_loop),
        f"a {CUSTOMER_LOOP_TEXT}",
        f"no {CUSTOMER_LOOP_TEXT}",
    )


def goal_measures(facts: Facts) -> dict[str, Tri]:
    """goal id → whether a KPI with a target and a frequency measures it.

    A KPI measures a goal when the goal lists it under ``kpis`` or the KPI names the
    goal in ``goal`` (either direction). Undecided when such a link or the KPI's target
    or frequency could not be read.
    """
    kpis = facts.views("kpi")
    measured = {id(v): is_measured(v) for v in kpis}
    by_id: dict[str, View] = {}
    naming: dict[str, list[View]] = {}
    unsure: list[View] = []
    for view in kpis:
        if view.ident is not None:
            by_id.setdefault(view.ident, view)
        goal = view.get("goal")
        if goal is UNKNOWN or (view.ident is None and not view.kept):
            unsure.append(view)
        elif isinstance(goal, str):
            naming.setdefault(goal, []).append(view)
    out: dict[str, Tri] = {}
    for i, goal in enumerate(facts.model.strategy.goals):
        linked = [by_id[k] for k in goal.kpis if k in by_id] + naming.get(goal.id, [])
        verdicts = [measured[id(v)] for v in linked]
        verdicts += [tri_all(None, measured[id(v)]) for v in unsure]
        if facts.holes.lost(("strategy", "goals", i, "kpis")) or facts.section_lost("kpi"):
            verdicts.append(None)
        found: Tri = True if True in verdicts else (None if None in verdicts else False)
        out.setdefault(goal.id, found)
    return out


def _goals_measured(facts: Facts) -> list[Criterion]:
    if not facts.model.strategy.goals:
        lost = facts.holes.dropped("goal") or facts.section_lost("goal")
        return [_unless(None if lost else False, "a goal", "no goal under strategy.goals")]
    measured: dict[str, Tri] = facts.memo("goal-measures", lambda: goal_measures(facts))
    unmeasured = [g for g, verdict in measured.items() if verdict is False]
    met: Tri = False if unmeasured else (None if None in measured.values() else True)
    return [
        _unless(
            met,
            "every goal measured by a KPI with a target and a frequency",
            f"{plural(len(unmeasured), 'goal')} {names(unmeasured)} without a KPI that has a "
            "target and a frequency",
        )
    ]


def _cross_gathering(facts: Facts) -> Criterion:
    met: Tri = True if facts.cross_gatherings else (None if facts.gathering_maybe() else False)
    return _unless(
        met,
        "a ritual or ceremony joining roles of two kinds or two teams",
        "no ritual or ceremony is attended by roles of two different kinds or two different teams",
    )


def _transparency(facts: Facts) -> list[Criterion]:
    model = facts.model
    holes = facts.holes
    out = []
    has_raci: Tri = bool(model.responsibilities) or (
        None if holes.dropped("responsibility") or facts.section_lost("responsibility") else False
    )
    out.append(_unless(has_raci, "a RACI", "no responsibilities (RACI)"))
    undone = [
        r.id
        for i, r in enumerate(model.responsibilities)
        if not r.responsible and not holes.lost(("responsibilities", i, "responsible"))
    ]
    out.append(
        _unless(
            not undone,
            "a responsible role on every responsibility",
            f"no responsible role for {names(undone)}",
        )
    )
    unowned = [
        k.id
        for i, k in enumerate(model.kpis)
        if k.owner is None and not holes.written(("kpis", i, "owner"))
    ]
    out.append(
        _unless(
            not unowned,
            "an owner on every KPI",
            f"no owner for {plural(len(unowned), 'KPI')} {names(unowned)}",
        )
    )
    return out


def _scalability(facts: Facts, limits: Limits) -> list[Criterion]:
    max_share = limits.max_share
    total = len(facts.model.responsibilities)
    unreadable = facts.responsibilities_unreadable()
    heavy = facts.overloaded(max_share, limits.min_responsibilities, limits.min_accountable)
    overload_parts = [
        f"role '{role}' is accountable for {count} of {total} responsibilities "
        f"(more than {max_share:.0%})"
        for role, count in heavy[:5]
    ]
    out = [
        _unless(
            None if unreadable and heavy else not heavy,
            f"no role accountable for more than {max_share:.0%} of the responsibilities",
            "; ".join(overload_parts),
        )
    ]
    idle = [t for t in facts.stream_aligned if t not in facts.deciding_teams]
    n = len(idle)
    # A team decides when a role of it is accountable: unsure when a responsibility, or
    # the team of an accountable role, cannot be read.
    unsure = unreadable or any(facts.team_unsure(role) for role in facts.accountable_count)
    out.append(
        _unless(
            None if unsure and idle else not idle,
            "every stream-aligned team accountable for some of its work",
            f"stream-aligned {plural(n, 'team')} {names(idle)} {plural(n, 'owns', 'own')} no "
            f"decision (no role of {plural(n, 'the team', 'these teams')} is accountable for a "
            "responsibility)",
        )
    )
    return out


@dataclass(frozen=True)
class Limits:
    """The thresholds the principle criteria read (the POM6xx rules' options)."""

    max_iteration: Duration = ITERATION_LIMIT
    max_share: float = 0.25
    min_responsibilities: int = 10
    min_accountable: int = 6


def criteria(facts: Facts, principle: PrincipleId, limits: Limits = Limits()) -> list[Criterion]:
    """What the model must show for ``principle``, each criterion met, unmet or undecided."""
    if principle is PrincipleId.CUSTOMER_CENTRICITY:
        return [customer_plan_loop_criterion(facts), customer_kpi_criterion(facts)]
    if principle is PrincipleId.AGILE_AND_ITERATIVE:
        return [*methodology_criteria(facts, limits.max_iteration), review_criterion(facts)]
    if principle is PrincipleId.DATA_DRIVEN:
        return _goals_measured(facts)
    if principle is PrincipleId.CROSS_FUNCTIONAL_COLLABORATION:
        return [_cross_gathering(facts)]
    if principle is PrincipleId.CONTINUOUS_IMPROVEMENT:
        return [retrospective_criterion(facts)]
    if principle is PrincipleId.TRANSPARENCY_AND_ACCOUNTABILITY:
        return _transparency(facts)
    return _scalability(facts, limits)


def unmet(found: list[Criterion]) -> list[str]:
    """The message parts of the criteria that are definitely unmet."""
    return [c.missing for c in found if c.met is False]


# --------------------------------------------------------------------------- evidence

#: Whether an item (kept or left out) of a kind supports a principle.
Supports = Callable[[Facts, View], Tri]


def _always(facts: Facts, view: View) -> Tri:
    return True


def _owned(facts: Facts, view: View) -> Tri:
    return is_owned(view)


def _customer_loop(facts: Facts, view: View) -> Tri:
    return is_customer_loop(view)


def _customer_kpi_ev(facts: Facts, view: View) -> Tri:
    return is_customer_kpi(view)


def _iteration_ceremony(facts: Facts, view: View) -> Tri:
    return is_iteration_ceremony(view)


def _flow_kpi(facts: Facts, view: View) -> Tri:
    return is_flow_kpi(view)


def _measured_kpi(facts: Facts, view: View) -> Tri:
    return is_measured(view)


def _measured_goal(facts: Facts, view: View) -> Tri:
    measures: dict[str, Tri] = facts.memo("goal-measures", lambda: goal_measures(facts))
    return measures.get(view.ident or "")


def _measuring_loop(facts: Facts, view: View) -> Tri:
    feeds = view.get("feeds")
    if feeds is UNKNOWN:
        return None
    return any(str(f).startswith("kpi:") for f in feeds) or (None if view.lost("feeds") else False)


def _cross_meeting(facts: Facts, view: View, test: Callable[[set[str]], bool]) -> Tri:
    """Whether the roles attending a meeting pass ``test``; undecided when who attends,
    or who is of which kind or team, cannot be read fully."""
    people, complete = facts.attendance(view)
    if test(people):
        return True
    return None if not complete or facts.people_unsure else False


def _cross_ceremony(facts: Facts, view: View) -> Tri:
    if view.kept and node("ceremony", view.ident or "") in facts.cross_gatherings:
        return True
    return _cross_meeting(facts, view, lambda people: is_cross_functional(facts.org, people))


def _improvement_ceremony(facts: Facts, view: View) -> Tri:
    return is_improvement_ceremony(view)


def _improvement_loop(facts: Facts, view: View) -> Tri:
    return feeds_any(view, IMPROVEMENT_FEEDS)


def _iteration_loop(facts: Facts, view: View) -> Tri:
    """A loop run at least every iteration (the seed's "continuous feedback loops") that
    feeds the backlog or the roadmap."""
    cadence = view.get("cadence")
    if cadence is UNKNOWN:
        return None
    short = cadence is not None and cadence <= ITERATION_LIMIT
    return tri_all(short, feeds_any(view, PLAN_FEEDS))


def _incremental_release(facts: Facts, view: View) -> Tri:
    """A release stage of a pipeline that releases at least every iteration, or one that
    rolls changes out in increments (canary, phased, progressive …)."""
    release = facts.model.release
    if release is not None and release.cadence is not None and release.cadence <= ITERATION_LIMIT:
        return True
    ident, name = view.get("id"), view.get("name")
    text = " ".join(v for v in (ident, name) if isinstance(v, str))
    return bool(ROLLOUT_WORDS.intersection(words(text)))


def _cross_team_ritual(facts: Facts, view: View) -> Tri:
    if view.kept and node("ritual", view.ident or "") in facts.cross_team_rituals:
        return True
    return _cross_meeting(facts, view, lambda people: spans_teams(facts.org, people))


def _principle_kpi(principle: PrincipleId) -> Supports:
    def supports(facts: Facts, view: View) -> Tri:
        return is_principle_kpi(view, principle)

    return supports


def _either(*tests: Supports) -> Supports:
    def supports(facts: Facts, view: View) -> Tri:
        verdicts = [test(facts, view) for test in tests]
        if True in verdicts:
            return True
        return None if None in verdicts else False

    return supports


def _flag(key: str) -> Supports:
    def supports(facts: Facts, view: View) -> Tri:
        value = view.get(key)
        return None if value is UNKNOWN else bool(value)

    return supports


@dataclass(frozen=True)
class Counts:
    """One kind of evidence that counts for a principle."""

    test: Supports
    #: As the hint writes it: ``ceremony:<type retrospective>``.
    ref: str
    #: As the message writes it: ``a ceremony of type retrospective``.
    phrase: str


_P = PrincipleId
_OWNED = "that names an owner"
#: Per principle: evidence kind → what of that kind counts.
EVIDENCE: dict[PrincipleId, dict[str, Counts]] = {
    _P.CUSTOMER_CENTRICITY: {
        "feedback": Counts(
            _customer_loop, "feedback:<loop from customers>", "a loop with source: customers"
        ),
        "kpi": Counts(_customer_kpi_ev, "kpi:<customer KPI>", f"a {CUSTOMER_KPI_TEXT}"),
    },
    _P.AGILE_AND_ITERATIVE: {
        "ceremony": Counts(
            _iteration_ceremony,
            "ceremony:<planning, standup, refinement, review, demo or retrospective>",
            "a ceremony of type planning, standup, refinement, review, demo or retrospective",
        ),
        "kpi": Counts(
            _flow_kpi,
            "kpi:<flow KPI>",
            "a KPI of category lead-time, deployment-frequency or delivery, or with "
            "principle: agile-and-iterative",
        ),
        "release-stage": Counts(
            _incremental_release,
            "release-stage:<incremental release>",
            f"a release stage of a release every {ITERATION_LIMIT} or faster, or one that "
            "rolls out in increments (canary, phased, progressive …)",
        ),
        "feedback": Counts(
            _iteration_loop,
            "feedback:<loop every iteration into backlog or roadmap>",
            f"a loop run every {ITERATION_LIMIT} or faster that feeds backlog or roadmap",
        ),
    },
    _P.DATA_DRIVEN: {
        "kpi": Counts(
            _measured_kpi, "kpi:<with target and frequency>", "a KPI with a target and a frequency"
        ),
        "goal": Counts(
            _measured_goal,
            "goal:<measured>",
            "a goal measured by a KPI with a target and a frequency",
        ),
        "feedback": Counts(
            _measuring_loop, "feedback:<loop feeding a KPI>", "a loop that feeds a kpi:"
        ),
    },
    _P.CROSS_FUNCTIONAL_COLLABORATION: {
        "ritual": Counts(_always, "ritual:<any>", "a ritual"),
        "ceremony": Counts(
            _cross_ceremony,
            "ceremony:<cross-functional>",
            "a ceremony attended by roles of two kinds or two teams",
        ),
        "kpi": Counts(
            _principle_kpi(_P.CROSS_FUNCTIONAL_COLLABORATION),
            "kpi:<with this principle>",
            "a KPI with principle: cross-functional-collaboration",
        ),
    },
    _P.CONTINUOUS_IMPROVEMENT: {
        "ceremony": Counts(
            _improvement_ceremony,
            "ceremony:<retrospective, review or demo>",
            "a ceremony of type retrospective, review or demo",
        ),
        "feedback": Counts(
            _improvement_loop,
            "feedback:<loop feeding backlog or release>",
            "a loop that feeds backlog or release",
        ),
        "kpi": Counts(
            _principle_kpi(_P.CONTINUOUS_IMPROVEMENT),
            "kpi:<with this principle>",
            "a KPI with principle: continuous-improvement",
        ),
    },
    _P.TRANSPARENCY_AND_ACCOUNTABILITY: {
        "responsibility": Counts(_always, "responsibility:<any>", "a responsibility"),
        "role": Counts(_always, "role:<any>", "a role"),
        "ritual": Counts(
            _cross_team_ritual,
            "ritual:<across teams>",
            "a ritual attended by roles of two or more teams",
        ),
        "kpi": Counts(
            _either(_owned, _principle_kpi(_P.TRANSPARENCY_AND_ACCOUNTABILITY)),
            "kpi:<owned>",
            f"a KPI {_OWNED}",
        ),
        "goal": Counts(_owned, "goal:<owned>", f"a goal {_OWNED}"),
        "roadmap": Counts(_owned, "roadmap:<owned>", f"a roadmap item {_OWNED}"),
        "stage": Counts(_owned, "stage:<owned>", f"a lifecycle stage {_OWNED}"),
        "tier": Counts(_owned, "tier:<owned>", f"a support tier {_OWNED}"),
        "release-stage": Counts(_owned, "release-stage:<owned>", f"a release stage {_OWNED}"),
        "feedback": Counts(_owned, "feedback:<owned>", f"a feedback loop {_OWNED}"),
    },
    _P.SCALABILITY_AND_FLEXIBILITY: {
        "team": Counts(_always, "team:<any>", "a team"),
        "role": Counts(_always, "role:<any>", "a role"),
        "channel": Counts(
            _flag("self_service"),
            "channel:<self-service>",
            "a support channel with self_service: true",
        ),
        "release-stage": Counts(
            _flag("automated"), "release-stage:<automated>", "a release stage with automated: true"
        ),
        "kpi": Counts(
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


def why_not(principle: PrincipleId, ref: str, facts: Facts | None = None) -> str:
    """Why ``ref`` (which exists) does not count for ``principle``, for the message.

    With ``facts``, a ceremony or KPI whose type or category was inferred from its name,
    or is missing, says so.
    """
    kind, ident = split_typed(ref)
    what = _KIND_WORDS.get(kind, kind)
    counts = EVIDENCE[principle].get(kind)
    if counts is None:
        return f"a {what} does not count as evidence of it"
    reason = f"{what} '{ident}' is not {counts.phrase}"
    view = facts.view_of(kind, ident) if facts is not None and kind in ("ceremony", "kpi") else None
    if view is None:
        return reason
    key = "type" if kind == "ceremony" else "category"
    reading = ceremony_reading(view) if kind == "ceremony" else kpi_reading(view)
    if reading is not None and reading.inferred and reading.value is not None:
        return f"{reason} (its {key}, {reading.value.value}, is inferred from its id or name)"
    if reading is not None and reading.how == "none":
        return f"{reason} (it has no `{key}`; set it if it is one)"
    return reason


def supports(facts: Facts, principle: PrincipleId, ref: str) -> Tri:
    """Whether the typed reference ``ref`` supports ``principle``.

    ``None`` when the reference names nothing that exists (POM2xx reports that), or
    when the item it names cannot be read well enough to tell.
    """
    kind, ident = split_typed(ref)
    view = facts.view_of(kind, ident) if kind in ID_KINDS else None
    if view is None:
        return None
    counts = EVIDENCE[principle].get(kind)
    return False if counts is None else counts.test(facts, view)


def candidates(facts: Facts, principle: PrincipleId, limit: int = 3) -> list[str]:
    """Up to ``limit`` references in the model that would evidence ``principle``."""
    out: list[str] = []
    for kind, counts in EVIDENCE[principle].items():
        for view in facts.views(kind):
            if view.kept and view.ident and counts.test(facts, view) is True:
                out.append(f"{kind}:{view.ident}")
                if len(out) >= limit:
                    return out
    return out


def declared(model: OperatingModel, principle: PrincipleId) -> Iterator[ModelPath]:
    """Where ``principle`` is declared under ``principles:`` (usually once)."""
    for i, item in enumerate(model.principles):
        if item.id is principle:
            yield ("principles", i)


def not_shown(principle: PrincipleId, missing: list[str]) -> str:
    """The message of a declared principle the model does not show."""
    return (
        f"principle '{principle.value}' is declared but the model does not show it: "
        + "; ".join(missing)
    )

"""The shared definitions: what a "customer KPI", an "agile framework" or a "retrospective" is.

One definition each, read by the rules, the report and the diff:

- **ceremony type**: a ceremony's ``type``, or the type its id or name gives
  (:mod:`pomkit.domain.inference`); **review ceremony**: type ``review`` or
  ``demo``; **retrospective**: type ``retrospective``.
- **KPI category**: a KPI's ``category``, or the category its id or name gives.
- **customer KPI**: category ``customer-satisfaction``, ``activation``,
  ``retention``, ``engagement`` or ``adoption``, or ``principle: customer-centricity``.
- **measured KPI**: a KPI with a numeric ``target`` and a ``frequency``.
- **customer loop to backlog or roadmap**: a feedback loop with ``source:
  customers`` whose ``feeds`` include ``backlog`` or ``roadmap``.
- **agile framework**: ``scrum``, ``kanban``, ``scrumban``, ``shape-up`` or
  ``safe`` (``lean`` and ``custom`` say nothing about iterations); kanban has no
  iterations, so iteration-length criteria are waived for it.

The predicates read :class:`~pomkit.domain.holes.View` s and answer ``True``,
``False`` or ``None`` — undecided, because the file wrote something the model
could not read.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

from pomkit.domain.holes import UNKNOWN, View
from pomkit.domain.inference import CEREMONIES, KPIS, Reading
from pomkit.durations import Duration
from pomkit.model import (
    CeremonyType,
    FeedbackSource,
    Framework,
    KpiCategory,
    Methodology,
    PrincipleId,
)

E = TypeVar("E", bound=Enum)

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

Tri = bool | None


def tri_all(*values: Tri) -> Tri:
    """``False`` if any value is false, else ``None`` if any is unknown, else ``True``."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def mentions(view: View, key: str, value: str) -> Tri:
    """Whether an item's field ``key`` is ``value`` or, for a list, holds it (``None`` when
    the file writes something there that the model could not read)."""
    found = view.get(key)
    if found is UNKNOWN:
        return None
    if isinstance(found, list):
        if value in found:
            return True
        return None if view.lost(key) else False
    return bool(found == value)


# --------------------------------------------------------------------------- readings


def ceremony_reading(view: View) -> Reading[CeremonyType] | None:
    """The ceremony's type and how it was found; ``None`` when it cannot be told.

    A written type that is not valid (``type: plannning``) is read as what it could
    have been: the value the did-you-mean names, or the one the id or name gives, when
    they do not disagree (``guessed``); undecided (``None``) otherwise. So a misspelt
    planning ceremony does not hide that the model has no retrospective.
    """
    declared = view.get("type")
    if declared is not None and declared is not UNKNOWN:
        return Reading(declared, "declared")
    found = CEREMONIES.infer(_text(view.get("id")) or "", _text(view.get("name")))
    if declared is UNKNOWN:
        return _guess(view.written("type"), found, CeremonyType)
    return Reading(found, "inferred" if found is not None else "none")


def kpi_reading(view: View) -> Reading[KpiCategory] | None:
    """The KPI's category and how it was found; ``None`` when it cannot be told
    (a misspelt category is read as :func:`ceremony_reading` reads a misspelt type)."""
    declared = view.get("category")
    if declared is not None and declared is not UNKNOWN:
        return Reading(declared, "declared")
    found = KPIS.infer(_text(view.get("id")) or "", _text(view.get("name")))
    if declared is UNKNOWN:
        return _guess(view.written("category"), found, KpiCategory)
    return Reading(found, "inferred" if found is not None else "none")


def _guess(written: str | None, named: E | None, enum: type[E]) -> Reading[E] | None:
    """What a misspelt ``written`` value could have been, or ``None`` when unclear."""
    from pomkit.suggest import nearest

    values = [str(member.value) for member in enum]
    near = nearest(written, values) if written else None
    meant = {enum(near)} if near is not None else set()
    if named is not None:
        meant.add(named)
    return Reading(meant.pop(), "guessed") if len(meant) == 1 else None


def _type_in(view: View, types: frozenset[CeremonyType]) -> Tri:
    reading = ceremony_reading(view)
    return None if reading is None else reading.value in types


def _category_in(view: View, categories: frozenset[KpiCategory]) -> Tri:
    reading = kpi_reading(view)
    return None if reading is None else reading.value in categories


def _principle_is(view: View, principle: PrincipleId) -> Tri:
    value = view.get("principle")
    return None if value is UNKNOWN else value is principle


def _either(*values: Tri) -> Tri:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


# --------------------------------------------------------------------------- ceremonies


def is_retrospective(view: View) -> Tri:
    return _type_in(view, RETRO_TYPES)


def is_review(view: View) -> Tri:
    return _type_in(view, REVIEW_TYPES)


def is_iteration_ceremony(view: View) -> Tri:
    return _type_in(view, ITERATION_CEREMONIES)


def is_improvement_ceremony(view: View) -> Tri:
    return _type_in(view, IMPROVEMENT_CEREMONIES)


# --------------------------------------------------------------------------- KPIs


def is_category(view: View, category: KpiCategory) -> Tri:
    return _category_in(view, frozenset({category}))


def is_customer_kpi(view: View) -> Tri:
    """A KPI about customers: by category, or declared for customer-centricity."""
    return _either(
        _category_in(view, CUSTOMER_CATEGORIES),
        _principle_is(view, PrincipleId.CUSTOMER_CENTRICITY),
    )


def is_flow_kpi(view: View) -> Tri:
    return _either(
        _category_in(view, FLOW_CATEGORIES), _principle_is(view, PrincipleId.AGILE_AND_ITERATIVE)
    )


def is_principle_kpi(view: View, principle: PrincipleId) -> Tri:
    return _principle_is(view, principle)


def is_measured(view: View) -> Tri:
    """A KPI with a numeric target and a frequency."""
    target, frequency = view.get("target"), view.get("frequency")
    if target is None or frequency is None:
        return False
    return None if UNKNOWN in (target, frequency) else True


def measures_goal(view: View, goal: str) -> Tri:
    """Whether a KPI names ``goal`` in its ``goal:``."""
    value = view.get("goal")
    return None if value is UNKNOWN else value == goal


# --------------------------------------------------------------------------- loops


def feeds_any(view: View, targets: Iterable[str]) -> Tri:
    """Whether a loop's ``feeds`` include one of ``targets``."""
    feeds = view.get("feeds")
    if feeds is UNKNOWN:
        return None
    if any(target in feeds for target in targets):
        return True
    return None if view.lost("feeds") else False


def is_customer_loop(view: View) -> Tri:
    source = view.get("source")
    return None if source is UNKNOWN else source is FeedbackSource.CUSTOMERS


def is_customer_plan_loop(view: View) -> Tri:
    """A loop from customers that reaches the backlog or the roadmap."""
    return tri_all(is_customer_loop(view), feeds_any(view, PLAN_FEEDS))


def is_owned(view: View) -> Tri:
    owner = view.get("owner")
    return None if owner is UNKNOWN else owner is not None


# --------------------------------------------------------------------------- methodology


def is_agile_framework(framework: Framework) -> bool:
    return framework in AGILE_FRAMEWORKS


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

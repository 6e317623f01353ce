"""POM508 kpi-owner-not-involved: A KPI's owner is not accountable or responsible for any work in
the KPI's element.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.inference import KPI_WORK, KPIS, kpi_category, words
from pomkit.domain.text import names
from pomkit.findings import Severity
from pomkit.model import Kpi, label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM508",
    "kpi-owner-not-involved",
    Severity.WARNING,
    "A KPI's owner does no work related to the KPI: none in its element, its goal or the "
    "loops that feed it.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: sm, frequency: weekly,
         goal: grow-usage}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
    """,
)
def kpi_owner_not_involved(ctx: Context) -> Iterator[Problem]:
    """Owning a KPI means answering for it: when it turns red, its owner explains why and
    acts. An owner who does no work related to the KPI can report the number but cannot
    move it.

    Any of these counts as related work of the ``owner``:

    - being ``accountable`` or ``responsible`` for a responsibility whose ``element`` is
      the KPI's ``element``;
    - being accountable or responsible for a responsibility that names the KPI — its id
      or its name appears, as whole words, in the responsibility's id, ``activity`` or
      ``description`` — or names the KPI's category (written, or read from the KPI's
      name as the README's field reference describes: "Run retention experiments" for a
      ``retention`` KPI), or work that moves such a KPI ("re-engagement", "lapsed",
      "win back" for retention; "onboarding" for activation; "incident" for reliability;
      the list is ``KPI_WORK`` in ``pomkit.domain.inference``);
    - owning the goal the KPI measures (the KPI's ``goal``, or a goal that lists the KPI
      under ``kpis``), or a roadmap item that serves that goal;
    - owning a feedback loop that feeds ``kpi:<id>``.

    Reported when the owner does none of these. The rule does not apply to a KPI without
    an owner (POM505), with an undefined owner (POM201), or whose element no
    responsibility covers (POM304). The hint suggests roles of the owner's team that do
    work in that element. Not reported while a responsibility that could involve the
    owner cannot be read because of a structure error (POM1xx)."""
    model = ctx.model
    if not model.responsibilities:
        return
    org = ctx.org
    doers = org.doers_by_element
    goal_owners = _goal_owners(ctx)
    loop_owners = _loop_owners(ctx)
    for i, kpi in enumerate(model.kpis):
        owner = kpi.owner
        involved = doers.get(kpi.element)
        if owner is None or owner not in org.roles or not involved or owner in involved:
            continue
        if owner in goal_owners.get(kpi.id, ()) or owner in loop_owners.get(kpi.id, ()):
            continue
        if _names_kpi(ctx, owner, kpi) or ctx.facts.could_involve(owner):
            continue
        team = org.team_of.get(owner)
        nearby = sorted(r for r in org.members.get(team, ()) if r in involved) if team else []
        element = kpi.element.value
        suggestion = f" (in team '{team}': {names(nearby, 3)})" if nearby else ""
        yield Problem(
            ("kpis", i, "owner"),
            f"{label(kpi)} is owned by role '{owner}', which does no work related to it: "
            f"it is neither accountable nor responsible for any '{element}' responsibility "
            "or one that names the KPI or its kind of work, owns no goal or roadmap item the "
            "KPI measures, and runs no loop that feeds it",
            f"hand the KPI to a role that works on '{element}'{suggestion}, or make "
            f"'{owner}' accountable or responsible for the work that moves it",
        )


def _goal_owners(ctx: Context) -> dict[str, set[str]]:
    """KPI id → roles owning a goal it measures or a roadmap item serving such a goal."""
    model = ctx.model
    owners: dict[str, set[str]] = {}
    by_goal: dict[str, set[str]] = {}
    for goal in model.strategy.goals:
        if goal.owner is not None:
            by_goal.setdefault(goal.id, set()).add(goal.owner)
    for item in model.strategy.roadmap:
        if item.owner is not None:
            for goal_id in item.goals:
                by_goal.setdefault(goal_id, set()).add(item.owner)
    for goal_id, kpis in ctx.facts.goal_kpis.items():
        for kpi in kpis:
            owners.setdefault(kpi, set()).update(by_goal.get(goal_id, ()))
    return owners


def _loop_owners(ctx: Context) -> dict[str, set[str]]:
    """KPI id → roles owning a feedback loop that feeds ``kpi:<id>``."""
    out: dict[str, set[str]] = {}
    for loop in ctx.model.feedback.loops:
        if loop.owner is None:
            continue
        for feed in loop.feeds:
            if feed.startswith("kpi:"):
                out.setdefault(feed[4:], set()).add(loop.owner)
    return out


def _names_kpi(ctx: Context, role: str, kpi: Kpi) -> bool:
    """Whether ``role`` is accountable or responsible for work that names ``kpi``.

    Named: the KPI's id or name, its category, or work that moves a KPI of that category.
    """
    wanted = [w for w in (words(kpi.id), words(kpi.name)) if w]
    category = kpi_category(kpi).value
    if category is not None:
        wanted.extend(words(phrase) for phrase in KPI_WORK.get(category, ()))
    for assignment in ctx.org.assignments.get(role, ()):
        if assignment.letter not in "AR":
            continue
        item = assignment.responsibility
        said = " ".join(filter(None, (item.id, item.activity, item.description)))
        if category is not None and category in KPIS.matches(said):
            return True
        text = words(said)
        for phrase in wanted:
            n = len(phrase)
            if any(text[j : j + n] == phrase for j in range(len(text) - n + 1)):
                return True
    return False

"""POM5xx: feedback loops, KPIs and support — what the product learns and promises."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pomkit.engine import Context, Problem, rule
from pomkit.findings import Severity
from pomkit.model import Element, FeedbackSource, Phase, Tier, label
from pomkit.rules.raci import dropped, names, raci_readable, written

#: Where a customer loop must deliver to reach the product's decisions.
_DECISION_FEEDS = ("backlog", "roadmap")
#: How many tiers of a long escalation cycle a message names.
_CYCLE_SHOWN = 8


def _reaches_decisions(feed: str) -> bool:
    return feed in _DECISION_FEEDS or feed.startswith("roadmap:")


def _first_index(items: Sequence[Tier]) -> dict[str, int]:
    """Index of each tier id's first definition (repeats are a structure error)."""
    out: dict[str, int] = {}
    for i, item in enumerate(items):
        out.setdefault(item.id, i)
    return out


def _tier_index(ctx: Context) -> dict[str, int]:
    return ctx.derived(  # type: ignore[no-any-return]
        "feedback:tier-index", lambda: _first_index(ctx.model.support.tiers)
    )


def _stages_readable(ctx: Context) -> bool:
    """Whether every lifecycle stage, with its phase, made it into the model."""
    stages = ctx.model.lifecycle.stages
    if dropped(ctx, ("lifecycle", "stages"), len(stages)):
        return False
    return not any(
        stage.phase is None and written(ctx, ("lifecycle", "stages", i, "phase"))
        for i, stage in enumerate(stages)
    )


# --------------------------------------------------------------------------- loops


@rule(
    "POM501",
    "loop-without-owner",
    Severity.WARNING,
    "A feedback loop has no owner.",
    bad="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly,
           feeds: [backlog, kpi:weekly-active-teams]}
    """,
    good="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [backlog, kpi:weekly-active-teams]}
    """,
)
def loop_without_owner(ctx: Context) -> Iterator[Problem]:
    """A feedback loop only runs while someone runs it: schedules the interviews, reads
    the tickets, turns what was heard into backlog items. Without an owner, the loop is
    an intention.

    Reported for each loop under ``feedback.loops`` with no ``owner`` (a value written but
    invalid is reported by the structure rules, POM1xx, not here)."""
    for i, loop in enumerate(ctx.model.feedback.loops):
        if loop.owner is None and not written(ctx, ("feedback", "loops", i, "owner")):
            yield Problem(
                ("feedback", "loops", i, "owner"),
                f"{label(loop)} has no owner: nobody is named to run it and act on what it learns",
                "set `owner:` to the role that runs the loop",
            )


@rule(
    "POM502",
    "loop-feeds-nothing",
    Severity.WARNING,
    "A feedback loop feeds nothing: what it learns goes nowhere.",
    bad="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po}
    """,
    good="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [backlog]}
    """,
)
def loop_feeds_nothing(ctx: Context) -> Iterator[Problem]:
    """Feedback is collected to change something. A loop whose ``feeds`` is missing or
    empty says where feedback comes from but not where it goes, so it cannot close.

    Reported for each loop under ``feedback.loops`` with an empty ``feeds``. Each entry
    of ``feeds`` is a place (``backlog``, ``roadmap``, ``strategy``, ``discovery``,
    ``release``, ``support``) or a typed reference such as ``kpi:<id>``; that those
    references exist is checked by the POM2xx rules."""
    for i, loop in enumerate(ctx.model.feedback.loops):
        if not loop.feeds and not written(ctx, ("feedback", "loops", i, "feeds")):
            yield Problem(
                ("feedback", "loops", i, "feeds"),
                f"{label(loop)} feeds nothing: what it learns does not reach any "
                "decision or measure",
                "list under `feeds:` where its findings go — backlog, roadmap, "
                "discovery … or a KPI as kpi:<id>",
            )


@rule(
    "POM503",
    "no-customer-loop",
    Severity.WARNING,
    "No feedback loop carries what customers say into the backlog or the roadmap.",
    bad="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [kpi:weekly-active-teams]}
        - {id: quarterly-review, source: stakeholders, cadence: quarterly, owner: pm,
           feeds: [roadmap]}
    """,
    good="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [backlog, kpi:weekly-active-teams]}
        - {id: quarterly-review, source: stakeholders, cadence: quarterly, owner: pm,
           feeds: [roadmap]}
    """,
)
def no_customer_loop(ctx: Context) -> Iterator[Problem]:
    """A product operating model is customer-centred when what customers say changes
    what gets built. That needs at least one loop from customers that ends where work
    is decided: the backlog or the roadmap.

    Reported once per file when no loop under ``feedback.loops`` has ``source:
    customers`` and ``backlog``, ``roadmap`` or a ``roadmap:<id>`` item in its
    ``feeds`` — including when there are no loops at all. The finding points at
    ``feedback.loops`` (or the nearest section that exists) and names the customer
    loops that feed elsewhere, if any. While a loop or one of its feeds cannot be read
    because of a structure error (POM1xx), the rule waits."""
    loops = ctx.model.feedback.loops
    if dropped(ctx, ("feedback", "loops"), len(loops)) or any(
        dropped(ctx, ("feedback", "loops", i, "feeds"), len(loop.feeds))
        for i, loop in enumerate(loops)
    ):
        return  # a loop or feed the structure check could not read may be the one
    customer = [loop for loop in loops if loop.source is FeedbackSource.CUSTOMERS]
    if any(_reaches_decisions(feed) for loop in customer for feed in loop.feeds):
        return
    if customer:
        message = (
            "no customer feedback reaches the backlog or the roadmap: customer loop(s) "
            f"{names([loop.id for loop in customer])} feed neither"
        )
        hint = "add backlog or roadmap to the `feeds:` of one of these loops"
    elif loops:
        message = (
            "no feedback loop has `source: customers`, so what customers say reaches "
            "neither the backlog nor the roadmap"
        )
        hint = (
            "add a loop with `source: customers` (interviews, support tickets, surveys) "
            "that feeds backlog or roadmap"
        )
    else:
        message = "the model has no feedback loops, so customers' voice reaches no decision"
        hint = (
            "add a loop under `feedback.loops` with `source: customers` that feeds "
            "backlog or roadmap"
        )
    yield Problem(("feedback", "loops"), message, hint)


# --------------------------------------------------------------------------- goals and KPIs


@rule(
    "POM504",
    "goal-without-kpi",
    Severity.WARNING,
    "A strategy goal is measured by no KPI.",
    bad="""
    strategy:
      vision: Teams invoice in one click.
      goals:
        - {id: grow-usage, statement: Grow weekly active teams, owner: pm,
           kpis: [weekly-active-teams]}
        - {id: cut-churn, statement: Halve churn, owner: pm}
    """,
    good="""
    strategy:
      vision: Teams invoice in one click.
      goals:
        - {id: grow-usage, statement: Grow weekly active teams, owner: pm,
           kpis: [weekly-active-teams]}
        - {id: cut-churn, statement: Halve churn, owner: pm}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly, goal: grow-usage}
      - {id: monthly-churn, name: Monthly churn, element: kpis,
         target: {op: "<=", value: 2, unit: percent}, owner: pm, frequency: monthly,
         goal: cut-churn}
    """,
)
def goal_without_kpi(ctx: Context) -> Iterator[Problem]:
    """A goal that no number measures cannot be reviewed: nobody can say whether it is
    on track, and it quietly stops steering decisions.

    Reported for each goal under ``strategy.goals`` whose ``kpis`` list is empty and
    that no KPI names in its ``goal``. Either link direction counts. While a KPI, or a
    goal's ``kpis``, cannot be read because of a structure error (POM1xx), the rule
    waits."""
    model = ctx.model
    if dropped(ctx, ("kpis",), len(model.kpis)) or any(
        kpi.goal is None and written(ctx, ("kpis", i, "goal")) for i, kpi in enumerate(model.kpis)
    ):
        return  # a KPI the structure check could not read may measure any goal
    measured = {kpi.goal for kpi in model.kpis if kpi.goal is not None}
    for i, goal in enumerate(model.strategy.goals):
        if goal.kpis or goal.id in measured or written(ctx, ("strategy", "goals", i, "kpis")):
            continue
        yield Problem(
            ("strategy", "goals", i),
            f"{label(goal)} is measured by no KPI",
            f"list its KPIs under the goal's `kpis:`, or set `goal: {goal.id}` on the "
            "KPIs that measure it",
        )


@rule(
    "POM505",
    "kpi-without-owner",
    Severity.WARNING,
    "A KPI has no owner.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, frequency: weekly, goal: grow-usage}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
    """,
)
def kpi_without_owner(ctx: Context) -> Iterator[Problem]:
    """A KPI that nobody owns is watched by nobody: when it turns red, no role is
    expected to explain why or to act.

    Reported for each KPI under ``kpis`` with no ``owner`` (a value written but invalid is
    reported by the structure rules, POM1xx, not here)."""
    for i, kpi in enumerate(ctx.model.kpis):
        if kpi.owner is None and not written(ctx, ("kpis", i, "owner")):
            yield Problem(
                ("kpis", i, "owner"),
                f"{label(kpi)} has no owner: nobody answers for it when it misses its target",
                "set `owner:` to the role that reviews the KPI and acts on it",
            )


@rule(
    "POM506",
    "kpi-without-target",
    Severity.WARNING,
    "A KPI has no target.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis, owner: pm,
         frequency: weekly, goal: grow-usage}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
    """,
)
def kpi_without_target(ctx: Context) -> Iterator[Problem]:
    """A number without a target is a statistic, not a KPI: nobody can tell whether a
    value is good news or bad news.

    Reported for each KPI under ``kpis`` with no ``target`` (``{op, value, unit}``); a
    target written but invalid is reported by the structure rules (POM1xx), not here."""
    for i, kpi in enumerate(ctx.model.kpis):
        if kpi.target is None and not written(ctx, ("kpis", i, "target")):
            yield Problem(
                ("kpis", i, "target"),
                f"{label(kpi)} has no target: nobody can tell whether its value is good or bad",
                'add `target: {op: ">=", value: …, unit: …}`',
            )


@rule(
    "POM507",
    "kpi-without-frequency",
    Severity.WARNING,
    "A KPI has no measurement frequency.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, goal: grow-usage}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
    """,
)
def kpi_without_frequency(ctx: Context) -> Iterator[Problem]:
    """A KPI nobody measures on a schedule is looked at when someone remembers, which
    is usually after the damage is done.

    Reported for each KPI under ``kpis`` with no ``frequency`` (``weekly``, ``monthly``,
    ``2w`` …); a frequency written but invalid is reported by the structure rules
    (POM1xx), not here."""
    for i, kpi in enumerate(ctx.model.kpis):
        if kpi.frequency is None and not written(ctx, ("kpis", i, "frequency")):
            yield Problem(
                ("kpis", i, "frequency"),
                f"{label(kpi)} has no frequency: nothing says how often it is measured "
                "and reviewed",
                "set `frequency:` — daily, weekly, monthly, quarterly or a duration like 2w",
            )


def _doers_by_element(ctx: Context) -> dict[Element, set[str]]:
    """The roles accountable or responsible for something, by element (once per file)."""

    def make() -> dict[Element, set[str]]:
        out: dict[Element, set[str]] = {}
        for item in ctx.model.responsibilities:
            doers = out.setdefault(item.element, set())
            doers.add(item.accountable)
            doers.update(item.responsible)
        return out

    return ctx.derived("feedback:doers-by-element", make)  # type: ignore[no-any-return]


@rule(
    "POM508",
    "kpi-owner-not-involved",
    Severity.WARNING,
    "A KPI's owner is not accountable or responsible for any work in the KPI's element.",
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
    """A KPI owner who does no work in the area the KPI measures can report the number
    but cannot move it. Ownership belongs with a role that answers for, or carries out,
    the activities behind the KPI.

    Reported for each KPI whose ``owner`` is neither the ``accountable`` role nor a
    ``responsible`` role of any responsibility whose ``element`` is the KPI's
    ``element``. The rule does not apply to a KPI without an owner (POM505), with an
    undefined owner (POM201), or whose element no responsibility covers (POM304). The
    hint suggests roles of the owner's team that do work in that element. While a
    responsibility cannot be read because of a structure error (POM1xx), the rule
    waits."""
    model = ctx.model
    if not model.responsibilities or not raci_readable(ctx):
        return
    doers = _doers_by_element(ctx)
    org = ctx.org
    for i, kpi in enumerate(model.kpis):
        owner = kpi.owner
        involved = doers.get(kpi.element)
        if owner is None or owner not in org.roles or not involved or owner in involved:
            continue
        team = org.team_of.get(owner)
        nearby = sorted(r for r in org.members.get(team, ()) if r in involved) if team else []
        element = kpi.element.value
        suggestion = f" (in team '{team}': {names(nearby, 3)})" if nearby else ""
        yield Problem(
            ("kpis", i, "owner"),
            f"{label(kpi)} is owned by role '{owner}', which is neither accountable nor "
            f"responsible for any '{element}' responsibility",
            f"hand the KPI to a role that works on '{element}'{suggestion}, or make "
            f"'{owner}' accountable or responsible for a responsibility with "
            f"`element: {element}`",
        )


# --------------------------------------------------------------------------- support


@rule(
    "POM509",
    "escalation-cycle",
    Severity.ERROR,
    "Support tiers escalate in a cycle, so a ticket can escalate forever.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d,
           escalates_to: tier-1}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
)
def escalation_cycle(ctx: Context) -> Iterator[Problem]:
    """Escalation must end: a ticket moves up the tiers until one resolves it. When the
    tiers' ``escalates_to`` links come back to a tier already passed, an unresolved
    ticket bounces between teams forever and nobody holds the last word.

    Reported once per cycle, at the ``escalates_to`` of the cycle's tier that comes
    first in the file, naming the tiers in escalation order (a tier escalating to
    itself is a cycle of one; a cycle of more than eight tiers is shortened with …).
    Each tier escalates to at most one other, so the check follows each chain once and
    is linear in the number of tiers."""
    tiers = ctx.model.support.tiers
    if not tiers:
        return
    graph = ctx.org.escalation_graph
    index = _tier_index(ctx)
    done: set[str] = set()
    for tier in tiers:
        if tier.id in done:
            continue
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = tier.id
        while current is not None and current not in done and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            current = next(iter(graph.successors(current)), None) if current in graph else None
        if current is not None and current in on_path:
            cycle = path[on_path[current] :]
            start = min(range(len(cycle)), key=lambda k: index.get(cycle[k], len(tiers)))
            ordered = cycle[start:] + cycle[:start]
            head = ordered[0]
            if len(ordered) > _CYCLE_SHOWN:
                shown = " → ".join([*ordered[:_CYCLE_SHOWN], "…", head])
                shown += f" ({len(ordered)} tiers)"
            else:
                shown = " → ".join([*ordered, head])
            yield Problem(
                ("support", "tiers", index[head], "escalates_to"),
                f"support tiers escalate in a cycle: {shown}; a ticket none of them "
                "resolves escalates forever",
                "decide which tier has the last word and remove its `escalates_to:` "
                f"(e.g. the link {ordered[-1]} → {head}), so escalation ends there",
            )
        done.update(path)


@rule(
    "POM510",
    "escalation-tightens",
    Severity.ERROR,
    "An escalated support tier promises a shorter response or resolution time than the "
    "tier escalating to it.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 1d}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
)
def escalation_tightens(ctx: Context) -> Iterator[Problem]:
    """A ticket escalates because the tier before could not solve it in time; the next
    tier gets harder problems and less time left. A tier that promises to respond or
    resolve faster than the tier escalating to it promises what cannot be kept — or the
    tiers are listed the wrong way round.

    Reported for each ``escalates_to`` link where the escalated tier's
    ``response_time`` or ``resolution_time`` is shorter than the same field of the tier
    it comes from (both must be set; equal times are fine), at the escalated tier's
    shorter time. Durations are compared by length, so ``1d`` < ``36h`` < ``2d``."""
    tiers = ctx.model.support.tiers
    index = _tier_index(ctx)
    for tier in tiers:
        if tier.escalates_to is None or tier.escalates_to not in index:
            continue
        target_index = index[tier.escalates_to]
        target = tiers[target_index]
        if target is tier:
            continue  # a self-loop is POM509
        tighter = [
            key
            for key in ("response_time", "resolution_time")
            if (mine := getattr(tier, key)) is not None
            and (theirs := getattr(target, key)) is not None
            and theirs < mine
        ]
        if not tighter:
            continue
        parts = [
            f"{key.replace('_', ' ')} {getattr(target, key)} < {getattr(tier, key)}"
            for key in tighter
        ]
        yield Problem(
            ("support", "tiers", target_index, tighter[0]),
            f"{label(target)} promises a tighter SLA than {label(tier)}, which escalates "
            f"to it: {', '.join(parts)}",
            f"give '{target.id}' times at least as long as those of '{tier.id}', or "
            "reverse the escalation if the tiers are listed the wrong way round",
        )


@rule(
    "POM511",
    "tier-without-owner",
    Severity.WARNING,
    "A support tier has no owner.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, response_time: 4h, resolution_time: 2d,
           escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
)
def tier_without_owner(ctx: Context) -> Iterator[Problem]:
    """Each support tier needs a role that staffs it and answers for its SLA; a tier
    without an owner is a queue nobody is watching.

    Reported for each tier under ``support.tiers`` with no ``owner``. An owner written
    but invalid is reported by the structure rules (POM1xx), one that names no defined
    role by POM201."""
    for i, tier in enumerate(ctx.model.support.tiers):
        if tier.owner is None and not written(ctx, ("support", "tiers", i, "owner")):
            yield Problem(
                ("support", "tiers", i, "owner"),
                f"{label(tier)} has no owner: nobody staffs it or answers for its SLA",
                "set `owner:` to the role that runs the tier",
            )


@rule(
    "POM512",
    "tier-without-sla",
    Severity.WARNING,
    "A support tier promises no response time or no resolution time.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
)
def tier_without_sla(ctx: Context) -> Iterator[Problem]:
    """A tier's service level is two promises: how soon a customer hears back
    (``response_time``) and how soon the problem is solved (``resolution_time``).
    Without both, customers do not know what to expect, escalation has no trigger and
    the SLA checks (POM510, POM513) cannot run.

    Reported once for each tier under ``support.tiers`` missing either time, naming the
    missing one(s) (a value written but invalid is reported by the structure rules, POM1xx,
    not here)."""
    for i, tier in enumerate(ctx.model.support.tiers):
        missing = [
            key
            for key in ("response_time", "resolution_time")
            if getattr(tier, key) is None and not written(ctx, ("support", "tiers", i, key))
        ]
        if missing:
            yield Problem(
                ("support", "tiers", i, missing[0]),
                f"{label(tier)} has no {' and no '.join(k.replace('_', ' ') for k in missing)}",
                "set " + " and ".join(f"`{k}:`" for k in missing) + " (e.g. 4h, 2d)",
            )


@rule(
    "POM513",
    "resolution-before-response",
    Severity.ERROR,
    "A support tier's resolution time is shorter than its response time.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 2d,
           resolution_time: 4h, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 2d, resolution_time: 5d}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, response_time: 4h,
           resolution_time: 2d, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
    """,
)
def resolution_before_response(ctx: Context) -> Iterator[Problem]:
    """A ticket is answered before it is solved: a resolution time shorter than the
    response time cannot be met as written, and usually means the two values were
    swapped.

    Reported for each tier under ``support.tiers`` whose ``resolution_time`` is
    strictly shorter than its ``response_time`` (durations compared by length)."""
    for i, tier in enumerate(ctx.model.support.tiers):
        response, resolution = tier.response_time, tier.resolution_time
        if response is not None and resolution is not None and resolution < response:
            yield Problem(
                ("support", "tiers", i, "resolution_time"),
                f"{label(tier)} promises resolution in {resolution}, before its first "
                f"response in {response}",
                "swap the two values if they were entered the wrong way round, or make "
                "`resolution_time` at least as long as `response_time`",
            )


@rule(
    "POM514",
    "support-stage-unstaffed",
    Severity.WARNING,
    "No responsibility on a support-phase lifecycle stage has a responsible role.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: delivery,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback,
         stage: development, accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback,
         stage: development, accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
)
def support_stage_unstaffed(ctx: Context) -> Iterator[Problem]:
    """Support tiers promise response and resolution times; somebody has to do that
    work once the product is live. The lifecycle's support stage is where the RACI says
    who does.

    A stage is a support stage when its ``phase`` is ``support`` (or, without a
    ``phase``, its id is ``support``). The rule applies when the model has support
    tiers or a support stage, and reports:

    - when there are tiers but no support stage at all, once at ``lifecycle.stages``:
      the lifecycle does not show where the product is run and supported;
    - otherwise, when no responsibility placed on a support stage (``stage: <id>``)
      lists a ``responsible`` role, once at the first support stage.

    While a lifecycle stage or a responsibility cannot be read because of a structure
    error (POM1xx), the rule waits: the broken item may be the support stage or its
    work."""
    model = ctx.model
    org = ctx.org
    stages = org.stages_in_phase(Phase.SUPPORT)
    tiers = model.support.tiers
    if not stages:
        if tiers and _stages_readable(ctx):
            yield Problem(
                ("lifecycle", "stages"),
                f"the model has support tiers ({names([t.id for t in tiers], 3)}) but no "
                "lifecycle stage in the support phase, so the lifecycle does not say who "
                "runs and supports the live product",
                "add a lifecycle stage with `phase: support` and an owner, and place the "
                "support work on it with `stage: <id>`",
            )
        return
    staffed = any(
        model.responsibilities[i].responsible for s in stages for i in org.by_stage.get(s.id, ())
    )
    if staffed or not raci_readable(ctx):
        return
    first = stages[0]
    index = next(i for i, s in enumerate(model.lifecycle.stages) if s is first)
    shown = names([s.id for s in stages], 3)
    yield Problem(
        ("lifecycle", "stages", index),
        f"no responsibility on support stage(s) {shown} has a responsible role: nobody "
        "is named to answer tickets or keep the product running",
        f"add a responsibility with `stage: {first.id}` (e.g. answering tickets) and list "
        "who does it under `responsible:`",
    )

"""POM7xx: type and archetype consistency — the model is what it says it is.

Each rule applies only when the model's ``type`` is its type or its
``archetypes`` list its archetype, and reports at that ``type`` (or archetype
entry) what the model would need to show. The shared definitions (customer
KPI, customer loop to backlog or roadmap, agile framework, review and
retrospective ceremonies) live in :mod:`pomkit.rules.principles`. Like the
principle rules, these wait for a file without load or structure errors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from pomkit.engine import Context, Problem, rule
from pomkit.findings import ModelPath, Severity
from pomkit.graph import Organisation
from pomkit.model import (
    Archetype,
    Element,
    FeedbackSource,
    KpiCategory,
    ModelType,
    OperatingModel,
    Phase,
    ReleaseStrategy,
    RoleKind,
    TeamType,
)
from pomkit.rules.principles import (
    AGILE_FRAMEWORK_TEXT,
    CUSTOMER_KPI_TEXT,
    CUSTOMER_LOOP_TEXT,
    LIST_LIMIT,
    PLAN_FEEDS,
    duration_option,
    facts,
    feeds_any,
    incomplete,
    iteration_gap,
    names,
)

#: A team's product decision-makers, for the decentralized check.
PRODUCT_KINDS = frozenset({RoleKind.PRODUCT_OWNER, RoleKind.PRODUCT_MANAGER})
NO_TEAM = "(no team)"


def claimed(
    ctx: Context,
    kind: ModelType | None = None,
    archetype: Archetype | None = None,
) -> ModelPath | None:
    """Where the model says it is ``kind`` or ``archetype``: its ``type``, else the archetype.

    ``None`` when it says neither, or while the file has load or structure errors (the
    rule does not apply, see :func:`~pomkit.rules.principles.incomplete`).
    """
    if incomplete(ctx):
        return None
    model = ctx.model
    if kind is not None and model.type is kind:
        return ("type",)
    if archetype is not None:
        for i, item in enumerate(model.archetypes):
            if item is archetype:
                return ("archetypes", i)
    return None


def _report(path: ModelPath, what: str, missing: list[str], hint: str) -> Iterator[Problem]:
    if missing:
        yield Problem(
            path,
            f"the model says it is {what} but does not show it: " + "; ".join(missing),
            hint,
        )


def _what(path: ModelPath, value: str) -> str:
    return f"type '{value}'" if path[0] == "type" else f"archetype '{value}'"


def _stages(ids: Iterable[str]) -> str:
    """``stage 'a' has`` / ``stages 'a', 'b' have``."""
    items = list(ids)
    if len(items) == 1:
        return f"stage '{items[0]}' has"
    return f"stages {names(items)} have"


def _kpi_of(model: OperatingModel, *categories: KpiCategory) -> bool:
    return any(k.category in categories for k in model.kpis)


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


def _spread(what: str, groups: dict[str, list[str]]) -> str:
    """``strategy decisions are accountable in 2 places: …`` (or to roles without a team)."""
    if list(groups) == [NO_TEAM]:
        return f"{what} are accountable to roles without a team ({names(groups[NO_TEAM], 3)})"
    return f"{what} are accountable in {len(groups)} places: {_describe(groups)}"


def _describe(groups: dict[str, list[str]]) -> str:
    parts = []
    for team, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        where = "roles without a team" if team == NO_TEAM else f"team '{team}'"
        parts.append(f"{where} ({names(items, 3)})")
    return ", ".join(parts[:LIST_LIMIT]) + (
        f" and {len(parts) - LIST_LIMIT} more" if len(parts) > LIST_LIMIT else ""
    )


@rule(
    "POM701",
    "centralized-not-shown",
    Severity.WARNING,
    "The model says it is centralized, but strategy and release decisions are accountable "
    "in more than one team.",
    bad="""
    type: centralized
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: ops, name: Operations, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: ops}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: ops}
    """,
    good="""
    type: centralized
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: ops, name: Operations, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: ops}
    """,
)
def centralized_not_shown(ctx: Context) -> Iterator[Problem]:
    """In a **centralized** model one team or department owns product decisions.

    Criterion: every responsibility with ``element: strategy`` or ``element: release``
    is ``accountable`` to a role of **one and the same team**. A role without a
    ``team`` counts as "no team" and breaks the criterion; a model with no strategy or
    release responsibility shows no decisions at all and is reported too.

    Applies when ``type: centralized``. The message lists where the decisions sit, team
    by team; make one team accountable for them (the others stay responsible or
    consulted), or declare the type the organisation really has (``hybrid``,
    ``decentralized``).

    Not checked while the file has load or structure errors: they are reported first."""
    path = claimed(ctx, ModelType.CENTRALIZED)
    if path is None:
        return
    org = ctx.org
    indexes = sorted(
        [*org.by_element.get(Element.STRATEGY, ()), *org.by_element.get(Element.RELEASE, ())]
    )
    groups = decision_teams(org, indexes)
    missing = []
    if not groups:
        missing.append("no strategy or release responsibility names an accountable role")
    elif len(groups) > 1 or NO_TEAM in groups:
        missing.append(_spread("strategy and release decisions", groups))
    yield from _report(
        path,
        _what(path, "centralized"),
        missing,
        "make roles of one team accountable for every strategy and release responsibility "
        "(others can stay responsible or consulted), or change the type",
    )


@rule(
    "POM702",
    "decentralized-not-shown",
    Severity.WARNING,
    "The model says it is decentralized, but a stream-aligned team has no product owner "
    "or manager of its own.",
    bad="""
    type: decentralized
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: growth, name: Growth team, type: stream-aligned}
    """,
    good="""
    type: decentralized
    teams:
      - {id: core, name: Core team, type: stream-aligned}
    """,
)
def decentralized_not_shown(ctx: Context) -> Iterator[Problem]:
    """In a **decentralized** model product decisions are distributed to the teams that
    deliver.

    Criterion: there is at least one team of ``type: stream-aligned``, and every such
    team has a role of its own (``role.team`` is the team) of kind ``product-owner`` or
    ``product-manager``. Roles of a parent team do not count.

    Applies when ``type: decentralized``.

    Not checked while the file has load or structure errors: they are reported first."""
    path = claimed(ctx, ModelType.DECENTRALIZED)
    if path is None:
        return
    model = ctx.model
    f = facts(ctx)
    owned = {r.team for r in model.roles if r.kind in PRODUCT_KINDS and r.team is not None}
    missing = []
    if not f.stream_aligned:
        missing.append("no team of type stream-aligned")
    lacking = [t for t in f.stream_aligned if t not in owned]
    if lacking:
        missing.append(
            f"stream-aligned team{'s' if len(lacking) > 1 else ''} {names(lacking)} "
            "without a product-owner or product-manager role of its own"
        )
    yield from _report(
        path,
        _what(path, "decentralized"),
        missing,
        "give each stream-aligned team a role of kind product-owner or product-manager "
        "(role.team set to the team)",
    )


@rule(
    "POM703",
    "hybrid-not-shown",
    Severity.WARNING,
    "The model says it is hybrid, but strategy is not held by one team or no "
    "stream-aligned team decides anything.",
    bad="""
    type: hybrid
    teams:
      - {id: core, name: Core team, type: stream-aligned}
    """,
    good="""
    type: hybrid
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: office, name: Product office, type: enabling}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: office}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def hybrid_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **hybrid** model centralizes some functions for consistency and decentralizes
    others for speed: here, strategy is central and delivery teams decide their own
    work.

    Criteria (both must hold):

    - every responsibility with ``element: strategy`` is ``accountable`` to roles of
      **one team** (a role without a team counts as "no team");
    - at least one team of ``type: stream-aligned`` **other than** that strategy team
      has a role of its own that is ``accountable`` for at least one responsibility.

    Applies when ``type: hybrid``.

    Not checked while the file has load or structure errors: they are reported first."""
    path = claimed(ctx, ModelType.HYBRID)
    if path is None:
        return
    org = ctx.org
    f = facts(ctx)
    groups = decision_teams(org, org.by_element.get(Element.STRATEGY, ()))
    missing = []
    if not groups:
        missing.append("no strategy responsibility names an accountable role")
    elif len(groups) > 1 or NO_TEAM in groups:
        missing.append(_spread("strategy decisions", groups))
    central = next(iter(groups)) if len(groups) == 1 else None
    deciding = [t for t in f.stream_aligned if t in f.deciding_teams and t != central]
    if not deciding:
        missing.append(
            "no stream-aligned team"
            + (f" besides '{central}'" if central not in (None, NO_TEAM) else "")
            + " has a role accountable for a responsibility of its own"
        )
    yield from _report(
        path,
        _what(path, "hybrid"),
        missing,
        "keep strategy accountable in one team and make roles of the stream-aligned teams "
        "accountable for their own delivery, or change the type",
    )


@rule(
    "POM704",
    "platform-not-shown",
    Severity.WARNING,
    "The model says it is platform-based, but lacks a platform team, consuming "
    "stream-aligned teams, or a link between them.",
    bad="""
    type: platform
    archetypes: [platform]
    """,
    good="""
    type: platform
    archetypes: [platform]
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: paved-road, name: Paved road, type: platform}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Platform lead, kind: technical-architect, team: paved-road}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def platform_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **platform** model (type ``platform`` or archetype ``platform``) builds a core
    platform that other teams build on.

    Criteria (all must hold):

    - a team of ``type: platform``;
    - at least one team of ``type: stream-aligned`` (the consumers);
    - a link between them: a handoff between a role of a platform team and a role of a
      stream-aligned team (either direction), or a ritual or ceremony attended by
      both (a team listed in a ritual stands for all its roles).

    Applies when ``type: platform`` or ``archetypes`` include ``platform``.

    Not checked while the file has load or structure errors: they are reported first."""
    model = ctx.model
    path = claimed(ctx, ModelType.PLATFORM, Archetype.PLATFORM)
    if path is None:
        return
    org = ctx.org
    f = facts(ctx)
    platform_teams = {t.id for t in model.teams if t.type is TeamType.PLATFORM}
    streams = set(f.stream_aligned)
    missing = []
    if not platform_teams:
        missing.append("no team of type platform")
    if not streams:
        missing.append("no stream-aligned team to consume the platform")
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
        if not linked:
            missing.append(
                "no handoff, ritual or ceremony joins a platform-team role with a "
                "stream-aligned-team role"
            )
    yield from _report(
        path,
        _what(path, "platform"),
        missing,
        "add a team of type platform, the stream-aligned teams that use it, and a handoff "
        "or ritual (e.g. a platform consumer sync) between their roles",
    )


@rule(
    "POM705",
    "service-oriented-not-shown",
    Severity.WARNING,
    "The model says it is service-oriented, but support tiers lack SLAs or no service KPI "
    "is measured.",
    bad="""
    type: service-oriented
    support:
      channels:
        - {id: email, name: Email, hours: business hours}
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email]}
    """,
    good="""
    type: service-oriented
    support:
      channels:
        - {id: email, name: Email, hours: business hours}
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email],
           response_time: 4h, resolution_time: 2d}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
      - {id: sla-met, name: Tickets resolved within SLA, element: support,
         category: service-level, target: {op: ">=", value: 95, unit: percent},
         owner: support-lead, frequency: monthly}
    """,
)
def service_oriented_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **service-oriented** model delivers services alongside the product and
    promises service levels.

    Criteria (both must hold):

    - at least one support tier, and every tier has a ``response_time`` and a
      ``resolution_time`` (its SLA);
    - a service KPI: a KPI with ``category: service-level``, or a KPI with
      ``element: support`` and a ``target``.

    Applies when ``type: service-oriented``.

    Not checked while the file has load or structure errors: they are reported first."""
    model = ctx.model
    path = claimed(ctx, ModelType.SERVICE_ORIENTED)
    if path is None:
        return
    tiers = model.support.tiers
    missing = []
    if not tiers:
        missing.append("no support tier")
    open_ended = [t.id for t in tiers if t.response_time is None or t.resolution_time is None]
    if open_ended:
        missing.append(
            f"support tier{'s' if len(open_ended) > 1 else ''} {names(open_ended)} "
            "without a response_time and a resolution_time"
        )
    if not any(
        k.category is KpiCategory.SERVICE_LEVEL
        or (k.element is Element.SUPPORT and k.target is not None)
        for k in model.kpis
    ):
        missing.append("no service KPI (category service-level, or element support with a target)")
    yield from _report(
        path,
        _what(path, "service-oriented"),
        missing,
        "give every support tier a response_time and a resolution_time, and measure them "
        "with a KPI of category service-level",
    )


@rule(
    "POM706",
    "agile-not-shown",
    Severity.WARNING,
    "The model says it is agile, but lacks an agile framework, a short iteration, a review "
    "or a retrospective.",
    bad="""
    methodology:
      framework: custom
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
    """,
    good="""
    methodology:
      framework: scrum
      iteration: 2w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: review, name: Sprint review, type: review, cadence: 2w, facilitator: po,
           participants: [devs, pm]}
        - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
    """,
    options={"max_iteration": "4w"},
)
def agile_not_shown(ctx: Context) -> Iterator[Problem]:
    """An **agile** model (type ``agile`` or archetype ``agile``) works in short
    iterations with regular inspection.

    Criteria (all must hold):

    - an agile framework: ``methodology.framework`` is ``scrum``, ``kanban``,
      ``scrumban``, ``shape-up`` or ``safe`` (``lean`` and ``custom`` do not count);
    - an ``iteration`` of at most ``max_iteration`` (default ``4w``), waived for
      ``kanban``, which has no iterations;
    - a review ceremony (``type: review`` or ``demo``);
    - a retrospective ceremony (``type: retrospective``).

    Applies when ``type: agile`` or ``archetypes`` include ``agile``.

    Not checked while the file has load or structure errors: they are reported first."""
    model = ctx.model
    path = claimed(ctx, ModelType.AGILE, Archetype.AGILE)
    if path is None:
        return
    f = facts(ctx)
    longest = duration_option(ctx.options, "max_iteration", "4w")
    missing = iteration_gap(model.methodology, longest)
    if not f.reviews:
        missing.append("no review ceremony (type review or demo)")
    if not f.retrospectives:
        missing.append("no retrospective ceremony (type retrospective)")
    yield from _report(
        path,
        _what(path, "agile"),
        missing,
        f"use an agile framework ({AGILE_FRAMEWORK_TEXT}) with iterations of {longest} or "
        "less, and ceremonies of type review and retrospective",
    )


@rule(
    "POM707",
    "customer-centric-not-shown",
    Severity.WARNING,
    "The model says it is customer-centric, but lacks a customer loop to the backlog, a "
    "customer KPI or a discovery stage with work in it.",
    bad="""
    type: customer-centric
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [kpi:weekly-active-teams]}
    """,
    good="""
    type: customer-centric
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [backlog, kpi:weekly-active-teams]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         category: engagement, target: {op: ">=", value: 500, unit: teams}, owner: pm,
         frequency: weekly, goal: grow-usage}
    """,
)
def customer_centric_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **customer-centric** model lets customer understanding drive decisions.

    Criteria (all must hold):

    - a customer loop to backlog or roadmap: a feedback loop with ``source: customers``
      whose ``feeds`` include ``backlog`` or ``roadmap``;
    - a customer KPI: ``category`` ``customer-satisfaction``, ``activation``,
      ``retention``, ``engagement`` or ``adoption``, or ``principle:
      customer-centricity``;
    - a lifecycle stage in phase ``discovery`` or ``ideation`` (its ``phase``, or its
      id when that is a phase name) with at least one responsibility placed in it.

    Applies when ``type: customer-centric``.

    Not checked while the file has load or structure errors: they are reported first."""
    model = ctx.model
    path = claimed(ctx, ModelType.CUSTOMER_CENTRIC)
    if path is None:
        return
    org = ctx.org
    f = facts(ctx)
    missing = []
    if not f.customer_plan_loops:
        missing.append(f"no {CUSTOMER_LOOP_TEXT}")
    if not f.customer_kpis:
        missing.append(f"no {CUSTOMER_KPI_TEXT}")
    early = [
        s for s in model.lifecycle.stages if s.effective_phase in (Phase.DISCOVERY, Phase.IDEATION)
    ]
    if not any(org.by_stage.get(s.id) for s in early):
        missing.append(
            "no lifecycle stage in phase discovery or ideation with a responsibility"
            + (f" ({_stages(s.id for s in early)} none)" if early else "")
        )
    yield from _report(
        path,
        _what(path, "customer-centric"),
        missing,
        "route a customer loop into the backlog or roadmap, measure customers with a "
        "categorised KPI, and place research work in a discovery or ideation stage",
    )


@rule(
    "POM708",
    "lean-startup-not-shown",
    Severity.WARNING,
    "The model says it follows lean startup, but lacks hypotheses, a learning KPI or a "
    "fast Build-Measure-Learn loop.",
    bad="""
    archetypes: [lean-startup]
    """,
    good="""
    archetypes: [lean-startup]
    strategy:
      vision: Teams invoice in one click.
      goals:
        - {id: grow-usage, statement: Grow weekly active teams, horizon: 2027, owner: pm,
           kpis: [weekly-active-teams]}
      roadmap:
        - {id: one-click, title: One-click invoicing, when: 2026-Q3, goals: [grow-usage],
           hypothesis: Teams that invoice in one click send twice as many invoices}
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: weekly, owner: po,
           feeds: [backlog, kpi:validated-learnings]}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
      - {id: validated-learnings, name: Hypotheses decided per month, element: kpis,
         category: learning, target: {op: ">=", value: 4}, owner: pm, frequency: monthly}
    """,
    options={"max_loop_cadence": "2w"},
)
def lean_startup_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **lean-startup** model builds to learn: it states hypotheses, measures what it
    learns, and closes the Build-Measure-Learn loop quickly.

    Criteria (all must hold):

    - at least one roadmap item (``strategy.roadmap``) with a ``hypothesis``;
    - a KPI with ``category: learning``;
    - a Build-Measure-Learn loop: a feedback loop with a ``cadence`` of at most
      ``max_loop_cadence`` (default ``2w``) whose ``feeds`` include ``backlog`` or
      ``roadmap``. A loop without a cadence does not count.

    Applies when ``archetypes`` include ``lean-startup``.

    Not checked while the file has load or structure errors: they are reported first."""
    model = ctx.model
    path = claimed(ctx, archetype=Archetype.LEAN_STARTUP)
    if path is None:
        return
    slowest = duration_option(ctx.options, "max_loop_cadence", "2w")
    missing = []
    if not any(item.hypothesis for item in model.strategy.roadmap):
        missing.append("no roadmap item states a hypothesis")
    if not _kpi_of(model, KpiCategory.LEARNING):
        missing.append("no KPI with category learning")
    if not any(
        loop.cadence is not None and loop.cadence <= slowest and feeds_any(loop, PLAN_FEEDS)
        for loop in model.feedback.loops
    ):
        missing.append(
            f"no feedback loop with a cadence of {slowest} or less feeds backlog or roadmap"
        )
    yield from _report(
        path,
        _what(path, "lean-startup"),
        missing,
        "write the hypothesis each roadmap experiment tests, measure validated learning "
        f"with a KPI of category learning, and run a loop every {slowest} or faster into "
        "the backlog",
    )


@rule(
    "POM709",
    "design-thinking-not-shown",
    Severity.WARNING,
    "The model says it follows design thinking, but no designer owns a discovery stage or "
    "no customer research feeds the work.",
    bad="""
    archetypes: [design-thinking]
    """,
    good="""
    archetypes: [design-thinking]
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: discovery, name: Discovery, owner: ux}
        - {id: development, name: Development, owner: po}
        - {id: delivery, name: Delivery, owner: lead}
        - {id: support, name: Support, owner: support-lead}
        - {id: retirement, name: Retirement, owner: pm}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: ux, title: Product designer, kind: ux-ui-designer, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def design_thinking_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **design-thinking** model starts from research with users, led by design.

    Criteria (both must hold):

    - a lifecycle stage in phase ``discovery`` (its ``phase``, or its id when that is a
      phase name) whose ``owner`` is a role of kind ``ux-ui-designer``;
    - a customer research loop: a feedback loop with ``source: customers`` whose
      ``feeds`` include ``discovery``, ``backlog`` or ``roadmap``.

    Applies when ``archetypes`` include ``design-thinking``.

    Not checked while the file has load or structure errors: they are reported first."""
    model = ctx.model
    path = claimed(ctx, archetype=Archetype.DESIGN_THINKING)
    if path is None:
        return
    org = ctx.org
    missing = []
    discovery = [s for s in model.lifecycle.stages if s.effective_phase is Phase.DISCOVERY]
    if not discovery:
        missing.append("no lifecycle stage in phase discovery")
    elif not any(
        s.owner is not None and org.kind_of(s.owner) == RoleKind.UX_UI_DESIGNER.value
        for s in discovery
    ):
        owners = [
            f"'{s.id}' is owned by '{s.owner}'" if s.owner else f"'{s.id}' has no owner"
            for s in discovery[:LIST_LIMIT]
        ]
        missing.append(
            "no discovery stage is owned by a ux-ui-designer role (" + ", ".join(owners) + ")"
        )
    if not any(
        loop.source is FeedbackSource.CUSTOMERS and feeds_any(loop, ("discovery", *PLAN_FEEDS))
        for loop in model.feedback.loops
    ):
        missing.append(
            "no feedback loop with source: customers feeds discovery, backlog or roadmap"
        )
    yield from _report(
        path,
        _what(path, "design-thinking"),
        missing,
        "let a ux-ui-designer role own the discovery stage, and feed research with "
        "customers into discovery or the backlog",
    )


@rule(
    "POM710",
    "continuous-delivery-not-shown",
    Severity.WARNING,
    "The model says it does continuous delivery, but releases are not automated, not daily, "
    "or lead time is not measured.",
    bad="""
    archetypes: [continuous-delivery]
    release:
      strategy: release-train
      cadence: 2w
      stages:
        - {id: build, name: Build, owner: lead, automated: true}
        - {id: approve, name: Change approval, owner: lead, automated: false}
    """,
    good="""
    archetypes: [continuous-delivery]
    release:
      strategy: continuous-delivery
      cadence: daily
      stages:
        - {id: build, name: Build, owner: lead, automated: true}
        - {id: deploy, name: Deploy, owner: lead, automated: true}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
      - {id: lead-time, name: Lead time for changes, element: release, category: lead-time,
         target: {op: "<=", value: 1, unit: days}, owner: lead, frequency: weekly}
    """,
    options={"max_cadence": "1d"},
)
def continuous_delivery_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **continuous-delivery** model ships through an automated pipeline, often.

    Criteria (all must hold):

    - ``release.strategy: continuous-delivery``;
    - at least one release stage, and every release stage ``automated: true``;
    - a ``release.cadence`` of at most ``max_cadence`` (default ``1d``; ``continuous``
      and ``on-demand`` count as shorter than any period). A missing cadence counts as
      missing;
    - a KPI with ``category: lead-time``.

    Applies when ``archetypes`` include ``continuous-delivery``.

    Not checked while the file has load or structure errors: they are reported first."""
    model = ctx.model
    path = claimed(ctx, archetype=Archetype.CONTINUOUS_DELIVERY)
    if path is None:
        return
    slowest = duration_option(ctx.options, "max_cadence", "1d")
    release = model.release
    missing = []
    if release is None:
        missing.append("no release section")
    else:
        if release.strategy is not ReleaseStrategy.CONTINUOUS_DELIVERY:
            missing.append(
                f"release strategy is '{release.strategy.value}', not continuous-delivery"
            )
        if not release.stages:
            missing.append("no release stages")
        manual = [s.id for s in release.stages if not s.automated]
        if manual:
            missing.append(
                f"release stage{'s' if len(manual) > 1 else ''} {names(manual)} not automated"
            )
        if release.cadence is None:
            missing.append("no release cadence")
        elif release.cadence > slowest:
            missing.append(f"release cadence {release.cadence} is longer than {slowest}")
    if not _kpi_of(model, KpiCategory.LEAD_TIME):
        missing.append("no KPI with category lead-time")
    yield from _report(
        path,
        _what(path, "continuous-delivery"),
        missing,
        "use release strategy continuous-delivery with automated stages (move approvals "
        f"into automated checks), release every {slowest} or faster, and measure lead "
        "time with a KPI of category lead-time",
    )


@rule(
    "POM711",
    "product-led-growth-not-shown",
    Severity.WARNING,
    "The model says it is product-led, but lacks activation or retention KPIs or "
    "self-service support.",
    bad="""
    archetypes: [product-led-growth]
    """,
    good="""
    archetypes: [product-led-growth]
    support:
      channels:
        - {id: email, name: Email, hours: business hours}
        - {id: help-center, name: Help center, hours: 24/7, self_service: true}
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email],
           response_time: 4h, resolution_time: 2d}
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         category: activation, target: {op: ">=", value: 500, unit: teams}, owner: pm,
         frequency: weekly, goal: grow-usage}
      - {id: week-4-retention, name: Teams active in week 4, element: kpis,
         category: retention, target: {op: ">=", value: 40, unit: percent}, owner: pm,
         frequency: monthly, goal: grow-usage}
    """,
)
def product_led_growth_not_shown(ctx: Context) -> Iterator[Problem]:
    """A **product-led-growth** model lets the product itself acquire, activate and
    keep users.

    Criteria (all must hold):

    - a KPI with ``category: activation``;
    - a KPI with ``category: retention``;
    - a support channel with ``self_service: true`` (help center, in-app guides,
      community).

    Applies when ``archetypes`` include ``product-led-growth``.

    Not checked while the file has load or structure errors: they are reported first."""
    model = ctx.model
    path = claimed(ctx, archetype=Archetype.PRODUCT_LED_GROWTH)
    if path is None:
        return
    missing = []
    if not _kpi_of(model, KpiCategory.ACTIVATION):
        missing.append("no KPI with category activation")
    if not _kpi_of(model, KpiCategory.RETENTION):
        missing.append("no KPI with category retention")
    if not any(c.self_service for c in model.support.channels):
        missing.append("no support channel with self_service: true")
    yield from _report(
        path,
        _what(path, "product-led-growth"),
        missing,
        "measure activation and retention with KPIs of those categories, and offer a "
        "self-service support channel",
    )

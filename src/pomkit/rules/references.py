"""POM2xx: references — every id a model refers to must be defined, of the right kind."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.engine import Context, Problem, rule
from pomkit.findings import Severity
from pomkit.model import (
    ID_KINDS,
    TYPED_REF_KINDS,
    FeedTarget,
    RefSite,
    kind_label,
    split_typed,
)
from pomkit.structure import nearest

_FEED_WORDS = frozenset(t.value for t in FeedTarget)
#: Kinds with their own rule; any other kind is reported by POM211.
_OWN_RULE = (
    "role",
    "team",
    "stage",
    "goal",
    "kpi",
    "tier",
    "ceremony",
    "principle",
    "channel",
    "feedback",
)


def _resolved(site: RefSite) -> list[tuple[str, str]]:
    """The (kind, id) pairs a reference must resolve to; roles-or-teams give two."""
    if site.kind == "member":
        return [("member", site.target)]
    if site.kind in ("typed", "feed"):
        if site.target in _FEED_WORDS and site.kind == "feed":
            return []
        kind, ident = split_typed(site.target)
        return [(TYPED_REF_KINDS.get(kind, kind), ident)]
    return [(site.kind, site.target)]


def _label(kind: str) -> str:
    return kind_label(kind)


def _where_defined(kind: str) -> str:
    if kind == "member":
        return "roles: or teams:"
    return ".".join(ID_KINDS.get(kind, (kind,))) + ":"


def unknown(ctx: Context, kinds: tuple[str, ...]) -> Iterator[Problem]:
    """Problems for references of ``kinds`` that name no defined id."""
    by_kind: dict[str, list[tuple[RefSite, str]]] = ctx.derived(
        "refs-by-kind", lambda: _by_kind(ctx.refs)
    )
    for kind in kinds:
        for site, ident in by_kind.get(kind, ()):
            problem = _check(ctx.ids, site, kind, ident)
            if problem is not None:
                yield problem


def _by_kind(refs: list[RefSite]) -> dict[str, list[tuple[RefSite, str]]]:
    out: dict[str, list[tuple[RefSite, str]]] = {}
    for site in refs:
        for kind, ident in _resolved(site):
            out.setdefault(kind, []).append((site, ident))
    return out


def _check(
    ids: dict[str, dict[str, tuple[str | int, ...]]], site: RefSite, kind: str, ident: str
) -> Problem | None:
    if kind == "member":
        if ident in ids.get("role", {}) or ident in ids.get("team", {}):
            return None
        known = sorted({*ids.get("role", {}), *ids.get("team", {})})
    elif ident in ids.get(kind, {}):
        return None
    else:
        known = sorted(ids.get(kind, {}))
    near = nearest(ident, known)
    hint = f"did you mean {near!r}? " if near else ""
    if not known:
        hint += f"no {_label(kind)} is defined yet; add it under {_where_defined(kind)}"
    else:
        hint += f"define it under {_where_defined(kind)} or correct the id"
    key = next(p for p in reversed(site.path) if isinstance(p, str))
    missing = (
        "but the model does not declare that principle under principles:"
        if kind == "principle"
        else f"but no {_label(kind)} has that id"
    )
    return Problem(
        site.path,
        f"{site.where} names {_label(kind)} '{ident}' in `{key}`, {missing}",
        hint,
        in_source=site.in_source,
    )


@rule(
    "POM201",
    "unknown-role",
    Severity.ERROR,
    "A reference to a role (or, for ritual participants, a team) that is not defined.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy,
         accountable: product-lead, responsible: [pm]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy,
         accountable: pm, responsible: [pm]}
    """,
)
def unknown_role(ctx: Context) -> Iterator[Problem]:
    """Owners, accountable and responsible roles, participants, facilitators, approvers
    and handoff ends all name roles by id. A name that matches no role means a RACI or
    a handoff that nobody can act on — usually a typo or a role that was renamed. The
    hint suggests the nearest defined role."""
    return unknown(ctx, ("role", "member"))


@rule(
    "POM202",
    "unknown-team",
    Severity.ERROR,
    "A reference to a team that is not defined.",
    bad="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: growth}
    """,
    good="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
    """,
)
def unknown_team(ctx: Context) -> Iterator[Problem]:
    """A role's ``team``, a team's ``parent`` and ``team:`` typed references must name a
    team under ``teams:``; otherwise team-level checks (who owns decisions, which teams
    meet) cannot see the role."""
    return unknown(ctx, ("team",))


@rule(
    "POM203",
    "unknown-stage",
    Severity.ERROR,
    "A reference to a lifecycle stage that is not defined.",
    bad="""
    handoffs:
      - {from: pm, to: po, artifact: Brief, stage: discovery}
    """,
    good="""
    handoffs:
      - {from: pm, to: po, artifact: Brief, stage: ideation}
    """,
)
def unknown_stage(ctx: Context) -> Iterator[Problem]:
    """Responsibilities and handoffs are placed on the lifecycle by stage id; a stage
    that is not under ``lifecycle.stages`` breaks the flow from ideation to retirement."""
    return unknown(ctx, ("stage",))


@rule(
    "POM204",
    "unknown-goal",
    Severity.ERROR,
    "A reference to a strategy goal that is not defined.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly, goal: grow-revenue}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly, goal: grow-usage}
    """,
)
def unknown_goal(ctx: Context) -> Iterator[Problem]:
    """KPIs and roadmap items tie work to ``strategy.goals`` by id. A dangling goal means
    a measure or a roadmap item that supports nothing the strategy says."""
    return unknown(ctx, ("goal",))


@rule(
    "POM205",
    "unknown-kpi",
    Severity.ERROR,
    "A reference to a KPI that is not defined.",
    bad="""
    feedback:
      loops:
        - {id: interviews, source: customers, owner: po, feeds: [backlog, kpi:nps]}
    """,
    good="""
    feedback:
      loops:
        - {id: interviews, source: customers, owner: po,
           feeds: [backlog, kpi:weekly-active-teams]}
    """,
)
def unknown_kpi(ctx: Context) -> Iterator[Problem]:
    """Goals list the KPIs that measure them; loops and principles point at KPIs with
    ``kpi:<id>``. A reference to an undefined KPI is a measure nobody tracks."""
    return unknown(ctx, ("kpi",))


@rule(
    "POM206",
    "unknown-tier",
    Severity.ERROR,
    "A support tier escalates to a tier that is not defined.",
    bad="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, escalates_to: tier-3}
    """,
    good="""
    support:
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, escalates_to: tier-2}
        - {id: tier-2, name: Tier 2, owner: lead}
    """,
)
def unknown_tier(ctx: Context) -> Iterator[Problem]:
    """``escalates_to`` names the next support tier; an undefined one means tickets
    escalate into nowhere."""
    return unknown(ctx, ("tier",))


@rule(
    "POM207",
    "unknown-ceremony",
    Severity.ERROR,
    "A reference to a ceremony that is not defined.",
    bad="""
    handoffs:
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: kickoff}
    """,
    good="""
    handoffs:
      - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
    """,
)
def unknown_ceremony(ctx: Context) -> Iterator[Problem]:
    """A handoff ``via`` a ceremony, or ``ceremony:<id>`` evidence, must name one of
    ``methodology.ceremonies``."""
    return unknown(ctx, ("ceremony",))


@rule(
    "POM208",
    "unknown-principle",
    Severity.ERROR,
    "A reference to a principle the model does not declare.",
    bad="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly,
         principle: data-driven}
    """,
    good="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500}, owner: pm, frequency: weekly,
         principle: continuous-improvement}
    """,
)
def unknown_principle(ctx: Context) -> Iterator[Problem]:
    """A KPI's ``principle`` (or ``principle:<id>``) must be one the model declares under
    ``principles:`` — a measure of a principle the model does not claim is either a
    missing declaration or a stale link."""
    return unknown(ctx, ("principle",))


@rule(
    "POM209",
    "unknown-channel",
    Severity.ERROR,
    "A support tier lists a channel that is not defined.",
    bad="""
    support:
      channels:
        - {id: email, name: Email}
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, channels: [chat]}
    """,
    good="""
    support:
      channels:
        - {id: email, name: Email}
      tiers:
        - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email]}
    """,
)
def unknown_channel(ctx: Context) -> Iterator[Problem]:
    """Tiers serve the channels listed under ``support.channels``; an undefined channel
    is a way in that customers cannot find."""
    return unknown(ctx, ("channel",))


@rule(
    "POM210",
    "unknown-feedback-loop",
    Severity.ERROR,
    "A `feedback:<id>` reference to a loop that is not defined.",
    bad="""
    principles:
      - {id: continuous-improvement, evidence: [feedback:surveys]}
    """,
    good="""
    principles:
      - {id: continuous-improvement, evidence: [feedback:interviews]}
    """,
)
def unknown_feedback_loop(ctx: Context) -> Iterator[Problem]:
    """Evidence and feeds may point at loops under ``feedback.loops`` as
    ``feedback:<id>``; the loop must exist."""
    return unknown(ctx, ("feedback",))


@rule(
    "POM211",
    "unknown-reference",
    Severity.ERROR,
    "A typed reference (ritual, roadmap item, responsibility, …) to nothing.",
    bad="""
    principles:
      - {id: continuous-improvement, evidence: [ritual:all-hands]}
    """,
    good="""
    principles:
      - {id: continuous-improvement, evidence: [ritual:sync]}
    """,
)
def unknown_reference(ctx: Context) -> Iterator[Problem]:
    """Typed references of the remaining kinds — ``ritual:``, ``roadmap:``,
    ``responsibility:``, ``release-stage:``, ``initiative`` … — must name an item of
    that kind."""
    others = tuple(k for k in {*TYPED_REF_KINDS.values()} if k not in _OWN_RULE)
    return unknown(ctx, others)

"""POM3xx: RACI and coverage — every activity has its roles, every role its work."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from pomkit.engine import Context, Problem, rule
from pomkit.findings import ModelPath, Severity
from pomkit.model import Element, label

#: The RACI lists a role may appear in besides ``accountable``, in reading order.
_LISTS = ("responsible", "consulted", "informed")
_ABSENT = object()
# The line breaks YAML counts (str.splitlines would also split on form feeds and shift lines).
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")


def names(ids: Sequence[str], limit: int = 5) -> str:
    """``'a', 'b', 'c'`` — at most ``limit`` ids, then how many more."""
    shown = ", ".join(f"'{i}'" for i in ids[:limit])
    more = len(ids) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def _raw(ctx: Context, path: ModelPath) -> Any:
    """The value the file itself holds at model ``path``, before the structure check."""
    node = ctx.source.data
    where = ctx.structure.remap.to_source(path) if ctx.structure is not None else path
    for part in where:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return _ABSENT
        elif not isinstance(node, dict) or part not in node:
            return _ABSENT
        node = node[part]
    return node


def _pruned(ctx: Context) -> bool:
    """Whether the loader or the structure check left anything of the file out."""
    return bool(ctx.source.issues) or (ctx.structure is not None and bool(ctx.structure.issues))


def _key_in_text(ctx: Context, path: ModelPath) -> bool:
    """Whether the file spells the key at ``path``, even if the loader dropped its value
    (a refused tag, say): the located key must start with the key's name."""
    key = path[-1]
    if not isinstance(key, str):
        return False
    where = ctx.structure.remap.to_source(path) if ctx.structure is not None else path
    line, column, _ = ctx.source.locate(where, key=True)
    lines: list[str] = ctx.derived("raci:lines", lambda: _LINE_BREAK.split(ctx.source.text))
    if not 0 < line <= len(lines):
        return False
    return lines[line - 1][column - 1 :].lstrip("\"'").startswith(key)


def written(ctx: Context, path: ModelPath) -> bool:
    """Whether the file gives a value at ``path`` that the model lacks — one the
    structure check rejected and already reported, so a "missing" rule keeps quiet."""
    if not _pruned(ctx):
        return False
    value = _raw(ctx, path)
    if value is _ABSENT:
        return bool(ctx.source.issues) and _key_in_text(ctx, path)
    return value is not None and value != [] and value != {}


def dropped(ctx: Context, path: ModelPath, kept: int) -> bool:
    """Whether items of the list at ``path`` could not be read (structure errors), so
    that a coverage rule cannot tell what the file really covers."""
    if not _pruned(ctx):
        return False
    value = _raw(ctx, path)
    return isinstance(value, list) and len(value) > kept


def raci_readable(ctx: Context) -> bool:
    """Whether every responsibility, with its roles and stage, made it into the model.

    Coverage rules wait while it is not: a responsibility that the structure check could
    not read (and reported) may be the very one that covers the role, element or stage.
    """

    def make() -> bool:
        items = ctx.model.responsibilities
        if dropped(ctx, ("responsibilities",), len(items)):
            return False
        if not _pruned(ctx):
            return True
        for i, item in enumerate(items):
            if dropped(ctx, ("responsibilities", i, "responsible"), len(item.responsible)):
                return False
            if item.stage is None and written(ctx, ("responsibilities", i, "stage")):
                return False
        return True

    return bool(ctx.derived("raci:readable", make))


def _first_roles(ctx: Context) -> Iterator[tuple[int, str]]:
    """(index, id) of each role, skipping repeats of an id (a structure error)."""
    seen: set[str] = set()
    for i, role in enumerate(ctx.model.roles):
        if role.id not in seen:
            seen.add(role.id)
            yield i, role.id


@rule(
    "POM301",
    "no-responsible",
    Severity.WARNING,
    "A responsibility lists no responsible role: nobody is named to do the work.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm]}
    """,
)
def no_responsible(ctx: Context) -> Iterator[Problem]:
    """In a RACI the accountable role answers for the outcome and the responsible roles
    do the work. A responsibility whose ``responsible`` list is missing or empty says who
    answers for the activity but not who carries it out, so in practice nobody plans
    time for it.

    Reported for each item of ``responsibilities`` with no ``responsible`` role. When the
    accountable role does the work itself, list it in ``responsible`` too — that is the
    usual ``A/R`` of a RACI chart. A list that is written but invalid is reported by the
    structure rules (POM1xx), not here."""
    for i, item in enumerate(ctx.model.responsibilities):
        if not item.responsible and not written(ctx, ("responsibilities", i, "responsible")):
            yield Problem(
                ("responsibilities", i, "responsible"),
                f"{label(item)} has no responsible role: "
                f"'{item.accountable}' is accountable, but nobody is named to do the work",
                f"list the role(s) doing the work under `responsible:` "
                f"(write `responsible: [{item.accountable}]` if the accountable role does it)",
            )


@rule(
    "POM302",
    "accountable-also-consulted",
    Severity.ERROR,
    "The accountable role of a responsibility is also listed as consulted or informed on it.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po], informed: [pm]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po], informed: [devs]}
    """,
)
def accountable_also_consulted(ctx: Context) -> Iterator[Problem]:
    """Consulted roles give input *to* the people doing the work and informed roles are
    told the outcome *by* them; the accountable role owns the outcome. A role cannot be
    asked for its opinion on, or be told about, a decision it makes itself: the chart
    contradicts itself, and usually means the wrong role was written as accountable.

    Reported for each occurrence of a responsibility's ``accountable`` role in its own
    ``consulted`` or ``informed`` list. (Being accountable *and* responsible is fine.)"""
    for i, item in enumerate(ctx.model.responsibilities):
        for key in ("consulted", "informed"):
            for j, who in enumerate(getattr(item, key)):
                if who == item.accountable:
                    yield Problem(
                        ("responsibilities", i, key, j),
                        f"role '{who}' is accountable for {label(item)} and also listed as "
                        f"{key} on it",
                        f"remove '{who}' from `{key}`, or make another role accountable "
                        f"if '{who}' should only be {key}",
                    )


@rule(
    "POM303",
    "idle-role",
    Severity.WARNING,
    "A role is neither accountable nor responsible for any responsibility.",
    bad="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
      - {id: analyst, title: Business analyst, kind: business-analyst, team: core}
    """,
    good="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def idle_role(ctx: Context) -> Iterator[Problem]:
    """Every role in the model should carry at least one activity. A role that is never
    accountable nor responsible — at most consulted or informed — has no defined work in
    the operating model: either its work is missing from the RACI, or the role is not
    needed.

    Reported for each role under ``roles`` that is not the ``accountable`` role and not
    in the ``responsible`` list of any responsibility. Owning a lifecycle stage, a KPI or
    a support tier does not count: those are reviewed by their own rules, and the work
    behind them belongs in the RACI. A model with no responsibilities at all is left to
    POM304. While a responsibility cannot be read because of a structure error (POM1xx),
    the rule waits: the broken item may be the one that gives the role its work."""
    model = ctx.model
    if not model.responsibilities or not raci_readable(ctx):
        return
    org = ctx.org
    for i, role in _first_roles(ctx):
        if org.carries(role):
            continue
        other = sorted({a.responsibility.id for a in org.assignments.get(role, ())})
        also = f" (only consulted or informed on {names(other, 3)})" if other else ""
        yield Problem(
            ("roles", i),
            f"role '{role}' is neither accountable nor responsible for any responsibility{also}",
            "make it accountable or responsible for the activities it carries under "
            "`responsibilities:`, or remove the role if the model does not need it",
        )


@rule(
    "POM304",
    "element-uncovered",
    Severity.WARNING,
    "One of the seven elements of the operating model has no responsibility.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
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
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
)
def element_uncovered(ctx: Context) -> Iterator[Problem]:
    """An operating model has seven elements — strategy, methodology, release, support,
    feedback, KPIs (performance monitoring) and collaboration. Each needs someone who
    answers for it; an element without any responsibility is described in the file but
    owned by nobody.

    Reported once for each element that no responsibility names in its ``element``, at
    ``responsibilities`` (or at the top of the file when there is no such section). A
    model with no responsibilities at all gets a single finding saying so. While a
    responsibility cannot be read because of a structure error (POM1xx), the rule
    waits: the broken item may be the one that covers the element."""
    model = ctx.model
    if not raci_readable(ctx):
        return
    if not model.responsibilities:
        yield Problem(
            ("responsibilities",),
            "the model has no responsibilities, so none of the seven elements has an "
            "accountable role",
            "add a RACI under `responsibilities:` with at least one activity for each "
            "element: " + ", ".join(e.value for e in Element),
        )
        return
    by_element = ctx.org.by_element
    for element in Element:
        if not by_element.get(element):
            yield Problem(
                ("responsibilities",),
                f"no responsibility covers the '{element.value}' element: nobody is "
                f"accountable for the model's {element.value}",
                f"add a responsibility with `element: {element.value}` and an accountable role",
            )


@rule(
    "POM305",
    "stage-without-owner",
    Severity.WARNING,
    "A lifecycle stage has no owner.",
    bad="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: development, name: Development}
        - {id: delivery, name: Delivery, owner: lead}
        - {id: support, name: Support, owner: support-lead}
        - {id: retirement, name: Retirement, owner: pm}
    """,
    good="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: development, name: Development, owner: po}
        - {id: delivery, name: Delivery, owner: lead}
        - {id: support, name: Support, owner: support-lead}
        - {id: retirement, name: Retirement, owner: pm}
    """,
)
def stage_without_owner(ctx: Context) -> Iterator[Problem]:
    """Work passes through the lifecycle stage by stage; each stage needs one role that
    decides when its exit criteria are met and the work moves on. A stage without an
    ``owner`` is a place where work waits without anyone noticing.

    Reported for each stage under ``lifecycle.stages`` with no ``owner`` (an owner that
    is written but invalid is reported by the structure rules, POM1xx, not here)."""
    for i, stage in enumerate(ctx.model.lifecycle.stages):
        if stage.owner is None and not written(ctx, ("lifecycle", "stages", i, "owner")):
            yield Problem(
                ("lifecycle", "stages", i, "owner"),
                f"lifecycle {label(stage)} has no owner: nobody decides when work leaves it",
                "set `owner:` to the role that answers for the stage's exit criteria",
            )


@rule(
    "POM306",
    "stage-without-work",
    Severity.WARNING,
    "A lifecycle stage has no responsibility placed on it.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, accountable: pm,
         responsible: [lead]}
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
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
)
def stage_without_work(ctx: Context) -> Iterator[Problem]:
    """A lifecycle stage on which no activity happens is either missing its work in the
    RACI or not a real stage of this product. Retirement is the classic gap: every
    model lists it, few say who migrates the users.

    Reported for each stage under ``lifecycle.stages`` that no responsibility names in
    its ``stage``. When responsibilities exist but none is placed on any stage, one
    finding at ``responsibilities`` says so instead of one per stage. A model with no
    responsibilities at all is left to POM304. While a responsibility cannot be read
    because of a structure error (POM1xx), the rule waits: the broken item may be the
    one that is placed on the stage."""
    model = ctx.model
    if not model.responsibilities or not model.lifecycle.stages or not raci_readable(ctx):
        return
    by_stage = ctx.org.by_stage
    if not by_stage:
        yield Problem(
            ("responsibilities",),
            "no responsibility names a lifecycle stage, so the RACI says nothing about "
            "who works at which stage of the lifecycle",
            "place each responsibility on a stage with `stage: <id>` (stages: "
            + names([s.id for s in model.lifecycle.stages])
            + ")",
        )
        return
    for i, stage in enumerate(model.lifecycle.stages):
        if not by_stage.get(stage.id):
            yield Problem(
                ("lifecycle", "stages", i),
                f"no responsibility is placed on lifecycle {label(stage)}: the RACI names "
                "no work for it",
                f"add a responsibility with `stage: {stage.id}`, or remove the stage if "
                "the product does not go through it",
            )


@rule(
    "POM307",
    "accountability-overload",
    Severity.WARNING,
    "A role is accountable for more than a configurable share of all responsibilities.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: plan-roadmap, activity: Plan the roadmap, element: strategy, stage: ideation,
         accountable: pm, responsible: [po], consulted: [lead]}
      - {id: refine-backlog, activity: Refine the backlog, element: methodology,
         stage: development, accountable: po, responsible: [po, devs]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: sm, responsible: [devs, sm]}
      - {id: run-retros, activity: Run retrospectives, element: methodology,
         stage: development, accountable: sm, responsible: [sm]}
      - {id: design-architecture, activity: Design the architecture, element: methodology,
         stage: development, accountable: lead, responsible: [devs]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: pm, responsible: [po]}
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
      - {id: plan-roadmap, activity: Plan the roadmap, element: strategy, stage: ideation,
         accountable: po, responsible: [po], consulted: [lead]}
      - {id: refine-backlog, activity: Refine the backlog, element: methodology,
         stage: development, accountable: po, responsible: [po, devs]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: sm, responsible: [devs, sm]}
      - {id: run-retros, activity: Run retrospectives, element: methodology,
         stage: development, accountable: sm, responsible: [sm]}
      - {id: design-architecture, activity: Design the architecture, element: methodology,
         stage: development, accountable: lead, responsible: [devs]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
    options={"max_share": 0.25, "min_responsibilities": 10},
)
def accountability_overload(ctx: Context) -> Iterator[Problem]:
    """When one role answers for a large part of everything, decisions queue up behind
    it and the model only scales as far as that role's calendar.

    Reported for each role that is the ``accountable`` role of more than ``max_share``
    (default 0.25, i.e. 25 %) of all responsibilities, counted over the whole file.
    The rule applies only when the model has at least ``min_responsibilities``
    (default 10) responsibilities: a small model concentrates naturally — with six
    activities, a product manager accountable for two already holds a third, and one
    added or removed line would swing the share past any threshold. For one person
    carrying many activities whatever the model's size, see POM308. While a
    responsibility cannot be read because of a structure error (POM1xx), the rule
    waits: the broken item would change the share.

    Fix it by handing accountability for some activities to the roles doing the work
    (a product owner for the backlog, a tech lead for releases), or raise the options
    under ``rules: {POM307: {max_share: 0.3}}`` if the concentration is deliberate."""
    model = ctx.model
    total = len(model.responsibilities)
    max_share = float(ctx.options["max_share"])
    if total < int(ctx.options["min_responsibilities"]) or not raci_readable(ctx):
        return
    org = ctx.org
    for i, role in _first_roles(ctx):
        owned = org.accountable_for.get(role, [])
        if len(owned) > max_share * total:
            yield Problem(
                ("roles", i),
                f"role '{role}' is accountable for {len(owned)} of {total} responsibilities "
                f"({len(owned) / total:.1%}), more than the {max_share:.0%} one role should "
                f"carry: {names([model.responsibilities[j].id for j in owned])}",
                "make the roles doing the work accountable for some of these activities, "
                "or raise `max_share` for POM307 if the concentration is deliberate",
            )


@rule(
    "POM308",
    "bus-factor",
    Severity.WARNING,
    "A role filled by one person is accountable for many responsibilities.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: plan-roadmap, activity: Plan the roadmap, element: strategy, stage: ideation,
         accountable: pm, responsible: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: pm, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: pm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: plan-roadmap, activity: Plan the roadmap, element: strategy, stage: ideation,
         accountable: pm, responsible: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
    options={"max_accountable": 5},
)
def bus_factor(ctx: Context) -> Iterator[Problem]:
    """A role filled by a single person that answers for many activities is a bus-factor
    risk: holidays, illness or departure stop all of them at once, and nobody else has
    the mandate to decide.

    Reported for each role with ``people: 1`` (the default when ``people`` is not
    written) that is the ``accountable`` role of more than ``max_accountable``
    (default 5) responsibilities. Unlike POM307 this counts activities, not a share, so
    it applies to models of any size.

    Fix it by delegating accountability for some activities, or — if more than one
    person really fills the role — by saying so with ``people:``."""
    limit = int(ctx.options["max_accountable"])
    org = ctx.org
    model = ctx.model
    for i, role in _first_roles(ctx):
        owned = org.accountable_for.get(role, [])
        if len(owned) > limit and org.roles[role].people == 1:
            yield Problem(
                ("roles", i),
                f"role '{role}' is one person (people: 1) and accountable for {len(owned)} "
                f"responsibilities, more than {limit}: "
                f"{names([model.responsibilities[j].id for j in owned])}",
                "delegate accountability for some of these activities to other roles, or "
                "set `people:` if more than one person fills the role",
            )


@rule(
    "POM309",
    "duplicate-raci-role",
    Severity.WARNING,
    "The same role is listed twice among a responsibility's responsible, consulted and "
    "informed roles.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po, lead], informed: [po]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po, lead], informed: [devs]}
    """,
)
def duplicate_raci_role(ctx: Context) -> Iterator[Problem]:
    """Each role has one part in an activity: it does the work (R), gives input (C) or is
    told the outcome (I). A role listed twice — twice in one list, or in two of them —
    leaves readers unsure which part it plays; the stronger part is usually meant.

    Reported once per responsibility and role that appears more than once across
    ``responsible``, ``consulted`` and ``informed``, at its second listing. The
    ``accountable`` role is not counted here: listing it as consulted or informed is
    POM302, and listing it as responsible is normal."""
    for i, item in enumerate(ctx.model.responsibilities):
        first: dict[str, str] = {}
        reported: set[str] = set()
        for key in _LISTS:
            for j, who in enumerate(getattr(item, key)):
                if who == item.accountable and key != "responsible":
                    continue  # POM302
                if who not in first:
                    first[who] = key
                    continue
                if who in reported:
                    continue
                reported.add(who)
                where = (
                    f"twice in `{key}`"
                    if first[who] == key
                    else (f"in `{first[who]}` and in `{key}`")
                )
                yield Problem(
                    ("responsibilities", i, key, j),
                    f"role '{who}' is listed {where} of {label(item)}",
                    f"keep '{who}' in one list only — the part it really plays "
                    "(responsible does the work, consulted gives input, informed is told)",
                )

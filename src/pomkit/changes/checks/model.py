"""Model-wide changes (DIFF01x–02x): type, archetypes, principles, process and owners."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.changes.compare import Comparison, Delta, Pair, shown
from pomkit.changes.core import Found, check, deltas, removed
from pomkit.changes.records import Level
from pomkit.durations import Duration

#: Items with an ``owner`` field (a role), where owning means answering for it.
OWNED_KINDS = (
    "stage",
    "kpi",
    "tier",
    "goal",
    "roadmap",
    "feedback",
    "release-stage",
    "initiative",
)
#: Model fields that name an owner role (the document's owner is metadata, DIFF006).
MODEL_OWNERS = ("release.prioritization.owner",)


@check(
    "DIFF010",
    "model-type-changed",
    Level.NOTABLE,
    "The model's type changed (centralized, hybrid, platform, …).",
    new="type: hybrid\n",
)
def model_type_changed(cmp: Comparison) -> Iterator[Found]:
    """The type says how decisions are spread across teams, and it brings its own
    consistency checks (POM7xx). Changing it changes what the organisation promises."""
    delta = cmp.model.delta("type")
    if delta is not None:
        yield Found(
            cmp.model,
            "changed",
            f"model type {shown(delta.before)} → {shown(delta.after)}",
            "type",
            delta.before,
            delta.after,
        )


def _members(pair: Pair, key: str) -> tuple[Delta | None, list[object], list[object]]:
    delta = pair.delta(key)
    if delta is None:
        return None, [], []
    return delta, delta.lost(), delta.gained()


@check(
    "DIFF011",
    "archetype-dropped",
    Level.NOTABLE,
    "The model no longer follows an archetype (agile, lean startup, …).",
    new="archetypes: []\n",
)
def archetype_dropped(cmp: Comparison) -> Iterator[Found]:
    """An archetype is a promise about how the product is built and run (and brings its
    checks, POM7xx). Dropping one is a change of approach reviewers should see."""
    _delta, lost, _gained = _members(cmp.model, "archetypes")
    for name in lost:
        yield Found(cmp.model, "removed", f"archetype '{name}' dropped", "archetypes", before=name)


@check(
    "DIFF012",
    "archetype-added",
    Level.INFO,
    "The model now follows another archetype.",
    new="archetypes: [agile, lean-startup]\n",
)
def archetype_added(cmp: Comparison) -> Iterator[Found]:
    """A new archetype adds its consistency checks (POM7xx) to the model; `pomkit validate`
    tells whether the model lives up to it."""
    _delta, _lost, gained = _members(cmp.model, "archetypes")
    for name in gained:
        yield Found(cmp.model, "added", f"archetype '{name}' added", "archetypes", after=name)


@check(
    "DIFF013",
    "principle-dropped",
    Level.NOTABLE,
    "A declared principle was dropped.",
    new="principles: []\n",
)
def principle_dropped(cmp: Comparison) -> Iterator[Found]:
    """A principle the model declared (customer-centricity, transparency, …) is no longer
    declared: the organisation stops promising it, and its evidence is no longer checked."""
    for pair in removed(cmp, "principle"):
        yield Found(pair, "removed", f"principle '{pair.item.ident}' dropped", before=pair.ident)


def _pace(before: object, after: object) -> str:
    """``longer`` or ``shorter`` for two durations, else ``changed``."""
    if isinstance(before, Duration) and isinstance(after, Duration):
        return "longer" if after > before else "shorter"
    if before is None:
        return "set"
    if after is None:
        return "dropped"
    return "changed"


@check(
    "DIFF014",
    "methodology-changed",
    Level.NOTABLE,
    "The development framework or the iteration length changed.",
    new="""
    methodology:
      framework: kanban
      iteration: 1w
      ceremonies:
        - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
        - {id: review, name: Sprint review, type: review, cadence: 2w, facilitator: po,
           participants: [devs, pm]}
        - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, facilitator: sm,
           participants: [po, devs]}
      definition_of_done: [Reviewed, Tested, Released]
    """,
)
def methodology_changed(cmp: Comparison) -> Iterator[Found]:
    """Every team plans by the framework and the iteration: moving from Scrum to Kanban,
    or from two-week to one-week sprints, changes every team's calendar."""
    for key in ("methodology.framework", "methodology.iteration"):
        delta = cmp.model.delta(key)
        if delta is not None:
            how = _pace(delta.before, delta.after) if key.endswith("iteration") else "changed"
            yield Found(
                cmp.model,
                "changed",
                f"{key} {shown(delta.before)} → {shown(delta.after)} ({how})",
                key,
                delta.before,
                delta.after,
            )


@check(
    "DIFF015",
    "release-process-changed",
    Level.NOTABLE,
    "The release strategy, release cadence or prioritization framework changed.",
    new="""
    release:
      strategy: continuous-delivery
      cadence: daily
      prioritization: {framework: RICE, owner: po}
      stages:
        - {id: build, name: Build, owner: lead, automated: true}
    """,
)
def release_process_changed(cmp: Comparison) -> Iterator[Found]:
    """How and how often the product ships, and how work is ordered: release trains,
    on-demand releases, RICE or WSJF. Everyone who plans around a release notices."""
    for key in ("release.strategy", "release.cadence", "release.prioritization.framework"):
        delta = cmp.model.delta(key)
        if delta is not None:
            how = _pace(delta.before, delta.after) if key.endswith("cadence") else "changed"
            yield Found(
                cmp.model,
                "changed",
                f"{key} {shown(delta.before)} → {shown(delta.after)} ({how})",
                key,
                delta.before,
                delta.after,
            )


def _owner_deltas(cmp: Comparison) -> Iterator[tuple[Pair, str, Delta]]:
    for pair, delta in deltas(cmp, OWNED_KINDS, "owner"):
        yield pair, "owner", delta
    for key in MODEL_OWNERS:
        found = cmp.model.delta(key)
        if found is not None:
            yield cmp.model, key, found


def _owned(pair: Pair, key: str) -> str:
    if pair.kind == "model":
        return key.rsplit(".", 1)[0].replace(".", " ")
    return pair.item.label


@check(
    "DIFF020",
    "owner-changed",
    Level.NOTABLE,
    "Another role now owns a stage, KPI, support tier, goal, loop or release stage.",
    new="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: po, frequency: weekly,
         goal: grow-usage}
    """,
)
def owner_changed(cmp: Comparison) -> Iterator[Found]:
    """Ownership moved from one role to another: the old owner stops answering for the
    item and the new one starts. Both should know."""
    for pair, key, delta in _owner_deltas(cmp):
        if delta.before is not None and delta.after is not None:
            yield Found(
                pair,
                "changed",
                f"{_owned(pair, key)}: owner {shown(delta.before)} → {shown(delta.after)}",
                key,
                delta.before,
                delta.after,
            )


@check(
    "DIFF021",
    "owner-removed",
    Level.NOTABLE,
    "A stage, KPI, support tier, goal, loop or release stage lost its owner.",
    new="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, frequency: weekly, goal: grow-usage}
    """,
)
def owner_removed(cmp: Comparison) -> Iterator[Found]:
    """Nobody owns the item any more: which stage lost its owner is one of the first things
    a reviewer looks for. The role that owned it loses that accountability."""
    for pair, key, delta in _owner_deltas(cmp):
        if delta.before is not None and delta.after is None:
            yield Found(
                pair,
                "removed",
                f"{_owned(pair, key)} lost its owner {shown(delta.before)}",
                key,
                delta.before,
                None,
            )


@check(
    "DIFF022",
    "owner-added",
    Level.INFO,
    "A stage, KPI, support tier, goal, loop or release stage now has an owner.",
    old="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, frequency: weekly, goal: grow-usage}
    """,
    new="""
    kpis:
      - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
         target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
         goal: grow-usage}
    """,
)
def owner_added(cmp: Comparison) -> Iterator[Found]:
    """Something that had no owner now has one: good news, and news for that role."""
    for pair, key, delta in _owner_deltas(cmp):
        if delta.before is None and delta.after is not None:
            yield Found(
                pair,
                "added",
                f"{_owned(pair, key)} now owned by {shown(delta.after)}",
                key,
                None,
                delta.after,
            )

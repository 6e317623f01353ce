"""Generic changes (DIFF00x): additions, removals and renames of any item, text, other fields,
and references a rename left behind."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.changes.checks._base import KPIS, edit
from pomkit.changes.compare import KINDS, Comparison, Pair, StaleRef, display_id, short
from pomkit.changes.core import Found, added, check, lookalike_hint, removed
from pomkit.changes.records import Level
from pomkit.model import kind_label

#: Fields whose change is wording, not organisation.
TEXT_KEYS = frozenset(
    {
        "name",
        "title",
        "description",
        "activity",
        "statement",
        "mission",
        "purpose",
        "vision",
        "practices",
        "exit_criteria",
        "definition_of_done",
        "definition_of_ready",
        "hypothesis",
        "artifact",
    }
)


def _where(pair: Pair) -> str:
    """How a field change names its item: ``role 'pm': `` (nothing for the model's own)."""
    return "" if pair.kind == "model" else f"{pair.item.label}: "


@check(
    "DIFF001",
    "item-added",
    Level.INFO,
    "An item was added.",
    new="""
    collaboration:
      rituals:
        - {id: sync, name: Product sync, cadence: weekly, participants: [pm, lead, support-lead]}
        - {id: demo-day, name: Demo day, cadence: monthly, participants: [core]}
    """,
    fallback=True,
)
def item_added(cmp: Comparison) -> Iterator[Found]:
    """Something new in the model: a role, a KPI, a ritual… Nobody relied on it yet, so an
    addition is information. When the new item looks like one that was removed (the same
    title, or the same kind of role), the hint asks whether it is a rename: declare it with
    `renamed_from` and the diff reports one rename instead."""
    for kind in KINDS:
        for pair in added(cmp, kind):
            yield Found(
                pair,
                "added",
                f"{pair.item.label} added",
                after=display_id(pair.item.ident),
                hint=lookalike_hint(cmp, pair),
            )


@check(
    "DIFF002",
    "item-removed",
    Level.NOTABLE,
    "An item was removed (of a kind no more specific check covers).",
    new="""
    collaboration:
      rituals: []
    """,
    fallback=True,
)
def item_removed(cmp: Comparison) -> Iterator[Found]:
    """A team, goal, roadmap item, channel, ceremony, ritual, feedback loop, release stage or
    initiative is gone. People who took part in it or planned by it should know. Removals
    of roles, responsibilities, stages, tiers, KPIs, principles and handoffs have checks of
    their own. An item that only failed to load in NEW is never reported as removed."""
    for kind in KINDS:
        for pair in removed(cmp, kind):
            yield Found(
                pair,
                "removed",
                f"{pair.item.label} removed",
                before=display_id(pair.item.ident),
                hint=lookalike_hint(cmp, pair),
            )


@check(
    "DIFF003",
    "item-renamed",
    Level.INFO,
    "An item was renamed, declared with `renamed_from`.",
    new="""
    collaboration:
      rituals:
        - {id: product-sync, renamed_from: sync, name: Product sync, cadence: weekly,
           participants: [pm, lead, support-lead]}
    """,
)
def item_renamed(cmp: Comparison) -> Iterator[Found]:
    """An id changed and NEW says so with `renamed_from: <old-id>`. The rename is one
    change; references to the old id that now name the new one are not changes at all."""
    for kind in KINDS:
        for pair in cmp.of(kind):
            if pair.renamed and pair.old is not None and pair.new is not None:
                old_id, new_id = pair.old.ident, pair.new.ident
                yield Found(
                    pair,
                    "renamed",
                    f"{pair.old.label} renamed to '{display_id(new_id)}'",
                    before=display_id(old_id),
                    after=display_id(new_id),
                )


@check(
    "DIFF004",
    "text-changed",
    Level.INFO,
    "A title, name, description or other wording changed.",
    new="""
    collaboration:
      rituals:
        - {id: sync, name: Weekly product sync, cadence: weekly,
           participants: [pm, lead, support-lead]}
    """,
    fallback=True,
)
def text_changed(cmp: Comparison) -> Iterator[Found]:
    """Wording: names, titles, descriptions, missions, practices, exit criteria, the
    definition of done. Worth a look, but no one's work changes with it."""
    for pair in cmp.all_pairs():
        for key, delta in pair.deltas.items():
            if key.rsplit(".", 1)[-1] in TEXT_KEYS:
                yield Found(
                    pair,
                    "changed",
                    f"{_where(pair)}{key}: {short(delta.before)} → {short(delta.after)}",
                    key,
                    delta.before,
                    delta.after,
                )


@check(
    "DIFF005",
    "field-changed",
    Level.INFO,
    "Any other field changed.",
    new="""
    teams:
      - {id: core, name: Core team, type: platform}
    """,
    fallback=True,
)
def field_changed(cmp: Comparison) -> Iterator[Found]:
    """Every other difference in a field no more specific check covers: a team's type, a
    responsibility's stage, a channel's hours, a goal's horizon… Reported so that the
    list is complete; the more specific checks give the changes that matter a level."""
    for pair in cmp.all_pairs():
        for key, delta in pair.deltas.items():
            if key.rsplit(".", 1)[-1] not in TEXT_KEYS:
                yield Found(
                    pair,
                    "changed",
                    f"{_where(pair)}{key}: {short(delta.before)} → {short(delta.after)}",
                    key,
                    delta.before,
                    delta.after,
                )


@check(
    "DIFF006",
    "metadata-changed",
    Level.INFO,
    "The document's metadata changed: version, date, title, owner.",
    new="""
    metadata:
      name: example
      title: Example product
      owner: pm
      version: "1.1"
    """,
)
def metadata_changed(cmp: Comparison) -> Iterator[Found]:
    """The document's own metadata: its version, review date, title, owner and
    description. Expected in most pull requests; information only."""
    for key, delta in cmp.model.deltas.items():
        if key.startswith("metadata."):
            yield Found(
                cmp.model,
                "changed",
                f"{key}: {short(delta.before)} → {short(delta.after)}",
                key,
                delta.before,
                delta.after,
            )


def left_behind(ref: StaleRef) -> str:
    """A stale reference in plain words (see :class:`~pomkit.changes.compare.StaleRef`)."""
    kind = kind_label(ref.kind)
    if ref.side == "new":
        return (
            f"still names '{ref.value}', which the rename to '{ref.new_id}' took away: "
            f"in NEW it names no {kind}"
        )
    return (
        f"names '{ref.value}' in both versions: no {kind} had that id in OLD; in NEW it is "
        f"the {kind} renamed from '{ref.old_id}'"
    )


@check(
    "DIFF007",
    "reference-left-behind",
    Level.NOTABLE,
    "A reference still names the old id of a renamed item.",
    new=edit(
        KPIS, "id: weekly-active-teams,", "id: active-teams, renamed_from: weekly-active-teams,"
    ),
)
def reference_left_behind(cmp: Comparison) -> Iterator[Found]:
    """An item was renamed with `renamed_from`, but a reference to it still names the old
    id: in NEW that reference names nothing (`pomkit validate` reports it as an unknown
    id), so whatever it linked — an accountable role, a participant, a KPI of a goal — is
    no longer linked. The message says so in plain words instead of showing the same id
    before and after; write the new id. (The other way round — OLD naming an id that only
    NEW's rename gives — is reported too.) A support tier that still escalates to a
    renamed tier's old id is a broken escalation, DIFF406."""
    for pair in cmp.all_pairs():
        for key, found in pair.stale.items():
            for ref in found:
                if pair.kind == "tier" and key == "escalates_to" and ref.side == "new":
                    continue  # a broken escalation: DIFF406
                yield Found(
                    pair,
                    "changed",
                    f"{_where(pair)}{key} {left_behind(ref)}",
                    key,
                    ref.value,
                    ref.value,
                    hint=f"write '{ref.replacement}'" if ref.side == "new" else None,
                    # The field's other differences, if any, are reported as usual.
                    claim=False,
                )

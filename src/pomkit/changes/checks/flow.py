"""Changes to how work flows (DIFF3xx): lifecycle stages removed or reordered, handoffs."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.changes.checks._base import HANDOFFS, LIFECYCLE, edit
from pomkit.changes.compare import Comparison, display_id, shown
from pomkit.changes.core import Found, check, lookalike_hint, removed
from pomkit.changes.records import Level


@check(
    "DIFF301",
    "stage-removed",
    Level.BREAKING,
    "A lifecycle stage was removed.",
    new=edit(LIFECYCLE, "    - {id: support, name: Support, owner: support-lead}\n", ""),
)
def stage_removed(cmp: Comparison) -> Iterator[Found]:
    """A stage of the lifecycle is gone: the work placed on it, its owner's accountability
    and its exit criteria no longer have a place. Whoever relied on passing through it
    can no longer."""
    for pair in removed(cmp, "stage"):
        assert pair.old is not None
        work = len(cmp.old.org.by_stage.get(pair.old.ident, ()))
        more = f" ({work} {'responsibility' if work == 1 else 'responsibilities'} were on it)"
        yield Found(
            pair,
            "removed",
            f"{pair.item.label} removed" + (more if work else ""),
            before=pair.ident,
            hint=lookalike_hint(cmp, pair),
        )


@check(
    "DIFF302",
    "stages-reordered",
    Level.BREAKING,
    "Lifecycle stages that are in both versions come in another order.",
    new=edit(
        LIFECYCLE,
        """    - {id: development, name: Development, owner: po}
    - {id: delivery, name: Delivery, owner: lead}
""",
        """    - {id: delivery, name: Delivery, owner: lead}
    - {id: development, name: Development, owner: po}
""",
    ),
)
def stages_reordered(cmp: Comparison) -> Iterator[Found]:
    """The lifecycle is ordered, ideation first: moving a stage changes when its work
    happens and what comes before it, for everyone on either side of it. Only the stages in
    both versions are compared; added and removed stages are changes of their own."""
    both = [p for p in cmp.of("stage") if p.old is not None and p.new is not None]
    before = [p.old.ident for p in sorted(both, key=lambda p: p.old.position)]  # type: ignore[union-attr]
    after = [p.new.ident for p in sorted(both, key=lambda p: p.new.position)]  # type: ignore[union-attr]
    followed = [cmp.renames.follow("stage", ident) for ident in before]
    if followed != after:
        yield Found(
            cmp.model,
            "changed",
            f"lifecycle stages reordered: {', '.join(before)} → {', '.join(after)}",
            "lifecycle.stages",
            before,
            after,
        )


@check(
    "DIFF303",
    "handoff-removed",
    Level.NOTABLE,
    "A handoff was removed.",
    new=edit(
        HANDOFFS, "  - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}\n", ""
    ),
)
def handoff_removed(cmp: Comparison) -> Iterator[Found]:
    """A role no longer passes this work to another: the receiver stops getting it, and
    the flow from the first stage to the last may break (POM402 tells)."""
    for pair in removed(cmp, "handoff"):
        yield Found(
            pair,
            "removed",
            f"{pair.item.label} removed",
            before=display_id(pair.ident),
            hint=lookalike_hint(cmp, pair),
        )


@check(
    "DIFF304",
    "handoff-rerouted",
    Level.NOTABLE,
    "A handoff now goes from or to another role.",
    new=edit(HANDOFFS, "{from: support-lead, to: pm,", "{from: support-lead, to: po,"),
)
def handoff_rerouted(cmp: Comparison) -> Iterator[Found]:
    """The same artifact now comes from, or goes to, another role: a handoff with an id whose
    `from` or `to` changed, or — without ids — a lone removed and added handoff of the
    same artifact and stage that share one end. Both roles' inboxes change."""
    for pair in cmp.of("handoff"):
        if pair.old is None or pair.new is None:
            continue
        for key in ("from", "to"):
            delta = pair.delta(key)
            if delta is not None:
                yield Found(
                    pair,
                    "changed",
                    f"handoff of {shown(pair.new.value('artifact'))!r} re-routed: {key} "
                    f"{shown(delta.before)} → {shown(delta.after)}",
                    key,
                    delta.before,
                    delta.after,
                )

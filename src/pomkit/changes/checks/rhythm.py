"""Changes to the organisation's rhythm (DIFF6xx): ceremonies' and rituals' cadence, attendance."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.changes.checks._base import RITUALS, edit
from pomkit.changes.compare import Comparison, shown
from pomkit.changes.core import Found, check, deltas
from pomkit.changes.records import Level
from pomkit.durations import Duration

_MEETINGS = ("ceremony", "ritual")


@check(
    "DIFF601",
    "cadence-changed",
    Level.NOTABLE,
    "A ceremony or ritual meets more or less often.",
    new=edit(RITUALS, "cadence: weekly", "cadence: biweekly"),
)
def cadence_changed(cmp: Comparison) -> Iterator[Found]:
    """Everyone who attends has a new calendar. Cadences compare by length: `2w`, `P2W`
    and `biweekly` are the same cadence."""
    for pair, delta in deltas(cmp, _MEETINGS, "cadence"):
        before, after = delta.before, delta.after
        if isinstance(before, Duration) and isinstance(after, Duration):
            how = " (less often)" if after > before else " (more often)"
        else:
            how = ""
        yield Found(
            pair,
            "changed",
            f"{pair.item.label}: cadence {shown(before)} → {shown(after)}{how}",
            "cadence",
            before,
            after,
        )


@check(
    "DIFF602",
    "participants-changed",
    Level.NOTABLE,
    "Who attends or facilitates a ceremony or ritual changed.",
    new=edit(RITUALS, "participants: [pm, lead, support-lead]", "participants: [pm, lead]"),
)
def participants_changed(cmp: Comparison) -> Iterator[Found]:
    """Roles that no longer attend lose a place where decisions and handoffs happen (and a
    handoff `via` this meeting may no longer be attended, POM406); roles that now attend
    gain one. Participants compare as sets."""
    for pair, delta in deltas(cmp, _MEETINGS, "participants"):
        lost, gained = delta.lost(), delta.gained()
        parts = []
        if lost:
            parts.append("no longer: " + ", ".join(str(r) for r in lost))
        if gained:
            parts.append("now: " + ", ".join(str(r) for r in gained))
        yield Found(
            pair,
            "changed",
            f"{pair.item.label}: participants changed ({'; '.join(parts)})",
            "participants",
            delta.before,
            delta.after,
        )
    for pair, delta in deltas(cmp, ("ceremony",), "facilitator"):
        yield Found(
            pair,
            "changed",
            f"{pair.item.label}: facilitator {shown(delta.before)} → {shown(delta.after)}",
            "facilitator",
            delta.before,
            delta.after,
        )

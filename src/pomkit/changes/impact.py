"""Impact per role: what each role gains and loses between OLD and NEW.

Read from each side's holdings (:mod:`pomkit.changes.holdings`): the responsibilities a
role is accountable or responsible for, the handoffs it sends or receives, and the KPIs,
support tiers and lifecycle stages it owns — from every item of the file, kept in the
model or not, field by field. OLD's ids are read through declared renames, so a renamed
activity is neither gained nor lost.

A gain or a loss is listed only when both sides can tell it: an item that only failed to
load on either side (a bad enum, a scalar instead of a mapping, an unknown key, a quoted
number) is neither gained nor lost, and neither is any id whose holder a side cannot read
— an item whose role field is invalid, or, for an id one side lacks, an item of that side
whose identity cannot be read and that may name the role.
"""

from __future__ import annotations

from pomkit.changes.compare import Comparison
from pomkit.changes.holdings import holdings_of
from pomkit.changes.records import ASPECTS, Impact


def impacts(cmp: Comparison) -> list[Impact]:
    """Every role whose holdings differ, in NEW's role order, removed roles last."""
    before, after = holdings_of(cmp)
    out: list[Impact] = []
    order: list[tuple[str, str, str | None]] = []
    for pair in cmp.of("role"):
        status = {"added": "added", "removed": "removed"}.get(pair.status, "kept")
        if pair.renamed:
            status = "renamed"
        new_id = pair.new.ident if pair.new is not None else None
        old_id = pair.old.ident if pair.old is not None else None
        key = new_id if new_id is not None else cmp.renames.follow("role", old_id or "")
        order.append((key, status, old_id if pair.renamed else None))
    listed = {key for key, _status, _old in order}
    # Roles named in the work but defined on neither side still gain and lose.
    for key in sorted((set(before.held) | set(after.held)) - listed):
        order.append((key, "kept", None))
    for key, status, old_id in order:
        gains, losses = [], []
        for aspect, _one, _many in ASPECTS:
            old_ids, new_ids = before.of(key, aspect), after.of(key, aspect)
            known = [
                ident
                for ident in new_ids ^ old_ids
                if before.knows(key, aspect, ident) and after.knows(key, aspect, ident)
            ]
            gained = sorted(i for i in known if i in new_ids)
            lost = sorted(i for i in known if i in old_ids)
            if gained:
                gains.append((aspect, tuple(gained)))
            if lost:
                losses.append((aspect, tuple(lost)))
        if gains or losses or status in ("added", "removed", "renamed"):
            out.append(Impact(key, status, tuple(gains), tuple(losses), old_id))
    return out

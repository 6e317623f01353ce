"""Impact per role: what each role gains and loses between OLD and NEW.

Read from each side's :class:`~pomkit.domain.organisation.Organisation` (RACI assignments)
and its owners (KPIs, support tiers, lifecycle stages) and handoffs. OLD's ids are read
through declared renames, so a renamed activity is neither gained nor lost.
"""

from __future__ import annotations

from collections import defaultdict

from pomkit.changes.compare import Comparison, Renames, Side, ends_text
from pomkit.changes.records import ASPECTS, Impact


def holdings(side: Side, renames: Renames | None = None) -> dict[str, dict[str, set[str]]]:
    """role → aspect → ids it holds on ``side`` (OLD's ids followed through ``renames``)."""

    def same(kind: str, ident: str) -> str:
        return renames.follow(kind, ident) if renames is not None else ident

    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    model = side.model
    for role, assignments in side.org.assignments.items():
        for assignment in assignments:
            letter = {"A": "accountable", "R": "responsible"}.get(assignment.letter)
            if letter is not None:
                ident = same("responsibility", assignment.responsibility.id)
                out[same("role", role)][letter].add(ident)
    for handoff in model.handoffs:
        from_, to = same("role", handoff.from_), same("role", handoff.to)
        if handoff.id is not None:
            ident = same("handoff", handoff.id)
        else:
            where = same("stage", handoff.stage) if handoff.stage else None
            ident = ends_text(from_, to, handoff.artifact, where)
        out[from_]["handoffs"].add(ident)
        out[to]["handoffs"].add(ident)
    for kpi in model.kpis:
        if kpi.owner is not None:
            out[same("role", kpi.owner)]["kpis"].add(same("kpi", kpi.id))
    for tier in model.support.tiers:
        if tier.owner is not None:
            out[same("role", tier.owner)]["tiers"].add(same("tier", tier.id))
    for stage in model.lifecycle.stages:
        if stage.owner is not None:
            out[same("role", stage.owner)]["stages"].add(same("stage", stage.id))
    return out


def impacts(cmp: Comparison) -> list[Impact]:
    """Every role whose holdings differ, in NEW's role order, removed roles last."""
    before = holdings(cmp.old, cmp.renames)
    after = holdings(cmp.new)
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
    for key in sorted((set(before) | set(after)) - listed):
        order.append((key, "kept", None))
    for key, status, old_id in order:
        gains, losses = [], []
        had, has = before.get(key, {}), after.get(key, {})
        for aspect, _one, _many in ASPECTS:
            old_ids, new_ids = had.get(aspect, set()), has.get(aspect, set())
            if new_ids - old_ids:
                gains.append((aspect, tuple(sorted(new_ids - old_ids))))
            if old_ids - new_ids:
                losses.append((aspect, tuple(sorted(old_ids - new_ids))))
        if gains or losses or status in ("added", "removed", "renamed"):
            out.append(Impact(key, status, tuple(gains), tuple(losses), old_id))
    return out

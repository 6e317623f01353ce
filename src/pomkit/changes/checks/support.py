"""Changes to support (DIFF4xx): tiers removed, service levels weakened, escalation broken."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.changes.checks._base import SUPPORT, edit
from pomkit.changes.compare import Comparison, Delta, shown
from pomkit.changes.core import Found, check, deltas, lookalike_hint, removed
from pomkit.changes.records import Level
from pomkit.durations import Duration

_LABELS = {"response_time": "response time", "resolution_time": "resolution time"}


@check(
    "DIFF401",
    "tier-removed",
    Level.BREAKING,
    "A support tier was removed.",
    new=edit(
        edit(
            SUPPORT,
            "    - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}\n",  # noqa: E501
            "",
        ),
        ", escalates_to: tier-2}",
        "}",
    ),
)
def tier_removed(cmp: Comparison) -> Iterator[Found]:
    """Customers whose tickets reached this tier, and the tiers that escalated to it, can no
    longer rely on it."""
    for pair in removed(cmp, "tier"):
        assert pair.old is not None
        ident = pair.old.ident
        feeding = [t for t, target in cmp.old.org.escalation.items() if target == ident]
        more = f"; {', '.join(repr(t) for t in feeding)} escalated to it" if feeding else ""
        yield Found(
            pair,
            "removed",
            f"{pair.item.label} removed{more}",
            before=pair.ident,
            hint=lookalike_hint(cmp, pair),
        )


def _weaker(delta: Delta) -> bool | None:
    """True when a service level got longer (or was dropped), False when shorter (or newly
    promised), None when it cannot tell."""
    before, after = delta.before, delta.after
    if isinstance(before, Duration) and isinstance(after, Duration):
        return after > before
    if isinstance(before, Duration) and after is None:
        return True
    if before is None and isinstance(after, Duration):
        return False
    return None


def _sla(cmp: Comparison, key: str, weaker: bool) -> Iterator[Found]:
    for pair, delta in deltas(cmp, ("tier",), key):
        if _weaker(delta) is not weaker:
            continue
        what = _LABELS[key]
        if delta.after is None:
            words = f"no longer promises a {what} (was {shown(delta.before)})"
        elif delta.before is None:
            words = f"now promises a {what} of {shown(delta.after)}"
        else:
            how = "longer" if weaker else "shorter"
            words = f"{what} {shown(delta.before)} → {shown(delta.after)} ({how})"
        yield Found(pair, "changed", f"{pair.item.label} {words}", key, delta.before, delta.after)


@check(
    "DIFF402",
    "response-time-longer",
    Level.BREAKING,
    "A support tier's response time got longer, or is no longer promised.",
    new=edit(SUPPORT, "response_time: 4h", "response_time: 8h"),
)
def response_time_longer(cmp: Comparison) -> Iterator[Found]:
    """Customers wait longer for a first answer. Durations compare by length, so `1d` to
    `24h` is no change while `4h` to `8h` is."""
    yield from _sla(cmp, "response_time", True)


@check(
    "DIFF403",
    "resolution-time-longer",
    Level.BREAKING,
    "A support tier's resolution time got longer, or is no longer promised.",
    new=edit(SUPPORT, "resolution_time: 2d", "resolution_time: 3d"),
)
def resolution_time_longer(cmp: Comparison) -> Iterator[Found]:
    """Customers wait longer for a fix: a weaker promise than the one they relied on."""
    yield from _sla(cmp, "resolution_time", True)


@check(
    "DIFF404",
    "response-time-shorter",
    Level.INFO,
    "A support tier's response time got shorter, or is newly promised.",
    new=edit(SUPPORT, "response_time: 4h", "response_time: 2h"),
)
def response_time_shorter(cmp: Comparison) -> Iterator[Found]:
    """A stronger promise to customers; the tier's owner has to keep it."""
    yield from _sla(cmp, "response_time", False)


@check(
    "DIFF405",
    "resolution-time-shorter",
    Level.INFO,
    "A support tier's resolution time got shorter, or is newly promised.",
    new=edit(SUPPORT, "resolution_time: 2d", "resolution_time: 1d"),
)
def resolution_time_shorter(cmp: Comparison) -> Iterator[Found]:
    """A stronger promise to customers; the tier's owner has to keep it."""
    yield from _sla(cmp, "resolution_time", False)


@check(
    "DIFF406",
    "escalation-broken",
    Level.BREAKING,
    "A support tier no longer escalates, or escalates to a tier that does not exist.",
    new=edit(SUPPORT, ", escalates_to: tier-2}", "}"),
)
def escalation_broken(cmp: Comparison) -> Iterator[Found]:
    """A ticket that could be escalated from this tier now cannot: the escalation path
    customers and support staff relied on is broken. That includes a tier that still
    escalates to the old id of a tier renamed with `renamed_from`."""
    for pair in cmp.of("tier"):
        for ref in pair.stale.get("escalates_to", ()):
            if ref.side == "new":
                yield Found(
                    pair,
                    "changed",
                    f"{pair.item.label} escalates to '{ref.value}', which is not a tier: the "
                    f"rename to '{ref.new_id}' took that id away",
                    "escalates_to",
                    ref.value,
                    ref.value,
                    hint=f"write escalates_to: {ref.new_id}",
                )
    for pair, delta in deltas(cmp, ("tier",), "escalates_to"):
        if delta.before is None:
            continue
        if delta.after is None:
            words = f"no longer escalates (escalated to {shown(delta.before)})"
        elif cmp.find("tier", str(delta.after)) is None:
            words = f"escalates to {shown(delta.after)}, which is not a tier"
        else:
            continue
        yield Found(
            pair, "changed", f"{pair.item.label} {words}", "escalates_to", delta.before, delta.after
        )


@check(
    "DIFF407",
    "escalation-rerouted",
    Level.NOTABLE,
    "A support tier escalates to another tier.",
    new=edit(
        edit(SUPPORT, ", escalates_to: tier-2}", ", escalates_to: tier-3}"),
        "resolution_time: 5d}",
        "resolution_time: 5d}\n"
        "    - {id: tier-3, name: Tier 3, owner: lead, response_time: 1d, resolution_time: 10d}",
    ),
)
def escalation_rerouted(cmp: Comparison) -> Iterator[Found]:
    """Escalated tickets go somewhere else: another team and another service level."""
    for pair, delta in deltas(cmp, ("tier",), "escalates_to"):
        if delta.before is None or delta.after is None:
            continue
        if cmp.find("tier", str(delta.after)) is None:
            continue
        yield Found(
            pair,
            "changed",
            f"{pair.item.label} escalates to {shown(delta.after)} instead of {shown(delta.before)}",
            "escalates_to",
            delta.before,
            delta.after,
        )


@check(
    "DIFF408",
    "escalation-added",
    Level.INFO,
    "A support tier that did not escalate now does.",
    old=edit(SUPPORT, ", escalates_to: tier-2}", "}"),
    new=SUPPORT,
)
def escalation_added(cmp: Comparison) -> Iterator[Found]:
    """Tickets this tier cannot solve now have somewhere to go."""
    for pair, delta in deltas(cmp, ("tier",), "escalates_to"):
        if delta.before is None and delta.after is not None:
            yield Found(
                pair,
                "changed",
                f"{pair.item.label} now escalates to {shown(delta.after)}",
                "escalates_to",
                None,
                delta.after,
            )

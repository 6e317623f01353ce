"""Changes to the RACI (DIFF2xx): responsibilities removed, accountability moved, R/C/I changed.

RACI letters compare as sets per role: listing a role twice, or in another order, is
no change; a role moving from responsible to consulted is one R removed and one C added.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.changes.checks._base import RESPONSIBILITIES, edit
from pomkit.changes.compare import Comparison, shown
from pomkit.changes.core import Found, check, deltas, lookalike_hint, removed
from pomkit.changes.records import Level


@check(
    "DIFF201",
    "responsibility-removed",
    Level.BREAKING,
    "A responsibility (an activity of the RACI) was removed.",
    new=edit(
        RESPONSIBILITIES,
        """  - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
     accountable: pm, responsible: [lead]}
""",
        "",
    ),
)
def responsibility_removed(cmp: Comparison) -> Iterator[Found]:
    """An activity is no longer anyone's: the accountable role stops answering for it and
    the responsible roles stop doing it. If the work still happens, it now happens without
    an owner — declare where it went."""
    for pair in removed(cmp, "responsibility"):
        assert pair.old is not None
        accountable = pair.old.value("accountable")
        yield Found(
            pair,
            "removed",
            f"{pair.item.label} removed (accountable: {shown(accountable)})",
            before=pair.ident,
            hint=lookalike_hint(cmp, pair),
        )


@check(
    "DIFF202",
    "accountability-moved",
    Level.NOTABLE,
    "Another role is now accountable for an activity.",
    new=edit(
        RESPONSIBILITIES,
        "stage: ideation,\n     accountable: pm",
        "stage: ideation,\n     accountable: po",
    ),
)
def accountability_moved(cmp: Comparison) -> Iterator[Found]:
    """The one role that answers for an activity's outcome changed. The old role stops
    answering for it, the new one starts: both need to know, and so does everyone who
    escalates to them."""
    for pair, delta in deltas(cmp, ("responsibility",), "accountable"):
        yield Found(
            pair,
            "changed",
            f"{pair.item.label}: accountable {shown(delta.before)} → {shown(delta.after)}",
            "accountable",
            delta.before,
            delta.after,
        )


_WITHOUT_SM = edit(RESPONSIBILITIES, "responsible: [devs, sm]", "responsible: [devs]")


@check(
    "DIFF203",
    "responsible-removed",
    Level.NOTABLE,
    "A role is no longer responsible for an activity.",
    new=_WITHOUT_SM,
)
def responsible_removed(cmp: Comparison) -> Iterator[Found]:
    """A role that did the work of an activity no longer does: the work needs other hands,
    and the role has one task fewer."""
    for pair, delta in deltas(cmp, ("responsibility",), "responsible"):
        for role in delta.lost():
            yield Found(
                pair,
                "removed",
                f"{pair.item.label}: '{role}' is no longer responsible",
                "responsible",
                before=role,
            )


@check(
    "DIFF204",
    "responsible-added",
    Level.INFO,
    "A role is now responsible for an activity.",
    old=_WITHOUT_SM,
    new=RESPONSIBILITIES,
)
def responsible_added(cmp: Comparison) -> Iterator[Found]:
    """A role now does work on an activity: news for that role."""
    for pair, delta in deltas(cmp, ("responsibility",), "responsible"):
        for role in delta.gained():
            yield Found(
                pair,
                "added",
                f"{pair.item.label}: '{role}' is now responsible",
                "responsible",
                after=role,
            )


@check(
    "DIFF205",
    "consulted-or-informed-changed",
    Level.INFO,
    "A role is consulted or informed on an activity, or no longer is.",
    new=edit(RESPONSIBILITIES, "consulted: [po]", "informed: [po]"),
)
def consulted_or_informed_changed(cmp: Comparison) -> Iterator[Found]:
    """Who is asked before and who is told after: worth knowing for the roles concerned,
    but nobody's accountability or work changes."""
    for key in ("consulted", "informed"):
        for pair, delta in deltas(cmp, ("responsibility",), key):
            for role in delta.lost():
                yield Found(
                    pair,
                    "removed",
                    f"{pair.item.label}: '{role}' is no longer {key}",
                    key,
                    before=role,
                )
            for role in delta.gained():
                yield Found(
                    pair, "added", f"{pair.item.label}: '{role}' is now {key}", key, after=role
                )

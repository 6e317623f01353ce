"""Changes to roles (DIFF1xx): removed roles, fewer people, another team, lost accountability."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.changes.checks._base import RESPONSIBILITIES, ROLES, edit
from pomkit.changes.compare import Comparison, Pair, shown
from pomkit.changes.core import Found, check, deltas, lookalike_hint, removed
from pomkit.changes.holdings import holdings_of
from pomkit.changes.records import Level
from pomkit.domain.text import names


def _roles(devs: int = 5, lead_team: str = "core", extra: str = "") -> str:
    text = edit(ROLES, "people: 5", f"people: {devs}")
    text = edit(text, "technical-architect, team: core", f"technical-architect, team: {lead_team}")
    return text + extra


def _uses(cmp: Comparison, pair: Pair) -> list[str]:
    assert pair.old is not None
    return cmp.old.references.get(("role", pair.old.ident), [])


def _some(labels: list[str], limit: int = 3) -> str:
    listed = list(dict.fromkeys(labels))
    more = f" and {len(listed) - limit} more" if len(listed) > limit else ""
    return ", ".join(listed[:limit]) + more


def _people(pair: Pair) -> int:
    assert pair.old is not None
    value = pair.old.value("people")
    return value if isinstance(value, int) else 0


@check(
    "DIFF101",
    "role-removed",
    Level.BREAKING,
    "A role was removed while people or work pointed at it.",
    new=edit(ROLES, "  - {id: sm, title: Scrum master, kind: scrum-master, team: core}\n", ""),
)
def role_removed(cmp: Comparison) -> Iterator[Found]:
    """A role that people filled, or that work named — as accountable, responsible, owner,
    participant or the end of a handoff — is gone. Whoever relied on it can no longer:
    the work it carried has to go somewhere. The message lists what named it."""
    for pair in removed(cmp, "role"):
        uses, people = _uses(cmp, pair), _people(pair)
        if not uses and not people:
            continue
        parts = []
        if people:
            parts.append(f"{people} {'person' if people == 1 else 'people'} filled it")
        if uses:
            parts.append(
                f"{len(uses)} {'item' if len(uses) == 1 else 'items'} named it ({_some(uses)})"
            )
        yield Found(
            pair,
            "removed",
            f"{pair.item.label} removed while {' and '.join(parts)}",
            before=pair.ident,
            hint=lookalike_hint(cmp, pair) or "give its work and ownerships to another role",
        )


@check(
    "DIFF102",
    "unused-role-removed",
    Level.NOTABLE,
    "A role nobody filled and nothing named was removed.",
    old=_roles(extra="  - {id: intern, title: Intern, kind: custom, people: 0}\n"),
    new=_roles(),
)
def unused_role_removed(cmp: Comparison) -> Iterator[Found]:
    """A role with no people and no work is gone: tidy-up, but still a change to the
    organisation chart."""
    for pair in removed(cmp, "role"):
        if not _uses(cmp, pair) and not _people(pair):
            yield Found(
                pair,
                "removed",
                f"{pair.item.label} removed (no one filled it and nothing named it)",
                before=pair.ident,
                hint=lookalike_hint(cmp, pair),
            )


@check(
    "DIFF103",
    "people-reduced",
    Level.NOTABLE,
    "Fewer people fill a role.",
    new=_roles(devs=3),
)
def people_reduced(cmp: Comparison) -> Iterator[Found]:
    """The same work with fewer people: capacity, bus factor and on-call rotas change."""
    for pair, delta in deltas(cmp, ("role",), "people"):
        before, after = delta.before, delta.after
        if isinstance(before, int) and isinstance(after, int) and after < before:
            yield Found(
                pair,
                "changed",
                f"{pair.item.label}: people {before} → {after}",
                "people",
                before,
                after,
            )


@check(
    "DIFF104",
    "people-increased",
    Level.INFO,
    "More people fill a role.",
    new=_roles(devs=7),
)
def people_increased(cmp: Comparison) -> Iterator[Found]:
    """More people in a role: more capacity, information for planning."""
    for pair, delta in deltas(cmp, ("role",), "people"):
        before, after = delta.before, delta.after
        if isinstance(before, int) and isinstance(after, int) and after > before:
            yield Found(
                pair,
                "changed",
                f"{pair.item.label}: people {before} → {after}",
                "people",
                before,
                after,
            )


_TWO_TEAMS = """
teams:
  - {id: core, name: Core team, type: stream-aligned}
  - {id: platform, name: Platform, type: platform}
"""


@check(
    "DIFF105",
    "role-team-changed",
    Level.NOTABLE,
    "A role moved to another team (or out of its team).",
    old=_TWO_TEAMS + _roles(),
    new=_TWO_TEAMS + _roles(lead_team="platform"),
)
def role_team_changed(cmp: Comparison) -> Iterator[Found]:
    """The role now sits in another team: its line, its rituals and the team-level checks
    (who decides for a stream-aligned team) follow it."""
    for pair, delta in deltas(cmp, ("role",), "team"):
        yield Found(
            pair,
            "changed",
            f"{pair.item.label} moved from team {shown(delta.before)} to {shown(delta.after)}",
            "team",
            delta.before,
            delta.after,
        )


_SHIP_BY_PO = edit(RESPONSIBILITIES, "accountable: lead", "accountable: po")


def _accountable(cmp: Comparison, pair: Pair) -> tuple[list[str], list[str], bool] | None:
    """The responsibilities a role (on both sides) is accountable for — OLD's, as OLD names
    them, and NEW's — and whether it kept any; ``None`` when a side cannot tell (an item
    that failed to load might name the role as accountable)."""
    if pair.old is None or pair.new is None:
        return None
    role = pair.new.ident
    before, after = holdings_of(cmp)
    if not before.knows_all(role, "accountable") or not after.knows_all(role, "accountable"):
        return None
    had, has = before.of(role, "accountable"), after.of(role, "accountable")
    # OLD's holdings are read through the renames; a message names OLD's ids as written.
    back = {new: old for old, new in cmp.renames.by_kind.get("responsibility", {}).items()}
    return sorted(back.get(i, i) for i in had), sorted(has), bool(had & has)


@check(
    "DIFF106",
    "accountability-lost",
    Level.BREAKING,
    "A role that was accountable for something lost every accountability it had.",
    new=_SHIP_BY_PO,
)
def accountability_lost(cmp: Comparison) -> Iterator[Found]:
    """An accountable role was left without any of the accountability it had: it answers
    for nothing it answered for before — whether it now answers for nothing at all, or
    only for other activities. Whoever escalated to that role, or relied on its
    decisions, can no longer: the role still exists, but not for what they knew it for.

    A role is not judged when an item that failed to load, on either side, might name it
    as accountable (a responsibility whose `accountable` or id cannot be read): its
    accountability may sit there. A responsibility that failed to load for another reason
    (a bad `element`, an unknown key) still counts, read field by field."""
    for pair in cmp.of("role"):
        found = _accountable(cmp, pair)
        if found is None:
            continue
        before, after, kept = found
        if not before or kept:
            continue
        if after:
            words = (
                f"{pair.item.label} lost every accountability it had ({names(before)}); "
                f"it is now accountable for {names(after)} instead"
            )
        else:
            words = (
                f"{pair.item.label} is no longer accountable for anything (was for {names(before)})"
            )
        yield Found(
            pair,
            "changed",
            words,
            "accountable",
            before,
            after,
            hint="check that each of these activities has the accountable role it needs",
        )


@check(
    "DIFF107",
    "accountability-gained",
    Level.INFO,
    "A role that was accountable for nothing now is for something.",
    old=_SHIP_BY_PO,
    new=RESPONSIBILITIES,
)
def accountability_gained(cmp: Comparison) -> Iterator[Found]:
    """A role that answered for nothing now answers for something: news for that role.
    As for DIFF106, a role is not judged when an item that failed to load might name it."""
    for pair in cmp.of("role"):
        found = _accountable(cmp, pair)
        if found is None:
            continue
        before, after, _kept = found
        if after and not before:
            yield Found(
                pair,
                "changed",
                f"{pair.item.label} is now accountable for {names(after)} (was for nothing)",
                "accountable",
                [],
                after,
            )

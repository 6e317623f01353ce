"""Every reference in a model and whether it resolves, with a did-you-mean for those that do not."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pomkit.findings import ModelPath
from pomkit.model import ID_KINDS, TYPED_REF_KINDS, FeedTarget, RefSite, kind_label, split_typed
from pomkit.suggest import nearest

_FEED_WORDS = frozenset(t.value for t in FeedTarget)
#: Kinds that have a rule of their own (POM201–POM210); any other is POM211's.
OWN_RULE = (
    "role",
    "member",
    "team",
    "stage",
    "goal",
    "kpi",
    "tier",
    "ceremony",
    "principle",
    "channel",
    "feedback",
)

Ids = Mapping[str, Mapping[str, ModelPath]]


def resolves_to(site: RefSite) -> list[tuple[str, str]]:
    """The (kind, id) a reference must resolve to (``member`` is a role or a team)."""
    if site.kind in ("typed", "feed"):
        if site.kind == "feed" and site.target in _FEED_WORDS:
            return []
        kind, ident = split_typed(site.target)
        return [(TYPED_REF_KINDS.get(kind, kind), ident)]
    return [(site.kind, site.target)]


def defined(ids: Ids, kind: str, ident: str) -> bool:
    if kind == "member":
        return ident in ids.get("role", {}) or ident in ids.get("team", {})
    return ident in ids.get(kind, {})


def where_defined(kind: str) -> str:
    if kind == "member":
        return "roles: or teams:"
    return ".".join(ID_KINDS.get(kind, (kind,))) + ":"


@dataclass(frozen=True)
class Dangling:
    """A reference that names no defined item, as messages describe it."""

    site: RefSite
    kind: str
    ident: str
    suggestion: str | None
    any_defined: bool

    @property
    def message(self) -> str:
        key = next(p for p in reversed(self.site.path) if isinstance(p, str))
        label = kind_label(self.kind)
        missing = (
            "but the model does not declare that principle under principles:"
            if self.kind == "principle"
            else f"but no {label} has that id"
        )
        return f"{self.site.where} names {label} '{self.ident}' in `{key}`, {missing}"

    @property
    def hint(self) -> str:
        near = f"did you mean {self.suggestion!r}? " if self.suggestion else ""
        if not self.any_defined:
            return (
                f"{near}no {kind_label(self.kind)} is defined yet; add it under "
                f"{where_defined(self.kind)}"
            )
        return f"{near}define it under {where_defined(self.kind)} or correct the id"


def dangling(refs: Iterable[RefSite], ids: Ids) -> dict[str, list[Dangling]]:
    """References that resolve to nothing, by the kind they name.

    Suggestions are computed once per distinct misspelling and kind.
    """
    out: dict[str, list[Dangling]] = {}
    known: dict[str, list[str]] = {}
    guesses: dict[tuple[str, str], str | None] = {}
    for site in refs:
        for kind, ident in resolves_to(site):
            if defined(ids, kind, ident):
                continue
            if kind not in known:
                if kind == "member":
                    known[kind] = sorted({*ids.get("role", {}), *ids.get("team", {})})
                else:
                    known[kind] = sorted(ids.get(kind, {}))
            if (kind, ident) not in guesses:
                guesses[kind, ident] = nearest(ident, known[kind])
            found = Dangling(site, kind, ident, guesses[kind, ident], bool(known[kind]))
            out.setdefault(kind, []).append(found)
    return out

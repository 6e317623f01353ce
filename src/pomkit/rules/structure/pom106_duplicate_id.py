"""POM106 duplicate-id: Two items of the same kind share an id."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import id_lists, item_id, kind_label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM106",
    "duplicate-id",
    Severity.ERROR,
    "Two items of the same kind share an id.",
    needs_model=False,
    bad="""
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: core, name: Platform team, type: platform}
    """,
    good="""
    teams:
      - {id: core, name: Core team, type: stream-aligned}
      - {id: platform, name: Platform team, type: platform}
    """,
)
def duplicate_id(ctx: Context) -> Iterator[Problem]:
    """Ids are how everything refers to everything else, and how ``pomkit diff`` matches
    versions, so they are unique within their kind (a role and a team may share one).
    The second and later uses are reported, pointing back at the first."""
    for kind, where, items in id_lists(ctx.source.data):
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            ident = item_id(item) if isinstance(item, dict) else None
            if ident is None:
                continue
            if ident in first:
                line, _, _ = ctx.source.locate((*where, first[ident], "id"))
                yield Problem(
                    (*where, i, "id"),
                    f"{kind_label(kind)} id {ident!r} is already used (line {line})",
                    "give each item its own id; ids are how references find it",
                )
            else:
                first[ident] = i

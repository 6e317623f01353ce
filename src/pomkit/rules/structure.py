"""POM1xx: structure — the file against the model contract (keys, types, values, ids)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pomkit.engine import Context, Problem, rule
from pomkit.findings import Severity
from pomkit.model import ID_KINDS, kind_label


def _issues(ctx: Context, *kinds: str) -> Iterator[Problem]:
    for issue in ctx.schema_issues(*kinds):
        yield Problem(issue.path, issue.message, issue.hint, key=issue.key)


@rule(
    "POM101",
    "unknown-key",
    Severity.ERROR,
    "A key the model does not define (a typo, or a field in the wrong section).",
    needs_model=False,
    bad="""
    roles:
      - {id: pm, titel: Product manager, kind: product-manager}
    """,
    good="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager}
    """,
)
def unknown_key(ctx: Context) -> Iterator[Problem]:
    """Every mapping in a model has a fixed set of keys. An unknown key is almost always
    a typo (``titel``) or a field in the wrong section, and silently ignoring it would
    drop what the author meant to say. The hint names the nearest allowed key and lists
    all keys allowed at that place."""
    return _issues(ctx, "unknown-key")


@rule(
    "POM102",
    "wrong-type",
    Severity.ERROR,
    "A value of the wrong kind: text where a list is expected, a quoted number, …",
    needs_model=False,
    bad="""
    roles:
      - {id: devs, title: Developers, kind: development-team, people: "five"}
    """,
    good="""
    roles:
      - {id: devs, title: Developers, kind: development-team, people: 5}
    """,
)
def wrong_type(ctx: Context) -> Iterator[Problem]:
    """Lists must be lists, sections mappings, counts whole numbers and flags
    ``true``/``false``. Text fields take any scalar as the text written (``version:
    1.10`` stays ``1.10``), but a number field does not take quoted text, and YAML 1.2
    reads ``yes``/``no``/``on``/``off`` as text, not booleans."""
    return _issues(ctx, "type")


@rule(
    "POM103",
    "missing-field",
    Severity.ERROR,
    "A required key is missing.",
    needs_model=False,
    bad="""
    roles:
      - {id: pm, title: Product manager}
    """,
    good="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager}
    """,
)
def missing_field(ctx: Context) -> Iterator[Problem]:
    """Some keys are what makes an item usable: a role's ``kind``, a responsibility's
    ``accountable``, a team's ``type``. The finding points at the mapping that lacks the
    key. The item is left out of later checks, but its id still counts as defined."""
    return _issues(ctx, "missing")


@rule(
    "POM104",
    "bad-enum-value",
    Severity.ERROR,
    "A value outside its vocabulary (type, kind, element, framework, …).",
    needs_model=False,
    bad="""
    type: platform-based
    """,
    good="""
    type: platform
    """,
)
def bad_enum_value(ctx: Context) -> Iterator[Problem]:
    """Vocabularies such as the seven model types, the role kinds, the seven elements or
    the team types are fixed so that checks and reports can rely on them. The hint
    lists the allowed values and the nearest one to what was written."""
    return _issues(ctx, "enum")


@rule(
    "POM105",
    "bad-duration",
    Severity.ERROR,
    "A duration or cadence that cannot be read.",
    needs_model=False,
    bad="""
    methodology:
      framework: scrum
      iteration: two weeks
    """,
    good="""
    methodology:
      framework: scrum
      iteration: 2w
    """,
)
def bad_duration(ctx: Context) -> Iterator[Problem]:
    """Durations and cadences are compared with each other (an iteration of four weeks
    or less, SLAs that loosen as tickets escalate), so they must be readable: a number
    and a unit (``30min``, ``4h``, ``2d``, ``2w``, ``3mo``, ``1q``, ``1y``), ISO-8601
    (``PT4H``, ``P2W``) or one of continuous, on-demand, hourly, daily, weekly,
    biweekly, fortnightly, monthly, quarterly, yearly, annually."""
    return _issues(ctx, "duration")


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
    data: Any = ctx.source.data
    for kind, where in ID_KINDS.items():
        node = data
        for key in where:
            node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, list):
            continue
        first: dict[str, int] = {}
        for i, item in enumerate(node):
            ident = item.get("id") if isinstance(item, dict) else None
            ident = getattr(ident, "text", ident)
            if not isinstance(ident, str):
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


@rule(
    "POM107",
    "id-format",
    Severity.ERROR,
    "An id that is not lowercase kebab-case.",
    needs_model=False,
    bad="""
    teams:
      - {id: Core_Team, name: Core team, type: stream-aligned}
    """,
    good="""
    teams:
      - {id: core-team, name: Core team, type: stream-aligned}
    """,
)
def id_format(ctx: Context) -> Iterator[Problem]:
    """Ids are lowercase letters and digits joined by single hyphens (``product-lead``),
    so that they read the same in YAML, URLs, Mermaid diagrams and typed references
    like ``kpi:nps``. The hint suggests the kebab-case form."""
    return _issues(ctx, "id-format")


@rule(
    "POM108",
    "invalid-value",
    Severity.ERROR,
    "A value of the right kind that is still not allowed (a negative count, a bad date).",
    needs_model=False,
    bad="""
    metadata:
      name: example
      title: Example
      updated: 2026-02-30
    """,
    good="""
    metadata:
      name: example
      title: Example
      updated: 2026-02-28
    """,
)
def invalid_value(ctx: Context) -> Iterator[Problem]:
    """Counts are zero or more and dates are real calendar dates (YYYY-MM-DD). The
    message says what the value must be. (A wrong ``apiVersion`` or ``kind`` is a
    value outside its vocabulary: POM104.)"""
    return _issues(ctx, "value")


@rule(
    "POM109",
    "bad-reference-format",
    Severity.ERROR,
    "A typed reference or feed target that is not `kind:id` or a known word.",
    needs_model=False,
    bad="""
    principles:
      - {id: continuous-improvement, evidence: [retro]}
    """,
    good="""
    principles:
      - {id: continuous-improvement, evidence: [ceremony:retro]}
    """,
)
def bad_reference_format(ctx: Context) -> Iterator[Problem]:
    """Where a field can refer to several kinds of thing (``evidence``, a loop's
    ``feeds``) the reference names its kind: ``kpi:nps``, ``feedback:interviews``,
    ``ceremony:retro``, ``goal:x``, ``role:x``, ``team:x``, ``stage:x`` … A loop may
    also feed ``backlog``, ``roadmap``, ``strategy``, ``discovery``, ``release`` or
    ``support``."""
    return _issues(ctx, "typed-ref", "feed-target")

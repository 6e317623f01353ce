"""POM104 bad-enum-value: A value outside its vocabulary (type, kind, element, framework, …)."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


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
    return ctx.schema_problems("enum")

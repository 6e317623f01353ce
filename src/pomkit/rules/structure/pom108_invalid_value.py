"""POM108 invalid-value: A value of the right kind that is still not allowed (a negative count, a
bad date).
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


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
    return ctx.schema_problems("value")

"""POM109 bad-reference-format: A typed reference or feed target that is not `kind:id` or a known
word.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


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
    return ctx.schema_problems("typed-ref", "feed-target")

"""POM210 unknown-feedback-loop: A `feedback:<id>` reference to a loop that is not defined."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM210",
    "unknown-feedback-loop",
    Severity.ERROR,
    "A `feedback:<id>` reference to a loop that is not defined.",
    bad="""
    principles:
      - {id: continuous-improvement, evidence: [feedback:surveys]}
    """,
    good="""
    principles:
      - {id: continuous-improvement, evidence: [feedback:interviews]}
    """,
)
def unknown_feedback_loop(ctx: Context) -> Iterator[Problem]:
    """Evidence and feeds may point at loops under ``feedback.loops`` as
    ``feedback:<id>``; the loop must exist."""
    return ctx.dangling("feedback")

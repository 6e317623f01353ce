"""POM211 unknown-reference: A typed reference (ritual, roadmap item, responsibility, …) to
nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.references import OWN_RULE
from pomkit.findings import Severity
from pomkit.model import (
    TYPED_REF_KINDS,
)
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM211",
    "unknown-reference",
    Severity.ERROR,
    "A typed reference (ritual, roadmap item, responsibility, …) to nothing.",
    bad="""
    principles:
      - {id: continuous-improvement, evidence: [ritual:all-hands]}
    """,
    good="""
    principles:
      - {id: continuous-improvement, evidence: [ritual:sync]}
    """,
)
def unknown_reference(ctx: Context) -> Iterator[Problem]:
    """Typed references of the remaining kinds — ``ritual:``, ``roadmap:``,
    ``responsibility:``, ``release-stage:``, ``initiative`` … — must name an item of
    that kind."""
    others = sorted(k for k in {*TYPED_REF_KINDS.values()} if k not in OWN_RULE)
    return ctx.dangling(*others)

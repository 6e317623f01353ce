"""POM609 principle-without-evidence: A declared principle lists no evidence."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.principles import (
    candidates,
    counts_as,
)
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM609",
    "principle-without-evidence",
    Severity.INFO,
    "A declared principle lists no evidence.",
    bad="""
    principles:
      - id: continuous-improvement
        practices: [Retrospective every sprint]
    """,
    good="""
    principles:
      - id: continuous-improvement
        practices: [Retrospective every sprint]
        evidence: [ceremony:retro]
    """,
)
def principle_without_evidence(ctx: Context) -> Iterator[Problem]:
    """A principle is a claim; its ``evidence:`` list says where in the model a reader
    can see it lived (``kpi:nps``, ``ceremony:retro`` …), and lets the POM608 check
    test that claim. A declared principle with an empty or missing ``evidence:`` list
    is reported as advice; the hint names up to three items in the model that would
    count (see POM608 for what counts per principle).

    An ``evidence:`` list that is written but could not be read (POM1xx) is not
    reported here."""
    facts = ctx.facts
    for i, principle in enumerate(ctx.model.principles):
        if principle.evidence or ctx.holes.written(("principles", i, "evidence")):
            continue
        found = candidates(facts, principle.id)
        hint = (
            f"add evidence: [{', '.join(found)}]"
            if found
            else f"add evidence that counts: {counts_as(principle.id)}"
        )
        yield Problem(
            ("principles", i),
            f"principle '{principle.id.value}' lists no evidence",
            hint,
        )

"""POM608 evidence-does-not-support: A principle's evidence points at something that exists but
does not show that principle.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.principles import (
    counts_as,
    supports,
    why_not,
)
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM608",
    "evidence-does-not-support",
    Severity.WARNING,
    "A principle's evidence points at something that exists but does not show that principle.",
    bad="""
    principles:
      - {id: continuous-improvement, evidence: [ceremony:planning]}
    """,
    good="""
    principles:
      - {id: continuous-improvement, evidence: [ceremony:retro]}
    """,
)
def evidence_does_not_support(ctx: Context) -> Iterator[Problem]:
    """Each ``evidence:`` reference of a declared principle must point at something that
    actually shows the principle. What counts, per principle:

    - **customer-centricity**: ``feedback:`` a loop with ``source: customers``;
      ``kpi:`` a customer KPI (category ``customer-satisfaction``, ``activation``,
      ``retention``, ``engagement`` or ``adoption``, or ``principle:
      customer-centricity``).
    - **agile-and-iterative**: ``ceremony:`` of type ``planning``, ``standup``,
      ``refinement``, ``review``, ``demo`` or ``retrospective``; ``kpi:`` of category
      ``lead-time``, ``deployment-frequency`` or ``delivery``, or with ``principle:
      agile-and-iterative``; ``release-stage:`` of a release every ``4w`` or faster, or
      one that rolls changes out in increments (its id or name says canary,
      progressive, phased, staged, rollout, ramp, beta or percent) — the seed's agile
      model delivers "incremental value" through "frequent releases"; ``feedback:`` a
      loop run every ``4w`` or faster that feeds ``backlog`` or ``roadmap`` (its
      "continuous feedback loops").
    - **data-driven**: ``kpi:`` with a numeric target and a frequency; ``goal:``
      measured by such a KPI; ``feedback:`` a loop that feeds a ``kpi:``.
    - **cross-functional-collaboration**: any ``ritual:``; ``ceremony:`` attended by
      roles of two kinds or two teams; ``kpi:`` with ``principle:
      cross-functional-collaboration``.
    - **continuous-improvement**: ``ceremony:`` of type ``retrospective``, ``review``
      or ``demo`` (inspect and adapt); ``feedback:`` a loop that feeds ``backlog`` or
      ``release`` (what it learns becomes the next change: post-incident reviews,
      Build-Measure-Learn); ``kpi:`` with ``principle: continuous-improvement``. A
      ritual has no type, so ``ritual:`` does not count here.
    - **transparency-and-accountability**: any ``responsibility:`` or ``role:``;
      ``ritual:`` attended by roles of two or more teams (plans and decisions made
      visible across teams); ``kpi:``, ``goal:``, ``roadmap:``, ``stage:``,
      ``tier:``, ``release-stage:`` or ``feedback:`` items that name an ``owner``.
    - **scalability-and-flexibility**: any ``team:`` or ``role:``; ``channel:`` with
      ``self_service: true``; ``release-stage:`` with ``automated: true``; ``kpi:``
      with ``principle: scalability-and-flexibility``.

    Any other kind of reference (e.g. ``tier:`` for customer-centricity) does not
    count. References to items that do not exist are left to the POM2xx rules.
    Reported at the reference.

    A ceremony's type and a KPI's category are read as in the rest of the catalog:
    written, or inferred from the id or name (see the README's field reference); the
    message says when a type was inferred or is missing. A reference to an item that
    cannot be read because of a structure error (POM1xx) is not judged."""
    facts = ctx.facts
    for i, principle in enumerate(ctx.model.principles):
        for j, ref in enumerate(principle.evidence):
            if supports(facts, principle.id, ref) is not False:
                continue
            yield Problem(
                ("principles", i, "evidence", j),
                f"evidence '{ref}' does not show principle '{principle.id.value}': "
                + why_not(principle.id, ref, facts),
                f"point at what counts for {principle.id.value}: {counts_as(principle.id)}; "
                "or remove the reference",
            )

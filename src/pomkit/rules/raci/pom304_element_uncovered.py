"""POM304 element-uncovered: One of the seven elements of the operating model has no
responsibility.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import Element
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM304",
    "element-uncovered",
    Severity.WARNING,
    "One of the seven elements of the operating model has no responsibility.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po]}
      - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
         accountable: po, responsible: [devs, sm]}
      - {id: ship, activity: Ship releases, element: release, stage: delivery,
         accountable: lead, responsible: [devs]}
      - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
         accountable: support-lead, responsible: [support-lead]}
      - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
         accountable: po, responsible: [po]}
      - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery,
         accountable: pm, responsible: [pm]}
      - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
         accountable: sm, responsible: [sm]}
      - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
         accountable: pm, responsible: [lead]}
    """,
)
def element_uncovered(ctx: Context) -> Iterator[Problem]:
    """An operating model has seven elements — strategy, methodology, release, support,
    feedback, KPIs (performance monitoring) and collaboration. Each needs someone who
    answers for it; an element without any responsibility is described in the file but
    owned by nobody.

    Reported once for each element that no responsibility names in its ``element``, at
    ``responsibilities`` (or at the top of the file when there is no such section). A
    model with no responsibilities at all gets a single finding saying so. An element
    is not reported while a responsibility that could be of that element cannot be read
    because of a structure error (POM1xx); the other elements are still judged."""
    model = ctx.model
    facts = ctx.facts
    if not model.responsibilities:
        if ctx.holes.dropped("responsibility") or facts.section_lost("responsibility"):
            return
        yield Problem(
            ("responsibilities",),
            "the model has no responsibilities, so none of the seven elements has an "
            "accountable role",
            "add a RACI under `responsibilities:` with at least one activity for each "
            "element: " + ", ".join(e.value for e in Element),
        )
        return
    by_element = ctx.org.by_element
    for element in Element:
        if not by_element.get(element) and not facts.could_cover("element", element):
            yield Problem(
                ("responsibilities",),
                f"no responsibility covers the '{element.value}' element: nobody is "
                f"accountable for the model's {element.value}",
                f"add a responsibility with `element: {element.value}` and an accountable role",
            )

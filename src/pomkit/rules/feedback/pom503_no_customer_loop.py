"""POM503 no-customer-loop: No feedback loop carries what customers say into the backlog or the
roadmap.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.domain.holes import UNKNOWN, View
from pomkit.domain.text import names
from pomkit.domain.vocabulary import PLAN_FEEDS, Tri, is_customer_loop, tri_all
from pomkit.findings import Severity
from pomkit.model import FeedbackSource
from pomkit.rules.core import Context, Problem, rule


def _reaches_decisions(view: View) -> Tri:
    """A loop from customers that feeds the backlog, the roadmap or a roadmap item."""
    feeds = view.get("feeds")
    if feeds is UNKNOWN:
        reaches: Tri = None
    elif any(f in PLAN_FEEDS or str(f).startswith("roadmap:") for f in feeds):
        reaches = True
    else:
        reaches = None if view.lost("feeds") else False
    return tri_all(is_customer_loop(view), reaches)


@rule(
    "POM503",
    "no-customer-loop",
    Severity.WARNING,
    "No feedback loop carries what customers say into the backlog or the roadmap.",
    bad="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [kpi:weekly-active-teams]}
        - {id: quarterly-review, source: stakeholders, cadence: quarterly, owner: pm,
           feeds: [roadmap]}
    """,
    good="""
    feedback:
      loops:
        - {id: interviews, source: customers, channel: calls, cadence: monthly, owner: po,
           feeds: [backlog, kpi:weekly-active-teams]}
        - {id: quarterly-review, source: stakeholders, cadence: quarterly, owner: pm,
           feeds: [roadmap]}
    """,
)
def no_customer_loop(ctx: Context) -> Iterator[Problem]:
    """A product operating model is customer-centred when what customers say changes
    what gets built. That needs at least one loop from customers that ends where work
    is decided: the backlog or the roadmap.

    Reported once per file when no loop under ``feedback.loops`` has ``source:
    customers`` and ``backlog``, ``roadmap`` or a ``roadmap:<id>`` item in its
    ``feeds`` — including when there are no loops at all. The finding points at
    ``feedback.loops`` (or the nearest section that exists) and names the customer
    loops that feed elsewhere, if any. Not reported while a loop that could be such a
    loop, or one of its feeds, cannot be read because of a structure error (POM1xx)."""
    loops = ctx.model.feedback.loops
    if ctx.facts.exists("feedback", _reaches_decisions) is not False:
        return
    customer = [loop for loop in loops if loop.source is FeedbackSource.CUSTOMERS]
    if customer:
        message = (
            "no customer feedback reaches the backlog or the roadmap: customer loop(s) "
            f"{names([loop.id for loop in customer])} feed neither"
        )
        hint = "add backlog or roadmap to the `feeds:` of one of these loops"
    elif loops:
        message = (
            "no feedback loop has `source: customers`, so what customers say reaches "
            "neither the backlog nor the roadmap"
        )
        hint = (
            "add a loop with `source: customers` (interviews, support tickets, surveys) "
            "that feeds backlog or roadmap"
        )
    else:
        message = "the model has no feedback loops, so customers' voice reaches no decision"
        hint = (
            "add a loop under `feedback.loops` with `source: customers` that feeds "
            "backlog or roadmap"
        )
    yield Problem(("feedback", "loops"), message, hint)

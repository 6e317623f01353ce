"""POM302 accountable-also-consulted: The accountable role of a responsibility is also listed as
consulted or informed on it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.model import label
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM302",
    "accountable-also-consulted",
    Severity.ERROR,
    "The accountable role of a responsibility is also listed as consulted or informed on it.",
    bad="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po], informed: [pm]}
    """,
    good="""
    responsibilities:
      - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
         accountable: pm, responsible: [pm], consulted: [po], informed: [devs]}
    """,
)
def accountable_also_consulted(ctx: Context) -> Iterator[Problem]:
    """Consulted roles give input *to* the people doing the work and informed roles are
    told the outcome *by* them; the accountable role owns the outcome. A role cannot be
    asked for its opinion on, or be told about, a decision it makes itself: the chart
    contradicts itself, and usually means the wrong role was written as accountable.

    Reported for each occurrence of a responsibility's ``accountable`` role in its own
    ``consulted`` or ``informed`` list. (Being accountable *and* responsible is fine.)"""
    for i, item in enumerate(ctx.model.responsibilities):
        for key in ("consulted", "informed"):
            for j, who in enumerate(getattr(item, key)):
                if who == item.accountable:
                    yield Problem(
                        ("responsibilities", i, key, j),
                        f"role '{who}' is accountable for {label(item)} and also listed as "
                        f"{key} on it",
                        f"remove '{who}' from `{key}`, or make another role accountable "
                        f"if '{who}' should only be {key}",
                    )

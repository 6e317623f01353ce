"""POM305 stage-without-owner: A lifecycle stage has no owner."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM305",
    "stage-without-owner",
    Severity.WARNING,
    "A lifecycle stage has no owner.",
    bad="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: development, name: Development}
        - {id: delivery, name: Delivery, owner: lead}
        - {id: support, name: Support, owner: support-lead}
        - {id: retirement, name: Retirement, owner: pm}
    """,
    good="""
    lifecycle:
      stages:
        - {id: ideation, name: Ideation, owner: pm}
        - {id: development, name: Development, owner: po}
        - {id: delivery, name: Delivery, owner: lead}
        - {id: support, name: Support, owner: support-lead}
        - {id: retirement, name: Retirement, owner: pm}
    """,
)
def stage_without_owner(ctx: Context) -> Iterator[Problem]:
    """Work passes through the lifecycle stage by stage; each stage needs one role that
    decides when its exit criteria are met and the work moves on. A stage without an
    ``owner`` is a place where work waits without anyone noticing.

    Reported for each stage under ``lifecycle.stages`` with no ``owner`` (an owner that
    is written but invalid is reported by the structure rules, POM1xx, not here)."""
    for view in ctx.facts.unwritten("stage", "owner"):
        yield Problem(
            (*view.where, "owner"),
            f"lifecycle {view.label} has no owner: nobody decides when work leaves it",
            "set `owner:` to the role that answers for the stage's exit criteria",
            in_source=not view.kept,
        )

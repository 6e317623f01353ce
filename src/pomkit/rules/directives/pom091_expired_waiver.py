"""POM091 expired-waiver: A waiver past its `expires` date; it no longer applies."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit import suppression
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM091",
    "expired-waiver",
    Severity.WARNING,
    "A waiver past its `expires` date; it no longer applies.",
    needs_model=False,
    after_suppression=True,
    bad="""
    waivers:
      - {rule: POM202, target: "*", reason: Team list pending reorg, expires: 2020-01-31}
    """,
    good="""
    waivers:
      - {rule: POM202, target: "*", reason: Team list pending reorg, expires: 2999-01-31}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: growth}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def expired_waiver(ctx: Context) -> Iterator[Problem]:
    """A waiver (``waivers:`` in the model or the configuration) records a decision to
    accept a finding: the rule, the target (``*`` or a typed reference such as
    ``role:cto``), the reason and an ``expires`` date. After that date the waiver stops
    applying, so the finding comes back, and the waiver itself is reported so that the
    decision is taken again: renew it with a new date, or fix the problem."""
    outcome = ctx.suppression
    if outcome is None:
        return
    for waiver in outcome.expired:
        if waiver.path is None:
            continue  # the configuration's own waivers are reported once per run
        yield Problem(waiver.path, *suppression.expired_message(waiver))

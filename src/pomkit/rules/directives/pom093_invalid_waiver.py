"""POM093 invalid-waiver: A waiver whose rule or target cannot be read, or that gives no reason."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit import suppression
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM093",
    "invalid-waiver",
    Severity.ERROR,
    "A waiver whose rule or target cannot be read, or that gives no reason.",
    needs_model=False,
    after_suppression=True,
    bad="""
    waivers:
      - {rule: overload, target: role:pm, reason: Interim until the new hire starts}
    """,
    good="""
    waivers:
      - {rule: POM202, target: role:pm, reason: Interim until the new hire starts}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: growth}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def invalid_waiver(ctx: Context) -> Iterator[Problem]:
    """A waiver names a rule code (``POM307``) or family (``POM3xx``), a target (``*`` or
    a typed reference such as ``role:cto``) and a non-empty reason. One that does not
    cannot apply, and silently ignoring it would leave the team believing a finding
    is waived."""
    outcome = ctx.suppression
    if outcome is None:
        return
    for waiver, problem in outcome.invalid:
        if waiver.path is None:
            continue  # the configuration's own waivers are reported once per run
        yield Problem(waiver.path, *suppression.invalid_message(problem))

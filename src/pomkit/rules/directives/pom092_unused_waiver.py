"""POM092 unused-waiver: A waiver that matches no finding."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit import suppression
from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM092",
    "unused-waiver",
    Severity.INFO,
    "A waiver that matches no finding.",
    needs_model=False,
    after_suppression=True,
    bad="""
    waivers:
      - {rule: POM202, target: role:pm, reason: Team list pending reorg}
    """,
    good="""
    waivers:
      - {rule: POM202, target: role:pm, reason: Team list pending reorg}
    roles:
      - {id: pm, title: Product manager, kind: product-manager, team: growth}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def unused_waiver(ctx: Context) -> Iterator[Problem]:
    """A waiver that no finding matches is a decision about a problem that no longer
    exists (or a target that is misspelt): remove it, or correct the target. Targets
    are ``*`` (anything in the file) or the typed reference of the item the finding is
    about, e.g. ``role:cto``, ``responsibility:release-approval``, ``tier:tier-2``."""
    outcome = ctx.suppression
    if outcome is None:
        return
    for waiver in outcome.unused_waivers:
        if waiver.path is None:
            continue  # the configuration's own waivers are reported once per run
        yield Problem(waiver.path, *suppression.unused_message(waiver))

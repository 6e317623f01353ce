"""POM09x: suppression comments and waivers that no longer do anything, or are wrong."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.engine import Context, Problem, rule
from pomkit.findings import Severity
from pomkit.suppression import Outcome, WaiverEntry


def _outcome(ctx: Context) -> Outcome | None:
    found = ctx.shared.get("suppression")
    return found if isinstance(found, Outcome) else None


def _at(waiver: WaiverEntry, message: str, hint: str) -> Problem:
    if waiver.path is not None:
        return Problem(waiver.path, message, hint)
    return Problem((), f"{message} (in {waiver.origin})", hint, line=1, column=1)


@rule(
    "POM090",
    "unused-suppression",
    Severity.INFO,
    "A `# pomkit: ignore[...]` comment that suppresses nothing.",
    needs_model=False,
    after_suppression=True,
    bad="""
    roles:
      # pomkit: ignore[POM202]
      - {id: pm, title: Product manager, kind: product-manager, team: core}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
    good="""
    roles:
      # pomkit: ignore[POM202]
      - {id: pm, title: Product manager, kind: product-manager, team: growth}
      - {id: po, title: Product owner, kind: product-owner, team: core}
      - {id: lead, title: Tech lead, kind: technical-architect, team: core}
      - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
      - {id: sm, title: Scrum master, kind: scrum-master, team: core}
      - {id: support-lead, title: Support lead, kind: custom, team: core}
    """,
)
def unused_suppression(ctx: Context) -> Iterator[Problem]:
    """``# pomkit: ignore[CODE]`` silences CODE on its own line (or, standing alone, on the
    next line); ``# pomkit: ignore-file[CODE]`` in the comments at the top of the file
    silences CODE everywhere. Codes may name a family (``POM4xx``). A suppression whose
    problem has been fixed would silently hide the next one, so one that suppresses
    nothing is reported: remove it. Suppressions for rules that did not run (not
    selected) are not reported."""
    outcome = _outcome(ctx)
    if outcome is None:
        return
    for mark, code in outcome.unused:
        yield Problem(
            (),
            f"`# pomkit: ignore[{code}]` suppresses nothing here",
            "remove the suppression: the problem it was for is gone",
            line=mark.line,
            column=mark.column,
        )
    for mark, code in outcome.bad_codes:
        yield Problem(
            (),
            f"suppression names {code!r}, which is no rule's code",
            "write codes such as POM301, or a family such as POM3xx",
            line=mark.line,
            column=mark.column,
        )


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
    outcome = _outcome(ctx)
    if outcome is None:
        return
    for waiver in outcome.expired:
        yield _at(
            waiver,
            f"waiver for {waiver.rule} on {waiver.target} expired on {waiver.expires}",
            "fix what it waived, or renew the decision with a new expires date",
        )


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
    outcome = _outcome(ctx)
    if outcome is None:
        return
    for waiver in outcome.unused_waivers:
        yield _at(
            waiver,
            f"waiver for {waiver.rule} on {waiver.target} matches no finding",
            "remove the waiver, or correct its rule or target",
        )


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
    outcome = _outcome(ctx)
    if outcome is None:
        return
    for waiver, problem in outcome.invalid:
        yield _at(waiver, f"waiver cannot apply: {problem}", "fix the waiver or remove it")

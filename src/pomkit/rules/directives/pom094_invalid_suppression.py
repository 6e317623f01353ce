"""POM094 invalid-suppression: A `# pomkit:` comment that cannot silence anything as written."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM094",
    "invalid-suppression",
    Severity.WARNING,
    "A `# pomkit:` comment that cannot silence anything as written.",
    needs_model=False,
    after_suppression=True,
    bad="""
    roles:
      # pomkit: ignore[unknown-team]
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
def invalid_suppression(ctx: Context) -> Iterator[Problem]:
    """A suppression names the codes it silences in brackets: ``# pomkit: ignore[POM202]``
    or a family, ``# pomkit: ignore[POM2xx]``. One that cannot silence anything — a code
    that names no rule (``ignore[unknown-team]``, ``ignore[x]``), no codes at all
    (``# pomkit: ignore``, ``ignore[]``), an unclosed bracket, a misspelt directive
    (``# pomkit: ignroe[...]``) or an ``ignore-file`` below the first YAML line — leaves
    its author believing a finding is silenced while it is not, or about to be when the
    comment is "fixed" carelessly. It silences nothing and is reported, with the form
    that works. pomkit never silences every rule at once: there is no bare ``ignore``."""
    outcome = ctx.suppression
    if outcome is None:
        return
    for mark in outcome.invalid_suppressions:
        yield Problem(
            (),
            mark.message,
            mark.hint,
            line=mark.line,
            column=mark.column,
            end_column=mark.end_column,
        )

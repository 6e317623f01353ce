"""POM090 unused-suppression: A `# pomkit: ignore[...]` comment that suppresses nothing."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


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
    selected) are not reported; a suppression that cannot silence anything at all (a
    code that names no rule, no codes, a misplaced ``ignore-file``) is POM094."""
    outcome = ctx.suppression
    if outcome is None:
        return
    for mark, code in outcome.unused:
        written, where = ("ignore-file", "in this file") if mark.whole_file else ("ignore", "here")
        column = mark.columns[mark.codes.index(code)]
        yield Problem(
            (),
            f"`# pomkit: {written}[{code}]` suppresses nothing {where}",
            "remove the suppression: the problem it was for is gone",
            line=mark.line,
            column=column,
            end_column=column + len(code),
        )

"""POM011 hidden-characters: Text holds control, bidirectional or unpaired surrogate characters."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM011",
    "hidden-characters",
    Severity.WARNING,
    "Text holds control, bidirectional or unpaired surrogate characters.",
    needs_model=False,
    bad="""
    metadata:
      name: example
      title: "Example \\u202eproduct"
    """,
    good="""
    metadata:
      name: example
      title: Example product
    """,
)
def hidden_characters(ctx: Context) -> Iterator[Problem]:
    """Escapes in double-quoted text can produce characters a reader never sees: control
    characters, bidirectional overrides that reorder what is displayed ("Trojan
    Source"), or unpaired surrogates that break UTF-8 output. They are reported, and
    unpaired surrogates are replaced so that every output stays writable."""
    return ctx.load_problems("POM011")

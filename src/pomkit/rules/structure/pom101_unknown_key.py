"""POM101 unknown-key: A key the model does not define (a typo, or a field in the wrong section)."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM101",
    "unknown-key",
    Severity.ERROR,
    "A key the model does not define (a typo, or a field in the wrong section).",
    needs_model=False,
    bad="""
    roles:
      - {id: pm, titel: Product manager, kind: product-manager}
    """,
    good="""
    roles:
      - {id: pm, title: Product manager, kind: product-manager}
    """,
)
def unknown_key(ctx: Context) -> Iterator[Problem]:
    """Every mapping in a model has a fixed set of keys. An unknown key is almost always
    a typo (``titel``) or a field in the wrong section, and silently ignoring it would
    drop what the author meant to say. The hint names the nearest allowed key and lists
    all keys allowed at that place."""
    return ctx.schema_problems("unknown-key")

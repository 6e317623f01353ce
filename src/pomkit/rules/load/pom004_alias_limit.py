"""POM004 alias-limit: Aliases expand too far, or an alias contains itself."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM004",
    "alias-limit",
    Severity.ERROR,
    "Aliases expand too far, or an alias contains itself.",
    needs_model=False,
    whole_file=True,
    bad="""
    a: &a [x, x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
    """,
    good="""
    apiVersion: pomkit/v1
    kind: OperatingModel
    metadata: {name: example, title: Example}
    type: agile
    roles:
      - &pm {id: pm, title: Product manager, kind: product-manager}
    """,
)
def alias_limit(ctx: Context) -> Iterator[Problem]:
    """Anchors and aliases (``&name`` / ``*name``) let a few hundred bytes stand for
    billions of values (the "billion laughs" attack), and an alias inside its own anchor
    never ends. pomkit counts what aliases add while reading and stops at a limit
    (100,000 extra nodes) far above what any real model needs."""
    return ctx.load_problems("POM004")

"""POM0xx: problems reading the file — syntax, duplicate keys, tags, limits, encoding."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.engine import Context, Problem, rule
from pomkit.findings import Severity


def _issues(ctx: Context, code: str) -> Iterator[Problem]:
    for issue in ctx.load_issues(code):
        yield Problem(
            message=issue.message,
            hint=issue.hint,
            line=issue.line,
            column=issue.column,
            end_column=issue.end_column,
        )


@rule(
    "POM001",
    "yaml-syntax",
    Severity.ERROR,
    "The file is not valid YAML.",
    needs_model=False,
    bad="""
    metadata:
      name: example
      title: Q3: launch
    """,
    good="""
    metadata:
      name: example
      title: "Q3: launch"
    """,
)
def yaml_syntax(ctx: Context) -> Iterator[Problem]:
    """The YAML parser could not read the file. Nothing else can be checked until it can,
    so this is reported at the exact line and column the parser stopped at, with the
    most likely fix (quote a value holding ``: ``, indent with spaces, …)."""
    return _issues(ctx, "POM001")


@rule(
    "POM002",
    "duplicate-key",
    Severity.ERROR,
    "A key appears twice in the same mapping.",
    needs_model=False,
    bad="""
    metadata:
      name: example
      title: Example product
      title: Another title
    """,
    good="""
    metadata:
      name: example
      title: Example product
    """,
)
def duplicate_key(ctx: Context) -> Iterator[Problem]:
    """YAML forbids a key twice in one mapping, and parsers disagree on which value wins
    (many silently keep the last). pomkit keeps the first and reports the second, so
    that an edit that was meant to replace a value never disappears unnoticed."""
    return _issues(ctx, "POM002")


@rule(
    "POM003",
    "unsupported-tag",
    Severity.ERROR,
    "A YAML tag (`!include`, `!!python/...`) is used.",
    needs_model=False,
    bad="""
    strategy: !include strategy.yaml
    """,
    good="""
    strategy:
      vision: Teams invoice in one click.
    """,
)
def unsupported_tag(ctx: Context) -> Iterator[Problem]:
    """A model is plain data. Tags that construct objects, include files or change a
    value's type are refused: they can run code in other YAML tools, and a reader of the
    file cannot see what they produce. The standard ``!!str``, ``!!int``, ``!!float``,
    ``!!bool`` and ``!!null`` are allowed when the value fits them."""
    return _issues(ctx, "POM003")


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
    return _issues(ctx, "POM004")


@rule(
    "POM005",
    "nesting-limit",
    Severity.ERROR,
    "Mappings and lists are nested too deeply.",
    needs_model=False,
    whole_file=True,
    bad="a: " + "[" * 80 + "]" * 80 + "\n",
    good="a: [[1, 2], [3, 4]]\n",
)
def nesting_limit(ctx: Context) -> Iterator[Problem]:
    """A model needs a handful of levels. Very deep nesting is a sign of a generated or
    hostile file and can crash YAML parsers written in C, so pomkit bounds it before
    parsing and reports where the limit (64 levels) was passed."""
    return _issues(ctx, "POM005")


@rule(
    "POM006",
    "file-too-large",
    Severity.ERROR,
    "The file is over the size limit.",
    needs_model=False,
    whole_file=True,
    bad="",
    good="",
)
def file_too_large(ctx: Context) -> Iterator[Problem]:
    """Files over the limit (20 MB by default; ``max_file_size`` in the configuration)
    are not read, so that a stray data dump cannot stall CI. Split a model that large
    into one file per product line, or raise the limit."""
    return _issues(ctx, "POM006")


@rule(
    "POM007",
    "encoding",
    Severity.ERROR,
    "The file is not UTF-8.",
    needs_model=False,
    whole_file=True,
    bad="",
    good="",
)
def encoding(ctx: Context) -> Iterator[Problem]:
    """Model files are UTF-8 (a byte-order mark is fine). A UTF-16 file or bytes that are
    not UTF-8 are reported with the line and byte where decoding failed, rather than
    guessed at, so that no character is silently changed."""
    return _issues(ctx, "POM007")


@rule(
    "POM008",
    "empty-file",
    Severity.ERROR,
    "The file holds no model.",
    needs_model=False,
    whole_file=True,
    bad="# nothing here yet\n",
    good="""
    apiVersion: pomkit/v1
    kind: OperatingModel
    metadata: {name: example, title: Example}
    type: agile
    """,
)
def empty_file(ctx: Context) -> Iterator[Problem]:
    """An empty file, or one with only comments or ``---``, would otherwise load as
    "nothing" and pass silently. Start from ``pomkit init`` or an example."""
    return _issues(ctx, "POM008")


@rule(
    "POM009",
    "not-a-mapping",
    Severity.ERROR,
    "The top level is a list or a single value, not a mapping.",
    needs_model=False,
    whole_file=True,
    bad="""
    - apiVersion: pomkit/v1
      kind: OperatingModel
    """,
    good="""
    apiVersion: pomkit/v1
    kind: OperatingModel
    metadata: {name: example, title: Example}
    type: agile
    """,
)
def not_a_mapping(ctx: Context) -> Iterator[Problem]:
    """A model file is one mapping whose keys are the sections (``apiVersion``, ``kind``,
    ``metadata``, ``roles`` …). A list or a bare value at the top cannot be a model."""
    return _issues(ctx, "POM009")


@rule(
    "POM010",
    "multiple-documents",
    Severity.ERROR,
    "The file holds more than one YAML document.",
    needs_model=False,
    whole_file=True,
    bad="""
    apiVersion: pomkit/v1
    kind: OperatingModel
    ---
    apiVersion: pomkit/v1
    kind: OperatingModel
    """,
    good="""
    apiVersion: pomkit/v1
    kind: OperatingModel
    metadata: {name: example, title: Example}
    type: agile
    """,
)
def multiple_documents(ctx: Context) -> Iterator[Problem]:
    """One file holds one model. A second document after ``---`` would be ignored by
    most tools; pomkit reports it instead. Keep one file per product line."""
    return _issues(ctx, "POM010")


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
    return _issues(ctx, "POM011")


@rule(
    "POM012",
    "complex-key",
    Severity.ERROR,
    "A mapping key is a list or mapping.",
    needs_model=False,
    bad="""
    metadata:
      ? [name, title]
      : example
    """,
    good="""
    metadata:
      name: example
      title: Example
    """,
)
def complex_key(ctx: Context) -> Iterator[Problem]:
    """YAML allows lists and mappings as keys (``? [a, b]``); a model's keys are names.
    Such a key is reported and skipped, and the rest of the mapping is still read."""
    return _issues(ctx, "POM012")

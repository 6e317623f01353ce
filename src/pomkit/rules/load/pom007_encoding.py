"""POM007 encoding: The file is not UTF-8."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


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
    return ctx.load_problems("POM007")

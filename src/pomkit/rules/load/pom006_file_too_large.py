"""POM006 file-too-large: The file is over the size limit."""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


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
    return ctx.load_problems("POM006")

"""POM102 wrong-type: A value of the wrong kind: text where a list is expected, a quoted
number, …
"""

from __future__ import annotations

from collections.abc import Iterator

from pomkit.findings import Severity
from pomkit.rules.core import Context, Problem, rule


@rule(
    "POM102",
    "wrong-type",
    Severity.ERROR,
    "A value of the wrong kind: text where a list is expected, a quoted number, …",
    needs_model=False,
    bad="""
    roles:
      - {id: devs, title: Developers, kind: development-team, people: "five"}
    """,
    good="""
    roles:
      - {id: devs, title: Developers, kind: development-team, people: 5}
    """,
)
def wrong_type(ctx: Context) -> Iterator[Problem]:
    """Lists must be lists, sections mappings, counts whole numbers and flags
    ``true``/``false``. Text fields take any scalar as the text written (``version:
    1.10`` stays ``1.10``), but a number field does not take quoted text, and YAML 1.2
    reads ``yes``/``no``/``on``/``off`` as text, not booleans."""
    return ctx.schema_problems("type")

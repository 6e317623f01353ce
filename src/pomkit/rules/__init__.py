"""The rule catalog: importing this package registers every rule."""

from __future__ import annotations

from pomkit.rules import (
    directives,
    feedback,
    flow,
    load,
    principles,
    raci,
    references,
    structure,
    types,
)

__all__ = [
    "directives",
    "feedback",
    "flow",
    "load",
    "principles",
    "raci",
    "references",
    "structure",
    "types",
]

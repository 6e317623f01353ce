"""The rule catalog: importing this package registers every rule."""

from __future__ import annotations

from pomkit.rules import feedback, flow, load, principles, raci, references, structure, types

__all__ = ["feedback", "flow", "load", "principles", "raci", "references", "structure", "types"]

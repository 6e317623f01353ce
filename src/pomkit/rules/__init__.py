"""The rule catalog: importing this package registers every rule."""

from __future__ import annotations

from pomkit.rules import load, references, structure

__all__ = ["load", "references", "structure"]

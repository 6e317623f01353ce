"""Scalars as the loader keeps them: the text the user wrote beside the typed value."""

from __future__ import annotations


class Plain:
    """A plain (unquoted) YAML scalar that YAML 1.2 reads as a number or boolean.

    The loader keeps the text the user wrote beside the typed value, so that a
    text field gets ``1.10`` back rather than ``1.1`` and a number field gets
    the number.
    """

    __slots__ = ("text", "value")

    def __init__(self, text: str, value: int | float | bool) -> None:
        self.text = text
        self.value = value

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plain) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

"""Pydantic's validation errors in plain words, for the model's findings and configuration.

Pydantic writes "Input should be greater than or equal to 0" and "Value error, …";
a person editing a YAML file reads "must be 0 or more". One place turns an error
record (``ValidationError.errors()``) into that sentence, so the model's findings and
the configuration's errors say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_BOUNDS = {
    "greater_than_equal": ("ge", "must be {} or more"),
    "greater_than": ("gt", "must be more than {}"),
    "less_than_equal": ("le", "must be {} or less"),
    "less_than": ("lt", "must be less than {}"),
    "too_short": ("min_length", "must have at least {} item{}"),
    "too_long": ("max_length", "must have at most {} item{}"),
    "string_too_short": ("min_length", "must have at least {} character{}"),
    "string_too_long": ("max_length", "must have at most {} character{}"),
}

_FIXED = {
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be text",
    "list_type": "must be a list",
    "dict_type": "must be a mapping of keys to values",
    "model_type": "must be a mapping of keys to values",
    "missing": "is required",
    "date_type": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date written YYYY-MM-DD",
    "none_required": "must be empty",
}


def plain(error: Mapping[str, Any]) -> str:
    """What is wrong with the value, as "must …": ``must be 0 or more``.

    ``error`` is one record of ``ValidationError.errors()``. A validator's own message
    (``Value error, …``) is kept without the prefix; an error type this module does not
    know keeps pydantic's words, lower-cased after "Input should".
    """
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        if key in context:
            bound = _number(context[key])
            return words.format(bound, "" if bound == "1" else "s")
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in ("literal_error", "enum") and "expected" in context:
        return f"must be one of {context['expected']}"
    message = str(error.get("msg", "is not valid"))
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if message.startswith("Input should "):
        return "must " + message.removeprefix("Input should ")
    return message


def _number(value: Any) -> str:
    """``1.0`` → ``1``; other values as written."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

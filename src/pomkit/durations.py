"""Durations and cadences: ``4h``, ``2d``, ``2w``, ISO-8601 and the calendar words."""

from __future__ import annotations

import re
from functools import total_ordering
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
WEEK = 7 * DAY
# Calendar units are compared as fixed lengths: close enough to order cadences.
MONTH = 30 * DAY
QUARTER = 91 * DAY
YEAR = 365 * DAY

#: Words accepted for a cadence, with the length they stand for.
#: ``continuous`` and ``on-demand`` mean "every change": shorter than any period.
WORDS: dict[str, int] = {
    "continuous": 0,
    "on-demand": 0,
    "hourly": HOUR,
    "daily": DAY,
    "weekly": WEEK,
    "biweekly": 2 * WEEK,
    "fortnightly": 2 * WEEK,
    "monthly": MONTH,
    "quarterly": QUARTER,
    "yearly": YEAR,
    "annually": YEAR,
}

UNITS: dict[str, int] = {
    "min": MINUTE,
    "m": MINUTE,
    "h": HOUR,
    "d": DAY,
    "w": WEEK,
    "mo": MONTH,
    "q": QUARTER,
    "y": YEAR,
}

_SHORT = re.compile(r"(?P<n>\d+(?:\.\d+)?)(?P<unit>min|mo|m|h|d|w|q|y)")
_ISO = re.compile(
    r"P(?!$)(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?=\d)(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?"
)
_ISO_UNITS = {"y": YEAR, "mo": MONTH, "w": WEEK, "d": DAY, "h": HOUR, "mi": MINUTE, "s": 1}

#: The pattern put into the JSON Schema, so editors flag a bad duration as you type.
JSON_PATTERN = (
    r"^(?:" + "|".join(WORDS) + r"|\d+(?:\.\d+)?(?:min|mo|m|h|d|w|q|y)"
    r"|P(?=\d|T\d)(?:\d+(?:\.\d+)?[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?)$"
)

EXAMPLES = "4h, 2d, 2w, 30min, 3mo, PT4H, P2W or a word: " + ", ".join(WORDS)


def parse_seconds(text: str) -> int | None:
    """The length of ``text`` in seconds, or ``None`` when it is not a duration."""
    value = text.strip()
    if value in WORDS:
        return WORDS[value]
    match = _SHORT.fullmatch(value)
    if match:
        return round(float(match["n"]) * UNITS[match["unit"]])
    match = _ISO.fullmatch(value)
    if match and any(match.groupdict().values()):
        total = sum(float(n) * _ISO_UNITS[k] for k, n in match.groupdict().items() if n)
        return round(total)
    return None


@total_ordering
class Duration:
    """A length of time as the user wrote it, comparable by its length.

    ``Duration("2w") > Duration("daily")``; ``str()`` gives back the text.
    """

    __slots__ = ("seconds", "text")

    def __init__(self, text: str) -> None:
        seconds = parse_seconds(text)
        if seconds is None:
            raise ValueError(f"not a duration: '{text}' (use {EXAMPLES})")
        self.text = text.strip()
        self.seconds = seconds

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Duration({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self.seconds == other.seconds

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self.seconds < other.seconds

    def __hash__(self) -> int:
        return hash(self.seconds)

    @property
    def days(self) -> float:
        return self.seconds / DAY

    @classmethod
    def _validate(cls, value: Any) -> Duration:
        if isinstance(value, Duration):
            return value
        text = getattr(value, "text", value)  # a plain YAML scalar such as `1`
        if not isinstance(text, str):
            raise PydanticCustomError(
                "duration", "expected a duration such as {examples}", {"examples": EXAMPLES}
            )
        seconds = parse_seconds(text)
        if seconds is None:
            raise PydanticCustomError(
                "duration",
                "'{text}' is not a duration; use {examples}",
                {"text": text[:60], "examples": EXAMPLES},
            )
        result = cls.__new__(cls)
        result.text = text.strip()
        result.seconds = seconds
        return result

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": JSON_PATTERN,
            "description": f"A duration or cadence: {EXAMPLES}.",
            "examples": ["2w", "4h", "weekly", "PT4H"],
        }

"""Durations and cadences: ``4h``, ``2d``, ``2w``, ISO-8601 and the calendar words."""

from __future__ import annotations

import math
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

#: The longest duration pomkit accepts. Nothing in an operating model recurs
#: less often than once a century; a longer value is a typo, and bounding it
#: keeps every length a small, finite number.
MAX_YEARS = 100
MAX_SECONDS = MAX_YEARS * YEAR
# A number whose integer part has more digits than the longest duration has
# seconds is too long in any unit; it is refused before any conversion.
_MAX_DIGITS = len(str(MAX_SECONDS))
# Fractions finer than this cannot change a length rounded to whole seconds.
_MAX_FRACTION = 12

# re.ASCII: `\d` is [0-9] only, as in the JSON Schema's ECMA-262 patterns.
_NUMBER = r"\d+(?:\.\d+)?"
_SHORT = re.compile(rf"(?P<n>{_NUMBER})(?P<unit>min|mo|m|h|d|w|q|y)", re.ASCII)
_ISO = re.compile(
    rf"P(?!$)(?:(?P<y>{_NUMBER})Y)?(?:(?P<mo>{_NUMBER})M)?(?:(?P<w>{_NUMBER})W)?"
    rf"(?:(?P<d>{_NUMBER})D)?"
    rf"(?:T(?=\d)(?:(?P<h>{_NUMBER})H)?(?:(?P<mi>{_NUMBER})M)?(?:(?P<s>{_NUMBER})S)?)?",
    re.ASCII,
)
_ISO_UNITS = {"y": YEAR, "mo": MONTH, "w": WEEK, "d": DAY, "h": HOUR, "mi": MINUTE, "s": 1}

#: The pattern put into the JSON Schema, so editors flag a bad duration as you type.
#: (It cannot say "at most 100 years"; pomkit itself does.)
JSON_PATTERN = (
    r"^(?:" + "|".join(WORDS) + r"|\d+(?:\.\d+)?(?:min|mo|m|h|d|w|q|y)"
    r"|P(?=\d|T\d)(?:\d+(?:\.\d+)?[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?)$"
)

EXAMPLES = "4h, 2d, 2w, 30min, 3mo, PT4H, P2W or a word: " + ", ".join(WORDS)


def _number(digits: str) -> float:
    r"""The value of a ``\d+(\.\d+)?`` match; infinity when the integer part is absurdly long."""
    whole, _, fraction = digits.partition(".")
    whole = whole.lstrip("0")
    if len(whole) > _MAX_DIGITS:
        return math.inf
    return float(f"{whole or 0}.{fraction[:_MAX_FRACTION] or 0}")


def _length(value: str) -> float | None:
    """The length of ``value`` in seconds, unbounded (possibly infinite); None if no form fits."""
    if value in WORDS:
        return WORDS[value]
    match = _SHORT.fullmatch(value)
    if match:
        return _number(match["n"]) * UNITS[match["unit"]]
    match = _ISO.fullmatch(value)
    if match and any(match.groupdict().values()):
        return sum(_number(n) * _ISO_UNITS[k] for k, n in match.groupdict().items() if n)
    return None


def parse_seconds(text: str) -> int | None:
    """The length of ``text`` in seconds, or ``None`` when it is not an accepted duration.

    Never raises: anything that is not a duration of at most :data:`MAX_YEARS`
    years, the whole text and nothing around it, is ``None``.
    """
    length = _length(text) if isinstance(text, str) else None
    # `not <=` also refuses NaN, should a future form ever produce one.
    if length is None or not length <= MAX_SECONDS:
        return None
    return round(length)


def problem(text: str) -> tuple[str, str | None]:
    """Why ``text`` is not an accepted duration: a message, and the form to write if known."""
    quoted = _shown(text)
    length = _length(text)
    if length is not None:
        return (
            f"{quoted} is too long for a duration: pomkit accepts at most {MAX_YEARS} years",
            f"write a duration of at most {MAX_YEARS}y",
        )
    meant = suggest(text)
    if meant is not None:
        return f"{quoted} is not a duration; did you mean '{meant}'?", f"write {meant}"
    return f"{quoted} is not a duration; use {EXAMPLES}", None


#: Spelled-out units, as people write them in prose, and the unit pomkit reads.
_SPOKEN_UNITS: dict[str, str] = {
    **dict.fromkeys(("minute", "minutes", "min", "mins"), "min"),
    **dict.fromkeys(("hour", "hours", "hr", "hrs"), "h"),
    **dict.fromkeys(("day", "days"), "d"),
    **dict.fromkeys(("week", "weeks", "wk", "wks"), "w"),
    **dict.fromkeys(("month", "months"), "mo"),
    **dict.fromkeys(("quarter", "quarters"), "q"),
    **dict.fromkeys(("year", "years", "yr", "yrs"), "y"),
}
#: ``every week`` reads best as the word pomkit has for it.
_EVERY: dict[str, str] = {
    "h": "hourly",
    "d": "daily",
    "w": "weekly",
    "mo": "monthly",
    "q": "quarterly",
    "y": "yearly",
}
_NUMBER_WORDS: dict[str, str] = {
    word: str(n)
    for n, word in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        )
    )
} | {"a": "1", "an": "1"}
_SPOKEN = re.compile(
    r"(?P<every>(?:once\s+)?(?:every|each|per)\s+)?"
    r"(?:(?P<n>\d+(?:\.\d+)?)[\s-]*|(?P<word>" + "|".join(_NUMBER_WORDS) + r")[\s-]+)?"
    r"(?P<unit>[a-z]+)",
    re.ASCII,
)
_UNSPACED = {word.replace("-", ""): word for word in WORDS}


def suggest(text: str) -> str | None:
    """The accepted spelling of a duration written another way (``2 weeks`` → ``2w``)."""
    if len(text) > 40:  # prose, not a near miss; and keeps the guessing cheap
        return None
    lowered = text.strip().lower()
    squashed = re.sub(r"[\s_-]+", "", lowered)
    candidates = [text.strip(), re.sub(r"\s+", "", text), lowered, squashed, squashed.upper()]
    for candidate in candidates:
        if candidate != text and parse_seconds(candidate) is not None:
            return candidate
    if squashed in _UNSPACED:  # bi-weekly, on demand
        return _UNSPACED[squashed]
    match = _SPOKEN.fullmatch(lowered)
    if not match:
        return None
    number = match["n"] or (_NUMBER_WORDS[match["word"]] if match["word"] else None)
    word = match["unit"]
    if word in ("fortnight", "fortnights"):
        if number is not None and not number.isdigit():
            return None
        word, number = "weeks", str(2 * int(number or "1"))
    unit = _SPOKEN_UNITS.get(word)
    if unit is None:
        return None
    if number is None:
        if match["every"] and unit in _EVERY:
            return _EVERY[unit]
        number = "1"
    meant = f"{number}{unit}"
    return meant if parse_seconds(meant) is not None else None


def _shown(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message: control characters escaped, long text cut."""
    return repr(text[:limit] + ("…" if len(text) > limit else ""))


@total_ordering
class Duration:
    """A length of time as the user wrote it, comparable by its length.

    ``Duration("2w") > Duration("daily")``; ``str()`` gives back the text.
    """

    __slots__ = ("seconds", "text")

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise ValueError(f"a duration is text such as {EXAMPLES}, not {type(text).__name__}")
        seconds = parse_seconds(text)
        if seconds is None:
            raise ValueError(problem(text)[0])
        self.text = text
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
            message, hint = problem(text)
            # The hint travels in the context, where the structure check finds it.
            context = {"message": message} | ({"hint": hint} if hint else {})
            raise PydanticCustomError("duration", "{message}", context)
        result = cls.__new__(cls)
        result.text = text
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
            "description": f"A duration or cadence of at most {MAX_YEARS} years: {EXAMPLES}.",
            "examples": ["2w", "4h", "weekly", "PT4H"],
        }

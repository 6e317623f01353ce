"""Durations and cadences parse into comparable lengths and keep their text."""

from __future__ import annotations

import re

import pytest
from pydantic import TypeAdapter, ValidationError

from pomkit.durations import DAY, HOUR, JSON_PATTERN, MONTH, WEEK, Duration, parse_seconds
from pomkit.scalars import Plain


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("4h", 4 * HOUR),
        ("2d", 2 * DAY),
        ("2w", 2 * WEEK),
        ("30min", 30 * 60),
        ("30m", 30 * 60),
        ("1.5d", 36 * HOUR),
        ("3mo", 3 * MONTH),
        ("PT4H", 4 * HOUR),
        ("P2W", 2 * WEEK),
        ("P1DT12H", 36 * HOUR),
        ("PT30M", 30 * 60),
        ("P1M", MONTH),
        ("daily", DAY),
        ("weekly", WEEK),
        ("biweekly", 2 * WEEK),
        ("monthly", MONTH),
        ("quarterly", 91 * DAY),
        ("on-demand", 0),
    ],
)
def test_parse(text: str, seconds: int) -> None:
    assert parse_seconds(text) == seconds
    assert re.match(JSON_PATTERN, text), "the JSON Schema must accept what pomkit accepts"


@pytest.mark.parametrize("text", ["", "two weeks", "2 w", "Weekly", "P", "PT", "4", "w2", "2W"])
def test_reject(text: str) -> None:
    assert parse_seconds(text) is None
    assert not re.match(JSON_PATTERN, text), "the JSON Schema must refuse what pomkit refuses"


def test_ordering_and_text() -> None:
    assert Duration("daily") < Duration("2d") < Duration("weekly") == Duration("7d")
    assert str(Duration("P2W")) == "P2W"
    assert sorted([Duration("monthly"), Duration("4h"), Duration("2w")]) == [
        Duration("4h"),
        Duration("2w"),
        Duration("monthly"),
    ]


def test_pydantic_field() -> None:
    adapter = TypeAdapter(Duration)
    assert adapter.validate_python("2w").days == 14
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(Plain("14", 14))
    assert caught.value.errors()[0]["type"] == "duration"
    assert adapter.dump_python(Duration("2w"), mode="json") == "2w"

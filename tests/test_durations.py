"""Durations and cadences parse into comparable lengths and keep their text."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
import regress
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from helpers import invoke
from pomkit import api
from pomkit.durations import (
    DAY,
    EXAMPLES,
    HOUR,
    JSON_PATTERN,
    MAX_SECONDS,
    MONTH,
    UNITS,
    WEEK,
    YEAR,
    Duration,
    parse_seconds,
)
from pomkit.scalars import Plain

#: The JSON Schema's pattern as editors and check-jsonschema run it (ECMA-262, via
#: regress, check-jsonschema's engine): ``$`` is the end of the text there.
SCHEMA_PATTERN = regress.Regex(JSON_PATTERN)


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
    assert SCHEMA_PATTERN.find(text), "the JSON Schema must accept what pomkit accepts"


@pytest.mark.parametrize(
    "text",
    [
        *("", "two weeks", "2 w", "Weekly", "P", "PT", "4", "w2", "2W"),
        # The whole value is the duration: nothing around it, not even a final newline.
        *("2w\n", " 2w", "2w ", "weekly\n", "PT4H\n"),
        # Digits are ASCII digits, as in the schema's ECMA-262 `\d`.
        *("\u0662w", "\uff12w"),
    ],
)
def test_reject(text: str) -> None:
    assert parse_seconds(text) is None
    assert not SCHEMA_PATTERN.find(text), "the JSON Schema must refuse what pomkit refuses"
    with pytest.raises(ValueError, match="is not a duration"):
        Duration(text)


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


# --------------------------------------------------------------------------- the longest duration

HUGE = ["1" + "0" * 303 + "w", "P1" + "0" * 301 + "Y", "9" * 5000 + "y", "PT" + "9" * 5000 + "S"]


def test_the_longest_duration_is_100_years() -> None:
    assert MAX_SECONDS == 100 * YEAR
    for text in ("100y", "P100Y", "36500d", "1200mo", "400q", "5214w"):
        assert parse_seconds(text) is not None, text
    for text in ("101y", "P100Y1D", "36501d", "1217mo", "402q", "5215w", "P99YT8761H"):
        assert parse_seconds(text) is None, text
        with pytest.raises(ValueError, match="too long for a duration"):
            Duration(text)


@pytest.mark.parametrize("text", HUGE, ids=["1e303w", "P1e301Y", "5000-digit-y", "5000-digit-S"])
def test_huge_durations_are_too_long_not_a_crash(text: str) -> None:
    started = time.perf_counter()
    assert parse_seconds(text) is None
    with pytest.raises(ValueError, match="too long for a duration") as caught:
        Duration(text)
    assert len(str(caught.value)) < 200, "the message quotes a cut of the text"
    assert time.perf_counter() - started < 0.1


def test_leading_zeros_and_long_fractions_are_fine() -> None:
    assert parse_seconds("0" * 5000 + "2w") == 2 * WEEK
    assert parse_seconds("1." + "5" * 5000 + "d") == round(1.5555555555555 * DAY)


def test_huge_duration_in_a_model_is_pom105(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(
        "apiVersion: pomkit/v1\nkind: OperatingModel\nmetadata: {name: m, title: M}\n"
        f"type: agile\nmethodology:\n  framework: scrum\n  iteration: {HUGE[0]}\n"
        f"release:\n  strategy: scheduled\n  cadence: {HUGE[1]}\n",
        encoding="utf-8",
    )
    found = [f for f in api.validate(path) if f.code == "POM105"]
    assert [(f.line, f.path) for f in found] == [
        (7, ("methodology", "iteration")),
        (10, ("release", "cadence")),
    ]
    assert all("too long for a duration" in f.message for f in found)
    assert all(f.hint == "write a duration of at most 100y" for f in found)
    code, out, err = invoke("validate", str(path))
    assert (code, err) == (1, "")
    assert out.count("POM105") == 2
    assert "internal error" not in out


# --------------------------------------------------------------------------- hints


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("2 weeks", "2w"),
        ("3 days", "3d"),
        ("1 month", "1mo"),
        ("every 2 weeks", "2w"),
        ("bi-weekly", "biweekly"),
        ("two weeks", "2w"),
        ("every week", "weekly"),
        ("every day", "daily"),
        ("30 minutes", "30min"),
        ("4 hours", "4h"),
        ("a fortnight", "2w"),
        ("on demand", "on-demand"),
        ("Weekly", "weekly"),
        ("2W", "2w"),
        ("pt4h", "PT4H"),
        ("2w\n", "2w"),
        (" 2w", "2w"),
    ],
)
def test_a_near_miss_gets_the_accepted_form(text: str, meant: str) -> None:
    assert parse_seconds(meant) is not None
    with pytest.raises(ValueError, match=f"did you mean '{meant}'") as caught:
        Duration(text)
    assert EXAMPLES not in str(caught.value)
    with pytest.raises(ValidationError) as pydantic:
        TypeAdapter(Duration).validate_python(text)
    (error,) = pydantic.value.errors(include_input=False)
    assert (error["type"], error["ctx"]["hint"]) == ("duration", f"write {meant}")


@pytest.mark.parametrize("text", ["2 sprints", "every other week", "1.5 fortnights", "soon"])
def test_otherwise_the_examples(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration") as caught:
        Duration(text)
    assert EXAMPLES in str(caught.value)


def test_the_hint_reaches_the_finding(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(
        "apiVersion: pomkit/v1\nkind: OperatingModel\nmetadata: {name: m, title: M}\n"
        "type: agile\nmethodology:\n  framework: scrum\n  iteration: every 2 weeks\n",
        encoding="utf-8",
    )
    (found,) = [f for f in api.validate(path) if f.code == "POM105"]
    assert (found.line, found.column) == (7, 14)
    assert found.message == (
        "methodology.iteration: 'every 2 weeks' is not a duration; did you mean '2w'?"
    )
    assert found.hint == "write 2w"


def test_not_text_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="a duration is text"):
        Duration(14)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- properties

#: Text made of what durations are made of, so that the parser's paths are all reached.
DURATIONISH = st.text(alphabet="0123456789.PTYMWDHSminohdwqy \n", max_size=40)


@given(st.one_of(st.text(), DURATIONISH))
def test_parse_seconds_never_raises(text: str) -> None:
    seconds = parse_seconds(text)
    assert seconds is None or 0 <= seconds <= MAX_SECONDS
    if seconds is None:
        with pytest.raises(ValueError, match="duration"):
            Duration(text)
    else:
        duration = Duration(text)
        assert (duration.seconds, duration.text) == (seconds, text)


#: Each way of writing "n of a unit", so the property covers the short and the ISO forms.
FORMS = [f"{{}}{unit}" for unit in UNITS] + ["P{}Y", "P{}M", "P{}W", "P{}D", "PT{}H", "PT{}M"]
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(str),
    st.integers(min_value=0, max_value=10**400).map(str),
    st.decimals(min_value=0, max_value=10**6, allow_nan=False, places=3).map(str),
)


@given(st.sampled_from(FORMS), NUMBERS, NUMBERS)
def test_length_is_monotonic_in_the_number(form: str, a: str, b: str) -> None:
    small, large = sorted((a, b), key=Decimal)
    shorter, longer = parse_seconds(form.format(small)), parse_seconds(form.format(large))
    if longer is not None:
        assert shorter is not None, "a shorter duration is never too long"
        assert shorter <= longer

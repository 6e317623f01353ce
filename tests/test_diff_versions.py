"""Version pairs made from the examples: reordered, reformatted, requoted, rewritten durations.

None of these is a change. The helpers here (``emit``, ``rewritten``, ``changes``) build
the second version of a pair from a model's loaded data, and the other diff tests use
them too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import example_files
from pomkit.changes.compare import compare, side_from_text
from pomkit.changes.records import Change
from pomkit.changes.run import classify, default_settings
from pomkit.durations import parse_seconds
from pomkit.loader import parse
from pomkit.scalars import Plain

#: Fields that hold a duration.
DURATION_KEYS = frozenset(
    {"iteration", "cadence", "frequency", "response_time", "resolution_time", "duration"}
)


def changes(old: str, new: str) -> list[Change]:
    """Every change between two model texts, with the default settings."""
    cmp = compare(side_from_text(old, "old.yaml"), side_from_text(new, "new.yaml"))
    return classify(cmp, default_settings())


def data_of(text: str) -> Any:
    """A model text as the loader's data (plain scalars keep the text written)."""
    source = parse(text, "model.yaml")
    assert not source.issues, source.issues
    return source.data


# --------------------------------------------------------------------------- emitting


def _scalar(value: Any, quote: str) -> str:
    if value is None:
        return "null"
    if isinstance(value, Plain):
        return value.text  # numbers, booleans and `1.10` stay plain: quoting changes them
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if quote == "'":
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any, quote: str) -> str:
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{_scalar(k, quote)}: {_flow(v, quote)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v, quote) for v in value) + "]"
    return _scalar(value, quote)


def _block(value: Any, indent: int, quote: str) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            head = f"{pad}{_scalar(key, quote)}:"
            if isinstance(item, (dict, list)) and item:
                lines.append(head)
                lines.extend(_block(item, indent + 2, quote))
            else:
                lines.append(f"{head} {_flow(item, quote)}")
        return lines
    for item in value:
        if isinstance(item, (dict, list)) and item:
            inner = _block(item, indent + 2, quote)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines.extend(inner[1:])
        else:
            lines.append(f"{pad}- {_flow(item, quote)}")
    return lines


def emit(data: Any, style: str = "block", quote: str = '"') -> str:
    """YAML text for loaded data: ``block`` or ``flow`` style, strings in ``quote`` quotes."""
    if style == "flow":
        return _flow(data, quote) + "\n"
    return "\n".join(_block(data, 0, quote)) + "\n"


# --------------------------------------------------------------------------- rewriting


def rewritten(
    data: Any,
    *,
    lists: Callable[[tuple[str, ...], list[Any]], list[Any]] | None = None,
    keys: bool = False,
    durations: bool = False,
    path: tuple[str, ...] = (),
) -> Any:
    """A copy of ``data`` with lists reordered by ``lists(path, items)``, mapping keys in
    reverse order (``keys``), and durations written in an equal form (``durations``)."""
    if isinstance(data, dict):
        items = list(data.items())
        if keys:
            items.reverse()
        out = {}
        for key, value in items:
            if durations and key in DURATION_KEYS:
                value = equal_duration(value)
            out[key] = rewritten(
                value, lists=lists, keys=keys, durations=durations, path=(*path, key)
            )
        return out
    if isinstance(data, list):
        inner = [rewritten(v, lists=lists, keys=keys, durations=durations, path=path) for v in data]
        return lists(path, inner) if lists is not None else inner
    return data


def equal_duration(value: Any) -> Any:
    """The same length written another way: ``2w`` → ``P14D``, ``4h`` → ``PT14400S``."""
    text = getattr(value, "text", value)
    if not isinstance(text, str):
        return value
    seconds = parse_seconds(text)
    if not seconds:
        return value  # continuous, on-demand: no other form
    if seconds % 86400 == 0:
        return f"P{int(seconds // 86400)}D"
    return f"PT{int(seconds)}S"


def reverse_lists(path: tuple[str, ...], items: list[Any]) -> list[Any]:
    """Every list reversed but the lifecycle's stages, whose order is meaningful."""
    return items if path == ("lifecycle", "stages") else list(reversed(items))


# --------------------------------------------------------------------------- tests

EXAMPLES = example_files()
#: Invalid examples whose YAML loads: structure, reference and organisation errors.
INVALID = [
    EXAMPLES[0].parent / "invalid" / f"{name}.yaml"
    for name in ("structure-errors", "reference-errors", "org-defects", "type-mismatch")
]


@pytest.fixture(params=EXAMPLES + INVALID, ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> str:
    path: Path = request.param
    return path.read_text(encoding="utf-8")


def test_an_example_against_itself_has_no_change(example: str) -> None:
    assert changes(example, example) == []


def test_reordered_lists_and_keys_are_no_change(example: str) -> None:
    other = emit(rewritten(data_of(example), lists=reverse_lists, keys=True))
    assert other != example
    assert changes(example, other) == []
    assert changes(other, example) == []


@pytest.mark.parametrize("style", ["block", "flow"])
def test_reformatted_is_no_change(example: str, style: str) -> None:
    other = emit(data_of(example), style=style)
    assert changes(example, other) == []


@pytest.mark.parametrize("quote", ['"', "'"])
def test_requoted_is_no_change(example: str, quote: str) -> None:
    other = emit(data_of(example), quote=quote)
    assert other.count(quote) > example.count(quote)
    assert changes(example, other) == []


def test_durations_written_in_an_equal_form_are_no_change(example: str) -> None:
    other = emit(rewritten(data_of(example), durations=True))
    assert "P14D" in other or "P7D" in other
    assert changes(example, other) == []


def test_a_longer_duration_is_a_change() -> None:
    text = EXAMPLES[0].read_text(encoding="utf-8")
    data = data_of(text)
    data["methodology"]["iteration"] = "3w"
    found = changes(text, emit(data))
    assert [(c.code, c.path, c.before, c.after) for c in found] == [
        ("DIFF014", "methodology.iteration", "2w", "3w")
    ]

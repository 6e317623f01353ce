"""Unit tests of the loader: scalar resolution, merge keys, positions, limits, syntax hints."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from pomkit import loader
from pomkit.loader import Limits, LoadError, Source, decode, parse
from pomkit.scalars import Plain
from pomkit.structure import check

ROOT = Path(__file__).resolve().parents[1]
HEADER = "apiVersion: pomkit/v1\nkind: OperatingModel\nmetadata: {name: x, title: X}\ntype: agile\n"


def values(data: Any) -> Any:
    """``data`` with every :class:`Plain` replaced by its typed value."""
    if isinstance(data, dict):
        return {key: values(value) for key, value in data.items()}
    if isinstance(data, list):
        return [values(item) for item in data]
    return data.value if isinstance(data, Plain) else data


def load(text: str, parser: str) -> Source:
    source = parse(text, "test.yaml")
    assert source.parser == parser
    return source


# --------------------------------------------------------------------------- YAML 1.2 scalars


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # YAML 1.1 booleans are text in YAML 1.2.
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("N", "N"),
        ("tRUE", "tRUE"),
        # No sexagesimal numbers, binary, underscores or timestamps in the core schema.
        ("12:30", "12:30"),
        ("0b101", "0b101"),
        ("1_000", "1_000"),
        ("2026-05-14", "2026-05-14"),
        ("-0o17", "-0o17"),
        ("0x", "0x"),
        ("nULL", "nULL"),
    ],
)
def test_plain_scalars_that_stay_text(written: str, expected: str, parser: str) -> None:
    value = load(f"v: {written}\n", parser).data["v"]
    assert type(value) is str
    assert value == expected


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("1.10", 1.1),
        ("0o17", 15),
        ("0x1F", 31),
        ("0755", 755),
        ("+12", 12),
        ("-3", -3),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("true", True),
        ("True", True),
        ("FALSE", False),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
    ],
)
def test_plain_numbers_keep_the_text_written(written: str, number: Any, parser: str) -> None:
    value = load(f"v: {written}\n", parser).data["v"]
    assert isinstance(value, Plain)
    assert value.text == written
    assert value.value == number
    assert type(value.value) is type(number)


def test_nan_is_a_plain_float(parser: str) -> None:
    value = load("v: .nan\n", parser).data["v"]
    assert isinstance(value, Plain)
    assert value.text == ".nan"
    assert math.isnan(value.value)


@pytest.mark.parametrize("written", ["~", "null", "Null", "NULL", ""])
def test_nulls(written: str, parser: str) -> None:
    assert load(f"v: {written}\n", parser).data == {"v": None}


@pytest.mark.parametrize("written", ['"123"', "'true'", '"~"', "'0755'", '"1.10"'])
def test_quoted_scalars_are_text(written: str, parser: str) -> None:
    value = load(f"v: {written}\n", parser).data["v"]
    assert type(value) is str
    assert value == written[1:-1]


def test_text_and_number_fields_through_the_model(parser: str) -> None:
    text = (
        "apiVersion: pomkit/v1\nkind: OperatingModel\n"
        "metadata: {name: x, title: 0755, version: 1.10}\ntype: agile\n"
        "kpis:\n  - {id: nps, name: NPS, element: kpis, target: {value: 1.10}}\n"
        "roles:\n  - {id: pm, title: PM, kind: product-manager, people: 0o17}\n"
    )
    model = check(load(text, parser).data).model
    assert model is not None
    assert model.metadata.version == "1.10"
    assert model.metadata.title == "0755"
    assert model.kpis[0].target is not None
    assert model.kpis[0].target.value == 1.1
    assert model.roles[0].people == 15


def test_big_integer_stays_text(parser: str) -> None:
    digits = "7" * 5000
    assert load(f"v: {digits}\n", parser).data == {"v": digits}


# --------------------------------------------------------------------------- merge keys


def test_merge_explicit_keys_win_and_no_duplicate_is_reported(parser: str) -> None:
    text = (
        "base: &base {a: 1, b: 2}\n"
        "other: &other {b: 20, c: 30}\n"
        "before:\n  b: 0\n  <<: *base\n"
        "after:\n  <<: [*base, *other]\n  c: 3\n"
    )
    source = load(text, parser)
    assert source.issues == []
    assert values(source.data["before"]) == {"b": 0, "a": 1}
    # Earlier mappings in a merge list win over later ones; explicit keys over both.
    assert values(source.data["after"]) == {"c": 3, "a": 1, "b": 2}


def test_merge_does_not_hide_a_real_duplicate(parser: str) -> None:
    text = "base: &base {a: 1}\nm:\n  <<: *base\n  b: 2\n  b: 3\n"
    source = load(text, parser)
    assert [(i.code, i.line, i.column) for i in source.issues] == [("POM002", 5, 3)]
    assert values(source.data["m"]) == {"b": 2, "a": 1}


def test_quoted_merge_key_is_an_ordinary_key(parser: str) -> None:
    source = load('base: &base {a: 1}\nm: {"<<": *base}\n', parser)
    assert values(source.data["m"]) == {"<<": {"a": 1}}


def test_locate_follows_merged_keys(parser: str) -> None:
    source = load("base: &base {a: 1}\nm:\n  <<: *base\n  b: 2\n", parser)
    assert source.locate(("m", "a")) == (1, 17, 18)
    assert source.locate(("m", "b")) == (4, 6, 7)


# --------------------------------------------------------------------------- positions

LOCATE_TEXT = (
    "apiVersion: pomkit/v1\n"  # 1
    "metadata:\n"  # 2
    "  name: demo\n"  # 3
    "  title: Demo\n"  # 4
    "roles:\n"  # 5
    "  - id: pm\n"  # 6
    "    title: PM\n"  # 7
    "  - {id: po, title: PO}\n"  # 8
)


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        (("metadata", "name"), False, (3, 9, 13)),  # a scalar value
        (("metadata", "name"), True, (3, 3, 7)),  # its key
        (("metadata",), False, (2, 1, 9)),  # a mapping: at its key
        (("metadata", "missing"), False, (2, 1, 9)),  # missing key: at the parent
        (("metadata", "name", "deeper"), False, (3, 3, 7)),  # below a scalar: at its key
        (("roles", 0), False, (6, 5, None)),  # a list item mapping
        (("roles", 0, "title"), False, (7, 12, 14)),
        (("roles", 0, "title"), True, (7, 5, 10)),
        (("roles", 1, "title"), False, (8, 21, 23)),  # in a flow mapping
        (("roles", 5), False, (5, 1, 6)),  # past the end: at the list's key
        (("roles", "id"), False, (5, 1, 6)),  # a name on a list
        ((), False, (1, 1, None)),  # the root mapping
    ],
)
def test_locate(
    path: tuple[str | int, ...], key: bool, expected: tuple[int, int, int | None], parser: str
) -> None:
    source = load(LOCATE_TEXT, parser)
    assert source.locate(path, key=key) == expected


def test_locate_without_a_root() -> None:
    assert Source("empty.yaml", "").locate(("metadata", "name")) == (1, 1, None)
    assert parse("", "empty.yaml").locate(("a",)) == (1, 1, None)


def test_locate_counts_characters_not_bytes(parser: str) -> None:
    source = load("title: 日本語\nname: x\n", parser)
    assert source.locate(("title",)) == (1, 8, 11)
    assert source.locate(("name",)) == (2, 7, 8)


# --------------------------------------------------------------------------- nesting


def _real_depth(text: str) -> int:
    """Nesting depth from PyYAML's pure-Python event stream (no recursion, any depth)."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return deepest


def _block_mappings(levels: int, step: str) -> str:
    return "".join(f"{step * i}k{i}:\n" for i in range(levels)) + step * levels + "end\n"


def _sequences_at_key_indent(levels: int) -> str:
    """``k0:`` / ``- k1:`` / ``  - k2:`` …: each sequence sits at its key's indentation."""
    lines = ["k0:"] + ["  " * (i - 1) + f"- k{i}:" for i in range(1, levels)]
    return "\n".join(lines) + " end\n"


NESTING_SHAPES = {
    "block-mappings-2": _block_mappings(60, "  "),
    "block-mappings-1": _block_mappings(60, " "),
    "sequences-at-key-indent": _sequences_at_key_indent(30),
    "compact-sequences": "- " * 80 + "x\n",
    "explicit-keys": "? " * 20 + "x\n",
    "block-then-flow": "a:\n  b:\n    c: [[[1, {d: [2]}]]]\n",
    "flow-40-under-500-brackets": "a: " + "[" * 40 + "]" * 40 + "\n",
    "flow-600": "a: " + "[" * 600 + "]" * 600 + "\n",
    "flow-600-quoted-closing-brackets": "a: " + '["]", ' * 600 + "x" + "]" * 600 + "\n",
    "flow-600-commented-closing-brackets": "a:\n" + "  [ # ]\n" * 600 + "  x" + "]" * 600,
}


@pytest.mark.parametrize("shape", sorted(NESTING_SHAPES))
def test_nesting_limit_is_exact_on_both_parsers(shape: str, parser: str) -> None:
    """Depth is counted while composing: deeper than the limit is POM005, else not."""
    text = NESTING_SHAPES[shape]
    depth = _real_depth(text)
    source = load(text, parser)
    codes = {issue.code for issue in source.issues}
    assert ("POM005" in codes) == (depth > Limits().max_depth), (depth, source.issues)


# --------------------------------------------------------------------------- decoding


def test_decode_utf8_and_bom() -> None:
    assert decode("a: é\n".encode()) == ("a: é\n", None)
    assert decode(b"\xef\xbb\xbfa: 1\n") == ("a: 1\n", None)


@pytest.mark.parametrize(
    ("raw", "line", "column", "byte"),
    [
        (b"a: \xff\n", 1, 4, 0xFF),
        (b"a: b\nc: \xfe\n", 2, 4, 0xFE),
        ("t: é".encode() + b"\xe9\n", 1, 6, 0xE9),  # after a two-byte character
        (b"a\r\nb\r\n\x80", 3, 1, 0x80),  # CRLF lines
        (b"a: \xe2\x82", 1, 4, 0xE2),  # truncated at the end
    ],
)
def test_decode_reports_where_utf8_breaks(raw: bytes, line: int, column: int, byte: int) -> None:
    text, issue = decode(raw)
    assert text == ""
    assert issue is not None
    assert (issue.code, issue.line, issue.column) == ("POM007", line, column)
    assert f"0x{byte:02x}" in issue.message
    assert f"line {line}, byte {column}" in issue.message


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (b"\xff\xfea\x00", "UTF-16"),
        (b"\xfe\xff\x00a", "UTF-16"),
        (b"\xff\xfe\x00\x00a\x00\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff\x00\x00\x00a", "UTF-32"),
    ],
)
def test_decode_refuses_other_encodings(raw: bytes, name: str) -> None:
    text, issue = decode(raw)
    assert text == ""
    assert issue is not None
    assert issue.code == "POM007"
    assert name in issue.message


# --------------------------------------------------------------------------- syntax hints

TOP = "apiVersion: pomkit/v1\nkind: OperatingModel\n"  # lines 1 and 2


def only_issue(text: str, parser: str) -> loader.LoadIssue:
    issues = load(text, parser).issues
    assert len(issues) == 1, issues
    return issues[0]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        # Three spaces where the item's keys sit at four (column 5).
        (TOP + "roles:\n  - id: a\n    title: A\n   team: x\n", 6, 4, ["column 5", "line 5"]),
        # Deeper than its siblings (read as a value continued, then `:`).
        (TOP + "strategy:\n  vision: x\n    mission: y\n", 5, 5, ["column 3", "line 4"]),
        # Back out to a column no block above uses.
        (TOP + "strategy:\n   vision: x\n  mission: y\n", 5, 3, ["column 4", "line 4"]),
        # A list item one space off.
        (TOP + "roles:\n  - id: a\n   - id: b\n", 5, 4, ["column 3", "line 4"]),
        # A key at the list's column: indent it, or it is a new item.
        (TOP + "roles:\n  - id: a\n  title: x\n", 5, 3, ["column 5", "new list item"]),
        # Indented at the top level.
        (TOP + " type: agile\n", 3, 2, ["column 1", "line 2"]),
        # Four-space indentation, one line two spaces too deep.
        (TOP + "strategy:\n    vision: x\n      mission: y\n", 5, 7, ["column 5", "line 4"]),
    ],
)
def test_inconsistent_indentation_names_the_expected_column(
    text: str, line: int, column: int, words: list[str], parser: str
) -> None:
    issue = only_issue(text, parser)
    assert (issue.code, issue.line, issue.column) == ("POM001", line, column)
    assert issue.message.startswith("the indentation is off")
    assert f"starts at column {column}" in issue.message
    assert issue.hint is not None
    for word in words:
        assert word in issue.hint


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (TOP + "strategy:\n\tvision: x\n", 4, 1),
        (TOP + "strategy:\n  \tvision: x\n", 4, 3),
        (TOP + "strategy:\n  vision: x\n\tmission: y\n", 5, 1),
        (TOP + "roles:\n\t- id: a\n", 4, 1),
    ],
)
def test_a_tab_used_for_indentation(text: str, line: int, column: int, parser: str) -> None:
    issue = only_issue(text, parser)
    assert (issue.code, issue.line, issue.column) == ("POM001", line, column)
    assert "a tab indents this line" in issue.message
    assert f"column {column}" in issue.message
    assert issue.hint is not None
    assert "spaces" in issue.hint


@pytest.mark.parametrize(
    ("text", "line", "column", "why", "shown"),
    [
        # Not block scalars: a value that starts with > or |.
        (TOP + "kpis:\n  - target:\n      op: >=\n", 5, 11, "'>' starts a block", 'op: ">="'),
        (TOP + "kpis:\n  - target:\n      op: >= # min\n", 5, 11, "'>'", 'op: ">="'),
        (TOP + "kpis:\n  - target: {op: >=, value: 4}\n", 4, 18, "with '>'", 'op: ">="'),
        (TOP + "metadata:\n  op: > 4\n", 4, 7, "'>' starts a block", 'op: "> 4"'),
        (TOP + "metadata:\n  note: |a|\n", 4, 9, "'|' starts a block", 'note: "|a|"'),
        (TOP + "archetypes: [|x, b]\n", 3, 14, "with '|'", '"|x"'),
        # Reserved first characters.
        (TOP + "metadata:\n  owner: @alice\n", 4, 10, "with '@'", 'owner: "@alice"'),
        (TOP + "metadata:\n  title: `pomkit`\n", 4, 10, "with '`'", 'title: "`pomkit`"'),
        (TOP + "archetypes:\n  - @agile\n", 4, 5, "with '@'", '- "@agile"'),
        (TOP + "archetypes: [@agile, b]\n", 3, 14, "with '@'", '"@agile"'),
        # A colon in the value.
        (TOP + "metadata:\n  title: Q3: launch\n", 4, 10, "holding `: `", 'title: "Q3: launch"'),
        (TOP + "metadata:\n  title: : launch\n", 4, 10, "starting with `:`", 'title: ": launch"'),
        (TOP + "metadata: {title: Q3: launch}\n", 3, 19, "holding `: `", 'title: "Q3: launch"'),
        # In flow style a value starting with `: ` is "no node content" to the parsers.
        (TOP + "roles:\n  - {id: h, title: : x}\n", 4, 20, "starting with `:`", 'title: ": x"'),
        (TOP + "metadata: {title: :, name: x}\n", 3, 19, "starting with `:`", 'title: ":"'),
        (TOP + "archetypes: [a, : x]\n", 3, 17, "starting with `:`", '": x"'),
        (TOP + 'metadata:\n  title: a "b": c\n', 4, 10, "holding", 'title: "a \\"b\\": c"'),
    ],
)
def test_values_that_need_quotes_show_the_quoted_form(
    text: str, line: int, column: int, why: str, shown: str, parser: str
) -> None:
    issue = only_issue(text, parser)
    assert (issue.code, issue.line, issue.column) == ("POM001", line, column)
    assert why in issue.message
    assert "quoted" in issue.message or "quote" in (issue.hint or "")
    assert issue.hint == f"quote the value: {shown}"
    # The quoted form really is YAML for the text that was meant.
    assert yaml.safe_load(shown.removeprefix("- ")) is not None


def test_the_quoted_form_reads_back_as_the_value_written(parser: str) -> None:
    issue = only_issue(TOP + 'metadata:\n  title: Q3: "launch" now\n', parser)
    assert issue.hint is not None
    fixed = issue.hint.removeprefix("quote the value: ")
    assert yaml.safe_load(fixed) == {"title": 'Q3: "launch" now'}
    assert load(TOP + "metadata:\n  " + fixed + "\n", parser).issues == []


def test_a_key_line_without_its_colon(parser: str) -> None:
    issue = only_issue(TOP + "strategy:\n  vision x\n  mission: y\n", parser)
    assert (issue.code, issue.line, issue.column) == ("POM001", 4, 3)
    assert "neither `key: value` nor a list item" in issue.message
    assert issue.hint is not None
    assert "missing `:`" in issue.hint


def test_text_after_a_closing_quote(parser: str) -> None:
    issue = only_issue(TOP + 'metadata:\n  title: "a" b\n', parser)
    assert (issue.code, issue.line, issue.column) == ("POM001", 4, 14)
    assert "closing quote" in issue.message


def test_other_syntax_errors_keep_the_parsers_words(parser: str) -> None:
    issue = only_issue(TOP + "archetypes: [agile, platform\n", parser)
    assert issue.code == "POM001"
    assert "indentation" not in issue.message
    assert issue.hint is not None


def test_hints_stay_cheap_on_long_lines() -> None:
    """The line reading behind the hints must not backtrack on long runs of words and spaces."""
    import time

    long_line = "  note: " + "word " * 20_000 + "x" + " " * 50_000 + "y\n"
    text = TOP + "strategy:\n" + long_line * 20 + "    mission: y\n"
    started = time.monotonic()
    issue = only_issue(text, "libyaml")
    assert time.monotonic() - started < 2.0
    assert issue.code == "POM001"


# --------------------------------------------------------------------------- missing "- "

MISSING_DASH = (
    TOP
    + """roles:
  - id: a
    title: A
    id: b
    title: B
  - id: c
    title: C
"""
)


def test_a_list_item_missing_its_dash_is_reported_once(parser: str) -> None:
    source = load(MISSING_DASH, parser)
    assert [(i.code, i.line, i.column) for i in source.issues] == [("POM002", 6, 5)]
    (issue,) = source.issues
    assert "a new list item seems to be missing its `- `" in issue.message
    assert "'id'" in issue.message
    assert "line 4" in issue.message
    assert issue.hint is not None
    assert "`- id:` at column 3" in issue.hint
    assert issue.end_column == 7
    # The item above keeps its own values; the items after it are read as usual.
    assert source.data["roles"] == [{"id": "a", "title": "A"}, {"id": "c", "title": "C"}]


def test_each_missing_dash_is_reported_and_real_duplicates_still_are(parser: str) -> None:
    text = (
        TOP
        + """roles:
- id: a
  title: A
  id: b
  title: B
  id: c
  title: C
  title: D
"""
    )
    source = load(text, parser)
    found = [(i.code, i.line, i.column, "missing its `- `" in i.message) for i in source.issues]
    assert found == [
        ("POM002", 6, 3, True),
        ("POM002", 8, 3, True),
        ("POM002", 10, 3, False),
    ]
    assert "duplicate key 'title' (first at line 9)" in source.issues[2].message
    assert "`- id:` at column 1" in (source.issues[0].hint or "")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # A real duplicate inside one item (not its first key).
        (TOP + "roles:\n  - id: a\n    title: A\n    title: B\n", 6),
        # The first key repeated in a flow mapping: nobody forgets "- " there.
        (TOP + "roles:\n  - {id: a, title: A, id: b}\n", 4),
        # A mapping that is no list item.
        (TOP + "metadata:\n  name: a\n  title: A\n  name: b\n", 6),
    ],
)
def test_ordinary_duplicate_keys(text: str, line: int, parser: str) -> None:
    issue = only_issue(text, parser)
    assert (issue.code, issue.line) == ("POM002", line)
    assert issue.message.startswith("duplicate key")


# --------------------------------------------------------------------------- limits


def test_size_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(HEADER.encode() + b"\xff" * 100)  # not even UTF-8

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"the file was opened: {args}")

    monkeypatch.setattr(loader, "open", refuse, raising=False)
    source = loader.read(path, Limits(max_bytes=len(HEADER)))
    assert [i.code for i in source.issues] == ["POM006"]
    assert source.text == ""
    assert source.data is None


def test_size_limit_is_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(HEADER, encoding="utf-8")
    source = loader.read(path, Limits(max_bytes=len(HEADER.encode())))
    assert source.issues == []
    assert source.data["metadata"] == {"name": "x", "title": "X"}


def test_depth_limit(parser: str) -> None:
    text = "a:\n  b:\n    c:\n      d: [[e]]\n"
    assert load(text, parser).issues == []
    source = parse(text, "deep.yaml", Limits(max_depth=3))
    assert [i.code for i in source.issues] == ["POM005"]
    assert source.data is None


def test_alias_limit(parser: str) -> None:
    text = "a: &a [1, 2, 3, 4]\nb: [*a, *a, *a]\n"
    assert values(load(text, parser).data["b"]) == [[1, 2, 3, 4]] * 3
    source = parse(text, "aliases.yaml", Limits(max_alias_nodes=10))
    assert [(i.code, i.line) for i in source.issues] == [("POM004", 1)]
    assert source.data is None


def test_read_errors(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        loader.read(tmp_path / "missing.yaml")
    with pytest.raises(LoadError, match="is a directory"):
        loader.read(tmp_path)
    os.mkfifo(tmp_path / "fifo.yaml")
    with pytest.raises(LoadError, match="not a regular file"):
        loader.read(tmp_path / "fifo.yaml")


# --------------------------------------------------------------------------- both parsers

EXAMPLES = sorted((ROOT / "examples").glob("**/*.yaml"))


def test_there_are_examples() -> None:
    assert len([p for p in EXAMPLES if p.parent.name == "examples"]) >= 3


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_both_parsers_build_the_same_data_for_examples(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("POMKIT_PURE_YAML", raising=False)
    fast = loader.read(path)
    monkeypatch.setenv("POMKIT_PURE_YAML", "1")
    pure = loader.read(path)
    assert (fast.parser, pure.parser) == ("libyaml", "ruamel-pure")
    assert fast.data is not None
    assert fast.data == pure.data
    # Plain compares by text only: the typed values must match as well.
    assert _typed(fast.data) == _typed(pure.data)
    assert [(i.code, i.line, i.column) for i in fast.issues] == [
        (i.code, i.line, i.column) for i in pure.issues
    ]


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, Plain):
        return (type(value.value).__name__, value.text, repr(value.value))
    return (type(value).__name__, value)


def test_the_pure_parser_leaves_other_ruamel_loaders_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ruamel.yaml import YAML

    monkeypatch.setenv("POMKIT_PURE_YAML", "1")
    assert parse("a: 1\n").parser == "ruamel-pure"
    assert YAML(typ="safe", pure=True).load("a: 1\nb: x\n") == {"a": 1, "b": "x"}

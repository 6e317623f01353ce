"""One definition of a line break (pomkit.lines), and every position that depends on it.

Editors, GitHub and SARIF viewers end lines at CR LF, CR or LF only; both YAML parsers
also end lines at NEL, U+2028 and U+2029 (YAML 1.1). Findings, excerpts and
``# pomkit:`` comments must all number lines as the editor does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from helpers import invoke
from pomkit import lines, loader, markdown, scaffold
from pomkit.catalog import base_model
from pomkit.findings import FileResult, split_lines
from pomkit.loader import parse
from pomkit.sources import declares_model

NEL, LS, PS = "\x85", "\u2028", "\u2029"
LEGACY = [pytest.param(NEL, id="NEL"), pytest.param(LS, id="LS"), pytest.param(PS, id="PS")]


# --------------------------------------------------------------------------- the definition


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\nb", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b", ""]),
        ("a\rb", ["a", "b"]),
        ("a\n\rb", ["a", "", "b"]),
        # Not line breaks in a file: str.splitlines would split at each of these.
        (
            f"a{NEL}b{LS}c{PS}d\x0be\x0cf\x1cg\x1dh\x1ei",
            [f"a{NEL}b{LS}c{PS}d\x0be\x0cf\x1cg\x1dh\x1ei"],
        ),
    ],
)
def test_lines_end_at_cr_lf_crlf_only(text: str, expected: list[str]) -> None:
    assert lines.split_lines(text) == expected
    assert split_lines(text) == expected  # pomkit.findings re-exports the same function
    assert lines.count_breaks(text) == len(expected) - 1
    kept = lines.split_lines(text, keepends=True)
    assert "".join(kept) == text
    assert [lines.LINE_BREAK.sub("", line) for line in kept] == [
        line for i, line in enumerate(expected) if line or i < len(expected) - 1
    ]


def test_position_counts_code_points_on_editor_lines() -> None:
    text = f'a: "😀{LS}é"\r\nb: x\rc: y\n'
    assert lines.position(text, text.index("b")) == (2, 1)
    assert lines.position(text, text.index("c")) == (3, 1)
    assert lines.position(text, text.index("é")) == (1, 7)  # 😀 and U+2028 are one each
    assert lines.position(text, len(text)) == (4, 1)


def test_char_index_of_a_utf8_byte_offset() -> None:
    text = "é😀\x01"
    assert lines.char_index(text, len("é😀".encode())) == 2


def test_displayed_text_breaks_at_every_mandatory_break() -> None:
    # A value printed on one line: Unicode's mandatory breaks become <br> too.
    assert markdown.BREAKS is lines.TEXT_BREAK
    assert markdown.md_inline(f"a{LS}b{PS}c{NEL}d\x0be\x0cf") == "a<br>b<br>c<br>d<br>e<br>f"


@pytest.mark.parametrize("char", LEGACY)
def test_the_parser_text_hides_legacy_breaks_and_restores_them(char: str) -> None:
    text = f'a: "x{char}y"  # note{char}more\n'
    masked = lines.for_parser(text)
    assert len(masked.text) == len(text)
    assert not any(c in masked.text for c in lines.LEGACY_BREAKS)
    assert masked.restore(masked.text) == text
    assert lines.for_parser("a: b\n").table == {}


def test_placeholders_are_neither_in_the_text_nor_written_as_escapes() -> None:
    text = f'a: "\\ue000 \\U0000E001 \ue002"{LS}{NEL}{PS}\n'
    masked = lines.for_parser(text)
    assert set(masked.table) == {0xE003, 0xE004, 0xE005}
    assert masked.restore(masked.text) == text


# --------------------------------------------------------------------------- loader positions

HEADER = "apiVersion: pomkit/v1\nkind: OperatingModel\n"


def _walk(node: Any) -> list[Any]:
    out, todo = [], [node]
    while todo:
        node = todo.pop()
        out.append(node)
        kind = loader._node_kind(node)
        if kind == "sequence":
            todo.extend(node.value)
        elif kind == "mapping":
            for key, value in node.value:
                todo.extend((key, value))
    return out


@pytest.mark.parametrize("char", LEGACY)
@pytest.mark.parametrize(
    "where",
    [
        'metadata: {name: x, title: "X{c}Y"}\n',
        "metadata: {name: x, title: 'X{c}Y'}\n",
        "metadata: {name: x, title: X{c}Y}\n",
        "metadata:\n  name: x\n  title: X{c}Y\n",
        "metadata:  # a note{c}with more: words\n  name: x\n",
        "# a note{c}key: value\nmetadata: {name: x}\n",
    ],
    ids=["double-quoted", "single-quoted", "flow-plain", "block-plain", "comment", "comment-line"],
)
def test_nodes_are_at_their_editor_positions(where: str, char: str, parser: str) -> None:
    text = HEADER + where.replace("{c}", char) + "type: agile\n"
    source = parse(text)
    assert source.parser == parser
    # NEL is a C1 control: text holding it is reported (POM011), and still loads.
    title = next((n for n, line in enumerate(split_lines(text), 1) if "title:" in line), 0)
    assert all(i.code == "POM011" and i.line == title for i in source.issues)
    assert bool(source.issues) == (char == NEL and "title:" in where)
    for node in _walk(source.root):
        at = node.start_mark.index
        assert (node.start_mark.line + 1, node.start_mark.column + 1) == lines.position(text, at)
    assert source.locate(("type",), key=True)[:2] == (split_lines(text).index("type: agile") + 1, 1)
    # YAML 1.2 reads these characters as text: kept, never folded or ending a comment.
    metadata = source.data["metadata"]
    assert set(metadata) <= {"name", "title"}
    if "title" in metadata:
        assert metadata["title"] == f"X{char}Y"


def test_both_parsers_read_the_same_data(monkeypatch: pytest.MonkeyPatch) -> None:
    text = HEADER + f'metadata: {{name: x, title: "a{NEL}b{LS}c", note: d{PS}e}}  # f{LS}g: h\n'
    monkeypatch.delenv("POMKIT_PURE_YAML", raising=False)
    fast = parse(text)
    monkeypatch.setenv("POMKIT_PURE_YAML", "1")
    pure = parse(text)
    assert (fast.parser, pure.parser) == ("libyaml", "ruamel-pure")
    assert fast.data == pure.data
    assert fast.data["metadata"] == {"name": "x", "title": f"a{NEL}b{LS}c", "note": f"d{PS}e"}


@pytest.mark.parametrize("char", LEGACY)
def test_a_syntax_error_after_a_legacy_break_is_on_its_editor_line(char: str, parser: str) -> None:
    text = HEADER + f'metadata: {{name: x, title: "X{char}Y"}}\nstrategy:\n  vision: Q3: go\n'
    (issue,) = parse(text).issues
    assert (issue.code, issue.line, issue.column) == ("POM001", 5, 11)
    assert issue.hint == 'quote the value: vision: "Q3: go"'


def test_a_control_character_after_wide_characters_is_located(parser: str) -> None:
    # libyaml reports a byte offset into the UTF-8 text, ruamel a character offset.
    text = HEADER + f'metadata: {{name: x, title: "é😀{LS}\x01"}}\n'
    (issue,) = parse(text).issues
    assert issue.code == "POM001"
    assert "U+0001" in issue.message
    assert (issue.line, issue.column) == (3, 32)  # é, 😀 and U+2028 are one column each


def test_a_byte_order_mark_does_not_shift_columns(parser: str) -> None:
    text = HEADER + "metadata: {name: x, title: : x}\n"
    plain, marked = parse(text), parse("\ufeff" + text)
    assert marked.text == text
    assert [(i.line, i.column) for i in marked.issues] == [(3, 28)]
    assert [(i.line, i.column) for i in plain.issues] == [(3, 28)]


def test_invalid_utf8_is_located_on_editor_lines() -> None:
    _, issue = loader.decode(b"a: 1\rb: 2\r\nc: \xff\n")
    assert issue is not None
    assert (issue.line, issue.column) == (3, 4)


def test_a_file_of_comments_and_legacy_breaks_is_empty(parser: str) -> None:
    assert [i.code for i in parse(f"# a{LS}b: c\n# d{NEL}\n").issues] == ["POM008"]
    # A form feed on its own line is not blank to YAML: the parser names it.
    assert [i.code for i in parse("\x0c\n").issues] == ["POM001"]


# --------------------------------------------------------------------------- end to end

ROLE = "  - {id: support-lead, title: Support lead, kind: custom, team: core}"


def model(char: str, *, suppress: bool = False) -> str:
    """The base model with ``char`` in a quoted title, a comment and a plain value, and
    a role naming an unknown team (POM202) after them."""
    text = base_model()
    for old, new in [
        ("  title: Example product\n", f'  title: "Example{char}product"\n'),
        ("type: agile\n", f"type: agile  # a note{char}with more: words\n"),
        ("{id: core, name: Core team,", f"{{id: core, name: Core{char}team,"),
        (ROLE, ROLE.replace("team: core", "team: cor")),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    if suppress:
        text = text.replace("team: cor}", "team: cor}  # pomkit: ignore[POM202]")
    return text


def bad_line(text: str) -> int:
    return next(i for i, line in enumerate(split_lines(text), 1) if "team: cor}" in line)


@pytest.mark.parametrize("char", [*LEGACY, pytest.param("", id="none")])
def test_findings_and_excerpts_are_on_editor_lines(char: str, parser: str, tmp_path: Path) -> None:
    text = model(char)
    path = tmp_path / "model.yaml"
    path.write_bytes(text.encode("utf-8"))
    code, out, _ = invoke("validate", "--select", "POM202", str(path))
    assert code == 1
    line = bad_line(text)
    assert f"model.yaml:{line}:{ROLE.index('team: core') + 7} POM202" in out
    assert re.search(rf"^ *{line} \|   - {{id: support-lead.*team: cor}}$", out, re.M), out


@pytest.mark.parametrize("char", [*LEGACY, pytest.param("", id="none")])
def test_a_suppression_on_the_editor_line_applies(char: str, parser: str, tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_bytes(model(char, suppress=True).encode("utf-8"))
    code, out, err = invoke("validate", "--format", "json", str(path))
    assert code == 0, out + err
    assert "POM202" not in out.replace('"POM202": 1', "")
    assert "POM090" not in out


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
@pytest.mark.parametrize("char", [LS, ""], ids=["LS", "none"])
def test_crlf_and_lone_cr_files(newline: str, char: str, parser: str, tmp_path: Path) -> None:
    text = model(char).replace("\n", newline)
    (tmp_path / "model.yaml").write_bytes(text.encode("utf-8"))
    code, out, _ = invoke("validate", "--select", "POM202", str(tmp_path))  # found by search
    assert code == 1
    line = bad_line(text)
    assert f"model.yaml:{line}:" in out
    assert re.search(rf"^ *{line} \|   - {{id: support-lead", out, re.M), out
    suppressed = model(char, suppress=True).replace("\n", newline)
    (tmp_path / "model.yaml").write_bytes(suppressed.encode("utf-8"))
    assert invoke("validate", "--select", "POM202", str(tmp_path))[0] == 0


def test_a_lone_cr_file_is_found_as_a_model() -> None:
    assert declares_model("# a model\rapiVersion: pomkit/v1\rkind: OperatingModel\r")


def test_file_result_lines_match_the_loader(parser: str) -> None:
    text = HEADER + f"metadata: {{name: x}}  # {LS}\r\ntype: agile\rteams: []\n"
    source = parse(text)
    result = FileResult("m.yaml", source=text)
    line, column, _ = source.locate(("teams",), key=True)
    assert result.line_text(line) == "teams: []"
    assert column == 1


# --------------------------------------------------------------------------- pomkit init


def test_init_edits_the_lines_the_parser_numbers() -> None:
    text = (
        f"# An example{LS}with a line separator\n"
        "apiVersion: pomkit/v1\nkind: OperatingModel\n"
        f"metadata:\n  name: old  # x{NEL}y\n  title: >-\n    Old\n    title\n  owner: pm\n"
        "type: agile\n"
    )
    out = scaffold._edit(text, "t", {"name": "new", "title": "New", "version": "0.1"})
    assert out.endswith(
        "metadata:\n  name: new\n  title: New\n  version: 0.1\n  owner: pm\ntype: agile\n"
    )
    assert out.count(f"# An example{LS}with a line separator\n") == 1

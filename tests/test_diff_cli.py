"""`pomkit diff` on the command line and from Python: inputs, exit codes, settings, catalog."""

from __future__ import annotations

import errno
import importlib
import json
import os
import re
import subprocess
from pathlib import Path
from typing import IO

import pytest

import pomkit
from helpers import EXAMPLES, ROOT, invoke, overlay, run_pomkit
from pomkit import output
from pomkit.changes import formats
from pomkit.changes.formats import FORMATS
from pomkit.changes.records import Change
from pomkit.cli import DiffFormat
from pomkit.findings import Severity
from pomkit.output import TEMP_MARK
from test_diff_formats import agile_pair

AGILE = EXAMPLES / "agile.yaml"


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    old, new = agile_pair()
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "old.yaml", "new.yaml"


def test_format_choices_match_the_formats() -> None:
    assert {f.value for f in DiffFormat} == set(FORMATS)


def test_python_api_returns_the_changes(pair: tuple[str, str]) -> None:
    found = pomkit.diff(*pair)
    assert all(isinstance(c, Change) for c in found)
    assert len(found) == 9
    assert pomkit.diff(str(AGILE), str(AGILE)) == []
    # The package (pomkit.changes) and the function (pomkit.diff) have different names,
    # so importing the package never rebinds the function.
    importlib.import_module("pomkit.changes.formats")
    assert callable(pomkit.diff)
    assert len(pomkit.diff(*pair)) == 9


ALL = "9 changes: 2 breaking, 4 notable, 3 info"
#: Every family but the DIFF0xx one (additions, renames, metadata) ignored.
ONLY_DIFF0 = [f"--ignore={family}" for family in ("DIFF1xx", "DIFF2", "DIFF4", "DIFF5", "DIFF6")]


@pytest.mark.parametrize(
    ("flags", "code", "last"),
    [
        ([], 0, ALL),
        (["--fail-on", "never"], 0, ALL),
        (["--fail-on", "breaking"], 1, ALL),
        (["--fail-on", "notable"], 1, ALL),
        (["--fail-on", "info"], 1, ALL),
        # Both breaking changes ignored: nothing at the fail level is left.
        (
            ["--fail-on", "breaking", "--ignore", "DIFF106", "--ignore", "DIFF4"],
            0,
            "7 changes: 0 breaking, 4 notable, 3 info",
        ),
        # Only information left.
        (
            ["--fail-on", "notable", *ONLY_DIFF0],
            0,
            "3 changes: 0 breaking, 0 notable, 3 info",
        ),
        (
            ["--fail-on", "info", *ONLY_DIFF0],
            1,
            "3 changes: 0 breaking, 0 notable, 3 info",
        ),
        (["--fail-on", "info", "--ignore", "ALL"], 0, "no changes"),
    ],
)
def test_exit_codes_follow_the_fail_level(
    pair: tuple[str, str], flags: list[str], code: int, last: str
) -> None:
    exit_code, out, err = invoke("diff", *pair, *flags)
    assert exit_code == code, out + err
    assert err == ""
    assert out.rstrip("\n").splitlines()[-1] == last


def test_ignored_changes_are_not_reported(pair: tuple[str, str]) -> None:
    _code, out, _err = invoke("diff", *pair, "--ignore", "DIFF0")
    assert "DIFF006" not in out
    assert "DIFF001" not in out
    assert out.rstrip().endswith("6 changes: 2 breaking, 4 notable, 0 info")


def _temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMP_MARK in p.name)


def test_output_replaces_an_existing_file_by_renaming_and_leaves_no_temporary_file(
    pair: tuple[str, str],
) -> None:
    target = Path("diff.json")
    target.write_text("the last diff\n", encoding="utf-8")
    before = target.stat().st_ino
    code, out, err = invoke("diff", *pair, "--format", "json", "--output", "diff.json")
    assert (code, out, err) == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["changes"] == 9
    # Written beside it and renamed over it: another file (inode), nothing left behind.
    assert target.stat().st_ino != before
    assert _temporary_files(Path.cwd()) == []


def test_a_failed_write_leaves_the_old_output_intact(
    pair: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(text: str, stream: IO[str]) -> None:
        stream.write(text[:10])  # part of the diff reached the disk …
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # … then the disk was full

    target = Path("diff.md")
    target.write_text("the last diff\n", encoding="utf-8")
    monkeypatch.setattr(output, "_copy", full)
    code, out, err = invoke("diff", *pair, "--format", "md", "--output", "diff.md")
    assert code == 2
    assert out == ""
    assert "cannot write diff.md: No space left on device" in err
    assert target.read_text(encoding="utf-8") == "the last diff\n"
    assert _temporary_files(Path.cwd()) == []


def test_a_failed_render_leaves_the_old_output_intact(
    pair: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(report: object, fmt: str, color: bool = False) -> str:
        raise RuntimeError("render failed")

    target = Path("diff.md")
    target.write_text("the last diff\n", encoding="utf-8")
    monkeypatch.setattr(formats, "render", broken)
    with pytest.raises(RuntimeError, match="render failed"):
        invoke("diff", *pair, "--format", "md", "--output", "diff.md")
    assert target.read_text(encoding="utf-8") == "the last diff\n"
    assert _temporary_files(Path.cwd()) == []


def test_output_is_never_written_over_an_input(pair: tuple[str, str]) -> None:
    new = Path("new.yaml").read_text(encoding="utf-8")
    code, out, err = invoke("diff", *pair, "--output", "new.yaml")
    assert code == 2
    assert out == ""
    assert "is one of the input files" in err
    assert Path("new.yaml").read_text(encoding="utf-8") == new


def test_color_flags_colour_the_text_markers_only(
    pair: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`diff` takes --color/--no-color as `validate` does: markers and levels coloured in the
    text format, never the user's text, never the machine formats."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    code, plain, _err = invoke("diff", *pair)
    assert code == 0
    assert "\x1b[" not in plain
    code, off, _err = invoke("diff", *pair, "--no-color")
    assert (code, off) == (0, plain)
    code, colored, _err = invoke("diff", *pair, "--color")
    assert code == 0
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == plain
    assert "  \x1b[32m+\x1b[0m DIFF001 " in colored
    assert "\x1b[1;31mbreaking\x1b[0m" in colored
    for line, bare in zip(colored.splitlines(), plain.splitlines(), strict=True):
        if "\x1b[" in line:
            # colour ends before the message: what the user wrote is never painted
            tail = line[line.rindex("\x1b[0m") + len("\x1b[0m") :]
            assert tail.startswith("  ")
            assert tail.rstrip().endswith(")")
            assert bare.endswith(tail)
    code, data, _err = invoke("diff", *pair, "--color", "--format", "json")
    assert code == 0
    assert "\x1b[" not in data
    help_code, help_text, _err = invoke("diff", "--help")
    assert help_code == 0
    assert "--no-color" in help_text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.yaml", "new.yaml"], "missing.yaml: no such file or directory"),
        (["old.yaml", "."], "is a directory"),
        (["-", "-"], "both sides name stdin"),
        (["old.yaml", "new.yaml", "--ignore", "DIFF999"], "unknown change code 'DIFF999'"),
        (["old.yaml", "new.yaml", "--config", "nope.toml"], "--config nope.toml: no such file"),
    ],
)
def test_unusable_input_exits_2_with_a_message(
    pair: tuple[str, str], args: list[str], message: str
) -> None:
    code, out, err = invoke("diff", *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert out == ""


def test_a_side_that_holds_no_model_exits_2(pair: tuple[str, str]) -> None:
    Path("broken.yaml").write_text("roles: [a\n", encoding="utf-8")
    code, _out, err = invoke("diff", "old.yaml", "broken.yaml")
    assert code == 2
    assert "broken.yaml: cannot be compared: " in err
    assert "pomkit validate broken.yaml" in err


def test_a_side_with_validation_errors_says_so_at_the_top(pair: tuple[str, str]) -> None:
    text = Path("new.yaml").read_text(encoding="utf-8")
    Path("new.yaml").write_text(
        text.replace("invoicing-team, people: 5}", "invoicing-team, people: five}"),
        encoding="utf-8",
    )
    # A second mistake that loads but that the organisation rules report: validate lists
    # it, while the note counts only what did not load, and says so.
    Path("new.yaml").write_text(
        Path("new.yaml").read_text(encoding="utf-8") + "\nwaivers:\n"
        "  - {rule: POM301, target: role:nobody-at-all, reason: planted}\n",
        encoding="utf-8",
    )
    code, out, _err = invoke("diff", *pair)
    assert code == 0
    second = out.splitlines()[1]
    validated = pomkit.validate("new.yaml")
    # What did not load: load errors (POM001–POM012) and structure errors (POM1xx); not
    # the directives' own findings (POM09x), nor POM011, whose text still loads.
    structural = [
        f
        for f in validated
        if f.severity is Severity.ERROR and f.code[:5] in ("POM00", "POM01", "POM10")
    ]
    assert len(validated) > len(structural) == 1
    assert second.startswith(
        "note: NEW new.yaml has 1 load or structure error (POM001–POM012, POM1xx; first: "
        f"{structural[0].line}:{structural[0].column}: {structural[0].message}"
    )
    assert "DIFF103" not in out  # the people count did not load: it is not "reduced"


def test_stdin_is_one_side(pair: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    new = Path("new.yaml").read_text(encoding="utf-8")
    result = subprocess.run(
        ["python", "-m", "pomkit", "diff", "old.yaml", "-", "--format", "json"],
        input=new,
        capture_output=True,
        text=True,
        check=False,
    )
    document = json.loads(result.stdout)
    assert document["new"] == {
        "name": "<stdin>",
        "path": None,
        "problems": 0,
        "first_problem": None,
    }
    assert document["summary"]["changes"] == 9


# --------------------------------------------------------------------------- git


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose last commit changed operating-model/agile.yaml."""
    old, new = agile_pair()
    model = tmp_path / "operating-model" / "agile.yaml"
    model.parent.mkdir()
    git(tmp_path, "init", "-q", "-b", "main")
    model.write_text(old, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    model.write_text(new, encoding="utf-8")
    git(tmp_path, "commit", "-qam", "second")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rev_path_reads_each_side_from_git(repository: Path) -> None:
    code, out, err = invoke(
        "diff",
        "HEAD~1:operating-model/agile.yaml",
        "HEAD:operating-model/agile.yaml",
        "--format",
        "json",
    )
    assert code == 0, err
    document = json.loads(out)
    assert document["old"]["name"] == "HEAD~1:operating-model/agile.yaml"
    assert document["new"]["path"] == "operating-model/agile.yaml"
    assert document["summary"]["changes"] == 9
    # A revision against the working tree, as a pull request's CI runs it.
    code, out, _err = invoke(
        "diff", "main~1:operating-model/agile.yaml", "operating-model/agile.yaml"
    )
    assert out.rstrip().endswith("9 changes: 2 breaking, 4 notable, 3 info")


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("nosuchrev:operating-model/agile.yaml", "git cannot read it"),
        ("HEAD:operating-model/missing.yaml", "does not exist in 'HEAD'"),
        ("HEAD:operating-model", "is a directory in HEAD"),
    ],
)
def test_a_missing_revision_or_path_exits_2_with_git_s_reason(
    repository: Path, spec: str, reason: str
) -> None:
    code, _out, err = invoke("diff", spec, "operating-model/agile.yaml")
    assert code == 2
    assert reason in err
    assert "Traceback" not in err


def test_the_real_command_line(repository: Path) -> None:
    result = run_pomkit(
        "diff",
        "HEAD~1:operating-model/agile.yaml",
        "operating-model/agile.yaml",
        "--format",
        "github",
        "--fail-on",
        "breaking",
        cwd=repository,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=operating-model/agile.yaml,line=")
    assert sum(line.startswith("::error ") for line in lines) == 2


# --------------------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "pyproject.toml",
            '[tool.pomkit.diff]\nfail_on = "notable"\nformat = "json"\nignore = ["DIFF0"]\n'
            '[tool.pomkit.diff.level]\nDIFF402 = "notable"\nDIFF106 = "info"\n',
        ),
        (
            ".pomkit.yaml",
            "diff:\n  fail_on: notable\n  format: json\n  ignore: [DIFF0]\n"
            "  level: {DIFF402: notable, DIFF106: info}\n",
        ),
    ],
)
def test_the_diff_table_of_the_configuration(pair: tuple[str, str], name: str, text: str) -> None:
    Path(name).write_text(text, encoding="utf-8")
    code, out, err = invoke("diff", *pair)
    assert code == 1, err
    document = json.loads(out)
    assert document["summary"] == {
        "changes": 6,
        "breaking": 0,
        "notable": 5,
        "info": 1,
        "failed": True,
        "fail_on": "notable",
    }
    # Flags win over the file.
    code, out, _err = invoke("diff", *pair, "--fail-on", "breaking", "--format", "text")
    assert code == 0
    assert out.startswith("pomkit diff: old.yaml → new.yaml")


def test_a_bad_diff_table_is_a_configuration_error(pair: tuple[str, str]) -> None:
    Path(".pomkit.yaml").write_text("diff:\n  level: {DIFF402: severe}\n", encoding="utf-8")
    code, _out, err = invoke("diff", *pair)
    assert code == 2
    assert ".pomkit.yaml:2:" in err
    Path(".pomkit.yaml").write_text("diff:\n  level: {DIFF9xx: info}\n", encoding="utf-8")
    code, _out, err = invoke("diff", *pair)
    assert code == 2
    assert "unknown change code 'DIFF9xx'" in err


# --------------------------------------------------------------------------- catalog


def test_rules_diff_lists_the_change_checks() -> None:
    code, out, _err = invoke("rules", "--diff")
    assert code == 0
    assert "DIFF012  archetype-added" in out
    assert "POM201" not in out
    code, out, _err = invoke("rules", "--diff", "--format", "json")
    rows = json.loads(out)
    assert {"code": "DIFF402", "name": "response-time-longer", "level": "breaking"}.items() <= next(
        r for r in rows if r["code"] == "DIFF402"
    ).items()


@pytest.mark.parametrize("query", ["DIFF012", "diff012", "archetype-added"])
def test_explain_a_change_check(query: str) -> None:
    code, out, _err = invoke("explain", query)
    assert code == 0
    assert out.startswith("DIFF012 archetype-added (default level: info)")
    assert "archetypes: [agile, lean-startup]" in out
    assert "+ DIFF012 info  archetype 'lean-startup' added" in out


def test_explain_an_unknown_change_code() -> None:
    code, _out, err = invoke("explain", "DIFF999")
    assert code == 2
    assert "unknown change check 'DIFF999'" in err


# --------------------------------------------------------------------------- hostile input

HOSTILE = sorted((ROOT / "tests" / "corpus" / "hostile").glob("*.yaml"))
_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rules' small clean model as a file: a quick other side."""
    path = tmp_path_factory.mktemp("small") / "small.yaml"
    path.write_text(overlay(""), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_hostile_input_never_gives_a_traceback(path: Path, small: Path) -> None:
    for args, fmt in (((str(small), str(path)), "text"), ((str(path), str(small)), "md")):
        code, out, err = invoke("diff", *args, "--format", fmt)
        assert code in (0, 2), err
        assert "Traceback" not in err
        assert "internal error" not in err
        assert not _RAW.search(out), out
        if code == 2:
            assert err.startswith("pomkit: error: ")

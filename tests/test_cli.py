"""The command line through Typer's runner: exit codes and output together."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import ROOT, invoke, line_of, run_pomkit
from pomkit import __version__
from pomkit.catalog import base_model
from pomkit.cli import OutputFormat, app
from pomkit.reporters import REPORTERS

BROKEN = base_model().replace("accountable: pm,", "accountable: pmm,", 1)


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.yaml"
    path.write_text(base_model(), encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert (code, out) == (0, f"pomkit {__version__}\n")


def test_format_choices_are_the_reporter_registry() -> None:
    assert [f.value for f in OutputFormat] == list(REPORTERS)


def test_clean_file_exits_0(clean: Path) -> None:
    code, out, err = invoke("validate", str(clean))
    assert code == 0
    assert "No problems found in 1 file" in out
    assert err == ""


def test_findings_exit_1_with_location(broken: Path) -> None:
    code, out, _ = invoke("validate", str(broken), "--no-color")
    line = (
        BROKEN.splitlines().index(next(x for x in BROKEN.splitlines() if "accountable: pmm" in x))
        + 1
    )
    assert code == 1
    assert f"{broken}:{line}:" in out
    assert "POM201 error" in out
    assert "hint: did you mean 'pm'?" in out
    assert "\x1b[" not in out


def test_fail_on_never_and_warning(broken: Path) -> None:
    assert invoke("validate", str(broken), "--fail-on", "never")[0] == 0
    code, _, _ = invoke("validate", str(broken), "--fail-on", "warning")
    assert code == 1


def test_select_and_ignore(broken: Path) -> None:
    assert invoke("validate", str(broken), "--ignore", "POM201")[0] == 0
    assert invoke("validate", str(broken), "--ignore", "POM2")[0] == 0
    assert invoke("validate", str(broken), "--select", "POM1xx")[0] == 0
    assert invoke("validate", str(broken), "--select", "POM201")[0] == 1


def test_select_and_ignore_take_names_and_comma_lists(broken: Path) -> None:
    assert invoke("validate", str(broken), "--select", "unknown-role,POM3")[0] == 1
    assert invoke("validate", str(broken), "--select", "POM1, idle-role")[0] == 0
    assert invoke("validate", str(broken), "--ignore", "unknown-role")[0] == 0
    code, out, err = invoke("validate", str(broken), "--ignore", "idle-role,unknown-rol")
    assert (code, out) == (2, "")
    assert (
        err
        == "pomkit: error: --ignore: unknown rule 'unknown-rol' (did you mean 'unknown-role'?)\n"
    )


def test_unknown_rule_code_exits_2(broken: Path) -> None:
    code, out, err = invoke("validate", str(broken), "--select", "POM999")
    assert code == 2
    assert "unknown rule code 'POM999'" in err
    assert out == ""


def test_missing_path_exits_2_without_traceback(tmp_path: Path) -> None:
    code, _, err = invoke("validate", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "nope.yaml: no such file or directory" in err
    assert "Traceback" not in err


def test_directory_is_searched_for_models(tmp_path: Path, clean: Path) -> None:
    (tmp_path / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.yml").write_text(BROKEN, encoding="utf-8")
    code, out, _ = invoke("validate", str(tmp_path), "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [Path(f["file"]).name for f in report["files"]] == ["clean.yaml", "other.yml"]


def test_empty_directory_exits_2(tmp_path: Path) -> None:
    code, _, err = invoke("validate", str(tmp_path))
    assert code == 2
    assert "no model files found" in err


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_every_format_renders(broken: Path, fmt: str) -> None:
    code, out, _ = invoke("validate", str(broken), "--format", fmt)
    assert code == 1
    assert "POM201" in out


def test_output_is_written_atomically_and_never_over_an_input(broken: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, out, _ = invoke("validate", str(broken), "-f", "sarif", "-o", str(target))
    assert code == 1
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    before = broken.read_bytes()
    code, _, err = invoke("validate", str(broken), "-o", str(broken))
    assert code == 2
    assert "is one of the input files" in err
    assert broken.read_bytes() == before


def test_quiet_prints_only_finding_lines(broken: Path) -> None:
    code, out, _ = invoke("validate", str(broken), "-q")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert out.startswith(f"{broken}:")


def test_color_flags(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in invoke("validate", str(broken), "--color")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in invoke("validate", str(broken))[1]


def test_config_file_flag(broken: Path, tmp_path: Path) -> None:
    config = tmp_path / "ci.pomkit.yaml"
    config.write_text("ignore: [POM201]\n", encoding="utf-8")
    assert invoke("validate", str(broken), "--config", str(config))[0] == 0
    code, _, err = invoke("validate", str(broken), "--config", str(tmp_path / "none.yaml"))
    assert code == 2
    assert "no such file" in err


def test_rules_lists_catalog() -> None:
    code, out, _ = invoke("rules")
    assert code == 0
    assert "POM201  unknown-role" in out
    rows = json.loads(invoke("rules", "--format", "json")[1])
    assert {r["code"] for r in rows} >= {"POM001", "POM101", "POM201"}
    assert invoke("rules", "--format", "markdown")[1].startswith("| code | name |")


def test_explain() -> None:
    code, out, _ = invoke("explain", "POM201")
    assert code == 0
    assert "unknown-role" in out
    assert "Fails" in out
    assert "Passes" in out
    code, _, err = invoke("explain", "POM999")
    assert code == 2
    assert "unknown rule" in err


def test_schema_output(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert invoke("schema", "--output", str(target))[0] == 0
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["$schema"].endswith("2020-12/schema")
    assert json.loads(invoke("schema")[1]) == schema


def test_usage_error_exits_2() -> None:
    code, _, err = invoke("validate", "--format", "xml", "x.yaml")
    assert code == 2
    assert "xml" in err


def test_python_dash_m_and_help(clean: Path) -> None:
    result = run_pomkit("validate", str(clean))
    assert (result.returncode, result.stderr) == (0, "")
    assert "No problems found" in result.stdout
    helped = run_pomkit("validate", "--help")
    assert helped.returncode == 0
    for flag in (
        "--format",
        "--output",
        "--fail-on",
        "--select",
        "--ignore",
        "--config",
        "--quiet",
        "--no-color",
    ):
        assert flag in helped.stdout


def test_output_file_gets_normal_permissions(broken: Path, tmp_path: Path) -> None:
    import os
    import stat

    target = tmp_path / "report.json"
    invoke("validate", str(broken), "-f", "json", "-o", str(target))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_file_named_twice_is_checked_once(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    code, out, _ = invoke("validate", "broken.yaml", "./broken.yaml", str(broken), "-f", "json")
    assert code == 1
    assert [f["file"] for f in json.loads(out)["files"]] == ["broken.yaml"]


# --------------------------------------------------------------------------- help and errors


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        ((), "Usage: pomkit [OPTIONS] COMMAND [ARGS]..."),
        (("validate",), "Usage: pomkit validate [OPTIONS] PATH..."),
        (("explain",), "Usage: pomkit explain [OPTIONS] CODE"),
        (("init",), "Usage: pomkit init [OPTIONS] [PATH]"),
        (("schema",), "Usage: pomkit schema [OPTIONS]"),
        (("rules",), "Usage: pomkit rules [OPTIONS]"),
    ],
)
def test_help_reads_cleanly(args: tuple[str, ...], usage: str) -> None:
    result = CliRunner().invoke(app, [*args, "--help"], prog_name="pomkit")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == usage
    for typer_ism in ("{", "<str>", "<list", "<path>", "[required]", "Value error"):
        assert typer_ism not in result.stdout, typer_ism


def test_help_lists_arguments_by_their_metavar() -> None:
    out = CliRunner().invoke(app, ["validate", "--help"], prog_name="pomkit").stdout
    assert re.search(r"^Arguments:\n  PATH\.\.\.  Model files", out, re.MULTILINE)
    assert re.search(r"^  --config FILE +Use this configuration file", out, re.MULTILINE)
    assert "(unknown-role) or ALL; repeat it or separate with commas." in " ".join(out.split())


def test_bad_flag_values_read_plainly(broken: Path) -> None:
    code, out, err = invoke("validate", str(broken), "--fail-on", "sometimes")
    assert (code, out) == (2, "")
    assert err.endswith(
        "Error: Invalid value for '--fail-on': 'sometimes' is not one of "
        "'error', 'warning', 'info', 'never'.\n"
    )
    code, _, err = invoke("explain")
    assert code == 2
    assert "Missing argument 'CODE'." in err


# --------------------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    ("name", "text", "where", "message"),
    [
        (".pomkit.yaml", "rules:\n  POM307:\n    max_share: .nan\n", "3:16", "finite number"),
        (".pomkit.yaml", "max_file_size: 10000000000000000000\n", "1:16", "out of range"),
        ("pyproject.toml", "[tool.pomkit]\nfail_on = 'sometimes'\n", "2:11", "fail_on"),
        ("pyproject.toml", "[tool.pomkit]\nfail_on = \n", "2:11", "Invalid value"),
    ],
)
def test_configuration_errors_exit_2_with_file_and_line(
    broken: Path, name: str, text: str, where: str, message: str
) -> None:
    (broken.parent / name).write_text(text, encoding="utf-8")
    code, out, err = invoke("validate", str(broken))
    assert (code, out) == (2, "")
    assert err.startswith(f"pomkit: error: {broken.parent / name}:{where}: ")
    assert message in err
    assert "Traceback" not in err


def test_a_toml_config_whose_tool_is_no_table_exits_2(broken: Path, tmp_path: Path) -> None:
    settings = tmp_path / "ci.toml"
    settings.write_text("tool = 3\n", encoding="utf-8")
    code, _, err = invoke("validate", str(broken), "--config", str(settings))
    assert code == 2
    assert err.startswith(f"pomkit: error: {settings}:1:1: `tool` must be a table")


def test_a_configuration_waiver_is_reported_once_per_run_at_its_line(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(# \.pomkit\.yaml\n.*?)```", readme, re.DOTALL)
    assert found is not None
    # The README's example, with an end date that the test outlives.
    body = re.sub(r"expires: \S+", "expires: 2999-12-31", found.group(1))
    (tmp_path / ".pomkit.yaml").write_text(body, encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(base_model(), encoding="utf-8")
    code, out, _ = invoke("validate", str(tmp_path), "--select", "ALL", "-q")
    assert code == 0
    line = line_of(body, "- rule: POM308")
    assert out == (
        f"{tmp_path / '.pomkit.yaml'}:{line}:5 POM092 info waiver for POM308 on "
        "role:head-of-product matches no finding\n"
    )

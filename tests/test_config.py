"""Configuration: discovery upward from the model, validation with positions, precedence."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT, line_of
from pomkit import api, config
from pomkit.catalog import base_model
from pomkit.findings import Severity
from pomkit.rules.core import Options

BROKEN = base_model().replace("accountable: pm,", "accountable: pmm,", 1)
HUGE = "1" + "0" * 309  # 10**309: more than a float holds


def model_in(folder: Path, text: str = BROKEN) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "model.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def config_error(tmp_path: Path, name: str, text: str) -> str:
    """The message of the error that configuration ``text`` in file ``name`` gives."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    path = model_in(tmp_path)
    with pytest.raises(config.ConfigError) as caught:
        api.settings_for(path)
    return str(caught.value)


def readme_block(marker: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"```\w+\n({re.escape(marker)}\n.*?)```", readme, re.DOTALL)
    assert found is not None
    return found.group(1)


# --------------------------------------------------------------------------- discovery


def test_pyproject_section_is_found_upward(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pomkit]\nignore = ["POM201"]\nfail_on = "warning"\n', encoding="utf-8"
    )
    path = model_in(tmp_path / "models" / "deep")
    settings = api.settings_for(path)
    assert "POM201" not in settings.codes
    assert settings.fail_on is Severity.WARNING
    assert settings.source == str((tmp_path / "pyproject.toml").resolve())
    assert api.validate(path) == []


def test_pyproject_without_section_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pomkit]\nignore = ["POM2"]\n')
    (tmp_path / "inner").mkdir()
    # It mentions pomkit, but has no tool.pomkit table: not pomkit's configuration.
    (tmp_path / "inner" / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["pomkit>=0.1"]\n'
    )
    path = model_in(tmp_path / "inner")
    assert config.find(path.parent) == (tmp_path / "pyproject.toml").resolve()
    assert api.validate(path) == []


@pytest.mark.parametrize(
    "text",
    [
        '[[tool.pomkit.waivers]]\nrule = "POM201"\nreason = "Renaming next sprint"\n',
        '[tool]\npomkit = { waivers = [{ rule = "POM201", reason = "Renaming next sprint" }] }\n',
        'tool.pomkit.waivers = [{ rule = "POM201", reason = "Renaming next sprint" }]\n',
        '[tool.pomkit.rules.POM307]\nmax_share = 0.5\n\n[[tool.pomkit.waivers]]\nrule = "POM2"\n'
        'reason = "Renaming next sprint"\n',
    ],
    ids=["array-of-tables", "inline-under-tool", "dotted-key", "sub-tables-only"],
)
def test_pyproject_is_found_whatever_the_toml_spelling(tmp_path: Path, text: str) -> None:
    # Dotted keys at the top, before any table, as TOML requires.
    (tmp_path / "pyproject.toml").write_text(text + '\n[project]\nname = "x"\n')
    path = model_in(tmp_path / "models")
    assert config.find(path.parent) == (tmp_path / "pyproject.toml").resolve()
    assert api.validate(path) == []  # the waiver silences POM201


def test_a_broken_pyproject_meant_for_pomkit_is_reported_not_skipped(tmp_path: Path) -> None:
    message = config_error(tmp_path, "pyproject.toml", '[tool.pomkit]\nignore = ["POM2"\n')
    assert message.startswith(f"{tmp_path / 'pyproject.toml'}:3:1: ")


def test_a_configuration_created_later_is_seen(tmp_path: Path) -> None:
    path = model_in(tmp_path)
    assert config.find(path.parent) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert config.find(path.parent) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.pomkit]\n')
    assert config.find(path.parent) == (tmp_path / "pyproject.toml").resolve()
    (tmp_path / ".pomkit.yaml").write_text("ignore: [POM201]\n")
    assert config.find(path.parent) == (tmp_path / ".pomkit.yaml").resolve()
    assert api.validate(path) == []


def test_pomkit_yaml_wins_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pomkit]\nselect = ["POM1"]\n')
    (tmp_path / ".pomkit.yaml").write_text("severity:\n  POM201: warning\n")
    path = model_in(tmp_path)
    (finding,) = api.validate(path)
    assert (finding.code, finding.severity) == ("POM201", Severity.WARNING)


@pytest.mark.parametrize("text", ["", "# nothing configured yet\n", "---\n", "\n\n  \n"])
def test_an_empty_or_comment_only_pomkit_yaml_is_an_empty_configuration(
    tmp_path: Path, text: str
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pomkit]\nignore = ["POM2"]\n')
    (tmp_path / ".pomkit.yaml").write_text(text)
    path = model_in(tmp_path)
    settings = api.settings_for(path)
    assert settings.source == str((tmp_path / ".pomkit.yaml").resolve())
    assert "POM201" in settings.codes  # the empty file won: nothing is ignored
    assert [f.code for f in api.validate(path)] == ["POM201"]


# --------------------------------------------------------------------------- precedence


def test_flags_override_the_file(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text("ignore: [POM201]\nfail_on: never\n")
    path = model_in(tmp_path)
    settings = api.settings_for(path, select=["POM2"], fail_on="info")
    assert "POM201" in settings.codes
    assert settings.fail_on is Severity.INFO


def test_family_patterns_and_all() -> None:
    known = ["POM001", "POM101", "POM201", "POM202"]
    assert config.expand(["POM2xx"], known, "t") == {"POM201", "POM202"}
    assert config.expand(["pom2"], known, "t") == {"POM201", "POM202"}
    assert config.expand(["ALL"], known, "t") == set(known)
    with pytest.raises(config.ConfigError):
        config.expand(["POM3"], known, "t")
    with pytest.raises(config.ConfigError):
        config.expand(["XYZ"], known, "t")


def test_rule_names_and_comma_lists_select_like_codes() -> None:
    known = ["POM201", "POM202", "POM301", "POM303"]
    names = {"unknown-role": "POM201", "unknown-team": "POM202", "idle-role": "POM303"}
    assert config.expand(["unknown-role,POM3"], known, "t", names) == {
        "POM201",
        "POM301",
        "POM303",
    }
    assert config.expand([" Idle-Role , POM202 "], known, "t", names) == {"POM202", "POM303"}
    with pytest.raises(
        config.ConfigError, match=r"t: unknown rule 'unkown-role' \(did you mean 'unknown-role'\?\)"
    ):
        config.expand(["unkown-role"], known, "t", names)
    with pytest.raises(config.ConfigError, match="t: no rule given"):
        config.expand([" , "], known, "t", names)


def test_names_in_every_key_of_the_configuration(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text(
        "select: 'POM2, POM3'\n"
        "ignore: [idle-role]\n"
        "severity:\n  unknown-role: info\n"
        "rules:\n  accountability-overload: {max_share: 0.5}\n"
    )
    settings = api.settings_for(model_in(tmp_path))
    assert "POM303" not in settings.codes
    assert {"POM201", "POM307"} <= settings.codes
    assert not any(code.startswith("POM1") for code in settings.codes)
    assert settings.severities["POM201"] is Severity.INFO
    assert settings.options["POM307"].max_share == 0.5


def test_an_unknown_rule_name_in_the_configuration_suggests_one(tmp_path: Path) -> None:
    text = "select: [POM1]\nignore:\n  - idle-rol\n"
    message = config_error(tmp_path, ".pomkit.yaml", text)
    assert message == (
        f"{tmp_path / '.pomkit.yaml'}:3:5: ignore: unknown rule 'idle-rol' "
        "(did you mean 'idle-role'?)"
    )


# --------------------------------------------------------------------------- positions: YAML

YAML_ERRORS = [
    ("selct: [POM201]\n", "selct", "selct: unknown setting; did you mean 'select'?"),
    ("select: [POM1]\nignore: [POM201, POM999]\n", "ignore", "unknown rule code 'POM999'"),
    ("severity:\n  POM201: fatal\n", "fatal", "severity.POM201: must be one of 'error', 'warning'"),
    ("severity:\n  POM9xx: info\n", "POM9xx", "severity.POM9xx: unknown rule code 'POM9xx'"),
    ("fail_on: sometimes\n", "sometimes", "fail_on: must be one of 'error'"),
    ("max_file_size: lots\n", "lots", "max_file_size: 'lots' is not a size such as"),
    ("ignore: [POM201\n", "ignore", "POM001"),
    ("rules:\n  POM201:\n    threshold: 3\n", "threshold", "POM201 has no option 'threshold'"),
    ("rules:\n  POM307:\n    max_share: lots\n", "lots", "POM307.max_share = 'lots'"),
    ("rules:\n  POM307: 3\n", "POM307", "rules.POM307: must be a mapping of keys to values"),
    ("waivers:\n  - rule: POM201\n    reasn: x\n", "reasn", "waivers.0.reasn: unknown setting"),
    ("waivers:\n  - rule: POM201\n", "rule", "waivers.0.reason: is required"),
    ("- POM201\n", "POM201", "the top level is a list; a configuration is a mapping"),
]


@pytest.mark.parametrize(("text", "needle", "message"), YAML_ERRORS)
def test_every_yaml_configuration_error_names_file_and_line(
    tmp_path: Path, text: str, needle: str, message: str
) -> None:
    shown = config_error(tmp_path, ".pomkit.yaml", text)
    line = line_of(text, needle) if message != "POM001" else 2
    assert shown.startswith(f"{tmp_path / '.pomkit.yaml'}:{line}:"), shown
    if message != "POM001":
        assert message in shown
    assert "Value error" not in shown


def test_an_unknown_key_in_a_waiver_lists_a_waivers_keys(tmp_path: Path) -> None:
    shown = config_error(tmp_path, ".pomkit.yaml", "waivers:\n  - rule: POM201\n    why: x\n")
    assert shown.endswith("unknown setting (allowed: rule, target, reason, expires)")
    assert "select" not in shown


# --------------------------------------------------------------------------- positions: TOML

TOML_ERRORS = [
    ('[tool.pomkit]\nselct = ["POM201"]\n', "selct", 1, "tool.pomkit.selct: unknown setting"),
    (
        '[tool.pomkit]\nselect = ["POM1"]\nignore = [\n  "POM201",\n  "POM999",\n]\n',
        '"POM999"',
        3,
        "tool.pomkit.ignore: unknown rule code 'POM999'",
    ),
    (
        '[tool.pomkit.severity]\nPOM2xx = "warning"\nPOM201 = "fatal"\n',
        '"fatal"',
        10,
        "tool.pomkit.severity.POM201: must be one of",
    ),
    (
        "[tool.pomkit.rules.POM307]\nmax_share = 3\n",
        "max_share",
        13,
        "POM307.max_share = 3: must be 1 or less",
    ),
    (
        "[tool.pomkit]\nrules.POM307.max_share = -1\n",
        "max_share",
        26,
        "POM307.max_share = -1",
    ),
    (
        "[tool]\npomkit = { rules = { POM307 = { max_sharez = 0.1 } } }\n",
        "max_sharez",
        33,
        "POM307 has no option 'max_sharez'",
    ),
    (
        '[[tool.pomkit.waivers]]\nrule = "POM201"\nreason = "x"\n\n'
        '[[tool.pomkit.waivers]]\nrule = "POM202"\nreasn = "y"\n',
        "reasn",
        1,
        "tool.pomkit.waivers.1.reasn: unknown setting; did you mean 'reason'? "
        "(allowed: rule, target, reason, expires)",
    ),
    (
        '[[tool.pomkit.waivers]]\nrule = "POM201"\nreason = "x"\n\n'
        '[[tool.pomkit.waivers]]  # the second one\nrule = "POM202"\n',
        "# the second one",
        1,
        "tool.pomkit.waivers.1.reason: is required",
    ),
    (
        '[tool.pomkit]\nwaivers = [\n  { rule = "POM201", reason = "x" },\n'
        '  { rule = "POM202", reason = "" },\n]\n',
        'reason = ""',
        31,
        "tool.pomkit.waivers.1.reason: must have at least 1 character",
    ),
    (
        # Strings that hold brackets, quotes and `key = value` do not mislead the scanner.
        '[project]\ndescription = """\n[tool.pomkit]\nmax_file_size = 1\n"""""\n'
        'readme = \'a [b] "c"\'\n\n[tool.pomkit]  # pomkit\nmax_file_size = "lots"\n',
        '"lots"',
        17,
        "tool.pomkit.max_file_size: 'lots' is not a size",
    ),
    ("[tool.pomkit]\nfail_on = 3\n", "3", 11, "tool.pomkit.fail_on: must be one of"),
    ('[tool.pomkit]\nignore = ["POM2"\n', None, 1, "Unclosed array"),
]


@pytest.mark.parametrize(("text", "needle", "column", "message"), TOML_ERRORS)
def test_every_pyproject_error_names_file_line_and_column(
    tmp_path: Path, text: str, needle: str | None, column: int, message: str
) -> None:
    shown = config_error(tmp_path, "pyproject.toml", text)
    line = line_of(text, needle) if needle else text.count("\n") + 1
    assert shown.startswith(f"{tmp_path / 'pyproject.toml'}:{line}:{column}: "), shown
    assert message in shown


def test_a_setting_not_written_points_at_the_pomkit_table(tmp_path: Path) -> None:
    # Merged options fail on no particular key: the table header is the place.
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.pomkit]\n')
    read = config.read(tmp_path / "pyproject.toml")
    assert read.positions is not None
    assert read.positions.locate(("rules", "POM307", "max_share"), False) == (4, 7)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("tool = 3\n", "the number 3"), ('[tool]\npomkit = "yes"\n', "the text 'yes'")],
)
def test_a_tool_that_is_no_table_is_an_error_not_a_crash(
    tmp_path: Path, text: str, kind: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(config.ConfigError) as caught:
        config.read(path)
    assert str(caught.value).startswith(f"{path}:{line_of(text, '=')}:1: ")
    assert str(caught.value).endswith(f"must be a table such as [tool.pomkit], not {kind}")


def test_nesting_too_deep_for_tomllib_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.pomkit]\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    assert config.find(tmp_path) == path.resolve()  # it names tool.pomkit: reported, not skipped
    with pytest.raises(config.ConfigError, match="nested too deeply"):
        config.read(path)


TOML_PIECES = [
    "[tool.pomkit]\n",
    "[tool.pomkit.rules.POM307]\n",
    "[[tool.pomkit.waivers]]\n",
    "[tool]\n",
    "pomkit = ",
    "tool.pomkit.ignore = ",
    "select = ",
    "rule = ",
    "max_share = ",
    '"POM201"',
    "'unknown-role'",
    '"""a\n[b]\n"""',
    "0.5",
    "-1",
    "true",
    "1979-05-27 07:32:00",
    "[",
    "]",
    "{",
    "}",
    ", ",
    " = ",
    "x",
    ".",
    "# note [c] = 'd'\n",
    "\n",
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(TOML_PIECES), max_size=30).map("".join))
def test_any_toml_text_is_read_or_refused_with_its_file_name(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pyproject.toml"
        path.write_text(text, encoding="utf-8")
        read: config.FileConfig | None = None
        try:
            read = config.read(path)
        except config.ConfigError as err:
            refused = str(err)
        if read is None:
            assert refused.startswith(f"{path}:")
        elif read.positions is not None:
            for setting in (("select", 0), ("rules", "POM307", "max_share"), ("waivers", 1)):
                line, column = read.positions.locate(setting, False)
                assert 1 <= line <= text.count("\n") + 1
                assert column >= 1


def test_a_non_utf8_configuration_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(b'[tool.pomkit]\nfail_on = "w\xe9"\n')
    with pytest.raises(config.ConfigError, match=r"pyproject\.toml:2:13: not UTF-8 text"):
        config.read(path)


# --------------------------------------------------------------------------- values

BAD_VALUES = [
    ("max_file_size", "10000000000000000000", "out of range (allowed: 1 byte to 1GB)"),
    ("max_file_size", "'1e310mb'", "is not a size such as 512KB, 20MB or 1GB"),
    ("max_file_size", f"'{HUGE}kb'", "out of range (allowed: 1 byte to 1GB)"),
    ("max_file_size", "-1", "out of range (allowed: 1 byte to 1GB)"),
    ("max_file_size", "0", "out of range (allowed: 1 byte to 1GB)"),
    ("max_file_size", "true", "not the boolean true"),
    ("max_file_size", "1.5", "not the number 1.5"),
    ("max_file_size", "'2GB'", "out of range (allowed: 1 byte to 1GB)"),
    ("rules.POM307.min_responsibilities", HUGE, "allowed: at least 1 and at most 1000000"),
    ("rules.POM307.max_share", HUGE, "allowed: more than 0 and at most 1"),
    ("rules.POM307.max_share", ".nan", "must be a finite number"),
    ("rules.POM307.max_share", ".inf", "must be a finite number"),
    ("rules.POM307.max_share", "-1", "allowed: more than 0 and at most 1"),
    ("rules.POM307.max_share", "true", "expected a number, not a boolean"),
    ("rules.POM307.min_responsibilities", "-5", "allowed: at least 1 and at most 1000000"),
    ("rules.POM308.max_accountable", "2.5", "must be a whole number"),
    ("rules.POM706.max_iteration", "bogus", "'bogus' is not a duration"),
    # A quoted number is text, in the configuration as in a model: no silent coercion.
    ("rules.POM307.max_share", "'0.3'", "expected a number, not text (remove the quotes)"),
    ("rules.POM407.min_roles", "'7'", "expected a whole number, not text (remove the quotes)"),
    # The diff table lists its own keys.
    ("diff.bogus", "1", "unknown setting (allowed: format, fail_on, ignore, level)"),
    ("waivers", "[{rule: POM303, target: 'role:x', reason: r, expires: 2024}]", "YYYY-MM-DD"),
]


def _nested_yaml(dotted: str, value: str) -> str:
    *outer, last = dotted.split(".")
    lines = [f"{'  ' * depth}{key}:" for depth, key in enumerate(outer)]
    return "\n".join([*lines, f"{'  ' * len(outer)}{last}: {value}"]) + "\n"


@pytest.mark.parametrize(("setting", "value", "message"), BAD_VALUES)
def test_values_fuzzing_found_are_refused_with_the_allowed_range(
    tmp_path: Path, setting: str, value: str, message: str
) -> None:
    text = _nested_yaml(setting, value)
    shown = config_error(tmp_path, ".pomkit.yaml", text)
    last = setting.rsplit(".", 1)[-1]
    assert shown.startswith(f"{tmp_path / '.pomkit.yaml'}:{line_of(text, last)}:")
    assert message in shown
    assert len(shown) < 400  # a 310-digit number is cut short
    assert "Input should" not in shown  # pydantic's words, not ours


def test_the_diff_table_takes_a_comma_list_like_the_top_level(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text('diff: {ignore: "DIFF4, DIFF501"}\n')
    found = config.read(tmp_path / ".pomkit.yaml")
    assert found.diff is not None
    assert found.diff.ignore == ["DIFF4", "DIFF501"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1024, 1024),
        ("512KB", 512 * 1024),
        ("5 mb", 5 * 1024**2),
        ("1GB", 1024**3),
        ("1.5kb", 1536),
        (" 20MB ", 20 * 1024**2),
        ("100", 100),
    ],
)
def test_sizes(value: int | str, expected: int) -> None:
    assert config.size_in_bytes(value) == expected
    assert config.FileConfig(max_file_size=value).max_file_size == expected


@pytest.mark.parametrize(
    "value",
    ["١٢٣kb", "１０MB", "5TB", "5 M B", "20MB\n1", "1e3", "", "-5MB", 0, 2**64, 1.0, True, None],
)
def test_sizes_refused(value: object) -> None:
    with pytest.raises(ValueError, match=r"size|range|not"):
        config.size_in_bytes(value)


def test_max_file_size_applies(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text("max_file_size: 1KB\n")
    path = model_in(tmp_path, base_model())
    (finding,) = api.validate(path)
    assert finding.code == "POM006"
    assert config.parse_size("20MB", "t") == 20 * 1024 * 1024
    with pytest.raises(config.ConfigError, match="t: max_file_size: '5TB' is not a size"):
        config.parse_size("5TB", "t")


def test_unknown_rule_option_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text("rules:\n  POM201:\n    threshold: 3\n")
    path = model_in(tmp_path)
    with pytest.raises(config.ConfigError, match="POM201 has no option 'threshold'"):
        api.settings_for(path)


def test_options_of_a_configuration_object_name_their_setting() -> None:
    class Limit(Options):
        most: int = 3

    with pytest.raises(config.ConfigError) as caught:
        config.resolve(
            {"POM900": Severity.ERROR},
            config.FileConfig(rules={"POM900": {"most": "many"}}),
            option_classes={"POM900": Limit},
        )
    assert str(caught.value).startswith("configuration: rules: POM900.most = 'many': ")


# --------------------------------------------------------------------------- waivers


def test_configuration_waivers_carry_their_position(tmp_path: Path) -> None:
    yaml_file = tmp_path / ".pomkit.yaml"
    yaml_file.write_text("fail_on: error\nwaivers:\n  - rule: POM201\n    reason: Renaming\n")
    toml_file = tmp_path / "ci.toml"
    toml_file.write_text(
        '[tool.pomkit]\nfail_on = "error"\n\n[[tool.pomkit.waivers]]\nrule = "POM201"\n'
        'reason = "Renaming"\n\n  [[tool.pomkit.waivers]]\nrule = "POM202"\nreason = "Teams"\n'
    )
    known = {"POM201": Severity.ERROR, "POM202": Severity.ERROR}
    from_yaml = config.resolve(known, config.read(yaml_file), origin=str(yaml_file))
    from_toml = config.resolve(known, config.read(toml_file), origin=str(toml_file))
    assert [(w.line, w.column) for w in from_yaml.waivers] == [(3, 5)]
    assert [(w.line, w.column) for w in from_toml.waivers] == [(4, 1), (8, 3)]


def test_the_readme_configuration_reports_an_unused_waiver_once_at_its_line(
    tmp_path: Path,
) -> None:
    body = readme_block("# .pomkit.yaml")
    (tmp_path / ".pomkit.yaml").write_text(body, encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(base_model(), encoding="utf-8")
    # The whole folder: one finding for the run, at the waiver's line.
    report = api.validate_paths([str(tmp_path)], select=["ALL"], today=dt.date(2026, 1, 1))
    found = [(Path(f.file).name, f.line, f.column, f.code) for f in report.findings]
    assert found == [(".pomkit.yaml", line_of(body, "- rule: POM308"), 5, "POM092")]
    # Files named one by one (pre-commit passes those that changed) may leave out the
    # model a waiver is for: it is not called unused then.
    report = api.validate_paths(
        [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")],
        select=["ALL"],
        today=dt.date(2026, 1, 1),
    )
    assert report.findings == ()


def test_the_readme_shows_a_real_configuration_error(tmp_path: Path) -> None:
    body = readme_block("# .pomkit.yaml").replace("max_share: 0.3", "max_share: 3")
    message = config_error(tmp_path, ".pomkit.yaml", body)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = f"pomkit: error: {message}".replace(str(tmp_path), "/repo")
    assert f"\n{shown}\n" in readme

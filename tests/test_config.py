"""Configuration: discovery upward from the model, validation, precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from pomkit import api, config
from pomkit.catalog import base_model
from pomkit.findings import Severity

BROKEN = base_model().replace("accountable: pm,", "accountable: pmm,", 1)


def model_in(folder: Path, text: str = BROKEN) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "model.yaml"
    path.write_text(text, encoding="utf-8")
    return path


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
    (tmp_path / "inner" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    path = model_in(tmp_path / "inner")
    assert api.validate(path) == []


def test_pomkit_yaml_wins_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pomkit]\nselect = ["POM1"]\n')
    (tmp_path / ".pomkit.yaml").write_text("severity:\n  POM201: warning\n")
    path = model_in(tmp_path)
    (finding,) = api.validate(path)
    assert (finding.code, finding.severity) == ("POM201", Severity.WARNING)


def test_flags_override_the_file(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text("ignore: [POM201]\nfail_on: never\n")
    path = model_in(tmp_path)
    settings = api.settings_for(path, select=["POM2"], fail_on="info")
    assert "POM201" in settings.codes
    assert settings.fail_on is Severity.INFO


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selct: [POM201]\n", "unknown setting"),
        ("ignore: [POM999]\n", "unknown rule code 'POM999'"),
        ("severity:\n  POM201: fatal\n", "severity.POM201"),
        ("fail_on: sometimes\n", "fail_on"),
        ("max_file_size: lots\n", "max_file_size 'lots'"),
        ("ignore: [POM201\n", "POM001"),
    ],
)
def test_bad_yaml_configuration_is_an_error_with_a_location(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / ".pomkit.yaml").write_text(text)
    path = model_in(tmp_path)
    with pytest.raises(config.ConfigError) as caught:
        api.settings_for(path)
    shown = str(caught.value)
    assert str(tmp_path / ".pomkit.yaml") in shown
    if "POM001" not in message:
        assert message in shown


def test_bad_toml_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.pomkit]\nignore = [\n")
    path = model_in(tmp_path)
    with pytest.raises(config.ConfigError, match=r"pyproject\.toml"):
        api.settings_for(path)


def test_family_patterns_and_all() -> None:
    known = ["POM001", "POM101", "POM201", "POM202"]
    assert config.expand(["POM2xx"], known, "t") == {"POM201", "POM202"}
    assert config.expand(["pom2"], known, "t") == {"POM201", "POM202"}
    assert config.expand(["ALL"], known, "t") == set(known)
    with pytest.raises(config.ConfigError):
        config.expand(["POM3"], known, "t")
    with pytest.raises(config.ConfigError):
        config.expand(["XYZ"], known, "t")


def test_max_file_size_applies(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text("max_file_size: 1KB\n")
    path = model_in(tmp_path, base_model())
    (finding,) = api.validate(path)
    assert finding.code == "POM006"
    assert config.parse_size("20MB", "t") == 20 * 1024 * 1024


def test_unknown_rule_option_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text("rules:\n  POM201:\n    threshold: 3\n")
    path = model_in(tmp_path)
    with pytest.raises(config.ConfigError, match="POM201 has no option 'threshold'"):
        api.settings_for(path)


def test_rule_option_of_the_wrong_type_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".pomkit.yaml").write_text("rules:\n  POM307:\n    max_share: lots\n")
    path = model_in(tmp_path)
    with pytest.raises(config.ConfigError, match=r"POM307\.max_share = 'lots'"):
        api.settings_for(path)

"""Shared fixtures."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(params=["libyaml", "ruamel-pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with each parser (POMKIT_PURE_YAML forces the pure one)."""
    name: str = request.param
    if name == "ruamel-pure":
        monkeypatch.setenv("POMKIT_PURE_YAML", "1")
    else:
        monkeypatch.delenv("POMKIT_PURE_YAML", raising=False)
    return name

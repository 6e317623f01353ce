"""Reporters: render a validation ``Report`` as text, JSON, SARIF, JUnit XML or GitHub commands."""

from __future__ import annotations

from collections.abc import Callable

from pomkit.findings import Report
from pomkit.reporters.base import RenderOptions, hint_text, scrub, waiver_note

__all__ = [
    "REPORTERS",
    "RenderOptions",
    "Renderer",
    "hint_text",
    "render",
    "scrub",
    "waiver_note",
]


Renderer = Callable[[Report, RenderOptions], str]

# Each format lives in its own module, imported on first use so that the
# machine formats never pay for importing rich.


def _text(report: Report, options: RenderOptions) -> str:
    from pomkit.reporters import text

    return text.render(report, options)


def _json(report: Report, options: RenderOptions) -> str:
    from pomkit.reporters import json_

    return json_.render(report, options)


def _sarif(report: Report, options: RenderOptions) -> str:
    from pomkit.reporters import sarif

    return sarif.render(report, options)


def _junit(report: Report, options: RenderOptions) -> str:
    from pomkit.reporters import junit

    return junit.render(report, options)


def _github(report: Report, options: RenderOptions) -> str:
    from pomkit.reporters import github

    return github.render(report, options)


#: Every output format by its ``--format`` name. A renderer is a pure function
#: returning the whole document, ending in a newline unless it is empty.
REPORTERS: dict[str, Renderer] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "github": _github,
}


def render(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    """Render ``report`` in the format named ``fmt``; ``KeyError`` for an unknown name."""
    return REPORTERS[fmt](report, options or RenderOptions())

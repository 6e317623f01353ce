"""Did-you-mean (pomkit.suggest): the nearest name first, a prefix only when nothing is near."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import overlay, run
from pomkit.suggest import nearest


@pytest.mark.parametrize(
    ("word", "choices", "expected"),
    [
        # An edit away beats a prefix (issue 6: this used to suggest booking-team).
        (
            "booking-team-desginer",
            ["booking-team", "booking-team-designer"],
            "booking-team-designer",
        ),
        ("canvas-desginer", ["canvas", "canvas-designer"], "canvas-designer"),
        ("Product_Owner", ["product-owner", "po"], "product-owner"),  # case and separators
        ("retro", ["retrospective", "planning"], "retrospective"),  # prefix, nothing near
        ("csat-score", ["csat", "nps"], "csat"),
        ("zzz", ["product-owner", "po"], None),
        ("", ["x"], None),
        ("x", [], None),
    ],
)
def test_nearest(word: str, choices: list[str], expected: str | None) -> None:
    assert nearest(word, choices) == expected


def test_references_get_the_nearest_id(tmp_path: Path) -> None:
    text = overlay(
        "roles:\n"
        "  - {id: pm, title: PM, kind: product-manager, team: core}\n"
        "  - {id: booking-team, title: Booking team, kind: development-team, team: core}\n"
        "  - {id: booking-team-designer, title: Designer, kind: ux-ui-designer, team: core,\n"
        "     reports_to: booking-team-desginer}\n"
    )
    found = [f for f in run(tmp_path, text, "POM201") if "desginer" in f.message]
    assert len(found) == 1
    assert found[0].hint is not None
    assert found[0].hint.startswith("did you mean 'booking-team-designer'?")


def test_many_misspellings_each_get_their_own_suggestion(tmp_path: Path) -> None:
    # Speed is measured by a benchmark, not here; this checks the answers at scale.
    roles = "".join(
        f"  - {{id: role-{i}, title: R, kind: custom, reports_to: rolle-{i}}}\n" for i in range(300)
    )
    text = overlay("roles:\n" + roles)
    found = [f for f in run(tmp_path, text, "POM201") if "'rolle-" in f.message]
    assert len(found) == 300
    for finding in found:
        wanted = finding.message.split("'rolle-")[1].split("'")[0]
        assert finding.hint is not None
        assert finding.hint.startswith(f"did you mean 'role-{wanted}'?")

"""Ceremony types and KPI categories read from ids and names (pomkit.domain.inference)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import overlay, run
from pomkit.domain.inference import CEREMONIES, KPIS, words
from pomkit.model import CeremonyType, KpiCategory


@pytest.mark.parametrize(
    ("ident", "name", "expected"),
    [
        ("retrospective", "Anything at all", CeremonyType.RETROSPECTIVE),  # the id is a value
        ("retro", "Team retro", CeremonyType.RETROSPECTIVE),
        ("team-sync", "Team retrospective", None),  # sync and retrospective: two values
        ("sprint-review", "Sprint review", CeremonyType.REVIEW),
        ("showcase", "Fortnightly showcase", CeremonyType.DEMO),
        ("show-and-tell", "Show and tell", CeremonyType.DEMO),
        ("daily", "Daily stand-up", CeremonyType.STANDUP),
        ("daily-scrum", "Daily Scrum", CeremonyType.STANDUP),
        ("pi-planning", "PI Planning", CeremonyType.PLANNING),
        ("system-demo", "System demo", CeremonyType.DEMO),
        ("inspect-adapt", "Inspect & Adapt", CeremonyType.RETROSPECTIVE),
        ("grooming", "Backlog grooming", CeremonyType.REFINEMENT),
        ("planning-and-review", "Planning and review", None),  # ambiguous
        ("ops-huddle-x", "Weekly ops meeting", CeremonyType.STANDUP),
        ("ops-meeting", "Weekly ops meeting", None),  # nothing to read
        ("previewed", "Previewed items", None),  # whole words only
        ("other-stuff", "Other things", None),  # "other" is never read from a name
    ],
)
def test_ceremony_types(ident: str, name: str, expected: CeremonyType | None) -> None:
    assert CEREMONIES.infer(ident, name) is expected


@pytest.mark.parametrize(
    ("ident", "name", "expected"),
    [
        ("lead-time", "Lead time for changes", KpiCategory.LEAD_TIME),
        ("nps", "Net Promoter Score", KpiCategory.CUSTOMER_SATISFACTION),
        ("csat", "Support satisfaction (CSAT)", KpiCategory.CUSTOMER_SATISFACTION),
        ("monthly-churn", "Monthly churn", KpiCategory.RETENTION),
        ("weekly-active-teams", "Weekly active teams", KpiCategory.ENGAGEMENT),
        ("sla-met", "Tickets resolved within SLA", KpiCategory.SERVICE_LEVEL),
        ("mttr", "Mean time to restore service", KpiCategory.RECOVERY_TIME),
        ("cfr", "Change failure rate", KpiCategory.CHANGE_FAILURE_RATE),
        ("deploys", "Deployment frequency", KpiCategory.DEPLOYMENT_FREQUENCY),
        ("revenue-churn", "Revenue churn", None),  # revenue and retention
        ("invoices-sent", "Invoices sent", None),
    ],
)
def test_kpi_categories(ident: str, name: str, expected: KpiCategory | None) -> None:
    assert KPIS.infer(ident, name) is expected


def test_words_split_at_anything_but_letters_and_digits() -> None:
    assert words("Inspect & Adapt") == ("inspect", "adapt")
    assert words("stand-up_2026") == ("stand", "up", "2026")


RETRO_UNTYPED = """
principles:
  - {id: continuous-improvement, evidence: [ceremony:retro]}
methodology:
  framework: scrum
  iteration: 2w
  ceremonies:
    - {id: planning, name: Sprint planning, cadence: 2w, facilitator: sm, participants: [po, devs]}
    - {id: review, name: Sprint review, cadence: 2w, facilitator: po, participants: [devs, pm]}
    - {id: retro, name: Team retrospective, cadence: 2w, facilitator: sm, participants: [po, devs]}
"""


def test_a_model_without_types_is_read_as_its_authors_wrote_it(tmp_path: Path) -> None:
    # The example: retrospective and review without `type:` are recognised.
    text = overlay(RETRO_UNTYPED)
    assert run(tmp_path, text, "POM605", "POM608", "POM706", "POM602") == []


def test_a_declared_type_wins_and_an_invalid_one_is_never_guessed(tmp_path: Path) -> None:
    declared = overlay(
        RETRO_UNTYPED.replace("name: Team retrospective,", "name: Team retrospective, type: sync,")
    )
    (found,) = run(tmp_path, declared, "POM605")
    assert "no retrospective ceremony" in found.message
    invalid = overlay(
        RETRO_UNTYPED.replace(
            "name: Team retrospective,", "name: Team retrospective, type: retrospectiv,"
        )
    )
    # The invalid type is reported (POM104); the rule cannot tell, so it stays quiet.
    assert [f.code for f in run(tmp_path, invalid, "POM104", "POM605")] == ["POM104"]


def test_the_message_says_what_is_missing_when_nothing_can_be_read(tmp_path: Path) -> None:
    text = overlay(
        RETRO_UNTYPED.replace(
            "{id: retro, name: Team retrospective,", "{id: ops-meeting, name: Ops meeting,"
        ).replace("ceremony:retro", "ceremony:planning")
    )
    found = run(tmp_path, text, "POM605")
    assert len(found) == 1
    assert found[0].message == (
        "principle 'continuous-improvement' is declared but the model does not show it: "
        "ceremony 'ops-meeting' has no `type` (add `type: retrospective` if it is one), and "
        "none has type retrospective"
    )


def test_evidence_message_says_a_type_was_inferred(tmp_path: Path) -> None:
    text = overlay(
        RETRO_UNTYPED.replace("evidence: [ceremony:retro]", "evidence: [ceremony:planning]")
    )
    (found,) = run(tmp_path, text, "POM608")
    assert "its type, planning, is inferred from its id or name" in found.message


def test_a_missing_kpi_category_names_the_kpis_without_one(tmp_path: Path) -> None:
    text = overlay(
        "archetypes: [agile, continuous-delivery]\n"
        "release:\n  strategy: continuous-delivery\n  cadence: daily\n  stages:\n"
        "    - {id: build, name: Build, owner: lead, automated: true}\n"
        "kpis:\n"
        "  - {id: speed, name: Speed of change, element: release, owner: lead,\n"
        "     target: {op: '<=', value: 1}, frequency: weekly}\n"
    )
    (found,) = run(tmp_path, text, "POM710")
    # What to write comes first, not that the model lacks the practice (issue 6).
    assert (
        "does not show it: KPI 'speed' has no `category` "
        "(add `category: lead-time` if it is one), and none has category lead-time"
    ) in found.message

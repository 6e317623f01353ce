"""A hostile model for the report tests: script, attribute, URL, Markdown, Mermaid and Jinja
payloads planted in every free-text field of a shipped example (ids stay valid).

``hostile_model(path)`` writes it; the tests here check that it still loads as a model
with every kind of text field carrying a payload, so the report tests that use it
(``test_report.py``, ``test_report_browser.py``) really exercise every field.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

import pomkit
from helpers import EXAMPLES
from pomkit import model
from pomkit.model import Shown

#: Each payload, with a marker that tells which one a page shows.
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload=window.__pwned=3>',
    "'><b onmouseover=window.__pwned=4>x</b>",
    "</title><script>window.__pwned=5</script>",
    "javascript:window.__pwned=6",
    "[click me](javascript:window.__pwned=7) <https://example.invalid>",
    "{{ 7*7 }} {% if true %}jinja ran{% endif %}",
    "| pipe | cell | `tick` <!-- comment --> # not a heading",
    '--> X\n%%{init: {"securityLevel": "loose"}}%%\nclick n0 call alert(1)',
    "line one\nline two\r\n- bullet\n# heading\n1. item",
    '```\n"quote" ]) }} end subgraph #35; &amp; &lt;b&gt;',
]
#: A payload that must appear literally (as text) in every format.
JINJA = "{{ 7*7 }}"


def _is_text(cls: type[BaseModel], name: str) -> bool:
    annotation = model.field_annotation(cls, name)
    marks = [m for m in getattr(annotation, "__metadata__", ()) if isinstance(m, Shown)]
    if marks:
        return marks[0].one == "text"
    for arg in getattr(annotation, "__args__", ()):
        inner = [m for m in getattr(arg, "__metadata__", ()) if isinstance(m, Shown)]
        if inner and inner[0].one == "text":
            return True
    return False


def _plant(data: Any, cls: type[BaseModel], payloads: Any, seen: set[str]) -> None:
    if not isinstance(data, dict):
        return
    for name, info in cls.model_fields.items():
        key = info.alias or name
        if key not in data or cls is model.Waiver:
            continue
        value = data[key]
        if _is_text(cls, name):
            seen.add(f"{cls.__name__}.{key}")
            if isinstance(value, list):
                data[key] = [f"{next(payloads)} {n}" for n, _ in enumerate(value)]
            else:
                data[key] = f"{next(payloads)} ({key})"
            continue
        child = model.field_class(cls, key)
        if child is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            _plant(item, child, payloads, seen)


def hostile_data() -> tuple[dict[str, Any], set[str]]:
    """The agile example with a payload in every free-text value, and which fields got one."""
    data = yaml.safe_load((EXAMPLES / "agile.yaml").read_text(encoding="utf-8"))
    seen: set[str] = set()
    _plant(data, model.OperatingModel, itertools.cycle(PAYLOADS), seen)
    # The title is what <title> shows: make sure the one payload aimed at it lands there.
    data["metadata"]["title"] = f"{PAYLOADS[4]} {JINJA}"
    return data, seen


def hostile_model(path: Path) -> Path:
    data, _ = hostile_data()
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


#: Valid pomkit ids that are Mermaid keywords: never usable as Mermaid node keys.
KEYWORD_TEAMS = ("end", "click", "style", "subgraph", "graph")
KEYWORD_ROLES = ("class", "direction", "flowchart")


def _renamed(value: Any, renames: dict[str, str]) -> Any:
    """``value`` with every id of ``renames`` replaced, bare or typed (``team:x``)."""
    if isinstance(value, dict):
        return {k: _renamed(v, renames) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, renames) for v in value]
    if isinstance(value, str):
        if value in renames:
            return renames[value]
        kind, colon, ident = value.partition(":")
        if colon and ident in renames:
            return f"{kind}:{renames[ident]}"
    return value


def keyword_model(path: Path) -> Path:
    """The agile example with team and role ids that are Mermaid keywords, and the
    teams nested (``end`` > ``click`` > ``subgraph`` > ``graph``, ``end`` > ``style``)
    so that the team tree has arrows between them."""
    data = yaml.safe_load((EXAMPLES / "agile.yaml").read_text(encoding="utf-8"))
    renames = {t["id"]: new for t, new in zip(data["teams"], KEYWORD_TEAMS, strict=False)}
    kinds = {r["kind"] for r in data["roles"]}  # a role kind may be spelt like a role id
    roles = [r for r in data["roles"] if r["id"] not in kinds]
    renames |= {r["id"]: new for r, new in zip(roles, KEYWORD_ROLES, strict=False)}
    data = _renamed(data, renames)
    teams = {t["id"]: t for t in data["teams"]}
    for child, parent in (("click", "end"), ("style", "end"), ("subgraph", "click")):
        teams[child]["parent"] = parent
    teams["graph"]["parent"] = "subgraph"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_keyword_model_loads_with_its_keyword_ids(tmp_path: Path) -> None:
    document = pomkit.load(keyword_model(tmp_path / "keywords.yaml"))
    assert document.model is not None
    assert {t.id for t in document.model.teams} >= set(KEYWORD_TEAMS)
    assert {r.id for r in document.model.roles} >= set(KEYWORD_ROLES)
    assert not [f for f in pomkit.validate(tmp_path / "keywords.yaml") if f.severity >= 3]


def test_every_kind_of_text_field_carries_a_payload(tmp_path: Path) -> None:
    _, seen = hostile_data()
    for needed in (
        "Metadata.title",
        "Metadata.description",
        "Role.title",
        "Team.name",
        "Team.mission",
        "Stage.name",
        "Stage.exit_criteria",
        "Responsibility.activity",
        "Handoff.artifact",
        "Goal.statement",
        "RoadmapItem.title",
        "Ceremony.name",
        "Tier.name",
        "Channel.name",
        "Kpi.name",
        "Ritual.name",
        "Principle.practices",
        "Methodology.definition_of_done",
        "Collaboration.tools",
        "Initiative.title",
    ):
        assert needed in seen, needed
    assert len(seen) >= 35


def test_the_hostile_model_still_loads_with_every_item(tmp_path: Path) -> None:
    path = hostile_model(tmp_path / "hostile.yaml")
    document = pomkit.load(path)
    clean = pomkit.load(EXAMPLES / "agile.yaml")
    assert document.model is not None
    assert clean.model is not None
    assert len(document.model.roles) == len(clean.model.roles)
    assert len(document.model.handoffs) == len(clean.model.handoffs)
    assert document.model.metadata.title.startswith("</title>")

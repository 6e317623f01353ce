"""A hostile model for the report tests: script, attribute, URL, Markdown, Mermaid and Jinja
payloads planted in every free-text field of a shipped example (ids stay valid).

``hostile_model(path)`` writes it; the tests here check that it still loads as a model
with every kind of text field carrying a payload, so the report tests that use it
(``test_report.py``, ``test_report_browser.py``) really exercise every field.
"""

from __future__ import annotations

import itertools
import json
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

import pomkit
from helpers import EXAMPLES
from pomkit import model
from pomkit.findings import Severity
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


def text_fields(cls: type[BaseModel] = model.OperatingModel) -> set[str]:
    """Every free-text field of the model (``Role.description``), read from the Pydantic
    classes, so that a field added to pomkit.model gets a payload without a test edit."""
    found: set[str] = set()
    done: set[type[BaseModel]] = set()

    def walk(current: type[BaseModel]) -> None:
        if current in done:
            return
        done.add(current)
        for name, info in current.model_fields.items():
            key = info.alias or name
            if _is_text(current, name):
                found.add(f"{current.__name__}.{key}")
            elif (child := model.field_class(current, key)) is not None:
                walk(child)

    walk(cls)
    return found


def _is_list(cls: type[BaseModel], name: str) -> bool:
    return typing.get_origin(cls.model_fields[name].annotation) is list


def _plant(data: Any, cls: type[BaseModel], payloads: Any, seen: set[str]) -> None:
    """A payload in every text field of ``data`` (a ``cls``), written or not, and in
    every section below it."""
    if not isinstance(data, dict):
        return
    for name, info in cls.model_fields.items():
        key = info.alias or name
        if _is_text(cls, name):
            seen.add(f"{cls.__name__}.{key}")
            value = data.get(key)
            if _is_list(cls, name):
                data[key] = [f"{next(payloads)} {n}" for n, _ in enumerate(value or [None])]
            else:
                data[key] = f"{next(payloads)} ({key})"
            continue
        child = model.field_class(cls, key)
        if child is None or key not in data:
            continue
        value = data[key]
        for item in value if isinstance(value, list) else [value]:
            _plant(item, child, payloads, seen)


def hostile_data() -> tuple[dict[str, Any], set[str]]:
    """The agile example with a payload in every free-text field, and which fields got one.

    agile.yaml has no waivers: one is added for the payloads to land in (its rule, a
    payload, is an error the findings quote), and a second one whose reason (a payload)
    silences the finding about a role added without work (POM303), so that the report
    shows a waiver's reason too.
    """
    data = yaml.safe_load((EXAMPLES / "agile.yaml").read_text(encoding="utf-8"))
    team = data["teams"][0]["id"]
    data["roles"].append({"id": "idle-role", "title": "x", "kind": "custom", "team": team})
    data.setdefault("waivers", []).append({"rule": "x", "reason": "x"})
    seen: set[str] = set()
    _plant(data, model.OperatingModel, itertools.cycle(PAYLOADS), seen)
    data["waivers"].append(
        {"rule": "POM303", "target": "role:idle-role", "reason": f"{PAYLOADS[1]} {JINJA}"}
    )
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
    fields = text_fields()
    assert seen == fields, f"text fields without a payload: {sorted(fields - seen)}"
    # The fields agile.yaml leaves out are planted too (the list is read from the model).
    for needed in (
        "Metadata.title",
        "Role.description",
        "Tier.description",
        "RoadmapItem.hypothesis",
        "RoadmapItem.description",
        "Kpi.description",
        "Handoff.description",
        "Responsibility.description",
        "Loop.description",
        "Initiative.description",
        "Waiver.reason",
        "Waiver.rule",
        "Waiver.target",
        "Stage.exit_criteria",
        "Collaboration.tools",
    ):
        assert needed in fields, needed
    assert len(fields) >= 50


def test_the_hostile_model_still_loads_with_every_item(tmp_path: Path) -> None:
    path = hostile_model(tmp_path / "hostile.yaml")
    # The one error is the waiver whose rule is a payload; the payloads break nothing else.
    errors = [f for f in pomkit.validate(path) if f.severity >= Severity.ERROR]
    assert [(f.code, f.path) for f in errors] == [("POM093", ("waivers", 0))]
    view = json.loads(pomkit.report(path, format="json"))
    (silenced,) = view["findings"]["suppressed"]
    assert (silenced["code"], silenced["reason"]) == ("POM303", f"{PAYLOADS[1]} {JINJA}")
    document = pomkit.load(path, strict=False)
    clean = pomkit.load(EXAMPLES / "agile.yaml")
    assert document.model is not None
    assert clean.model is not None
    assert len(document.model.roles) == len(clean.model.roles) + 1, "and the idle role"
    assert len(document.model.handoffs) == len(clean.model.handoffs)
    assert document.model.metadata.title.startswith("</title>")

"""Structure: turn loaded data into a model, leniently, reporting every schema problem.

Pydantic stops at nothing but it does refuse the whole model for one bad
item. So validation runs in rounds: each round records the errors, then prunes
the offending value (or, when a required key is missing, the whole list item)
and tries again, until what is left validates. Later checks then see every
valid part of the file, and model paths are mapped back to the file through
:class:`Remap`, since pruned list items shift the indexes.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from pomkit.model import (
    ID_KINDS,
    OperatingModel,
    field_class,
    id_lists,
    item_id,
    yaml_keys,
)
from pomkit.scalars import Plain
from pomkit.suggest import nearest
from pomkit.wording import plain

Path = tuple[str | int, ...]
_MAX_ROUNDS = 12


@dataclass(frozen=True)
class SchemaIssue:
    """One structural problem: which kind (a POM1xx rule picks it up), where, what."""

    kind: str
    path: Path
    message: str
    hint: str | None = None
    key: bool = False
    #: For unknown keys: the allowed key it most likely meant.
    suggestion: str | None = None


#: Pydantic error types grouped by the rule that reports them.
KIND_BY_ERROR: dict[str, str] = {
    "extra_forbidden": "unknown-key",
    "missing": "missing",
    "enum": "enum",
    "literal_error": "enum",
    "duration": "duration",
    "id_format": "id-format",
    "typed_ref": "typed-ref",
    "feed_target": "feed-target",
}


@dataclass
class Remap:
    """Maps model paths (after pruning) back to paths in the file."""

    data: Any = None
    origins: dict[int, list[int]] = field(default_factory=dict)
    #: List items left out of the model for structure errors: (path in the file, item).
    dropped: list[tuple[Path, dict[str, Any]]] = field(default_factory=list)

    def to_source(self, path: Sequence[str | int]) -> Path:
        if not self.origins:
            return tuple(path)
        out: list[str | int] = []
        node = self.data
        for part in path:
            if isinstance(part, int) and isinstance(node, list):
                origin = self.origins.get(id(node))
                out.append(origin[part] if origin and part < len(origin) else part)
                node = node[part] if part < len(node) else None
            else:
                out.append(part)
                node = node.get(part) if isinstance(node, dict) else None
        return tuple(out)


@dataclass
class Structure:
    """The outcome: the model (``None`` when nothing usable), its issues, the remap."""

    model: OperatingModel | None
    issues: list[SchemaIssue]
    remap: Remap
    ids: dict[str, dict[str, Path]]
    #: Root keys that were missing or invalid and hold a placeholder in ``model``.
    filled: set[str]


def check(data: Any) -> Structure:
    """Validate ``data`` (from the loader) into an :class:`OperatingModel`, leniently."""
    ids = collect_ids(data)
    issues: list[SchemaIssue] = []
    remap = Remap(data)
    if not isinstance(data, dict):
        return Structure(None, issues, remap, ids, set())
    seen: set[tuple[str, Path]] = set()
    filled: set[str] = set()
    removed: set[Path] = set()
    current = data
    for _round in range(_MAX_ROUNDS):
        try:
            model = OperatingModel.model_validate(current)
        except ValidationError as err:
            errors = err.errors(include_input=False, include_url=False)
            if current is data:
                current = _copy(data)
                remap = Remap(current)
            pruned = False
            targets = set()
            for error in errors:
                path = _data_path(current, error["loc"], error["type"])
                issue = _describe(error, path, current)
                issue = replace(issue, path=remap.to_source(path))
                marker = (issue.kind, issue.path)
                # A required value removed in an earlier round is not also "missing".
                cascade = issue.kind == "missing" and issue.path in removed
                if marker not in seen and not cascade:
                    seen.add(marker)
                    issues.append(issue)
                targets.add(_prune_target(error, path))
            # Prune deepest paths first so earlier indexes stay valid in this round.
            for target in sorted((t for t in targets if t), key=_sort_key, reverse=True):
                removed.add(remap.to_source(target))
                pruned |= _prune(current, target, remap, filled)
            if not pruned:
                return Structure(None, _explained(issues), remap, ids, filled)
            continue
        return Structure(model, _explained(issues), remap, ids, filled)
    return Structure(None, _explained(issues), remap, ids, filled)


def _explained(issues: list[SchemaIssue]) -> list[SchemaIssue]:
    """Drop "missing key" issues that an unknown key's did-you-mean already explains.

    ``titel: x`` is reported once, as an unknown key meaning ``title``; the missing
    ``title`` that follows from it is the same mistake.
    """
    meant = {(i.path[:-1], i.suggestion) for i in issues if i.suggestion is not None}
    return [i for i in issues if not (i.kind == "missing" and (i.path[:-1], i.path[-1]) in meant)]


def _sort_key(path: Path) -> tuple[Any, ...]:
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in path)


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _data_path(data: Any, loc: Sequence[Any], kind: str) -> Path:
    """The part of a pydantic ``loc`` that names real keys and indexes of ``data``.

    Union branches add names such as ``int`` or ``function-after[...]`` to a
    loc; they are dropped. A missing key keeps its name as the last part.
    """
    out: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                out.append(part)
                node = node[part]
            elif kind == "missing" and i == len(loc) - 1:
                out.append(part)
            continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
    return tuple(out)


# Root keys that a model cannot do without but whose absence should not hide
# the rest of the file: a placeholder stands in while checking the rest.
_ROOT_PLACEHOLDERS: dict[str, Any] = {
    "apiVersion": "pomkit/v1",
    "kind": "OperatingModel",
    "metadata": {"name": "unnamed", "title": "unnamed"},
    "type": "hybrid",
}


def _prune_target(error: Any, path: Path) -> Path | None:
    """What to remove so that this error goes away in the next round."""
    if error["type"] == "missing":
        # The container lacks a required key: drop the innermost list item that holds it.
        for i in range(len(path) - 1, -1, -1):
            if isinstance(path[i], int):
                return path[: i + 1]
        if len(path) == 1:
            return path
        return path[:-1] or None
    return path or None


def _prune(data: Any, path: Path, remap: Remap, filled: set[str]) -> bool:
    if len(path) == 1 and path[0] in _ROOT_PLACEHOLDERS:
        name = str(path[0])
        if name in filled:
            return False
        filled.add(name)
        data[name] = _copy(_ROOT_PLACEHOLDERS[name])
        return True
    parent = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = path[-1]
    if isinstance(parent, dict) and last in parent:
        del parent[last]
        return True
    if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        item = parent[last]
        if isinstance(item, dict):
            remap.dropped.append((remap.to_source(path), item))
        origin = remap.origins.setdefault(id(parent), list(range(len(parent))))
        del parent[last]
        del origin[last]
        return True
    return False


# --------------------------------------------------------------------------- messages


def _describe(error: Any, path: Path, data: Any) -> SchemaIssue:
    kind_of = error["type"]
    kind = KIND_BY_ERROR.get(kind_of)
    where = where_in(data, path)
    if kind == "unknown-key":
        key = str(path[-1]) if path else "?"
        allowed = _allowed_keys(path[:-1])
        near = nearest(key, allowed)
        hint = f"did you mean {near!r}? " if near else ""
        elsewhere = _sections_with_key(key)
        previous = _previous_key(data, path, allowed)
        if not near and key.isdigit():
            hint += (
                "inside {…} a comma starts a new key: write numbers without thousands "
                "separators (1000, not 1,000). "
            )
        elif not near and _value_at(data, path) is None and previous is not None:
            # `{mission: Billing, dunning, tax}`: a comma inside {…} split the value.
            hint += (
                f"`{key[:40]}` has no value: if it is part of the value of `{previous}`, "
                f'quote that value ({previous}: "…, {key[:40]}"), because inside {{…}} a '
                "comma starts a new key. "
            )
        elif not near and elsewhere:
            hint += f"`{key}` belongs in {', '.join(elsewhere)}. "
        elif not near and (" " in key or key[:1].isupper()):
            hint += (
                "if this is part of the previous value, quote that value: inside {…} "
                "a comma starts a new key. "
            )
        return SchemaIssue(
            kind,
            path,
            f"unknown key {key[:60]!r} in {where_in(data, path[:-1]) or 'the top level'}",
            f"{hint}allowed keys here: {', '.join(allowed)}",
            key=True,
            suggestion=near,
        )
    if kind == "missing":
        key = str(path[-1]) if path else "?"
        parent = where_in(data, path[:-1]) or "the top level"
        return SchemaIssue(
            kind, path, f"{parent} is missing the required key {key!r}", f"add `{key}: …`"
        )
    if kind_of in ("date_from_datetime_parsing", "date_parsing", "date_from_datetime_inexact"):
        value = _value_at(data, path)
        return SchemaIssue(
            "value",
            path,
            f"{where}: {getattr(value, 'text', value)!r} is not a calendar date",
            "write a real date as YYYY-MM-DD",
        )
    if kind == "enum":
        value = _value_at(data, path)
        allowed = _enum_values(path, error)
        shown = getattr(value, "text", value)
        near = nearest(str(shown), allowed)
        hint = f"did you mean {near!r}? " if near else ""
        return SchemaIssue(
            kind,
            path,
            f"{shown!r} is not a valid {_field_label(path)}",
            f"{hint}allowed: {', '.join(allowed)}",
        )
    if kind in ("duration", "id-format", "typed-ref", "feed-target"):
        # A validator that can tell what was meant (`2 weeks` → `2w`) says so in its context.
        told = error.get("ctx", {}).get("hint") or _HINTS.get(kind)
        return SchemaIssue(kind, path, f"{where}: {error['msg']}", told)
    if kind_of.endswith("_type") or kind_of in ("int_from_float", "bool_parsing", "int_parsing"):
        value = _value_at(data, path)
        expected = _EXPECTED.get(kind_of.replace("_parsing", "_type"), "something else")
        return SchemaIssue(
            "type",
            path,
            f"{where} should be {expected}, not {describe(value)}",
            _type_hint(kind_of, value, has_unit="unit" in _allowed_keys(path[:-1])),
        )
    return SchemaIssue("value", path, f"{where}: {plain(error)}", None)


_HINTS = {
    "duration": "write a number and a unit (4h, 2d, 2w), ISO-8601 (PT4H) or daily/weekly/…",
    "id-format": "ids are lowercase kebab-case; update every reference to it too",
    "typed-ref": "e.g. kpi:nps, feedback:customer-interviews, ceremony:retro",
    "feed-target": "e.g. backlog, roadmap or kpi:<id>",
}

_EXPECTED = {
    "number_type": "a number",
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
}


_NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_LEADING_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:[.,][0-9]+)*|[.][0-9]+)")


def number_hint(text: str, whole: bool = False, unit: bool = False) -> str:
    """What to write instead of ``text`` in a number field: the number it seems to mean."""
    stripped = text.strip()
    word = _NUMBER_WORDS.get(stripped.lower())
    if word is not None:
        return f"write the number in digits: {word}"
    match = _LEADING_NUMBER.match(stripped)
    if match is None:
        return "write a whole number, e.g. 3" if whole else "write a number, e.g. 45 or 4.5"
    digits = match.group()
    rest = stripped[match.end() :].strip()
    if not rest:
        if "," in digits:
            return f"write the number without separators: {digits.replace(',', '')}"
        return "remove the quotes around the number"
    plain = digits.replace(",", "")
    if not unit:
        return f"write the number alone: {plain}"
    if rest == "%":
        return f"write the number alone ({plain}) and the unit under `unit:`, e.g. unit: percent"
    return f"write the number alone ({plain}); a unit such as {rest!r} goes under `unit:`"


def _type_hint(kind: str, value: Any, has_unit: bool = False) -> str | None:
    if kind in ("int_type", "float_type", "number_type") and isinstance(value, str):
        return number_hint(value, whole=kind == "int_type", unit=has_unit)
    if kind in ("int_from_float", "int_type") and isinstance(getattr(value, "value", None), float):
        return "write a whole number (no decimals)"
    if kind == "bool_type":
        return "write true or false (YAML 1.2: yes/no/on/off are text)"
    if kind == "list_type" and not isinstance(value, list):
        return "write a list: `- item` on its own lines, or [a, b]"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "write the keys of this section indented below it"
    if kind == "string_type" and isinstance(value, (list, dict)):
        return "this field takes a single value"
    return None


def describe(value: Any) -> str:
    """How a loaded value reads in a message: ``a list``, ``the number 3`` …"""
    if value is None:
        return "nothing (null)"
    if isinstance(value, Plain):
        if isinstance(value.value, bool):
            return f"the boolean {value.text}"
        return f"the number {value.text}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def format_where(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_SINGULAR = {
    "roles": "role",
    "teams": "team",
    "stages": "stage",
    "responsibilities": "responsibility",
    "handoffs": "handoff",
    "goals": "goal",
    "roadmap": "roadmap item",
    "ceremonies": "ceremony",
    "channels": "channel",
    "tiers": "tier",
    "loops": "feedback loop",
    "kpis": "KPI",
    "rituals": "ritual",
    "initiatives": "initiative",
    "principles": "principle",
    "waivers": "waiver",
    "archetypes": "archetype",
}


def _field_label(path: Path) -> str:
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return "value"
    label = names[-1]
    if label in ("kind", "type", "framework", "strategy", "status") and len(names) >= 2:
        return f"{_SINGULAR.get(names[-2], names[-2])} {label}"
    if isinstance(path[-1], int):
        # One item of a list: `'continuous-delivry' is not a valid archetype`.
        label = _SINGULAR.get(label, label)
    return label.replace("_", " ")


def where_in(data: Any, path: Sequence[str | int]) -> str:
    """A model path as a message names it: by the id of the item it is in, if any.

    ``("roles", 13, "title")`` → ``role 'payments-lead'.title``; without an id,
    the dotted path ``roles[13].title``.
    """
    node = data
    best: tuple[int, str] | None = None
    for i, part in enumerate(path):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(node, dict) and i > 0:
            ident = node.get("id")
            ident = getattr(ident, "text", ident)
            if isinstance(ident, str) and isinstance(path[i - 1], str):
                kind = _SINGULAR.get(str(path[i - 1]), str(path[i - 1]))
                best = (i, f"{kind} '{ident[:60]}'")
    if best is None:
        return format_where(path)
    rest = format_where(path[best[0] + 1 :])
    return f"{best[1]}.{rest}" if rest else best[1]


def _previous_key(data: Any, path: Path, allowed: Sequence[str]) -> str | None:
    """The nearest allowed key written before the last key of ``path`` in its mapping."""
    parent = _value_at(data, path[:-1])
    if not isinstance(parent, dict) or not path:
        return None
    keys = list(parent)
    at = keys.index(path[-1]) if path[-1] in keys else 0
    for key in reversed(keys[:at]):
        if key in allowed:
            return str(key)
    return None


def _value_at(data: Any, path: Path) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def section_class(path: Sequence[str | int]) -> type[BaseModel] | None:
    """The section class at a model path (list indexes skipped)."""
    cls: type[BaseModel] | None = OperatingModel
    for part in path:
        if isinstance(part, int) or cls is None:
            continue
        cls = field_class(cls, part)
    return cls


def _sections_with_key(key: str) -> list[str]:
    """Where else in the model ``key`` is allowed (for keys written in the wrong place)."""
    found: list[str] = []
    seen: set[type[BaseModel]] = set()

    def walk(cls: type[BaseModel], where: str) -> None:
        if cls in seen:
            return
        seen.add(cls)
        if key in yaml_keys(cls) and where:
            found.append(where)
        for name in cls.model_fields:
            child = field_class(cls, name)
            if child is not None:
                walk(child, f"{where}.{name}" if where else name)

    walk(OperatingModel, "")
    return found[:3]


def _allowed_keys(path: Path) -> list[str]:
    cls = section_class(path)
    return yaml_keys(cls) if cls is not None else []


def _enum_values(path: Path, error: Any) -> list[str]:
    cls = section_class(path[:-1])
    if cls is not None and path and isinstance(path[-1], str):
        for name, info in cls.model_fields.items():
            if (info.alias or name) == path[-1]:
                found = _find_enum(info.annotation)
                if found is not None:
                    return [str(m.value) for m in found]
    expected = error.get("ctx", {}).get("expected", "")
    return [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip()]


def _find_enum(annotation: Any) -> type[enum.Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    if get_origin(annotation) is not None or get_args(annotation):
        for arg in get_args(annotation):
            found = _find_enum(arg)
            if found is not None:
                return found
    return None


# --------------------------------------------------------------------------- ids


def collect_ids(data: Any) -> dict[str, dict[str, Path]]:
    """Every id defined in the raw data, by kind, with where it is defined.

    Built from the raw data, not the model, so that an item dropped for a
    structural error still counts as defined and its references do not light up.
    """
    out: dict[str, dict[str, Path]] = {kind: {} for kind in ID_KINDS}
    for kind, where, items in id_lists(data):
        found = out[kind]
        for i, item in enumerate(items):
            ident = item_id(item) if isinstance(item, dict) else None
            if ident is not None and ident not in found:
                found[ident] = (*where, i, "id")
    return out
    for kind, where in ID_KINDS.items():
        node: Any = data
        for key in where:
            node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, list):
            continue
        found = out[kind]
        for i, item in enumerate(node):
            if isinstance(item, dict):
                ident = item.get("id")
                ident = getattr(ident, "text", ident)
                if isinstance(ident, str) and ident not in found:
                    found[ident] = (*where, i, "id")
    return out

"""The model file's contract for people and editors: the JSON Schema and the README's field tables.

Both are generated from the Pydantic models, whose ``Field(description=...)`` is
the one place a key's meaning is written.
"""

from __future__ import annotations

import enum
import json
import re
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from pomkit.durations import Duration
from pomkit.model import OperatingModel, Ref, Shown, field_annotation

SCHEMA_ID = (
    "https://raw.githubusercontent.com/pomkit/pomkit/main/schemas/operating-model.schema.json"
)


def json_schema() -> dict[str, Any]:
    """The schema as a dict, draft 2020-12, with the keys users write (``apiVersion``)."""
    schema = OperatingModel.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def render() -> str:
    """The schema as committed in ``schemas/operating-model.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- field reference

_HEADER = ["| key | type | required | meaning |", "|---|---|---|---|"]
#: Where the vocabularies' values are listed in the README.
_VOCABULARIES = "#vocabularies"
#: Names that do not follow from the class name.
_NAMES = {"PrincipleId": "principle"}


def field_reference() -> str:
    """The README's field tables, one per mapping, in the order of the file.

    Each top-level section gets a heading (its anchor is what the top-level
    table links to); the mappings nested in it follow under their path.
    """
    lines = ["#### Top level", "", *_table(OperatingModel, top=True)]
    for key, cls, is_list in _children(OperatingModel):
        lines += ["", f"#### `{key}`", ""]
        if is_list:
            lines += [f"`{key}:` is a list; each item:", ""]
        lines += _table(cls)
        lines += _nested(cls, f"{key}[]" if is_list else key)
    return "\n".join(lines) + "\n"


def _nested(cls: type[BaseModel], path: str) -> list[str]:
    lines: list[str] = []
    for key, child, is_list in _children(cls):
        where = f"{path}.{key}[]" if is_list else f"{path}.{key}"
        lines += ["", f"`{where}`:", "", *_table(child), *_nested(child, where)]
    return lines


def _children(cls: type[BaseModel]) -> list[tuple[str, type[BaseModel], bool]]:
    """The fields of ``cls`` that hold sections: (YAML key, section class, is_list)."""
    out = []
    for name, info in cls.model_fields.items():
        annotation = _optional(field_annotation(cls, name))
        is_list = get_origin(annotation) is list
        inner = get_args(annotation)[0] if is_list else annotation
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out.append((info.alias or name, inner, is_list))
    return out


def _table(cls: type[BaseModel], top: bool = False) -> list[str]:
    rows = []
    for name, info in cls.model_fields.items():
        key = info.alias or name
        if not info.description:
            raise ValueError(f"{cls.__name__}.{name} has no description: the README needs one")
        cells = [
            f"`{key}`",
            _type_label(field_annotation(cls, name), key if top else None),
            _required(info),
            info.description.replace("|", r"\|"),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return [*_HEADER, *rows]


def _required(info: FieldInfo) -> str:
    if info.is_required():
        return "yes"
    default = info.get_default(call_default_factory=False)
    if info.default_factory is not None or default is None:
        return "no"
    if isinstance(default, enum.Enum):
        default = default.value
    if isinstance(default, bool):
        default = str(default).lower()
    return f"no (default `{default}`)"


def _optional(annotation: Any) -> Any:
    """``X | None`` → ``X``."""
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [a for a in get_args(annotation) if a is not type(None)]
        if len(kept) == 1:
            return kept[0]
    return annotation


def _type_label(annotation: Any, top_key: str | None) -> str:
    """How the *type* column names a field's type: ``role id``, ``list of text`` …

    ``top_key`` is the key of a top-level field, whose section has its own heading to link to.
    """
    annotation = _optional(annotation)
    if get_origin(annotation) is list:
        return _label(get_args(annotation)[0], top_key, many=True)
    return _label(annotation, top_key, many=False)


def _label(annotation: Any, top_key: str | None, many: bool) -> str:
    base: Any = annotation
    meta: tuple[Any, ...] = ()
    if get_origin(annotation) is Annotated:
        base, *rest = get_args(annotation)
        meta = tuple(rest)
    if isinstance(base, type) and issubclass(base, enum.Enum):
        name = _name(base)
        return f"list of [{name}s]({_VOCABULARIES})" if many else f"[{name}]({_VOCABULARIES})"
    for item in meta:
        if isinstance(item, Ref):
            return _ref_label(item.kind, many)
    for item in meta:
        if isinstance(item, Shown):
            return item.many if many else item.one
    if get_origin(base) is Literal:
        return " or ".join(f"`{value}`" for value in get_args(base))
    if base is Duration:
        return "list of durations" if many else "duration"
    if isinstance(base, type) and issubclass(base, BaseModel):
        plural = _plural(_name(base))
        if top_key is not None:
            return f"list of [{plural}](#{top_key})" if many else f"[{top_key}](#{top_key})"
        return f"list of {plural}" if many else "mapping, as below"
    raise ValueError(f"no README label for the type {annotation!r}")


def _ref_label(kind: str, many: bool) -> str:
    if kind == "typed":
        return "list of typed references" if many else "typed reference"
    if kind == "feed":
        if many:
            return f"list of [feed targets]({_VOCABULARIES}) or typed references"
        return f"[feed target]({_VOCABULARIES}) or typed reference"
    name = {"kpi": "KPI", "member": "role or team"}.get(kind, kind)
    return f"list of {name} ids" if many else f"{name} id"


def _name(cls: type) -> str:
    """``RoadmapItem`` → ``roadmap item``, ``KpiCategory`` → ``KPI category``."""
    if cls.__name__ in _NAMES:
        return _NAMES[cls.__name__]
    words = re.findall(r"[A-Z][a-z]*", cls.__name__)
    return " ".join("KPI" if w == "Kpi" else w.lower() for w in words)


def _plural(name: str) -> str:
    if name.endswith("y"):
        return name[:-1] + "ies"
    return name + "s"

"""What the loader and the structure check left out of the model, so checks judge only the rest.

The structure check keeps every valid part of a file: it prunes an invalid value
(a typo in a KPI's ``target``) and leaves out a list item that lacks a required key
(a ceremony without ``name``), and reports each once (POM1xx). The organisation
checks then see a model with holes. Reading a hole as an absence would report a
second finding for the same mistake ("no retrospective", when the retrospective is
the ceremony with the typo), so checks ask here, per item and per field:

- :meth:`Holes.written` — the file gives a value at a path that the model lacks;
- :meth:`Holes.lost` — a value at or below a path was pruned (the item is partial);
- :meth:`Holes.dropped` — the raw items of a kind that are not in the model, whose
  fields :meth:`Holes.field` reads one by one (``UNKNOWN`` where a field is invalid,
  and for every field of an item that is not a mapping at all).

A misspelt key counts as its value written for the key it most likely meant
(``ownr: pm`` under a KPI is an owner the model could not read), so "no owner" is not
reported a second time.

Only what a hole could hide is silenced: a broken ceremony silences "no
retrospective" only if that ceremony could have been one, and the rest of the
model is still judged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Annotated, Any, Final

from pydantic import BaseModel, TypeAdapter, ValidationError

from pomkit.findings import ModelPath, split_lines
from pomkit.loader import Source
from pomkit.model import ID_KINDS, id_lists, label
from pomkit.structure import Structure, section_class

#: Load issues that keep the whole model in place (hidden characters are reported,
#: but nothing is left out for them).
KEEPS_CONTENT: Final = frozenset({"POM011"})


class _Unknown:
    """A value the file gives but the model cannot read (it was invalid)."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN has no truth value: compare it with `is UNKNOWN`")


UNKNOWN: Final = _Unknown()
_ABSENT: Final = object()


@dataclass(frozen=True)
class RawItem:
    """An id-bearing item of the file that is not in the model."""

    kind: str
    #: Its path in the file (``("methodology", "ceremonies", 3)``).
    path: ModelPath
    data: dict[str, Any]
    #: The item is not a mapping (``- retro``): nothing of it can be read.
    opaque: bool = False


@cache
def _adapter(cls: type[BaseModel], key: str) -> tuple[TypeAdapter[Any], Any] | None:
    for name, info in cls.model_fields.items():
        if (info.alias or name) == key:
            annotation: Any = info.annotation
            if info.metadata:
                annotation = Annotated.__class_getitem__((annotation, *info.metadata))  # type: ignore[attr-defined]
            default = None if info.is_required() else info.get_default(call_default_factory=True)
            return TypeAdapter(annotation), default
    return None


@dataclass
class Holes:
    """The holes of one file's model (built once per file)."""

    source: Source
    structure: Structure

    @cached_property
    def any(self) -> bool:
        """Whether anything of the file is missing from the model."""
        return bool(self.structure.issues) or any(
            issue.code not in KEEPS_CONTENT for issue in self.source.issues
        )

    def to_source(self, path: Sequence[str | int]) -> ModelPath:
        return self.structure.remap.to_source(path)

    @cached_property
    def _pruned(self) -> frozenset[ModelPath]:
        """Every path in the file at or above a pruned value (or a misspelt key's meaning)."""
        out: set[ModelPath] = set()
        for path in (*(issue.path for issue in self.structure.issues), *self._meant):
            out.update(path[:n] for n in range(1, len(path) + 1))
        return frozenset(out)

    @cached_property
    def _meant(self) -> frozenset[ModelPath]:
        """Paths in the file that a misspelt key most likely meant (``ownr`` → ``owner``)."""
        return frozenset(
            (*issue.path[:-1], issue.suggestion)
            for issue in self.structure.issues
            if issue.kind == "unknown-key" and issue.suggestion is not None and issue.path
        )

    def lost(self, path: Sequence[str | int]) -> bool:
        """Whether a value at or below model ``path`` was left out of the model."""
        if not self.any:
            return False
        where = self.to_source(path)
        return where in self._pruned or self._refused(where)

    def written(self, path: Sequence[str | int]) -> bool:
        """Whether the file gives a value at model ``path`` that the model lacks.

        Ask it where the model has no value: a check that reports a missing value keeps
        quiet when the value was written but could not be read (the structure rules
        report that).
        """
        if not self.any:
            return False
        where = self.to_source(path)
        value = self._raw(where)
        if value is _ABSENT:
            return where in self._meant or self._refused(where)
        return value is not None and value != [] and value != {}

    def shortened(self, path: Sequence[str | int], kept: int) -> bool:
        """Whether the list at model ``path`` holds more items in the file than the ``kept``."""
        if not self.any:
            return False
        value = self._raw(self.to_source(path))
        return isinstance(value, list) and len(value) > kept

    def unreadable(self, kind: str) -> bool:
        """Whether the file's list of ``kind`` items cannot be walked at all: a section on
        the way is not a mapping, the list is not a list, or the loader left it out."""
        if not self.any:
            return False
        node: Any = self.source.data
        where = ID_KINDS[kind]
        for n, key in enumerate(where, start=1):
            if not isinstance(node, dict):
                return True
            if key not in node:
                return self._refused(where[:n])
            node = node[key]
        return node is not None and not isinstance(node, list)

    def dropped(self, kind: str) -> list[RawItem]:
        """The items of ``kind`` that the file holds and the model does not."""
        return self._dropped.get(kind, [])

    @cached_property
    def _dropped(self) -> dict[str, list[RawItem]]:
        out: dict[str, list[RawItem]] = {}
        if not self.any:
            return out
        model = self.structure.model
        kept: dict[str, set[int]] = {}
        if model is not None:
            for kind, where, items in id_lists(model):
                found = kept.setdefault(kind, set())
                for i in range(len(items)):
                    last = self.to_source((*where, i))[-1]
                    if isinstance(last, int):
                        found.add(last)
        for kind, where, items in id_lists(self.source.data):
            for i, item in enumerate(items):
                if i in kept.get(kind, ()):
                    continue
                if isinstance(item, dict):
                    out.setdefault(kind, []).append(RawItem(kind, (*where, i), item))
                else:
                    # `- retro` where a ceremony belongs: it could have been any ceremony.
                    out.setdefault(kind, []).append(RawItem(kind, (*where, i), {}, opaque=True))
        return out

    def field(self, item: RawItem, key: str) -> Any:
        """The validated value of one field of a left-out item, ``UNKNOWN`` if invalid.

        A field the item does not write gives its default (``None`` when required); every
        field of an opaque item is ``UNKNOWN``.
        """
        if item.opaque:
            return UNKNOWN
        cls = section_class(ID_KINDS[item.kind])
        found = _adapter(cls, key) if cls is not None else None
        if found is None:
            return UNKNOWN
        adapter, default = found
        if key not in item.data:
            return UNKNOWN if (*item.path, key) in self._meant else default
        try:
            return adapter.validate_python(item.data[key])
        except (ValidationError, ValueError, TypeError):
            return UNKNOWN

    def fields(self, item: RawItem, *keys: str) -> Iterator[Any]:
        return (self.field(item, key) for key in keys)

    # ------------------------------------------------------------------ raw file

    def _raw(self, where: ModelPath) -> Any:
        node = self.source.data
        for part in where:
            if isinstance(part, int):
                if not isinstance(node, list) or not 0 <= part < len(node):
                    return _ABSENT
            elif not isinstance(node, dict) or part not in node:
                return _ABSENT
            node = node[part]
        return node

    def _refused(self, where: ModelPath) -> bool:
        """Whether the loader left out the value at ``where`` (a refused tag, say): the
        key is spelt in the file at the place the path locates, but no value reached
        the data."""
        if not self.source.issues or not where or not isinstance(where[-1], str):
            return False
        if self._raw(where) is not _ABSENT:
            return False
        line, column, _ = self.source.locate(where, key=True)
        lines = self._lines
        if not 0 < line <= len(lines):
            return False
        return lines[line - 1][column - 1 :].lstrip("\"'").startswith(where[-1])

    @cached_property
    def _lines(self) -> list[str]:
        return split_lines(self.source.text)


def tri_any(values: Iterator[bool | None] | Sequence[bool | None]) -> bool | None:
    """``True`` if any value is true, else ``None`` if any is unknown, else ``False``."""
    unknown = False
    for value in values:
        if value is True:
            return True
        if value is None:
            unknown = True
    return None if unknown else False


@cache
def _attributes(cls: type[BaseModel]) -> dict[str, str]:
    """YAML key → attribute name of a section (``from`` → ``from_``)."""
    return {(info.alias or name): name for name, info in cls.model_fields.items()}


@dataclass(frozen=True)
class View:
    """One item of a kind — kept in the model, or left out of it — read field by field.

    :meth:`get` gives a field's value as the model has it, or ``UNKNOWN`` where the
    file wrote a value the model could not read. Checks written against views judge
    kept and left-out items alike, and stay undecided exactly where a hole is.
    """

    kind: str
    holes: Holes
    #: The model's item and its model path, when the item was kept.
    item: BaseModel | None = None
    path: ModelPath = ()
    #: The raw item, when it was left out.
    raw: RawItem | None = None

    @property
    def kept(self) -> bool:
        return self.item is not None

    @property
    def ident(self) -> str | None:
        value = self.get("id")
        if isinstance(value, str):
            return value
        return getattr(value, "value", None) if value is not None and value is not UNKNOWN else None

    def get(self, key: str) -> Any:
        if self.raw is not None:
            return self.holes.field(self.raw, key)
        assert self.item is not None
        value = getattr(self.item, _attributes(type(self.item)).get(key, key), None)
        if not self.holes.any:
            return value
        where = (*self.path, key)
        if isinstance(value, list):
            # A list that lost some entries keeps the rest: ask lost() about the others.
            return UNKNOWN if not value and self.holes.written(where) else value
        if self.holes.lost(where) or (value is None and self.holes.written(where)):
            return UNKNOWN
        return value

    @property
    def label(self) -> str:
        """How a message names the item: ``KPI 'nps'`` (as :func:`pomkit.model.label`)."""
        if self.item is not None:
            return label(self.item)
        cls = section_class(ID_KINDS[self.kind])
        assert cls is not None
        # A bare instance carries the id alone, which is all a label reads.
        return label(cls.model_construct(id=self.ident))

    @property
    def where(self) -> ModelPath:
        """The item's path: in the model when kept, else in the file."""
        return self.path if self.raw is None else self.raw.path

    def written(self, key: str) -> str | None:
        """The text the file writes under ``key``, valid or not; ``None`` if not text.

        What a check may read where :meth:`get` says ``UNKNOWN``: the misspelt value
        itself (``type: retrospectve``), to tell what it could have been.
        """
        if self.raw is not None:
            value = None if self.raw.opaque else self.raw.data.get(key)
        else:
            value = self.holes._raw((*self.path, key))
        text = getattr(value, "text", value)
        return text if isinstance(text, str) else None

    def lost(self, key: str) -> bool:
        """Whether the file gives more under ``key`` than the model has."""
        if self.raw is not None:
            return self.get(key) is UNKNOWN
        return self.holes.lost((*self.path, key))


def views(holes: Holes, kind: str, items: Sequence[BaseModel]) -> list[View]:
    """Views of the kept ``items`` of ``kind`` and of the ones left out, in that order."""
    where = ID_KINDS[kind]
    kept = [View(kind, holes, item, (*where, i)) for i, item in enumerate(items)]
    return kept + [View(kind, holes, raw=raw) for raw in holes.dropped(kind)]

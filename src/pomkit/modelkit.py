"""How pomkit builds its Pydantic models: with nothing a run does not need.

- Empty defaults as plain functions. Pydantic asks every ``default_factory`` for
  its signature, to learn whether it takes the validated data. For the built-in
  ``list`` and ``dict`` that signature exists only as text, and ``inspect``
  tokenizes it at each field: about 0.2 ms a field, 8 ms of every
  ``pomkit validate`` for the model's 35 list fields. A Python function's
  signature is read directly.
- Validators built without Pydantic plugins (:func:`plugins_off`). Looking for
  plugins reads the entry points of every installed distribution, a few
  milliseconds in a small environment and more in a large one, once per
  process. pomkit's models are its own file format, not an application's data
  a plugin observes; Typer builds its parameter validators the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Pydantic's switch: plugins are not looked for while it is "1".
_SWITCH = "PYDANTIC_DISABLE_PLUGINS"


def empty_list() -> list[Any]:
    """A new empty list."""
    return []


def empty_dict() -> dict[Any, Any]:
    """A new empty mapping."""
    return {}


@contextmanager
def plugins_off() -> Iterator[None]:
    """Build the validators that a block completes without Pydantic plugins.

    Models are declared with ``defer_build``: their validators are built at the
    first validation, which the caller wraps in this. The environment is restored
    afterwards, including a user's own setting.
    """
    previous = os.environ.get(_SWITCH)
    os.environ[_SWITCH] = "1"
    try:
        yield
    finally:
        if previous is None:
            del os.environ[_SWITCH]
        else:
            os.environ[_SWITCH] = previous

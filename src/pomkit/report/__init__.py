"""The playbook: ``pomkit report`` turns a model and its findings into Markdown, HTML or JSON.

- :mod:`~pomkit.report.view` — the versioned view model every template receives;
- :mod:`~pomkit.report.build` — computes it from a loaded file and its findings;
- :mod:`~pomkit.report.layout` — lays out the diagrams (grandalf for layered ones);
- :mod:`~pomkit.report.text` — Markdown and Mermaid escaping, section anchors;
- :mod:`~pomkit.report.render` — the Jinja environments (imported only to render).

``pomkit.report`` is also the library call ``pomkit.report(path, format=...)``: once
this package is imported, Python binds the name ``report`` of ``pomkit`` to it, so the
package itself is callable and hands the call to that function.
"""

from __future__ import annotations

import os
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pomkit.api import Document

#: The formats ``pomkit report --format`` accepts.
FORMATS = ("md", "html", "json")


class _Callable(types.ModuleType):
    def __call__(
        self,
        path_or_document: str | os.PathLike[str] | Document,
        format: str = "html",
        templates: str | os.PathLike[str] | None = None,
    ) -> str:
        """The playbook of a model (see :func:`pomkit.api.report`)."""
        call: Any = sys.modules["pomkit"].__dict__["_report"]
        text: str = call(path_or_document, format, templates)
        return text


sys.modules[__name__].__class__ = _Callable

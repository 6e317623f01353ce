"""The playbook: ``pomkit report`` turns a model and its findings into Markdown, HTML or JSON.

- :mod:`~pomkit.playbook.view` — the versioned view model every template receives;
- :mod:`~pomkit.playbook.build` — computes it from a loaded file and its findings;
- :mod:`~pomkit.playbook.layout` — lays out the diagrams (grandalf for layered ones);
- :mod:`~pomkit.playbook.text` — Markdown and Mermaid escaping, section anchors;
- :mod:`~pomkit.playbook.render` — the Jinja environments (imported only to render).

The function is ``pomkit.report(path, format=...)``; this package has another name, so
that importing it never rebinds that function.
"""

from __future__ import annotations

#: The formats ``pomkit report --format`` accepts.
FORMATS = ("md", "html", "json")

"""The playbook: ``pomkit report`` turns a model and its findings into Markdown, HTML or JSON.

- :mod:`~pomkit.report.view` — the versioned view model every template receives;
- :mod:`~pomkit.report.build` — computes it from a loaded file and its findings;
- :mod:`~pomkit.report.layout` — lays out the diagrams (grandalf for layered ones);
- :mod:`~pomkit.report.text` — Markdown and Mermaid escaping, section anchors;
- :mod:`~pomkit.report.render` — the Jinja environments (imported only to render).
"""

from __future__ import annotations

#: The formats ``pomkit report --format`` accepts.
FORMATS = ("md", "html", "json")

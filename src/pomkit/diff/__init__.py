"""What changed between two versions of a model: compare, classify, render (``pomkit diff``).

Three layers, as oasdiff keeps them (see DESIGN.md):

- :mod:`~pomkit.diff.compare` — the neutral step: each side read leniently, items matched
  by identity (id, declared rename, a handoff's ends), field differences per matched pair;
- :mod:`~pomkit.diff.core` and :mod:`pomkit.diff.checks` — one decorated function per change
  code, with its level, documentation and executed examples, classifying what compare found;
- :mod:`~pomkit.diff.formats` — text, Markdown, JSON and GitHub annotations, pure functions of
  a :class:`~pomkit.diff.changes.DiffReport`.

Nothing is imported here, so that reading :mod:`pomkit.diff.settings` (the configuration
does) stays cheap.
"""

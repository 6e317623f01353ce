"""What changed between two versions of a model: compare, classify, render (``pomkit diff``;
the function is ``pomkit.diff``, this package ``pomkit.changes``).

Three layers, as oasdiff keeps them (the README's ``pomkit diff OLD NEW`` section says how
versions are compared, and its change catalog lists every check):

- :mod:`~pomkit.changes.compare` — the neutral step: each side read leniently, items matched
  by identity (id, declared rename, a handoff's ends), field differences per matched pair;
  :mod:`~pomkit.changes.holdings` reads who holds what on each side from the same items;
- :mod:`~pomkit.changes.core` and :mod:`pomkit.changes.checks` — one decorated function per change
  code, with its level, documentation and executed examples, classifying what compare found;
- :mod:`~pomkit.changes.formats` — text, Markdown, JSON and GitHub annotations, pure functions of
  a :class:`~pomkit.changes.records.DiffReport`.

Nothing is imported here, so that reading :mod:`pomkit.changes.settings` (the configuration
does) stays cheap.
"""

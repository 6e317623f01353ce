"""The domain layer: what the organisation in a model means, shared by rules, report and diff.

- :mod:`~pomkit.domain.organisation` — indexes over roles, teams, stages and work, and graphs;
- :mod:`~pomkit.domain.flow` — how work moves through the lifecycle (start and finish roles);
- :mod:`~pomkit.domain.vocabulary` — the shared definitions ("customer KPI", "agile framework" …);
- :mod:`~pomkit.domain.inference` — ceremony types and KPI categories read from ids and names;
- :mod:`~pomkit.domain.evidence` — per-file facts and what counts as evidence of each principle;
- :mod:`~pomkit.domain.holes` — what the structure check left out, so checks judge only the rest;
- :mod:`~pomkit.domain.references` — every reference and whether it resolves;
- :mod:`~pomkit.domain.text` — how messages list ids.

Nothing here prints, reads files or knows about findings' severities.
"""

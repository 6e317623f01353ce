"""The change checks: one decorated function per change code, in a module per family.

:func:`pomkit.changes.core.registry` imports every module here; adding a check is adding a
decorated function (and its examples) to the module of its family:

- ``generic`` (DIFF00x) — additions, removals, declared renames, text and other fields;
- ``model`` (DIFF01x–02x) — the model's type, archetypes, principles, process, owners;
- ``roles`` (DIFF1xx) — roles and the people in them;
- ``raci`` (DIFF2xx) — responsibilities: who is accountable, responsible, consulted;
- ``flow`` (DIFF3xx) — lifecycle stages and handoffs;
- ``support`` (DIFF4xx) — support tiers: service levels and escalation;
- ``kpis`` (DIFF5xx) — KPIs: targets and measurement;
- ``rhythm`` (DIFF6xx) — ceremonies and rituals.
"""

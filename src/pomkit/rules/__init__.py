"""The rule catalog: one module per rule, in a package per family (``raci``, ``flow`` …).

:mod:`pomkit.rules.core` defines what a rule is; :func:`pomkit.engine.registry`
imports every rule module to register it. Adding a rule is adding a module.
"""

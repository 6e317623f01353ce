"""The catalogs as people read them: `pomkit rules [--diff]`, `pomkit explain`, the README tables.

Two catalogs: the validation rules (POM codes) and the change checks of `pomkit diff`
(DIFF codes); `explain` finds either by code or name.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from pomkit.changes.core import ChangeCheck
from pomkit.changes.core import registry as change_registry
from pomkit.engine import registry
from pomkit.rules.core import Rule
from pomkit.suggest import nearest

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)


def base_model() -> str:
    """The small clean model that rule examples are laid over."""
    return resources.files("pomkit.rules").joinpath("base.yaml").read_text(encoding="utf-8")


def overlay(fragment: str) -> str:
    """The base model with each top-level section named in ``fragment`` replaced by it."""
    replaced = set(_TOP_KEY.findall(fragment))
    kept: list[str] = []
    skipping = False
    for line in base_model().splitlines(keepends=True):
        match = _TOP_KEY.match(line)
        if match:
            skipping = match.group(1) in replaced
        elif line.strip() and not line[0].isspace():
            skipping = False
        if not skipping:
            kept.append(line)
    return "".join(kept).rstrip("\n") + "\n" + fragment


def example_file(rule: Rule, which: str) -> str:
    """The whole file an example stands for: the example's sections over the base model.

    ``whole_file`` examples are used as they are.
    """
    fragment = rule.bad if which == "bad" else rule.good
    return fragment if rule.whole_file else overlay(fragment)


def find_rule(query: str) -> Rule | ChangeCheck | str:
    """The rule or change check with this code or name, or an error message with a
    suggestion."""
    entries: dict[str, Rule | ChangeCheck] = {**registry(), **change_registry()}
    wanted = query.strip()
    if wanted.upper() in entries:
        return entries[wanted.upper()]
    for found in entries.values():
        if found.name == wanted.lower():
            return found
    # Codes are numbers: a near code is no better a guess than any other.
    near = nearest(wanted.lower(), [r.name for r in entries.values()])
    suggestion = f"; did you mean {near}?" if near else ""
    kind = "change check" if wanted.upper().startswith("DIFF") else "rule"
    return f"unknown {kind} {query!r}{suggestion}"


def render_catalog(fmt: str) -> str:
    rules = sorted(registry().values(), key=lambda r: r.code)
    if fmt == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.label,
                "summary": r.summary,
                "options": option_rows(r),
            }
            for r in rules
        ]
        return json.dumps(rows, indent=2) + "\n"
    if fmt == "markdown":
        lines = ["| code | name | severity | summary |", "|---|---|---|---|"]
        for r in rules:
            summary = r.summary.replace("|", "\\|")
            lines.append(f"| `{r.code}` | {r.name} | {r.severity.label} | {summary} |")
        return "\n".join(lines) + "\n"
    width = max(len(r.name) for r in rules)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {r.severity.label:<7}  {r.summary}\n" for r in rules
    )


_TYPE_NAMES = {"int": "integer", "float": "number", "Duration": "duration"}


def option_rows(rule: Rule) -> list[dict[str, Any]]:
    """Each option of ``rule``: name, type, default (as JSON) and description."""
    if rule.options is None:
        return []
    defaults = rule.options().model_dump(mode="json")
    rows = []
    for name, info in rule.options.model_fields.items():
        annotation = info.annotation
        kind = getattr(annotation, "__name__", str(annotation))
        rows.append(
            {
                "name": name,
                "type": {"int": "integer", "float": "number", "Duration": "duration"}.get(
                    kind, kind
                ),
                "default": defaults[name],
                "description": info.description or "",
            }
        )
    return rows


def render_explanation(rule: Rule | ChangeCheck) -> str:
    if isinstance(rule, ChangeCheck):
        return render_change_explanation(rule)
    parts = [
        f"{rule.code} {rule.name} (default severity: {rule.severity.label})",
        "",
        rule.summary,
        "",
        rule.description,
    ]
    rows = option_rows(rule)
    if rows:
        parts += [
            "",
            f"Options (set under [tool.pomkit.rules.{rule.code}] in pyproject.toml, or "
            f"rules: {{{rule.code}: {{…}}}} in .pomkit.yaml):",
        ]
        for row in rows:
            parts.append(
                f"  {row['name']} ({row['type']}, default {row['default']}): {row['description']}"
            )
    scope = "file" if rule.whole_file else "sections laid over a small clean model"
    for title, text in (("Fails", rule.bad), ("Passes", rule.good)):
        if text.strip():
            parts += ["", f"{title} ({scope}):", "", _indent(text)]
    if not rule.bad.strip():
        parts += ["", "(No text example: the condition is about the file's bytes or size.)"]
    return "\n".join(parts).rstrip() + "\n"


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.rstrip("\n").splitlines())


# --------------------------------------------------------------------------- changes


def render_change_catalog(fmt: str) -> str:
    """The change checks of `pomkit diff`: code, name, level, summary."""
    checks = sorted(change_registry().values(), key=lambda c: c.code)
    if fmt == "json":
        rows = [
            {"code": c.code, "name": c.name, "level": c.level.label, "summary": c.summary}
            for c in checks
        ]
        return json.dumps(rows, indent=2) + "\n"
    if fmt == "markdown":
        lines = ["| code | name | level | summary |", "|---|---|---|---|"]
        for c in checks:
            summary = c.summary.replace("|", "\\|")
            lines.append(f"| `{c.code}` | {c.name} | {c.level.label} | {summary} |")
        return "\n".join(lines) + "\n"
    width = max(len(c.name) for c in checks)
    return "".join(
        f"{c.code}  {c.name:<{width}}  {c.level.label:<8}  {c.summary}\n" for c in checks
    )


def change_example(check: ChangeCheck, which: str) -> str:
    """The whole file an example version stands for (OLD's default: the base model)."""
    fragment = check.old if which == "old" else check.new
    return overlay(fragment) if fragment.strip() else base_model()


def render_change_explanation(check: ChangeCheck) -> str:
    """A change check's documentation, with its example pair and what it reports."""
    parts = [
        f"{check.code} {check.name} (default level: {check.level.label})",
        "",
        check.summary,
        "",
        check.description,
    ]
    if check.fallback:
        parts += [
            "",
            "Reported only for differences that no more specific change check covers.",
        ]
    old = check.old if check.old.strip() else "(the small clean model itself)\n"
    parts += [
        "",
        "Example (sections laid over a small clean model):",
        "",
        "  OLD:",
        "",
        _indent(old),
        "",
        "  NEW:",
        "",
        _indent(check.new),
    ]
    found = [c for c in _example_changes(check) if c.code == check.code]
    if found:
        parts += ["", "  reports:", ""]
        parts += [f"    {c.marker} {c.code} {c.level.label}  {c.message}" for c in found]
    parts += [
        "",
        f"Change its level under [tool.pomkit.diff.level] in pyproject.toml, or "
        f"diff: {{level: {{{check.code}: notable}}}} in .pomkit.yaml.",
    ]
    return "\n".join(parts).rstrip() + "\n"


def _example_changes(check: ChangeCheck) -> list[Any]:
    from pomkit.changes.compare import compare, side_from_text
    from pomkit.changes.run import classify

    old = side_from_text(change_example(check, "old"), "old.yaml")
    new = side_from_text(change_example(check, "new"), "new.yaml")
    return classify(compare(old, new))

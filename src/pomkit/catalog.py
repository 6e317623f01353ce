"""The rule catalog as people read it: `pomkit rules`, `pomkit explain`, the README table."""

from __future__ import annotations

import json
import re
from importlib import resources

from pomkit.engine import Rule, registry
from pomkit.structure import nearest

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)


def base_model() -> str:
    """The small clean model that rule examples are laid over."""
    return resources.files("pomkit.rules").joinpath("base.yaml").read_text(encoding="utf-8")


def example_file(rule: Rule, which: str) -> str:
    """The whole file an example stands for: the example's sections over the base model.

    A section named in the example replaces the base model's section of that name;
    ``whole_file`` examples are used as they are.
    """
    fragment = rule.bad if which == "bad" else rule.good
    if rule.whole_file:
        return fragment
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


def find_rule(query: str) -> Rule | str:
    """The rule with this code or name, or an error message with a suggestion."""
    rules = registry()
    wanted = query.strip()
    if wanted.upper() in rules:
        return rules[wanted.upper()]
    for found in rules.values():
        if found.name == wanted.lower():
            return found
    # Codes are numbers: a near code is no better a guess than any other.
    near = nearest(wanted.lower(), [r.name for r in rules.values()])
    suggestion = f"; did you mean {near}?" if near else ""
    return f"unknown rule {query!r}{suggestion}"


def render_catalog(fmt: str) -> str:
    rules = sorted(registry().values(), key=lambda r: r.code)
    if fmt == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.label,
                "summary": r.summary,
                "options": dict(r.options),
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


def render_explanation(rule: Rule) -> str:
    parts = [
        f"{rule.code} {rule.name} (default severity: {rule.severity.label})",
        "",
        rule.summary,
        "",
        rule.description,
    ]
    if rule.options:
        parts += ["", "Options (set under [tool.pomkit.rules.CODE] or rules: in .pomkit.yaml):"]
        parts += [f"  {key} = {value!r}" for key, value in rule.options.items()]
    scope = "file" if rule.whole_file else "sections laid over a small clean model"
    for title, text in (("Fails", rule.bad), ("Passes", rule.good)):
        if text.strip():
            parts += ["", f"{title} ({scope}):", "", _indent(text)]
    if not rule.bad.strip():
        parts += ["", "(No text example: the condition is about the file's bytes or size.)"]
    return "\n".join(parts).rstrip() + "\n"


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.rstrip("\n").splitlines())

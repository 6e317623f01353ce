"""Synthetic, clean operating models for benchmarks: ``generate(teams, seed) -> YAML text``.

The text is built line by line, the way a person writes these files (block
style, two-space indentation, short flow lists), rather than dumped from
dicts: it is fast at 1000 teams and reads like a real model. Each team adds
about 15 KB and 500 lines, so 100 teams make a ~1.5 MB, ~50k-line file.

Every model is meant to be *clean*: structurally valid against
``schemas/operating-model.schema.json`` and free of the organisational defects
``pomkit validate`` looks for (references resolve, full RACI with one
accountable, every element and lifecycle stage covered, no overloaded role,
handoffs flowing from the first stage to the last without dead ends or
ping-pong, measured goals, owned KPIs, escalation without tighter SLAs, …).
It also carries the inputs a loader must get right: flow lists of typed
references (``evidence: [kpi:x, feedback:y]``, which ruamel's C parser rejects)
and unquoted number-looking text (``version: 1.10``, ``horizon: 2027``).

Usage::

    python bench/generate.py --teams 100 --output bench/out/model-100.yaml
    python bench/generate.py --all            # 10, 100 and 1000 teams into bench/out/
    python bench/generate.py --teams 100 --changed 1%   # and a second version beside it

``--changed SHARE`` (``1%`` or ``0.01``) also writes the second version of each model, with
that share of its id-bearing items edited, removed or added (``mutate`` of bench/mutate.py,
the same as bench/diff.py times), as ``NAME-changed.yaml`` beside it: a pair for
``pomkit diff``.

The module has no side effects at import, so tests load it from its path.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import textwrap
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType

SIZES = (10, 100, 1000)
#: yamllint's default line length: the files stay free of its warnings.
MAX_LINE = 80
OUT_DIR = Path(__file__).resolve().parent / "out"

STAGES = (
    "ideation",
    "discovery",
    "planning",
    "development",
    "delivery",
    "support",
    "growth",
    "retirement",
)
EXIT_CRITERIA = (
    "Opportunity sized and sponsored",
    "Problem validated with customers",
    "Roadmap slot and team agreed",
    "Definition of done met",
    "Released to all customers",
    "Runbooks and support tiers in place",
    "Adoption targets reviewed",
    "Users migrated and service switched off",
)

# (id, title, kind, owned stage, description)
LEADERS = (
    ("cpo", "Chief Product Officer", "product-manager", "ideation", "Owns the product portfolio"),
    ("head-of-design", "Head of Design", "ux-ui-designer", "discovery", "Leads product design"),
    ("head-of-product-ops", "Head of Product Operations", "custom", "planning", "Runs planning"),
    ("vp-engineering", "VP Engineering", "technical-architect", "development", "Leads engineering"),
    ("release-manager", "Release Manager", "custom", "delivery", "Runs the release train"),
    ("head-of-support", "Head of Customer Support", "custom", "support", "Leads customer support"),
    ("head-of-marketing", "Head of Product Marketing", "product-marketing-manager", "growth",
     "Owns positioning and launches"),
    ("portfolio-manager", "Portfolio Manager", "product-manager", "retirement", "Sunsets products"),
)  # fmt: skip

# (id, activity, element, stage, accountable, responsible, consulted, informed)
LEADER_DUTIES = (
    ("portfolio-strategy", "Set the portfolio strategy and investment themes", "strategy",
     "ideation", "cpo", ["head-of-product-ops"], ["vp-engineering", "head-of-marketing"],
     ["head-of-support"]),
    ("discovery-practice", "Run the discovery practice and the customer advisory board",
     "feedback", "discovery", "head-of-design", ["cpo"], ["head-of-marketing"],
     ["vp-engineering"]),
    ("quarterly-planning", "Facilitate quarterly planning across all teams", "collaboration",
     "planning", "head-of-product-ops", ["release-manager"], ["cpo", "vp-engineering"],
     ["head-of-support"]),
    ("engineering-standards", "Maintain engineering standards and the tech radar",
     "methodology", "development", "vp-engineering", ["head-of-design"], ["release-manager"],
     ["cpo"]),
    ("release-governance", "Govern the release train and change approvals", "release",
     "delivery", "release-manager", ["vp-engineering"], ["head-of-support"], ["cpo"]),
    ("support-model", "Define the support model and escalation policy", "support", "support",
     "head-of-support", ["head-of-product-ops"], ["vp-engineering"], ["cpo"]),
    ("portfolio-kpis", "Publish portfolio KPIs and growth reviews", "kpis", "growth",
     "head-of-marketing", ["portfolio-manager"], ["cpo"], ["head-of-design"]),
    ("portfolio-retirement", "Decide and communicate product retirements", "strategy",
     "retirement", "portfolio-manager", ["head-of-support", "head-of-marketing"], ["cpo"],
     ["vp-engineering"]),
)  # fmt: skip

DOMAINS = (
    "checkout", "payments", "search", "catalog", "pricing", "billing", "identity", "onboarding",
    "messaging", "notifications", "reporting", "analytics", "inventory", "shipping", "returns",
    "loyalty", "reviews", "recommendations", "marketplace", "partners", "invoicing", "tax",
    "fraud", "risk", "compliance", "accounts", "profiles", "mobile", "web", "api", "data",
    "ml", "media", "content", "scheduling", "booking", "subscriptions", "trials", "referrals",
    "support-tools",
)  # fmt: skip
QUALIFIERS = (
    "core", "experience", "platform", "insights", "growth", "ops", "self-service", "enterprise",
    "connect", "automation", "foundations", "mobile-app", "admin", "edge", "intake", "journeys",
    "signals", "studio", "hub", "workflows", "sync", "gateway", "portal", "engine", "lab",
    "cloud", "desk", "flow", "kit", "console",
)  # fmt: skip

TEAM_TYPES = (
    ("stream-aligned",) * 14 + ("platform",) * 3 + ("enabling",) * 2 + ("complicated-subsystem",)
)

# Optional team roles: key, id suffix, title, kind
OPTIONAL_ROLES = (
    ("sm", "scrum-master", "Scrum Master", "scrum-master"),
    ("ba", "analyst", "Business Analyst", "business-analyst"),
    ("da", "data-analyst", "Product Data Analyst", "custom"),
)

# Who each team role reports to (a team role key, or a leadership role id).
REPORTS_TO = {
    "pm": "cpo",
    "po": "pm",
    "ux": "pm",
    "pmm": "pm",
    "ba": "pm",
    "da": "pm",
    "arch": "pm",
    "dev": "arch",
    "sup": "arch",
    "sm": "arch",
}

# Team responsibilities: (slug, activity, element, stage, A, R, C, I, needs)
# Role keys: pm po ux dev arch sup pmm + optional sm ba da. ``needs`` names the
# optional role without which the duty is left out; optional roles in R/C/I lists
# are dropped when the team lacks them.
DUTIES = (
    ("vision", "Set and communicate the product vision", "strategy", "ideation",
     "pm", ["pmm"], ["po", "arch"], ["dev"], None),
    ("roadmap", "Maintain the product roadmap and its trade-offs", "strategy", "planning",
     "pm", ["po"], ["arch", "ux"], ["dev", "sup"], None),
    ("user-research", "Plan and run user research with real customers", "feedback",
     "discovery", "ux", ["pm", "ba"], ["po"], ["dev"], None),
    ("prototyping", "Prototype and test candidate solutions", "methodology", "discovery",
     "ux", ["dev"], ["po"], ["pm"], None),
    ("backlog", "Refine and order the product backlog", "methodology", "planning",
     "po", ["dev", "ba"], ["ux", "arch"], ["pm"], None),
    ("sprint-delivery", "Deliver the sprint goal as working software", "methodology",
     "development", "po", ["dev"], ["arch", "sm"], ["pm"], None),
    ("architecture", "Record architecture decisions and manage technical debt",
     "methodology", "development", "arch", ["dev"], ["po"], ["pm"], None),
    ("release", "Release changes to production safely", "release", "delivery",
     "arch", ["dev"], ["po", "sup"], ["pm", "pmm"], None),
    ("quality-gates", "Keep automated quality gates green", "release", "delivery",
     "dev", ["arch"], ["po"], ["sup"], None),
    ("incidents", "Respond to incidents and restore service", "support", "support",
     "sup", ["dev"], ["arch"], ["po", "pm"], None),
    ("knowledge-base", "Keep help articles and runbooks current", "support", "support",
     "sup", ["pmm"], ["ux"], ["po"], None),
    ("customer-feedback", "Collect and synthesise customer feedback", "feedback", "growth",
     "pmm", ["sup"], ["ux"], ["pm", "po"], None),
    ("kpi-tracking", "Track product KPIs and review them with stakeholders", "kpis",
     "growth", "pm", ["po", "da"], ["pmm"], ["dev"], None),
    ("go-to-market", "Plan launches, positioning and enablement", "strategy", "growth",
     "pmm", ["pm"], ["ux", "sup"], ["dev"], None),
    ("dependencies", "Coordinate dependencies with neighbouring teams", "collaboration",
     "planning", "po", ["arch"], ["pm"], ["dev", "ux"], None),
    ("sunset", "Plan the retirement of features and migrate users", "strategy",
     "retirement", "pm", ["arch", "pmm"], ["sup"], ["dev", "po"], None),
    ("retrospectives", "Facilitate retrospectives and follow up on actions",
     "collaboration", "development", "sm", ["dev"], ["po"], ["pm"], "sm"),
    ("impediments", "Remove impediments and protect the team's focus", "methodology",
     "development", "sm", ["dev"], ["arch"], ["po"], "sm"),
    ("requirements", "Analyse requirements and write acceptance criteria", "methodology",
     "planning", "ba", ["ux"], ["po", "dev"], ["pm"], "ba"),
    ("analytics", "Instrument the product and maintain dashboards", "kpis", "growth",
     "da", ["pm"], ["pmm"], ["po"], "da"),
    ("experiments", "Design and analyse product experiments", "feedback", "growth",
     "da", ["ux"], ["pm"], ["po"], "da"),
)  # fmt: skip

PRINCIPLES = (
    ("customer-centricity", ["Talk to customers every week", "Measure loyalty with NPS"],
     ["kpi:portfolio-nps", "feedback:customer-advisory-board"]),
    ("agile-and-iterative", ["Two-week sprints with a review", "Ship small increments"],
     ["ceremony:portfolio-review", "kpi:release-lead-time"]),
    ("data-driven", ["Every goal has a KPI with a target", "Decisions cite data"],
     ["kpi:portfolio-nps", "kpi:release-lead-time"]),
    ("cross-functional-collaboration", ["Teams own outcomes end to end"],
     ["ritual:product-all-hands", "ritual:architecture-guild"]),
    ("continuous-improvement", ["Every ceremony cycle ends in a retrospective"],
     ["ceremony:portfolio-retrospective"]),
    ("transparency-and-accountability", ["One accountable role for every activity"],
     ["responsibility:portfolio-strategy", "responsibility:release-governance"]),
    ("scalability-and-flexibility", ["Platform teams provide self-service paved roads"],
     ["release-stage:build", "channel:portal"]),
)  # fmt: skip


def team_ids(teams: int, seed: int) -> list[str]:
    """``teams`` unique kebab-case team ids, the same for a seed whatever the count."""
    combos = [f"{d}-{q}" for d in DOMAINS for q in QUALIFIERS]
    random.Random(f"teams:{seed}").shuffle(combos)
    ids = list(DOMAINS) + combos
    while len(ids) < teams:
        ids.append(f"squad-{len(ids) + 1}")
    return ids[:teams]


def _title(ident: str) -> str:
    return " ".join(word.capitalize() for word in ident.split("-")).replace("Ml", "ML")


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _fit(lines: list[str]) -> Iterator[str]:
    """``lines``, with any line longer than ``MAX_LINE`` rewritten as people do.

    A long flow list becomes a block list and long text a folded block scalar.
    """
    for line in lines:
        if len(line) <= MAX_LINE:
            yield line
            continue
        head, _, value = line.partition(": ")
        pad = " " * (len(head) - len(head.lstrip(" -")) + 2)
        if value.startswith("["):
            yield f"{head}:"
            yield from (f"{pad}- {item}" for item in value[1:-1].split(", "))
        else:
            yield f"{head}: >-"
            yield from (pad + part for part in textwrap.wrap(value, MAX_LINE - len(pad)))


def _list(out: list[str], indent: str, key: str, items: Sequence[str]) -> None:
    """A list the way people write them: short ones in flow style, long ones as blocks."""
    line = f"{indent}{key}: {_flow(items)}"
    if len(items) <= 3 and len(line) <= MAX_LINE:
        out.append(line)
    else:
        out.append(f"{indent}{key}:")
        out.extend(f"{indent}  - {item}" for item in items)


class _Team:
    """One team's share of every section, as lists of YAML lines."""

    def __init__(self, index: int, ident: str, neighbour: str, seed: int) -> None:
        rng = random.Random(f"team:{seed}:{index}")
        self.rng = rng
        self.id = ident
        self.name = _title(ident)
        self.neighbour = neighbour
        self.type = TEAM_TYPES[index % len(TEAM_TYPES)]
        self.has = {key for key, *_ in OPTIONAL_ROLES if rng.random() < 0.5}
        self.has_tiers = index % 3 == 0
        t = ident
        self.r = {
            "pm": f"{t}-pm",
            "po": f"{t}-po",
            "ux": f"{t}-ux",
            "dev": f"{t}-dev",
            "arch": f"{t}-architect",
            "sup": f"{t}-support",
            "pmm": f"{t}-pmm",
        }
        for key, suffix, _, _ in OPTIONAL_ROLES:
            if key in self.has:
                self.r[key] = f"{t}-{suffix}"

    def roles(self, out: list[str]) -> None:
        rng = self.rng
        spec = [
            ("pm", "Product Manager", "product-manager", 1),
            ("po", "Product Owner", "product-owner", 1),
            ("ux", "UX/UI Designer", "ux-ui-designer", rng.randint(1, 2)),
            ("dev", "Development Team", "development-team", rng.randint(4, 9)),
            ("arch", "Technical Architect", "technical-architect", 1),
            ("sup", "Support Engineers", "custom", rng.randint(2, 4)),
            ("pmm", "Product Marketing Manager", "product-marketing-manager", 1),
        ]
        spec += [(key, title, kind, 1) for key, _, title, kind in OPTIONAL_ROLES if key in self.has]
        out.append(f"  # {self.name}")
        for key, title, kind, people in spec:
            out.append(f"  - id: {self.r[key]}")
            out.append(f"    title: {title}, {self.name}")
            out.append(f"    kind: {kind}")
            out.append(f"    team: {self.id}")
            out.append(f"    people: {people}")
            boss = REPORTS_TO[key]
            out.append(f"    reports_to: {self.r.get(boss, boss)}")
            out.append(f"    description: {title} for the {self.name} team ({self.type}).")

    def responsibilities(self, out: list[str]) -> None:
        r = self.r
        out.append(f"  # {self.name}")
        for slug, activity, element, stage, a, rs, cs, infs, needs in DUTIES:
            if needs and needs not in self.has:
                continue
            out.append(f"  - id: {self.id}-{slug}")
            out.append(f"    activity: {activity} ({self.name})")
            out.append(f"    element: {element}")
            out.append(f"    stage: {stage}")
            out.append(f"    accountable: {r[a]}")
            _list(out, "    ", "responsible", [r[k] for k in rs if k in r])
            _list(out, "    ", "consulted", [r[k] for k in cs if k in r])
            _list(out, "    ", "informed", [r[k] for k in infs if k in r])

    def handoffs(self, out: list[str]) -> None:
        r, t = self.r, self.id
        chain: list[tuple[str, str, str, str, str | None]] = [
            ("cpo", r["pm"], "Opportunity brief", "ideation", None),
            (r["pm"], r["ux"], "Problem statement and research questions", "discovery", None),
        ]
        if "ba" in self.has:
            chain.append((r["ux"], r["ba"], "Research synthesis", "planning", None))
            chain.append(
                (r["ba"], r["po"], "Refined requirements", "planning", f"{t}-backlog-refinement")
            )
        else:
            chain.append(
                (r["ux"], r["po"], "Validated prototype", "planning", f"{t}-backlog-refinement")
            )
        chain += [
            (r["ux"], r["dev"], "Design specifications", "development", f"{t}-sprint-planning"),
            (r["po"], r["dev"], "Sprint backlog", "development", f"{t}-sprint-planning"),
            (r["dev"], r["arch"], "Release candidate", "delivery", f"{t}-sprint-review"),
            (r["arch"], r["sup"], "Runbook and release notes", "support", None),
            (r["sup"], r["pmm"], "Support trends and top issues", "growth", None),
        ]
        if "da" in self.has:
            chain.append((r["dev"], r["da"], "Instrumentation events", "delivery", None))
            chain.append((r["da"], r["pmm"], "Usage analysis", "growth", None))
        chain.append((r["pmm"], "portfolio-manager", "Sunset proposal", "retirement", None))
        for src, dst, artifact, stage, via in chain:
            out.append(f"  - from: {src}")
            out.append(f"    to: {dst}")
            out.append(f"    artifact: {artifact}")
            out.append(f"    stage: {stage}")
            if via:
                out.append(f"    via: {via}")

    def goals(self, out: list[str]) -> None:
        rng, t = self.rng, self.id
        spec = [
            ("customers", f"Customers of {self.name} recommend us", ["nps", "mttr"]),
            ("growth", f"{self.name} grows active usage", ["activation-rate", "predictability"]),
            ("flow", f"{self.name} ships small changes often", ["lead-time", "deploy-frequency"]),
        ]
        for slug, statement, kpis in spec:
            out.append(f"    - id: {t}-{slug}")
            out.append(f"      statement: {statement}")
            out.append(f"      horizon: {rng.choice((2026, 2027, 2028))}")
            out.append(f"      owner: {self.r['pm']}")
            out.append(f"      kpis: {_flow([f'{t}-{k}' for k in kpis])}")

    def roadmap(self, out: list[str]) -> None:
        rng, t = self.rng, self.id
        items = [
            ("discovery", "Discovery sprint on top customer problems", "customers", "done"),
            ("self-serve", "Self-serve onboarding", "growth", "in-progress"),
            ("pipeline", "Deployment pipeline hardening", "flow", "planned"),
        ]
        for i, (slug, title, goal, status) in enumerate(items):
            out.append(f"    - id: {t}-{slug}")
            out.append(f"      title: {title} for {self.name}")
            out.append(f"      when: 2026-Q{min(4, i + rng.randint(1, 2))}")
            out.append(f"      goals: [{t}-{goal}]")
            out.append(f"      status: {status}")
            out.append(f"      owner: {self.r['pm']}")

    def ceremonies(self, out: list[str]) -> None:
        r, t = self.r, self.id
        lead = r.get("sm", r["po"])
        crew = [r["po"], r["dev"], r["arch"], r["ux"]] + ([r["ba"]] if "ba" in self.has else [])
        spec = [
            ("sprint-planning", "Sprint planning", "planning", "2w", "2h", lead, crew,
             "Agree the sprint goal and pull work from the backlog"),
            ("daily-standup", "Daily stand-up", "standup", "daily", "15min", lead,
             [r["dev"], r["po"], r["arch"]], "Coordinate the day and surface blockers"),
            ("backlog-refinement", "Backlog refinement", "refinement", "weekly", "1h", r["po"],
             crew, "Split, estimate and clarify upcoming backlog items"),
            ("sprint-review", "Sprint review", "review", "2w", "1h", r["po"],
             [r["po"], r["dev"], r["arch"], r["pm"], r["pmm"], r["sup"]],
             "Demonstrate the increment and collect stakeholder feedback"),
            ("retrospective", "Retrospective", "retrospective", "2w", "1h", lead,
             [r["po"], r["dev"], r["arch"], r["ux"]], "Inspect how we work and agree one change"),
        ]  # fmt: skip
        for slug, name, kind, cadence, duration, facilitator, people, purpose in spec:
            out.append(f"    - id: {t}-{slug}")
            out.append(f"      name: {name}, {self.name}")
            out.append(f"      type: {kind}")
            out.append(f"      cadence: {cadence}")
            out.append(f"      duration: {duration}")
            out.append(f"      facilitator: {facilitator}")
            out.append("      participants:")
            out.extend(f"        - {p}" for p in people)
            out.append(f"      purpose: {purpose}")

    def tiers(self, out: list[str]) -> None:
        if not self.has_tiers:
            return
        r, t = self.r, self.id
        spec = [
            ("l1", "first line", r["sup"], ["portal", "chat"], "1h", "1d", f"{t}-l2"),
            ("l2", "second line", r["arch"], ["email"], "4h", "3d", f"{t}-l3"),
            ("l3", "engineering", r["dev"], ["email"], "1d", "2w", None),
        ]
        for slug, name, owner, channels, response, resolution, escalates in spec:
            out.append(f"    - id: {t}-{slug}")
            out.append(f"      name: {self.name} {name}")
            out.append(f"      owner: {owner}")
            out.append(f"      channels: {_flow(channels)}")
            out.append(f"      response_time: {response}")
            out.append(f"      resolution_time: {resolution}")
            if escalates:
                out.append(f"      escalates_to: {escalates}")

    def loops(self, out: list[str]) -> None:
        r, t = self.r, self.id
        spec = [
            ("customer-interviews", "Customer interviews", "customers", "Moderated interviews",
             "monthly", r["ux"], ["backlog", f"kpi:{t}-nps"]),
            ("support-tickets", "Support ticket review", "customers", "Support desk tags",
             "weekly", r["sup"], ["backlog", f"kpi:{t}-mttr"]),
            ("stakeholder-review", "Stakeholder review", "stakeholders",
             "Quarterly business review", "quarterly", r["pm"], ["roadmap", f"goal:{t}-growth"]),
        ]  # fmt: skip
        if "da" in self.has:
            spec.append(
                ("product-analytics", "Product analytics", "internal", "Dashboards and funnels",
                 "weekly", r["da"], ["discovery", f"kpi:{t}-activation-rate"])
            )  # fmt: skip
        for slug, name, source, channel, cadence, owner, feeds in spec:
            out.append(f"    - id: {t}-{slug}")
            out.append(f"      name: {name}, {self.name}")
            out.append(f"      source: {source}")
            out.append(f"      channel: {channel}")
            out.append(f"      cadence: {cadence}")
            out.append(f"      owner: {owner}")
            out.append(f"      feeds: {_flow(feeds)}")

    def kpis(self, out: list[str]) -> None:
        rng, r, t = self.rng, self.r, self.id
        spec = [
            ("nps", "Net Promoter Score", "feedback", "customer-satisfaction", ">=",
             rng.randint(30, 60), "points", r["pmm"], "quarterly", "customers",
             "customer-centricity"),
            ("mttr", "Mean time to restore", "support", "recovery-time", "<=", rng.randint(2, 8),
             "hours", r["sup"], "monthly", "customers", None),
            ("activation-rate", "Activation rate", "kpis", "activation", ">=",
             rng.randint(25, 60), "percent", r["pm"], "monthly", "growth", "data-driven"),
            ("predictability", "Roadmap predictability", "strategy", "delivery", ">=",
             rng.choice((70, 75, 80, 85)), "percent", r["pm"], "quarterly", "growth", None),
            ("lead-time", "Lead time for changes", "methodology", "lead-time", "<=",
             rng.randint(2, 10), "days", r["po"], "weekly", "flow", "agile-and-iterative"),
            ("deploy-frequency", "Deployment frequency", "release", "deployment-frequency", ">=",
             round(rng.uniform(1, 20), 1), "deploys per week", r["arch"], "weekly", "flow",
             "continuous-improvement"),
        ]  # fmt: skip
        for slug, name, element, category, op, value, unit, owner, freq, goal, principle in spec:
            out.append(f"  - id: {t}-{slug}")
            out.append(f"    name: {name}, {self.name}")
            out.append(f"    element: {element}")
            out.append(f"    category: {category}")
            out.append("    target:")
            out.append(f'      op: "{op}"')
            out.append(f"      value: {value}")
            out.append(f"      unit: {unit}")
            out.append(f"    owner: {owner}")
            out.append(f"    frequency: {freq}")
            out.append(f"    goal: {t}-{goal}")
            if principle:
                out.append(f"    principle: {principle}")

    def rituals(self, out: list[str]) -> None:
        r, t = self.r, self.id
        out.append(f"    - id: {t}-design-critique")
        out.append(f"      name: Design critique, {self.name}")
        out.append("      cadence: weekly")
        out.append("      participants:")
        out.extend(f"        - {r[k]}" for k in ("ux", "pm", "po", "dev"))
        out.append("      purpose: Review designs in progress with the whole team")
        out.append(f"    - id: {t}-ops-review")
        out.append(f"      name: Operations review, {self.name}")
        out.append("      cadence: monthly")
        out.append(f"      participants: {_flow([t, self.neighbour, r['sup']])}")
        out.append("      purpose: Walk through incidents, SLAs and shared dependencies")


def generate(teams: int, seed: int = 0) -> str:
    """A clean operating model with ``teams`` product teams, as YAML text.

    The same ``teams`` and ``seed`` always give the same text.
    """
    if teams < 1:
        raise ValueError("teams must be at least 1")
    ids = team_ids(teams, seed)
    crew = [
        _Team(i, ident, ids[(i + 1) % teams] if teams > 1 else "product-leadership", seed)
        for i, ident in enumerate(ids)
    ]
    out: list[str] = []
    emit = out.append

    emit("# yaml-language-server: $schema=../../schemas/operating-model.schema.json")
    emit(f"# Synthetic benchmark model: {teams} teams, seed {seed}, by bench/generate.py")
    emit("apiVersion: pomkit/v1")
    emit("kind: OperatingModel")
    emit("metadata:")
    emit(f"  name: synthetic-{teams}")
    emit(f"  title: Synthetic product line with {teams} teams")
    emit("  version: 1.10")
    emit("  owner: cpo")
    emit("  updated: 2026-01-15")
    emit("  description: A generated operating model used to benchmark pomkit validate.")
    emit("type: decentralized")
    emit("archetypes: [agile]")
    emit("principles:")
    for pid, practices, evidence in PRINCIPLES:
        emit(f"  - id: {pid}")
        emit("    practices:")
        out.extend(f"      - {p}" for p in practices)
        emit(f"    evidence: {_flow(evidence)}")

    emit("lifecycle:")
    emit("  stages:")
    owners = {stage: rid for rid, _, _, stage, _ in LEADERS}
    for stage, exit_criterion in zip(STAGES, EXIT_CRITERIA, strict=True):
        emit(f"    - id: {stage}")
        emit(f"      name: {stage.capitalize()}")
        emit(f"      owner: {owners[stage]}")
        emit(f"      exit_criteria: [{exit_criterion}]")

    emit("teams:")
    emit("  - id: product-leadership")
    emit("    name: Product Leadership")
    emit("    type: enabling")
    emit("    mission: Set direction and run the operating model")
    for team in crew:
        emit(f"  - id: {team.id}")
        emit(f"    name: {team.name}")
        emit(f"    type: {team.type}")
        emit(f"    mission: Own {team.name} end to end, from idea to retirement")
        emit("    parent: product-leadership")

    emit("roles:")
    emit("  # Product leadership")
    for rid, title, kind, _, description in LEADERS:
        emit(f"  - id: {rid}")
        emit(f"    title: {title}")
        emit(f"    kind: {kind}")
        emit("    team: product-leadership")
        emit("    people: 1")
        if rid != "cpo":
            emit("    reports_to: cpo")
        emit(f"    description: {description}")
    for team in crew:
        team.roles(out)

    emit("responsibilities:")
    emit("  # Product leadership")
    for rid, activity, element, stage, a, rs, cs, infs in LEADER_DUTIES:
        emit(f"  - id: {rid}")
        emit(f"    activity: {activity}")
        emit(f"    element: {element}")
        emit(f"    stage: {stage}")
        emit(f"    accountable: {a}")
        _list(out, "    ", "responsible", rs)
        _list(out, "    ", "consulted", cs)
        _list(out, "    ", "informed", infs)
    for team in crew:
        team.responsibilities(out)

    emit("handoffs:")
    for team in crew:
        team.handoffs(out)

    emit("strategy:")
    emit("  vision: Every team owns a customer outcome and can ship it on its own.")
    emit("  mission: Build products customers love, measured by outcomes.")
    emit("  goals:")
    emit("    - id: portfolio-loyalty")
    emit("      statement: Customers recommend the product line")
    emit("      horizon: 2027")
    emit("      owner: cpo")
    emit("      kpis: [portfolio-nps]")
    emit("    - id: portfolio-flow")
    emit("      statement: Changes reach customers within a week")
    emit("      horizon: 2026")
    emit("      owner: release-manager")
    emit("      kpis: [release-lead-time]")
    for team in crew:
        team.goals(out)
    emit("  roadmap:")
    emit("    - id: operating-model-rollout")
    emit("      title: Roll out the operating model to every team")
    emit("      when: 2026-Q1")
    emit("      goals: [portfolio-flow, portfolio-loyalty]")
    emit("      status: in-progress")
    emit("      owner: head-of-product-ops")
    for team in crew:
        team.roadmap(out)

    emit("methodology:")
    emit("  framework: scrum")
    emit("  iteration: 2w")
    emit("  ceremonies:")
    emit("    - id: portfolio-review")
    emit("      name: Portfolio review")
    emit("      type: review")
    emit("      cadence: quarterly")
    emit("      duration: 3h")
    emit("      facilitator: head-of-product-ops")
    emit("      participants:")
    out.extend(f"        - {rid}" for rid, *_ in LEADERS if rid != "head-of-product-ops")
    emit("      purpose: Review outcomes, KPIs and investment across the portfolio")
    emit("    - id: portfolio-retrospective")
    emit("      name: Portfolio retrospective")
    emit("      type: retrospective")
    emit("      cadence: quarterly")
    emit("      duration: 90min")
    emit("      facilitator: head-of-product-ops")
    emit("      participants: [cpo, vp-engineering, head-of-design]")
    emit("      purpose: Improve how the operating model itself works")
    for team in crew:
        team.ceremonies(out)
    emit("  definition_of_done:")
    emit("    - Code reviewed and merged to main")
    emit("    - Automated tests pass in CI")
    emit("    - Released behind a feature flag or to all users")
    emit("    - Help articles updated")
    emit("  definition_of_ready:")
    emit("    - Acceptance criteria written")
    emit("    - Dependencies identified")
    emit("  wip_limit: 5")

    emit("release:")
    emit("  strategy: release-train")
    emit("  cadence: 2w")
    emit("  versioning: semver")
    emit("  prioritization:")
    emit("    framework: WSJF")
    emit("    owner: head-of-product-ops")
    emit("  stages:")
    emit("    - id: build")
    emit("      name: Build and test")
    emit("      owner: release-manager")
    emit("      automated: true")
    emit("    - id: staging")
    emit("      name: Staging")
    emit("      owner: release-manager")
    emit("      approvers: [vp-engineering]")
    emit("      automated: true")
    emit("    - id: production")
    emit("      name: Production")
    emit("      owner: release-manager")
    emit("      approvers: [vp-engineering, head-of-support]")
    emit("      automated: false")

    emit("support:")
    emit("  channels:")
    for cid, name, hours, self_service in (
        ("portal", "Help centre", "24/7", True),
        ("chat", "In-app chat", "Mon-Fri 08-20", False),
        ("email", "Support email", "Mon-Fri 09-17", False),
    ):
        emit(f"    - id: {cid}")
        emit(f"      name: {name}")
        emit(f"      hours: {hours}")
        emit(f"      self_service: {'true' if self_service else 'false'}")
    emit("  tiers:")
    for tid, name, owner, channels, response, resolution, escalates in (
        ("service-desk", "Service desk", "head-of-support", "[portal, chat, email]", "30min",
         "1d", "product-support"),
        ("product-support", "Product support", "head-of-support", "[email]", "4h", "3d",
         "engineering-escalation"),
        ("engineering-escalation", "Engineering escalation", "vp-engineering", "[email]", "1d",
         "1w", None),
    ):  # fmt: skip
        emit(f"    - id: {tid}")
        emit(f"      name: {name}")
        emit(f"      owner: {owner}")
        emit(f"      channels: {channels}")
        emit(f"      response_time: {response}")
        emit(f"      resolution_time: {resolution}")
        if escalates:
            emit(f"      escalates_to: {escalates}")
    for team in crew:
        team.tiers(out)

    emit("feedback:")
    emit("  loops:")
    emit("    - id: customer-advisory-board")
    emit("      name: Customer advisory board")
    emit("      source: customers")
    emit("      channel: Quarterly advisory board")
    emit("      cadence: quarterly")
    emit("      owner: head-of-design")
    emit("      feeds: [roadmap, backlog, kpi:portfolio-nps]")
    for team in crew:
        team.loops(out)

    emit("kpis:")
    emit("  - id: portfolio-nps")
    emit("    name: Portfolio Net Promoter Score")
    emit("    element: feedback")
    emit("    category: customer-satisfaction")
    emit("    target:")
    emit('      op: ">="')
    emit("      value: 45")
    emit("      unit: points")
    emit("    owner: head-of-design")
    emit("    frequency: quarterly")
    emit("    goal: portfolio-loyalty")
    emit("    principle: customer-centricity")
    emit("  - id: release-lead-time")
    emit("    name: Lead time from merge to production")
    emit("    element: release")
    emit("    category: lead-time")
    emit("    target:")
    emit('      op: "<="')
    emit("      value: 7")
    emit("      unit: days")
    emit("    owner: release-manager")
    emit("    frequency: weekly")
    emit("    goal: portfolio-flow")
    emit("    principle: data-driven")
    for team in crew:
        team.kpis(out)

    emit("collaboration:")
    emit("  rituals:")
    emit("    - id: product-all-hands")
    emit("      name: Product all-hands")
    emit("      cadence: monthly")
    emit("      participants: [product-leadership, cpo, head-of-marketing]")
    emit("      purpose: Share strategy, wins and lessons across all teams")
    emit("    - id: architecture-guild")
    emit("      name: Architecture guild")
    emit("      cadence: biweekly")
    emit("      participants: [vp-engineering, release-manager, head-of-design]")
    emit("      purpose: Agree paved roads and review cross-team designs")
    for team in crew:
        team.rituals(out)
    emit("  tools: [Jira, Confluence, Slack, Figma, Grafana]")

    emit("transformation:")
    emit("  initiatives:")
    emit("    - id: outcome-based-funding")
    emit("      title: Fund teams by outcome instead of by project")
    emit("      focus: strategy-alignment")
    emit("      owner: cpo")
    emit("    - id: product-analytics-platform")
    emit("      title: One analytics platform for every team")
    emit("      focus: data")
    emit("      owner: vp-engineering")
    emit("  technologies: [Kubernetes, Snowplow, LaunchDarkly]")
    emit("")
    return "\n".join(_fit(out))


def write(teams: int, output: Path, seed: int = 0) -> tuple[int, int, float]:
    """Write the model for ``teams`` to ``output``: (bytes, lines, seconds)."""
    start = time.perf_counter()
    text = generate(teams, seed)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    return len(text.encode("utf-8")), text.count("\n"), time.perf_counter() - start


def default_path(teams: int, out_dir: Path = OUT_DIR) -> Path:
    return out_dir / f"model-{teams}.yaml"


def changed_path(output: Path) -> Path:
    """Where ``--changed`` writes the second version of ``output``."""
    return output.with_name(f"{output.stem}-changed{output.suffix or '.yaml'}")


def _mutator() -> ModuleType:
    """bench/mutate.py, loaded from its path (bench/ holds scripts, not a package)."""
    found = sys.modules.get("bench_mutate")
    if found is not None:
        return found
    spec = importlib.util.spec_from_file_location(
        "bench_mutate", Path(__file__).with_name("mutate.py")
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_mutate"] = module
    spec.loader.exec_module(module)
    return module


def write_changed(output: Path, share: float, seed: int = 0) -> tuple[Path, dict[str, int]]:
    """Write the second version of the model at ``output``: ``share`` of its items changed."""
    text = output.read_text(encoding="utf-8")
    changed, counts = _mutator().mutate(text, share, seed)
    target = changed_path(output)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(changed, encoding="utf-8")
    tmp.replace(target)
    return target, counts


def _share(text: str) -> float:
    try:
        share: float = _mutator().parse_share(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return share


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--teams", type=int, help="number of product teams")
    which.add_argument("--all", action="store_true", help=f"write {SIZES} into bench/out/")
    parser.add_argument("--output", type=Path, help="file to write (default bench/out/...)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--changed",
        type=_share,
        metavar="SHARE",
        help="also write a second version with SHARE of the items changed (1%%, 0.05)",
    )
    args = parser.parse_args(argv)
    if args.all and args.output:
        parser.error("--output goes with --teams, not --all")
    if args.teams is not None and args.teams < 1:
        parser.error("--teams must be at least 1")
    jobs = [(n, default_path(n)) for n in SIZES] if args.all else [
        (args.teams, args.output or default_path(args.teams))
    ]  # fmt: skip
    for teams, path in jobs:
        size, lines, seconds = write(teams, path, args.seed)
        print(f"{path}: {teams} teams, {size / 1e6:.2f} MB, {lines} lines in {seconds:.2f} s")
        if args.changed is not None:
            second, counts = write_changed(path, args.changed, args.seed)
            print(
                f"{second}: {counts['edited']} edited, {counts['removed']} removed, "
                f"{counts['added']} added of {counts['items']} items"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

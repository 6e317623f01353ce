"""Sections of the rules' small clean model (``pomkit/rules/base.yaml``), for the checks'
examples: an example rewrites a section by editing its text here."""

from __future__ import annotations

ROLES = """
roles:
  - {id: pm, title: Product manager, kind: product-manager, team: core}
  - {id: po, title: Product owner, kind: product-owner, team: core}
  - {id: lead, title: Tech lead, kind: technical-architect, team: core}
  - {id: devs, title: Developers, kind: development-team, team: core, people: 5}
  - {id: sm, title: Scrum master, kind: scrum-master, team: core}
  - {id: support-lead, title: Support lead, kind: custom, team: core}
"""
RESPONSIBILITIES = """
responsibilities:
  - {id: set-strategy, activity: Set the strategy, element: strategy, stage: ideation,
     accountable: pm, responsible: [pm], consulted: [po]}
  - {id: run-sprints, activity: Run sprints, element: methodology, stage: development,
     accountable: po, responsible: [devs, sm]}
  - {id: ship, activity: Ship releases, element: release, stage: delivery, accountable: lead,
     responsible: [devs]}
  - {id: answer-tickets, activity: Answer tickets, element: support, stage: support,
     accountable: support-lead, responsible: [support-lead]}
  - {id: gather-feedback, activity: Gather feedback, element: feedback, stage: support,
     accountable: po, responsible: [po]}
  - {id: track-kpis, activity: Track KPIs, element: kpis, stage: delivery, accountable: pm,
     responsible: [pm]}
  - {id: align-teams, activity: Align teams, element: collaboration, stage: development,
     accountable: sm, responsible: [sm]}
  - {id: sunset, activity: Sunset the product, element: strategy, stage: retirement,
     accountable: pm, responsible: [lead]}
"""
LIFECYCLE = """
lifecycle:
  stages:
    - {id: ideation, name: Ideation, owner: pm}
    - {id: development, name: Development, owner: po}
    - {id: delivery, name: Delivery, owner: lead}
    - {id: support, name: Support, owner: support-lead}
    - {id: retirement, name: Retirement, owner: pm}
"""
HANDOFFS = """
handoffs:
  - {from: pm, to: po, artifact: Opportunity brief, stage: ideation}
  - {from: po, to: devs, artifact: Ready backlog, stage: development, via: planning}
  - {from: devs, to: lead, artifact: Release candidate, stage: delivery}
  - {from: lead, to: support-lead, artifact: Release notes, stage: support}
  - {from: support-lead, to: pm, artifact: Retirement request, stage: retirement}
"""
SUPPORT = """
support:
  channels:
    - {id: email, name: Email, hours: business hours}
  tiers:
    - {id: tier-1, name: Tier 1, owner: support-lead, channels: [email], response_time: 4h,
       resolution_time: 2d, escalates_to: tier-2}
    - {id: tier-2, name: Tier 2, owner: lead, response_time: 8h, resolution_time: 5d}
"""
KPIS = """
kpis:
  - {id: weekly-active-teams, name: Weekly active teams, element: kpis,
     target: {op: ">=", value: 500, unit: teams}, owner: pm, frequency: weekly,
     goal: grow-usage}
"""
METHODOLOGY = """
methodology:
  framework: scrum
  iteration: 2w
  ceremonies:
    - {id: planning, name: Sprint planning, type: planning, cadence: 2w, facilitator: sm,
       participants: [po, devs]}
    - {id: review, name: Sprint review, type: review, cadence: 2w, facilitator: po,
       participants: [devs, pm]}
    - {id: retro, name: Retrospective, type: retrospective, cadence: 2w, facilitator: sm,
       participants: [po, devs]}
  definition_of_done: [Reviewed, Tested, Released]
"""
RITUALS = """
collaboration:
  rituals:
    - {id: sync, name: Product sync, cadence: weekly, participants: [pm, lead, support-lead]}
"""


def edit(section: str, old: str, new: str) -> str:
    """``section`` with ``old`` replaced by ``new`` (exactly once, or it is a mistake)."""
    if section.count(old) != 1:
        raise ValueError(f"{old!r} must appear once in the section")
    return section.replace(old, new)

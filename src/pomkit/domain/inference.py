"""Ceremony types and KPI categories read from ids and names, the way authors write them.

A ceremony's ``type`` and a KPI's ``category`` are optional: models say
``id: retrospective, name: Team retrospective`` and ``id: lead-time, name: Lead time
for changes``. When the field is not written, it defaults from the id or the name,
exactly as follows (the README's field reference documents the same):

1. the id equals a vocabulary value (``retrospective``, ``lead-time``) → that value;
2. otherwise the words of the id and of the name (split at anything that is not a
   letter or digit, lowercased) are searched for every vocabulary value and every
   synonym below, as whole words (``sprint review`` matches, ``previewed`` does not);
   when exactly **one** value is found, that is the type or category;
3. otherwise (nothing, or two different values such as "planning and review") nothing
   is inferred, and checks that need the field say so.

A value written in the file always wins, and a value that was written but is invalid
is never replaced by a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from pomkit.model import Ceremony, CeremonyType, Kpi, KpiCategory

E = TypeVar("E", bound=Enum)

_WORD = re.compile(r"[a-z0-9]+")

#: Ceremony synonyms (whole words), besides each type's own name.
CEREMONY_SYNONYMS: dict[CeremonyType, tuple[str, ...]] = {
    CeremonyType.PLANNING: ("plan", "pi planning", "big room planning"),
    CeremonyType.STANDUP: ("stand up", "daily scrum", "daily standup", "huddle"),
    CeremonyType.REVIEW: ("sprint review", "iteration review"),
    CeremonyType.RETROSPECTIVE: (
        "retro",
        "retros",
        "inspect and adapt",
        "inspect adapt",
        "post mortem",
        "postmortem",
    ),
    CeremonyType.REFINEMENT: ("grooming", "backlog refinement", "backlog grooming"),
    CeremonyType.DEMO: ("showcase", "show and tell", "system demo", "demo day"),
    CeremonyType.DISCOVERY: ("research",),
    CeremonyType.SYNC: ("scrum of scrums", "sync up", "syncup"),
}

#: KPI synonyms (whole words), besides each category's own name.
KPI_SYNONYMS: dict[KpiCategory, tuple[str, ...]] = {
    KpiCategory.CUSTOMER_SATISFACTION: (
        "csat",
        "nps",
        "net promoter",
        "satisfaction",
        "ces",
        "customer effort",
    ),
    KpiCategory.ACTIVATION: ("activated", "time to value", "time to first value"),
    KpiCategory.RETENTION: ("retained", "churn", "churned", "renewal", "renewals"),
    KpiCategory.ENGAGEMENT: (
        "dau",
        "wau",
        "mau",
        "daily active",
        "weekly active",
        "monthly active",
        "stickiness",
    ),
    KpiCategory.ADOPTION: ("adopted", "feature usage"),
    KpiCategory.GROWTH: ("signups", "sign ups", "new customers", "acquisition"),
    KpiCategory.REVENUE: ("arr", "mrr", "gmv", "arpu", "bookings"),
    KpiCategory.LEAD_TIME: ("lead time", "cycle time"),
    KpiCategory.DEPLOYMENT_FREQUENCY: ("deployment frequency", "deploy frequency", "deploys"),
    KpiCategory.CHANGE_FAILURE_RATE: ("change failure rate", "change failure", "failed changes"),
    KpiCategory.RECOVERY_TIME: (
        "mttr",
        "mean time to recovery",
        "mean time to restore",
        "time to restore",
        "time to recover",
        "recovery time",
    ),
    KpiCategory.RELIABILITY: ("uptime", "availability", "slo", "error budget"),
    KpiCategory.SERVICE_LEVEL: ("sla", "slas", "service level", "first response"),
    KpiCategory.QUALITY: ("defects", "defect", "bugs", "escaped defects"),
    KpiCategory.LEARNING: ("learnings", "validated learning", "experiments", "hypotheses"),
    KpiCategory.DELIVERY: ("throughput", "velocity", "predictability", "on time delivery"),
    KpiCategory.COST: ("cac", "spend", "costs"),
}


#: Work that moves a KPI of a category without naming it (whole words): a KPI owner
#: doing such work answers for the KPI (POM508). Not used to read a category.
KPI_WORK: dict[KpiCategory, tuple[str, ...]] = {
    KpiCategory.RETENTION: ("re engagement", "reengagement", "reactivation", "win back", "lapsed"),
    KpiCategory.ACTIVATION: ("onboarding", "first run"),
    KpiCategory.GROWTH: ("campaign", "campaigns"),
    KpiCategory.CUSTOMER_SATISFACTION: ("customer feedback", "support", "survey", "surveys"),
    KpiCategory.QUALITY: ("testing", "test", "qa", "quality assurance"),
    KpiCategory.RELIABILITY: ("incident", "incidents", "on call", "operations"),
    KpiCategory.RECOVERY_TIME: ("incident", "incidents", "on call"),
    KpiCategory.SERVICE_LEVEL: ("support", "tickets"),
    KpiCategory.DEPLOYMENT_FREQUENCY: ("release", "releases", "deploy", "deployment", "pipeline"),
    KpiCategory.LEAD_TIME: ("delivery pipeline", "pipeline"),
}


def words(text: str) -> tuple[str, ...]:
    """The lowercase words of an id or a name: ``"Inspect & Adapt"`` → ``("inspect", "adapt")``."""
    return tuple(_WORD.findall(text.lower()))


@dataclass(frozen=True)
class Vocabulary(Generic[E]):
    """A vocabulary with synonyms, matched as whole-word phrases."""

    phrases: tuple[tuple[tuple[str, ...], E], ...]
    values: Mapping[str, E]

    @classmethod
    def of(cls, enum: type[E], synonyms: Mapping[E, Iterable[str]]) -> Vocabulary[E]:
        found: list[tuple[tuple[str, ...], E]] = []
        for member in enum:
            if member.value == "other":
                continue  # "other" is a value to write, never a word to read
            found.append((words(str(member.value)), member))
            found.extend((words(s), member) for s in synonyms.get(member, ()))
        # Longer phrases first, so that "sprint review" is read before "review".
        found.sort(key=lambda item: -len(item[0]))
        return cls(tuple(found), {str(m.value): m for m in enum})

    def matches(self, text: str) -> set[E]:
        """Every value whose own name or synonym appears in ``text`` as whole words."""
        tokens = words(text)
        out: set[E] = set()
        for phrase, member in self.phrases:
            n = len(phrase)
            if any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1)):
                out.add(member)
        return out

    def infer(self, ident: str, name: str | None) -> E | None:
        """The value an item's id and name point at, by the rules of this module."""
        exact = self.values.get(ident)
        if exact is not None:
            return exact
        found = self.matches(ident) | (self.matches(name) if name else set())
        return next(iter(found)) if len(found) == 1 else None


CEREMONIES: Vocabulary[CeremonyType] = Vocabulary.of(CeremonyType, CEREMONY_SYNONYMS)
KPIS: Vocabulary[KpiCategory] = Vocabulary.of(KpiCategory, KPI_SYNONYMS)


@dataclass(frozen=True)
class Reading(Generic[E]):
    """A vocabulary value as the checks read it, and how it was found."""

    value: E | None
    #: ``declared`` (written in the file), ``inferred`` (from the id or name), ``guessed``
    #: (a misspelt value read as what it could have been) or ``none``.
    how: str

    @property
    def inferred(self) -> bool:
        return self.how == "inferred"


def ceremony_type(ceremony: Ceremony) -> Reading[CeremonyType]:
    """The ceremony's ``type``, or the type its id or name gives."""
    if ceremony.type is not None:
        return Reading(ceremony.type, "declared")
    found = CEREMONIES.infer(ceremony.id, ceremony.name)
    return Reading(found, "inferred" if found is not None else "none")


def kpi_category(kpi: Kpi) -> Reading[KpiCategory]:
    """The KPI's ``category``, or the category its id or name gives."""
    if kpi.category is not None:
        return Reading(kpi.category, "declared")
    found = KPIS.infer(kpi.id, kpi.name)
    return Reading(found, "inferred" if found is not None else "none")


def synonym_table(vocabulary: Mapping[E, Iterable[str]], enum: type[E]) -> str:
    """The Markdown table of a vocabulary's values and the synonyms read as each (README)."""
    rows = ["| value | also read from (whole words, any case) |", "|---|---|"]
    for member in enum:
        if member.value == "other":
            continue
        extra = ", ".join(f"`{s}`" for s in vocabulary.get(member, ())) or "—"
        rows.append(f"| `{member.value}` | {extra} |")
    return "\n".join(rows) + "\n"


def reference() -> str:
    """Both synonym tables, as the README shows them between its inference markers."""
    return (
        "Ceremony types (`methodology.ceremonies[].type`):\n\n"
        + synonym_table(CEREMONY_SYNONYMS, CeremonyType)
        + "\nKPI categories (`kpis[].category`):\n\n"
        + synonym_table(KPI_SYNONYMS, KpiCategory)
    )

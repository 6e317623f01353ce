"""The health page: a maturity level per principle, element and claim, from the rules' own terms.

Every criterion of a level is one of three things, so that the page never judges what
``pomkit validate`` does not:

- the **declaration** (Missing → Bronze): the principle is declared, the element's
  section is written. No rule asks for it — every principle and section is optional;
- a **domain criterion**: a definition of :mod:`pomkit.domain.principles` or
  :mod:`pomkit.domain.archetypes`, the very one a POM6xx/POM7xx rule applies;
- the **absence of the findings of named rules** about the item.

Each unmet criterion names the rule codes that explain it (``pomkit explain CODE``).
A waiver (or a ``# pomkit: ignore`` comment) removes a finding, not a fact: a silenced
finding does not count against a findings criterion, as it does not fail ``validate``;
a domain criterion stays unmet, and says that its rule's finding was waived, and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pomkit.domain import archetypes, principles
from pomkit.domain.facts import Facts
from pomkit.domain.text import plural
from pomkit.domain.vocabulary import tri_all
from pomkit.findings import Finding, ModelPath, Severity, Suppressed
from pomkit.model import Element, OperatingModel, PrincipleId
from pomkit.playbook.text import anchor
from pomkit.playbook.view import Claim, Criterion, Health, Level, Scorecard
from pomkit.structure import Structure

LEVELS = [
    Level(
        level=0,
        name="Missing",
        meaning="Not declared (a principle) or not written down (an element).",
    ),
    Level(
        level=1,
        name="Bronze",
        meaning="Declared: the principle is declared, the element's section is written.",
    ),
    Level(
        level=2,
        name="Silver",
        meaning="A principle is evidenced (POM608, POM609); an element is owned: a "
        "responsibility of it has an accountable role (POM304) and its items name owners.",
    ),
    Level(
        level=3,
        name="Gold",
        meaning="A principle is shown: the model meets its criteria (POM601–POM607); an "
        "element has no finding left about it.",
    ),
]

#: The rule that applies each principle's domain criteria (its Gold).
PRINCIPLE_RULES: dict[PrincipleId, str] = {
    PrincipleId.CUSTOMER_CENTRICITY: "POM601",
    PrincipleId.AGILE_AND_ITERATIVE: "POM602",
    PrincipleId.DATA_DRIVEN: "POM603",
    PrincipleId.CROSS_FUNCTIONAL_COLLABORATION: "POM604",
    PrincipleId.CONTINUOUS_IMPROVEMENT: "POM605",
    PrincipleId.TRANSPARENCY_AND_ACCOUNTABILITY: "POM606",
    PrincipleId.SCALABILITY_AND_FLEXIBILITY: "POM607",
}
#: The rules about a principle's evidence (its Silver), besides any finding under it.
EVIDENCE_RULES = ("POM608", "POM609")
#: The rule that applies each type's or archetype's domain criteria (by the claim's value).
CLAIM_RULES: dict[str, str] = {
    "centralized": "POM701",
    "decentralized": "POM702",
    "hybrid": "POM703",
    "platform": "POM704",
    "service-oriented": "POM705",
    "agile": "POM706",
    "customer-centric": "POM707",
    "lean-startup": "POM708",
    "design-thinking": "POM709",
    "continuous-delivery": "POM710",
    "product-led-growth": "POM711",
}
#: The rule that asks every element for a responsibility (an accountable role).
COVERAGE_RULE = "POM304"
#: The rules that ask an element's items for an owner: (rule, what it asks).
OWNER_RULES: dict[Element, tuple[str, str]] = {
    Element.SUPPORT: ("POM511", "an owner on every support tier"),
    Element.FEEDBACK: ("POM501", "an owner on every feedback loop"),
    Element.KPIS: ("POM505", "an owner on every KPI"),
}
#: The rules about an element wherever their findings point; findings under the
#: element's own section, or under a responsibility of it, are about it too.
ELEMENT_RULES: dict[Element, tuple[str, ...]] = {
    Element.STRATEGY: ("POM504",),
    Element.METHODOLOGY: ("POM310",),
    Element.RELEASE: (),
    Element.SUPPORT: ("POM509", "POM510", "POM511", "POM512", "POM513", "POM514"),
    Element.FEEDBACK: ("POM501", "POM502", "POM503"),
    Element.KPIS: ("POM505", "POM506", "POM507", "POM508"),
    Element.COLLABORATION: ("POM408",),
}
#: How many findings a criterion quotes before it counts the rest.
QUOTED = 3

_TITLES = {Element.KPIS: "KPIs"}


def humanize(ident: str) -> str:
    """``customer-centricity`` → ``Customer centricity``."""
    text = ident.replace("-", " ")
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class _Seen:
    """A finding about an item, kept or silenced."""

    finding: Finding
    silenced: Suppressed | None = None

    def how(self) -> str:
        """``waived: <reason>``, ``silenced by a comment at file:line``, or empty."""
        by = self.silenced
        if by is None:
            return ""
        if by.by == "waiver":
            return f"waived: {by.reason}" if by.reason else "waived"
        return f"silenced by a comment at {by.at}" if by.at else "silenced by a comment"

    def text(self) -> str:
        f = self.finding
        how = self.how()
        return f"{f.message} ({f.code}, {how})" if how else f"{f.message} ({f.code})"


@dataclass
class Judge:
    """The health of one model, from its facts and every finding about it."""

    model: OperatingModel
    facts: Facts
    structure: Structure
    #: The file as loaded (plain mappings), to tell a written section from an empty one.
    data: Any
    findings: Sequence[Finding]
    suppressed: Sequence[Suppressed] = ()
    #: The codes of the rules that ran (``None``: every rule).
    checked: frozenset[str] | None = None
    principle_limits: principles.Limits = field(default_factory=principles.Limits)
    type_limits: archetypes.Limits = field(default_factory=archetypes.Limits)
    readable: bool = True

    def __post_init__(self) -> None:
        self._seen = [_Seen(f) for f in self.findings] + [
            _Seen(s.finding, s) for s in self.suppressed
        ]

    # ------------------------------------------------------------------ criteria

    def _ran(self, codes: Iterable[str]) -> bool:
        return self.checked is None or any(code in self.checked for code in codes)

    def _absent(
        self, text: str, codes: Sequence[str], found: Sequence[_Seen], *, any_rule: bool = False
    ) -> Criterion:
        """No finding of ``codes`` (of any rule, with ``any_rule``) remains in ``found``;
        the silenced ones are listed in ``waived`` and do not count."""
        kept = [s for s in found if s.silenced is None]
        waived = [s.text() for s in found if s.silenced is not None]
        if kept:
            quoted = "; ".join(s.text() for s in kept[:QUOTED])
            if len(kept) > QUOTED:
                more = len(kept) - QUOTED
                quoted += f"; and {more} more {plural(more, 'finding')} (see Findings)"
            return Criterion(
                text=text,
                met=False,
                missing=quoted,
                kind="findings",
                rules=sorted({s.finding.code for s in kept}),
                waived=waived,
            )
        if not any_rule and not self._ran(codes):
            return Criterion(
                text=text,
                met=None,
                missing=f"not checked: the configuration leaves out {', '.join(codes)}",
                kind="findings",
                rules=list(codes),
            )
        return Criterion(text=text, met=True, kind="findings", rules=list(codes), waived=waived)

    @staticmethod
    def _domain(found: principles.Criterion, code: str) -> Criterion:
        return Criterion(
            text=found.needs,
            met=found.met,
            missing=found.missing if found.met is not True else "",
            kind="domain",
            rules=[code],
        )

    @staticmethod
    def _declared(met: bool, text: str, missing: str) -> Criterion:
        return Criterion(text=text, met=met, missing="" if met else missing, kind="declared")

    def _source(self, *path: str | int) -> ModelPath:
        return self.structure.remap.to_source(path)

    # ------------------------------------------------------------------ scorecards

    def _scorecard(
        self,
        ident: str,
        title: str,
        levels: list[list[Criterion]],
        seen: Sequence[_Seen],
        declared: bool | None = None,
        anchor_id: str | None = None,
    ) -> Scorecard:
        level = 0
        for checks in levels:
            if all(c.met is True for c in checks):
                level += 1
            else:
                break
        unmet = [c for c in levels[level] if c.met is not True] if level < len(levels) else []
        return Scorecard(
            id=ident,
            title=title,
            anchor=anchor_id,
            declared=declared,
            level=level,
            level_name=LEVELS[level].name,
            next_level=LEVELS[level + 1].name if level + 1 < len(LEVELS) else None,
            to_next=[_gap(c) for c in unmet],
            next=unmet,
            checks=[
                c.model_copy(update={"text": f"{LEVELS[n + 1].name}: {c.text}"})
                for n, group in enumerate(levels)
                for c in group
            ],
            findings=sum(
                1 for s in seen if s.silenced is None and s.finding.severity >= Severity.WARNING
            ),
            waived=sum(1 for s in seen if s.silenced is not None),
        )

    def principle(self, principle: PrincipleId) -> Scorecard:
        indexes = [i for i, item in enumerate(self.model.principles) if item.id is principle]
        declared = bool(indexes)
        code = PRINCIPLE_RULES[principle]
        prefixes = [self._source("principles", i) for i in indexes]
        seen = [s for s in self._seen if any(_under(s.finding.path, p) for p in prefixes)]
        bronze = [
            self._declared(
                declared,
                "declared under principles:",
                "not declared under principles: (optional: declare it to have pomkit "
                f"check it, {code})",
            )
        ]
        silver = [
            self._absent(
                "its evidence names items that exist and show it",
                EVIDENCE_RULES,
                [s for s in seen if s.finding.code != code],
            )
        ]
        gold = [
            self._domain(c, code)
            for c in principles.criteria(self.facts, principle, self.principle_limits)
        ]
        if declared:
            gold = [_waived(c, [s for s in seen if s.finding.code == code]) for c in gold]
        else:
            # Nothing to evidence: the criteria are listed only to show how far the model is.
            silver = []
        return self._scorecard(
            principle.value,
            humanize(principle.value),
            [bronze, silver, gold],
            seen,
            declared=declared,
            anchor_id=anchor("principle", principle.value) if declared else None,
        )

    def _written(self, key: str) -> bool:
        data = self.data
        return isinstance(data, Mapping) and bool(data.get(key))

    def _element_of(self, index: int) -> str | None:
        """The ``element`` a responsibility writes, read from the file (kept or dropped)."""
        items = self.data.get("responsibilities") if isinstance(self.data, Mapping) else None
        if not isinstance(items, list) or not 0 <= index < len(items):
            return None
        item = items[index]
        value = item.get("element") if isinstance(item, Mapping) else None
        value = getattr(value, "text", value)
        return value if isinstance(value, str) else None

    def about(self, element: Element) -> Callable[[Finding], bool]:
        """Whether a finding is about ``element``."""
        key = element.value
        own = ELEMENT_RULES[element]
        named = f"'{key}'"
        elements = [f"'{e.value}'" for e in Element]

        def test(finding: Finding) -> bool:
            path = finding.path
            if finding.code == COVERAGE_RULE:
                # One finding per uncovered element, naming it; or one for a model with
                # no responsibilities at all, naming none.
                return named in finding.message or not any(e in finding.message for e in elements)
            if finding.code in own or path[:1] == (key,):
                return True
            return (
                len(path) >= 2
                and path[0] == "responsibilities"
                and isinstance(path[1], int)
                and self._element_of(path[1]) == key
            )

        return test

    def element(self, element: Element) -> Scorecard:
        key = element.value
        test = self.about(element)
        seen = [s for s in self._seen if test(s.finding)]
        bronze = [
            self._declared(
                self._written(key),
                f"its section {key}: is written",
                f"no {key}: section (optional: write it down to have pomkit check it)",
            )
        ]
        silver = [
            self._absent(
                f"a responsibility with element: {key}, so that its accountable role "
                "answers for it",
                (COVERAGE_RULE,),
                [s for s in seen if s.finding.code == COVERAGE_RULE],
            )
        ]
        owners = OWNER_RULES.get(element)
        if owners is not None:
            code, text = owners
            silver.append(self._absent(text, (code,), [s for s in seen if s.finding.code == code]))
        silver_codes = {COVERAGE_RULE, *(owners[:1] if owners else ())}
        gold = [
            self._absent(
                f"no finding left about it: under {key}:, under a responsibility of it, or "
                "from the rules about it",
                ELEMENT_RULES[element],
                [s for s in seen if s.finding.code not in silver_codes],
                any_rule=True,
            )
        ]
        present = {
            Element.METHODOLOGY: self.model.methodology is not None,
            Element.RELEASE: self.model.release is not None,
        }.get(element, True)
        return self._scorecard(
            key,
            _TITLES.get(element, humanize(key)),
            [bronze, silver, gold],
            seen,
            anchor_id=key if present else None,
        )

    def claims(self) -> list[Claim]:
        if not self.readable:
            return []
        found: list[tuple[Literal["type", "archetype"], archetypes.Claim]] = []
        if "type" not in self.structure.filled:
            found.append(("type", self.model.type))
        found.extend(("archetype", a) for a in dict.fromkeys(self.model.archetypes))
        out = []
        for kind, claim in found:
            code = CLAIM_RULES[claim.value]
            criteria = archetypes.criteria(self.facts, claim, self.type_limits)
            out.append(
                Claim(
                    kind=kind,
                    value=claim.value,
                    shown=tri_all(*(c.met for c in criteria)),
                    rule=code,
                    criteria=[self._domain(c, code) for c in criteria],
                )
            )
        return out

    def health(self) -> Health:
        return Health(
            levels=LEVELS,
            principles=[self.principle(p) for p in PrincipleId],
            elements=[self.element(e) for e in Element],
            claims=self.claims(),
        )


def _under(path: ModelPath, prefix: ModelPath) -> bool:
    return path[: len(prefix)] == prefix


def _waived(criterion: Criterion, seen: Sequence[_Seen]) -> Criterion:
    """A domain criterion whose rule's finding was silenced: still unmet (a waiver removes
    a finding, not a fact), and it says it was waived."""
    silenced = [s for s in seen if s.silenced is not None]
    if criterion.met is True or not silenced:
        return criterion
    return criterion.model_copy(
        update={
            "missing": f"{criterion.missing}; {silenced[0].how()}",
            "waived": [s.text() for s in silenced],
        }
    )


def _gap(criterion: Criterion) -> str:
    """What a ``to_next`` line says: what is missing, and the rules that explain it."""
    if criterion.met is None:
        if criterion.kind == "findings":
            return f"{criterion.text} ({criterion.missing})"
        codes = f"; {', '.join(criterion.rules)}" if criterion.rules else ""
        return f"{criterion.text} (undecided: a structure error hides what it reads{codes})"
    if criterion.kind == "domain":
        return f"{criterion.missing} ({', '.join(criterion.rules)})"
    return criterion.missing

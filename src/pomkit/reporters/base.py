"""What every reporter shares: the options of the human formats and text hygiene.

A leaf of ``pomkit.reporters``: each format module imports it, and the package's
``__init__`` imports the format modules, so nothing here may import them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pomkit.findings import Finding


@dataclass(frozen=True)
class RenderOptions:
    """How the human-facing formats look; machine formats ignore these."""

    color: bool = False
    quiet: bool = False
    width: int = 100


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """Replace lone surrogates (which cannot be written as UTF-8) with U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    # A UTF-16 round trip joins the surrogates that form a pair and replaces the rest.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


#: A name quoted in a message: ``role 'pm' has …``.
_QUOTED = re.compile(r"'([^'\n]*)'")


#: Hundreds digits of the rule families whose findings are decisions (see waiver_note).
_DECISIONS = frozenset("34567")


def waiver_note(finding: Finding) -> str | None:
    """``waive with target: role:cto`` when the message does not make the target plain.

    It is plain when the first name the message quotes is the target's id
    (``role 'cto' …``); a handoff known by its ends, or a message that starts with
    another item (``role 'pm' is accountable for responsibility 'ship' …``), is not.
    Only the organisation's findings (POM3xx–POM7xx) are decisions a team may accept
    on purpose; a mistake in the file (POM0xx–POM2xx) is fixed, never waived.
    """
    if finding.target is None or finding.code[3:4] not in _DECISIONS:
        return None
    first = _QUOTED.search(finding.message)
    if first is not None and first.group(1) == finding.target.partition(":")[2]:
        return None
    return f"waive with target: {finding.target}"


def hint_text(finding: Finding) -> str | None:
    """The finding's hint, followed by how to waive it when that is not plain."""
    note = waiver_note(finding)
    if note is None:
        return finding.hint
    if not finding.hint:
        return note
    return f"{finding.hint} — or {note}"

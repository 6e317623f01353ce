"""Time ``pomkit diff`` against loading both files with PyYAML's C loader and running DeepDiff.

Usage::

    python bench/diff.py                       # 100 and 1000 teams, 3 runs each
    python bench/diff.py --teams 100 --repeat 5
    python bench/diff.py --share 0.05          # change 5% of the items instead of 1%

For each size, generate.py writes a clean model (OLD) into bench/out/ and this script
makes NEW from it by changing a share of its id-bearing items (:func:`mutate`): most are
edited (a count, a duration, a target, a name), some removed, some added. Then each tool
runs as a subprocess of this interpreter, ``--repeat`` rounds in turn:

- ``pomkit``: ``python -m pomkit diff OLD NEW --format json`` (the whole command:
  reading, structure check, compare, classify, render);
- ``pyyaml+deepdiff``: a child that loads both files with ``yaml.CSafeLoader`` and runs
  ``DeepDiff(old, new)`` (position-based: its cheapest mode);
- with ``--ignore-order``, also ``DeepDiff(old, new, ignore_order=True)``, the mode that
  matches pomkit's "reordering is no change" (much slower).

Reported: the median wall time and the peak resident memory of each (``os.wait4`` gives
the rusage of that one child), and pomkit's time over the baseline's. The target: on the
100-team pair with 1% of the items changed, pomkit takes at most half the baseline's time.

Exit status: 0 whatever the timings (a benchmark, not a test); 1 when a tool fails; 2 when
PyYAML's C loader or DeepDiff is missing (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT_DIR = BENCH / "out"
SIZES = (100, 1000)
TARGET_TEAMS = 100
TARGET_RATIO = 0.5
INSTALL = "pip install -e '.[bench]'"

#: The start of an id-bearing list item (block or flow style), or of a handoff.
_ITEM = re.compile(r"^(?P<indent> *)- (?:\{)?(?:id|from): ?(?P<id>[^,}\s]*)")
#: Field edits, tried in order on an item's lines: (pattern, replacement function).
_EDITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(people: )(\d+)"), "count"),
    (re.compile(r"(response_time: )(\S+)"), "duration"),
    (re.compile(r"(resolution_time: )(\S+)"), "duration"),
    (re.compile(r"(cadence: )(\S+)"), "cadence"),
    (re.compile(r"(frequency: )(\S+)"), "cadence"),
    (re.compile(r"(value: )(\d+(?:\.\d+)?)"), "count"),
    (re.compile(r"((?:name|title|activity|statement|artifact): )([^>|'\"\n][^\n]*)"), "text"),
)

WORKER = """
import sys, time, yaml
from deepdiff import DeepDiff
old_path, new_path, ignore_order = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
with open(old_path, encoding="utf-8") as f:
    old = yaml.load(f.read(), Loader=yaml.CSafeLoader)
with open(new_path, encoding="utf-8") as f:
    new = yaml.load(f.read(), Loader=yaml.CSafeLoader)
found = DeepDiff(old, new, ignore_order=ignore_order)
print(sum(len(v) for v in found.values()))
"""


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- the second version


def items(lines: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first line, end line, id) of every id-bearing list item and handoff in the text."""
    starts = []
    for number, line in enumerate(lines):
        match = _ITEM.match(line)
        if match:
            starts.append((number, len(match["indent"]), match["id"]))
    out = []
    for start, indent, ident in starts:
        end = start + 1
        while end < len(lines):
            text = lines[end]
            if text.strip() and len(text) - len(text.lstrip(" ")) <= indent:
                break
            end += 1
        out.append((start, end, ident))
    return out


def _edited(line: str, rng: random.Random) -> str | None:
    for pattern, how in _EDITS:
        match = pattern.search(line)
        if match is None:
            continue
        head, value = match[1], match[2]
        if how == "count":
            number = float(value) if "." in value else int(value)
            new = str(number + 1 + rng.randrange(3))
        elif how == "duration":
            new = rng.choice(["12h", "3d", "P1W", "30min"])
            if new == value:
                new = "2d"
        elif how == "cadence":
            new = "monthly" if value != "monthly" else "weekly"
        else:
            new = value.rstrip() + " (revised)"
        return line[: match.start()] + head + new + line[match.end() :]
    return None


def mutate(text: str, share: float = 0.01, seed: int = 0) -> tuple[str, dict[str, int]]:
    """NEW from OLD: ``share`` of the id-bearing items changed — 60% edited in one field,
    20% removed, 20% added (a copy under a new id). Returns the text and the counts."""
    rng = random.Random(seed)
    lines = text.split("\n")
    found = items(lines)
    # Nested items (a stage inside lifecycle) are listed once each; only leaf items change.
    chosen = sorted(rng.sample(found, max(1, round(len(found) * share))), reverse=True)
    counts = {"items": len(found), "edited": 0, "removed": 0, "added": 0}
    for start, end, ident in chosen:
        roll = rng.random()
        if roll < 0.6:
            for number in range(start, end):
                new = _edited(lines[number], rng)
                if new is not None:
                    lines[number] = new
                    counts["edited"] += 1
                    break
            else:
                roll = 0.7
        if 0.6 <= roll < 0.8:
            del lines[start:end]
            counts["removed"] += 1
        elif roll >= 0.8:
            copy = lines[start:end]
            if ident:
                copy[0] = copy[0].replace(ident, f"{ident}-copy", 1)
            lines[end:end] = copy
            counts["added"] += 1
    return "\n".join(lines), counts


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    output: str


def run(command: list[str]) -> Run:
    """Run one command; wall time and the child's own peak RSS (from ``os.wait4``)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    return Run(seconds, usage.ru_maxrss / scale, code, text)


def commands(old: Path, new: Path, ignore_order: bool) -> dict[str, list[str]]:
    out = {
        "pomkit": [sys.executable, "-m", "pomkit", "diff", str(old), str(new), "--format", "json"],
        "pyyaml+deepdiff": [sys.executable, "-c", WORKER, str(old), str(new), "0"],
    }
    if ignore_order:
        out["deepdiff ignore_order"] = [sys.executable, "-c", WORKER, str(old), str(new), "1"]
    return out


def pair(teams: int, share: float, seed: int) -> tuple[Path, Path, dict[str, int]]:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    old = OUT_DIR / f"diff-{teams}-old.yaml"
    new = OUT_DIR / f"diff-{teams}-new.yaml"
    text = _generator().generate(teams, seed=seed)
    changed, counts = mutate(text, share, seed)
    old.write_text(text, encoding="utf-8")
    new.write_text(changed, encoding="utf-8")
    return old, new, counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, action="append", help="model size (repeatable)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--share", type=float, default=0.01, help="share of items changed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--ignore-order", action="store_true", help="also time DeepDiff(ignore_order=True)"
    )
    args = parser.parse_args(argv)
    for module in ("yaml", "deepdiff"):
        if importlib.util.find_spec(module) is None:
            print(f"{module} is not installed: {INSTALL}", file=sys.stderr)
            return 2
    import yaml

    if not hasattr(yaml, "CSafeLoader"):
        print("PyYAML has no C loader (libyaml) here", file=sys.stderr)
        return 2
    status = 0
    for teams in args.teams or SIZES:
        old, new, counts = pair(teams, args.share, args.seed)
        size = old.stat().st_size / 1e6
        print(
            f"\n{teams} teams: {size:.1f} MB; {counts['items']} items, "
            f"{counts['edited']} edited, {counts['removed']} removed, {counts['added']} added"
        )
        tools = commands(old, new, args.ignore_order)
        results: dict[str, list[Run]] = {name: [] for name in tools}
        for _round in range(args.repeat):
            for name, command in tools.items():
                done = run(command)
                if done.returncode not in (0, 1):
                    print(f"  {name} failed ({done.returncode}):\n{done.output[-2000:]}")
                    status = 1
                results[name].append(done)
        medians = {n: statistics.median(r.seconds for r in runs) for n, runs in results.items()}
        for name, runs in results.items():
            peak = max(r.peak_mb for r in runs)
            print(f"  {name:<24} {medians[name]:7.2f} s   peak {peak:7.0f} MB")
        ratio = medians["pomkit"] / medians["pyyaml+deepdiff"]
        verdict = ""
        if teams == TARGET_TEAMS:
            verdict = " (target ≤ 0.5: " + ("met" if ratio <= TARGET_RATIO else "missed") + ")"
        print(f"  pomkit / (PyYAML C loader + DeepDiff) = {ratio:.2f}{verdict}")
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Time ``pomkit diff`` against loading both files with PyYAML's C loader and running DeepDiff.

Usage::

    python bench/diff.py                       # 100 and 1000 teams, 3 runs each
    python bench/diff.py --teams 100 --repeat 5
    python bench/diff.py --share 0.05          # change 5% of the items instead of 1%

For each size, generate.py writes a clean model (OLD) into bench/out/ and this script
makes NEW from it by changing a share of its id-bearing items (``mutate`` of
bench/mutate.py, which ``generate.py --changed`` uses too): most are edited (a count, a
duration, a target, a name), some removed, some added. Then each tool
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


def _sibling(name: str) -> ModuleType:
    """A module of bench/ loaded from its path (bench/ holds scripts, not a package)."""
    key = f"bench_{name}"
    found = sys.modules.get(key)
    if found is not None:
        return found
    spec = importlib.util.spec_from_file_location(key, BENCH / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


def _generator() -> ModuleType:
    return _sibling("generate")


#: The second version's maker, shared with ``generate.py --changed`` (bench/mutate.py).
_MUTATE = _sibling("mutate")
items = _MUTATE.items
mutate = _MUTATE.mutate


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


def _share(text: str) -> float:
    try:
        share: float = _MUTATE.parse_share(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return share


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, action="append", help="model size (repeatable)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--share", type=_share, default=0.01, help="share of items changed (1%%)")
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

"""Time ``pomkit report`` against ``pomkit validate`` on the same files, side by side.

Usage::

    python bench/report.py                      # 10, 100 and 1000 teams, 3 rounds each
    python bench/report.py --teams 100 --repeat 5
    python bench/report.py --formats html md

Missing models are generated into bench/out/ (git-ignored) by generate.py. For each
file, ``pomkit validate`` and ``pomkit report --format F --output …`` run back to back
as subprocesses of this interpreter, ``--repeat`` rounds in turn (so load on the
machine hits both alike), after one untimed warm-up round on the smallest file.
Reported: the median wall time of each, their ratio, the peak resident memory and the
size of each output.

The targets (issue 7): ``report --format html`` takes at most 3× the time of
``validate`` on the same file, and at 100 teams the HTML stays well under 20 MB.

Exit status: 0 when every run worked (whatever the timings: this is a benchmark, not
a test), 1 when a command failed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GENERATOR = BENCH / "generate.py"
SIZES = (10, 100, 1000)
TARGET_RATIO = 3.0
TARGET_MB = 20.0


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    size_mb: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def model(teams: int) -> Path:
    path = BENCH / "out" / f"model-{teams}.yaml"
    if not path.exists():
        subprocess.run(
            [sys.executable, str(GENERATOR), "--teams", str(teams), "--output", str(path)],
            check=True,
        )
    return path


def run(args: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS in MB, exit status and stderr of one command."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode, stderr


def commands(path: Path, formats: Sequence[str], out: Path) -> dict[str, list[str]]:
    pomkit = [sys.executable, "-m", "pomkit"]
    found = {"validate": [*pomkit, "validate", str(path), "--quiet", "--fail-on", "never"]}
    for fmt in formats:
        target = out / f"{path.stem}.{fmt}"
        found[f"report {fmt}"] = [*pomkit, "report", str(path), "-f", fmt, "-o", str(target)]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", nargs="*", default=["html", "md"])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pomkit-report-bench-") as scratch:
        out = Path(scratch)
        paths = [model(n) for n in args.teams]
        for name, command in commands(paths[0], args.formats, out).items():
            _, _, code, err = run(command)
            if code != 0:
                print(f"{name} failed on {paths[0]}:\n{err}", file=sys.stderr)
                return 1
        print(
            f"{'teams':>5} {'MB in':>6} {'command':<12} {'median s':>9} {'× validate':>10} "
            f"{'peak MB':>8} {'MB out':>7}"
        )
        for teams, path in zip(args.teams, paths, strict=True):
            plan = commands(path, args.formats, out)
            timings = {name: Timing() for name in plan}
            for _ in range(args.repeat):
                for name, command in plan.items():
                    seconds, peak, code, err = run(command)
                    if code != 0:
                        print(f"{name} failed on {path}:\n{err}", file=sys.stderr)
                        return 1
                    timings[name].seconds.append(seconds)
                    timings[name].peak_mb = max(timings[name].peak_mb, peak)
            for fmt in args.formats:
                target = out / f"{path.stem}.{fmt}"
                timings[f"report {fmt}"].size_mb = target.stat().st_size / 1024**2
            base = timings["validate"].median
            size_in = path.stat().st_size / 1024**2
            for name, timing in timings.items():
                ratio = timing.median / base
                mark = ""
                if name == "report html":
                    mark = " ok" if ratio <= TARGET_RATIO else f" over {TARGET_RATIO:g}×"
                    if teams == 100:
                        mark += " ok" if timing.size_mb < TARGET_MB else " too big"
                size = f"{timing.size_mb:7.2f}" if timing.size_mb else f"{'':>7}"
                print(
                    f"{teams:>5} {size_in:>6.2f} {name:<12} {timing.median:>9.2f} "
                    f"{ratio:>9.2f}× {timing.peak_mb:>8.0f} {size}{mark}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())

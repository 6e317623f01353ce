"""Time ``pomkit validate`` against check-jsonschema and yamllint on the same files.

Usage::

    python bench/run.py                        # 10, 100 and 1000 teams, 3 runs each
    python bench/run.py --teams 100 --repeat 5
    python bench/run.py --tools check-jsonschema yamllint   # without pomkit
    python bench/run.py --teams 100 --typical examples/agile.yaml --repeat 9
    python bench/run.py --teams 10 --instructions   # also count instructions (valgrind)

Missing models are generated into bench/out/ (git-ignored) by generate.py. For
each file the tools run back to back as subprocesses of this interpreter,
``--repeat`` rounds in turn, after one untimed warm-up round on the smallest
file that also checks each tool works. Reported: the median wall time and the
peak resident memory of each tool (``os.wait4`` gives the rusage of that one
child), and how pomkit's time compares with each other tool's.

The targets: on the 100-team model ``pomkit validate`` takes at most half the
time of ``check-jsonschema --schemafile schemas/operating-model.schema.json``;
on a typical model (``--typical``, default ``examples/agile.yaml``), where
start-up dominates as in pre-commit and CI, at most 0.6 of it.

Wall time on a shared machine swings with the load; ``--instructions`` also runs
each tool once under valgrind's callgrind and reports the instructions it
executed, a figure that does not depend on what else the machine does. The
tools run as installed: Python may write its bytecode caches (an unset
``PYTHONDONTWRITEBYTECODE`` for the children), as an installed package has them.

Exit status: 0 whatever the timings (this is a benchmark, not a test); 1 when
a tool fails, or when pomkit reports findings on a clean model (its output is
shown); 2 when a tool is not installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import resource

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SCHEMA = ROOT / "schemas" / "operating-model.schema.json"
GENERATOR = BENCH / "generate.py"
TARGET_TEAMS = 100
TARGET_RATIO = 0.5
#: Start-up: the everyday case is one typical model, many times a day.
TYPICAL = ROOT / "examples" / "agile.yaml"
TYPICAL_RATIO = 0.6
INSTALL = "pip install -e '.[bench]'"

POMKIT = [sys.executable, "-m", "pomkit", "validate"]

#: Each tool: the module that must be importable, and the command for one file.
TOOLS: dict[str, tuple[str, Callable[[Path], list[str]]]] = {
    # --fail-on info: any finding at all on a clean model is a failure.
    "pomkit": ("pomkit.cli", lambda f: [*POMKIT, str(f), "--quiet", "--fail-on", "info"]),
    "check-jsonschema": (
        "check_jsonschema",
        lambda f: [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), str(f)],
    ),
    "yamllint": (
        "yamllint",
        lambda f: [sys.executable, "-m", "yamllint", "-d", "relaxed", str(f)],
    ),
}
BASELINE = "pomkit"
TIMED_OUT = 124  # the exit status timeout(1) uses


@dataclass(frozen=True)
class Run:
    """One run of one tool on one file."""

    seconds: float
    peak_mb: float
    returncode: int
    output: str


@dataclass
class Result:
    """All runs of one tool on one file."""

    tool: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)

    @property
    def failed(self) -> Run | None:
        return next((run for run in self.runs if run.returncode != 0), None)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The children's environment: bytecode caches allowed, as for an installed package.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(command: Sequence[str], timeout: float | None = None) -> Run:
    """Run ``command`` once: wall time, peak RSS of that child, exit code and output."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env=CHILD_ENV,
        )
        status, usage = _wait(proc, timeout)
        seconds = time.perf_counter() - start
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    if status == TIMED_OUT:
        output += f"\n(stopped after the --timeout of {timeout} s)"
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    scale = 1 / 2**20 if sys.platform == "darwin" else 1 / 2**10
    return Run(seconds, usage.ru_maxrss * scale, status, output)


def instructions(command: Sequence[str]) -> int | None:
    """Instructions ``command`` executes, counted by valgrind's callgrind (``None``
    when valgrind is not installed or the run fails)."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={folder}/out",
                *command,
            ],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=CHILD_ENV,
            check=False,
        )
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    return int(found.group(1)) if found and done.returncode == 0 else None


def _wait(
    proc: subprocess.Popen[bytes], timeout: float | None
) -> tuple[int, resource.struct_rusage]:
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        flags = 0 if deadline is None else os.WNOHANG
        pid, status, usage = os.wait4(proc.pid, flags)
        if pid:
            code = os.waitstatus_to_exitcode(status)
            proc.returncode = code  # reaped here: keep Popen from waiting again
            return code, usage
        if deadline is not None and time.monotonic() > deadline:
            proc.kill()
            _, _, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            return TIMED_OUT, usage
        time.sleep(0.005)


def ensure_models(teams: Sequence[int], regenerate: bool) -> list[Path]:
    """The model file for each team count, generated when missing or stale."""
    gen: ModuleType | None = None
    paths = []
    for count in teams:
        path = BENCH / "out" / f"model-{count}.yaml"
        stale = path.exists() and path.stat().st_mtime < GENERATOR.stat().st_mtime
        if regenerate or stale or not path.exists():
            gen = gen or _generator()
            size, lines, seconds = gen.write(count, path)
            print(
                f"generated {path.relative_to(ROOT)}: {size / 1e6:.2f} MB, {lines:,} lines "
                f"in {seconds:.2f} s",
                file=sys.stderr,
            )
        paths.append(path)
    return paths


def missing_tools(tools: Sequence[str]) -> list[str]:
    return [tool for tool in tools if importlib.util.find_spec(TOOLS[tool][0]) is None]


def _report_failure(tool: str, path: Path, run: Run) -> None:
    what = "reported findings on a clean model" if tool == BASELINE else "failed"
    print(f"\n{tool} {what} (exit {run.returncode}) on {path.relative_to(ROOT)}:", file=sys.stderr)
    text = run.output.strip() or "(no output)"
    lines = text.splitlines()
    if len(lines) > 40:
        text = "\n".join([*lines[:40], f"... ({len(lines) - 40} more lines)"])
    print(text, file=sys.stderr)


def bench_file(
    path: Path, tools: Sequence[str], repeat: int, timeout: float | None
) -> dict[str, Result]:
    results = {tool: Result(tool) for tool in tools}
    for round_ in range(1, repeat + 1):
        for tool in tools:
            run = measure(TOOLS[tool][1](path), timeout)
            results[tool].runs.append(run)
            print(
                f"  {path.name} round {round_}/{repeat} {tool}: {run.seconds:.2f} s, "
                f"{run.peak_mb:.0f} MB" + ("" if run.returncode == 0 else " FAILED"),
                file=sys.stderr,
            )
    return results


def _lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


Row = tuple[Path, int | None, dict[str, Result]]


def table(rows: list[Row]) -> str:
    head = ("teams", "size MB", "lines", "tool", "median s", "peak MB", f"{BASELINE}/tool")
    body: list[tuple[str, ...]] = []
    for path, teams, results in rows:
        size, lines = path.stat().st_size / 1e6, _lines(path)
        base = results.get(BASELINE)
        for i, (tool, result) in enumerate(results.items()):
            ratio = ""
            if base is not None and tool != BASELINE and result.median > 0:
                ratio = f"{base.median / result.median:.2f}"
            label = path.name if teams is None else str(teams)
            first = (label, f"{size:.2f}", f"{lines:,}") if i == 0 else ("", "", "")
            status = "" if result.failed is None else " (failed)"
            body.append(
                (*first, tool + status, f"{result.median:.2f}", f"{result.peak_mb:.0f}", ratio)
            )
    widths = [max(len(row[i]) for row in (head, *body)) for i in range(len(head))]
    left = {3}

    def fmt(row: tuple[str, ...]) -> str:
        cells = (
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(head), rule, *(fmt(row) for row in body)])


def verdict(rows: list[Row], teams_wanted: int | None = TARGET_TEAMS) -> str:
    if teams_wanted is None:
        goal = f"target: {BASELINE} <= {TYPICAL_RATIO}x check-jsonschema on a typical model"
        ratio_wanted = TYPICAL_RATIO
    else:
        goal = (
            f"target: {BASELINE} <= {TARGET_RATIO}x check-jsonschema on the "
            f"{teams_wanted}-team model"
        )
        ratio_wanted = TARGET_RATIO
    for _, teams, results in rows:
        if teams != teams_wanted:
            continue
        base, other = results.get(BASELINE), results.get("check-jsonschema")
        if base is None or other is None:
            return f"{goal}: not measured (run both tools)"
        ratio = base.median / other.median
        met = "MET" if ratio <= ratio_wanted else "NOT MET"
        return f"{goal}: {met} ({ratio:.2f}x: {base.median:.2f} s vs {other.median:.2f} s)"
    if teams_wanted is None:
        return f"{goal}: not measured (add --typical FILE)"
    return f"{goal}: not measured (add --teams {teams_wanted})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool and file")
    parser.add_argument(
        "--tools", nargs="+", choices=list(TOOLS), default=list(TOOLS), help="tools to time"
    )
    parser.add_argument("--regenerate", action="store_true", help="rewrite the model files")
    parser.add_argument("--timeout", type=float, help="seconds before one run is stopped")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count each tool's instructions on each file once (valgrind callgrind)",
    )
    parser.add_argument(
        "--typical",
        type=Path,
        nargs="*",
        default=[TYPICAL],
        help="typical models timed for start-up (default: examples/agile.yaml; none: no files)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or min(args.teams) < 1:
        parser.error("--repeat and --teams must be at least 1")
    tools = list(dict.fromkeys(args.tools))

    missing = missing_tools(tools)
    if missing:
        print(
            f"not installed for {sys.executable}: {', '.join(missing)}\n"
            f"install the benchmark tools from the project root with:  {INSTALL}\n"
            f"(or leave a tool out with --tools)",
            file=sys.stderr,
        )
        return 2

    teams = sorted(set(args.teams))
    paths = ensure_models(teams, args.regenerate)

    # Warm-up round (untimed): fills the OS and bytecode caches and fails fast
    # when a tool does not work, before minutes are spent on the big files.
    for tool in tools:
        run = measure(TOOLS[tool][1](paths[0]), args.timeout)
        if run.returncode != 0:
            _report_failure(tool, paths[0], run)
            return 1

    rows: list[Row] = []
    failed = False
    sized: list[tuple[int | None, Path]] = [(None, p) for p in args.typical]
    sized += list(zip(teams, paths, strict=True))
    for count, path in sized:
        results = bench_file(path, tools, args.repeat, args.timeout)
        rows.append((path, count, results))
        for tool, result in results.items():
            bad = result.failed
            if bad is not None:
                failed = True
                _report_failure(tool, path, bad)

    print()
    print(f"{sys.executable}, {args.repeat} run(s) each, median wall time, peak RSS")
    print(table(rows))
    if args.typical:
        print(verdict(rows, None))
    print(verdict(rows))
    if args.instructions:
        print()
        print("instructions executed (valgrind callgrind, one run each; load-independent)")
        for count, path in sized:
            label = path.name if count is None else f"{count} teams"
            counted = {tool: instructions(TOOLS[tool][1](path)) for tool in tools}
            base = counted.get(BASELINE)
            parts = []
            for tool, value in counted.items():
                if value is None:
                    parts.append(f"{tool} n/a")
                    continue
                ratio = f" ({base / value:.2f}x)" if base and tool != BASELINE else ""
                parts.append(f"{tool} {value / 1e9:.2f} G{ratio}")
            print(f"  {label}: " + ", ".join(parts))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

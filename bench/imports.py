"""What ``pomkit validate`` imports on a typical model, by package: ``python -X importtime``.

Usage::

    python bench/imports.py                       # this checkout, 7 runs
    python bench/imports.py --rev f257903 --rev HEAD --repeat 7
    python bench/imports.py --file examples/platform.yaml

Each side runs ``python -X importtime -m pomkit validate -q --fail-on info FILE`` with
``PYTHONPATH`` set to its sources: this checkout's ``src/``, or a git revision's ``src/``
extracted into a temporary folder (``--rev``, repeatable, compared side by side). The
self times of the modules are summed by top-level package, and the median over
``--repeat`` runs (after one untimed run that writes the bytecode caches) is printed,
in milliseconds. Exit status: 0, or 1 when pomkit fails, 2 for a revision git cannot
read.

Modules imported with ``importlib.import_module`` (the rule registry) do not appear
in ``-X importtime``'s log, nor does work done after the imports (the first
validation builds the model's validator): ``bench/run.py`` times whole runs, this
shows where the imports go. Bytecode caches are written, as for an installed package.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "examples" / "agile.yaml"
#: Packages shown in their own column; the rest add up under "other".
PACKAGES = ("pomkit", "pydantic", "pydantic_core", "typer", "yaml", "networkx", "importlib")


def import_times(src: Path, file: Path) -> Counter[str]:
    """Self times (µs) of one run's imports by top-level package, plus totals."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(src)
    command = [sys.executable, "-X", "importtime", "-m", "pomkit", "validate", "-q"]
    done = subprocess.run(
        [*command, "--fail-on", "info", str(file)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"pomkit failed on {file} with {src}:\n{done.stdout}{done.stderr}")
    times: Counter[str] = Counter()
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line.split(":", 1)[1].split("|")
        package = name.strip().split(".")[0]
        times[package if package in PACKAGES else "other"] += int(self_us)
        times["all"] += int(self_us)
        times["modules"] += 1
    return times


def extract(rev: str, into: Path) -> Path:
    """The ``src/`` folder of git revision ``rev``, extracted under ``into``."""
    into.mkdir(parents=True)
    archive = into / "src.tar"
    with archive.open("wb") as out:
        done = subprocess.run(["git", "archive", rev, "src"], cwd=ROOT, stdout=out, check=False)
    if done.returncode != 0:
        print(f"--rev {rev}: git archive failed (see above)", file=sys.stderr)
        raise SystemExit(2)
    folder = into / "tree"
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", action="append", default=[], help="a git revision to compare")
    parser.add_argument("--repeat", type=int, default=7, help="runs per side (median)")
    parser.add_argument("--file", type=Path, default=TYPICAL, help="the model to validate")
    args = parser.parse_args(argv)
    columns = ["all", "modules", *PACKAGES, "other"]
    print(f"{'':14s}" + "".join(f"{name:>15s}" for name in columns))
    with tempfile.TemporaryDirectory() as tmp:
        sides = [(rev, extract(rev, Path(tmp) / str(i))) for i, rev in enumerate(args.rev)]
        for label, src in sides or [("checkout", ROOT / "src")]:
            import_times(src, args.file)  # untimed: writes the bytecode caches
            runs = [import_times(src, args.file) for _ in range(args.repeat)]
            median = {name: statistics.median(run[name] for run in runs) for name in columns}
            cells = [
                f"{median[name]:15.0f}" if name == "modules" else f"{median[name] / 1000:13.1f}ms"
                for name in columns
            ]
            print(f"{label[:14]:14s}" + "".join(cells))
    print(f"self times of `python -X importtime -m pomkit validate {args.file.name}`, median")
    return 0


if __name__ == "__main__":
    sys.exit(main())

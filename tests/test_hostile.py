"""Hostile and malformed model files: the real CLI and both parsers, case by case.

Every case of ``tests/corpus/hostile/expected.yaml`` is a committed file or, when
too large or too deep to commit, a generator below with the same name. Each runs
through ``python -m pomkit validate`` (JSON and text, in parallel) in a private
directory with its own ``.pomkit.yaml``, so that no configuration found upward can
change the outcome, and through :func:`pomkit.loader.read` under both parsers.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from pomkit import api, loader

CORPUS = Path(__file__).parent / "corpus" / "hostile"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)["cases"]
#: A hang guard, not a speed assertion: the slowest case takes about a second.
TIMEOUT = 10.0
HEADER = "apiVersion: pomkit/v1\nkind: OperatingModel\nmetadata: {name: x, title: X}\ntype: agile\n"
CONFIG = "fail_on: error\n"


# --------------------------------------------------------------------------- generated cases


def _deep_block(step: str) -> bytes:
    lines = [f"{step * i}k{i}:" for i in range(300)]
    return (HEADER + "strategy:\n" + "\n".join(step + line for line in lines) + " deep\n").encode()


def _flow(opening: str, closing: str, levels: int, middle: str = "x") -> bytes:
    return (HEADER + "strategy: " + opening * levels + middle + closing * levels + "\n").encode()


def _commented_brackets() -> bytes:
    levels = 30_000
    return (HEADER + "strategy:\n" + "  [ # ]\n" * levels + "  x" + "]" * levels + "\n").encode()


def _oversize() -> bytes:
    line = "# " + "x" * 1021 + "\n"  # 1 KiB
    return (HEADER + line * (21 * 1024)).encode()


GENERATORS: dict[str, Callable[[], bytes]] = {
    "deep-block-nesting-300.yaml": lambda: _deep_block("  "),
    "deep-block-nesting-300-one-space.yaml": lambda: _deep_block(" "),
    "deep-compact-sequence-5000.yaml": lambda: (
        HEADER + "archetypes:\n" + "- " * 5000 + "agile\n"
    ).encode(),
    "deep-flow-30000.yaml": lambda: _flow("[", "]", 30_000),
    "deep-flow-unclosed-30000.yaml": lambda: _flow("[", "", 30_000),
    "deep-flow-mapping-3000.yaml": lambda: _flow("{a: ", "}", 3000),
    "deep-flow-quoted-brackets-30000.yaml": lambda: _flow('["]", ', "]", 30_000),
    "deep-flow-commented-brackets-30000.yaml": _commented_brackets,
    "comment-line-1mib.yaml": lambda: (HEADER + "# " + "x" * (1 << 20) + "\n").encode(),
    "comment-then-million-blank-lines.yaml": lambda: (
        HEADER + "# the rest is blank\n" + "\n" * 1_000_000
    ).encode(),
    "very-long-line-2mb.yaml": lambda: (
        HEADER + "strategy:\n  vision: " + "v" * 2_000_000 + "\n  mission: Help teams\n"
    ).encode(),
    "over-size-limit-21mb.yaml": _oversize,
}

CASES = sorted(EXPECTED)


def case_bytes(name: str) -> bytes:
    if EXPECTED[name].get("generated"):
        return GENERATORS[name]()
    return (CORPUS / name).read_bytes()


def test_corpus_and_expectations_match() -> None:
    committed = {p.name for p in CORPUS.iterdir() if p.name != "expected.yaml"}
    generated = {name for name, case in EXPECTED.items() if case.get("generated")}
    assert committed == set(EXPECTED) - generated, "every file needs an entry, and vice versa"
    assert generated == set(GENERATORS)
    assert len(EXPECTED) >= 30
    for name in committed:
        assert (CORPUS / name).stat().st_size <= 20 * 1024, f"{name}: generate it instead"
    for name, case in EXPECTED.items():
        assert case["exit"] in (0, 1, 2), name
        assert "line" not in case or case.get("codes"), f"{name}: a line needs a code"


# --------------------------------------------------------------------------- running the CLI


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


def run_cli(args: list[str], cwd: Path, *, formats: tuple[str, ...] = ("json",)) -> list[Run]:
    """Run ``pomkit validate ARGS --format F`` for each format in parallel, never hanging."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("POMKIT_PURE_YAML", None)
    env.pop("POMKIT_DEBUG", None)
    started = time.monotonic()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "pomkit", "validate", *args, "--format", fmt],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for fmt in formats
    ]
    runs = []
    try:
        for process in processes:
            left = max(TIMEOUT - (time.monotonic() - started), 0.1)
            try:
                out, err = process.communicate(timeout=left)
            except subprocess.TimeoutExpired:
                pytest.fail(f"pomkit validate {' '.join(args)} still running after {TIMEOUT} s")
            runs.append(
                Run(
                    process.returncode,
                    out.decode("utf-8", "replace"),
                    err.decode("utf-8", "replace"),
                    time.monotonic() - started,
                )
            )
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    return runs


def assert_sane(run: Run) -> None:
    """No crash of any kind: no traceback, no internal error, no signal, no hang."""
    both = run.stdout + run.stderr
    assert run.returncode >= 0, f"killed by signal {-run.returncode}: {run.stderr[-500:]}"
    assert "Traceback" not in both, both[-2000:]
    assert "internal error" not in both, both[-2000:]
    assert run.seconds < TIMEOUT


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / ".pomkit.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def _findings(run: Run, name: str) -> list[dict[str, Any]]:
    document = json.loads(run.stdout)
    files = document["files"]
    assert [f["file"] for f in files] == [name], "the JSON report names the file"
    findings: list[dict[str, Any]] = files[0]["findings"]
    return findings


@pytest.mark.parametrize("name", CASES)
def test_cli(name: str, workdir: Path) -> None:
    case = EXPECTED[name]
    data = case_bytes(name)
    path = workdir / name
    path.write_bytes(data)

    json_run, text_run = run_cli([name], workdir, formats=("json", "text"))
    for run in (json_run, text_run):
        assert_sane(run)
    assert path.read_bytes() == data, "the input file was changed"

    findings = _findings(json_run, name)
    codes = [f["code"] for f in findings]
    summary = [(f["code"], f["line"], f["severity"]) for f in findings]
    errors = [f for f in findings if f["severity"] == "error"]
    expected_exit = case["exit"]
    if expected_exit == 0:
        loading = [f for f in errors if f["code"].startswith(("POM0", "POM1"))]
        assert not loading, f"the file must be accepted: {summary}"
        expected_exit = 1 if errors else 0
    assert json_run.returncode == expected_exit, summary
    assert text_run.returncode == json_run.returncode

    for code in case.get("codes", []):
        assert code in codes, f"{code} expected: {summary}"
    for code in case.get("absent", []):
        assert code not in codes, f"{code} not expected: {summary}"
    if "line" in case:
        first = next(f for f in findings if f["code"] == case["codes"][0])
        assert first["line"] == case["line"], summary

    # The text format names the file and shows the same findings at the same places.
    assert name in text_run.stdout
    for finding in findings:
        where = f"{name}:{finding['line']}:{finding['column']} {finding['code']} "
        assert where in text_run.stdout
    # Neither output passes raw control characters (ANSI escapes …) from the input on.
    for run in (json_run, text_run):
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", run.stdout)


@pytest.mark.parametrize("name", sorted(n for n in CASES if "values" in EXPECTED[n]))
def test_model_values(name: str, tmp_path: Path) -> None:
    """Values that must survive loading as written (``0755``, ``!!str 123`` …)."""
    path = tmp_path / name
    path.write_bytes(case_bytes(name))
    model = api.open_document(path).model
    assert model is not None
    for dotted, expected in EXPECTED[name]["values"].items():
        value: Any = model
        for part in dotted.split("."):
            value = value[int(part)] if part.isdigit() else getattr(value, part)
        assert value == expected, dotted
        assert isinstance(value, str) == isinstance(expected, str), dotted


# --------------------------------------------------------------------------- both parsers

_PARITY_SCRIPT = """
import json, sys
from pomkit import loader
source = loader.read(sys.argv[1])
print(json.dumps({"parser": source.parser, "codes": [i.code for i in source.issues],
                  "data": repr(source.data)}))
"""


def _read_both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    monkeypatch.delenv("POMKIT_PURE_YAML", raising=False)
    fast = loader.read(path)
    monkeypatch.setenv("POMKIT_PURE_YAML", "1")
    pure = loader.read(path)
    return fast, pure


def _read_both_isolated(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    results = []
    for pure in ("", "1"):
        env = {**os.environ, "POMKIT_PURE_YAML": pure}
        if not pure:
            del env["POMKIT_PURE_YAML"]
        done = subprocess.run(
            [sys.executable, "-c", _PARITY_SCRIPT, str(path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        which = "pure" if pure else "default"
        assert done.returncode == 0, (
            f"loader.read crashed on the {which} path (exit {done.returncode}): "
            f"{done.stderr[-500:]}"
        )
        results.append(json.loads(done.stdout))
    return results[0], results[1]


@pytest.mark.parametrize("name", CASES)
def test_both_parsers_agree(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = EXPECTED[name]
    path = tmp_path / name
    path.write_bytes(case_bytes(name))
    if case.get("subprocess_parity"):
        fast, pure = _read_both_isolated(path)
        fast_codes, pure_codes = fast["codes"], pure["codes"]
        fast_data, pure_data = fast["data"], pure["data"]
        pure_parser = pure["parser"]
    else:
        fast_source, pure_source = _read_both(path, monkeypatch)
        fast_codes = [i.code for i in fast_source.issues]
        pure_codes = [i.code for i in pure_source.issues]
        fast_data, pure_data = fast_source.data, pure_source.data
        pure_parser = pure_source.parser
    # POMKIT_PURE_YAML=1 forces the pure parser whenever the text gets parsed at all.
    assert pure_parser in ("ruamel-pure", "none")

    documented = case.get("parity")
    if documented is not None:
        # A known, documented difference: assert exactly what each path does.
        assert fast_codes == documented["libyaml"]
        assert pure_codes == documented["pure"]
        return
    assert fast_codes == pure_codes, "libyaml and the pure parser report different issues"
    assert fast_data == pure_data, "libyaml and the pure parser build different data"
    # The loader's own codes are among what the CLI must report.
    wanted = {c for c in case.get("codes", []) if c.startswith("POM0")}
    assert wanted <= set(fast_codes), fast_codes


# --------------------------------------------------------------------------- special paths


def test_fifo_path_exits_2_without_blocking(workdir: Path) -> None:
    fifo = workdir / "model.yaml"
    os.mkfifo(fifo)
    (run,) = run_cli(["model.yaml"], workdir)
    assert_sane(run)
    assert run.returncode == 2
    assert "model.yaml" in run.stderr
    assert "not a regular file" in run.stderr


def test_fifo_inside_a_searched_directory_does_not_block(workdir: Path) -> None:
    models = workdir / "models"
    models.mkdir()
    (models / "a.yaml").write_text(HEADER, encoding="utf-8")
    os.mkfifo(models / "b.yaml")
    (run,) = run_cli(["models"], workdir)
    assert_sane(run)
    # a.yaml is validated; the FIFO is no model file and must not be opened for reading.
    assert [f["file"] for f in json.loads(run.stdout)["files"]] == [
        os.path.join("models", "a.yaml")
    ]


def test_device_behind_a_symlink_exits_2(workdir: Path) -> None:
    (workdir / "zero.yaml").symlink_to("/dev/zero")
    (run,) = run_cli(["zero.yaml"], workdir)
    assert_sane(run)
    assert run.returncode == 2
    assert "zero.yaml" in run.stderr


def test_symlink_loop_exits_2(workdir: Path) -> None:
    (workdir / "loop.yaml").symlink_to("loop.yaml")
    (run,) = run_cli(["loop.yaml"], workdir)
    assert_sane(run)
    assert run.returncode == 2
    assert "loop.yaml" in run.stderr


def test_directory_without_models_exits_2(workdir: Path) -> None:
    folder = workdir / "docs"
    folder.mkdir()
    (folder / "notes.yaml").write_text("title: not a model\n", encoding="utf-8")
    (folder / "readme.txt").write_text(HEADER, encoding="utf-8")
    (run,) = run_cli(["docs"], workdir)
    assert_sane(run)
    assert run.returncode == 2
    assert "docs" in run.stderr
    assert "no model files" in run.stderr


def test_missing_path_exits_2(workdir: Path) -> None:
    (run,) = run_cli(["nowhere/model.yaml"], workdir)
    assert_sane(run)
    assert run.returncode == 2
    assert "nowhere/model.yaml" in run.stderr


def test_unreadable_file_exits_2(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unreadable file gives exit 2 with its name.

    Tests run as root here, and root reads mode-000 files, so the refusal the
    operating system would give is simulated where pomkit opens the file.
    """
    import builtins

    from pomkit.cli import app

    path = workdir / "secret.yaml"
    path.write_text(HEADER, encoding="utf-8")
    real_open = builtins.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith("secret.yaml"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    with pytest.raises(SystemExit) as stop:
        app(["validate", str(path)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "secret.yaml: cannot read: Permission denied" in err
    assert "Traceback" not in err

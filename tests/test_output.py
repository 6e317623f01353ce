"""Writing output: atomic for files, in place for FIFOs and devices, never over inputs or
configuration, and no temporary file left behind by an error or an interruption."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest

from helpers import invoke
from pomkit import output
from pomkit.catalog import base_model
from pomkit.output import OutputError, write_output

needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and FIFOs")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if output.TEMP_MARK in p.name)


def test_a_file_is_written_whole_with_the_mode_a_plain_write_gives(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    write_output("first\n", target)
    assert target.read_text(encoding="utf-8") == "first\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o640)
    write_output("second\n", target)
    assert target.read_text(encoding="utf-8") == "second\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # an existing file keeps its mode
    assert leftovers(tmp_path) == []


def test_a_symlink_keeps_pointing_at_the_file_it_names(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_output("new\n", link)
    assert link.is_symlink()
    assert real.read_text() == "new\n"


@pytest.mark.parametrize("name", [".pomkit.yaml", "pyproject.toml"])
def test_configuration_files_are_never_overwritten(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    target.write_text("fail_on: error\n")
    with pytest.raises(OutputError, match=f"--output {target} is a pomkit configuration file"):
        write_output("report\n", target)
    assert target.read_text() == "fail_on: error\n"


def test_inputs_and_the_named_configuration_are_refused(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    model.write_text("a: 1\n")
    ci = tmp_path / "ci-settings.yaml"
    ci.write_text("fail_on: error\n")
    with pytest.raises(OutputError, match="is one of the input files"):
        write_output("x", tmp_path / "." / "model.yaml", [str(model)])
    with pytest.raises(OutputError, match="is a pomkit configuration file"):
        write_output("x", ci, configs=[ci])
    assert (model.read_text(), ci.read_text()) == ("a: 1\n", "fail_on: error\n")


def test_a_directory_or_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_output("x", tmp_path)
    with pytest.raises(OutputError, match="does not exist"):
        write_output("x", tmp_path / "nope" / "report.txt")


def test_a_file_the_user_may_not_write_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Renaming over a read-only file would succeed where a plain write fails. The
    # answer comes from os.access, as the tests may run as root, who may write anything.
    target = tmp_path / "locked.txt"
    target.write_text("keep\n")
    target.chmod(0o444)
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    with pytest.raises(OutputError, match="permission denied"):
        write_output("x", target)
    assert target.read_text() == "keep\n"


def test_an_error_while_writing_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(text: str, stream: IO[str]) -> None:
        stream.write(text[:3])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output, "_copy", full)
    target = tmp_path / "report.txt"
    with pytest.raises(OutputError, match=r"cannot write .*report\.txt: No space left on device"):
        write_output("a report\n", target)
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(text: str, stream: IO[str]) -> None:
        stream.write(text)
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "_copy", interrupted)
    (tmp_path / "report.txt").write_text("the last report\n")
    with pytest.raises(KeyboardInterrupt):
        write_output("a new report\n", tmp_path / "report.txt")
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]
    assert (tmp_path / "report.txt").read_text() == "the last report\n"


@needs_posix
def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    write_output("through the pipe\n", fifo)
    reader.join(timeout=10)
    assert received == ["through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert leftovers(tmp_path) == []


@needs_posix
def test_devices_and_descriptors_are_written_in_place() -> None:
    write_output("nothing\n", Path("/dev/null"))
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    read, write = os.pipe()
    with os.fdopen(read, encoding="utf-8") as stream:
        # What `-o /dev/stdout` is when stdout is a pipe.
        write_output("to a descriptor\n", Path(f"/dev/fd/{write}"))
        os.close(write)
        assert stream.read() == "to a descriptor\n"


def test_the_cli_refuses_to_overwrite_the_configuration_it_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "model.yaml").write_text(base_model(), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.pomkit]\nfail_on = 'error'\n")
    (tmp_path / "ci.yaml").write_text("fail_on: error\n")
    for args in (
        ("--output", ".pomkit.yaml"),
        ("--config", "pyproject.toml", "--output", "pyproject.toml"),
        ("--config", "ci.yaml", "--output", "ci.yaml"),
    ):
        code, out, err = invoke("validate", "model.yaml", *args)
        assert (code, out) == (2, ""), args
        assert f"pomkit: error: --output {args[-1]} is a pomkit configuration file" in err
    assert not (tmp_path / ".pomkit.yaml").exists()
    assert (tmp_path / "ci.yaml").read_text() == "fail_on: error\n"
    assert (tmp_path / "pyproject.toml").read_text() == "[tool.pomkit]\nfail_on = 'error'\n"


# --------------------------------------------------------------------------- interruptions

# A child that writes half the schema to --output, says so, and waits to be signalled.
SLOW_WRITER = """
import sys, time
import pomkit.output

def slow(text, stream):
    stream.write(text[: len(text) // 2])
    stream.flush()
    print("writing", file=sys.stderr, flush=True)
    time.sleep(60)
    stream.write(text[len(text) // 2 :])

pomkit.output._copy = slow
from pomkit.cli import main

sys.argv = ["pomkit", "schema", "--output", sys.argv[1]]
main()
"""


def _start_slow_write(target: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    assert child.stderr.readline() == "writing\n"
    # Mid-write: a half-written, recognisable temporary file, no target yet.
    (temp,) = target.parent.glob(f".{target.name}{output.TEMP_MARK}*")
    assert temp.stat().st_size > 0
    assert not target.exists()
    return child


@needs_posix
@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"]
)
def test_a_signal_mid_write_removes_the_temporary_file(
    tmp_path: Path, signum: int, code: int
) -> None:
    target = tmp_path / "schema.json"
    child = _start_slow_write(target)
    child.send_signal(signum)
    _, err = child.communicate(timeout=30)
    assert child.returncode == code, err
    assert list(tmp_path.iterdir()) == []
    assert "Traceback" not in err


@needs_posix
def test_kill_9_leaves_a_temporary_file_named_to_be_recognised(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    child = _start_slow_write(target)
    child.kill()
    child.communicate(timeout=30)
    (left,) = leftovers(tmp_path)
    assert left.startswith(".schema.json.pomkit-tmp-")
    assert not target.exists()

"""Writing what a command produced: to stdout, or to a file, atomically and never over its input.

A regular file (or a new path) is written to a temporary file beside it, then
renamed over it, so a reader never sees half a report. The temporary file is
removed on every exit Python sees (an error, Ctrl-C, SIGTERM, SIGHUP); only
``kill -9`` can leave one behind, and it is named ``.<name>.pomkit-tmp-XXXXXXXX``
so that it is recognisable. A FIFO or a device (``/dev/stdout``, ``/dev/null``) is
written directly: renaming over it would replace it with a regular file.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

#: Marks pomkit's temporary files: ``.<name>.pomkit-tmp-XXXXXXXX`` beside the target.
TEMP_MARK = ".pomkit-tmp-"
#: Names of pomkit's configuration files (as :data:`pomkit.sources.CONFIG_NAMES`, kept
#: here so that writing a report imports nothing that reads models).
CONFIG_NAMES = frozenset((".pomkit.yaml", "pyproject.toml"))
#: Signals that end a process politely: the write cleans up before the process ends.
_ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class OutputError(Exception):
    """An output that cannot or must not be written (exit 2)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def write_output(
    text: str,
    output: Path | None,
    inputs: Sequence[str | os.PathLike[str]] = (),
    *,
    configs: Sequence[str | os.PathLike[str]] = (),
    flag: str | None = "--output",
) -> None:
    """Write ``text`` to ``output``, or to stdout when it is ``None``.

    Refuses to write over any of ``inputs``, over a configuration file (any of
    ``configs``, or any file named ``.pomkit.yaml`` or ``pyproject.toml``) and into a
    directory. ``flag`` names the option in messages. Raises :class:`OutputError`.
    """
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    named = f"{flag} {output}" if flag else str(output)
    _refuse(output, named, inputs, configs)
    try:
        info = os.stat(output)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise OutputError(f"cannot write {output}: {err.strerror}") from None
    try:
        if _is_descriptor(output):
            # Append, as the shell's `>>` may have opened it; `>` has emptied it already.
            _write_in_place(output, text, "a")
        elif info is None or stat.S_ISREG(info.st_mode):
            _replace(Path(os.path.realpath(output)), text)
        else:
            _write_in_place(output, text, "w")
    except OSError as err:
        raise OutputError(f"cannot write {output}: {err.strerror or err}") from None


def _refuse(
    output: Path,
    named: str,
    inputs: Sequence[str | os.PathLike[str]],
    configs: Sequence[str | os.PathLike[str]],
) -> None:
    target = os.path.realpath(output)
    if any(target == os.path.realpath(p) for p in inputs):
        raise OutputError(f"{named} is one of the input files", "write it elsewhere")
    names = {output.name, os.path.basename(target)}
    if names & CONFIG_NAMES or any(target == os.path.realpath(p) for p in configs):
        raise OutputError(f"{named} is a pomkit configuration file", "choose another file name")
    if os.path.isdir(target):
        raise OutputError(f"{named} is a directory", "name a file in it")
    parent = os.path.dirname(target)
    if not os.path.isdir(parent):
        raise OutputError(f"{named}: directory {parent} does not exist")
    if os.path.exists(target) and not os.access(target, os.W_OK):
        # Renaming would replace a read-only file that a plain write could not change.
        raise OutputError(f"cannot write {output}: permission denied")


_DESCRIPTOR = re.compile(r"/dev/(?:stdout|stderr|fd/[0-9]+)|/proc/(?:self|[0-9]+)/fd/[0-9]+")


def _is_descriptor(output: Path) -> bool:
    """``/dev/stdout``, ``/dev/fd/N``: a stream the process holds open, written in place
    even when it leads to a regular file (a shell redirection)."""
    return _DESCRIPTOR.fullmatch(os.path.abspath(output)) is not None


def _write_in_place(output: Path, text: str, mode: str) -> None:
    with open(output, mode, encoding="utf-8", newline="") as stream:
        _copy(text, stream)


def _copy(text: str, stream: IO[str]) -> None:
    """Write ``text`` to ``stream`` (one seam, for the tests that interrupt a write)."""
    stream.write(text)


def _replace(target: Path, text: str) -> None:
    """Write ``target`` through a temporary file beside it, removed on every exit."""
    temp: str | None = None
    with _ending_raises():
        try:
            with _signals_held():
                # Between creating the file and knowing its name, no signal may land.
                handle, temp = tempfile.mkstemp(
                    prefix=f".{target.name}{TEMP_MARK}", dir=target.parent
                )
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                _copy(text, stream)
            # mkstemp makes the file private; give it the mode a plain write would.
            os.chmod(temp, _created_mode(target))
            with _signals_held():
                os.replace(temp, target)
                temp = None
        finally:
            if temp is not None:
                with _signals_held(), contextlib.suppress(OSError):
                    os.unlink(temp)


def _created_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back SIGINT and the ending signals for a few system calls (where possible)."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    held = {signal.SIGINT, *_ENDING}
    previous = mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


class Terminated(BaseException):
    """The process was asked to end (SIGTERM, SIGHUP) while writing a file."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"terminated by signal {signum}")
        self.signum = signum


@contextlib.contextmanager
def _ending_raises() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`Terminated` for the duration, so that the
    temporary file is removed; only where their default (ending the process) is set."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    for signum in _ENDING:
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)

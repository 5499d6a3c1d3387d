"""Opening outputs safely: never over an input, never over a device, never over work by accident.

Every command that takes ``-o`` goes through :func:`check_output` before anything is opened for
writing:

- an output that is the same file as an input (same device and inode, so links and other
  spellings are caught) is refused: writing it would truncate the input;
- an existing output is overwritten only with ``--force`` (``newsnlp run`` also continues it
  with ``--resume``); an empty file or a device such as ``/dev/null`` needs neither;
- the error says what to do, and is raised as a usage error (exit code 2).

:func:`open_text_output` then writes a regular file through a temporary file renamed onto it
(so it appears whole or not at all; a symbolic link keeps pointing at the renamed file), and
writes straight through to anything that is not a regular file (``/dev/null``, ``/dev/stdout``,
a FIFO): those are never replaced by a rename.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from newsnlp.errors import Errors, InputError, OutputError

__all__ = [
    "BatchInterrupted",
    "check_output",
    "is_regular_or_new",
    "open_text_output",
    "output_error",
    "sync_if_regular",
]

STDOUT = "-"


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a run; the message says what was written and how to continue."""


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def is_regular_or_new(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` (links followed) is a regular file or does not exist yet."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # missing, or under something that is not a folder (said when it is created)
        return True


def check_output(
    output: str | os.PathLike[str] | None,
    inputs: Iterable[str | os.PathLike[str] | None] = (),
    *,
    force: bool = False,
    resume: bool = False,
    resumable: bool = False,
    folder: bool = False,
) -> None:
    """Refuse ``output`` when it is an input, or exists and would be overwritten unasked.

    ``resumable`` says the command has ``--resume`` (the message then offers it); ``folder``
    that the output is a folder of one file per document (an existing folder with files in it
    needs ``--force`` or ``--resume``).
    """
    if output is None or str(output) == STDOUT:
        return
    target = _identity(output)
    if target is not None:
        for source in inputs:
            if source is None or str(source) == STDOUT:
                continue
            if _identity(source) == target:
                raise InputError(Errors.E065.format(output=output, input=source))
    if force or resume:
        return
    hint = ", or --resume to continue it" if resumable else ""
    if folder:
        path = Path(output)
        if path.is_dir() and any(not p.name.startswith(".") for p in path.iterdir()):
            raise InputError(Errors.E066.format(path=f"The folder {output}", resume=hint))
        return
    try:
        info = os.stat(output)
    except (OSError, ValueError):
        return
    if stat.S_ISREG(info.st_mode) and info.st_size > 0:
        raise InputError(Errors.E066.format(path=output, resume=hint))


def output_error(path: str | os.PathLike[str], exc: OSError, written: int | None = None) -> OutputError:
    """An :class:`OutputError` (exit code 1) that names the file, the cause and what to do."""
    reason = exc.strerror or str(exc)
    if written is None:
        return OutputError(Errors.E068.format(path=path, reason=reason))
    return OutputError(Errors.E078.format(path=path, written=written, reason=reason))


def sync_if_regular(fd: int) -> None:
    """fsync a regular file; pipes, terminals and devices cannot be synced and need not be."""
    if stat.S_ISREG(os.fstat(fd).st_mode):
        os.fsync(fd)


def make_parent(path: str | os.PathLike[str]) -> None:
    """Create the folder an output goes into; a clear :class:`OutputError` when that fails."""
    parent = Path(path).parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if isinstance(exc, FileExistsError) or parent.exists():
            exc = NotADirectoryError(exc.errno, f"{parent} is a file, not a folder")
        raise output_error(path, exc) from None


@contextmanager
def open_text_output(
    path: str | None,
    *,
    inputs: Iterable[str | os.PathLike[str] | None] = (),
    force: bool = False,
) -> Iterator[TextIO]:
    """Standard output, or ``path`` opened for writing text (see the module notes).

    The file is checked with :func:`check_output` first. Ctrl-C leaves a regular file as it was
    and says so; a write that fails (disk full, read-only) is an :class:`OutputError`.
    """
    if not path or path == STDOUT:
        yield sys.stdout
        sys.stdout.flush()
        return
    check_output(path, inputs, force=force)
    real = Path(os.path.realpath(path))  # a symbolic link stays a link to the file it names
    if not is_regular_or_new(real):
        try:
            with real.open("w", encoding="utf-8", newline="\n") as handle:
                yield handle
        except OSError as exc:  # /dev/full, a FIFO whose reader went away, …
            raise output_error(path, exc) from None
        return
    make_parent(real)
    tmp = real.with_name(f".{real.name}.partial")
    try:
        try:
            with tmp.open("w", encoding="utf-8", newline="\n") as handle:
                yield handle
            os.replace(tmp, real)
        except KeyboardInterrupt:
            raise BatchInterrupted(Errors.E079.format(path=path)) from None
        except OSError as exc:
            raise output_error(path, exc) from None
    finally:
        tmp.unlink(missing_ok=True)

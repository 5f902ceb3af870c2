"""Writing output files so that a crash, a full disk or a failed render never leaves a
half-written grid where people (or a web server) will read it."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..entry import files_written, raise_if_interrupted

NEW_FILE_MODE = 0o644
"""Published files are meant to be read by others; `mkstemp` alone would leave them owner-only."""
FSYNC_EACH_UP_TO = 16


class InterruptedAfterWriting(KeyboardInterrupt):
    """Ctrl-C came while the files were being renamed into place; it was held back until all of
    them were, so the run ends interrupted but with every file complete and consistent."""

    output_written = True


def write_atomically(path: Path | str, data: str | bytes) -> Path:
    """Replace `path` with `data` (text is written as UTF-8, line ends untouched).

    The bytes go to a temporary file in the same folder (a rename is only atomic within one
    file system), are fsynced, then renamed over `path`: readers see the old file or the new
    one, never a mix. On any failure the temporary file is removed and `path` is untouched.
    """
    return write_all_atomically({Path(path): data})[0]


def write_all_atomically(files: Mapping[Path, str | bytes]) -> list[Path]:
    """Write several files that belong together (a grid's CSV and its page) as one step.

    Every file is staged and made durable first, and each target is checked to be replaceable,
    so a failure (a full disk, a folder where a file should be) or Ctrl-C leaves all of them as they
    were. Only then are they renamed into place, one after the other, with Ctrl-C held back. A path
    that is a symbolic link is written through: its target gets the new contents.

    Many files (a calendar and an itinerary per speaker: 2,000 for FOSDEM) are made durable by
    one `sync` on Linux, where it waits for the disk, instead of an fsync each: measured here,
    2,000 fsyncs took 1 to 7 s, one sync a few hundredths.
    """
    raise_if_interrupted()
    for path in files:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "a folder is in the way", str(path))
    sync_once = len(files) > FSYNC_EACH_UP_TO and sys.platform.startswith("linux")
    targets = {Path(os.path.realpath(path)): data for path, data in files.items()}
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in targets.items():
            staged.append((_staged_copy(target, data, fsync=not sync_once), target))
        if sync_once:
            os.sync()
        with _ctrl_c_held_back():
            for temporary, target in staged:
                os.replace(temporary, target)
            for folder in {target.parent for target in targets}:
                _sync_folder(folder)
            files_written()
    except InterruptedAfterWriting:
        raise
    except BaseException:
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        raise
    return list(files)


@contextlib.contextmanager
def _ctrl_c_held_back() -> Iterator[None]:
    """Ctrl-C between two renames would publish a new CSV beside an old page: hold it back until
    the last rename, then raise it. Only the main thread may handle signals; elsewhere, and when
    Ctrl-C is ignored anyway, this changes nothing."""
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous in (signal.SIG_IGN, None):
        yield
        return
    pressed: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, _frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise InterruptedAfterWriting


def _staged_copy(path: Path, data: str | bytes, *, fsync: bool) -> str:
    """A temporary file beside `path` holding `data`, with the mode `path` has or will have;
    fsynced unless the caller syncs all files at once."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else NEW_FILE_MODE
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable. POSIX only: Windows cannot open a folder to fsync it."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

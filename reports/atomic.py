"""Writing output files so that a crash, a full disk or a failed render never leaves a
half-written grid where people (or a web server) will read it."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o644
"""Published files are meant to be read by others; `mkstemp` alone would leave them owner-only."""


def write_atomically(path: Path | str, data: str | bytes) -> Path:
    """Replace `path` with `data` (text is written as UTF-8, line ends untouched).

    The bytes go to a temporary file in the same folder (a rename is only atomic within one
    file system), are fsynced, then renamed over `path`: readers see the old file or the new
    one, never a mix. On any failure the temporary file is removed and `path` is untouched.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else NEW_FILE_MODE
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable. POSIX only: Windows cannot open a folder to fsync it."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

"""Reading an input file with bounds: a regular file, no larger than its kind allows.

Every file the planner names (instance, scenario, grid CSV, schedule to import) is read here, so
that `/dev/zero`, a named pipe with no writer or a file of gigabytes is one clear problem instead
of a hang or an exhausted memory. The limits are far above real files: FOSDEM 2025, 943 talks,
is a 0.25 MB instance, a 0.12 MB grid and a 2 MB schedule.xml.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError, Problem

MEBIBYTE = 1024 * 1024
YAML_MAX_BYTES = 2 * MEBIBYTE
"""Instances and scenarios: 8 times FOSDEM 2025's instance, 4 times the largest synthetic conference
benchmarked (2,000 talks). A file with a problem is read again the careful way (pure Python, which
keeps lines): 30 s and 0.3 GB for a 2 MB file with 20,000 problems, measured on 2 busy cores."""
GRID_MAX_BYTES = 16 * MEBIBYTE
"""Grid CSVs: they repeat each title and speaker list per occurrence, so they outgrow the instance."""
SCHEDULE_MAX_BYTES = 32 * MEBIBYTE
"""frab/pretalx schedules to import: 16 times FOSDEM 2025's, which carries every abstract."""


def read_input_bytes(path: Path, kind: str, limit: int) -> bytes:
    """The file's bytes, or an InputError saying why it cannot be used as `kind` ("an instance YAML file")."""
    try:
        # Non-blocking, so that opening a named pipe with no writer returns at once (it is then refused).
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(path, [Problem("file", "no such file")]) from None
    except OSError as error:
        raise InputError(path, [Problem("file", f"cannot be read: {error.strerror or error}")]) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(path, [Problem("file", f"is a folder, not {kind}")])
        if not stat.S_ISREG(mode):
            message = f"is not a regular file (a device, a named pipe or a socket); save {kind} as a file and give that"
            raise InputError(path, [Problem("file", message)])
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)  # one byte more than allowed tells a file that is too large
    except OSError as error:
        raise InputError(path, [Problem("file", f"cannot be read: {error.strerror or error}")]) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        message = f"is larger than {limit // MEBIBYTE} MiB, the most {kind} may be; is it the right file?"
        raise InputError(path, [Problem("file", message)])
    return data


def read_input_text(path: Path, kind: str, limit: int, save_as: str = "UTF-8") -> str:
    """The file as UTF-8 text (a byte-order mark, as spreadsheets and Windows editors write, is dropped);
    `save_as` names the encoding to choose when saving it again."""
    data = read_input_bytes(path, kind, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as {save_as}"
        raise InputError(path, [Problem("file", message, line)]) from None

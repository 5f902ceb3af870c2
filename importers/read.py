"""Which reader a schedule file needs: by its suffix, else by its first character."""

from __future__ import annotations

from pathlib import Path

from ..models import InputError, Problem
from .frab_json import read_schedule_json
from .frab_xml import read_schedule_xml
from .imported import ImportedSchedule


def read_schedule(path: Path) -> ImportedSchedule:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, [Problem("file", "no such file")]) from None
    except IsADirectoryError:
        raise InputError(path, [Problem("file", "is a folder, not a schedule file")]) from None
    except OSError as error:
        raise InputError(path, [Problem("file", f"cannot be read: {error.strerror or error}")]) from None
    suffix = path.suffix.lower()
    first = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if suffix == ".xml" or (suffix != ".json" and first == b"<"):
        return read_schedule_xml(data, path)
    if suffix == ".json" or first == b"{":
        return read_schedule_json(data, path)
    message = "is neither a schedule XML (frab, pentabarf) nor a schedule JSON (pretalx, frab); name it .xml or .json"
    raise InputError(path, [Problem("file", message)])

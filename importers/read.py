"""Which reader a schedule file needs: by its suffix, else by its first character."""

from __future__ import annotations

from pathlib import Path

from ..models import InputError, Problem
from ..models.input_files import SCHEDULE_MAX_BYTES, read_input_bytes
from .frab_json import read_schedule_json
from .frab_xml import read_schedule_xml
from .imported import ImportedSchedule


def read_schedule(path: Path) -> ImportedSchedule:
    data = read_input_bytes(path, "a schedule file", SCHEDULE_MAX_BYTES)
    suffix = path.suffix.lower()
    first = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if suffix == ".xml" or (suffix != ".json" and first == b"<"):
        return read_schedule_xml(data, path)
    if suffix == ".json" or first == b"{":
        return read_schedule_json(data, path)
    message = "is neither a schedule XML (frab, pentabarf) nor a schedule JSON (pretalx, frab); name it .xml or .json"
    raise InputError(path, [Problem("file", message)])

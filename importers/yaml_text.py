"""Writing YAML by hand: each value quoted as YAML 1.2 (the loader's dialect) reads it back.

The instance is written as text, not dumped, so that its comments sit exactly where a planner
reads them and the same program always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
"""Text that YAML reads back as the same text when written bare (bar the words below)."""
RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
"""Words some YAML readers take for booleans or null: always quoted, whatever the dialect."""

Value = str | int | dt.date | Sequence["Value"] | Mapping[str, "Value"]


def quoted(text: str) -> str:
    """A double-quoted YAML scalar: backslash escapes for quotes and for every character that
    YAML does not allow raw (controls, line and paragraph separators, a stray BOM)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or char in "\u2028\u2029\ufeff"
            or 0xD800 <= code <= 0xDFFF
            or code in (0xFFFE, 0xFFFF)
        ):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def text(value: str) -> str:
    """Free text (titles, names): always quoted, so a colon, a `#` or a leading `[` is just text."""
    return quoted(value)


def name(value: str) -> str:
    """An id or a key: bare when that reads back as the same text, quoted otherwise."""
    return value if PLAIN.match(value) and value.lower() not in RESERVED else quoted(value)


def clock(minute: int) -> str:
    """A time of day, always quoted: bare `10:15` is sexagesimal 615 to a YAML 1.1 reader."""
    return f'"{minute // 60:02d}:{minute % 60:02d}"'


def flow(value: Value) -> str:
    """A value on one line: `{day: 2025-02-01, start: "10:30"}`, `[a, b]`. Strings must come
    already written (by `text`, `name` or `clock`); dates and numbers are written here."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)

"""What a name or a title may hold, and when two names are the same name to a planner.

Names and titles end up in a terminal, a spreadsheet and a web page. A control character there
is never meant: ESC starts a terminal escape sequence (it can retitle the window or clear the
screen), NUL and the C1 controls confuse every consumer, and the bidirectional overrides
(U+202A-U+202E, U+2066-U+2069) make text display in another order than it is stored, so a
name could read as something it is not. They are refused where a file is read, each with its
line, and `visible` shows any that come from elsewhere (a file name, a grid cell) as escapes.
The left-to-right and right-to-left marks (U+200E, U+200F), which Arabic and Hebrew names do
use, are allowed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

ONE_LINE_MAX = 500
"""Characters in a name, title, label or reason: three times FOSDEM 2025's longest title (169),
and small enough that a grid CSV cell always reads back (the csv module caps cells)."""
PARAGRAPH_MAX = 5000
"""Characters in a description, which may run over several lines."""

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
"""C0 but tab and newline, DEL, C1, the line and paragraph separators, and the bidi controls."""
UNSAFE_IN_PARAGRAPH = re.compile(f"[{_CONTROLS}]")
UNSAFE_IN_LINE = re.compile(f"[\t\n{_CONTROLS}]")


def unsafe_character(text: str, *, paragraph: bool = False) -> str | None:
    """Why `text` cannot be a name, title or description, or None when it can."""
    found = (UNSAFE_IN_PARAGRAPH if paragraph else UNSAFE_IN_LINE).search(text)
    if found is None:
        return None
    kind = "a line break or tab" if found.group() in "\t\n\r" else "a control character"
    return f"contains {kind} ({describe_character(found.group())}) at character {found.start() + 1}; only plain text is allowed"


def describe_character(char: str) -> str:
    """`U+001B ESCAPE`, `U+202E RIGHT-TO-LEFT OVERRIDE`: how a planner can find it in an editor."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}{' ' + name if name else ''}"


def one_line(text: str) -> str:
    """A pydantic validator: names, titles, labels and reasons are one line of plain text."""
    if problem := unsafe_character(text):
        raise ValueError(problem)
    return text


def paragraph(text: str) -> str:
    """A pydantic validator: descriptions may run over lines, but hold no control characters."""
    if problem := unsafe_character(text, paragraph=True):
        raise ValueError(problem)
    return text


def visible(text: str) -> str:
    """`text` with every control character shown as an escape (`\\x1b`, `\\u202e`), for a terminal."""
    return UNSAFE_IN_LINE.sub(lambda found: repr(found.group())[1:-1], text)


def folded(name: str) -> str:
    """Names compared as a planner reads them: `nicholson  hall` is Nicholson Hall. The grid CSV
    reader finds rooms this way, so rooms must differ after it (`models.semantics`)."""
    return " ".join(name.split()).casefold()


SUGGESTIONS = 12
"""Wrong ids and names that get a "Did you mean": as many problems as one screen shows."""


class ClosestNames:
    """The known id or name closest to a wrong one, for the first `SUGGESTIONS` asked. A file
    with 20,000 wrong references took minutes when each was compared with every speaker, for
    suggestions no screen would show. One per file read."""

    def __init__(self) -> None:
        self.left = SUGGESTIONS

    def closest(self, given: str, known: Iterable[str]) -> str | None:
        if not self.left:
            return None
        self.left -= 1
        close = difflib.get_close_matches(given, list(known), n=1)
        return close[0] if close else None

"""The line a field of a JSON document is written on, for error messages.

The json module keeps no positions, so the path is followed through the text itself: keys, and
the values off the path that are skipped, are read with the module's own `raw_decode`. Only
called when a problem is reported, so it needs no index of its own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """1-based line of the deepest part of `path` the document has (a key's own line for keys)."""
    index = _skip(text, 0)
    found: int | None = None
    try:
        for step in path:
            at = _key(text, index, step) if isinstance(step, str) else _item(text, index, step)
            if at is None:
                break
            found, index = at
    except (ValueError, IndexError):
        pass  # text that stopped being JSON mid-way: the deepest part found so far is the best answer
    return None if found is None else text.count("\n", 0, found) + 1


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in _WHITESPACE:
        index += 1
    return index


def _key(text: str, index: int, key: str) -> tuple[int, int] | None:
    """(where the key is written, where its value starts) in the object at `index`."""
    if text[index] != "{":
        return None
    index = _skip(text, index + 1)
    while text[index] == '"':
        key_at = index
        name, index = _DECODER.raw_decode(text, index)  # a key is a JSON string
        index = _skip(text, _skip(text, index) + 1)  # past the colon
        if name == key:
            return key_at, index
        index = _past_value(text, index)
    return None


def _item(text: str, index: int, position: int) -> tuple[int, int] | None:
    """(where item `position` starts, the same) in the array at `index`."""
    if text[index] != "[":
        return None
    index = _skip(text, index + 1)
    for _ in range(position):
        if text[index] == "]":
            return None
        index = _past_value(text, index)
    return (index, index) if text[index] != "]" else None


def _past_value(text: str, index: int) -> int:
    """The start of the next key or item after the value at `index` (or the closing bracket)."""
    _, index = _DECODER.raw_decode(text, index)
    index = _skip(text, index)
    return _skip(text, index + 1) if text[index] == "," else index

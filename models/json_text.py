"""JSON as Python's json module would read it, without its two crashes on hostile files.

The module reads nested arrays by recursion and gives up with a RecursionError, and it will not read
a whole number of more than 4,300 digits (a ValueError). Both are refused here first, by name and at
their line, for every JSON file a planner names (schedules to import, pretalx favourites).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .errors import InputError, Problem

MAX_NESTING = 50
"""Lists and mappings inside each other, in JSON and YAML alike; an instance needs 5 (talks, a talk,
its pins, a pin), a schedule to import 11."""
LONGEST_NUMBER = 100
"""Digits; Python refuses to read a whole number of more than 4,300 digits, and a count here has 6."""

_NESTING_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
"""A JSON string (skipped whole, brackets and all) or a bracket: exactly how JSON nests."""


def refuse_deep_nesting(text: str, path: Path, needed: str) -> None:
    """An InputError at the first bracket nested more than MAX_NESTING deep; `needed` says how deep
    the file's own kind goes ("a schedule needs 11")."""
    depth = 0
    for token in _NESTING_TOKEN.finditer(text):
        if token.group() in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, token.start()) + 1
                message = f"arrays and objects are nested more than {MAX_NESTING} deep here; {needed}"
                raise InputError(path, [Problem("JSON nesting", message, line)])
        elif token.group() in "]}":
            depth -= 1


class NumberTooLong(Exception):
    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.digits = digits

    def problem(self, text: str) -> Problem:
        """The problem at the number's line in `text`."""
        line = text.count("\n", 0, text.find(self.digits)) + 1
        message = f"a number {len(self.digits):,} digits long; no id or count here needs more than {LONGEST_NUMBER}"
        return Problem("number", message, line)


def whole_number(digits: str) -> int:
    """`parse_int` for json.loads: a whole number of more than LONGEST_NUMBER digits raises NumberTooLong."""
    if len(digits) > LONGEST_NUMBER:
        raise NumberTooLong(digits)
    return int(digits)


def loads(text: str, **options: Any) -> Any:
    """json.loads with whole numbers bounded (NumberTooLong); call `refuse_deep_nesting` first."""
    return json.loads(text, parse_int=whole_number, **options)

"""Read attendees' wish lists: a CSV of `attendee,talk[,weight]`, or pretalx's favourites as JSON.

The CSV is read as forgivingly as a grid (`models.tolerant_csv`): one row per wish, the talk named by
its id as in the grid's `session_id`, an optional positive whole `weight` (1 when left out). A talk
held inside another (a lightning talk in its block) is seen by attending its container, so a wish
for it counts as a wish for the container. Every bad row is reported at once, with its line and
field, and a talk id close to a real one is suggested.

pretalx keeps each attendee's favourites as a JSON list of submission codes: its API answers
`GET /api/events/<event>/submissions/favourites/` with one, and its schedule page keeps the same
list in the browser's local storage under `<event>_favs`. pretalx has no export of every attendee's
favourites at once, so a planner collects them: a JSON file holding one such list (the attendee is
the file's name), a JSON object of lists by attendee, or a folder of list files. Codes are matched
to talks by their `code` (which `amj-solve import` keeps from a pretalx export) or by talk id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import json_text
from .errors import InputError, Problem
from .input_files import read_input_text
from .instance import Instance
from .json_text import NumberTooLong, refuse_deep_nesting
from .names import ClosestNames, unsafe_character
from .tolerant_csv import read_records
from .wish_book import AttendeeWishes, Wish, WishBook

WISHES_MAX_BYTES = 64 * 1024 * 1024
"""Wish lists: FOSDEM 2025 with 5,000 attendees of 10 wishes is 0.8 MB; a conference of 100,000
attendees of 20 wishes would be about 30 MB."""
COLUMNS = ("attendee", "talk")
OPTIONAL = ("weight",)
MAX_WEIGHT = 1_000
ANOTHER_CONFERENCE_ROWS = 3
"""Rows of which none names a talk, beyond which the file is taken for another conference's."""


def read_wishes(path: Path | str, instance: Instance) -> WishBook:
    """The wishes in `path` (a CSV, a pretalx favourites JSON, or a folder of those JSON files)."""
    path = Path(path)
    if path.is_dir() or path.suffix.casefold() == ".json":
        book = _read_favourites(path, instance)
    else:
        book = _read_csv(path, instance)
    if not book.attendees:
        # Given on purpose and yet empty: most likely the wrong file, and never what a planner means.
        raise InputError(
            path, [Problem("file", "holds no wish: not one attendee wishes for a talk; is it the right file?")]
        )
    return book


class _TalkFinder:
    """The talk a wish names: its id, a pretalx code, or a talk held inside one (its container)."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.talk_of = {talk.id: talk.id for talk in instance.talks}
        self.talk_of |= {nested.id: talk.id for talk in instance.talks for nested in talk.contains}
        self.talk_of |= {talk.code.casefold(): talk.id for talk in instance.talks if talk.code}
        self.fixed = {item.id: item.title for item in instance.fixed_items}
        self.names = ClosestNames()

    def find(self, given: str) -> str | Problem:
        found = self.talk_of.get(given) or self.talk_of.get(given.casefold())
        if found is not None:
            return found
        if not given:
            return Problem("talk", "is empty")
        if given in self.fixed:
            return Problem("talk", f"'{given}' is the fixed item '{self.fixed[given]}', not a talk; wishes name talks")
        close = self.names.closest(given, self.instance.talk_by_id)
        hint = f". Did you mean '{close}'?" if close else ""
        return Problem("talk", f"no talk of {self.instance.conference.name} has the id '{given}'{hint}")


def _read_csv(path: Path, instance: Instance) -> WishBook:
    records = read_records(path, "wish list", COLUMNS, WISHES_MAX_BYTES, OPTIONAL)
    finder = _TalkFinder(instance)
    wishes: dict[str, dict[str, tuple[Wish, int]]] = {}
    problems: list[Problem] = []
    for record in records:
        attendee, talk, weight = record["attendee"], finder.find(record["talk"]), _weight(record.get("weight"))
        faults = [found for found in (talk, weight) if isinstance(found, Problem)]
        if not attendee:
            faults.insert(0, Problem("attendee", "is empty"))
        if faults:
            fields, messages = ", ".join(f.field for f in faults), "; ".join(f.message for f in faults)
            problems.append(Problem(fields, messages, record.line))
            continue
        assert isinstance(talk, str) and isinstance(weight, int)
        mine = wishes.setdefault(attendee, {})
        if talk in mine:
            title = instance.talk_by_id[talk].title
            earlier = mine[talk][1]
            problems.append(Problem("talk", f"{attendee} already wishes for '{title}' on line {earlier}", record.line))
            continue
        mine[talk] = (Wish(talk, weight), record.line)
    if (
        len(records) >= ANOTHER_CONFERENCE_ROWS
        and len(problems) == len(records)
        and all(p.field == "talk" for p in problems)
    ):
        problems = [_another_conference(instance, records[0].line)]
    if problems:
        raise InputError(path, problems)
    return WishBook(
        path.name,
        tuple(AttendeeWishes(attendee, tuple(wish for wish, _ in mine.values())) for attendee, mine in wishes.items()),
    )


def _weight(text: str) -> int | Problem:
    if not text:
        return 1
    if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_WEIGHT:
        return int(text)
    return Problem("weight", f"'{text}' is not a weight (a whole number from 1 to {MAX_WEIGHT:,})")


def _another_conference(instance: Instance, line: int) -> Problem:
    return Problem(
        "talk",
        f"none of the wished talks is a talk of {instance.conference.name}; is it another conference's wish list?",
        line,
    )


def _read_favourites(path: Path, instance: Instance) -> WishBook:
    """pretalx favourites: one list per attendee, as its API gives them. A problem in a folder's file
    is reported in that file, the first such file first."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if path.is_dir() and not files:
        raise InputError(path, [Problem("folder", "holds no .json file of pretalx favourites")])
    finder = _TalkFinder(instance)
    attendees: list[AttendeeWishes] = []
    file_of: dict[str, str] = {}
    for file in files:
        text = read_input_text(file, "a pretalx favourites JSON file", WISHES_MAX_BYTES)
        problems: list[Problem] = []
        for attendee, codes, where in _favourite_lists(file, text):
            at = _line_of(text, attendee) if where else None
            if why := _attendee_problem(attendee):
                problems.append(Problem("attendee", why, at))
                continue
            if attendee in file_of:
                again = f"already has favourites in {file_of[attendee]}; give each attendee's favourites once"
                problems.append(Problem(attendee, again, at))
                continue
            file_of[attendee] = file.name
            wished: dict[str, Wish] = {}
            for code in codes:
                talk = finder.find(code) if isinstance(code, str) else Problem("code", "a favourite is a text code")
                if isinstance(code, str) and (why := unsafe_character(code)):
                    talk = Problem("code", why)
                if isinstance(talk, Problem):
                    problems.append(Problem(f"{where}{talk.field}", talk.message, _line_of(text, code)))
                else:
                    wished.setdefault(talk, Wish(talk))
            if wished:
                attendees.append(AttendeeWishes(attendee, tuple(wished.values())))
        if problems:
            raise InputError(file, problems)
    return WishBook(path.name, tuple(attendees))


def _attendee_problem(attendee: str) -> str | None:
    """Why a name cannot be an attendee's, as a wish list CSV's cells are judged."""
    return "is empty" if not attendee.strip() else unsafe_character(attendee)


def _favourite_lists(file: Path, text: str) -> Iterator[tuple[str, list[object], str]]:
    """(attendee, codes, where in the file) for each list the file holds."""
    refuse_deep_nesting(text, file, "favourites need 2")
    try:
        data = json_text.loads(text, object_pairs_hook=_refuse_twice_named)
    except json.JSONDecodeError as error:
        raise InputError(file, [Problem("file", f"is not valid JSON ({error.msg})", error.lineno)]) from None
    except NumberTooLong as error:
        raise InputError(file, [error.problem(text)]) from None
    except _NamedTwice as error:
        message = "is named twice; give each attendee's favourites once"
        raise InputError(file, [Problem(error.key, message, error.line_in(text))]) from None
    if isinstance(data, list):
        yield file.stem, data, ""
    elif isinstance(data, dict) and all(isinstance(codes, list) for codes in data.values()):
        for attendee, codes in data.items():
            yield str(attendee), codes, f"{attendee}."
    else:
        message = "expected pretalx favourites: a list of talk codes, or lists of codes by attendee"
        raise InputError(file, [Problem("file", message, 1)])


class _NamedTwice(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key

    def line_in(self, text: str) -> int | None:
        """The line of the key's second mention."""
        written = json.dumps(self.key)
        first = text.find(written)
        second = text.find(written, first + 1) if first >= 0 else -1
        return text.count("\n", 0, second) + 1 if second >= 0 else None


def _refuse_twice_named(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json.loads keeps the last of two equal keys; for favourites by attendee, that loses a list."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _NamedTwice(key)
        found[key] = value
    return found


def _line_of(text: str, value: object) -> int | None:
    """The line a JSON value is first written on (JSON readers keep no lines)."""
    at = text.find(json.dumps(value))
    return text.count("\n", 0, at) + 1 if at >= 0 else None

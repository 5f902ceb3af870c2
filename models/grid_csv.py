"""Read a published grid CSV back into a `Schedule`, so that any grid can be judged by the checker.

Planners edit the grid in a spreadsheet and save it again, so the reader forgives what
spreadsheets do to a file: a byte-order mark, CRLF line ends, `;` or tab separators, extra or
reordered columns, header names in another case or spacing, blank rows, cells padded with
spaces and times written `10:15:00`. It does not guess at anything that changes meaning.

Talk rows are matched to the instance by `session_id`, their breakout slot by day and start
time (labels may repeat across days), and their room by name, as the grid publishes it, or by
id. Fixed-item rows are the instance's own and are not read back. Every placement keeps the
line it was read from, so the checker's verdicts can point at rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .clock import parse_clock
from .errors import InputError, Problem
from .input_files import GRID_MAX_BYTES
from .instance import Instance
from .names import ClosestNames, folded
from .schedule import Placement, Schedule
from .tolerant_csv import Record, read_records

REQUIRED_COLUMNS = ("day", "start", "room", "kind", "session_id", "occurrence")
IDS_SHOWN = 3

PlacementKey = tuple[str, int]
"""(talk id, occurrence number): how a placement is found again, in a schedule and in a file."""


@dataclass(frozen=True)
class GridFile:
    """A grid read from CSV: the schedule, and the line of the file each placement was written on."""

    schedule: Schedule
    line_of: dict[PlacementKey, int]
    set_aside: tuple[str, ...] = ()
    """Session ids of talk rows the instance no longer has, when reading a grid to re-plan from."""


def _is_talk(record: Record) -> bool:
    return record["kind"].casefold() == "talk"


def read_grid_csv(path: Path | str, instance: Instance) -> Schedule:
    return read_grid_file(path, instance).schedule


def read_grid_file(path: Path | str, instance: Instance, *, set_aside_unknown_talks: bool = False) -> GridFile:
    """The grid at `path` as placements of `instance`'s talks; every bad row is reported at once.

    An earlier grid read to re-plan from may hold talks since removed from the instance: with
    `set_aside_unknown_talks` their rows are listed in `set_aside` instead of being errors.
    """
    path = Path(path)
    records = read_records(path, "grid", REQUIRED_COLUMNS, GRID_MAX_BYTES)
    talk_records = [record for record in records if _is_talk(record)]
    if mismatch := _another_conference(records, talk_records, instance):
        raise InputError(path, [mismatch])
    matcher = _GridMatcher(instance)
    placements: list[Placement] = []
    line_of: dict[PlacementKey, int] = {}
    problems: list[Problem] = []
    set_aside: dict[str, None] = {}
    for record in talk_records:
        if set_aside_unknown_talks and record["session_id"] and record["session_id"] not in instance.talk_by_id:
            set_aside[record["session_id"]] = None
            continue
        placement = matcher.placement(record)
        if isinstance(placement, Problem):
            problems.append(placement)
            continue
        key = (placement.talk, placement.occurrence)
        if key in line_of:
            title = instance.talk_by_id[placement.talk].title
            problems.append(
                Problem("occurrence", f"'{title}' occurrence {key[1]} is already on line {line_of[key]}", record.line)
            )
            continue
        placements.append(placement)
        line_of[key] = record.line
    if problems:
        raise InputError(path, problems)
    return GridFile(Schedule(placements=tuple(placements)), line_of, tuple(set_aside))


# --- another conference's grid ------------------------------------------------------------


def _another_conference(records: list[Record], talk_records: list[Record], instance: Instance) -> Problem | None:
    """One problem instead of a screen of unknown ids, when the grid plainly belongs elsewhere."""
    name = instance.conference.name
    grid_days = sorted({day for record in records if (day := _iso_date(record["day"]))})
    instance_days = sorted(day.date for day in instance.days)
    if grid_days and not set(grid_days) & set(instance_days):
        return Problem(
            "day",
            f"this grid is for {_day_range(grid_days)}, but {name} runs {_day_range(instance_days)}; "
            "is it another conference's grid?",
            records[0].line,
        )
    talk_ids = list(dict.fromkeys(record["session_id"] for record in talk_records))
    if talk_ids and not set(talk_ids) & instance.talk_by_id.keys():
        shown = ", ".join(talk_ids[:IDS_SHOWN])
        if len(talk_ids) > IDS_SHOWN:
            shown += f", ... ({len(talk_ids)} in all)"
        return Problem(
            "session_id",
            f"none of this grid's talk ids ({shown}) is a talk of {name}; is it another conference's grid?",
            talk_records[0].line,
        )
    return None


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _day_range(days: list[dt.date]) -> str:
    return str(days[0]) if days[0] == days[-1] else f"{days[0]} to {days[-1]}"


# --- one row as a placement ---------------------------------------------------------------


class _Fault(NamedTuple):
    field: str
    message: str


class _GridMatcher:
    """Finds the talk, breakout slot and room a row names, forgiving case and spacing in room names."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.names = ClosestNames()
        self.slot_at = {(slot.day, slot.start): slot.id for slot in instance.slots}
        # Names and ids of different rooms never fold alike (`models.semantics`): no entry is overwritten.
        self.room_called = {folded(room.name): room.id for room in instance.rooms} | {
            folded(room.id): room.id for room in instance.rooms
        }

    def placement(self, record: Record) -> Placement | Problem:
        """The row as a placement, or one problem naming every field at fault in it."""
        talk = self.talk(record["session_id"])
        slot = self.slot(record["day"], record["start"])
        room = self.room(record["room"])
        occurrence = self.occurrence(record["occurrence"])
        if isinstance(talk, str) and isinstance(slot, str) and isinstance(room, str) and isinstance(occurrence, int):
            return Placement(talk=talk, occurrence=occurrence, slot=slot, room=room)
        faults = [found for found in (talk, slot, room, occurrence) if isinstance(found, _Fault)]
        return Problem(", ".join(f.field for f in faults), "; ".join(f.message for f in faults), record.line)

    def talk(self, talk_id: str) -> str | _Fault:
        if talk_id in self.instance.talk_by_id:
            return talk_id
        if not talk_id:
            return _Fault("session_id", "is empty in a talk row")
        return _Fault(
            "session_id", f"no talk has the id '{talk_id}'{self.did_you_mean(talk_id, self.instance.talk_by_id)}"
        )

    def slot(self, day_text: str, start_text: str) -> str | _Fault:
        day = _iso_date(day_text)
        if day is None:
            return _Fault("day", f"'{day_text}' is not a date written as YYYY-MM-DD")
        try:
            start = parse_clock(start_text)
        except ValueError as error:
            return _Fault("start", str(error))
        if (day, start) in self.slot_at:
            return self.slot_at[day, start]
        starts = [f"{slot.start:%H:%M}" for slot in self.instance.slots_in_order if slot.day == day]
        if not starts:
            return _Fault("day", f"there are no breakout slots on {day}")
        return _Fault("start", f"no breakout slot starts at {start:%H:%M} on {day}; they start at {', '.join(starts)}")

    def room(self, room_name: str) -> str | _Fault:
        if folded(room_name) in self.room_called:
            return self.room_called[folded(room_name)]
        if not room_name:
            return _Fault("room", "is empty in a talk row")
        names = [room.name for room in self.instance.rooms]
        return _Fault("room", f"no room is named '{room_name}'{self.did_you_mean(room_name, names)}")

    def did_you_mean(self, given: str, known: Iterable[str]) -> str:
        close = self.names.closest(given, known)
        return f". Did you mean '{close}'?" if close else ""

    @staticmethod
    def occurrence(text: str) -> int | _Fault:
        if text.isascii() and text.isdigit() and len(text) <= 6 and int(text) >= 1:  # 5,000 digits would not convert
            return int(text)
        return _Fault("occurrence", f"'{text}' is not an occurrence number (1, 2, ...)")

"""The published grid as people read it: per day, time down and rooms across.

The terminal and the HTML page both draw from this one layout, so they always agree on
which rooms a day shows and where each talk sits.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from amj_scheduler.models import BreakoutSlot, Instance, Room, Schedule

from .program import ProgramEntry, program_entries


@dataclass(frozen=True)
class Booking:
    """A talk in a cell. A talk of length 2 fills two slot rows; the second is `continued`."""

    entry: ProgramEntry
    continued: bool = False


@dataclass(frozen=True)
class SlotRow:
    """A breakout slot: one cell per room column, each holding the talks placed there.

    A cell is a tuple, not a single talk, so that an unchecked schedule that double-books a
    room shows both talks rather than silently publishing one of them.
    """

    slot: BreakoutSlot
    cells: tuple[tuple[Booking, ...], ...]


@dataclass(frozen=True)
class FixedRow:
    """A fixed item (plenary, break, meal, ...): published across the whole width of the day."""

    entry: ProgramEntry


Row = SlotRow | FixedRow


@dataclass(frozen=True)
class DayGrid:
    date: dt.date
    name: str
    rooms: tuple[Room, ...]
    """The room columns; empty on a day without breakout slots (a concert evening, say)."""
    rows: tuple[Row, ...]
    """Slot rows and fixed rows in time order."""


def day_grids(instance: Instance, schedule: Schedule) -> list[DayGrid]:
    """One grid per conference day, in date order."""
    entries = program_entries(instance, schedule)
    return [_day_grid(instance, day.date, day.name, entries) for day in sorted(instance.days, key=lambda d: d.date)]


def _day_grid(instance: Instance, date: dt.date, name: str, entries: list[ProgramEntry]) -> DayGrid:
    slots = [slot for slot in instance.slots_in_order if slot.day == date]
    talks = [entry for entry in entries if entry.day == date and entry.slots]
    fixed = [entry for entry in entries if entry.day == date and not entry.slots]
    # Every breakout room keeps its column on a day with breakouts, so columns stay put from
    # slot to slot; a talk placed in another room (only an unchecked schedule) still gets one.
    used = {entry.room.id for entry in talks if entry.room}
    rooms = tuple(room for room in instance.rooms if (room.breakout and slots) or room.id in used)

    cells: dict[tuple[str, str], list[Booking]] = defaultdict(list)
    for entry in talks:
        room_id = entry.room.id if entry.room else ""
        for index, slot in enumerate(entry.slots):
            cells[slot.id, room_id].append(Booking(entry, continued=index > 0))

    slot_rows = [SlotRow(slot, tuple(tuple(cells[slot.id, room.id]) for room in rooms)) for slot in slots]
    rows: list[Row] = [*slot_rows, *(FixedRow(entry) for entry in fixed)]
    return DayGrid(date, name, rooms, tuple(sorted(rows, key=_time_order)))


def _time_order(row: Row) -> tuple[object, ...]:
    """By start; a fixed item starting with a slot comes first (doors open, then sessions)."""
    if isinstance(row, FixedRow):
        return (row.entry.start, 0, row.entry.end)
    return (row.slot.start, 1, row.slot.end)

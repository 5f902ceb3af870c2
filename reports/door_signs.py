"""`doors.html`: a sign for each room's door on each day, one printed page each: the room, the
day, and what happens there, in type readable from across a corridor.

Signs come day by day and, within a day, in the instance's order of rooms, which is how a
planner posts them each morning. A room with many talks in a day (a FOSDEM devroom holds up to
32) gets smaller type in two columns, the more so the more it holds, so its sign fits one page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from amj_scheduler.models import Instance, Room, Schedule

from .program import ProgramEntry, program_entries
from .stamp import Stamp
from .templating import render_program_page

LINE = 40
"""An entry's time and its spacing weigh about as much as this many characters of its title."""
TYPE_SIZES = (("", 900), ("dense", 2000), ("crowded", 2800), ("packed", 4200))
"""The largest type whose weight limit the sign stays within, measured by printing FOSDEM's 57 signs."""


@dataclass(frozen=True)
class DoorSign:
    room: Room
    date: dt.date
    name: str
    """The day's name, as the instance gives it."""
    entries: tuple[ProgramEntry, ...]

    @property
    def weight(self) -> int:
        """How much the sign must hold, in characters: its titles, its names (set smaller), a line each."""
        return sum(len(entry.title) + sum(map(len, entry.speakers)) // 2 + LINE for entry in self.entries)

    @property
    def density(self) -> str:
        """The sign's type: '' (large), or in two columns 'dense', 'crowded', 'packed' (smaller and smaller)."""
        return next((name for name, limit in TYPE_SIZES if self.weight <= limit), TYPE_SIZES[-1][0])


def door_signs(instance: Instance, schedule: Schedule) -> list[DoorSign]:
    """A sign for every room and day on which the room holds something, talks and fixed items alike."""
    held: dict[tuple[dt.date, str], list[ProgramEntry]] = {}
    for entry in program_entries(instance, schedule):
        if entry.room is not None:
            held.setdefault((entry.day, entry.room.id), []).append(entry)
    return [
        DoorSign(room, day.date, day.name, tuple(held[day.date, room.id]))
        for day in sorted(instance.days, key=lambda day: day.date)
        for room in instance.rooms
        if (day.date, room.id) in held
    ]


def render_door_signs(instance: Instance, schedule: Schedule, stamp: Stamp) -> str:
    return render_program_page("doors.html.j2", instance, stamp, signs=door_signs(instance, schedule))

"""`doors.html`: a sign for each room's door on each day, one printed page each: the room, the
day, and what happens there, in type readable from across a corridor.

Signs come day by day and, within a day, in the instance's order of rooms, which is how a
planner posts them each morning. A room with many talks in a day (a FOSDEM devroom holds up to
32) gets smaller type in two columns, so that its sign still fits one page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from amj_scheduler.models import Instance, Room, Schedule

from .program import ProgramEntry, program_entries
from .stamp import Stamp
from .templating import render_program_page

ROOMY = 10
"""A sign with more entries than this is set in two columns of smaller type."""


@dataclass(frozen=True)
class DoorSign:
    room: Room
    date: dt.date
    name: str
    """The day's name, as the instance gives it."""
    entries: tuple[ProgramEntry, ...]

    @property
    def dense(self) -> bool:
        return len(self.entries) > ROOMY


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

"""The published program of a conference on breakout windows, per day and room: each room's
day as a lane of track blocks.

FOSDEM has some 900 talks in 29 rooms, each room given to one track (devroom) for half a day
or a day. A reader finds their devroom first and its talks second, so both the terminal and
the HTML page start from these lanes: a block is the run of consecutive talks of one track in
one room; a talk without a track and a fixed item in a room are blocks of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from amj_scheduler.models import Instance, Room, Schedule, Track

from ..models.clock import Clock
from .program import ProgramEntry, program_entries


@dataclass(frozen=True)
class TrackBlock:
    """Consecutive program items of one room: the talks of one track, or a single other item."""

    track: Track | None
    """None for a talk without a track and for a fixed item: then `entries` holds just that one."""
    entries: tuple[ProgramEntry, ...]

    @property
    def start(self) -> Clock:
        return self.entries[0].start

    @property
    def end(self) -> Clock:
        """The latest end, not the last talk's: an unchecked schedule may double-book the room."""
        return max(entry.end for entry in self.entries)

    @property
    def talk_count(self) -> int:
        return sum(entry.kind == "talk" for entry in self.entries)

    @property
    def audience_mark(self) -> str:
        """'Children only' when every talk of the block is for that one audience, else empty."""
        marks = {entry.audience_mark for entry in self.entries}
        return marks.pop() if len(marks) == 1 else ""


@dataclass(frozen=True)
class RoomLane:
    """One room's day: its blocks in order of start."""

    room: Room
    blocks: tuple[TrackBlock, ...]

    @property
    def entries(self) -> tuple[ProgramEntry, ...]:
        return tuple(entry for block in self.blocks for entry in block.entries)


@dataclass(frozen=True)
class DayLanes:
    date: dt.date
    name: str
    lanes: tuple[RoomLane, ...]
    """The rooms that hold anything this day, in the instance's order of rooms."""
    venue_items: tuple[ProgramEntry, ...]
    """Fixed items without a room (doors open, a venue-wide break): they belong to no lane."""

    @property
    def talk_count(self) -> int:
        return sum(block.talk_count for lane in self.lanes for block in lane.blocks)

    @property
    def is_empty(self) -> bool:
        return not self.lanes and not self.venue_items


def day_lanes(instance: Instance, schedule: Schedule) -> list[DayLanes]:
    """One entry per conference day, in date order.

    Raises ValueError, as `program_entries` does, when the schedule does not fit the instance.
    """
    entries = program_entries(instance, schedule)
    return [_day(instance, day.date, day.name, entries) for day in sorted(instance.days, key=lambda d: d.date)]


def _day(instance: Instance, date: dt.date, name: str, entries: list[ProgramEntry]) -> DayLanes:
    today = [entry for entry in entries if entry.day == date]
    lanes = []
    for room in instance.rooms:
        held = [entry for entry in today if entry.room is not None and entry.room.id == room.id]
        if held:
            lanes.append(RoomLane(room, _blocks(instance, held)))
    return DayLanes(date, name, tuple(lanes), tuple(entry for entry in today if entry.room is None))


def _blocks(instance: Instance, entries: list[ProgramEntry]) -> tuple[TrackBlock, ...]:
    """Consecutive talks of the same track, by start, make one block; anything else stands alone."""
    blocks: list[TrackBlock] = []
    for entry in sorted(entries, key=lambda e: (e.start, e.end, e.session_id, e.occurrence or 0)):
        track = track_of(instance, entry)
        if track is not None and blocks and blocks[-1].track == track:
            blocks[-1] = TrackBlock(track, (*blocks[-1].entries, entry))
        else:
            blocks.append(TrackBlock(track, (entry,)))
    return tuple(blocks)


def track_of(instance: Instance, entry: ProgramEntry) -> Track | None:
    """The track of a talk entry; None for a talk without one and for a fixed item."""
    if entry.kind != "talk":
        return None
    track_id = instance.talk_by_id[entry.session_id].track
    return instance.track_by_id[track_id] if track_id is not None else None

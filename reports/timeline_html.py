"""`grid.html` for a conference on breakout windows: per day, a timeline with a column per room.

With 29 rooms the table is wider than any screen, so the page scrolls sideways under a sticky
time column and room header, and each day opens with an index of its tracks that links to
their rooms' columns: a reader looks for their devroom by name, not by room.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from amj_scheduler.models import Instance, Room, Schedule, Track

from ..models.clock import Clock
from .stamp import Stamp
from .templating import render_program_page
from .timeline_layout import DayLanes, RoomLane, TrackBlock, day_lanes
from .timeline_table import DayTable, day_table

PRINT_ROOMS = 6
"""Rooms on one landscape page: each column keeps some 40 mm, room for a title at 8 pt."""


@dataclass(frozen=True)
class TrackStay:
    """A track's time in one room on one day, as the day's track index lists it: from its first
    talk to its last, even when a talk of no track interrupts it."""

    track: Track
    room: Room
    start: Clock
    end: Clock
    talk_count: int


@dataclass(frozen=True)
class TimelineDay:
    lanes: DayLanes
    table: DayTable
    tracks: tuple[TrackStay, ...]
    """Every track's stay in a room that day, by track name, then start."""
    print_groups: tuple[tuple[RoomLane, ...], ...]
    """The same day for paper: groups of at most `PRINT_ROOMS` rooms, each on its own pages, each
    room's talks listed down its column. Lists, not the timeline: Chromium draws a talk that a
    page break cuts through (a cell spanning rows) over the next one, and lists need no blank."""


def render_timeline_html(instance: Instance, schedule: Schedule, stamp: Stamp, *, subtitle: str = "") -> str:
    """The whole page as text: inline CSS, no scripts, no external assets."""
    days = [_timeline_day(instance, day) for day in day_lanes(instance, schedule)]
    return render_program_page("timeline.html.j2", instance, stamp, subtitle=subtitle, days=days)


def _timeline_day(instance: Instance, day: DayLanes) -> TimelineDay:
    stays = [stay for lane in day.lanes for stay in _stays(lane)]
    stays.sort(key=lambda stay: (stay.track.name.casefold(), stay.start, stay.room.name, stay.track.id))
    return TimelineDay(day, day_table(instance, day), tuple(stays), tuple(_room_groups(day.lanes)))


def _room_groups(lanes: tuple[RoomLane, ...]) -> list[tuple[RoomLane, ...]]:
    """The rooms in order, cut into as few groups of at most `PRINT_ROOMS` as will do, as even as
    they can be (28 rooms: 6, 6, 6, 5, 5), so that no page holds a lone room or two."""
    count = math.ceil(len(lanes) / PRINT_ROOMS)
    groups, start = [], 0
    for index in range(count):
        size = len(lanes) // count + (index < len(lanes) % count)
        groups.append(lanes[start : start + size])
        start += size
    return groups


def _stays(lane: RoomLane) -> list[TrackStay]:
    """The room's track blocks joined per track."""
    by_track: dict[Track, list[TrackBlock]] = {}
    for block in lane.blocks:
        if block.track is not None:
            by_track.setdefault(block.track, []).append(block)
    return [
        TrackStay(track, lane.room, blocks[0].start, max(b.end for b in blocks), sum(b.talk_count for b in blocks))
        for track, blocks in by_track.items()
    ]

"""What a track asks of a day on breakout windows: its talks in as few rooms as their minutes allow,
one after another.

The fewest rooms a track can use on a day is ceil(M / L): M the minutes of its talks placed that
day, L the most minutes of talks any one breakout room can hold that day (all its minutes inside a
breakout window, inside its opening hours if it lists any, outside its unavailable windows; fixed
items are ignored). Both the hard track rule and the soft costs measure against it. L adds up the
room's stretches rather than taking the longest, so that ceil(M / L) is a true lower bound: a track
may run in one room before and after lunch.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from amj_scheduler.models import Instance, Room, Track

from .timing import Interval, Span, intersect, on_day, subtract
from .view import Placed, ScheduleView


@dataclass(frozen=True)
class TrackDay:
    """The talks of one track placed on one day, in clock order, and the rooms they use."""

    track: Track
    day: dt.date
    placed: tuple[Placed, ...]
    rooms: tuple[Room, ...]
    """In the order the track first uses them that day."""
    longest: int
    """L: the most minutes of talks any one breakout room can hold that day."""

    @property
    def minutes(self) -> int:
        return sum(placed.span.end - placed.span.start for placed in self.placed)

    @property
    def fewest(self) -> int:
        """ceil(M / L); on a day no room can hold talks at all, the rooms it uses (those talks are
        hard-rule violations already, and a cost on top would say nothing more)."""
        return math.ceil(self.minutes / self.longest) if self.longest else len(self.rooms)

    @property
    def extra_rooms(self) -> int:
        """Rooms beyond the fewest; never below 0, which only talks overlapping in a room could reach."""
        return max(0, len(self.rooms) - self.fewest)

    def gaps(self, room: Room) -> list[Span]:
        """The empty stretches of `room` between consecutive talks of the track there, sorted by start."""
        held = [placed.span for placed in self.placed if placed.room.id == room.id]
        return [
            Span(self.day, before.end, after.start)
            for before, after in itertools.pairwise(held)
            if after.start > before.end
        ]


def track_days(view: ScheduleView) -> Iterator[TrackDay]:
    """Every (track, day) with a talk placed, tracks in instance order, days in date order."""
    by_track_day: dict[tuple[str, dt.date], list[Placed]] = defaultdict(list)
    for placed in view.placed:
        if placed.talk.track is not None:
            by_track_day[(placed.talk.track, placed.span.day)].append(placed)
    longest: dict[dt.date, int] = {}
    for track in view.instance.tracks:
        if track.room_rule == "none":  # a theme: no room rule, no gap to count
            continue
        for day in sorted(day for track_id, day in by_track_day if track_id == track.id):
            ordered = sorted(by_track_day[(track.id, day)], key=lambda placed: (placed.span.start, placed.span.end))
            rooms = {placed.room.id: placed.room for placed in ordered}
            if day not in longest:
                longest[day] = most_minutes_in_a_room(view.instance, day)
            yield TrackDay(track, day, tuple(ordered), tuple(rooms.values()), longest[day])


def most_minutes_in_a_room(instance: Instance, day: dt.date) -> int:
    """L for `day`: over breakout rooms, the most minutes one can hold talks, all windows added up."""
    windows = [on_day([window], day) for window in instance.breakout_windows if window.day == day]
    return max(
        (
            sum(end - start for start, end in _room_hours(room, day, windows))
            for room in instance.rooms
            if room.breakout
        ),
        default=0,
    )


def _room_hours(room: Room, day: dt.date, windows: list[list[Interval]]) -> Iterator[Interval]:
    """The stretches, each inside one window, in which `room` can hold talks on `day`."""
    opening = on_day(room.open, day)
    closed = on_day(room.unavailable, day)
    for window in windows:
        yield from subtract(intersect(window, opening) if room.open else window, closed)

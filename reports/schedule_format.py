"""What `schedule.xml` and `schedule.json` say alike: the conference's acronym, each day's
bounds, the rooms of a day with their events, the tracks and the grid's resolution.

The two files are one format in two syntaxes (frab/pentabarf XML, frab/pretalx JSON); deciding
what they hold once keeps an app that reads either one seeing the same program.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

from amj_scheduler.importers.ids import slugify
from amj_scheduler.models import Room, Track, minutes
from amj_scheduler.models.clock import moment

from .published_events import PublishedEvent, PublishedProgram

GENERATOR = "AMJ Scheduler"
MAX_TIMESLOT = 60


def acronym(conference_name: str) -> str:
    """`art_music_justice_2010`: lower case, digits and underscores, at least four characters,
    which both formats' patterns accept (the JSON schema allows no hyphen after the first character)."""
    return slugify(conference_name, "conference").replace("-", "_").ljust(4, "_")


def duration(total_minutes: int) -> str:
    """`01:30`: hours and minutes, as both formats write a length."""
    return f"{total_minutes // 60:02d}:{total_minutes % 60:02d}"


def timeslot(program: PublishedProgram) -> int:
    """The finest grid every start and end is on, at most an hour: what the apps draw their grid on."""
    edges = [minutes(edge) for event in program.events for edge in (event.entry.start, event.entry.end)]
    return math.gcd(*edges, MAX_TIMESLOT) if edges else MAX_TIMESLOT


def day_bounds(program: PublishedProgram, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the day's first start to its last end; midnight to midnight on a day with nothing on it."""
    events = program.on(day)
    if not events:
        midnight = moment(day, 0).replace(tzinfo=program.zone)
        return midnight, midnight + dt.timedelta(days=1)
    return min(event.start for event in events), max(event.end for event in events)


def rooms_on(program: PublishedProgram, day: dt.date) -> Iterator[tuple[Room, list[PublishedEvent]]]:
    """The rooms that hold something on `day`, in the instance's order of rooms, each with its
    events by start. Events without a room are not among them."""
    held: dict[str, list[PublishedEvent]] = {}
    for event in program.on(day):
        if event.entry.room is not None:
            held.setdefault(event.entry.room.id, []).append(event)
    for room in program.instance.rooms:
        if room.id in held:
            yield room, sorted(held[room.id], key=lambda event: (event.start, event.end, event.number))


def program_tracks(program: PublishedProgram) -> list[Track]:
    """The tracks that hold a published talk, in the instance's order."""
    used = {event.track.id for event in program.events if event.track is not None}
    return [track for track in program.instance.tracks if track.id in used]

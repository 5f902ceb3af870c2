"""A published conference program as read from any schedule format, before it becomes an instance.

The frab/pentabarf XML and the pretalx/frab JSON exports say the same things in two syntaxes;
each reader turns its file into these values (checked: every event on a day of the file, in a
room the day declares, with a positive length), so that deciding what the instance says is done once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass


def normalised(text: str) -> str:
    """How two spellings of one name compare: Unicode-normalised, case and spacing aside."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


PRETALX_TALK_URL = re.compile(r"/talk/([A-Za-z0-9]+)/?$")
"""pretalx publishes each session at `<event>/talk/<code>/`; frab and pentabarf use other paths."""


def pretalx_code(url: str | None) -> str | None:
    """The submission code in a pretalx session url, else None."""
    found = PRETALX_TALK_URL.search(url.strip()) if url else None
    return found[1] if found else None


@dataclass(frozen=True)
class ImportedPerson:
    name: str
    source_id: str | None = None
    """The file's own id for the person (person id, pretalx code or guid), when it gives one."""

    @property
    def identity(self) -> str:
        """Who this is across events: the normalised name (`importers.people` says why)."""
        return normalised(self.name)


@dataclass(frozen=True)
class ImportedEvent:
    id: str
    """The file's event id: talks become `e<id>`, so the instance, the grid and the file agree."""
    title: str
    day: dt.date
    """The conference day it belongs to (see `importers.timing`)."""
    start: int
    """Minutes from that day's midnight, local time as published; 24:00 and later after midnight."""
    minutes: int
    """Its length as published."""
    room: str
    """The room's name as the file gives it."""
    track: str | None
    type: str
    persons: tuple[ImportedPerson, ...]
    timing_note: str = ""
    """What placing it on its day took, when that was not plain (outside the day's declared hours)."""
    code: str | None = None
    """pretalx's submission code, read from the event's url: attendees' favourites name talks by it."""

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def repeat_key(self) -> tuple[object, ...]:
        """Events with equal keys are one talk given several times: same title (case and spacing
        aside), same people, same length, same track and type. pretalx gives such slots one id."""
        people = tuple(sorted(person.identity for person in self.persons))
        return normalised(self.title), people, self.minutes, self.track, self.type


@dataclass(frozen=True)
class ImportedRoom:
    name: str
    slug: str = ""
    """The file's short name for the room (`k3201`), when it gives one: a ready-made id."""
    capacity: int | None = None
    """Seats, when the file gives them (pretalx exports its rooms' capacities)."""


@dataclass(frozen=True)
class ImportedTrack:
    name: str
    color: str | None = None
    """`#RRGGBB` as the file gives it."""


@dataclass(frozen=True)
class ImportedDay:
    date: dt.date
    rooms: tuple[ImportedRoom, ...]
    """The rooms the file declares for this day, in file order, whether or not they hold events."""


@dataclass(frozen=True)
class LeftOut:
    """An event the file gives no usable length, so that it cannot be placed: listed, never dropped silently."""

    id: str
    title: str
    where: str
    """`line 424` or the JSON path of the event."""
    reason: str


@dataclass(frozen=True)
class ImportedSchedule:
    source_name: str
    """The file name the program was read from, for the instance's header comment."""
    source_format: str
    source_sha256: str
    acronym: str
    title: str
    venue: str
    time_zone: str
    """An IANA name for `conference.time_zone` (see `importers.timing.decide_zone`)."""
    time_zone_note: str
    timeslot_minutes: int | None
    """The file's `timeslot_duration`: the grid its program was planned on."""
    declared_tracks: tuple[ImportedTrack, ...]
    days: tuple[ImportedDay, ...]
    events: tuple[ImportedEvent, ...]
    """In file order."""
    """What choosing the time zone had to assume; empty when the file says it plainly."""
    reading_notes: tuple[str, ...] = ()
    """What else reading the file had to assume (speakers written outside `<persons>`)."""
    left_out: tuple[LeftOut, ...] = ()

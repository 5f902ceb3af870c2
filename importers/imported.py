"""A published conference program as read from any schedule format, before it becomes an instance.

The frab/pentabarf XML and the pretalx/frab JSON exports say the same things in two syntaxes;
each reader turns its file into these values (checked: every event on its day, in a room the
day declares, with a positive length), so that deciding what the instance says is done once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ImportedPerson:
    key: str
    """Who this is across events: the file's person id (or code, or guid), else the name."""
    name: str
    source_id: str | None = None
    """The file's own id for the person, when it gives one: it tells apart two people of one name."""


@dataclass(frozen=True)
class ImportedEvent:
    id: str
    """The file's event id: talks become `e<id>`, so the instance, the grid and the file agree."""
    title: str
    day: dt.date
    start: int
    """Minutes since midnight, local time as published."""
    minutes: int
    room: str
    """The room's name as the file gives it."""
    track: str | None
    type: str
    persons: tuple[ImportedPerson, ...]

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def repeat_key(self) -> tuple[object, ...]:
        """Events with equal keys are one talk given several times: same title (case and spacing
        aside), same people, same length, same track and type. pretalx gives such slots one id."""
        title = " ".join(self.title.split()).casefold()
        return title, tuple(sorted(person.key for person in self.persons)), self.minutes, self.track, self.type


@dataclass(frozen=True)
class ImportedRoom:
    name: str
    slug: str = ""
    """The file's short name for the room (`k3201`), when it gives one: a ready-made id."""


@dataclass(frozen=True)
class ImportedDay:
    date: dt.date
    rooms: tuple[ImportedRoom, ...]
    """The rooms the file declares for this day, in file order, whether or not they hold events."""


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
    timeslot_minutes: int | None
    """The file's `timeslot_duration`: the grid its program was planned on."""
    declared_tracks: tuple[str, ...]
    days: tuple[ImportedDay, ...]
    events: tuple[ImportedEvent, ...]
    """In file order."""

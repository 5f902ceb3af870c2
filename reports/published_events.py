"""The program as the apps and calendars receive it: every entry with its stable ids, its clock
times as moments in the conference's time zone, its track and its people.

`schedule.xml`, `schedule.json` and the iCalendar files are all written from these events, so a
talk has the same id, GUID, start and room in every one of them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from amj_scheduler.models import Instance, Schedule, Speaker, Track
from amj_scheduler.models.clock import moment

from .identity import event_guid, event_key, event_numbers
from .program import ProgramEntry, program_entries
from .timeline_layout import track_of


@dataclass(frozen=True)
class PublishedEvent:
    entry: ProgramEntry
    number: int
    """The event id the apps key favourites by."""
    guid: uuid.UUID
    start: dt.datetime
    """Aware, in the conference's time zone."""
    end: dt.datetime
    track: Track | None
    people: tuple[Speaker, ...]

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds()) // 60

    @property
    def kind(self) -> str:
        """'talk', or a fixed item's kind (plenary, concert, meal, ...): the apps' event type."""
        return self.entry.kind

    @property
    def subtitle(self) -> str:
        """What an attendee must know before walking in: who may attend, and whether it is given again."""
        return " · ".join(mark for mark in (self.entry.audience_mark, self.entry.repeat_mark) if mark)


@dataclass(frozen=True)
class PublishedProgram:
    instance: Instance
    events: tuple[PublishedEvent, ...]
    """In publication order: day, start, room."""

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.instance.conference.time_zone)

    @property
    def days(self) -> tuple[dt.date, ...]:
        return tuple(sorted(day.date for day in self.instance.days))

    def on(self, day: dt.date) -> tuple[PublishedEvent, ...]:
        return tuple(event for event in self.events if event.entry.day == day)


def published_program(instance: Instance, schedule: Schedule) -> PublishedProgram:
    zone = ZoneInfo(instance.conference.time_zone)
    name = instance.conference.name
    entries = program_entries(instance, schedule)
    numbers = event_numbers(name, entries)
    events = tuple(
        PublishedEvent(
            entry=entry,
            number=numbers[event_key(entry)],
            guid=event_guid(name, entry),
            start=moment(entry.day, entry.start).replace(tzinfo=zone),
            end=moment(entry.day, entry.end).replace(tzinfo=zone),
            track=track_of(instance, entry),
            people=tuple(instance.speaker_by_id[speaker_id] for speaker_id in entry.speaker_ids),
        )
        for entry in entries
    )
    return PublishedProgram(instance, events)

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

from .identity import event_guid, event_numbers, identity_of
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
    within: ProgramEntry | None = None
    """The session a contained talk is held inside (a lightning-talk block); None for any other."""

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds()) // 60

    @property
    def kind(self) -> str:
        """'talk' (a contained talk too), or a fixed item's kind (plenary, concert, meal, ...): the apps' event type."""
        return "talk" if self.within is not None else self.entry.kind

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
    """Every entry, and right after a session the talks it holds, each an event of its own (as
    frab and pretalx publish a lightning talk beside its block), with its container's track."""
    zone = ZoneInfo(instance.conference.time_zone)
    name = instance.conference.name
    parts = [
        (part, within)
        for entry in program_entries(instance, schedule)
        for part, within in ((entry, None), *((held, entry) for held in entry.contains))
    ]
    identities = [identity_of(part, within) for part, within in parts]
    numbers = event_numbers(name, identities)
    events = tuple(
        PublishedEvent(
            entry=part,
            number=numbers[identity.key],
            guid=event_guid(name, identity),
            start=moment(part.day, part.start).replace(tzinfo=zone),
            end=moment(part.day, part.end).replace(tzinfo=zone),
            track=track_of(instance, within or part),
            people=tuple(instance.speaker_by_id[speaker_id] for speaker_id in part.speaker_ids),
            within=within,
        )
        for (part, within), identity in zip(parts, identities, strict=True)
    )
    return PublishedProgram(instance, events)

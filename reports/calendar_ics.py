"""iCalendar files: the whole program, one calendar per room and one per speaker, for the
calendars attendees, room stewards and speakers already use.

Written with the `icalendar` library. Times carry the conference's time zone (TZID, with its
VTIMEZONE), so a phone abroad shows each talk at the hour it happens; each event's UID is its
schedule.xml GUID, so a calendar that re-reads a republished file moves the event, not copies it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar

from .published_events import PublishedEvent, PublishedProgram
from .stamp import Stamp

PRODUCT = "-//AMJ Scheduler//Published program//EN"
ZONE_MARGIN = dt.timedelta(days=7)
"""The VTIMEZONE covers the conference's days and a week either side, not 1970 to 2038."""


def calendar_files(program: PublishedProgram, stamp: Stamp, *, per_room_and_speaker: bool = True) -> dict[str, bytes]:
    """`schedule.ics` with everything; unless told otherwise, also `rooms/<room id>.ics` for each
    room that holds something and `speakers/<speaker id>.ics` with the talks each person gives
    and the items they lead or perform."""
    calendars = _Calendars(program, stamp)
    name = program.instance.conference.name
    files = {"schedule.ics": calendars.holding(name, program.events)}
    if not per_room_and_speaker:
        return files
    by_room: dict[str, list[PublishedEvent]] = {}
    by_speaker: dict[str, list[PublishedEvent]] = {}
    for event in program.events:
        if event.entry.room is not None:
            by_room.setdefault(event.entry.room.id, []).append(event)
        for person in event.people:
            by_speaker.setdefault(person.id, []).append(event)
    for room in program.instance.rooms:
        if room.id in by_room:
            files[f"rooms/{room.id}.ics"] = calendars.holding(f"{name}: {room.name}", by_room[room.id])
    for speaker in program.instance.speakers:
        if speaker.id in by_speaker:
            files[f"speakers/{speaker.id}.ics"] = calendars.holding(f"{name}: {speaker.name}", by_speaker[speaker.id])
    return files


class _Calendars:
    """Calendars that share their events: each event and the time zone are serialized by
    `icalendar` once, then placed in every calendar that holds them (FOSDEM: about 3,000 events in
    1,000 calendars; serializing each anew took 2 s)."""

    def __init__(self, program: PublishedProgram, stamp: Stamp) -> None:
        self.program = program
        self.stamp = stamp
        self.zone = icalendar.Timezone.from_tzinfo(
            program.zone,
            tzid=program.instance.conference.time_zone,
            first_date=program.days[0] - ZONE_MARGIN,
            last_date=program.days[-1] + ZONE_MARGIN,
        ).to_ical()
        self.serialized: dict[str, bytes] = {}
        self.head = self._head()

    def holding(self, title: str, events: Iterable[PublishedEvent]) -> bytes:
        """A calendar named `title` holding `events`, as the bytes of an .ics file (CRLF lines)."""
        for name in ("NAME", "X-WR-CALNAME"):  # RFC 7986's name, and the one calendar apps show
            self.head.pop(name, None)
            self.head.add(name, title)
        head = self.head.to_ical()
        end = b"END:VCALENDAR\r\n"
        if not head.endswith(end):
            raise ValueError("icalendar wrote a calendar that does not end with END:VCALENDAR")
        body = b"".join(self._event_bytes(event) for event in events)
        return head[: -len(end)] + self.zone + body + end

    def _head(self) -> icalendar.Calendar:
        """What every calendar says of itself but its name; each event's time carries its zone."""
        conference = self.program.instance.conference
        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODUCT)
        calendar.add("version", "2.0")
        calendar.add("description", f"{conference.name}, {conference.venue}: program {self.stamp.text}.")
        return calendar

    def _event_bytes(self, event: PublishedEvent) -> bytes:
        key = str(event.guid)
        if key not in self.serialized:
            self.serialized[key] = _event(event, self.stamp).to_ical()
        return self.serialized[key]


def _event(event: PublishedEvent, stamp: Stamp) -> icalendar.Event:
    entry = event.entry
    component = icalendar.Event()
    component.add("uid", str(event.guid))
    component.add("dtstamp", stamp.moment)
    component.add("dtstart", event.start)
    component.add("dtend", event.end)
    component.add("summary", entry.title)
    if entry.room_name:
        component.add("location", entry.room_name)
    details = [
        "; ".join(entry.speakers),
        event.subtitle,
        event.track.name if event.track else "",
        f"Program {stamp.text}.",
    ]
    component.add("description", "\n".join(line for line in details if line))
    component.add("categories", [event.track.name if event.track else entry.kind])
    return component

"""Read a frab/pentabarf `schedule.xml` (FOSDEM, frab, pretalx, ...) into an `ImportedSchedule`.

Lenient about what it does not need: unknown elements (`<tracks>`, `<venue>`, `<links>`,
`<feedback_url>`, ...) are ignored, so real exports that stray from the XSD still read. Strict
about what it uses: every problem names the line of the element at fault.

ElementTree itself keeps no line numbers, so the tree is built from expat's events, noting the
line each element starts on. Entity declarations are refused: schedule files never need them,
and they are how a small file makes a parser expand it without bound.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from xml.parsers import expat

from ..models import InputError, Problem
from .fields import (
    ASCII_DIGITS,
    MOST_SEATS,
    NO_LENGTH,
    FieldProblem,
    calendar_date,
    clock_minutes,
    day_bound,
    length_minutes,
    moment,
    other_room,
    other_rooms_note,
    reused_ids_note,
    unsafe_texts,
)
from .imported import (
    ImportedDay,
    ImportedEvent,
    ImportedPerson,
    ImportedRoom,
    ImportedSchedule,
    ImportedTrack,
    LeftOut,
    pretalx_code,
)
from .timing import DayFrame, OffTheDays, ZoneDecision, clock_on_day, day_frame, decide_zone, file_event

FORMAT = "frab/pentabarf schedule XML"


class _EntityDeclared(Exception):
    pass


def read_schedule_xml(data: bytes, path: Path) -> ImportedSchedule:
    root, lines = _tree_with_lines(data, path)
    return _XmlReader(path, lines).schedule(root, hashlib.sha256(data).hexdigest())


def _tree_with_lines(data: bytes, path: Path) -> tuple[ET.Element, dict[ET.Element, int]]:
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def start(tag: str, attributes: dict[str, str]) -> None:
        lines[builder.start(tag, attributes)] = parser.CurrentLineNumber

    def refuse_entity(*_: object) -> None:
        raise _EntityDeclared

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse_entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        reason = f"{expat.ErrorString(error.code)} (column {error.offset + 1}); the file is not well-formed XML"
        raise InputError(path, [Problem("XML syntax", reason, error.lineno)]) from None
    except _EntityDeclared:
        reason = "declares an entity (<!ENTITY ...>), which a schedule file never needs; refused"
        raise InputError(path, [Problem("XML syntax", reason, parser.CurrentLineNumber)]) from None
    return builder.close(), lines


def _text(element: ET.Element | None) -> str | None:
    """The element's text, stripped; None when the element is absent."""
    if element is None:
        return None
    return " ".join((element.text or "").split())


class _XmlReader:
    def __init__(self, path: Path, lines: dict[ET.Element, int]) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []
        self.event_lines: list[int] = []
        """The line of each event read, in the order read."""
        self.left_out: list[LeftOut] = []
        self.other_rooms: list[tuple[str, str]] = []
        """(event id, what its room field says) where that is not the room it is filed under."""
        self.loose_persons = 0
        """Events whose speakers are written in `<person>` outside `<persons>`."""

    def problem(self, field: str, message: str, element: ET.Element | None) -> None:
        self.problems.append(Problem(field, message, self.lines.get(element) if element is not None else None))

    def schedule(self, root: ET.Element, sha256: str) -> ImportedSchedule:
        if root.tag != "schedule":
            message = f"the file's root element is <{root.tag}>, not <schedule>: not a frab/pentabarf schedule"
            raise InputError(self.path, [Problem("file", message, self.lines[root])])
        conference = root.find("conference")
        if conference is None:
            raise InputError(self.path, [Problem("<conference>", "is missing", self.lines[root])])
        acronym = _text(conference.find("acronym")) or ""
        title = _text(conference.find("title")) or acronym
        if not title:
            self.problem("<conference>", "has neither <title> nor <acronym>; the instance needs a name", conference)
        if not root.findall("day"):
            self.problem("<day>", "the schedule has no <day> elements, so no events", root)
        zone = decide_zone(_text(conference.find("time_zone_name")) or "", _timing_samples(root))
        read_days = [(element, read) for element in root.findall("day") if (read := self.day(element, zone))]
        frames = [frame for _, (_, frame) in read_days]
        days: list[ImportedDay] = []
        events: list[ImportedEvent] = []
        for element, (day, frame) in read_days:
            if any(earlier.date == day.date for earlier in days):
                self.problem("<day> date attribute", f"{day.date} is already the date of an earlier <day>", element)
                continue
            days.append(day)
            events += self.day_events(element, frame, frames, zone)
        timeslot = self.timeslot(conference.find("timeslot_duration"))
        if self.problems:
            raise InputError(self.path, sorted(self.problems, key=lambda p: p.line or 0))
        venue = ", ".join(part for tag in ("venue", "city") if (part := _text(conference.find(tag))))
        notes = [note for note in (reused_ids_note(events, [f"line {n}" for n in self.event_lines]),) if note]
        if self.other_rooms:
            notes.append(other_rooms_note(self.other_rooms))
        if self.loose_persons:
            notes.append(
                f"{self.loose_persons} events name their speakers in a <person> element outside <persons>, "
                "several to one element separated by commas: each name is read as one speaker."
            )
        schedule = ImportedSchedule(
            source_name=self.path.name,
            source_format=FORMAT,
            source_sha256=sha256,
            acronym=acronym,
            title=title,
            venue=venue,
            time_zone=zone.name,
            time_zone_note=zone.assumption,
            timeslot_minutes=timeslot,
            declared_tracks=tuple(self.declared_tracks(root, conference)),
            days=tuple(days),
            events=tuple(events),
            reading_notes=tuple(notes),
            left_out=tuple(self.left_out),
        )
        unsafe = [
            Problem(f"event {events[at].id} <{field}>", why, self.event_lines[at])
            if at is not None
            else Problem(f"<conference> {field}", why, self.lines[conference])
            for at, field, why in unsafe_texts(schedule)
        ]
        if unsafe:
            raise InputError(self.path, unsafe)
        return schedule

    def timeslot(self, element: ET.Element | None) -> int | None:
        text = _text(element)
        if not text:
            return None
        try:
            return length_minutes(text) or None
        except FieldProblem as problem:
            self.problem("<timeslot_duration>", problem.message, element)
            return None

    @staticmethod
    def declared_tracks(root: ET.Element, conference: ET.Element) -> Iterator[ImportedTrack]:
        """`<conference><track name= color=>` (the c3voc schema) and `<tracks><track>NAME` (FOSDEM's)."""
        for element in (*conference.findall("track"), *root.findall("tracks/track")):
            if name := element.get("name") or _text(element):
                yield ImportedTrack(" ".join(name.split()), element.get("color") or None)

    def day(self, element: ET.Element, zone: ZoneDecision) -> tuple[ImportedDay, DayFrame] | None:
        try:
            start = day_bound(element.get("start"), "start")
            end = day_bound(element.get("end"), "end")
            date = calendar_date(text, "date") if (text := element.get("date")) else None
            if date is None and start is None:  # the XSD leaves the date out; its start then tells it
                raise FieldProblem("date", "is missing, and so is the start that would tell it")
        except FieldProblem as problem:
            self.problem(
                f'<day index="{element.get("index", "?")}"> {problem.field} attribute', problem.message, element
            )
            return None
        frame = day_frame(date, start, end, zone)
        rooms = []
        for room in element.findall("room"):
            if not (name := " ".join((room.get("name") or "").split())):
                self.problem("<room> name attribute", "is missing or empty; a room needs its name", room)
                continue
            rooms.append(ImportedRoom(name, room.get("slug", ""), self.capacity(room)))
        return ImportedDay(frame.date, tuple(rooms)), frame

    def capacity(self, room: ET.Element) -> int | None:
        text = (room.get("capacity") or "").strip()
        if not text:
            return None
        if not ASCII_DIGITS.fullmatch(text) or len(text) > 6 or not 0 < int(text) <= MOST_SEATS:
            self.problem("<room> capacity attribute", f"'{text}' is not a number of seats (1 to {MOST_SEATS:,})", room)
            return None
        return int(text)

    def day_events(
        self, element: ET.Element, frame: DayFrame, frames: list[DayFrame], zone: ZoneDecision
    ) -> Iterator[ImportedEvent]:
        for room in element.findall("room"):
            for event in room.findall("event"):
                name = " ".join((room.get("name") or "").split())
                if (read := self.event(event, frame, frames, zone, name)) is not None:
                    self.event_lines.append(self.lines[event])
                    yield read

    def event(
        self,
        event: ET.Element,
        frame: DayFrame,
        frames: list[DayFrame],
        zone: ZoneDecision,
        filed_under: str,
    ) -> ImportedEvent | None:
        event_id = (event.get("id") or "").strip()
        if not event_id:
            self.problem("<event> id attribute", "is missing; every event needs its id", event)
            return None
        try:
            title = self.required(event, "title")
            duration = length_minutes(text) if (text := _text(event.find("duration"))) else 0
            if duration == 0:
                self.left_out.append(LeftOut(event_id, title, f"line {self.lines[event]}", NO_LENGTH))
                return None
            local = self.local_start(event, frame, zone)
            filed = file_event(local, duration, frame, frames)
            if (elsewhere := other_room(_text(event.find("room")) or filed_under, filed_under)) is not None:
                self.other_rooms.append((event_id, elsewhere))
            persons = tuple(self.persons(event))
        except OffTheDays as off:
            date = event.find("date")
            self.problem(f"event {event_id} <date>", str(off), date if date is not None else event)
            return None
        except FieldProblem as problem:
            field = event.find(problem.field)
            self.problem(f"event {event_id} <{problem.field}>", problem.message, field if field is not None else event)
            return None
        return ImportedEvent(
            id=event_id,
            title=title,
            day=filed.date,
            start=filed.start,
            minutes=duration,
            room=filed_under,
            track=_text(event.find("track")) or None,
            type=_text(event.find("type")) or "",
            persons=persons,
            timing_note=filed.note,
            code=pretalx_code(_text(event.find("url"))),
        )

    @staticmethod
    def local_start(event: ET.Element, frame: DayFrame, zone: ZoneDecision) -> dt.datetime:
        """The event's local date and time from `<date>` and `<start>`, which must agree when both are given."""
        start_text = _text(event.find("start")) or None
        if date_text := _text(event.find("date")):
            local = zone.local(moment(date_text, "date"))
            if start_text is not None and clock_minutes(start_text, "start") != local.hour * 60 + local.minute:
                raise FieldProblem("start", f"'{start_text}' disagrees with the event's date {date_text}")
            return local
        if start_text is None:
            raise FieldProblem("start", "is missing; an event needs its start time")
        return clock_on_day(frame, clock_minutes(start_text, "start"))

    @staticmethod
    def required(event: ET.Element, tag: str) -> str:
        if not (text := _text(event.find(tag))):
            raise FieldProblem(tag, "is missing or empty")
        return text

    def persons(self, event: ET.Element) -> Iterator[ImportedPerson]:
        persons = event.find("persons")
        for person in persons.findall("person") if persons is not None else ():
            name = _text(person)
            if not name:
                raise FieldProblem("persons", "holds a <person> without a name")
            yield ImportedPerson(name, person.get("id") or person.get("guid") or None)
        loose = [name.strip() for person in event.findall("person") for name in (_text(person) or "").split(",")]
        if any(loose):
            self.loose_persons += 1
        yield from (ImportedPerson(name) for name in loose if name)


def _timing_samples(root: ET.Element) -> Iterator[tuple[dt.datetime, int | None]]:
    """Every event's aware `<date>` with its `<start>`, for choosing the time zone; what does not
    parse is left to the reading of that event, which reports it."""
    for event in root.iter("event"):
        try:
            when = moment(_text(event.find("date")) or "", "date")
            start = clock_minutes(text, "start") if (text := _text(event.find("start"))) else None
        except FieldProblem:
            continue
        if when.tzinfo is not None:
            yield when, start

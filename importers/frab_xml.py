"""Read a frab/pentabarf `schedule.xml` (FOSDEM, frab, pretalx, ...) into an `ImportedSchedule`.

Lenient about what it does not need: unknown elements (`<tracks>`, `<venue>`, `<links>`,
`<feedback_url>`, ...) are ignored, so real exports that stray from the XSD still read. Strict
about what it uses: every problem names the line of the element at fault.

ElementTree itself keeps no line numbers, so the tree is built from expat's events, noting the
line each element starts on. Entity declarations are refused: schedule files never need them,
and they are how a small file makes a parser expand it without bound.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from xml.parsers import expat

from ..models import InputError, Problem
from .fields import (
    DayBounds,
    FieldProblem,
    calendar_date,
    length_minutes,
    moment,
    reused_id_message,
    reused_ids,
    room_problem,
    start_on_day,
    unsafe_texts,
)
from .imported import ImportedDay, ImportedEvent, ImportedPerson, ImportedRoom, ImportedSchedule

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
        days: list[ImportedDay] = []
        events: list[ImportedEvent] = []
        for element in root.findall("day"):
            if (day := self.day(element)) is not None:
                if any(earlier.date == day[0].date for earlier in days):
                    self.problem(
                        "<day> date attribute", f"{day[0].date} is already the date of an earlier <day>", element
                    )
                    continue
                days.append(day[0])
                events += self.day_events(element, *day)
        self.duplicate_ids(events)
        timeslot = self.timeslot(conference.find("timeslot_duration"))
        if self.problems:
            raise InputError(self.path, sorted(self.problems, key=lambda p: p.line or 0))
        venue = ", ".join(part for tag in ("venue", "city") if (part := _text(conference.find(tag))))
        schedule = ImportedSchedule(
            source_name=self.path.name,
            source_format=FORMAT,
            source_sha256=sha256,
            acronym=acronym,
            title=title,
            venue=venue,
            time_zone=_text(conference.find("time_zone_name")) or "",
            timeslot_minutes=timeslot,
            declared_tracks=tuple(self.declared_tracks(root, conference)),
            days=tuple(days),
            events=tuple(events),
        )
        unsafe = [
            Problem(f"event {events[at].id} <{field}>", why, self.event_lines[at])
            if at is not None
            else Problem(f"<conference> <{field}>", why, self.lines[conference])
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
            return length_minutes(text)
        except FieldProblem as problem:
            self.problem("<timeslot_duration>", problem.message, element)
            return None

    @staticmethod
    def declared_tracks(root: ET.Element, conference: ET.Element) -> Iterator[str]:
        """`<conference><track name=...>` (the XSD) and `<tracks><track>NAME` (FOSDEM's addition)."""
        for element in (*conference.findall("track"), *root.findall("tracks/track")):
            if name := element.get("name") or _text(element):
                yield name

    def day(self, element: ET.Element) -> tuple[ImportedDay, DayBounds] | None:
        try:
            start = moment(text, "start") if (text := element.get("start")) else None
            end = moment(text, "end") if (text := element.get("end")) else None
            if text := element.get("date"):
                date = calendar_date(text, "date")
            elif start is not None:  # the XSD leaves the date out; its start then tells it
                date = start.date()
            else:
                raise FieldProblem("date", "is missing, and so is the start that would tell it")
        except FieldProblem as problem:
            self.problem(
                f'<day index="{element.get("index", "?")}"> {problem.field} attribute', problem.message, element
            )
            return None
        rooms = []
        for room in element.findall("room"):
            if not (name := (room.get("name") or "").strip()):
                self.problem("<room> name attribute", "is missing or empty; a room needs its name", room)
                continue
            rooms.append(ImportedRoom(name, room.get("slug", "")))
        return ImportedDay(date, tuple(rooms)), DayBounds(date, start, end)

    def day_events(self, element: ET.Element, day: ImportedDay, bounds: DayBounds) -> Iterator[ImportedEvent]:
        declared = [room.name for room in day.rooms]
        for room in element.findall("room"):
            for event in room.findall("event"):
                if (read := self.event(event, bounds, (room.get("name") or "").strip(), declared)) is not None:
                    self.event_lines.append(self.lines[event])
                    yield read

    def duplicate_ids(self, events: list[ImportedEvent]) -> None:
        for index, earlier in reused_ids(events):
            where = f"line {self.event_lines[earlier]}"
            message = reused_id_message(events[index], events[earlier], where)
            self.problems.append(Problem(f"event {events[index].id} id attribute", message, self.event_lines[index]))

    def event(self, event: ET.Element, day: DayBounds, filed_under: str, declared: list[str]) -> ImportedEvent | None:
        event_id = (event.get("id") or "").strip()
        if not event_id:
            self.problem("<event> id attribute", "is missing; every event needs its id", event)
            return None
        try:
            title = self.required(event, "title")
            duration = length_minutes(self.required(event, "duration"))
            when = moment(text, "date") if (text := _text(event.find("date"))) else None
            start_text = _text(event.find("start")) or None
            start = start_on_day(day, when, start_text, duration)
            room = _text(event.find("room")) or filed_under
            if (why := room_problem(room, filed_under, declared, day.date)) is not None:
                raise FieldProblem("room", why)
            persons = tuple(self.persons(event.find("persons")))
        except FieldProblem as problem:
            field = event.find(problem.field)
            self.problem(f"event {event_id} <{problem.field}>", problem.message, field if field is not None else event)
            return None
        return ImportedEvent(
            id=event_id,
            title=title,
            day=day.date,
            start=start,
            minutes=duration,
            room=room,
            track=_text(event.find("track")) or None,
            type=_text(event.find("type")) or "",
            persons=persons,
        )

    @staticmethod
    def required(event: ET.Element, tag: str) -> str:
        if not (text := _text(event.find(tag))):
            raise FieldProblem(tag, "is missing or empty")
        return text

    @staticmethod
    def persons(element: ET.Element | None) -> Iterator[ImportedPerson]:
        for person in element.findall("person") if element is not None else ():
            name = _text(person)
            if not name:
                raise FieldProblem("persons", "holds a <person> without a name")
            source_id = person.get("id") or person.get("guid") or None
            yield ImportedPerson(key=f"id:{source_id}" if source_id else f"name:{name}", name=name, source_id=source_id)

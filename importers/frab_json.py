"""Read a pretalx/frab `schedule.json` into an `ImportedSchedule`.

The format (c3voc's schedule JSON schema): `{"schedule": {"conference": {..., "days": [{"index",
"date", "day_start", "day_end", "rooms": {ROOM NAME: [event, ...]}}]}}}`. Unknown keys are
ignored. A problem names its path, `schedule.conference.days[0].rooms["K.3.201"][4].duration`,
and the line that path is written on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..models import InputError, Problem, json_text
from ..models.json_text import NumberTooLong, refuse_deep_nesting
from .fields import (
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
    normalised,
    pretalx_code,
)
from .json_lines import line_of
from .timing import (
    DayFrame,
    OffTheDays,
    ZoneDecision,
    clock_on_day,
    day_frame,
    day_text,
    decide_zone,
    file_event,
    hours_from_starts,
)

FORMAT = "pretalx/frab schedule JSON"


class Key(str):
    """A key chosen by the file's author (a room name), written `["K.3.201"]` in a path."""


JsonPath = tuple[str | int, ...]


def describe(path: JsonPath) -> str:
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif isinstance(step, Key):
            text += f"[{json.dumps(str(step), ensure_ascii=False)}]"
        else:
            text += f".{step}" if text else step
    return text or "file"


def read_schedule_json(data: bytes, path: Path) -> ImportedSchedule:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, [Problem("file", f"is not UTF-8 text (byte 0x{data[error.start]:02x})", line)]) from None
    refuse_deep_nesting(text, path, "a schedule needs 11")
    try:
        document = json_text.loads(text)
    except json.JSONDecodeError as error:
        reason = f"{error.msg} (column {error.colno}); the file is not valid JSON"
        raise InputError(path, [Problem("JSON syntax", reason, error.lineno)]) from None
    except NumberTooLong as error:
        raise InputError(path, [error.problem(text)]) from None
    return _JsonReader(path, text).schedule(document, hashlib.sha256(data).hexdigest())


class _JsonReader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self.event_paths: list[JsonPath] = []
        """The path of each event read, in the order read."""
        self.left_out: list[LeftOut] = []
        self.other_rooms: list[tuple[str, str]] = []
        """(event id, what its room field says) where that is not the room it is filed under."""
        self.inferred_hours: list[DayFrame] = []
        """Days that declare no hours and whose events run past midnight (`hours_from_starts`)."""

    def problem(self, path: JsonPath, message: str) -> None:
        self.problems.append(Problem(describe(path), message, line_of(self.text, path)))

    def fail_now(self, path: JsonPath, message: str) -> InputError:
        return InputError(self.path, [Problem(describe(path), message, line_of(self.text, path))])

    def schedule(self, document: Any, sha256: str) -> ImportedSchedule:
        where: JsonPath = ("schedule", "conference")
        if not isinstance(document, dict) or not isinstance(document.get("schedule"), dict):
            raise self.fail_now((), 'expected {"schedule": {"conference": ...}}: not a pretalx/frab schedule')
        conference = document["schedule"].get("conference")
        if not isinstance(conference, dict):
            raise self.fail_now(where, "is missing, or not an object {...}")
        if isinstance(document["schedule"].get("events"), list):
            raise self.fail_now(
                ("schedule", "events"),
                "one list of all events is c3voc's newer schedule JSON (schema2), which this importer does "
                "not read: export the frab/pretalx schedule.json, whose days hold rooms that hold events",
            )
        acronym = self.text_at(conference, "acronym", where) or ""
        title = self.text_at(conference, "title", where) or acronym
        if not title:
            self.problem(where, "has neither title nor acronym; the instance needs a name")
        days_value = conference.get("days")
        if not isinstance(days_value, list) or not days_value:
            self.problem(where + ("days",), "expected a list of days, each with its rooms and events")
            days_value = []
        zone = decide_zone(self.text_at(conference, "time_zone_name", where) or "", _timing_samples(days_value))
        capacities = self.capacities(conference, where)
        read_days = [
            (index, value, read)
            for index, value in enumerate(days_value)
            if (read := self.day(value, where + ("days", index), zone, capacities)) is not None
        ]
        frames = [frame for _, _, (_, frame) in read_days]
        days: list[ImportedDay] = []
        events: list[ImportedEvent] = []
        for index, value, (day, frame) in read_days:
            day_path = where + ("days", index)
            if any(earlier.date == day.date for earlier in days):
                self.problem(day_path + ("date",), f"{day.date} is already the date of an earlier day")
                continue
            days.append(day)
            events += self.day_events(value["rooms"], day_path + ("rooms",), frame, frames, zone)
        venue = self.text_at(conference, "venue", where) or ""
        timeslot = self.timeslot(conference, where)
        if self.problems:
            raise InputError(self.path, sorted(self.problems, key=lambda p: p.line or 0))
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
            declared_tracks=tuple(self.declared_tracks(conference)),
            days=tuple(days),
            events=tuple(events),
            reading_notes=tuple(self.reading_notes(events)),
            left_out=tuple(self.left_out),
        )
        for at, field, why in unsafe_texts(schedule):
            self.problem((*self.event_paths[at], field) if at is not None else (*where, field), why)
        if self.problems:
            raise InputError(self.path, self.problems)
        return schedule

    def reading_notes(self, events: list[ImportedEvent]) -> Iterator[str]:
        if note := reused_ids_note(events, [describe(path) for path in self.event_paths]):
            yield note
        if self.other_rooms:
            yield other_rooms_note(self.other_rooms)
        for frame in self.inferred_hours:
            yield (
                f"{day_text(frame.date)} declares no hours: read from its events, it begins at "
                f"{frame.hours_text().split('-')[0]}, so an event given at an earlier time of day is that "
                "night's, after midnight"
            )

    def text_at(self, mapping: dict[str, Any], key: str, where: JsonPath) -> str | None:
        """A text value, stripped; None when absent or null (a wrong type is a problem)."""
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(where + (key,), f"expected text, found {json.dumps(value)[:40]}")
            return None
        return " ".join(value.split())

    def timeslot(self, conference: dict[str, Any], where: JsonPath) -> int | None:
        if not (text := self.text_at(conference, "timeslot_duration", where)):
            return None
        try:
            return length_minutes(text) or None
        except FieldProblem as problem:
            self.problem(where + ("timeslot_duration",), problem.message)
            return None

    def capacities(self, conference: dict[str, Any], where: JsonPath) -> dict[str, int]:
        """Seats by normalised room name, from pretalx's `conference.rooms` list."""
        rooms = conference.get("rooms")
        found: dict[str, int] = {}
        for index, room in enumerate(rooms if isinstance(rooms, list) else ()):
            if not isinstance(room, dict) or not isinstance(room.get("name"), str):
                continue
            capacity = room.get("capacity")
            if capacity is None:
                continue
            if isinstance(capacity, bool) or not isinstance(capacity, int) or not 0 < capacity <= MOST_SEATS:
                self.problem(
                    where + ("rooms", index, "capacity"),
                    f"{json.dumps(capacity)[:40]} is not a number of seats (1 to {MOST_SEATS:,})",
                )
                continue
            found[normalised(room["name"])] = capacity
        return found

    @staticmethod
    def declared_tracks(conference: dict[str, Any]) -> Iterator[ImportedTrack]:
        tracks = conference.get("tracks")
        for track in tracks if isinstance(tracks, list) else ():
            name = track.get("name") if isinstance(track, dict) else track
            color = track.get("color") if isinstance(track, dict) else None
            if isinstance(name, str) and name.strip():
                yield ImportedTrack(" ".join(name.split()), color if isinstance(color, str) and color else None)

    def day(
        self, value: Any, path: JsonPath, zone: ZoneDecision, capacities: dict[str, int]
    ) -> tuple[ImportedDay, DayFrame] | None:
        if not isinstance(value, dict):
            self.problem(path, "expected a day as an object {...}")
            return None
        try:
            date = calendar_date(self.required(value, "date"), "date")
            start = day_bound(value["day_start"], "day_start") if isinstance(value.get("day_start"), str) else None
            end = day_bound(value["day_end"], "day_end") if isinstance(value.get("day_end"), str) else None
            if not isinstance(value.get("rooms"), dict):
                raise FieldProblem("rooms", 'expected the rooms as an object {"ROOM NAME": [event, ...]}')
        except FieldProblem as problem:
            self.problem(path + (problem.field,), problem.message)
            return None
        frame = day_frame(date, start, end, zone)
        if start is None and end is None and (inferred := hours_from_starts(frame.date, _clock_starts(value["rooms"]))):
            frame = inferred
            self.inferred_hours.append(frame)
        names = [" ".join(name.split()) for name in value["rooms"]]
        rooms = tuple(ImportedRoom(name, capacity=capacities.get(normalised(name))) for name in names)
        return ImportedDay(frame.date, rooms), frame

    def day_events(
        self,
        rooms: dict[str, Any],
        path: JsonPath,
        frame: DayFrame,
        frames: list[DayFrame],
        zone: ZoneDecision,
    ) -> Iterator[ImportedEvent]:
        for name, events in rooms.items():
            room_path = path + (Key(name),)
            if not isinstance(events, list):
                self.problem(room_path, "expected the room's events as a list [...]")
                continue
            filed_under = " ".join(name.split())
            for index, event in enumerate(events):
                read = self.event(event, room_path + (index,), frame, frames, zone, filed_under)
                if read is not None:
                    self.event_paths.append(room_path + (index,))
                    yield read

    def event(
        self,
        value: Any,
        path: JsonPath,
        frame: DayFrame,
        frames: list[DayFrame],
        zone: ZoneDecision,
        filed_under: str,
    ) -> ImportedEvent | None:
        if not isinstance(value, dict):
            self.problem(path, "expected an event as an object {...}")
            return None
        try:
            event_id = self.event_id(value.get("id"))
            title = self.required(value, "title")
            duration = length_minutes(text) if (text := self.optional(value, "duration")) else 0
            if duration == 0:
                self.left_out.append(LeftOut(event_id, title, describe(path), NO_LENGTH))
                return None
            local = self.local_start(value, frame, zone)
            filed = file_event(local, duration, frame, frames)
            if (elsewhere := other_room(self.optional(value, "room") or filed_under, filed_under)) is not None:
                self.other_rooms.append((event_id, elsewhere))
            persons = tuple(self.persons(value.get("persons")))
            track = self.optional(value, "track")
            kind = self.optional(value, "type") or ""
        except OffTheDays as off:
            self.problem(path + ("date",), str(off))
            return None
        except FieldProblem as problem:
            self.problem(path + (problem.field,), problem.message)
            return None
        return ImportedEvent(
            event_id,
            title,
            filed.date,
            filed.start,
            duration,
            filed_under,
            track,
            kind,
            persons,
            filed.note,
            pretalx_code(url if isinstance(url := value.get("url"), str) else None),
        )

    @staticmethod
    def event_id(value: Any) -> str:
        if isinstance(value, float):  # 1e308, NaN, 12.5: JSON numbers that are no event's id
            raise FieldProblem("id", f"{json.dumps(value)} is not an event id; ids are whole numbers or text")
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip():
            raise FieldProblem("id", "is missing; every event needs its id (a number or text)")
        return str(value).strip()

    @staticmethod
    def required(mapping: dict[str, Any], key: str) -> str:
        value = mapping.get(key)
        if value is None:
            raise FieldProblem(key, "is missing")
        if not isinstance(value, str):
            raise FieldProblem(key, f"expected text, found {json.dumps(value)[:40]}")
        if not value.strip():
            raise FieldProblem(key, "is empty")
        return " ".join(value.split())

    @staticmethod
    def optional(mapping: dict[str, Any], key: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise FieldProblem(key, f"expected text, found {json.dumps(value)[:40]}")
        return " ".join(value.split()) or None

    def local_start(self, event: dict[str, Any], frame: DayFrame, zone: ZoneDecision) -> dt.datetime:
        """The event's local date and time from `date` and `start` (pretalx gives both, and they
        must agree); the schema also allows a full date and time in `start`."""
        date_text, start_text = self.optional(event, "date"), self.optional(event, "start")
        if start_text and "T" in start_text:
            date_text, start_text = date_text or start_text, None
        if date_text:
            local = zone.local(moment(date_text, "date"))
            if start_text is not None and clock_minutes(start_text, "start") != local.hour * 60 + local.minute:
                raise FieldProblem("start", f"'{start_text}' disagrees with the event's date {date_text}")
            return local
        if start_text is None:
            raise FieldProblem("start", "is missing; an event needs its start time")
        return clock_on_day(frame, clock_minutes(start_text, "start"))

    @staticmethod
    def persons(value: Any) -> Iterator[ImportedPerson]:
        if value is None:
            return
        if not isinstance(value, list):
            raise FieldProblem("persons", "expected a list of persons [...]")
        for index, person in enumerate(value):
            # frab's schedule.json before 2014 (30C3) writes full_public_name
            keys = ("name", "public_name", "full_public_name")
            name = next((person[k] for k in keys if person.get(k)), None) if isinstance(person, dict) else None
            if not isinstance(name, str) or not name.strip():
                raise FieldProblem("persons", f"persons[{index}] has no name (neither name nor public_name)")
            source = next((str(person[k]) for k in ("code", "guid", "id") if person.get(k) not in (None, "")), None)
            yield ImportedPerson(" ".join(name.split()), source)


def _timing_samples(days: list[Any]) -> Iterator[tuple[dt.datetime, int | None]]:
    """Every event's aware `date` with its `start`, for choosing the time zone; what does not
    parse is left to the reading of that event, which reports it."""
    for day in days:
        rooms = day.get("rooms") if isinstance(day, dict) else None
        for events in rooms.values() if isinstance(rooms, dict) else ():
            for event in events if isinstance(events, list) else ():
                if not isinstance(event, dict) or not isinstance(event.get("date"), str):
                    continue
                try:
                    when = moment(event["date"], "date")
                    start = event.get("start")
                    clock = clock_minutes(start, "start") if isinstance(start, str) and "T" not in start else None
                except FieldProblem:
                    continue
                if when.tzinfo is not None:
                    yield when, clock


def _clock_starts(rooms: dict[str, Any]) -> Iterator[list[int]]:
    """Per room, in the file's order, the start times of its events given as a time of day alone."""
    for events in rooms.values():
        starts = []
        for event in events if isinstance(events, list) else ():
            start = event.get("start") if isinstance(event, dict) else None
            if isinstance(start, str) and "T" not in start and not event.get("date"):
                with contextlib.suppress(FieldProblem):
                    starts.append(clock_minutes(start, "start"))
        yield starts

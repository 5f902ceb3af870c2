"""Reading the values that schedule files share (times, lengths, dates), and the checks that
place an event on its day, the same for XML and JSON.

Each check raises `FieldProblem` with a neutral field name (`duration`, `start`, ...); the
reader of each format turns it into its own spelling (`<duration>`, `...[4].duration`) and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..models.instance import ASCII_DIGITS
from ..models.names import unsafe_character
from .imported import ImportedEvent, ImportedSchedule

MINUTES_PER_DAY = 24 * 60


class FieldProblem(Exception):
    """One field of one event (or day) that cannot be used as written."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def clock_minutes(text: str, field: str) -> int:
    """`10:35` (or `10:35:00`) as minutes since midnight."""
    parts = text.strip().split(":")
    if len(parts) in (2, 3) and all(ASCII_DIGITS.fullmatch(p) for p in parts):
        hour, minute = int(parts[0]), int(parts[1])
        second = int(parts[2]) if len(parts) == 3 else 0
        if hour <= 23 and minute <= 59 and second == 0:
            return hour * 60 + minute
    raise FieldProblem(field, f"'{text}' is not a time of day written as HH:MM")


def length_minutes(text: str, field: str = "duration") -> int:
    """`00:25`, `1:30` or `01:30:00` as a positive number of minutes."""
    parts = text.strip().split(":")
    if len(parts) in (2, 3) and all(ASCII_DIGITS.fullmatch(p) for p in parts) and int(parts[1]) <= 59:
        if len(parts) == 3 and int(parts[2]) != 0:
            raise FieldProblem(field, f"'{text}' is not a whole number of minutes")
        total = int(parts[0]) * 60 + int(parts[1])
        if total <= 0:
            raise FieldProblem(field, f"'{text}' is no time at all; an event lasts at least one minute")
        return total
    raise FieldProblem(field, f"'{text}' is not a length written as HH:MM (for example 00:25)")


def calendar_date(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise FieldProblem(field, f"'{text}' is not a date written as YYYY-MM-DD") from None


def moment(text: str, field: str) -> dt.datetime:
    """An ISO 8601 date and time such as `2025-02-01T10:35:00+01:00`."""
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise FieldProblem(field, f"'{text}' is not a date and time such as 2025-02-01T10:35:00+01:00") from None


@dataclass(frozen=True)
class DayBounds:
    """A day as the file declares it: its date, and the stretch its events must start in."""

    date: dt.date
    start: dt.datetime | None = None
    end: dt.datetime | None = None


def start_on_day(day: DayBounds, when: dt.datetime | None, start_text: str | None, minutes: int) -> int:
    """The event's start in minutes since midnight, once it is known to lie on `day`.

    `when` is the event's full date and time, `start_text` its `HH:MM`; a file may give either
    or both, and when both they must agree. The event must start on the day's date, within the
    day's declared start and end, and end by midnight: an instance's windows lie within one date.
    """
    if when is None:
        if start_text is None:
            raise FieldProblem("start", "is missing; an event needs its start time")
        start = clock_minutes(start_text, "start")
        zone = day.start.tzinfo if day.start else day.end.tzinfo if day.end else None
        at = dt.datetime.combine(day.date, dt.time(*divmod(start, 60)), tzinfo=zone)
    else:
        start = when.hour * 60 + when.minute
        if start_text is not None and clock_minutes(start_text, "start") != start:
            raise FieldProblem("start", f"'{start_text}' disagrees with the event's date {when.isoformat()}")
        if when.date() != day.date:
            raise FieldProblem("date", f"{when.isoformat()} is not on its day, {day.date}")
        at = when
    field = "date" if when is not None else "start"
    if day.start is not None and _comparable(at, day.start) < day.start:
        raise FieldProblem(field, f"starts at {_clock(start)}, before its day starts ({day.start.isoformat()})")
    if day.end is not None and _comparable(at, day.end) > day.end:
        raise FieldProblem(field, f"starts at {_clock(start)}, after its day ends ({day.end.isoformat()})")
    if start + minutes > MINUTES_PER_DAY:
        raise FieldProblem("duration", f"{minutes} minutes from {_clock(start)} runs past midnight, out of its day")
    return start


def room_problem(named: str, filed_under: str, declared: Iterable[str], day: dt.date) -> str | None:
    """Why an event's own room field cannot be used, or None: it must name the room it is filed under."""
    if named == filed_under:
        return None
    declared = list(declared)
    if named in declared:
        return f"'{named}' is another room than '{filed_under}', where the file lists the event"
    close = difflib.get_close_matches(named, declared, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"'{named}' is not a room of {day} (the day declares {len(declared)} rooms).{hint}"


def reused_ids(events: Sequence[ImportedEvent]) -> Iterator[tuple[int, int]]:
    """(index, index of the earlier event) for each event whose id an earlier, different event has.

    An id may repeat only for another slot of the same event (pretalx numbers the slots of a
    talk given twice alike); any other repeat would make two talks of one id.
    """
    first: dict[str, int] = {}
    for index, event in enumerate(events):
        earlier = first.setdefault(event.id, index)
        if earlier != index and events[earlier].repeat_key != event.repeat_key:
            yield index, earlier


def reused_id_message(event: ImportedEvent, earlier: ImportedEvent, where: str) -> str:
    return (
        f"'{event.id}' is also the id of '{earlier.title}' ({where}), a different event; "
        "an id repeats only for another time slot of the same event"
    )


def unsafe_texts(schedule: ImportedSchedule) -> Iterator[tuple[int | None, str, str]]:
    """(index of the event, or None for the conference, field, why) for each name or title that
    holds a control character. They would reach the instance, the terminal and the grid, so the
    import stops at the file's own line instead (whitespace is already folded to single spaces)."""
    conference = [
        ("title", schedule.title),
        ("acronym", schedule.acronym),
        ("venue", schedule.venue),
        ("time_zone_name", schedule.time_zone),
        *(("tracks", name) for name in schedule.declared_tracks),
        *(("rooms", room.name) for day in schedule.days for room in day.rooms),
    ]
    for field, text in conference:
        if why := unsafe_character(text):
            yield None, field, why
    for index, event in enumerate(schedule.events):
        texts = [("id", event.id), ("title", event.title), ("room", event.room), ("track", event.track or "")]
        texts += [("type", event.type), *(("persons", person.name) for person in event.persons)]
        for field, text in texts:
            if why := unsafe_character(text):
                yield index, field, why


def _comparable(at: dt.datetime, reference: dt.datetime) -> dt.datetime:
    """`at` as `reference` can be compared with: aware and naive times compare by their wall clock."""
    if (at.tzinfo is None) == (reference.tzinfo is None):
        return at
    return at.replace(tzinfo=reference.tzinfo)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"

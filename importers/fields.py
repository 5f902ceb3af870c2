"""Reading the values that schedule files share (times, lengths, dates), the same for XML and JSON.

Each check raises `FieldProblem` with a neutral field name (`duration`, `start`, ...); the
reader of each format turns it into its own spelling (`<duration>`, `...[4].duration`) and line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from ..models.names import unsafe_character
from .imported import ImportedEvent, ImportedSchedule, normalised

SHOWN = 3
"""Examples a reading note gives before "and N more"."""
ASCII_DIGITS = re.compile("[0-9]+")
"""Not str.isdigit, which also takes Arabic-Indic and other scripts' digits, and superscripts."""
MOST_SEATS = 100_000
"""The most seats a room of an instance may have (`models.instance.Count`)."""


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
    """`00:25`, `1:30` or `01:30:00` as a number of minutes (0 for `00:00`: the reader decides)."""
    parts = text.strip().split(":")
    if len(parts) in (2, 3) and all(ASCII_DIGITS.fullmatch(p) for p in parts) and int(parts[1]) <= 59:
        if len(parts) == 3 and int(parts[2]) != 0:
            raise FieldProblem(field, f"'{text}' is not a whole number of minutes")
        return int(parts[0]) * 60 + int(parts[1])
    raise FieldProblem(field, f"'{text}' is not a length written as HH:MM (for example 00:25)")


NO_LENGTH = "the file gives it no length (an empty or 00:00 duration), so it cannot be placed"


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


def day_bound(text: str | None, field: str) -> dt.datetime | None:
    """A day's declared start or end; None when absent or a bare date, which says no time of day."""
    if text is None or not text.strip() or "T" not in text:
        return None
    return moment(text, field)


def other_room(named: str, filed_under: str) -> str | None:
    """A note when an event's own room field names another room than the one it is filed under
    (case and spacing aside): the file's structure decides, as every reader of it shows it there."""
    if normalised(named) == normalised(filed_under):
        return None
    return f"'{named}' under '{filed_under}'"


def other_rooms_note(found: Sequence[tuple[str, str]]) -> str:
    """One reading note for every event whose room field disagrees with where it is filed."""
    shown = "; ".join(f"event {event_id}: {what}" for event_id, what in found[:SHOWN])
    more = f"; and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    events = "1 event names" if len(found) == 1 else f"{len(found)} events name"
    return (
        f"{events} another room in their room field than the room they are filed under "
        f"({shown}{more}): each is taken to be where it is filed."
    )


def reused_ids_note(events: Sequence[ImportedEvent], where: Sequence[str]) -> str | None:
    """One reading note for event ids the file gives to different events (a merged schedule
    numbers each source's events from 1): each event stays its own talk, its id made unique.

    An id may repeat for another slot of the same event: pretalx numbers the slots of a talk
    given twice alike, and such slots are one talk anyway.
    """
    first: dict[str, int] = {}
    clashes: dict[str, list[int]] = {}
    for index, event in enumerate(events):
        earlier = first.setdefault(event.id, index)
        if earlier != index and events[earlier].repeat_key != event.repeat_key:
            clashes.setdefault(event.id, [earlier]).append(index)
    if not clashes:
        return None
    shown = "; ".join(
        f"{event_id}: {', '.join(f'{events[i].title!r} ({where[i]})' for i in indices)}"
        for event_id, indices in list(clashes.items())[:SHOWN]
    )
    more = f"; and {len(clashes) - SHOWN} more" if len(clashes) > SHOWN else ""
    ids = "1 event id is" if len(clashes) == 1 else f"{len(clashes)} event ids are each"
    return (
        f"{ids} given to different events ({shown}{more}): each event stays its own talk, and talks of one id "
        "are told apart by their room (e<id>-<room>)."
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
        *(("tracks", track.name) for track in schedule.declared_tracks),
        *(("rooms", room.name) for day in schedule.days for room in day.rooms),
        *((f"event {left.id} title ({left.where})", left.title) for left in schedule.left_out),
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

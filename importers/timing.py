"""When a published event happens: the conference's time zone, and the day each event belongs to.

Real exports disagree with themselves. A congress day runs from 11:00 to 04:00 the next
morning, so its 00:50 talk is dated the next day but belongs to the day it is filed under; a
day's declared start is written in UTC while its events carry +01:00; wafer writes `<date>` in
UTC and `<start>` in local time; pretalx names the zone `UTC` while every date says +01:00.
This module settles each of these once, for both formats, and says what it assumed.

An event belongs to the day whose declared hours hold it, else to the day it is filed under; its
start is counted in minutes from that day's midnight, so 01:30 the next morning is 25:30.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LAST_MINUTE = 48 * 60 - 1
"""A conference day's times run to 47:59, 23:59 on the next date."""
NIGHT_ENDS = 30 * 60
"""06:00 the next morning: a day filed under a date is widened to hold an event up to then, no further."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def clock_text(minute: int) -> str:
    """`25:30` for 01:30 on the next date: how the instance writes times past midnight."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def day_text(date: dt.date) -> str:
    return f"{WEEKDAYS[date.weekday()]} {date.isoformat()}"


@dataclass(frozen=True)
class ZoneDecision:
    """The zone the instance states, and how the file's dates become local wall-clock times."""

    name: str
    """An IANA name for `conference.time_zone`."""
    zone: ZoneInfo | None
    """Aware dates are converted into this zone; None: each date's own offset is its local time."""
    assumption: str = ""
    """What had to be assumed to choose it, for the instance's header; empty when the file says it."""

    def local(self, when: dt.datetime) -> dt.datetime:
        """`when` as a naive local date and time."""
        if when.tzinfo is not None and self.zone is not None:
            when = when.astimezone(self.zone)
        return when.replace(tzinfo=None)


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _offset_text(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _fixed_zone(offset: dt.timedelta) -> str | None:
    """The IANA name of a zone always at this offset: `Etc/GMT-1` is UTC+01:00 (POSIX signs)."""
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest:
        return None
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def decide_zone(declared: str, samples: Iterable[tuple[dt.datetime, int | None]]) -> ZoneDecision:
    """The zone from the file's own name for it, when its dates read in it as published.

    `samples` are the events' aware dates, each with its `HH:MM` start in minutes when the file
    writes one too. A declared zone is used when every date, converted into it, shows its start
    (wafer writes UTC dates with local starts). Otherwise the dates' own offsets are the local
    time, and the zone is the fixed-offset one they name, never UTC by default.
    """
    samples = list(samples)
    zone = _zone(declared)
    if zone is not None and all(
        start is None or _minute_of_day(when.astimezone(zone)) == start for when, start in samples
    ):
        return ZoneDecision(declared, zone)
    offsets = Counter(when.utcoffset() for when, _ in samples)
    if not offsets:
        said = f"names the zone '{declared}', which is not an IANA time zone" if declared else "gives no time zone"
        return ZoneDecision(
            "UTC",
            None,
            f"The file {said} and its times no offset: conference.time_zone is UTC; times are as published.",
        )
    offset = offsets.most_common(1)[0][0]
    assert offset is not None  # every sample is aware
    written = " and ".join(_offset_text(o) for o in sorted(o for o in offsets if o is not None))
    if zone is not None:
        why = f"The file names the time zone {declared}, but its dates ({written}) show their starts only in their own offset"
    elif declared:
        why = f"The file's time zone '{declared}' is not an IANA time zone; its dates are written {written}"
    else:
        why = f"The file gives no time zone name; its dates are written {written}"
    fixed = _fixed_zone(offset)
    name = fixed or "UTC"
    stated = (
        f"conference.time_zone is {name} (always {_offset_text(offset)})"
        if fixed
        else f"no IANA zone is always {_offset_text(offset)}, so conference.time_zone is UTC"
    )
    return ZoneDecision(
        name,
        None,
        f"{why}: {stated}, and every time is the local time as published. Write the venue's own zone "
        "(such as Europe/Berlin) there if you know it.",
    )


def _minute_of_day(when: dt.datetime) -> int:
    return when.hour * 60 + when.minute


@dataclass(frozen=True)
class DayFrame:
    """A day of the file: the local date it stands for and the hours it declares, when it does."""

    date: dt.date
    start: dt.datetime | None = None
    """Declared start, local and naive; None when the file gives no time of day for it."""
    end: dt.datetime | None = None

    def minute(self, local: dt.datetime) -> int:
        """Minutes from this day's midnight to `local`: 1530 for 01:30 on the next date."""
        return int((local - dt.datetime.combine(self.date, dt.time())).total_seconds()) // 60

    def holds(self, local: dt.datetime) -> bool:
        return self.start is not None and self.end is not None and self.start <= local < self.end

    def hours_text(self) -> str:
        assert self.start is not None and self.end is not None
        return f"{clock_text(self.minute(self.start))}-{clock_text(self.minute(self.end))}"


def day_frame(date: dt.date | None, start: dt.datetime | None, end: dt.datetime | None, zone: ZoneDecision) -> DayFrame:
    """A day from its `date` and its declared `start` and `end` (None where a bound has no time).

    Its date is the local date of its declared start when it has one: wafer dates a day by the
    UTC date of its start, which for Kochi is the evening before.
    """
    local_start = zone.local(start) if start is not None else None
    local_end = zone.local(end) if end is not None else None
    if local_start is not None:
        date = local_start.date()
    if date is None:
        raise ValueError("a day needs a date or a start")
    return DayFrame(date, local_start, local_end)


@dataclass(frozen=True)
class Filed:
    """Where an event belongs: its day and its start in minutes from that day's midnight."""

    date: dt.date
    start: int
    note: str = ""


class OffTheDays(ValueError):
    """The event lies on no day of the file, however its day's hours are read."""


def hours_from_starts(date: dt.date, rooms: Iterable[Sequence[int]]) -> DayFrame | None:
    """The hours of a day that declares none (frab's JSON of 2013 gives a date alone), read from its
    rooms' events as the file lists them, each room in time order: where a room's times go back
    (30C3's Saal 1: 11:30 ... 23:00, then 00:00), the rest of that room's day is the night after
    midnight. The day then begins at its first event before the turn. None when no room turns, or
    when what would be the night does not end before the day begins and by 06:00 (an unsorted list
    rather than a night)."""
    day: list[int] = []
    night: list[int] = []
    for starts in rooms:
        turned = False
        for earlier, later in itertools.pairwise([-1, *starts]):
            turned = turned or later < earlier
            (night if turned else day).append(later)
    if not night or not day or max(night) >= min(min(day), NIGHT_ENDS - 24 * 60):
        return None
    start = dt.datetime.combine(date, dt.time()) + dt.timedelta(minutes=min(day))
    return DayFrame(date, start, start + dt.timedelta(days=1))


def clock_on_day(frame: DayFrame, minute: int) -> dt.datetime:
    """An event given by its `HH:MM` alone: on its day's date, or on the next when only that
    lies inside the day's declared hours (00:30 in a day that runs to 04:00)."""
    midnight = dt.datetime.combine(frame.date, dt.time())
    same, next_date = midnight + dt.timedelta(minutes=minute), midnight + dt.timedelta(days=1, minutes=minute)
    return next_date if not frame.holds(same) and frame.holds(next_date) else same


def file_event(local: dt.datetime, minutes: int, filed: DayFrame, frames: Sequence[DayFrame]) -> Filed:
    """The day `local` belongs to: the one it is filed under when that day's declared hours hold
    it, else another day whose hours do, else the day it is filed under (widened to hold it),
    else the day of its own date. Declared hours are advisory: events a little outside them are
    normal in real programs."""
    if filed.holds(local):
        return Filed(filed.date, filed.minute(local))
    other = next((frame for frame in frames if frame is not filed and frame.holds(local)), None)
    if other is not None:
        return Filed(
            other.date,
            other.minute(local),
            f"filed under {day_text(filed.date)} but inside {day_text(other.date)}'s declared hours "
            f"({other.hours_text()}): it belongs to that day",
        )
    minute = filed.minute(local)
    if 0 <= minute < NIGHT_ENDS and minute + minutes <= LAST_MINUTE + 1:
        note = ""
        if filed.start is not None and filed.end is not None:
            note = (
                f"at {clock_text(minute)}-{clock_text(minute + minutes)}, outside {day_text(filed.date)}'s "
                f"declared hours ({filed.hours_text()}): the day's window is widened to hold it"
            )
        return Filed(filed.date, minute, note)
    own = next((frame for frame in frames if frame.date == local.date()), None)
    if own is not None:
        return Filed(own.date, own.minute(local), f"filed under {day_text(filed.date)} but dated {local.date()}")
    raise OffTheDays(f"{local:%Y-%m-%d %H:%M} lies neither on its day, {filed.date}, nor on any other day of the file")

"""How dates and clock times read in the published grid, kept in one place so that the CSV,
the terminal grid and the HTML page never disagree.

Weekday and month names are spelled out here rather than taken from `strftime`, whose names
follow the process locale: the same schedule must publish the same bytes on every machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..models.clock import Clock

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def clock(time: Clock) -> str:
    """24-hour HH:MM, the only clock format the published grid uses."""
    return f"{time.hour:02d}:{time.minute:02d}"


def time_range(start: Clock, end: Clock) -> str:
    return f"{clock(start)}–{clock(end)}"


def long_date(day: dt.date) -> str:
    """'Saturday 17 April 2010': attendees find their day by weekday, so it leads."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def day_title(day: dt.date, name: str = "") -> str:
    """The heading of a day's grid; a day name that only repeats the weekday is dropped."""
    title = long_date(day)
    return f"{title} · {name}" if name and name.casefold() != WEEKDAYS[day.weekday()].casefold() else title


def date_span(days: Iterable[dt.date]) -> str:
    """The conference dates for a heading: '16–18 April 2010', '30 April – 2 May 2010'."""
    ordered = sorted(days)
    if not ordered:
        return ""
    first, last = ordered[0], ordered[-1]
    if first == last:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {last.day} {MONTHS[last.month - 1]} {last.year}"
    return f"{first.day} {MONTHS[first.month - 1]} {first.year} – {last.day} {MONTHS[last.month - 1]} {last.year}"


def kind_name(kind: str) -> str:
    """A fixed item's kind as a reader says it: 'resource-centre' is 'Resource centre'."""
    return kind.replace("-", " ").capitalize()

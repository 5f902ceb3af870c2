"""Sentences a planner can read: titles, names, labels and clock times, never indices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from amj_scheduler.models import Instance

from .timing import Span
from .view import Placed


def day_name(instance: Instance, date: dt.date) -> str:
    """The day's own name when the instance gives one ("Thursday"), else "Thu 12 Jun"."""
    for day in instance.days:
        if day.date == date and day.name:
            return day.name
    return f"{date:%a} {date.day} {date:%b}"


def clock_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


WHOLE_DAY = (0, 23 * 60 + 59)
"""00:00-23:59, the widest window an instance can write: a closure or absence all day."""


def span_text(instance: Instance, span: Span) -> str:
    """ "Thu 12 Jun 10:00-11:00", or "all day Thu 12 Jun"."""
    if (span.start, span.end) == WHOLE_DAY:
        return f"all day {day_name(instance, span.day)}"
    return f"{day_name(instance, span.day)} {clock_text(span.start)}-{clock_text(span.end)}"


def talk_text(placed: Placed) -> str:
    """ "'Title'", with the occurrence when the talk is given more than once."""
    title = f"'{placed.talk.title}'"
    if placed.talk.occurrences > 1:
        return f"{title} (occurrence {placed.placement.occurrence})"
    return title


def when_text(instance: Instance, placed: Placed) -> str:
    """ "Session I, Thu 12 Jun 10:00-11:00"; a longer talk names its first and last slot, a talk
    on breakout windows its window ("Saturday, Sat 1 Feb 10:30-10:55")."""
    if placed.window is not None:
        when = span_text(instance, placed.span)
        # A window labelled like its day ("Sunday") would only repeat it.
        return when if when.startswith(placed.window.label) else f"{placed.window.label}, {when}"
    labels = placed.slots[0].label
    if len(placed.slots) > 1:
        labels += f" to {placed.slots[-1].label}"
    return f"{labels}, {span_text(instance, placed.span)}"


def placed_text(instance: Instance, placed: Placed) -> str:
    """ "'Title' (Session I, Thu 12 Jun 10:00-11:00)"."""
    return f"{talk_text(placed)} ({when_text(instance, placed)})"


def speaker_name(instance: Instance, speaker_id: str) -> str:
    speaker = instance.speaker_by_id.get(speaker_id)
    return speaker.name if speaker else speaker_id


def name_list(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"

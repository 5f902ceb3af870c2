"""Clock arithmetic for the checker, written apart from the solver's on purpose.

The checker is a second implementation of the rules: if it shared the solver's slot order
or minute arithmetic, a bug there would pass both. So it recomputes minutes, slot order,
slot runs and the steps of breakout windows here from the raw instance fields.

Time is decided in minutes, never by labels. An item's clock counts from the midnight that starts
the day it is filed under and may pass 24:00 (a congress's 25:30 is 01:30 of the next date), so two
stretches clash iff they share a minute of absolute time, whatever days they are filed under.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from amj_scheduler.models import BreakoutSlot, BreakoutWindow, Instance
from amj_scheduler.models.instance import Period


class Timed(Protocol):
    """Anything that happens on one day from one clock time to another: slots, fixed items, windows."""

    @property
    def day(self) -> dt.date: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


MINUTES_A_DAY = 24 * 60


def absolute(day: dt.date, clock: int) -> int:
    """Minutes since 1 January of year 1: the one line on which every day's clock compares."""
    return day.toordinal() * MINUTES_A_DAY + clock_minutes(clock)


def clock_minutes(clock: int) -> int:
    """The instance's clocks are minutes after the day's midnight already; written out for the reader."""
    return int(clock)


@dataclass(frozen=True)
class Span:
    """Minutes [start, end) after the midnight that starts `day` (past 1440 after midnight). Half-open,
    so a talk ending at 11:00 and one starting at 11:00 do not clash."""

    day: dt.date
    start: int
    end: int

    @classmethod
    def of(cls, item: Timed) -> Span:
        return cls(item.day, clock_minutes(item.start), clock_minutes(item.end))

    @property
    def absolute_start(self) -> int:
        return self.day.toordinal() * MINUTES_A_DAY + self.start

    @property
    def absolute_end(self) -> int:
        return self.day.toordinal() * MINUTES_A_DAY + self.end

    def overlaps(self, other: Span) -> bool:
        return self.absolute_start < other.absolute_end and other.absolute_start < self.absolute_end


class SlotClock:
    """The breakout slots in clock order (day, start, id): what "the next slot" and "idle slots" mean."""

    def __init__(self, slots: Iterable[BreakoutSlot]) -> None:
        self.ordered: tuple[BreakoutSlot, ...] = tuple(
            sorted(slots, key=lambda slot: (slot.day, clock_minutes(slot.start), slot.id))
        )
        self.position: dict[str, int] = {slot.id: index for index, slot in enumerate(self.ordered)}

    def run(self, first_slot_id: str, length: int) -> tuple[BreakoutSlot, ...]:
        """The `length` slots a talk starting at `first_slot_id` takes, cut short where its day ends.

        A run shorter than `length` is a talk that does not fit its day; the checker still
        judges the part that fits, so one mistake does not hide the others.
        """
        first = self.position[first_slot_id]
        day = self.ordered[first].day
        run: list[BreakoutSlot] = []
        for slot in self.ordered[first : first + length]:
            if slot.day != day:
                break
            run.append(slot)
        return tuple(run)


@dataclass(frozen=True)
class Step:
    """A minute on a breakout window's grid at which a talk may start."""

    window: BreakoutWindow
    minute: int

    def span(self, minutes: int) -> Span:
        """A talk of `minutes` starting here: its real clock time, even where that leaves the window."""
        return Span(self.window.day, self.minute, self.minute + minutes)


class WindowClock:
    """The steps of the breakout windows by id (`sat-1035`), derived from the windows alone.

    A step exists from the window's start every `step` minutes while a whole step still fits
    before its end; a placement names the step it starts on and then runs for its minutes.
    """

    def __init__(self, windows: Iterable[BreakoutWindow]) -> None:
        self.steps: dict[str, Step] = {}
        for window in windows:
            first, end = clock_minutes(window.start), clock_minutes(window.end)
            for minute in range(first, end - window.step + 1, window.step):
                self.steps[f"{window.id}-{minute // 60:02d}{minute % 60:02d}"] = Step(window, minute)


Interval = tuple[int, int]
"""Minutes [start, end) of one day."""


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """The minutes covered by any of `intervals`, as sorted disjoint intervals; touching ones join."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def on_day(windows: Iterable[Timed], day: dt.date) -> list[Interval]:
    """The minutes after `day`'s midnight that `windows` cover, as sorted disjoint intervals; a window
    filed under the day before that runs past midnight, or under the next day, counts where it falls."""
    return union(
        (max(0, shift + clock_minutes(w.start)), shift + clock_minutes(w.end))
        for w in windows
        if abs(shift := (w.day - day).days * MINUTES_A_DAY) <= MINUTES_A_DAY
    )


def day_end(instance_windows: Iterable[Timed], day: dt.date) -> int:
    """Where `day` ends for a reader: midnight, or later when its own windows run past it."""
    return max([MINUTES_A_DAY, *(clock_minutes(w.end) for w in instance_windows if w.day == day)])


def intersect(first: Sequence[Interval], second: Sequence[Interval]) -> list[Interval]:
    """The minutes in both, for two lists of sorted disjoint intervals."""
    return union((max(a, c), min(b, d)) for a, b in first for c, d in second if max(a, c) < min(b, d))


def subtract(intervals: Sequence[Interval], holes: Sequence[Interval]) -> list[Interval]:
    """The minutes of `intervals` outside every hole."""
    pieces = list(intervals)
    for hole_start, hole_end in holes:
        pieces = [
            piece
            for start, end in pieces
            for piece in ((start, min(end, hole_start)), (max(start, hole_end), end))
            if piece[0] < piece[1]
        ]
    return pieces


def covers(intervals: Sequence[Interval], start: int, end: int) -> bool:
    """Whether every minute of [start, end) lies in `intervals` (sorted, disjoint, touching ones joined)."""
    return any(first <= start and end <= last for first, last in intervals)


def overlapping_pairs(groups: Iterable[Iterable[int]], spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of `spans` that share a minute within some group, in increasing order.

    The order is that of `itertools.combinations` over all spans, but each group is swept in
    clock order, so the work grows with the clashes rather than with the square of the schedule.
    """
    pairs: set[tuple[int, int]] = set()
    for group in groups:
        running: list[int] = []
        for index in sorted(group, key=lambda i: spans[i].absolute_start):
            span = spans[index]
            running = [i for i in running if spans[i].absolute_end > span.absolute_start]
            pairs.update((min(i, index), max(i, index)) for i in running)
            running.append(index)
    return sorted(pairs)


def period_union(instance: Instance, periods: Iterable[Period]) -> list[Interval]:
    """The absolute minutes a list of periods covers (a period without a day covers it every day),
    as sorted disjoint intervals; periods that touch join."""
    days = [day.date for day in instance.days]
    return union(
        (absolute(day, period.start), absolute(day, period.end))
        for period in periods
        for day in ([period.day] if period.day is not None else days)
    )

"""Clock arithmetic for the checker, written apart from the solver's on purpose.

The checker is a second implementation of the rules: if it shared the solver's slot order
or minute arithmetic, a bug there would pass both. So it recomputes minutes, slot order
and slot runs here from the raw instance fields.

Time is decided in minutes since midnight on a date, never by labels: two stretches clash
iff they share at least one minute of the same day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from amj_scheduler.models import BreakoutSlot


class Timed(Protocol):
    """Anything that happens on one day from one clock time to another: slots, fixed items, windows."""

    @property
    def day(self) -> dt.date: ...

    @property
    def start(self) -> dt.time: ...

    @property
    def end(self) -> dt.time: ...


def clock_minutes(clock: dt.time) -> int:
    return clock.hour * 60 + clock.minute


@dataclass(frozen=True)
class Span:
    """Minutes [start, end) of one day. Half-open, so a talk ending at 11:00 and one starting at 11:00 do not clash."""

    day: dt.date
    start: int
    end: int

    @classmethod
    def of(cls, item: Timed) -> Span:
        return cls(item.day, clock_minutes(item.start), clock_minutes(item.end))

    def overlaps(self, other: Span) -> bool:
        return self.day == other.day and self.start < other.end and other.start < self.end


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

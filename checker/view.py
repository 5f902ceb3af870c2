"""A schedule read against its instance once, so each rule judges the same resolved placements."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from amj_scheduler.models import BreakoutSlot, BreakoutWindow, Instance, Placement, Room, Schedule, Talk

from .timing import SlotClock, Span, WindowClock, clock_minutes

if TYPE_CHECKING:
    from .attendees import Attendance


@dataclass(frozen=True)
class Placed:
    """A placement whose talk, slot and room all exist, with the clock time it really takes."""

    placement: Placement
    talk: Talk
    room: Room
    slots: tuple[BreakoutSlot, ...]
    """On breakout slots: its run of slots, cut short at the end of the day (see `SlotClock.run`).
    Empty on breakout windows, where a talk is its minutes from a step, not a run of slots."""
    span: Span
    """From the first slot's start to the last slot's end: the breaks between them are taken too.
    On breakout windows: from its step for its minutes, even where that leaves the window."""
    window: BreakoutWindow | None = None
    """The breakout window whose step it starts on (breakout windows only)."""

    @property
    def fits(self) -> bool:
        """All its slots lie in its day, or all its minutes in its window."""
        if self.window is not None:
            return self.span.end <= clock_minutes(self.window.end)
        return len(self.slots) == self.talk.length


@dataclass(frozen=True)
class ScheduleView:
    instance: Instance
    schedule: Schedule
    clock: SlotClock
    """The labelled breakout slots (none on breakout windows)."""
    steps: WindowClock
    """The steps of the breakout windows (none on breakout slots)."""
    placed: tuple[Placed, ...]
    """The placements that can be judged; ones naming an unknown talk, slot or room are only reported."""

    @property
    def on_windows(self) -> bool:
        return bool(self.instance.breakout_windows)

    def knows_slot(self, slot_id: str) -> bool:
        return slot_id in (self.steps.steps if self.on_windows else self.clock.position)

    def start_of(self, slot_id: str, talk: Talk) -> tuple[str, Span]:
        """The label and clock time a placement's slot names: a slot's own, or a window's label and
        the talk's minutes from that step."""
        if self.on_windows:
            step = self.steps.steps[slot_id]
            return step.window.label, step.span(minutes_of(talk, step.window))
        slot = self.clock.ordered[self.clock.position[slot_id]]
        return slot.label, Span.of(slot)

    @cached_property
    def attendance(self) -> Attendance | None:
        """Who goes where, worked out once for all the rules and reports that ask (`checker.attendees`)."""
        from .attendees import attendance

        return attendance(self)

    def groups(self, keys_of: Callable[[Placed], Iterable[Hashable]]) -> dict[Hashable, list[int]]:
        """Indices into `placed` by key (its room, each of its speakers, ...), each list in schedule order:
        rules compare placements within a group, never every placement with every other."""
        grouped: dict[Hashable, list[int]] = defaultdict(list)
        for index, placed in enumerate(self.placed):
            for key in keys_of(placed):
                grouped[key].append(index)
        return grouped

    @classmethod
    def build(cls, instance: Instance, schedule: Schedule) -> ScheduleView:
        clock = SlotClock(instance.breakout_slots)
        steps = WindowClock(instance.breakout_windows)
        placed = []
        for placement in schedule.placements:
            talk = instance.talk_by_id.get(placement.talk)
            room = instance.room_by_id.get(placement.room)
            if talk is None or room is None:
                continue
            if instance.breakout_windows:
                step = steps.steps.get(placement.slot)
                if step is None:
                    continue
                placed.append(Placed(placement, talk, room, (), step.span(minutes_of(talk, step.window)), step.window))
            elif placement.slot in clock.position:
                slots = clock.run(placement.slot, talk.length)
                first, last = Span.of(slots[0]), Span.of(slots[-1])
                placed.append(Placed(placement, talk, room, slots, Span(first.day, first.start, last.end)))
        return cls(instance, schedule, clock, steps, tuple(placed))


def minutes_of(talk: Talk, window: BreakoutWindow) -> int:
    """A talk's length in minutes on breakout windows; `models.semantics` makes every talk give them,
    and a talk that did not would still take its `length` in steps rather than no time at all."""
    return talk.minutes if talk.minutes is not None else talk.length * window.step

"""A schedule read against its instance once, so each rule judges the same resolved placements."""

from __future__ import annotations

from dataclasses import dataclass

from amj_scheduler.models import BreakoutSlot, Instance, Placement, Room, Schedule, Talk

from .timing import SlotClock, Span


@dataclass(frozen=True)
class Placed:
    """A placement whose talk, slot and room all exist, with the slots and clock time it really takes."""

    placement: Placement
    talk: Talk
    room: Room
    slots: tuple[BreakoutSlot, ...]
    """Its run of slots, cut short at the end of the day (see `SlotClock.run`)."""
    span: Span
    """From the first slot's start to the last slot's end: the breaks between them are taken too."""

    @property
    def fits_its_day(self) -> bool:
        return len(self.slots) == self.talk.length


@dataclass(frozen=True)
class ScheduleView:
    instance: Instance
    schedule: Schedule
    clock: SlotClock
    placed: tuple[Placed, ...]
    """The placements that can be judged; ones naming an unknown talk, slot or room are only reported."""

    @classmethod
    def build(cls, instance: Instance, schedule: Schedule) -> ScheduleView:
        clock = SlotClock(instance.breakout_slots)
        placed = []
        for placement in schedule.placements:
            talk = instance.talk_by_id.get(placement.talk)
            room = instance.room_by_id.get(placement.room)
            if talk is None or room is None or placement.slot not in instance.slot_by_id:
                continue
            slots = clock.run(placement.slot, talk.length)
            first, last = Span.of(slots[0]), Span.of(slots[-1])
            placed.append(Placed(placement, talk, room, slots, Span(first.day, first.start, last.end)))
        return cls(instance, schedule, clock, tuple(placed))

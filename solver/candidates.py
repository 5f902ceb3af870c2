"""The decision variables: one Boolean per (occurrence, start slot, breakout room) a talk could take.

Why this formulation: every rule then reads as "at most one of these literals at any moment"
or "none of these literals", which CP-SAT presolves into clique constraints, and every literal
knows its clock span, so overlaps are decided by minutes, never by slot labels. Its size is
occurrences x start slots x rooms: ~1,000 for AMJ 2010. For a conference of ~1,000 talks on a
fine grid that product is too large, so rooms must then be chosen per track (room blocks) and
talks only choose start times inside their block; the rule functions are written over
`Candidate` records, not over index arithmetic, so a block-based generator can replace
`generate_candidates` without touching them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ..models import BreakoutSlot, Instance, Pin, Room, Talk, minutes
from ..models.clock import absolute_minute


@dataclass(frozen=True)
class Occurrence:
    """The k-th giving of a talk. Pinned occurrences come first; the rest are interchangeable."""

    talk: Talk
    index: int
    pin: Pin | None

    @property
    def key(self) -> tuple[str, int]:
        return (self.talk.id, self.index)


@dataclass(frozen=True)
class Candidate:
    """One possible placement: if `literal` is true, the occurrence runs in `slots` in `room`."""

    occurrence: Occurrence
    slots: tuple[BreakoutSlot, ...]
    room: Room
    literal: cp_model.IntVar = field(compare=False)
    first_position: int
    """Position of the first slot in the clock order of all breakout slots."""

    @property
    def day(self) -> dt.date:
        return self.slots[0].day

    @property
    def start_minute(self) -> int:
        return minutes(self.slots[0].start)

    @property
    def end_minute(self) -> int:
        return minutes(self.slots[-1].end)

    @property
    def last_position(self) -> int:
        return self.first_position + len(self.slots) - 1

    @property
    def absolute_start(self) -> int:
        return absolute_minute(self.day, self.start_minute)

    @property
    def absolute_end(self) -> int:
        return absolute_minute(self.day, self.end_minute)

    def overlaps(self, day: dt.date, start_minute: int, end_minute: int) -> bool:
        """Decided on absolute time: a day's clock may run past midnight into the next date."""
        return (
            self.absolute_start < absolute_minute(day, end_minute)
            and absolute_minute(day, start_minute) < self.absolute_end
        )


def occurrences_of(talk: Talk) -> list[Occurrence]:
    pins: list[Pin | None] = list(talk.pins)
    pins += [None] * (talk.occurrences - len(pins))
    return [Occurrence(talk, index, pin) for index, pin in enumerate(pins, start=1)]


def generate_candidates(model: cp_model.CpModel, instance: Instance) -> list[Candidate]:
    """All placements that respect the shape of the grid: runs stay within one day, rooms are breakout rooms."""
    breakout_rooms = [room for room in instance.rooms if room.breakout]
    candidates = []
    for talk in instance.talks:
        runs = [run for slot in instance.slots_in_order if (run := instance.slot_run(slot.id, talk.length)) is not None]
        for occurrence in occurrences_of(talk):
            for run in runs:
                for room in breakout_rooms:
                    name = f"{talk.id}#{occurrence.index}@{run[0].id}/{room.id}"
                    candidates.append(
                        Candidate(occurrence, run, room, model.new_bool_var(name), instance.slot_position[run[0].id])
                    )
    return candidates

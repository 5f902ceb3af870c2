"""A scenario: a small YAML overlay of a base instance that asks one "what if?" of the plan.

A planner keeps one instance file per conference and writes each question as a few lines
beside it, instead of copying the whole instance and losing track of what changed. The file
names the scenario and lists its changes; each change refers to the base by id:

    scenario: No Modular II            # one line, at most 40 characters: it heads report columns
    description: Modular II is being refitted that weekend.   # optional

    close_rooms:          # the room takes no talks while closed
      - room: modular-ii                       # no day: closed for the whole conference
      - room: nicholson-hall
        day: 2010-04-17                        # a day alone: that whole day
      - room: choir-room
        day: 2010-04-17
        start: "14:00"                         # with times: part of the day; a missing start
        end: "16:00"                           # means from 00:00, a missing end until 23:59
        reason: choir rehearsal                # optional; "closed in scenario <name>" otherwise
    set_capacity:
      - {room: nicholson-hall, capacity: 120}
    set_attendance:
      - {talk: the-real-you, expected_attendance: 150}      # per occurrence, as in the instance
    remove_talks:
      - {talk: culture-stream, reason: speaker's flight cancelled}
    cancel_speakers:      # drops the talks only they give, takes them off shared talks
      - {speaker: heidi-metcalf-little}        # and off fixed items' people
    add_talks:            # full talks, exactly as under the instance's `talks:`
      - id: songwriting-lab
        title: Songwriting Lab
        speakers: [sara-groves]
    pin:                  # adds a pin, or replaces the talk's pin of that occurrence
      - {talk: artist-as-creator, occurrence: 2, slot: session-ii, room: nicholson-hall}
    speaker_unavailable:  # a day is required; times as for close_rooms
      - {speaker: charlie-peacock, day: 2010-04-17, start: "14:00"}

Changes apply in this order, whatever the order in the file: removals, cancellations and
additions first (so a talk can be replaced by removing it and adding it again under the same
id), then attendance and pins (on base or added talks), then rooms, then speakers' absences.
The repeats of a talk are interchangeable, so `occurrence: N` only says which of the talk's
pins to set (default 1): it replaces the N-th pin if the talk has one and adds a pin otherwise.

Applying a scenario (`models.scenario_apply`) gives a new, fully checked `Instance`; every
problem, including those that only the applied result reveals, is reported at the scenario
file's line. The shape checks here are as strict as the instance's: unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints, model_validator

from .clock import Clock
from .instance import Count, Headcount, Identifier, Instance, Paragraph, Strict, Talk, Text, Window, minutes
from .names import one_line

WHOLE_DAY = (Clock(0), Clock(23 * 60 + 59))
"""A closure without times covers the whole day; 23:59 is the latest time an instance can write."""


def _column_header(value: str) -> str:
    if len(value) > 40:
        raise ValueError("a scenario name is one line of at most 40 characters: it heads a column in reports")
    return value


ScenarioName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(one_line),
    AfterValidator(_column_header),
]


class TimeSpan(Strict):
    """When a change holds: the whole conference, one whole day, or part of one day."""

    day: dt.date | None = None
    start: Clock | None = None
    end: Clock | None = None
    reason: Text | None = None

    @model_validator(mode="after")
    def _times_need_a_day(self) -> TimeSpan:
        if self.day is None and (self.start is not None or self.end is not None):
            raise ValueError("a start or end time needs a day: write day: YYYY-MM-DD beside it")
        return self

    @property
    def whole_days(self) -> bool:
        return self.start is None and self.end is None

    def windows(self, conference_days: Iterable[dt.date], default_reason: str) -> tuple[Window, ...]:
        """One window for the given day, or one per conference day when no day is given."""
        days = [self.day] if self.day is not None else list(conference_days)
        start, end = self.start or WHOLE_DAY[0], self.end or WHOLE_DAY[1]
        reason = self.reason or default_reason
        return tuple(Window(day=day, start=start, end=end, reason=reason) for day in days)


class RoomClosure(TimeSpan):
    room: Identifier


class SpeakerAbsence(TimeSpan):
    speaker: Identifier
    day: dt.date


class CapacityChange(Strict):
    room: Identifier
    capacity: Count


class AttendanceChange(Strict):
    talk: Identifier
    expected_attendance: Headcount


class TalkRemoval(Strict):
    talk: Identifier
    reason: Text | None = None


class SpeakerCancellation(Strict):
    speaker: Identifier
    reason: Text | None = None


class PinChange(Strict):
    talk: Identifier
    occurrence: Count = 1
    slot: Identifier | None = None
    room: Identifier | None = None

    @model_validator(mode="after")
    def _needs_a_place(self) -> PinChange:
        if self.slot is None and self.room is None:
            raise ValueError("a pin needs a slot, a room, or both")
        return self


class ScenarioSpec(Strict):
    """A scenario file as written (see the module docstring)."""

    scenario: ScenarioName
    description: Paragraph = ""
    close_rooms: tuple[RoomClosure, ...] = ()
    set_capacity: tuple[CapacityChange, ...] = ()
    set_attendance: tuple[AttendanceChange, ...] = ()
    add_talks: tuple[Talk, ...] = ()
    remove_talks: tuple[TalkRemoval, ...] = ()
    cancel_speakers: tuple[SpeakerCancellation, ...] = ()
    pin: tuple[PinChange, ...] = ()
    speaker_unavailable: tuple[SpeakerAbsence, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A scenario file that applies cleanly to the base it was loaded with."""

    spec: ScenarioSpec
    path: Path
    document: Any = field(repr=False, compare=False)
    """The parsed YAML: applying checks again (the base may differ) and reports at its lines."""
    summary_lines: tuple[str, ...]
    """Worded with the names of the base the scenario was loaded with."""

    @property
    def name(self) -> str:
        """Short and on one line: usable as a column header."""
        return self.spec.scenario

    def summary(self) -> list[str]:
        """The changes in a planner's words, one line each, for report headers."""
        return list(self.summary_lines) or ["no changes to the base instance"]


def dropped_talks(base: Instance, cancelled: Iterable[str]) -> list[Talk]:
    """Talks that no one is left to give once these speakers cancel (a talk nobody gives stays)."""
    gone = set(cancelled)
    return [talk for talk in base.talks if talk.speakers and set(talk.speakers) <= gone]


def day_name(base: Instance, day: dt.date) -> str:
    names = {d.date: d.name for d in base.days}
    return names.get(day) or f"{day:%A %d %B %Y}"


def _touched_slots(base: Instance, day: dt.date, start: Clock, end: Clock) -> str:
    """` (Session III, Session IV)`: the breakout slots a stretch of time overlaps, if any."""
    touched = [
        slot.label
        for slot in base.slots_in_order
        if slot.day == day and minutes(slot.start) < minutes(end) and minutes(start) < minutes(slot.end)
    ]
    return f" ({', '.join(touched)})" if touched else ""


def describe_changes(spec: ScenarioSpec, base: Instance) -> tuple[str, ...]:
    """One line per change, in the order they apply; references must already be checked."""
    talks = {
        talk.id: talk for talk in (*base.talks, *spec.add_talks)
    }  # after removals, a re-added id is the added talk
    rooms = {room.id: room.name for room in base.rooms}
    people = {speaker.id: speaker.name for speaker in base.speakers}

    def because(reason: str | None) -> str:
        return f": {reason}" if reason else ""

    def when(span: TimeSpan) -> str:
        if span.day is None:
            return "all conference"
        if span.whole_days:
            return f"all {day_name(base, span.day)}"
        start, end = span.start or WHOLE_DAY[0], span.end or WHOLE_DAY[1]
        if span.start is None:
            clock = f"until {end:%H:%M}"
        else:
            clock = f"from {start:%H:%M}" if span.end is None else f"{start:%H:%M}-{end:%H:%M}"
        return f"{day_name(base, span.day)} {clock}{_touched_slots(base, span.day, start, end)}"

    def was(new: int, old: int, unit: str = "") -> str:
        return f"{new}{unit} (unchanged)" if new == old else f"{new}{unit} instead of {old}"

    lines = [f"'{base.talk_by_id[r.talk].title}' removed{because(r.reason)}" for r in spec.remove_talks]
    cancelled = [c.speaker for c in spec.cancel_speakers]
    for cancellation in spec.cancel_speakers:
        who = cancellation.speaker
        dropped = [talk for talk in dropped_talks(base, cancelled) if who in talk.speakers]
        shared = [t.title for t in base.talks if who in t.speakers and t not in dropped]
        shared += [item.title for item in base.fixed_items if who in item.people]
        line = f"{people[who]} cancels{because(cancellation.reason)}"
        line += f"; dropped: {_quoted([talk.title for talk in dropped])}" if dropped else ""
        line += f"; still on without them: {_quoted(shared)}" if shared else ""
        lines.append(line)
    for talk in spec.add_talks:
        given = {1: "once", 2: "twice"}.get(talk.occurrences, f"{talk.occurrences} times")
        by = ", ".join(people.get(s, s) for s in talk.speakers)
        lines.append(f"'{talk.title}' added: by {by}, given {given}")
    for change in spec.set_attendance:
        expects = was(change.expected_attendance, talks[change.talk].expected_attendance, " people")
        lines.append(f"'{talks[change.talk].title}' expects {expects}")
    for pin in spec.pin:
        which = f" (occurrence {pin.occurrence})" if talks[pin.talk].occurrences > 1 else ""
        where = [base.slot_by_id[pin.slot].label] if pin.slot else []
        where += [rooms[pin.room]] if pin.room else []
        lines.append(f"'{talks[pin.talk].title}'{which} pinned to {' in '.join(where)}")
    lines += [f"{rooms[c.room]} closed {when(c)}{because(c.reason)}" for c in spec.close_rooms]
    for resized in spec.set_capacity:
        lines.append(f"{rooms[resized.room]} seats {was(resized.capacity, base.room_by_id[resized.room].capacity)}")
    lines += [f"{people[a.speaker]} unavailable {when(a)}{because(a.reason)}" for a in spec.speaker_unavailable]
    return tuple(lines)


def _quoted(titles: list[str]) -> str:
    return ", ".join(f"'{title}'" for title in titles)

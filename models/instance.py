"""What a conference is: the pydantic models that an instance YAML file is parsed into.

The models only check shapes and types (unknown keys are errors); rules that relate one
part of the file to another (does this speaker exist? do two breakout slots overlap?)
live in `models.semantics`, so that every problem can be reported with its own field path.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80),
]
"""Ids are short, stable handles used for cross references and CSV `session_id`s."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# Strict: `capacity: true` or `capacity: "40"` is a mistake, not 1 or 40 seats. The upper bounds keep
# every cost exactly representable in the solver's 64-bit objective.
Count = Annotated[int, Field(strict=True, gt=0, le=100_000)]
Headcount = Annotated[int, Field(strict=True, ge=0, le=100_000)]
Price = Annotated[int, Field(strict=True, ge=0, le=1_000_000)]


def parse_clock(value: object) -> dt.time:
    """Accept `HH:MM` (and `HH:MM:SS` as spreadsheets write it) in 24-hour time.

    YAML 1.2 reads `10:15` as a string; an int means the file was read as YAML 1.1
    sexagesimal, which we refuse rather than silently turn into 615 minutes.
    """
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a 24-hour time written as HH:MM, for example '14:15'")
    parts = value.strip().split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError(f"'{value}' is not a 24-hour time written as HH:MM")
    hour, minute = int(parts[0]), int(parts[1])
    second = int(parts[2]) if len(parts) == 3 else 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and second == 0):
        raise ValueError(f"'{value}' is not a valid 24-hour time (00:00 to 23:59)")
    return dt.time(hour, minute)


ClockTime = Annotated[dt.time, BeforeValidator(parse_clock)]


def minutes(clock: dt.time) -> int:
    """Minutes since midnight: the unit in which every overlap in the project is decided."""
    return clock.hour * 60 + clock.minute


class Strict(BaseModel):
    """Immutable, and unknown keys are errors: a typo in the YAML must never be ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(Strict):
    """A stretch of clock time on one day (an unavailability, for example)."""

    day: dt.date
    start: ClockTime
    end: ClockTime
    reason: str = ""

    @property
    def start_minute(self) -> int:
        return minutes(self.start)

    @property
    def end_minute(self) -> int:
        return minutes(self.end)


class Conference(Strict):
    name: Text
    venue: Text
    time_zone: Text = "UTC"


class Day(Strict):
    date: dt.date
    name: str = ""


class Room(Strict):
    id: Identifier
    name: Text
    capacity: Count
    area: str = ""
    features: tuple[Identifier, ...] = ()
    breakout: bool = True
    """False for rooms that only hold fixed items (a sanctuary, a foyer): talks never go there."""
    unavailable: tuple[Window, ...] = ()


class Speaker(Strict):
    id: Identifier
    name: Text
    affiliation: str = ""
    unavailable: tuple[Window, ...] = ()


class Audience(Strict):
    id: Identifier
    name: Text
    description: str = ""


class BreakoutSlot(Strict):
    """A labelled stretch of time in which talks run in parallel (Session I, Session II, ...)."""

    id: Identifier
    label: Text
    day: dt.date
    start: ClockTime
    end: ClockTime


FixedKind = Literal[
    "plenary",
    "concert",
    "meal",
    "break",
    "registration",
    "doors",
    "resource-centre",
    "service",
    "reception",
    "other",
]


class FixedItem(Strict):
    """A program item at a set time: it is published as is and blocks its room and its people."""

    id: Identifier
    title: Text
    kind: FixedKind
    day: dt.date
    start: ClockTime
    end: ClockTime
    room: Identifier | None = None
    """None for items that happen everywhere or nowhere in particular (breaks, doors open)."""
    people: tuple[Identifier, ...] = ()
    """Speakers who lead or perform it: they cannot give a talk at the same time."""


class Pin(Strict):
    """Fixes one occurrence of a talk to a breakout slot, a room, or both."""

    slot: Identifier | None = None
    room: Identifier | None = None


class Talk(Strict):
    id: Identifier
    title: Text
    speakers: tuple[Identifier, ...] = Field(min_length=1)
    occurrences: Count = 1
    """How many times the talk is given, each time in a different breakout slot."""
    restricted_to: Identifier | None = None
    """An audience group: the talk is open only to it, so that group's talks must never overlap."""
    expected_attendance: Headcount = 0
    """People expected in the room at each occurrence."""
    requires: tuple[Identifier, ...] = ()
    length: Count = 1
    """In breakout slots: a workshop of length 2 takes two consecutive slots of one day."""
    pins: tuple[Pin, ...] = ()


class Weights(Strict):
    """Prices of the soft rules, in objective points. Defaults are documented in the README."""

    repeat_room_change: Price = 40
    """Per extra room used by the occurrences of one repeated talk."""
    speaker_idle_slot: Price = 15
    """Per breakout slot a speaker sits idle between their first and last occurrence."""
    seat_short: Price = 10
    """Per expected attendee without a seat."""
    seat_empty: Price = 1
    """Per empty seat; far cheaper than a short seat, as planners would rather have room to spare."""
    choice_imbalance: Price = 20
    """Per talk of difference between the busiest and the emptiest slot in open-audience choices."""


class Instance(Strict):
    conference: Conference
    days: tuple[Day, ...] = Field(min_length=1)
    rooms: tuple[Room, ...] = Field(min_length=1)
    speakers: tuple[Speaker, ...] = ()
    audiences: tuple[Audience, ...] = ()
    breakout_slots: tuple[BreakoutSlot, ...] = Field(min_length=1)
    fixed_items: tuple[FixedItem, ...] = ()
    talks: tuple[Talk, ...] = ()
    weights: Weights = Weights()

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Instance:
        """A copy validated afresh: pydantic's own copy would carry the cached lookups below over
        from the original, so a copy with other talks would still find the old ones."""
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        return type(self).model_validate({**fields, **(update or {})})

    # Lookups, built once: downstream code trusts the references that `models.semantics` checked.

    @cached_property
    def room_by_id(self) -> dict[str, Room]:
        return {room.id: room for room in self.rooms}

    @cached_property
    def speaker_by_id(self) -> dict[str, Speaker]:
        return {speaker.id: speaker for speaker in self.speakers}

    @cached_property
    def audience_by_id(self) -> dict[str, Audience]:
        return {audience.id: audience for audience in self.audiences}

    @cached_property
    def talk_by_id(self) -> dict[str, Talk]:
        return {talk.id: talk for talk in self.talks}

    @cached_property
    def slot_by_id(self) -> dict[str, BreakoutSlot]:
        return {slot.id: slot for slot in self.breakout_slots}

    @cached_property
    def slots_in_order(self) -> tuple[BreakoutSlot, ...]:
        """Breakout slots by clock time: the order in which a speaker's idle slots are counted."""
        return tuple(sorted(self.breakout_slots, key=lambda slot: (slot.day, slot.start, slot.id)))

    @cached_property
    def slot_position(self) -> dict[str, int]:
        """Each breakout slot's index in `slots_in_order`."""
        return {slot.id: index for index, slot in enumerate(self.slots_in_order)}

    def slot_run(self, first_slot_id: str, length: int) -> tuple[BreakoutSlot, ...] | None:
        """The `length` consecutive slots of one day that start at `first_slot_id`, if the day has them."""
        ordered = self.slots_in_order
        first = self.slot_position[first_slot_id]
        run = ordered[first : first + length]
        if len(run) < length or any(slot.day != ordered[first].day for slot in run):
            return None
        return run

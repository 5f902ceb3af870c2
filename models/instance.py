"""What a conference is: the pydantic models that an instance YAML file is parsed into.

The models only check shapes and types (unknown keys are errors); rules that relate one
part of the file to another (does this speaker exist? do two breakout slots overlap?)
live in `models.semantics`, so that every problem can be reported with its own field path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    InstanceOf,
    StrictBool,
    StringConstraints,
    field_validator,
)

from .clock import Clock, minutes
from .names import ONE_LINE_MAX, PARAGRAPH_MAX, one_line, paragraph
from .wish_book import WishBook

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80),
]
"""Ids are short, stable handles used for cross references and CSV `session_id`s."""

Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=ONE_LINE_MAX), AfterValidator(one_line)
]
"""A name, title or label: one line of plain text (no control characters), never empty."""
Line = Annotated[str, StringConstraints(max_length=ONE_LINE_MAX), AfterValidator(one_line)]
"""An optional note on one line (an affiliation, an area, a reason): plain text, may be empty."""
Paragraph = Annotated[str, StringConstraints(max_length=PARAGRAPH_MAX), AfterValidator(paragraph)]
"""A description: plain text that may run over several lines."""

# Strict: `capacity: true` or `capacity: "40"` is a mistake, not 1 or 40 seats. The upper bounds keep
# every cost exactly representable in the solver's 64-bit objective.
Count = Annotated[int, Field(strict=True, gt=0, le=100_000)]
Headcount = Annotated[int, Field(strict=True, ge=0, le=100_000)]
Price = Annotated[int, Field(strict=True, ge=0, le=1_000_000)]
Minutes = Annotated[int, Field(strict=True, ge=0, le=24 * 60)]


class Strict(BaseModel):
    """Immutable, and unknown keys are errors: a typo in the YAML must never be ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(Strict):
    """A stretch of clock time on one day (an unavailability, for example)."""

    day: dt.date
    start: Clock
    end: Clock
    reason: Line = ""

    @property
    def start_minute(self) -> int:
        return minutes(self.start)

    @property
    def end_minute(self) -> int:
        return minutes(self.end)


class Period(Strict):
    """A stretch of clock time on one day, or on every day of the conference when `day` is left out:
    the mornings a speaker prefers, the afternoon a talk is allowed in."""

    day: dt.date | None = None
    start: Clock
    end: Clock
    reason: Line = ""


class Bound(Strict):
    """A moment a talk may not start before (`not_before`) or run past (`not_after`)."""

    day: dt.date
    time: Clock
    hard: StrictBool = True
    """False: each minute beyond it costs `weights.early_or_late_minute` instead of being ruled out."""


class Conference(Strict):
    name: Text
    venue: Text
    time_zone: Text = "UTC"


class Day(Strict):
    date: dt.date
    name: Line = ""


class Room(Strict):
    id: Identifier
    name: Text
    capacity: Count
    area: Line = ""
    features: tuple[Identifier, ...] = ()
    breakout: StrictBool = True
    """False for rooms that only hold fixed items (a sanctuary, a foyer): talks never go there."""
    unavailable: tuple[Window, ...] = ()
    open: tuple[Window, ...] = ()
    """Opening hours, for conferences on breakout windows: when given, the room holds talks only
    inside these windows (a day with none listed is closed). Empty means open whenever it is
    not `unavailable`."""
    changeover: Minutes = 0
    """Minutes the room stands empty between two talks (to reset the stage, let one audience out
    and the next in). Never part of a talk's length: a 25-minute talk still takes 25 minutes."""


class Speaker(Strict):
    id: Identifier
    name: Text
    affiliation: Line = ""
    unavailable: tuple[Window, ...] = ()
    prefers: tuple[Period, ...] = ()
    """When they would rather speak: a talk of theirs outside all of these costs `weights.speaker_preferred_time`."""
    avoids: tuple[Period, ...] = ()
    """When they would rather not speak (unlike `unavailable`, they could): a talk of theirs running
    into one costs `weights.speaker_avoided_time`."""


class Audience(Strict):
    id: Identifier
    name: Text
    description: Paragraph = ""
    at_once: Count = 1
    """How many of its restricted sessions may run at the same time. 1 (the default) means the
    whole group attends every one; FOSDEM Junior's children split between two workshops at once."""


class BreakoutSlot(Strict):
    """A labelled stretch of time in which talks run in parallel (Session I, Session II, ...)."""

    id: Identifier
    label: Text
    day: dt.date
    start: Clock
    end: Clock


class BreakoutWindow(Strict):
    """A stretch of time on a fine grid in which talks of any length in minutes run in parallel
    (FOSDEM's devroom day, 09:00-19:00 in 5-minute steps). Talks start on a step."""

    id: Identifier
    label: Text
    day: dt.date
    start: Clock
    end: Clock
    step: Annotated[int, Field(strict=True, gt=0, le=60)] = 5
    """Minutes between possible start times; every talk's length must be a multiple of it."""


class Track(Strict):
    """A devroom or theme whose talks of one day share as few rooms as their minutes allow,
    one after another (for breakout windows)."""

    id: Identifier
    name: Text
    room_rule: Literal["soft", "hard", "none"] = "soft"
    """soft: each room beyond the fewest costs `weights.track_extra_room`; hard: never more; none: the
    track is a theme (a label and a colour), its talks placed one by one wherever they fit, as a
    congress interleaves its themes across its halls."""
    color: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = None
    """`#RRGGBB`, as the conference's own program shows the track; the grid uses it when given."""


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
    start: Clock
    end: Clock
    room: Identifier | None = None
    """None for items that happen everywhere or nowhere in particular (breaks, doors open)."""
    people: tuple[Identifier, ...] = ()
    """Speakers who lead or perform it: they cannot give a talk at the same time."""


class Pin(Strict):
    """Fixes one occurrence of a talk to a breakout slot, a room, or both."""

    slot: Identifier | None = None
    room: Identifier | None = None
    day: dt.date | None = None
    """The day it must be given on (breakout windows): the planner fixes the day, the solver the time."""


class NestedTalk(Strict):
    """A talk held inside another at a set offset: a five-minute talk in a lightning-talk block,
    a poster talk in a reception. It is never placed on its own but moves with its container,
    and its speakers are busy for its own minutes only (breakout windows only)."""

    id: Identifier
    title: Text
    speakers: tuple[Identifier, ...] = ()
    offset: Annotated[int, Field(strict=True, ge=0, le=2 * 24 * 60)]
    """Minutes from the container's start to its own."""
    minutes: Count


class Talk(Strict):
    id: Identifier
    title: Text
    speakers: tuple[Identifier, ...] = ()
    """Who gives it; empty for a session nobody in particular gives (a meeting, a film, a break)."""
    occurrences: Count = 1
    """How many times the talk is given, each time in a different breakout slot."""
    restricted_to: Identifier | None = None
    """An audience group: the talk is open only to it, so that group's talks must never overlap."""
    expected_attendance: Headcount = 0
    """People expected in the room at each occurrence."""
    requires: tuple[Identifier, ...] = ()
    length: Count = 1
    """In breakout slots: a workshop of length 2 takes two consecutive slots of one day."""
    minutes: Count | None = None
    """Its length in minutes, for conferences on breakout windows (instead of `length`)."""
    track: Identifier | None = None
    pins: tuple[Pin, ...] = ()
    contains: tuple[NestedTalk, ...] = ()
    """Talks held inside it, published with it (breakout windows only)."""
    allowed_rooms: tuple[Identifier, ...] = ()
    """When given, the only rooms it may go to (hard)."""
    allowed_times: tuple[Period, ...] = ()
    """When given, each occurrence runs wholly inside one of these (hard)."""
    preferred_rooms: tuple[Identifier, ...] = ()
    """An occurrence in none of these costs `weights.room_not_preferred`."""
    avoided_rooms: tuple[Identifier, ...] = ()
    """An occurrence in one of these costs `weights.room_avoided`."""
    not_before: Bound | None = None
    """It starts at this moment or later."""
    not_after: Bound | None = None
    """It ends by this moment."""
    topics: tuple[Identifier, ...] = ()
    """Subjects it treats; an `apart` group may name a topic instead of listing its talks."""
    code: Identifier | None = None
    """Its id in the tool it was imported from (pretalx's submission code), so that attendees'
    favourites exported from that tool find it."""

    @property
    def busy_speakers(self) -> tuple[str, ...]:
        """Its own speakers and those of the talks it contains: everyone it keeps from being
        somewhere else for some of its minutes."""
        return tuple(dict.fromkeys((*self.speakers, *(s for nested in self.contains for s in nested.speakers))))

    def busy_spans(self, speaker: str) -> tuple[tuple[int, int], ...]:
        """The minutes, counted from its start, for which it keeps `speaker` busy: all of them when
        they give it, else those of the talks it contains that they give, overlaps joined."""
        if speaker in self.speakers:
            return ((0, self.minutes or 0),)
        spans: list[tuple[int, int]] = []
        for start, end in sorted((n.offset, n.offset + n.minutes) for n in self.contains if speaker in n.speakers):
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((start, end))
        return tuple(spans)


class ApartGroup(Strict):
    """Talks that must not run at the same time: two talks on one subject, or a speaker's talk and a
    session that speaker wants to attend. The group holds the talks listed, those with one of the
    topics, and those of one of the tracks."""

    id: Identifier
    talks: tuple[Identifier, ...] = ()
    topics: tuple[Identifier, ...] = ()
    tracks: tuple[Identifier, ...] = ()
    hard: StrictBool = True
    """False: each clash costs `weights.apart_clash` instead of being ruled out."""
    reason: Line = ""


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
    track_extra_room: Price = 100
    """Per room a track uses on a day beyond the fewest its minutes allow (breakout windows)."""
    track_gap_minute: Price = 1
    """Per minute a track's room stands empty between two of its talks (breakout windows)."""
    speaker_preferred_time: Price = 10
    """Per occurrence a speaker gives outside all their preferred times (`prefers`)."""
    speaker_avoided_time: Price = 10
    """Per occurrence a speaker gives that runs into one of their avoided times (`avoids`)."""
    room_not_preferred: Price = 10
    """Per occurrence in none of its talk's `preferred_rooms`."""
    room_avoided: Price = 10
    """Per occurrence in one of its talk's `avoided_rooms`."""
    early_or_late_minute: Price = 1
    """Per minute an occurrence starts before its soft `not_before` or runs past its soft `not_after`."""
    apart_clash: Price = 50
    """Per two occurrences of different talks of a soft `apart` group that run at the same time."""
    wish_missed: Price = 20
    """Labelled slots: per wished talk an attendee cannot attend, times the wish's weight."""
    wish_clash: Price = 20
    """Breakout windows: per attendee wishing two talks that cannot both be attended, times the lighter wish's weight."""
    move_minute: Price = 1
    """Re-planning with --keep: per minute a moved occurrence starts away from its earlier start."""
    move_room: Price = 30
    """Re-planning with --keep: per moved occurrence that also changes room."""


class Instance(Strict):
    conference: Conference
    days: tuple[Day, ...] = Field(min_length=1)
    rooms: tuple[Room, ...] = Field(min_length=1)
    speakers: tuple[Speaker, ...] = ()
    audiences: tuple[Audience, ...] = ()
    breakout_slots: tuple[BreakoutSlot, ...] = ()
    breakout_windows: tuple[BreakoutWindow, ...] = ()
    """The alternative to labelled slots: talks with a length in minutes, starting on a fine grid."""
    tracks: tuple[Track, ...] = ()
    fixed_items: tuple[FixedItem, ...] = ()
    talks: tuple[Talk, ...] = ()
    apart: tuple[ApartGroup, ...] = ()
    weights: Weights = Weights()
    wishes: Text | None = None
    """The attendees' wish list (CSV, or pretalx favourites as JSON), relative to the instance file."""
    attendee_wishes: InstanceOf[WishBook] | None = None
    """The wishes read from that file (or from `--wishes`): filled by the loader, never written in YAML."""

    @field_validator("attendee_wishes", mode="before")
    @classmethod
    def _filled_by_the_loader(cls, value: object) -> object:
        if value is None or isinstance(value, WishBook):
            return value
        raise ValueError(
            "unknown key: name the wish file under `wishes:` (or give --wishes); its wishes are read from there"
        )

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
    def track_by_id(self) -> dict[str, Track]:
        return {track.id: track for track in self.tracks}

    @cached_property
    def apart_members(self) -> dict[str, tuple[str, ...]]:
        """Per `apart` group, the ids of the talks it holds, in talk order."""
        members = {}
        for group in self.apart:
            listed, topics, tracks = set(group.talks), set(group.topics), set(group.tracks)
            members[group.id] = tuple(
                talk.id
                for talk in self.talks
                if talk.id in listed
                or topics.intersection(talk.topics)
                or (talk.track is not None and talk.track in tracks)
            )
        return members

    def seat_estimate(self, talk: Talk) -> int:
        """Who is expected at each occurrence, where no attendee is assigned to one: the talk's
        wishers shared among its occurrences (rounded up) when attendees wished for it, else its
        `expected_attendance`. On labelled slots a wished talk's rooms seat those assigned to it."""
        wished = self.attendee_wishes.wishers[talk.id] if self.attendee_wishes is not None else 0
        return -(-wished // talk.occurrences) if wished else talk.expected_attendance

    def period_spans(self, period: Period) -> list[tuple[dt.date, int, int]]:
        """The (day, start, end) clock stretches a period stands for: its day, or every conference day."""
        days = [period.day] if period.day is not None else [day.date for day in self.days]
        return [(day, minutes(period.start), minutes(period.end)) for day in days]

    @property
    def uses_windows(self) -> bool:
        """True for a conference on breakout windows (talks in minutes), False for labelled slots."""
        return bool(self.breakout_windows)

    @cached_property
    def step_minutes(self) -> int:
        """The grid of a conference on breakout windows (`models.semantics` checks they share one)."""
        return self.breakout_windows[0].step if self.breakout_windows else 0

    @cached_property
    def slots(self) -> tuple[BreakoutSlot, ...]:
        """Every place a talk can start: the labelled breakout slots, or each step of each window.

        A window's steps are slots of `step` minutes labelled with the window's label, so that a
        talk of 25 minutes on a 5-minute grid is a run of 5 consecutive slots: placements, grid
        CSVs, the checker and the reports then treat both kinds of conference alike.
        """
        if not self.breakout_windows:
            return self.breakout_slots
        return tuple(step for window in self.breakout_windows for step in window_steps(window))

    @cached_property
    def window_of_slot(self) -> dict[str, BreakoutWindow]:
        return {step.id: window for window in self.breakout_windows for step in window_steps(window)}

    def length_in_slots(self, talk: Talk) -> int:
        """How many consecutive slots one occurrence takes: `length`, or its minutes in steps."""
        if talk.minutes is None or not self.step_minutes:
            return talk.length
        return talk.minutes // self.step_minutes

    @cached_property
    def slot_by_id(self) -> dict[str, BreakoutSlot]:
        return {slot.id: slot for slot in self.slots}

    @cached_property
    def slots_in_order(self) -> tuple[BreakoutSlot, ...]:
        """Breakout slots by clock time: the order in which a speaker's idle slots are counted."""
        return tuple(sorted(self.slots, key=lambda slot: (slot.day, slot.start, slot.id)))

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
        if self.breakout_windows and len({self.window_of_slot[slot.id].id for slot in run}) > 1:
            return None  # a talk never runs over the gap between two windows of a day
        return run

    def clock_span(self, talk: Talk, slot_id: str) -> tuple[dt.date, int, int]:
        """The day and clock minutes an occurrence of `talk` starting at `slot_id` takes: its run of
        slots (cut short at the end of its day), or its minutes from a window's step."""
        slot = self.slot_by_id[slot_id]
        if self.breakout_windows:
            return slot.day, minutes(slot.start), minutes(slot.start) + self.length_in_slots(talk) * self.step_minutes
        run = self.slot_run(slot_id, talk.length) or (slot,)
        return slot.day, minutes(slot.start), minutes(run[-1].end)


def step_slot_id(window: BreakoutWindow, start_minute: int) -> str:
    """The id of the step of `window` that starts at `start_minute`: `sat-1035`."""
    return f"{window.id}-{start_minute // 60:02d}{start_minute % 60:02d}"


def window_steps(window: BreakoutWindow) -> tuple[BreakoutSlot, ...]:
    """The window cut into slots of `step` minutes; a last step that would overrun the window is left out."""
    first, last = minutes(window.start), minutes(window.end)
    return tuple(
        BreakoutSlot(
            id=step_slot_id(window, start),
            label=window.label,
            day=window.day,
            start=Clock(start),
            end=Clock(start + window.step),
        )
        for start in range(first, last - window.step + 1, window.step)
    )

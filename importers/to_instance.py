"""An imported program as an instance and the schedule it published, with every assumption said.

A schedule file says when and where each event ran, but not what a planner must know to plan
again: how big rooms are, when they may be used, which talks are one talk given twice, which
sessions hold others, what must stay where it is. Each such gap is filled from the published
program itself and recorded, in the YAML's header and in a comment where it applies.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Literal

from ..models import (
    Audience,
    BreakoutWindow,
    Conference,
    Day,
    FixedItem,
    InputError,
    Instance,
    NestedTalk,
    Pin,
    Placement,
    Problem,
    Room,
    Schedule,
    Talk,
    Track,
    Weights,
    Window,
)
from ..models.clock import Clock
from ..models.instance import step_slot_id
from .anchors import Anchor, KeepRule, anchor_of, is_for_children, unmatched_rules
from .clashes import published_clashes
from .ids import IDENTIFIER, slugify, unique_ids
from .imported import ImportedEvent, ImportedSchedule, normalised
from .people import People, identify
from .published import grid_step, most_at_once, on_grid, spans
from .structure import nesting, room_spellings, simulcasts
from .timing import clock_text

ASSUMED_CAPACITY = 100
"""Seats given to a room the file gives none: with the seat weights at 0 it never matters."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHILDREN = "children"
SAME_TITLE_NOTED = 6
"""Talks of one title noted at each other; a title more common ("Lightning Talk") says nothing."""
CLASHES_LISTED = 20
"""Published clashes written into the YAML header; `amj-solve check` lists them all."""


@dataclass(frozen=True)
class ImportOptions:
    keep: tuple[KeepRule, ...] = ()
    """`--keep-published` rules, in the order given."""


@dataclass(frozen=True)
class ImportFacts:
    """What the import found and decided, for the one-screen summary a planner reads after it."""

    days: int
    rooms: int
    rooms_left_out: int
    rooms_folded: tuple[str, ...]
    capacities: int
    """Rooms whose seats the file gives."""
    tracks: int
    colours: int
    talks: int
    events: int
    speakers: int
    merged: tuple[str, ...]
    split: tuple[str, ...]
    speakerless: int
    """Events that name nobody: their talks have no speaker (none is invented)."""
    repeated: int
    simulcasts: int
    containers: int
    nested: int
    kept: dict[str, int]
    """Occurrences pinned where published, by reason."""
    rounded: int
    widened: int
    """Events outside their day's declared hours, which widen its window."""
    left_out: tuple[str, ...]
    restricted: int
    time_zone: str
    time_zone_assumed: bool
    assumptions: int
    clashes: tuple[str, ...]
    """What the published program itself breaks: a person or a room in two places at once."""


@dataclass
class Notes:
    """The comments that go with the instance: the header's assumptions, and notes by place."""

    assumptions: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)
    """Comment lines above a section (`rooms`, `talks`, ...)."""
    items: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """Comment lines above one item: (section, id)."""
    groups: dict[str, str] = field(default_factory=dict)
    """A heading line above the first talk of each track, by that talk's id."""

    def on(self, section: str, item_id: str, line: str) -> None:
        self.items.setdefault((section, item_id), []).append(line)


@dataclass(frozen=True)
class Conversion:
    instance: Instance
    schedule: Schedule
    notes: Notes
    facts: ImportFacts
    source: ImportedSchedule


def convert(imported: ImportedSchedule, path: str, options: ImportOptions = ImportOptions()) -> Conversion:
    """The instance and published schedule of `imported`; `path` names the file in errors."""
    if not imported.events:
        raise InputError(path, [Problem("file", "holds no events, so there is nothing to import")])
    return _Converter(imported, path, options).conversion()


@dataclass(frozen=True)
class _Unit:
    """What becomes one talk: its events in clock order (several when it is given several times)."""

    events: tuple[int, ...]
    container: bool = False


class _Converter:
    def __init__(self, imported: ImportedSchedule, path: str, options: ImportOptions) -> None:
        self.imported = imported
        self.notes = Notes()
        if imported.time_zone_note:
            self.notes.assumptions.append(imported.time_zone_note)
        self.notes.assumptions += imported.reading_notes
        spelling = room_spellings(imported.days, imported.events)
        self.spelling = spelling
        self.events = tuple(replace(event, room=spelling[event.room]) for event in imported.events)
        self.events_of_track_day = Counter((event.track, event.day) for event in self.events)
        if problems := unmatched_rules(options.keep, self.events):
            raise InputError(path, [Problem("--keep-published", problem) for problem in problems])
        self.rules = options.keep
        self.keeps_nothing = any(rule.kind == "none" for rule in options.keep)
        self.nest = nesting(self.events)
        top = [self.events[index] for index in self.nest.top]
        self.step, step_reason = grid_step(top, imported.timeslot_minutes)
        self.grid = {
            index: on_grid(self.events[index].start, self.events[index].minutes, self.step) for index in self.nest.top
        }
        for container, held in self.nest.inside.items():  # its talks end inside it, however the grid rounds
            start, length = self.grid[container]
            reach = max(self.events[index].end for index in held) - start
            self.grid[container] = (start, max(length, -(-reach // self.step) * self.step))
        self.notes.assumptions.append(
            "Breakout windows: one a day, from the day's first published start to its last end; talks start "
            f"on a {self.step}-minute step, {step_reason}."
        )
        plain = [index for index in self.nest.top if index not in self.nest.inside]
        self.simulcast = simulcasts(self.events, plain)
        self.overflow = {index: primary for primary, others in self.simulcast.items() for index in others}
        self.people: People = identify(self.events)
        self.left_out_rooms: list[str] = []
        self.talk_of_event: dict[int, str] = {}
        self.tracks_by_name: dict[str, Track] = {}

    def conversion(self) -> Conversion:
        windows = self.windows()
        rooms = self.rooms()
        tracks = self.tracks(rooms)
        self.tracks_by_name = tracks
        self.note_people()
        units = self.units(tracks)
        talks, placements, fixed_items, kept = self.talks(units, windows, rooms, tracks)
        audiences = self.audiences()
        weights = self.weights(rooms)
        instance = Instance(
            conference=Conference(name=self.imported.title, venue=self.venue(), time_zone=self.imported.time_zone),
            days=tuple(Day(date=window.day, name=_weekday(window.day)) for window in windows.values()),
            rooms=tuple(rooms.values()),
            speakers=self.people.speakers,
            audiences=audiences,
            breakout_windows=tuple(windows.values()),
            tracks=tuple(tracks.values()),
            fixed_items=fixed_items,
            talks=talks,
            weights=weights,
        )
        found_clashes = self.published_clashes()
        facts = ImportFacts(
            days=len(windows),
            rooms=len(rooms),
            rooms_left_out=len(self.left_out_rooms),
            rooms_folded=tuple(self.folded_rooms()),
            capacities=sum(1 for room in rooms.values() if self.capacity_of(room.name) is not None),
            tracks=len(tracks),
            colours=sum(1 for track in tracks.values() if track.color),
            talks=len(talks),
            events=len(self.events),
            speakers=len(self.people.speakers),
            merged=self.people.merged,
            split=self.people.split,
            speakerless=sum(1 for event in self.events if not event.persons),
            repeated=sum(1 for unit in units if len(unit.events) > 1),
            simulcasts=len(self.simulcast),
            containers=len(self.nest.inside),
            nested=sum(len(held) for held in self.nest.inside.values()),
            kept=dict(kept),
            rounded=sum(1 for index in self.nest.top if self.grid[index] != self.published(index)),
            widened=sum(1 for event in self.events if event.timing_note),
            left_out=tuple(f"event {e.id} '{e.title}' ({e.where}): {e.reason}" for e in self.imported.left_out),
            restricted=sum(1 for talk in talks if talk.restricted_to),
            time_zone=self.imported.time_zone,
            time_zone_assumed=bool(self.imported.time_zone_note),
            assumptions=len(self.notes.assumptions),
            clashes=found_clashes,
        )
        return Conversion(instance, Schedule(placements=tuple(placements)), self.notes, facts, self.imported)

    def published(self, index: int) -> tuple[int, int]:
        event = self.events[index]
        return event.start, event.minutes

    def venue(self) -> str:
        if self.imported.venue:
            return self.imported.venue
        self.notes.assumptions.append("The file names no venue: conference.venue says 'not given'.")
        return "not given"

    # --- days -------------------------------------------------------------------------------

    def windows(self) -> dict[dt.date, BreakoutWindow]:
        bounds: dict[dt.date, tuple[int, int]] = {}
        for index in self.nest.top:
            day = self.events[index].day
            start, minutes = self.grid[index]
            first, last = bounds.get(day, (start, start + minutes))
            bounds[day] = (min(first, start), max(last, start + minutes))
        dates = sorted(bounds)
        weekdays = [_weekday(date) for date in dates]
        unique = len(set(weekdays)) == len(weekdays)
        windows = {}
        for index, date in enumerate(dates, start=1):
            start, end = bounds[date]
            window_id = weekdays[index - 1][:3].lower() if unique else f"day{index}"
            label = weekdays[index - 1] if unique else f"{weekdays[index - 1]} {date.isoformat()}"
            windows[date] = BreakoutWindow(
                id=window_id, label=label, day=date, start=Clock(start), end=Clock(end), step=self.step
            )
        lines = [f"One window a day, from its first published start to its last end, on a {self.step}-minute step."]
        if any(end > 24 * 60 for _, end in bounds.values()):
            lines.append(
                "Times after 24:00 are the small hours of the next date (25:30 is 01:30), on the day the "
                "program files them under."
            )
            self.notes.assumptions.append(
                "Days run past midnight: an event after midnight belongs to the day whose declared hours hold "
                "it, written with times past 24:00 (25:30 is 01:30 the next morning)."
            )
        if widened := sum(1 for event in self.events if event.timing_note):
            self.notes.assumptions.append(
                f"{_count(widened, 'event lies', 'events lie')} outside the declared hours of the day it is filed "
                "under: declared hours are advisory, and the day's window is widened (see the talks' comments)."
            )
        self.notes.sections["breakout_windows"] = lines
        empty = [str(day.date) for day in self.imported.days if day.date not in bounds]
        if empty:
            self.notes.sections["days"] = [f"Left out, as no event is published on them: {', '.join(empty)}."]
        return windows

    # --- rooms ------------------------------------------------------------------------------

    def declared_rooms(self) -> dict[str, str]:
        """Every room the file declares, by its kept spelling, with its slug, in the order first declared."""
        rooms: dict[str, str] = {}
        for day in self.imported.days:
            for room in day.rooms:
                rooms.setdefault(self.spelling[room.name], room.slug)
        for event in self.events:
            rooms.setdefault(event.room, "")
        return rooms

    def capacity_of(self, name: str) -> int | None:
        return next(
            (
                room.capacity
                for day in self.imported.days
                for room in day.rooms
                if room.capacity is not None and self.spelling[room.name] == name
            ),
            None,
        )

    def folded_rooms(self) -> list[str]:
        spellings: dict[str, list[str]] = defaultdict(list)
        for written, kept in self.spelling.items():
            if written != kept and written not in spellings[kept]:
                spellings[kept].append(written)
        return [f"'{kept}' also written {', '.join(repr(w) for w in others)}" for kept, others in spellings.items()]

    def rooms(self) -> dict[str, Room]:
        used = {self.events[index].room for index in self.nest.top}
        declared = {name: slug for name, slug in self.declared_rooms().items() if name in used}
        wanted = [
            (name, slug if IDENTIFIER.match(slug) else slugify(name, "room"), name) for name, slug in declared.items()
        ]
        ids = unique_ids(wanted)
        hours = spans(
            (replace(self.events[i], start=self.grid[i][0], minutes=self.grid[i][1]) for i in self.nest.top),
            lambda event: (event.room, event.day),
        )
        rooms = {}
        for name in declared:
            stretches = sorted((day, span) for (room, day), span in hours.items() if room == name)
            capacity = self.capacity_of(name)
            rooms[name] = Room(
                id=ids[name],
                name=name,
                capacity=capacity or ASSUMED_CAPACITY,
                open=tuple(Window(day=day, start=Clock(start), end=Clock(end)) for day, (start, end) in stretches),
            )
            if capacity is None and any(self.capacity_of(other) is not None for other in declared):
                self.notes.on("rooms", ids[name], f"capacity: assumed ({ASSUMED_CAPACITY} seats; the file gives none)")
        given = sum(1 for name in declared if self.capacity_of(name) is not None)
        self.notes.assumptions.append(
            "Room opening hours are not in the file: each room is open, each day, from its first published "
            "start to its last end that day, and closed on days it holds nothing."
        )
        lines = [
            f"capacity: as the file gives it ({given} of {len(declared)} rooms), else assumed. open: from the "
            "published program, first start to last end of the room's events each day."
        ]
        for line in self.folded_rooms():
            lines.append(f"One room whose name is written in several ways (case or spacing): {line}.")
        if self.folded_rooms():
            self.notes.assumptions.append(
                f"{_count(len(self.folded_rooms()), 'room name is', 'room names are')} written in several ways "
                "that differ only in case or spacing: each is one room, under its first spelling."
            )
        self.left_out_rooms = [name for name in self.declared_rooms() if name not in used]
        if self.left_out_rooms:
            lines.append(f"Left out, as no event is published in them: {', '.join(self.left_out_rooms)}.")
        self.notes.sections["rooms"] = lines
        return rooms

    def weights(self, rooms: dict[str, Room]) -> Weights:
        real = all(self.capacity_of(name) is not None for name in rooms)
        if real:
            self.notes.assumptions.append(
                "Room capacities are the file's own; the seat weights keep their defaults. No talk has an "
                "expected attendance, so seat_empty prefers the smallest room a talk fits: set expected_attendance "
                "where you know it."
            )
            self.notes.sections["weights"] = ["The file gives every room's capacity: the seat rules apply."]
            return Weights()
        some = any(self.capacity_of(name) is not None for name in rooms)
        self.notes.assumptions.append(
            (
                f"Room capacities are in the file for some rooms only: the others are given {ASSUMED_CAPACITY} seats"
                if some
                else f"Room capacities are not in the file: every room is given {ASSUMED_CAPACITY} seats"
            )
            + ", and the seat weights (seat_short, seat_empty) are 0, so capacities never matter."
        )
        self.notes.sections["weights"] = ["The file gives no capacities for every room, so seats cost nothing."]
        return Weights(seat_short=0, seat_empty=0)

    # --- tracks -----------------------------------------------------------------------------

    def tracks(self, rooms: dict[str, Room]) -> dict[str, Track]:
        placed = [self.events[index] for index in self.nest.top if index not in self.overflow]
        used = list(dict.fromkeys(event.track for event in placed if event.track))
        declared = {normalised(track.name): track for track in self.imported.declared_tracks}
        ordered = [track.name for track in self.imported.declared_tracks if track.name in used]
        ordered = list(dict.fromkeys(ordered + used))
        ids = unique_ids([(name, slugify(name, "track"), name) for name in ordered])
        longest = self.longest_stretch(rooms)
        interleaved = self.interleaved()
        tracks = {}
        why: dict[str, str] = {}
        rule: Literal["soft", "hard", "none"]
        for name in ordered:
            fewest, rooms_used = self.rooms_per_day(name, longest)
            spread = [day for day in fewest if rooms_used[day] > fewest[day] + 1]
            crowded = [day for day in fewest if rooms_used[day] > fewest[day]]
            if interleaved.get(name) or spread:
                rule = "none"
                why[name] = (
                    f"a theme (room_rule none): the published program puts other sessions between its talks in "
                    f"{interleaved[name]}"
                    if interleaved.get(name)
                    else f"a theme (room_rule none): the published program spreads it over {rooms_used[spread[0]]} rooms on "
                    f"{spread[0]}, where its minutes need {fewest[spread[0]]}"
                )
            elif crowded:
                rule = "soft"
                why[name] = (
                    f"soft: the published program spreads it over more rooms than it needs on {', '.join(map(str, crowded))}."
                )
            else:
                rule = "hard"
            colour = declared.get(normalised(name))
            tracks[name] = Track(
                id=ids[name],
                name=name,
                room_rule=rule,
                color=colour.color if colour and colour.color and _is_colour(colour.color) else None,
            )
        lines = [
            "room_rule hard: on each day a track uses no more rooms than its minutes need (its minutes that day "
            "over the longest any room is open that day, rounded up); soft: one room more at a price; none: a "
            "theme, its talks placed one by one. Each is what the published program does. color: as the file gives it."
        ]
        for name, reason in why.items():
            self.notes.on("tracks", ids[name], reason)
        if unused := [t.name for t in self.imported.declared_tracks if t.name not in used]:
            lines.append(f"Declared in the file but holding no events, so left out: {', '.join(unused)}.")
        self.notes.sections["tracks"] = lines
        rules = Counter(track.room_rule for track in tracks.values())
        self.notes.assumptions.append(
            f"Tracks as the published program keeps them: {rules['hard']} in their fewest rooms each day (hard), "
            f"{rules['soft']} in one room more on some day (soft), {rules['none']} interleaved with other sessions "
            "or spread over many rooms, which are themes placed talk by talk (none)."
        )
        return tracks

    def longest_stretch(self, rooms: dict[str, Room]) -> dict[dt.date, int]:
        """Per day, the longest time any one room is open: what a track's rooms are counted against."""
        longest: dict[dt.date, int] = defaultdict(int)
        for room in rooms.values():
            for window in room.open:
                longest[window.day] = max(longest[window.day], window.end_minute - window.start_minute)
        return longest

    def rooms_per_day(self, track: str, longest: dict[dt.date, int]) -> tuple[dict[dt.date, int], dict[dt.date, int]]:
        """Per day, the fewest rooms the track's minutes need, and the rooms the published program uses."""
        minutes: dict[dt.date, int] = defaultdict(int)
        rooms: dict[dt.date, set[str]] = defaultdict(set)
        for index in self.nest.top:
            event = self.events[index]
            if event.track == track and index not in self.overflow:
                minutes[event.day] += self.grid[index][1]
                rooms[event.day].add(event.room)
        fewest = {day: math.ceil(minutes[day] / longest[day]) for day in minutes}
        return fewest, {day: len(rooms[day]) for day in rooms}

    def interleaved(self) -> dict[str, str]:
        """Track name -> the first room and day where another session sits between two of its talks."""
        by_room_day: dict[tuple[dt.date, str], list[int]] = defaultdict(list)
        for index in self.nest.top:
            if index not in self.overflow:
                by_room_day[self.events[index].day, self.events[index].room].append(index)
        found: dict[str, str] = {}
        for (day, room), indices in sorted(by_room_day.items()):
            ordered = [self.events[i].track for i in sorted(indices, key=lambda i: self.grid[i])]
            for track in set(ordered) - {None}:
                positions = [position for position, name in enumerate(ordered) if name == track]
                if positions[-1] - positions[0] + 1 != len(positions):
                    found.setdefault(track, f"{room} on {day}")  # type: ignore[arg-type]
        return found

    # --- people -----------------------------------------------------------------------------

    def note_people(self) -> None:
        people = self.people
        said = (
            (
                people.merged,
                f"A person is their name, whatever their person ids: {_count(len(people.merged), 'name appears', 'names appear')} "
                "under several ids and each is one speaker (listed below).",
                "Merged, one person under several ids:",
            ),
            (
                people.split,
                f"{_count(len(people.split), 'person id is', 'person ids are')} given to people of different names: "
                "each name is its own speaker (listed below).",
                "Split, one person id under several names:",
            ),
        )
        for lines, assumption, heading in said:
            if lines:
                self.notes.assumptions.append(assumption)
                self.notes.facts += [heading, *(f"- {line}." for line in lines)]
        if speakerless := sum(1 for event in self.events if not event.persons):
            self.notes.assumptions.append(
                f"{_count(speakerless, 'event names', 'events name')} no speaker: those talks have none, so only "
                "their room and time constrain them (no speaker is invented)."
            )

    # --- talks ------------------------------------------------------------------------------

    def units(self, tracks: dict[str, Track]) -> list[_Unit]:
        """One unit per talk: each container alone, the rest grouped by repeat key."""
        groups: dict[tuple[object, ...], list[int]] = {}
        units: list[_Unit] = []
        for index in self.nest.top:
            if index in self.overflow:
                continue
            if index in self.nest.inside:
                units.append(_Unit((index,), container=True))
            else:
                groups.setdefault(self.events[index].repeat_key, []).append(index)
        units += [_Unit(tuple(sorted(run, key=lambda i: _clock_order(self.events[i])))) for run in groups.values()]
        track_order = {name: index for index, name in enumerate(tracks)}

        def order(unit: _Unit) -> tuple[object, ...]:
            first = self.events[unit.events[0]]
            return (track_order.get(first.track or "", len(track_order)), _clock_order(first))

        return sorted(units, key=order)

    def talks(
        self,
        units: list[_Unit],
        windows: dict[dt.date, BreakoutWindow],
        rooms: dict[str, Room],
        tracks: dict[str, Track],
    ) -> tuple[tuple[Talk, ...], list[Placement], tuple[FixedItem, ...], Counter[str]]:
        nested_ids: list[tuple[tuple[int, int | None], str, str]] = [
            ((unit_index, held), _talk_id(self.events[held].id), self.events[held].room)
            for unit_index, unit in enumerate(units)
            for held in self.nest.inside.get(unit.events[0], ())
            if unit.container
        ]
        firsts = [self.events[unit.events[0]] for unit in units]
        ids = unique_ids(
            [((index, None), _talk_id(first.id), first.room) for index, first in enumerate(firsts)] + nested_ids
        )
        talks, placements, fixed_items = [], [], []
        kept: Counter[str] = Counter()
        for index, unit in enumerate(units):
            first = self.events[unit.events[0]]
            talk_id = ids[index, None]
            minutes = max(self.grid[event][1] for event in unit.events)
            pins = []
            for number, event_index in enumerate(unit.events, start=1):
                event = self.events[event_index]
                start = self.grid[event_index][0]
                slot = step_slot_id(windows[event.day], start)
                room = rooms[event.room].id
                anchor = self.anchor(event_index)
                pins.append(_pin(event.day, slot, room, anchor))
                if anchor is not None:
                    kept[anchor.reason] += 1
                    self.notes.on("talks", talk_id, f"kept where published{_which(number, unit)}: {anchor.reason}")
                placements.append(Placement(talk=talk_id, occurrence=number, slot=slot, room=room))
                self.talk_of_event[event_index] = talk_id
                fixed_items += self.overflow_items(talk_id, number, unit, event_index, rooms)
                self.note_timing(talk_id, event_index, number, unit)
            contains = tuple(self.nested(index, unit, ids)) if unit.container else ()
            talks.append(
                Talk(
                    id=talk_id,
                    title=first.title,
                    speakers=self.speakers_of(first),
                    minutes=minutes,
                    track=tracks[first.track].id if first.track else None,
                    occurrences=len(unit.events),
                    restricted_to=CHILDREN if is_for_children(first) else None,
                    pins=tuple(pins),
                    contains=contains,
                    code=first.code,
                )
            )
            if contains:
                self.notes.on(
                    "talks",
                    talk_id,
                    f"holds {_count(len(contains), 'talk', 'talks')} published inside it (contains): they move with it",
                )
        self.note_talks(units, talks, tracks, kept)
        return tuple(talks), placements, tuple(fixed_items), kept

    def speakers_of(self, event: ImportedEvent) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.people.speaker_of[person.identity] for person in event.persons))

    def anchor(self, index: int) -> Anchor | None:
        event = self.events[index]
        track = self.tracks_by_name.get(event.track or "")
        # a devroom's welcome opens its track's talks that day; alone in its track that day
        # (a camp's Opening in its "Orga" track) it opens the conference
        in_devroom = (
            track is not None and track.room_rule != "none" and self.events_of_track_day[event.track, event.day] > 1
        )
        found = anchor_of(event, self.rules, in_devroom=in_devroom)
        rooms = {self.events[i].room for i in (index, *self.simulcast.get(index, ()))}
        if len(rooms) > 1 and (found is None or found.hold == "room"):
            return Anchor("time", f"shown in {len(rooms)} rooms at once")
        if found is None and index in self.nest.inside and not self.keeps_nothing:
            return Anchor("room", "holds other talks (its room kept)")
        return found

    def nested(self, unit_index: int, unit: _Unit, ids: dict[tuple[int, int | None], str]) -> list[NestedTalk]:
        container = unit.events[0]
        start = self.grid[container][0]
        return [
            NestedTalk(
                id=ids[unit_index, held],
                title=self.events[held].title,
                speakers=self.speakers_of(self.events[held]),
                offset=self.events[held].start - start,
                minutes=self.events[held].minutes,
            )
            for held in self.nest.inside[container]
        ]

    def overflow_items(
        self, talk_id: str, number: int, unit: _Unit, primary: int, rooms: dict[str, Room]
    ) -> list[FixedItem]:
        """The other rooms of a simulcast, each held by a fixed item titled as the talk."""
        event = self.events[primary]
        start, minutes = self.grid[primary]
        items = []
        held = {event.room}
        for other in self.simulcast.get(primary, ()):
            if self.events[other].room in held:
                continue  # listed twice in one room: that room is the talk's already
            held.add(self.events[other].room)
            room = rooms[self.events[other].room]
            suffix = f"-{number}" if len(unit.events) > 1 else ""
            items.append(
                FixedItem(
                    id=f"{talk_id}{suffix}-in-{room.id}",
                    title=f"{event.title} (shown from {event.room})",
                    kind="other",
                    day=event.day,
                    start=Clock(start),
                    end=Clock(start + minutes),
                    room=room.id,
                )
            )
        return items

    def note_timing(self, talk_id: str, index: int, number: int, unit: _Unit) -> None:
        event = self.events[index]
        which = _which(number, unit)
        if event.timing_note:
            self.notes.on("talks", talk_id, f"event {event.id}{which}: {event.timing_note}")
        start, minutes = self.grid[index]
        if (start, minutes) != (event.start, event.minutes):
            self.notes.on(
                "talks",
                talk_id,
                f"event {event.id}{which}: published {clock_text(event.start)}-{clock_text(event.end)} "
                f"({event.minutes} minutes), on the {self.step}-minute grid {clock_text(start)}-"
                f"{clock_text(start + minutes)} ({minutes} minutes)",
            )

    def note_talks(self, units: list[_Unit], talks: list[Talk], tracks: dict[str, Track], kept: Counter[str]) -> None:
        runs = [[self.events[index] for index in unit.events] for unit in units]
        repeated = [(run, talk) for run, talk in zip(runs, talks) if len(run) > 1]
        for run, talk in repeated:
            times = "; ".join(f"event {event.id}, {_weekday(event.day)} {clock_text(event.start)}" for event in run)
            self.notes.on(
                "talks",
                talk.id,
                f"given {len(run)} times in the published program ({times}): one talk, occurrences {len(run)}",
            )
        if repeated:
            self.notes.assumptions.append(
                f"{_count(len(repeated), 'talk is', 'talks are')} given more than once: events with the same title, "
                "speakers, length, track and type are one talk with `occurrences`."
            )
        if self.simulcast:
            self.notes.assumptions.append(
                f"{_count(len(self.simulcast), 'session is', 'sessions are')} listed more than once at the same time "
                "(same title or one title extending the other, a speaker in common): one talk, in the room listed "
                "first; each other room is held for it by a fixed item titled as the talk, and a second listing in "
                "its own room is dropped (both noted at the talk)."
            )
        for primary, others in self.simulcast.items():
            listed = ", ".join(
                f"event {self.events[o].id} '{self.events[o].title}' ({self.events[o].room})" for o in others
            )
            talk_id = self.talk_of_event.get(primary)
            if talk_id is not None:
                self.notes.on("talks", talk_id, f"the same session as {listed}")
        if self.nest.inside:
            held = sum(len(inside) for inside in self.nest.inside.values())
            self.notes.assumptions.append(
                f"{_count(len(self.nest.inside), 'session holds', 'sessions hold')} {_count(held, 'event', 'events')} "
                "published inside its room and time (a lightning-talk block, a workshop area): each such session is "
                "one talk whose `contains` lists them at their offsets; they move with it, and their speakers are "
                "busy only for their own minutes."
            )
        if rounded := [i for i in self.nest.top if self.grid[i] != self.published(i)]:
            self.notes.assumptions.append(
                f"{_count(len(rounded), 'event is', 'events are')} off the {self.step}-minute grid: each is widened "
                "to it (start rounded down, end up), noted at its talk."
            )
        if kept:
            reasons = "; ".join(f"{reason}: {count}" for reason, count in kept.most_common())
            self.notes.assumptions.append(
                f"Kept where published (pinned to their day, start and room; a children's session to its room): "
                f"{reasons}. Keep more with --keep-published type:, track:, room: or all, nothing by default with none."
            )
        apart = defaultdict(list)
        for run, talk in zip(runs, talks):
            apart[normalised(talk.title)].append((run, talk))
        apart_groups = [same for same in apart.values() if 1 < len(same) <= SAME_TITLE_NOTED]
        if apart_groups:
            self.notes.assumptions.append(
                f"{sum(len(same) for same in apart_groups)} talks share a title with another but differ in length, "
                "speakers, track or type: they stay separate talks (see their comments)."
            )
        for same in apart_groups:
            for run, talk in same:
                for other_run, other in same:
                    if other is not talk:
                        self.notes.on(
                            "talks",
                            talk.id,
                            f"same title as {other.id} ({_weekday(other_run[0].day)}), kept a separate talk: "
                            f"{_differences(run[0], other_run[0])}",
                        )
        counts = Counter(talk.track for talk in talks)
        names = {track.id: track.name for track in tracks.values()}
        for talk in {talk.track: talk for talk in reversed(talks)}.values():  # the first talk of each track
            heading = f"{names[talk.track]} ({talk.track})" if talk.track else "No track"
            self.notes.groups[talk.id] = f"{heading}: {_count(counts[talk.track], 'talk', 'talks')}"
        self.notes.sections["talks"] = [
            "id: e<event id>. pins: each occurrence on the day it was published, as the day is the planner's "
            "allocation; what is kept where published is pinned to its start and room too, with the reason."
        ]
        self.notes.assumptions.append(
            "Each talk is pinned to the day it was published on: the day is the planner's allocation."
        )

    def audiences(self) -> tuple[Audience, ...]:
        children = [
            replace(self.events[i], start=self.grid[i][0], minutes=self.grid[i][1])
            for i in self.nest.top
            if is_for_children(self.events[i]) and i not in self.overflow
        ]
        if not children:
            return ()
        at_once = most_at_once(children)
        self.notes.on(
            "audiences",
            CHILDREN,
            f"at_once {at_once}: the published program runs at most {at_once} children's sessions at the same time",
        )
        self.notes.assumptions.append(
            f"{_count(len(children), 'event', 'events')} of type junior or in a Junior track are for children only "
            f"(restricted_to: {CHILDREN}); at most {at_once} of them run at once, as in the published program."
        )
        return (
            Audience(
                id=CHILDREN,
                name="Children",
                description="Children's sessions (type junior, or a Junior track)",
                at_once=at_once,
            ),
        )

    # --- what the published program already breaks --------------------------------------------

    def published_clashes(self) -> tuple[str, ...]:
        family = {index: index for index in self.nest.top}
        family |= {held: container for container, inside in self.nest.inside.items() for held in inside}
        found = published_clashes(self.events, family, set(self.overflow))
        if found:
            self.notes.facts.append(
                f"The published program has {_count(len(found), 'clash', 'clashes')} (`amj-solve check` lists "
                "each; a solve will not repeat them):"
            )
            self.notes.facts += [f"- {line}" for line in found[:CLASHES_LISTED]]
            if len(found) > CLASHES_LISTED:
                self.notes.facts.append(f"- ... and {len(found) - CLASHES_LISTED} more.")
        return found


def _pin(day: dt.date, slot: str, room: str, anchor: Anchor | None) -> Pin:
    if anchor is None:
        return Pin(day=day)
    if anchor.hold == "room":
        return Pin(day=day, room=room)
    return Pin(day=day, slot=slot, room=room)


def _which(number: int, unit: _Unit) -> str:
    return f" (occurrence {number})" if len(unit.events) > 1 else ""


def _is_colour(text: str) -> bool:
    return len(text) == 7 and text.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in text[1:])


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _talk_id(event_id: str) -> str:
    wanted = f"e{event_id}"
    return wanted if IDENTIFIER.match(wanted) else f"e-{slugify(event_id, 'event')}"


def _differences(event: ImportedEvent, other: ImportedEvent) -> str:
    parts = []
    if event.minutes != other.minutes:
        parts.append(f"{event.minutes} minutes here, {other.minutes} there")
    if sorted(p.identity for p in event.persons) != sorted(p.identity for p in other.persons):
        parts.append("other speakers")
    if event.track != other.track:
        parts.append("another track")
    if event.type != other.type:
        parts.append("another type")
    return "; ".join(parts) or "it holds other talks"


def _clock_order(event: ImportedEvent) -> tuple[object, ...]:
    return (event.day, event.start, event.room, event.id)


def _weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]

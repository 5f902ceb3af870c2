"""An imported program as an instance and the schedule it published, with every assumption said.

A schedule file says when and where each event ran, but not what a planner must know to plan
again: how big rooms are, when they may be used, which talks are one talk given twice, which
sessions are for children only. Each such gap is filled from the published program itself and
recorded as an assumption, which the YAML's header lists and a comment repeats where it applies.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..models import (
    Audience,
    BreakoutWindow,
    Conference,
    Day,
    InputError,
    Instance,
    Pin,
    Placement,
    Problem,
    Room,
    Schedule,
    Speaker,
    Talk,
    Track,
    Weights,
    Window,
)
from ..models.instance import step_slot_id
from .ids import IDENTIFIER, slugify, unique_ids
from .imported import ImportedEvent, ImportedSchedule
from .published import clashes, grid_step, most_at_once, spans

ASSUMED_CAPACITY = 100
"""Seats given to every room: schedule files do not say, and with the seat weights at 0 it never matters."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHILDREN = "children"


def is_for_children(event: ImportedEvent) -> bool:
    """FOSDEM Junior's workshops: the event type `junior`, or a track named for juniors."""
    return event.type.casefold() == "junior" or "junior" in (event.track or "").casefold()


@dataclass(frozen=True)
class ImportFacts:
    """What the import found, for the summary a planner reads after running it."""

    days: int
    rooms: int
    rooms_left_out: int
    tracks: int
    talks: int
    events: int
    speakers: int
    placeholders: int
    """Speakers made up for events that name none: their track's organisers."""
    repeated: int
    restricted: int
    assumptions: int
    double_bookings: tuple[str, ...]


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


def convert(imported: ImportedSchedule, path: str) -> Conversion:
    """The instance and published schedule of `imported`; `path` names the file in errors."""
    if not imported.events:
        raise InputError(path, [Problem("file", "holds no events, so there is nothing to import")])
    return _Converter(imported).conversion()


class _Converter:
    def __init__(self, imported: ImportedSchedule) -> None:
        self.imported = imported
        self.events = imported.events
        self.notes = Notes()
        self.placeholders = 0
        self.left_out_rooms: list[str] = []
        self.step, step_reason = grid_step(self.events, imported.timeslot_minutes)
        self.notes.assumptions.append(
            "Breakout windows: one a day, from the day's first published start to its last end; talks start "
            f"on a {self.step}-minute step, {step_reason}."
        )

    def conversion(self) -> Conversion:
        conference = self.conference()
        windows = self.windows()
        rooms = self.rooms()
        tracks = self.tracks(rooms)
        speakers, speaker_of = self.speakers()
        talks, placements = self.talks(windows, rooms, tracks, speaker_of)
        audiences = self.audiences()
        instance = Instance(
            conference=conference,
            days=tuple(Day(date=window.day, name=_weekday(window.day)) for window in windows.values()),
            rooms=tuple(rooms.values()),
            speakers=speakers,
            audiences=audiences,
            breakout_windows=tuple(windows.values()),
            tracks=tuple(tracks.values()),
            talks=talks,
            weights=Weights(seat_short=0, seat_empty=0),
        )
        self.notes.assumptions.append(
            f"Room capacities are not in the file: every room is given {ASSUMED_CAPACITY} seats, and the seat "
            "weights (seat_short, seat_empty) are 0, so capacities never matter."
        )
        self.notes.sections["weights"] = [
            "The file gives no capacities or attendance, so seats cost nothing either way."
        ]
        double_bookings = self.double_bookings(speaker_of)
        facts = ImportFacts(
            days=len(windows),
            rooms=len(rooms),
            rooms_left_out=len(self.left_out_rooms),
            tracks=len(tracks),
            talks=len(talks),
            events=len(self.events),
            speakers=len(speakers),
            placeholders=self.placeholders,
            repeated=sum(1 for talk in talks if talk.occurrences > 1),
            restricted=sum(1 for talk in talks if talk.restricted_to),
            assumptions=len(self.notes.assumptions),
            double_bookings=double_bookings,
        )
        return Conversion(instance, Schedule(placements=tuple(placements)), self.notes, facts, self.imported)

    # --- the conference and its days --------------------------------------------------------

    def conference(self) -> Conference:
        imported = self.imported
        venue = imported.venue
        if not venue:
            venue = "not given"
            self.notes.assumptions.append("The file names no venue: conference.venue says 'not given'.")
        zone = imported.time_zone
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            self.notes.assumptions.append(
                f"The file gives no usable time zone ({zone or 'none'}): conference.time_zone is UTC; "
                "all times are the local times as published."
            )
            zone = "UTC"
        return Conference(name=imported.title, venue=venue, time_zone=zone)

    def windows(self) -> dict[dt.date, BreakoutWindow]:
        bounds = spans(self.events, lambda event: event.day)
        dates = sorted(bounds)
        weekdays = [_weekday(date) for date in dates]
        unique = len(set(weekdays)) == len(weekdays)
        windows = {}
        for index, date in enumerate(dates, start=1):
            start, end = bounds[date]
            window_id = weekdays[index - 1][:3].lower() if unique else f"day{index}"
            label = weekdays[index - 1] if unique else f"{weekdays[index - 1]} {date.isoformat()}"
            windows[date] = BreakoutWindow(
                id=window_id, label=label, day=date, start=_time(start), end=_time(end), step=self.step
            )
        empty = [str(day.date) for day in self.imported.days if day.date not in bounds]
        if empty:
            self.notes.sections["days"] = [f"Left out, as no event is published on them: {', '.join(empty)}."]
        self.notes.sections["breakout_windows"] = [
            f"One window a day, from its first published start to its last end, on a {self.step}-minute step."
        ]
        return windows

    # --- rooms ------------------------------------------------------------------------------

    def declared_rooms(self) -> dict[str, str]:
        """Every room the file declares, by name, with its slug, in the order first declared."""
        rooms: dict[str, str] = {}
        for day in self.imported.days:
            for room in day.rooms:
                rooms.setdefault(room.name, room.slug)
        return rooms

    def rooms(self) -> dict[str, Room]:
        used = {event.room for event in self.events}
        declared = {name: slug for name, slug in self.declared_rooms().items() if name in used}
        wanted = [
            (name, slug if IDENTIFIER.match(slug) else slugify(name, "room"), name) for name, slug in declared.items()
        ]
        ids = unique_ids(wanted)
        hours = spans(self.events, lambda event: (event.room, event.day))
        rooms = {}
        for name in declared:
            stretches = sorted((day, span) for (room, day), span in hours.items() if room == name)
            rooms[name] = Room(
                id=ids[name],
                name=name,
                capacity=ASSUMED_CAPACITY,
                open=tuple(Window(day=day, start=_time(start), end=_time(end)) for day, (start, end) in stretches),
            )
        self.notes.assumptions.append(
            "Room opening hours are not in the file: each room is open, each day, from its first published "
            "start to its last end that day, and closed on days it holds nothing."
        )
        self.notes.sections["rooms"] = [
            f"capacity: assumed ({ASSUMED_CAPACITY} seats; the file gives none). open: assumed from the published "
            "program, first start to last end of the room's events each day."
        ]
        self.left_out_rooms = [name for name in self.declared_rooms() if name not in used]
        if self.left_out_rooms:
            self.notes.sections["rooms"].append(
                f"Left out, as no event is published in them: {', '.join(self.left_out_rooms)}."
            )
        return rooms

    # --- tracks -----------------------------------------------------------------------------

    def tracks(self, rooms: dict[str, Room]) -> dict[str, Track]:
        used = list(dict.fromkeys(event.track for event in self.events if event.track))
        ordered = [name for name in dict.fromkeys(self.imported.declared_tracks) if name in used]
        ordered += [name for name in used if name not in ordered]
        ids = unique_ids([(name, slugify(name, "track"), name) for name in ordered])
        longest = self.longest_stretch(rooms)
        tracks = {}
        crowded: dict[str, list[str]] = {}
        for name in ordered:
            crowded[name] = self.crowded_days(name, longest)
            rule: Literal["soft", "hard"] = "soft" if crowded[name] else "hard"
            tracks[name] = Track(id=ids[name], name=name, room_rule=rule)
        lines = [
            "room_rule hard: on each day a track uses no more rooms than its minutes need (its minutes that day "
            "over the longest any room is open that day, rounded up). The published program keeps to that, so a "
            "solve must too."
        ]
        for name, days in crowded.items():
            if days:
                self.notes.on(
                    "tracks",
                    ids[name],
                    f"soft: the published program spreads it over more rooms than it needs on {', '.join(days)}.",
                )
        if unused := [name for name in self.imported.declared_tracks if name not in used]:
            lines.append(f"Declared in the file but holding no events, so left out: {', '.join(unused)}.")
        self.notes.sections["tracks"] = lines
        hard = sum(1 for track in tracks.values() if track.room_rule == "hard")
        self.notes.assumptions.append(
            f"Tracks keep to their fewest rooms: {hard} of {len(tracks)} tracks have room_rule hard, as the "
            "published program keeps each of them in the fewest rooms its talks need on each day"
            + ("; the others are soft, as it does not." if hard < len(tracks) else ".")
        )
        return tracks

    def longest_stretch(self, rooms: dict[str, Room]) -> dict[dt.date, int]:
        """Per day, the longest time any one room is open: what a track's rooms are counted against."""
        longest: dict[dt.date, int] = defaultdict(int)
        for room in rooms.values():
            for window in room.open:
                longest[window.day] = max(longest[window.day], window.end_minute - window.start_minute)
        return longest

    def crowded_days(self, track: str, longest: dict[dt.date, int]) -> list[str]:
        """The days on which the published program puts `track` in more rooms than its minutes need."""
        minutes: dict[dt.date, int] = defaultdict(int)
        rooms: dict[dt.date, set[str]] = defaultdict(set)
        for event in self.events:
            if event.track == track:
                minutes[event.day] += event.minutes
                rooms[event.day].add(event.room)
        return [str(day) for day in sorted(minutes) if len(rooms[day]) > math.ceil(minutes[day] / longest[day])]

    # --- people -----------------------------------------------------------------------------

    def speakers(self) -> tuple[tuple[Speaker, ...], dict[str, str]]:
        """Every person, and a placeholder for the organisers of each track with speakerless events.

        Returns the speakers by id and each person key's speaker id (placeholders under the key
        `organisers:<track>`).
        """
        people: dict[str, str] = {}
        wanted: dict[str, tuple[str, str]] = {}
        for event in self.events:
            for person in event.persons:
                if person.key not in people:
                    people[person.key] = person.name
                    wanted[person.key] = (slugify(person.name, "speaker"), person.source_id or "")
            if not event.persons and _organisers(event) not in people:
                group = event.track or self.imported.title
                people[_organisers(event)] = f"{group} organisers"
                wanted[_organisers(event)] = (f"{slugify(group, 'conference')}-organisers", "")
        ids = unique_ids([(key, want, tiebreak) for key, (want, tiebreak) in wanted.items()])
        speakers = tuple(sorted((Speaker(id=ids[key], name=name) for key, name in people.items()), key=lambda s: s.id))
        placeholders = sorted(ids[key] for key in people if key.startswith("organisers:"))
        self.placeholders = len(placeholders)
        for speaker_id in placeholders:
            self.notes.on("speakers", speaker_id, "placeholder: its events name no speaker, and a talk needs one")
        if placeholders:
            count = sum(1 for event in self.events if not event.persons)
            self.notes.assumptions.append(
                f"{_count(count, 'event names', 'events name')} no speaker; each is given its track's organisers "
                f"as speaker ({', '.join(placeholders)}), as a talk needs one."
            )
        return speakers, ids

    # --- talks ------------------------------------------------------------------------------

    def talks(
        self,
        windows: dict[dt.date, BreakoutWindow],
        rooms: dict[str, Room],
        tracks: dict[str, Track],
        speaker_of: dict[str, str],
    ) -> tuple[tuple[Talk, ...], list[Placement]]:
        groups: dict[tuple[object, ...], list[ImportedEvent]] = {}
        for event in self.events:
            groups.setdefault(event.repeat_key, []).append(event)
        runs = [sorted(events, key=_clock_order) for events in groups.values()]
        track_order = {name: index for index, name in enumerate(tracks)}
        runs.sort(key=lambda run: (track_order.get(run[0].track or "", len(track_order)), _clock_order(run[0])))
        ids = unique_ids([(index, _talk_id(run[0].id), run[0].id) for index, run in enumerate(runs)])
        talks, placements = [], []
        for index, run in enumerate(runs):
            first = run[0]
            talk = Talk(
                id=ids[index],
                title=first.title,
                speakers=tuple(dict.fromkeys(speaker_of[person.key] for person in first.persons))
                or (speaker_of[_organisers(first)],),
                minutes=first.minutes,
                track=tracks[first.track].id if first.track else None,
                occurrences=len(run),
                restricted_to=CHILDREN if is_for_children(first) else None,
                pins=tuple(Pin(day=event.day) for event in run),
            )
            talks.append(talk)
            for number, event in enumerate(run, start=1):
                slot = step_slot_id(windows[event.day], event.start)
                placements.append(Placement(talk=talk.id, occurrence=number, slot=slot, room=rooms[event.room].id))
        self.note_talks(runs, talks, tracks)
        return tuple(talks), placements

    def note_talks(self, runs: list[list[ImportedEvent]], talks: list[Talk], tracks: dict[str, Track]) -> None:
        repeated = [(run, talk) for run, talk in zip(runs, talks, strict=False) if len(run) > 1]
        for run, talk in repeated:
            times = "; ".join(f"event {event.id}, {_weekday(event.day)} {_clock(event.start)}" for event in run)
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
        by_title: dict[str, list[tuple[list[ImportedEvent], Talk]]] = defaultdict(list)
        for run, talk in zip(runs, talks, strict=False):
            by_title[" ".join(talk.title.split()).casefold()].append((run, talk))
        apart = [same for same in by_title.values() if len(same) > 1]
        for same in apart:
            for run, talk in same:
                for other_run, other in same:
                    if other is not talk:
                        why = _differences(run[0], other_run[0])
                        self.notes.on(
                            "talks",
                            talk.id,
                            f"same title as {other.id} ({_weekday(other_run[0].day)}), kept a separate talk: {why}",
                        )
        if apart:
            self.notes.assumptions.append(
                f"{sum(len(same) for same in apart)} talks share a title with another but differ in length, speakers, "
                "track or type: they stay separate talks (see their comments)."
            )
        counts = Counter(talk.track for talk in talks)
        names = {track.id: track.name for track in tracks.values()}
        for talk in {talk.track: talk for talk in reversed(talks)}.values():  # the first talk of each track
            heading = f"{names[talk.track]} ({talk.track})" if talk.track else "No track"
            count = counts[talk.track]
            self.notes.groups[talk.id] = f"{heading}: {_count(count, 'talk', 'talks')}"
        self.notes.sections["talks"] = [
            "id: e<event id>. pins: each occurrence on the day it was published, as the day is the planner's "
            "devroom allocation; the solver chooses its time and room."
        ]
        self.notes.assumptions.append(
            "Each talk is pinned to the day it was published on: the day is the planner's devroom allocation."
        )

    def audiences(self) -> tuple[Audience, ...]:
        children = [event for event in self.events if is_for_children(event)]
        if not children:
            return ()
        at_once = most_at_once(children)
        self.notes.on(
            "audiences",
            CHILDREN,
            f"at_once {at_once}: the published program runs at most {at_once} children's sessions at the same time",
        )
        self.notes.assumptions.append(
            f"{_count(len(children), 'event', 'events')} of type junior or in a Junior track are for children only (restricted_to: "
            f"{CHILDREN}); at most {at_once} of them run at once, as in the published program."
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

    def double_bookings(self, speaker_of: dict[str, str]) -> tuple[str, ...]:
        found = []
        for key, first, second in clashes(self.events, lambda event: [person.key for person in event.persons]):
            name = next(person.name for person in first.persons if person.key == key)
            found.append(
                f"{name} ({speaker_of[key]}) is in two places at once on {_weekday(first.day)} {first.day}: "
                f"event {first.id} ({_clock(first.start)}-{_clock(first.end)}, {first.room}) and "
                f"event {second.id} ({_clock(second.start)}-{_clock(second.end)}, {second.room})."
            )
        for room, first, second in clashes(self.events, lambda event: [event.room]):
            found.append(
                f"{room} holds two events at once on {_weekday(first.day)} {first.day}: event {first.id} "
                f"({_clock(first.start)}-{_clock(first.end)}) and event {second.id} ({_clock(second.start)}-{_clock(second.end)})."
            )
        if found:
            self.notes.facts.append(
                "The published program breaks a hard rule (`amj-solve check` reports it; a solve will not repeat it):"
            )
            self.notes.facts += [f"- {line}" for line in found]
        return tuple(found)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _organisers(event: ImportedEvent) -> str:
    return f"organisers:{event.track or ''}"


def _talk_id(event_id: str) -> str:
    wanted = f"e{event_id}"
    return wanted if IDENTIFIER.match(wanted) else f"e-{slugify(event_id, 'event')}"


def _differences(event: ImportedEvent, other: ImportedEvent) -> str:
    parts = []
    if event.minutes != other.minutes:
        parts.append(f"{event.minutes} minutes here, {other.minutes} there")
    if sorted(p.key for p in event.persons) != sorted(p.key for p in other.persons):
        parts.append("other speakers")
    if event.track != other.track:
        parts.append("another track")
    if event.type != other.type:
        parts.append("another type")
    return "; ".join(parts)


def _clock_order(event: ImportedEvent) -> tuple[object, ...]:
    return (event.day, event.start, event.room, event.id)


def _weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def _time(minute: int) -> dt.time:
    return dt.time(*divmod(minute, 60))


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"

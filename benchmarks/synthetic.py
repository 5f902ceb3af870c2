"""Seeded synthetic conferences on breakout windows, shaped like FOSDEM 2025, for the scaling benchmark.

    python benchmarks/synthetic.py --talks 500 --seed 1 --out synthetic-500.yaml [--published grid.csv]

Why a hidden placement comes first: an instance that happens to be infeasible benchmarks the
diagnosis, not the solve. So the generator lays every track into one room for part of a day
(as FOSDEM gives each devroom a room for half a day or a day), then derives the rest from that
placement (who speaks twice and when, when a speaker is away, who gives the keynote) so that it
stays valid. A schedule with no hard violation is therefore known to exist; `--published`
writes it as a grid CSV, for `amj-solve check`.

What it holds, after FOSDEM 2025 (see ../shared/data/README.md): one 09:00-19:00 window a day in
5-minute steps, a day per 500 talks (at most 5); tracks of 6-20 talks, each pinned to one day and
fitting one room that day, most with a hard room rule; talk lengths drawn from FOSDEM's; rooms
open whole days, mornings, afternoons or by day, about a fifth of their minutes left free (more
below 100 talks); 13% of speakers giving 2-3 talks, some across tracks; talks given twice; a
children's audience (`at_once: 2`) with workshops, one given twice; 3% of speakers away for a
while; keynotes in Janson, a talk pinned to its start and room.

The same talk count and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from amj_scheduler.models import BreakoutWindow, Instance, Placement, Schedule, minutes, parse_instance
from amj_scheduler.models.instance import step_slot_id
from amj_scheduler.reports.atomic import write_all_atomically
from amj_scheduler.reports.csv_report import grid_csv_text
from amj_scheduler.reports.grid import grid_frame

FOSDEM_MINUTES = {30: 273, 25: 196, 20: 189, 10: 102, 15: 61, 40: 41, 5: 38, 90: 16, 50: 11, 55: 10, 60: 4, 35: 2}
"""How many FOSDEM 2025 events lasted each number of minutes: the talk lengths are drawn from it."""
WORKSHOP_MINUTES = (50, 55, 60, 90)

DAY_START, DAY_END, STEP = 9 * 60, 19 * 60, 5
MORNING, AFTERNOON = (DAY_START, 14 * 60), (13 * 60, DAY_END)
FIRST_DAY = dt.date(2025, 2, 1)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""Spelled out rather than strftime's %A, which follows the locale: the bytes must not."""
TALKS_PER_DAY = 500
"""FOSDEM 2025 gave about 470 talks a day."""
MAX_DAYS = 5

MIN_TALKS = 30
TRACK_SIZE = (6, 20)
TRACK_MINUTES_CAP = 540
"""A track's day fits a full-day room (600 minutes) with an hour to spare, so it can take one room."""
HARD_TRACK_SHARE = 0.8
TARGET_USE = 0.8
"""Rooms are added until talks fill about this share of the open room-minutes."""
MIN_FREE = 0.18
MULTI_TALK_SHARE = 0.13
"""FOSDEM 2025: 127 of 992 speakers gave more than one talk."""
CO_SPEAKER_SHARE = 0.08
SAME_TRACK_SHARE = 0.6
"""How often a speaker's further talk is in the same track as their first."""
AWAY_SHARE = 0.03

ROOM_CAPACITIES = (30, 40, 50, 60, 80, 100, 120, 150, 200, 300, 400)
BUILDINGS = ("H", "K", "UA", "UB", "AW", "J", "U")
TRACK_NAMES = (
    "Compilers",
    "Databases",
    "Embedded",
    "Networking",
    "Graphics",
    "Kernel",
    "Security",
    "Testing",
    "Web Performance",
    "Mobile",
    "Python",
    "Rust",
    "Go",
    "Open Research",
    "Geospatial",
    "Music Production",
    "Legal and Policy",
    "Community",
    "Education",
    "Energy",
    "Health",
    "Open Hardware",
    "Packaging",
    "Containers",
    "Observability",
    "Identity",
    "Translations",
    "Accessibility",
    "Documentation",
    "Retrocomputing",
    "Virtualization",
    "Distributions",
    "Email",
    "Collaboration",
    "Design",
    "Microkernels",
    "Declarative Systems",
    "Free Java",
    "Monitoring",
    "Radio",
    "Robotics",
    "Search",
    "Storage",
    "Funding",
)
ADJECTIVES = (
    "Practical",
    "Scalable",
    "Reproducible",
    "Secure",
    "Portable",
    "Incremental",
    "Declarative",
    "Tiny",
    "Distributed",
    "Fast",
    "Boring",
    "Resilient",
    "Accessible",
    "Observable",
    "Sustainable",
    "Modern",
)
SUBJECTS = (
    "build systems",
    "package managers",
    "schedulers",
    "compilers",
    "file systems",
    "databases",
    "network stacks",
    "GPU drivers",
    "test suites",
    "bootloaders",
    "web servers",
    "map tiles",
    "release pipelines",
    "language servers",
    "sensor networks",
    "text editors",
    "type checkers",
    "codecs",
)
SETTINGS = (
    "at scale",
    "on a budget",
    "for newcomers",
    "in production",
    "on small boards",
    "ten years on",
    "without a cloud",
    "in the browser",
    "for public services",
    "the hard way",
)
FIRST_NAMES = (
    "Ada",
    "Bram",
    "Chiara",
    "Dmitri",
    "Elif",
    "Femi",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kavya",
    "Luca",
    "Maren",
    "Nadia",
    "Omar",
    "Petra",
    "Quentin",
    "Rosa",
    "Sven",
    "Tamar",
    "Umar",
    "Vera",
    "Wim",
    "Xiu",
    "Yara",
    "Zeno",
    "Amara",
    "Bastien",
    "Camille",
    "Dario",
    "Eva",
    "Farid",
    "Gwen",
    "Hugo",
    "Ilse",
    "Jun",
)
LAST_NAMES = (
    "Adler",
    "Bakker",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Horvat",
    "Ito",
    "Jansen",
    "Kowalski",
    "Laurent",
    "Moreau",
    "Nowak",
    "Okafor",
    "Peeters",
    "Quispe",
    "Rossi",
    "Santos",
    "Tanaka",
    "Urban",
    "Vidal",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zimmer",
    "Andersen",
    "Bianchi",
    "Claes",
    "Dimitrov",
)


@dataclass(frozen=True)
class Spot:
    """Where and when one occurrence runs in the hidden placement."""

    day: int
    start: int
    room: str
    minutes: int

    @property
    def end(self) -> int:
        return self.start + self.minutes

    def overlaps(self, other: Spot) -> bool:
        return self.day == other.day and self.start < other.end and other.start < self.end


@dataclass
class _Talk:
    id: str
    minutes: int
    title: str
    track: str | None = None
    occurrences: int = 1
    restricted: bool = False
    pins: list[dict[str, str]] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    attendance: int = 0
    spots: list[Spot] = field(default_factory=list)
    """The hidden placement, one spot per occurrence, in clock order."""


@dataclass
class _Track:
    id: str
    name: str
    hard: bool
    talks: list[_Talk]
    day: int = 0

    @property
    def minutes(self) -> int:
        return sum(talk.minutes for talk in self.talks)


@dataclass
class _Room:
    id: str
    name: str
    capacity: int
    hours: list[tuple[int, int] | None]
    """Per day, the one stretch it is open for talks (None: closed that day)."""
    list_hours: bool
    """Whether the YAML lists `open` windows (a room open whole days every day need not)."""
    unavailable: list[tuple[int, int, int]] = field(default_factory=list)
    """(day, start, end) stretches it cannot hold talks in."""
    free: dict[int, list[list[int]]] = field(default_factory=dict)
    """Per day, the [next free minute, end] of each stretch still to be filled while packing."""


@dataclass(frozen=True)
class _Block:
    """Occurrences that run back to back in one room: a track's day, a lane of workshops."""

    day: int
    key: str
    parts: tuple[tuple[_Talk, int], ...]
    """(talk, occurrence index) in running order."""

    @property
    def minutes(self) -> int:
        return sum(talk.minutes for talk, _ in self.parts)


@dataclass(frozen=True)
class _Fixed:
    id: str
    title: str
    kind: str
    day: int
    start: int
    end: int
    room: str | None
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class Synthetic:
    """A generated conference: its instance YAML and the hidden placement it was built from."""

    talks: int
    seed: int
    yaml_text: str
    schedule: Schedule
    free_share: float
    """The share of open room-minutes no talk uses: the slack the solver has."""

    def instance(self) -> Instance:
        return parse_instance(self.yaml_text, f"<synthetic {self.talks} talks, seed {self.seed}>")


def generate(talks: int, seed: int) -> Synthetic:
    """A conference of `talks` talks, the same for the same seed. Needs at least `MIN_TALKS`."""
    if talks < MIN_TALKS:
        raise ValueError(
            f"a synthetic conference needs at least {MIN_TALKS} talks (tracks hold {TRACK_SIZE[0]} or more)"
        )
    return _Generator(talks, seed).run()


def published_csv(instance: Instance, schedule: Schedule) -> str:
    """The hidden placement as the project's grid CSV, the file `amj-solve check` reads."""
    return grid_csv_text(grid_frame(instance, schedule))


class _Generator:
    def __init__(self, talks: int, seed: int) -> None:
        self.count = talks
        self.seed = seed
        self.rng = random.Random(seed)
        self.days = min(MAX_DAYS, math.ceil(talks / TALKS_PER_DAY))
        self.talks: list[_Talk] = []
        self.tracks: list[_Track] = []
        self.rooms: list[_Room] = []
        self.fixed: list[_Fixed] = []
        self.speaker_names: dict[str, str] = {}
        self.speaker_ids: set[str] = set()
        """Every id ever given, also to speakers who later left: ids are never reused."""
        self.away: dict[str, tuple[int, int, int, str]] = {}

    def run(self) -> Synthetic:
        workshops = max(3, round(self.count / 120))
        repeats = max(1, round(self.count / 250))
        self._make_tracks(self.count - workshops - repeats)
        blocks = self._track_blocks() + self._workshop_blocks(workshops) + self._repeat_blocks(repeats)
        self._make_rooms(sum(block.minutes for block in blocks))
        self._add_fixed_items()
        self._pack(blocks)
        self._set_attendance()
        self._add_speakers()
        self._choose_keynote_speakers()
        self._add_unavailability()
        self._pin_opening_talk()
        yaml_text = self._yaml()
        return Synthetic(self.count, self.seed, yaml_text, self._schedule(), self._free_share())

    # --- talks and tracks ---------------------------------------------------------------

    def _title(self) -> str:
        rng = self.rng
        return f"{rng.choice(ADJECTIVES)} {rng.choice(SUBJECTS)} {rng.choice(SETTINGS)}"

    def _new_talk(self, length: int, track: str | None = None, occurrences: int = 1, restricted: bool = False) -> _Talk:
        talk = _Talk(f"t{len(self.talks) + 1:04d}", length, self._title(), track, occurrences, restricted)
        self.talks.append(talk)
        return talk

    def _minutes(self, below: int | None = None) -> int:
        choices = [m for m in FOSDEM_MINUTES if below is None or m < below]
        return self.rng.choices(choices, weights=[FOSDEM_MINUTES[m] for m in choices])[0]

    def _make_tracks(self, talk_count: int) -> None:
        low, high = TRACK_SIZE
        sizes = []
        left = talk_count
        while left > high:
            size = self.rng.randint(low, min(high, left - low))
            sizes.append(size)
            left -= size
        sizes.append(left)
        for index, size in enumerate(sizes):
            name = TRACK_NAMES[index % len(TRACK_NAMES)]
            if index >= len(TRACK_NAMES):
                name += f" {index // len(TRACK_NAMES) + 1}"
            lengths = [self._minutes() for _ in range(size)]
            while sum(lengths) > TRACK_MINUTES_CAP:  # shorten the longest talk until the day fits one room
                longest = lengths.index(max(lengths))
                lengths[longest] = self._minutes(below=lengths[longest])
            track_id = _slug(name)
            track_talks = [self._new_talk(length, track=track_id) for length in lengths]
            self.tracks.append(_Track(track_id, name, self.rng.random() < HARD_TRACK_SHARE, track_talks))
        # Balance the days' minutes: longest track first, onto the day with the fewest minutes so far.
        load = [0] * self.days
        for track in sorted(self.tracks, key=lambda t: (-t.minutes, t.id)):
            track.day = load.index(min(load))
            load[track.day] += track.minutes

    def _track_blocks(self) -> list[_Block]:
        blocks = []
        for track in self.tracks:
            for talk in track.talks:
                talk.pins.append({"day": self._date(track.day).isoformat()})
            blocks.append(_Block(track.day, track.id, tuple((talk, 0) for talk in track.talks)))
        return blocks

    def _workshop_blocks(self, count: int) -> list[_Block]:
        """Children's workshops in two lanes a day: never more than two at once (`at_once: 2`).
        The first is given twice, both times in one lane of the first day, so they never overlap."""
        self.tracks.append(_Track("junior", "Junior", False, []))
        lanes: dict[tuple[int, int], list[tuple[_Talk, int]]] = defaultdict(list)
        for index in range(count):
            talk = self._new_talk(self.rng.choice(WORKSHOP_MINUTES), track="junior", restricted=True)
            self.tracks[-1].talks.append(talk)
            day = index % self.days
            lane = (day, (index // self.days) % 2)
            if index == 0:
                talk.occurrences = 2
                lanes[lane] += [(talk, 0), (talk, 1)]
            else:
                talk.pins.append({"day": self._date(day).isoformat()})
                lanes[lane].append((talk, 0))
        return [_Block(day, f"junior-{day}-{lane}", tuple(parts)) for (day, lane), parts in sorted(lanes.items())]

    def _repeat_blocks(self, count: int) -> list[_Block]:
        """Talks given twice, without a track: on two days (pinned one a day, or not pinned), or,
        on a one-day conference, back to back in one room."""
        blocks = []
        for _ in range(count):
            talk = self._new_talk(self._minutes(below=61), occurrences=2)
            if self.days == 1:
                blocks.append(_Block(0, talk.id, ((talk, 0), (talk, 1))))
                continue
            first, second = sorted(self.rng.sample(range(self.days), 2))
            if self.rng.random() < 0.5:
                talk.pins += [{"day": self._date(first).isoformat()}, {"day": self._date(second).isoformat()}]
            blocks += [_Block(first, f"{talk.id}-1", ((talk, 0),)), _Block(second, f"{talk.id}-2", ((talk, 1),))]
        return blocks

    # --- rooms and the hidden placement -------------------------------------------------

    def _make_rooms(self, talk_minutes: int) -> None:
        """Rooms until the talks would fill `TARGET_USE` of their open minutes: Janson for the
        keynotes, most rooms open whole days, some only mornings or afternoons, some by day."""
        self.rooms.append(_Room("janson", "Janson", 1400, [(DAY_START, DAY_END)] * self.days, False))
        while sum(_open_minutes(room) for room in self.rooms) * TARGET_USE < talk_minutes:
            self.rooms.append(self._new_room())
        cleaned = next((room for room in self.rooms[1:] if not room.list_hours), None)
        if cleaned is not None:
            cleaned.unavailable.append((0, 13 * 60, 14 * 60))

    def _new_room(self, whole_days: bool = False) -> _Room:
        number = len(self.rooms)
        building = BUILDINGS[number % len(BUILDINGS)]
        floor = 1 + number // len(BUILDINGS) % 5
        name = f"{building}.{floor}.{200 + number}"
        kind = (
            "full" if whole_days else self.rng.choices(("full", "morning", "afternoon", "by-day"), (60, 15, 15, 10))[0]
        )
        shapes = {"full": (DAY_START, DAY_END), "morning": MORNING, "afternoon": AFTERNOON}
        if kind == "by-day":
            hours = [self.rng.choice((MORNING, AFTERNOON, (DAY_START, DAY_END), None)) for _ in range(self.days)]
            if not any(hours):
                hours[0] = MORNING
        else:
            hours = [shapes[kind]] * self.days
        return _Room(_slug(name).replace("-", ""), name, self.rng.choice(ROOM_CAPACITIES), hours, kind != "full")

    def _add_fixed_items(self) -> None:
        last = self.days - 1
        self.fixed = [
            _Fixed("doors", "Doors open", "doors", 0, 8 * 60 + 30, DAY_START, None),
            _Fixed("keynote-opening", "Opening keynote", "plenary", 0, DAY_START, DAY_START + 50, "janson"),
            _Fixed("keynote-closing", "Closing keynote", "plenary", last, DAY_END - 60, DAY_END - 10, "janson"),
        ]

    def _pack(self, blocks: list[_Block]) -> None:
        """Best fit, longest block first, into the rooms' free stretches; a block that fits
        nowhere gets a new room open whole days. Rooms left empty (no talk, no fixed item) are then
        dropped while the talks still leave `MIN_FREE` of the room-minutes free."""
        for room in self.rooms:
            self._prepare(room)
        for block in sorted(blocks, key=lambda b: (-b.minutes, b.day, b.key)):
            while not self._place(block):
                self.rooms.append(self._new_room(whole_days=True))
                self._prepare(self.rooms[-1])
        used = {spot.room for talk in self.talks for spot in talk.spots} | {item.room for item in self.fixed}
        for room in reversed(self.rooms[:]):
            if room.id in used:
                continue
            self.rooms.remove(room)
            if self._free_share() < MIN_FREE:
                self.rooms.append(room)
                break

    def _prepare(self, room: _Room) -> None:
        for day, hours in enumerate(room.hours):
            taken = [(start, end) for d, start, end in room.unavailable if d == day]
            taken += [(item.start, item.end) for item in self.fixed if item.room == room.id and item.day == day]
            room.free[day] = [[start, end] for start, end in _subtract(hours, taken)] if hours else []

    def _place(self, block: _Block) -> bool:
        """Into the free stretch of its day that it leaves least room in, if one is long enough."""
        fits = [
            (stretch[1] - stretch[0], index, room, stretch)
            for index, room in enumerate(self.rooms)
            for stretch in room.free[block.day]
            if stretch[1] - stretch[0] >= block.minutes
        ]
        if not fits:
            return False
        _, _, room, stretch = min(fits, key=lambda fit: fit[:2])
        for talk, _ in block.parts:
            talk.spots.append(Spot(block.day, stretch[0], room.id, talk.minutes))
            talk.spots.sort(key=lambda spot: (spot.day, spot.start))
            stretch[0] += talk.minutes
        return True

    def _set_attendance(self) -> None:
        """Most talks expect fewer people than their hidden room seats; about one in twenty more."""
        capacity = {room.id: room.capacity for room in self.rooms}
        for talk in self.talks:
            seats = capacity[talk.spots[0].room]
            share = self.rng.uniform(1.0, 1.2) if self.rng.random() < 0.05 else self.rng.uniform(0.4, 1.0)
            talk.attendance = max(5, round(seats * share))

    # --- people -------------------------------------------------------------------------

    def _new_speaker(self) -> str:
        """A new speaker with a name no other has: a middle initial, or a number, tells namesakes apart."""
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        names = [f"{first} {last}"] + [f"{first} {initial}. {last}" for initial in "ABCDEFGHIJKLMNOPRSTVW"]
        name = next((n for n in names if _slug(n) not in self.speaker_ids), f"{first} {last} {len(self.speaker_ids)}")
        speaker_id = _slug(name)
        self.speaker_ids.add(speaker_id)
        self.speaker_names[speaker_id] = name
        return speaker_id

    def _add_speakers(self) -> None:
        """One new speaker per talk (some with a co-speaker), then talks handed to speakers who
        already have one, where the hidden times allow it, until `MULTI_TALK_SHARE` give several."""
        for talk in self.talks:
            talk.speakers.append(self._new_speaker())
            if self.rng.random() < CO_SPEAKER_SHARE:
                talk.speakers.append(self._new_speaker())
        talks_of: dict[str, list[_Talk]] = defaultdict(list)
        for talk in self.talks:
            for speaker in talk.speakers:
                talks_of[speaker].append(talk)
        singles = [speaker for speaker in talks_of if len(talks_of[speaker]) == 1]
        self.rng.shuffle(singles)
        by_track: dict[str | None, list[_Talk]] = defaultdict(list)
        for talk in self.talks:
            by_track[talk.track].append(talk)
        multi, speaker_count = 0, len(talks_of)
        while singles and multi < MULTI_TALK_SHARE * speaker_count:
            speaker = singles.pop()
            if len(talks_of[speaker]) != 1:
                continue  # it took over another single's talk meanwhile
            wanted = 1 if self.rng.random() < 0.75 else 2
            for _ in range(wanted):
                mine = talks_of[speaker]
                pool = by_track[mine[0].track] if self.rng.random() < SAME_TRACK_SHARE else self.talks
                taken = self._take_over(speaker, mine, pool, talks_of)
                if taken is None:
                    break
                mine.append(taken)
                speaker_count -= 1
            multi += len(talks_of[speaker]) > 1
        for speaker in [s for s, own in talks_of.items() if not own]:
            del self.speaker_names[speaker]

    def _take_over(
        self, speaker: str, mine: list[_Talk], pool: list[_Talk], talks_of: dict[str, list[_Talk]]
    ) -> _Talk | None:
        """A talk from `pool` whose first speaker gives only it and whose times clash with none of
        `speaker`'s: `speaker` replaces that first speaker, who leaves the conference."""
        spots = [spot for talk in mine for spot in talk.spots]
        for start in self.rng.sample(range(len(pool)), min(len(pool), 40)):
            talk = pool[start]
            previous = talk.speakers[0]
            if speaker in talk.speakers or len(talks_of[previous]) != 1:
                continue
            if any(spot.overlaps(other) for spot in talk.spots for other in spots):
                continue
            talk.speakers[0] = speaker
            talks_of[previous] = []
            return talk
        return None

    def _spots_of(self) -> dict[str, list[Spot]]:
        spots: dict[str, list[Spot]] = defaultdict(list)
        for talk in self.talks:
            for speaker in talk.speakers:
                spots[speaker] += talk.spots
        return spots

    def _choose_keynote_speakers(self) -> None:
        """Keynote speakers also give a talk, never at their keynote's time."""
        spots = self._spots_of()
        speakers = sorted(spots)
        for index, item in enumerate(self.fixed):
            if item.room is None:
                continue
            keynote = Spot(item.day, item.start, item.room, item.end - item.start)
            for speaker in self.rng.sample(speakers, len(speakers)):
                if not any(spot.overlaps(keynote) for spot in spots[speaker]) and not any(
                    speaker in other.people for other in self.fixed
                ):
                    self.fixed[index] = replace(item, people=(speaker,))
                    break

    def _add_unavailability(self) -> None:
        """`AWAY_SHARE` of the speakers away for a stretch none of their talks uses: a day they
        do not speak, or the morning before their first talk of a day, or the evening after the last."""
        spots = self._spots_of()
        keynote_people = {person for item in self.fixed for person in item.people}
        wanted = math.ceil(AWAY_SHARE * len(self.speaker_names))
        for speaker in self.rng.sample(sorted(self.speaker_names), len(self.speaker_names)):
            if len(self.away) == wanted:
                break
            if speaker in keynote_people:
                continue
            busy_days = {spot.day for spot in spots[speaker]}
            options = [(day, DAY_START, DAY_END, "travelling") for day in range(self.days) if day not in busy_days]
            for day in sorted(busy_days):
                first = min(spot.start for spot in spots[speaker] if spot.day == day)
                last = max(spot.end for spot in spots[speaker] if spot.day == day)
                if first - DAY_START >= 30:
                    options.append((day, DAY_START, _on_step(self.rng.randint(DAY_START + 30, first)), "arrives late"))
                if DAY_END - last >= 30:
                    options.append(
                        (day, _on_step(self.rng.randint(last, DAY_END - 30), up=True), DAY_END, "leaves early")
                    )
            if options:
                self.away[speaker] = self.rng.choice(options)

    def _pin_opening_talk(self) -> None:
        """The first talk of the largest hard track (of any devroom, if none is hard) is pinned to its
        start and room, as a devroom's opening is announced ahead."""
        track = max((t for t in self.tracks if t.id != "junior"), key=lambda t: (t.hard, len(t.talks), t.id))
        talk = min(track.talks, key=lambda t: t.spots[0].start)
        spot = talk.spots[0]
        talk.pins = [{"slot": self._slot_id(spot), "room": spot.room}]

    # --- output -------------------------------------------------------------------------

    def _date(self, day: int) -> dt.date:
        return FIRST_DAY + dt.timedelta(days=day)

    def _weekday(self, day: int) -> str:
        return WEEKDAYS[self._date(day).weekday()]

    def _window(self, day: int) -> BreakoutWindow:
        return BreakoutWindow.model_validate(
            {
                "id": self._weekday(day)[:3].lower(),
                "label": self._weekday(day),
                "day": self._date(day),
                "start": _clock(DAY_START),
                "end": _clock(DAY_END),
                "step": STEP,
            }
        )

    def _slot_id(self, spot: Spot) -> str:
        return step_slot_id(self._window(spot.day), spot.start)

    def _schedule(self) -> Schedule:
        return Schedule(
            placements=tuple(
                Placement(talk=talk.id, occurrence=number, slot=self._slot_id(spot), room=spot.room)
                for talk in self.talks
                for number, spot in enumerate(talk.spots, start=1)
            )
        )

    def _free_share(self) -> float:
        open_minutes = sum(_open_minutes(room) for room in self.rooms)
        used = sum(spot.minutes for talk in self.talks for spot in talk.spots)
        return 1 - used / open_minutes

    def _yaml(self) -> str:
        """The instance in block YAML, written directly: one fixed layout keeps the bytes stable
        and writing fast; every string that is not an id is JSON-quoted, which YAML reads as is."""
        lines = [
            f"# Synthetic conference: {self.count} talks, seed {self.seed}, generated by benchmarks/synthetic.py.",
            "# Built around a hidden feasible placement (synthetic.py --published writes it as a grid CSV).",
            "conference:",
            f"  name: {_q(f'Synthetic Conference {self.count} (seed {self.seed})')}",
            "  venue: Synthetic Campus",
            "  time_zone: Europe/Brussels",
            "days:",
        ]
        lines += [f"  - {{date: {self._date(d)}, name: {self._weekday(d)}}}" for d in range(self.days)]
        lines.append("breakout_windows:")
        for window in map(self._window, range(self.days)):
            lines.append(
                f"  - {{id: {window.id}, label: {window.label}, day: {window.day}, "
                f"start: {_quoted_clock(minutes(window.start))}, end: {_quoted_clock(minutes(window.end))}, step: {window.step}}}"
            )
        lines.append("tracks:")
        lines += [
            f"  - {{id: {t.id}, name: {_q(t.name)}, room_rule: {'hard' if t.hard else 'soft'}}}" for t in self.tracks
        ]
        lines += [
            "audiences:",
            '  - {id: children, name: Children, description: "FOSDEM Junior style workshops", at_once: 2}',
        ]
        lines.append("rooms:")
        for room in self.rooms:
            lines += [f"  - id: {room.id}", f"    name: {_q(room.name)}", f"    capacity: {room.capacity}"]
            if room.list_hours:
                lines.append("    open:")
                lines += [
                    f"      - {{day: {self._date(d)}, start: {_quoted_clock(h[0])}, end: {_quoted_clock(h[1])}}}"
                    for d, h in enumerate(room.hours)
                    if h
                ]
            if room.unavailable:
                lines.append("    unavailable:")
                lines += [
                    f"      - {{day: {self._date(d)}, start: {_quoted_clock(s)}, end: {_quoted_clock(e)}, reason: cleaning}}"
                    for d, s, e in room.unavailable
                ]
        lines.append("speakers:")
        for speaker in sorted(self.speaker_names):
            line = f"  - {{id: {speaker}, name: {_q(self.speaker_names[speaker])}"
            if speaker in self.away:
                day, start, end, reason = self.away[speaker]
                line += f", unavailable: [{{day: {self._date(day)}, start: {_quoted_clock(start)}, end: {_quoted_clock(end)}, reason: {_q(reason)}}}]"
            lines.append(line + "}")
        lines.append("fixed_items:")
        for item in self.fixed:
            line = (
                f"  - {{id: {item.id}, title: {_q(item.title)}, kind: {item.kind}, day: {self._date(item.day)}, "
                f"start: {_quoted_clock(item.start)}, end: {_quoted_clock(item.end)}"
            )
            line += f", room: {item.room}" if item.room else ""
            line += f", people: [{', '.join(item.people)}]" if item.people else ""
            lines.append(line + "}")
        lines.append("talks:")
        for talk in self.talks:
            lines += [
                f"  - id: {talk.id}",
                f"    title: {_q(talk.title)}",
                f"    speakers: [{', '.join(talk.speakers)}]",
                f"    minutes: {talk.minutes}",
                f"    expected_attendance: {talk.attendance}",
            ]
            lines += [f"    track: {talk.track}"] if talk.track else []
            lines += [f"    occurrences: {talk.occurrences}"] if talk.occurrences > 1 else []
            lines += ["    restricted_to: children"] if talk.restricted else []
            if talk.pins:
                pins = ", ".join("{" + ", ".join(f"{k}: {v}" for k, v in pin.items()) + "}" for pin in talk.pins)
                lines.append(f"    pins: [{pins}]")
        return "\n".join(lines) + "\n"


def _open_minutes(room: _Room) -> int:
    """Minutes the room can hold talks: its opening hours less its unavailable stretches."""
    total = 0
    for day, hours in enumerate(room.hours):
        if hours:
            total += sum(
                end - start for start, end in _subtract(hours, [(s, e) for d, s, e in room.unavailable if d == day])
            )
    return total


def _subtract(hours: tuple[int, int], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of `hours` outside every stretch in `taken`."""
    parts = [hours]
    for cut_start, cut_end in taken:
        parts = [
            piece
            for start, end in parts
            for piece in ((start, min(end, cut_start)), (max(start, cut_end), end))
            if piece[0] < piece[1]
        ]
    return parts


def _on_step(minute: int, up: bool = False) -> int:
    return (minute + (STEP - 1 if up else 0)) // STEP * STEP


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _quoted_clock(minute: int) -> str:
    """Quoted, as YAML 1.1 readers would take an unquoted 09:00 for a number."""
    return f'"{_clock(minute)}"'


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--talks", type=int, required=True, help=f"how many talks (at least {MIN_TALKS})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="the instance YAML to write")
    parser.add_argument("--published", type=Path, help="also write the hidden feasible placement as a grid CSV")
    args = parser.parse_args(argv)
    if args.talks < MIN_TALKS:
        parser.error(f"--talks must be at least {MIN_TALKS}")
    for path in (args.out, args.published):
        if path is not None and path.exists() and not path.is_file():
            # The files are staged beside their target and renamed into place: /dev/stdout cannot take that.
            parser.error(f"{path} is not a regular file; give the path of a file")
    synthetic = generate(args.talks, args.seed)
    files: dict[Path, str] = {args.out: synthetic.yaml_text}
    if args.published:
        files[args.published] = published_csv(synthetic.instance(), synthetic.schedule)
    try:
        write_all_atomically(files)
    except OSError as error:
        print(f"cannot write {error.filename or 'the output'}: {error.strerror or error}", file=sys.stderr)
        sys.exit(2)
    print(f"{args.out}: {args.talks} talks, {synthetic.free_share:.0%} of open room-minutes free")


if __name__ == "__main__":
    main()

"""Alternative schedules side by side: the input every comparison report takes, and their
placements aligned occurrence by occurrence.

The alternatives may be judged against different instances (a scenario closes a room, drops
or adds a talk), so each placement is read against its own alternative's instance, and two
placements count as the same when they start in the same breakout slot in the same room, by
id: names and labels are for reading, ids are what the instances share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from amj_scheduler.checker import AttendeeFigures, SoftScore, Violation
from amj_scheduler.models import Instance, Schedule

from ..models.clock import Clock
from .formatting import WEEKDAYS
from .program import ProgramEntry, program_entries

PlacementKey = tuple[str, int]
"""(talk id, occurrence): occurrences are numbered in clock order within a talk, so rows align on it."""

Spot = tuple[str, str]
"""(first breakout slot id, room id): what "placed identically" compares."""


@dataclass(frozen=True)
class Place:
    """Where one alternative put one occurrence, in the words of its own instance."""

    spot: Spot
    day: dt.date
    start: Clock
    slot: str
    """The slot label; 'Session II + Session III' for a talk that takes two slots."""
    room: str
    where: str
    """'Session II · Modular I', the day first when the instance repeats that label on another day."""


@dataclass(frozen=True)
class Alternative:
    """One schedule to compare, with its own instance and the checker's verdicts on it."""

    name: str  # column header: "best", "alternative 2", "2010-no-modular-ii", "2010-published.csv"
    origin: str  # how it was made, one line: "solver, seed 0", "scenario instances/scenarios/x.yaml: Modular II closed", "grid instances/2010-published.csv"
    instance: Instance  # the instance it is judged against (a scenario changes it)
    schedule: Schedule
    score: SoftScore  # checker.score_schedule(instance, schedule)
    violations: tuple[Violation, ...]  # checker.find_violations(instance, schedule); () for solver output
    attendees: AttendeeFigures | None = None  # checker.attendee_figures(instance, schedule): what attendees can see

    @cached_property
    def entries(self) -> dict[PlacementKey, ProgramEntry]:
        """Each placed occurrence as the published grid reads it.

        Raises ValueError, as the grid reports do, for a placement the instance cannot hold,
        and for an occurrence placed twice: a comparison must not silently keep one of them.
        """
        entries: dict[PlacementKey, ProgramEntry] = {}
        for entry in program_entries(self.instance, self.schedule):
            if entry.occurrence is None:
                continue
            key = (entry.session_id, entry.occurrence)
            if key in entries:
                raise ValueError(f"'{self.name}' places '{entry.title}' occurrence {entry.occurrence} twice")
            entries[key] = entry
        return entries

    @cached_property
    def places(self) -> dict[PlacementKey, Place]:
        labels = [slot.label for slot in self.instance.breakout_slots]
        repeated = {label for label in labels if labels.count(label) > 1}
        return {key: _place(entry, repeated) for key, entry in self.entries.items()}

    @cached_property
    def titles(self) -> dict[str, str]:
        """The title of every talk this alternative places, by talk id."""
        return {talk: entry.title for (talk, _), entry in self.entries.items()}


def _place(entry: ProgramEntry, repeated_labels: set[str]) -> Place:
    first = entry.slots[0]
    slot = " + ".join(slot.label for slot in entry.slots)
    day = f"{WEEKDAYS[entry.day.weekday()][:3]} " if first.label in repeated_labels else ""
    room_id = entry.room.id if entry.room else ""
    where = f"{day}{slot} · {entry.room_name}"
    return Place((first.id, room_id), entry.day, entry.start, slot, entry.room_name, where)


def comparable(alternatives: Sequence[Alternative]) -> tuple[Alternative, ...]:
    """The alternatives, once checked to be at least one and named apart: names head columns."""
    if not alternatives:
        raise ValueError("a comparison needs at least one alternative")
    names = [alternative.name for alternative in alternatives]
    if any(not name.strip() for name in names):
        raise ValueError("every alternative needs a name: it heads its column")
    if duplicates := sorted({name for name in names if names.count(name) > 1}):
        raise ValueError(f"alternatives must have distinct names; repeated: {', '.join(duplicates)}")
    return tuple(alternatives)


@dataclass(frozen=True)
class AlignedOccurrence:
    """One talk occurrence across all alternatives."""

    talk: str
    occurrence: int
    title: str
    places: tuple[Place | None, ...]
    """One per alternative, in their order; None where that alternative does not place it."""

    def changed(self, index: int) -> bool:
        """Whether alternative `index` places it otherwise than the first, the reference."""
        return _spot(self.places[index]) != _spot(self.places[0])

    @property
    def differs(self) -> bool:
        return any(self.changed(index) for index in range(1, len(self.places)))


def _spot(place: Place | None) -> Spot | None:
    return place.spot if place else None


def aligned_occurrences(alternatives: Sequence[Alternative]) -> list[AlignedOccurrence]:
    """Every occurrence any alternative places, sorted by talk id, then occurrence."""
    alternatives = comparable(alternatives)
    keys = sorted({key for alternative in alternatives for key in alternative.places})
    return [
        AlignedOccurrence(
            talk,
            occurrence,
            next(alternative.titles[talk] for alternative in alternatives if talk in alternative.titles),
            tuple(alternative.places.get((talk, occurrence)) for alternative in alternatives),
        )
        for talk, occurrence in keys
    ]


def differing_occurrences(alternatives: Sequence[Alternative]) -> list[AlignedOccurrence]:
    """The occurrences not placed identically (same slot, same room) in every alternative."""
    return [row for row in aligned_occurrences(alternatives) if row.differs]


def no_differences_text(count: int) -> str:
    """What the reports say in place of the differing placements when there are none."""
    if count == 1:
        return "One schedule: nothing to compare its placements with."
    return f"Every placement is the same in all {count} schedules."


@dataclass(frozen=True)
class TalkChanges:
    """Talks one alternative places and the reference does not (added), and the reverse (removed).

    A scenario that drops or adds a talk changes what is compared, not where things are, so
    these talks are named here rather than counted as moves.
    """

    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def text(self) -> str:
        """ "adds 'Songwriting Q&A'; drops 'The Real You'", or "" when both place the same talks.

        Titles are quoted because they may hold commas and semicolons themselves.
        """
        parts = []
        for verb, titles in (("adds", self.added), ("drops", self.removed)):
            if titles:
                parts.append(verb + " " + ", ".join(f"'{title}'" for title in titles))
        return "; ".join(parts)


def talk_changes(reference: Alternative, other: Alternative) -> TalkChanges:
    """Titles sorted by talk id, the order of every other listing in the comparison."""
    added = sorted(other.titles.keys() - reference.titles.keys())
    removed = sorted(reference.titles.keys() - other.titles.keys())
    return TalkChanges(tuple(other.titles[t] for t in added), tuple(reference.titles[t] for t in removed))

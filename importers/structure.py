"""How the events of a published program relate: which room spellings are one room, which
sessions hold others, which are one session shown in several rooms, which are one talk given
several times.

These are read off the program as published, never guessed from titles: a lightning-talk block
is a session in whose room and time five-minute talks are published; a simulcast is one title
with the same people at the same time in two rooms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .imported import ImportedDay, ImportedEvent, normalised


def room_spellings(days: Sequence[ImportedDay], events: Sequence[ImportedEvent]) -> dict[str, str]:
    """Each room name as written -> the one spelling kept for it: names that differ only in case
    or spacing (`1Komona headnut`, `1komona headnut`) are one room, under its first spelling."""
    names = [room.name for day in days for room in day.rooms] + [event.room for event in events]
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(normalised(name), name)
    return {name: first[normalised(name)] for name in names}


@dataclass(frozen=True)
class Nesting:
    """Which events are held inside another of the same room and day."""

    top: tuple[int, ...]
    """Indices of the events placed on their own, in file order."""
    inside: dict[int, tuple[int, ...]]
    """Container index -> the indices of the events it holds, in clock order."""


def nesting(events: Sequence[ImportedEvent]) -> Nesting:
    """An event is held by another when both are in one room on one day and its minutes lie
    within the other's, which is longer: a lightning-talk block and its talks, a reception and
    its poster talks, a soldering area's day and the workshops at its tables. Only the outermost
    session is a container; what it holds is flat."""
    by_room: dict[tuple[object, str], list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        by_room[event.day, event.room].append(index)
    holder: dict[int, int] = {}
    for indices in by_room.values():
        ordered = sorted(indices, key=lambda i: (events[i].start, -events[i].minutes, i))
        open_container: int | None = None
        for index in ordered:
            event = events[index]
            if open_container is not None:
                outer = events[open_container]
                if event.end <= outer.end and event.minutes < outer.minutes:
                    holder[index] = open_container
                    continue
            if (
                open_container is None
                or event.start >= events[open_container].end
                or event.end > events[open_container].end
            ):
                open_container = index
    inside: dict[int, list[int]] = defaultdict(list)
    for index, container in holder.items():
        inside[container].append(index)
    return Nesting(
        tuple(index for index in range(len(events)) if index not in holder),
        {c: tuple(sorted(held, key=lambda i: (events[i].start, i))) for c, held in sorted(inside.items())},
    )


def simulcasts(events: Sequence[ImportedEvent], candidates: Sequence[int]) -> dict[int, tuple[int, ...]]:
    """Primary index -> the indices of the same session at the same time in other rooms.

    One session shown in an overflow room, or run at two soldering stations at once, is one
    talk: the event first in the file keeps it, the others hold their rooms for it.
    """
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for index in candidates:
        event = events[index]
        groups[event.repeat_key, event.day, event.start].append(index)
    found: dict[int, tuple[int, ...]] = {}
    for indices in groups.values():
        rooms_seen: set[str] = set()
        primary, others = indices[0], []
        rooms_seen.add(normalised(events[primary].room))
        for index in indices[1:]:
            room = normalised(events[index].room)
            if room not in rooms_seen:
                rooms_seen.add(room)
                others.append(index)
        if others:
            found[primary] = tuple(others)
    return found

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
    session is a container; what it holds is flat. Spans are compared on the 5-minute grid, so
    that an area open until 23:59 holds the workshop that ends at 24:00."""
    by_room: dict[tuple[object, str], list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        by_room[event.day, event.room].append(index)
    span = {index: _on_five_minutes(event) for index, event in enumerate(events)}
    holder: dict[int, int] = {}
    for indices in by_room.values():
        ordered = sorted(indices, key=lambda i: (span[i][0], span[i][0] - span[i][1], i))
        open_container: int | None = None
        for index in ordered:
            start, end = span[index]
            if open_container is not None:
                outer_start, outer_end = span[open_container]
                if end <= outer_end and end - start < outer_end - outer_start:
                    holder[index] = open_container
                    continue
            if open_container is None or start >= span[open_container][1] or end > span[open_container][1]:
                open_container = index
    inside: dict[int, list[int]] = defaultdict(list)
    for index, container in holder.items():
        inside[container].append(index)
    return Nesting(
        tuple(index for index in range(len(events)) if index not in holder),
        {c: tuple(sorted(held, key=lambda i: (events[i].start, i))) for c, held in sorted(inside.items())},
    )


def _on_five_minutes(event: ImportedEvent) -> tuple[int, int]:
    return event.start - event.start % 5, -(-event.end // 5) * 5


def simulcasts(events: Sequence[ImportedEvent], candidates: Sequence[int]) -> dict[int, tuple[int, ...]]:
    """Primary index -> the indices of the same session at the same time, in other rooms or
    listed twice in its own (a merged schedule takes it from two sources).

    One session shown in an overflow or stream room, or run at two soldering stations at once,
    is one talk: the event first in the file keeps it, the others hold their rooms for it. Two
    events that start and end together are one session when they agree in title, people, track
    and type; or share a speaker and one title extends the other ("Fnord News Show (Stream)", its
    speakers spelt differently there); or share a speaker in one room (a session listed in two
    languages): nobody gives two sessions at once.
    """
    at_once: dict[tuple[object, int, int], list[int]] = defaultdict(list)
    for index in candidates:
        event = events[index]
        at_once[event.day, event.start, event.minutes].append(index)
    found: dict[int, tuple[int, ...]] = {}
    taken: set[int] = set()
    for indices in at_once.values():
        for position, primary in enumerate(indices):
            if primary in taken:
                continue
            others = [
                other
                for other in indices[position + 1 :]
                if other not in taken and _one_session(events[primary], events[other])
            ]
            if others:
                found[primary] = tuple(others)
                taken |= {primary, *others}
    return found


def _one_session(first: ImportedEvent, second: ImportedEvent) -> bool:
    if first.repeat_key == second.repeat_key:
        return True
    shared = {p.identity for p in first.persons} & {p.identity for p in second.persons}
    if shared and normalised(first.room) == normalised(second.room):
        return True  # one room, one time, one speaker: a listing in two languages or from two sources
    titles = sorted((normalised(first.title), normalised(second.title)), key=len)
    return bool(shared) and titles[1].startswith(titles[0])

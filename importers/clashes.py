"""What the published program itself breaks: a person or a room in two places at once.

Compared on absolute time, so that a talk at 25:00 on Friday and one at 01:00 on Saturday meet.
A session and the talks it holds never clash with each other, nor does a session with the
other rooms it is shown in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence, Set

from .imported import ImportedEvent
from .timing import clock_text, day_text

MINUTES_PER_DAY = 24 * 60


def published_clashes(
    events: Sequence[ImportedEvent], family: Mapping[int, int], overflow: Set[int]
) -> tuple[str, ...]:
    """One sentence per clash. `family` maps each event to the session it is placed with (itself,
    or the container holding it); `overflow` are the extra rooms of simulcasts."""
    found = []
    by_person: dict[str, list[int]] = defaultdict(list)
    names: dict[str, str] = {}
    for index, event in enumerate(events):
        if index in overflow:
            continue
        for person in event.persons:
            by_person[person.identity].append(index)
            names.setdefault(person.identity, person.name)
    for identity, indices in by_person.items():
        for first, second in _overlapping(events, indices):
            if family[first] != family[second]:
                found.append(
                    f"{names[identity]} is in two places at once: {_event(events[first])} and {_event(events[second])}."
                )
    by_room: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        if family[index] == index:
            by_room[event.room].append(index)
    for room, indices in by_room.items():
        for first, second in _overlapping(events, indices):
            found.append(f"{room} holds two events at once: {_event(events[first])} and {_event(events[second])}.")
    return tuple(found)


def _absolute(event: ImportedEvent) -> tuple[int, int]:
    start = event.day.toordinal() * MINUTES_PER_DAY + event.start
    return start, start + event.minutes


def _overlapping(events: Sequence[ImportedEvent], indices: list[int]) -> list[tuple[int, int]]:
    ordered = sorted(indices, key=lambda i: (*_absolute(events[i]), i))
    pairs = []
    for position, first in enumerate(ordered):
        for second in ordered[position + 1 :]:
            if _absolute(events[second])[0] >= _absolute(events[first])[1]:
                break
            pairs.append((first, second))
    return pairs


def _event(event: ImportedEvent) -> str:
    return (
        f"event {event.id} '{event.title}' ({day_text(event.day)} {clock_text(event.start)}-{clock_text(event.end)}, "
        f"{event.room})"
    )

"""Our instances in the peers' own models, and the peers' answers back as our `Schedule`.

Runs in the project's environment; the peers' runners (`run_conference_scheduler.py`,
`run_timefold.py`) run in their own virtual environments and read the JSON written here, so this
module is all the converting there is, and the test suite checks it without any peer installed.

Both peers get the same facts, each in the terms of its model (README, "Compared with other
schedulers", says what each can and cannot express):

- conference-scheduler (PyCon UK, PuLP/CBC): a `Slot` is one room at one time, an `Event` one
  occurrence of a talk, with a duration, a demand and the slots and events it must avoid. It has no
  rooms, speakers or audiences of its own: they become unavailabilities. Its objective is a
  function of the placement variables; ours gets our seat prices, which are linear in them.
- Timefold: a domain of our own in its Python API (`run_timefold.py`), fed the instance's facts as
  absolute minutes: each occurrence chooses a start and a room, and its constraint provider mirrors
  our rules one function each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from amj_scheduler.checker.tracks import most_minutes_in_a_room
from amj_scheduler.models import BreakoutSlot, Instance, Placement, Room, Schedule, Talk, minutes

Interval = tuple[int, int]
"""Absolute minutes since midnight of the conference's first day: [start, end)."""


class NotRepresentable(Exception):
    """The peer's model has no way to say something this instance needs."""


def absolute(instance: Instance, day: dt.date, clock: Any) -> int:
    """Minutes from midnight of the first day, so that a clock past midnight lands on the next date."""
    return (day - instance.days[0].date).days * 24 * 60 + minutes(clock)


def _occurrence_name(talk: Talk, occurrence: int) -> str:
    return f"{talk.id}#{occurrence}"


def _overlaps(span: Interval, intervals: Iterable[Interval]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in intervals)


def room_blocked(instance: Instance, room: Room) -> list[Interval]:
    """When a room can hold no talk: its closures, the fixed items in it, and (windows) the parts of
    each window outside its opening hours."""
    blocked = [(absolute(instance, w.day, w.start), absolute(instance, w.day, w.end)) for w in room.unavailable]
    blocked += [
        (absolute(instance, item.day, item.start), absolute(instance, item.day, item.end))
        for item in instance.fixed_items
        if item.room == room.id
    ]
    if room.open:
        opening = sorted((absolute(instance, w.day, w.start), absolute(instance, w.day, w.end)) for w in room.open)
        for window in instance.breakout_windows:
            cursor, end = absolute(instance, window.day, window.start), absolute(instance, window.day, window.end)
            for open_start, open_end in opening:
                if open_start > cursor and open_start < end:
                    blocked.append((cursor, min(open_start, end)))
                cursor = max(cursor, open_end)
            if cursor < end:
                blocked.append((cursor, end))
    return sorted(blocked)


def speaker_busy(instance: Instance) -> dict[str, list[Interval]]:
    """When each speaker can give no talk: away, or leading a fixed item."""
    busy: dict[str, list[Interval]] = defaultdict(list)
    for speaker in instance.speakers:
        busy[speaker.id] += [
            (absolute(instance, w.day, w.start), absolute(instance, w.day, w.end)) for w in speaker.unavailable
        ]
    for item in instance.fixed_items:
        for person in item.people:
            busy[person].append((absolute(instance, item.day, item.start), absolute(instance, item.day, item.end)))
    return busy


def _start_span(instance: Instance, start: BreakoutSlot, talk: Talk) -> Interval | None:
    """The absolute minutes an occurrence of `talk` takes from `start`, or None when it cannot start there
    (a run of slots past the end of the day, or minutes past the end of the window)."""
    if instance.uses_windows:
        window = instance.window_of_slot[start.id]
        begin = absolute(instance, start.day, start.start)
        end = begin + (talk.minutes or 0)
        return (begin, end) if end <= absolute(instance, window.day, window.end) else None
    run = instance.slot_run(start.id, talk.length)
    if run is None:
        return None
    return absolute(instance, start.day, start.start), absolute(instance, run[-1].day, run[-1].end)


def _pinned_places(instance: Instance, talk: Talk, occurrence: int) -> tuple[str | None, str | None, dt.date | None]:
    """The slot, room and day the `occurrence`-th pin of a talk fixes (pins hold occurrences in order)."""
    if occurrence > len(talk.pins):
        return None, None, None
    pin = talk.pins[occurrence - 1]
    return pin.slot, pin.room, pin.day


# conference-scheduler ------------------------------------------------------------------------------


def conference_scheduler_problem(instance: Instance) -> dict[str, Any]:
    """Slots (room x start), events (occurrences) and their unavailabilities, as conference-scheduler
    takes them, with our seat prices (`seat_weights`), the objective it is given.

    Labelled slots map one to one. On breakout windows the natural mapping is a slot per room and
    step, lasting until the window or the room closes: conference-scheduler then cannot stop two
    events overlapping in a room (each slot holds one event, and slots of one room overlap), nor see
    partial overlaps (its clash test is containment), so its answers are judged as they come.
    """
    breakout_rooms = [room for room in instance.rooms if room.breakout]
    blocked = {room.id: room_blocked(instance, room) for room in breakout_rooms}
    if not instance.uses_windows and any(talk.length > 1 for talk in instance.talks):
        raise NotRepresentable("a talk of several consecutive slots: a slot holds one event")
    slots: list[dict[str, Any]] = []
    for start in instance.slots_in_order:
        begin = absolute(instance, start.day, start.start)
        if instance.uses_windows:
            window = instance.window_of_slot[start.id]
            window_end = absolute(instance, window.day, window.end)
        for room in breakout_rooms:
            if instance.uses_windows:
                end = min([window_end] + [b for b, e in blocked[room.id] if b >= begin + instance.step_minutes])
                if _overlaps((begin, begin + instance.step_minutes), blocked[room.id]):
                    continue
            else:
                end = absolute(instance, start.day, start.end)
                if _overlaps((begin, end), blocked[room.id]):
                    continue
            slots.append(
                {
                    "slot": start.id,
                    "room": room.id,
                    "venue": room.name,
                    "starts_at": (
                        dt.datetime.combine(instance.days[0].date, dt.time(0)) + dt.timedelta(minutes=begin)
                    ).isoformat(),
                    "duration": end - begin,
                    "capacity": room.capacity,
                    "session": start.label,
                    "span": [begin, end],
                }
            )
    shortest = min((slot["duration"] for slot in slots), default=0)
    busy = speaker_busy(instance)
    events: list[dict[str, Any]] = []
    for talk in instance.talks:
        people = talk.busy_speakers
        spans = {start.id: _start_span(instance, start, talk) for start in instance.slots_in_order}
        free = {
            start_id: span is not None and not any(_overlaps(span, busy[person]) for person in people)
            for start_id, span in spans.items()
        }
        for occurrence in range(1, talk.occurrences + 1):
            pin_slot, pin_room, pin_day = _pinned_places(instance, talk, occurrence)
            start_ok = {
                start.id: free[start.id] and pin_slot in (None, start.id) and pin_day in (None, start.day)
                for start in instance.slots_in_order
            }
            room_ok = {
                room.id: set(talk.requires) <= set(room.features) and pin_room in (None, room.id)
                for room in breakout_rooms
            }
            unavailable = [
                index for index, slot in enumerate(slots) if not (start_ok[slot["slot"]] and room_ok[slot["room"]])
            ]
            events.append(
                {
                    "name": _occurrence_name(talk, occurrence),
                    "talk": talk.id,
                    "duration": talk.minutes if instance.uses_windows else shortest,
                    "demand": talk.expected_attendance,
                    "unavailable_slots": unavailable,
                }
            )
    _add_event_clashes(instance, events)
    weights = {"seat_short": instance.weights.seat_short, "seat_empty": instance.weights.seat_empty}
    return {"name": instance.conference.name, "slots": slots, "events": events, "seat_weights": weights}


def _add_event_clashes(instance: Instance, events: list[dict[str, Any]]) -> None:
    """Events that must never run at the same time: occurrences of one talk, talks sharing a speaker,
    talks restricted to one audience (at most one at a time: the peer cannot count to `at_once`)."""
    indices_of: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        indices_of[event["talk"]].append(index)
    groups: list[list[int]] = list(indices_of.values())
    by_key: dict[str, list[int]] = defaultdict(list)
    for talk in instance.talks:
        keys = [f"speaker:{speaker}" for speaker in talk.busy_speakers]
        if talk.restricted_to is not None:
            keys.append(f"audience:{talk.restricted_to}")
        for key in keys:
            by_key[key] += indices_of[talk.id]
    groups += list(by_key.values())
    clashes: dict[int, set[int]] = defaultdict(set)
    for group in groups:
        for first in group:
            clashes[first].update(other for other in group if other != first)
    for index, event in enumerate(events):
        event["unavailable_events"] = sorted(clashes[index])


def schedule_from_conference_scheduler(
    instance: Instance, problem: dict[str, Any], solution: Sequence[Sequence[int]]
) -> Schedule:
    """conference-scheduler's (event index, slot index) pairs as our placements."""
    placed = []
    for event_index, slot_index in solution:
        event, slot = problem["events"][event_index], problem["slots"][slot_index]
        placed.append((event["talk"], slot["slot"], slot["room"]))
    return _numbered(instance, placed)


def _numbered(instance: Instance, placed: Iterable[tuple[str, str, str]]) -> Schedule:
    """Placements with their occurrences numbered in clock order, as our schedules number them."""
    by_talk: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for talk, slot, room in placed:
        by_talk[talk].append((slot, room))
    placements = []
    for talk, places in by_talk.items():
        ordered = sorted(places, key=lambda place: (instance.slot_position.get(place[0], -1), place[1]))
        placements += [
            Placement(talk=talk, occurrence=k, slot=slot, room=room) for k, (slot, room) in enumerate(ordered, 1)
        ]
    return Schedule(placements=tuple(placements))


# Timefold ------------------------------------------------------------------------------------------


def timefold_problem(instance: Instance) -> dict[str, Any]:
    """The facts Timefold's domain (`run_timefold.py`) needs, in absolute minutes.

    `starts` are where an occurrence may start (labelled slots, or each step of each window), with
    the end of the slot run or window it must fit in; `rooms` the breakout rooms with when each is
    blocked; occurrences carry their talk's speakers, audience, demand, features, track and pins.
    """
    lengths = sorted({talk.length for talk in instance.talks})
    starts = []
    for position, start in enumerate(instance.slots_in_order):
        begin = absolute(instance, start.day, start.start)
        entry: dict[str, Any] = {
            "id": start.id,
            "label": start.label,
            "day": (start.day - instance.days[0].date).days,
            "start": begin,
            "position": position,
        }
        if instance.uses_windows:
            window = instance.window_of_slot[start.id]
            entry["limit"] = absolute(instance, window.day, window.end)
        else:
            entry["run_end"] = {
                str(length): absolute(instance, run[-1].day, run[-1].end)
                for length in lengths
                if (run := instance.slot_run(start.id, length)) is not None
            }
        starts.append(entry)
    busy = speaker_busy(instance)
    occurrences = []
    for talk in instance.talks:
        for occurrence in range(1, talk.occurrences + 1):
            pin_slot, pin_room, pin_day = _pinned_places(instance, talk, occurrence)
            occurrences.append(
                {
                    "id": _occurrence_name(talk, occurrence),
                    "talk": talk.id,
                    "speakers": list(talk.busy_speakers),
                    "audience": talk.restricted_to,
                    "demand": talk.expected_attendance,
                    "requires": list(talk.requires),
                    "length": talk.length,
                    "minutes": talk.minutes,
                    "track": talk.track,
                    "repeated": talk.occurrences > 1,
                    "pin_start": pin_slot,
                    "pin_room": pin_room,
                    "pin_day": None if pin_day is None else (pin_day - instance.days[0].date).days,
                }
            )
    days = [day.date for day in instance.days]
    return {
        "name": instance.conference.name,
        "shape": "windows" if instance.uses_windows else "slots",
        "weights": instance.weights.model_dump(),
        "starts": starts,
        "rooms": [
            {
                "id": room.id,
                "capacity": room.capacity,
                "features": list(room.features),
                "blocked": [list(interval) for interval in room_blocked(instance, room)],
            }
            for room in instance.rooms
            if room.breakout
        ],
        "speakers": [
            {"id": speaker, "busy": [list(i) for i in intervals]} for speaker, intervals in busy.items() if intervals
        ],
        "audiences": [{"id": audience.id, "at_once": audience.at_once} for audience in instance.audiences],
        "tracks": [{"id": track.id, "rule": track.room_rule} for track in instance.tracks],
        "room_minutes": {str(index): most_minutes_in_a_room(instance, day) for index, day in enumerate(days)},
        "occurrences": occurrences,
    }


def schedule_from_timefold(instance: Instance, assignments: Sequence[Sequence[str]]) -> Schedule:
    """Timefold's (occurrence, start, room) triples as our placements; unassigned ones are left out."""
    return _numbered(
        instance,
        ((occurrence.rsplit("#", 1)[0], start, room) for occurrence, start, room in assignments if start and room),
    )

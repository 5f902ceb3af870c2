"""Checks that relate one part of an instance to another: references, duplicates, times.

Each problem carries the location of the field at fault, so the loader can name its line.
Problems that only a solve can reveal (a speaker with too few free slots) are the solver's
prechecks, not input errors.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .clock import Clock
from .instance import Instance, Room, Speaker, minutes
from .names import ClosestNames, folded

Location = tuple[str | int, ...]
SemanticProblem = tuple[Location, str]


def find_semantic_problems(instance: Instance) -> list[SemanticProblem]:
    names = ClosestNames()
    checks = (
        _talks_to_place,
        _time_zone,
        _duplicate_ids,
        _days,
        _time_order,
        _overlapping_breakout_slots,
        partial(_references, names=names),
        _talk_occurrences_and_pins,
        _slots_or_windows,
        _window_rules,
        _periods_and_bounds,
        partial(_talk_rooms, names=names),
        partial(_apart_groups, names=names),
    )
    return [problem for check in checks for problem in check(instance)]


def _unknown(kind: str, value: str, known: Iterable[str], names: ClosestNames) -> str:
    """A reference to nothing, with the closest existing id when one is close enough to be a typo."""
    close = names.closest(value, known)
    hint = f" Did you mean '{close}'?" if close else ""
    return f"no {kind} has the id '{value}'.{hint}"


def _talks_to_place(instance: Instance) -> Iterator[SemanticProblem]:
    """An instance without talks would "solve" to an empty grid and exit 0: say so instead."""
    if not instance.talks:
        yield ("talks",), "no talks are left to place; a conference needs at least one"


def _time_zone(instance: Instance) -> Iterator[SemanticProblem]:
    try:
        ZoneInfo(instance.conference.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        yield (
            ("conference", "time_zone"),
            f"'{instance.conference.time_zone}' is not an IANA time zone such as 'America/New_York'",
        )


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


class _Timed(Protocol):
    @property
    def start(self) -> Clock: ...
    @property
    def end(self) -> Clock: ...


def _duplicate_ids(instance: Instance) -> Iterator[SemanticProblem]:
    collections: dict[str, Sequence[_Identified]] = {
        "rooms": instance.rooms,
        "speakers": instance.speakers,
        "audiences": instance.audiences,
        "breakout_slots": instance.breakout_slots,
        "breakout_windows": instance.breakout_windows,
        "tracks": instance.tracks,
        "fixed_items": instance.fixed_items,
        "talks": instance.talks,
        "apart": instance.apart,
    }
    for name, items in collections.items():
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                yield (name, index, "id"), f"'{item.id}' is already the id of {name}[{seen[item.id]}]"
            seen.setdefault(item.id, index)
    # Talks and fixed items share the published grid's session_id column, and rooms are published by name.
    talk_ids = {talk.id for talk in instance.talks}
    for index, item in enumerate(instance.fixed_items):
        if item.id in talk_ids:
            yield ("fixed_items", index, "id"), f"'{item.id}' is also the id of a talk; session ids must be unique"
    session_ids = talk_ids | {item.id for item in instance.fixed_items}
    for index, talk in enumerate(instance.talks):
        for n, nested in enumerate(talk.contains):
            if nested.id in session_ids:
                yield (
                    ("talks", index, "contains", n, "id"),
                    f"'{nested.id}' is already the id of a talk, a fixed item or another contained talk",
                )
            session_ids.add(nested.id)
    yield from _rooms_a_grid_confuses(instance)


def _rooms_a_grid_confuses(instance: Instance) -> Iterator[SemanticProblem]:
    """A grid CSV names a room by its name or its id, in any case and spacing (`models.grid_csv`):
    two rooms that read the same that way would be taken for each other by `check` and `--keep`.
    Both rooms are named, each at its own line."""
    first: dict[str, tuple[int, str, str]] = {}
    reported: set[tuple[int, int]] = set()
    for index, room in enumerate(instance.rooms):
        for field in ("name", "id"):
            written = getattr(room, field)
            other, other_field, theirs = first.setdefault(folded(written), (index, field, written))
            if other == index or (other, index) in reported:
                continue
            if field == other_field == "id" and theirs == written:
                continue  # a duplicate id, which `_duplicate_ids` reports
            reported.add((other, index))
            yield ("rooms", index, field), _read_alike(written, f"rooms[{other}]'s {other_field}", theirs)
            yield ("rooms", other, other_field), _read_alike(theirs, f"rooms[{index}]'s {field}", written)


def _read_alike(written: str, other: str, other_written: str) -> str:
    return (
        f"'{written}' and {other} '{other_written}' read the same in a grid CSV, which names a room by its "
        "name or id in any case and spacing; make them differ in more"
    )


def _days(instance: Instance) -> Iterator[SemanticProblem]:
    known: set[dt.date] = set()
    for index, day in enumerate(instance.days):
        if day.date in known:
            yield ("days", index, "date"), f"{day.date} is listed more than once"
        known.add(day.date)
    listed = ", ".join(str(d) for d in sorted(known))

    def outside(location: Location, day: dt.date) -> Iterator[SemanticProblem]:
        if day not in known:
            yield location, f"{day} is not one of the conference days ({listed})"

    for index, slot in enumerate(instance.breakout_slots):
        yield from outside(("breakout_slots", index, "day"), slot.day)
    for index, window in enumerate(instance.breakout_windows):
        yield from outside(("breakout_windows", index, "day"), window.day)
    for index, item in enumerate(instance.fixed_items):
        yield from outside(("fixed_items", index, "day"), item.day)
    for kind, entities in _with_absences(instance):
        for index, entity in enumerate(entities):
            for w, absence in enumerate(entity.unavailable):
                yield from outside((kind, index, "unavailable", w, "day"), absence.day)
    for index, room in enumerate(instance.rooms):
        for w, opening in enumerate(room.open):
            yield from outside(("rooms", index, "open", w, "day"), opening.day)
    for index, talk in enumerate(instance.talks):
        for p, pin in enumerate(talk.pins):
            if pin.day is not None:
                yield from outside(("talks", index, "pins", p, "day"), pin.day)


def _with_absences(instance: Instance) -> tuple[tuple[str, Sequence[Room | Speaker]], ...]:
    """Rooms and speakers, the two kinds of entity that list the windows they are unavailable in."""
    return ("rooms", instance.rooms), ("speakers", instance.speakers)


def _time_order(instance: Instance) -> Iterator[SemanticProblem]:
    def ends_after_start(location: Location, item: _Timed) -> Iterator[SemanticProblem]:
        start, end = item.start, item.end
        if minutes(end) <= minutes(start):
            yield location + ("end",), f"ends at {end:%H:%M}, not after it starts ({start:%H:%M})"

    for index, slot in enumerate(instance.breakout_slots):
        yield from ends_after_start(("breakout_slots", index), slot)
    for index, window in enumerate(instance.breakout_windows):
        yield from ends_after_start(("breakout_windows", index), window)
    for index, room in enumerate(instance.rooms):
        for w, opening in enumerate(room.open):
            yield from ends_after_start(("rooms", index, "open", w), opening)
    for index, item in enumerate(instance.fixed_items):
        yield from ends_after_start(("fixed_items", index), item)
    for kind, entities in _with_absences(instance):
        for index, entity in enumerate(entities):
            for w, absence in enumerate(entity.unavailable):
                yield from ends_after_start((kind, index, "unavailable", w), absence)


def _overlapping_breakout_slots(instance: Instance) -> Iterator[SemanticProblem]:
    for field, kind in (("breakout_slots", "breakout slots"), ("breakout_windows", "breakout windows")):
        slots = list(enumerate(getattr(instance, field)))
        for a, (_i, first) in enumerate(slots):
            for j, second in slots[a + 1 :]:
                same_day = first.day == second.day
                if (
                    same_day
                    and minutes(first.start) < minutes(second.end)
                    and minutes(second.start) < minutes(first.end)
                ):
                    yield (
                        (field, j, "start"),
                        f"'{second.label}' ({second.start:%H:%M}-{second.end:%H:%M}) overlaps "
                        f"'{first.label}' ({first.start:%H:%M}-{first.end:%H:%M}); {kind} must not overlap",
                    )


def _references(instance: Instance, names: ClosestNames) -> Iterator[SemanticProblem]:
    rooms, speakers = instance.room_by_id, instance.speaker_by_id
    audiences, slots = instance.audience_by_id, instance.slot_by_id
    for index, item in enumerate(instance.fixed_items):
        if item.room is not None and item.room not in rooms:
            yield ("fixed_items", index, "room"), _unknown("room", item.room, rooms, names)
        for p, person in enumerate(item.people):
            if person not in speakers:
                yield ("fixed_items", index, "people", p), _unknown("speaker", person, speakers, names)
    for index, talk in enumerate(instance.talks):
        for s, speaker in enumerate(talk.speakers):
            if speaker not in speakers:
                yield ("talks", index, "speakers", s), _unknown("speaker", speaker, speakers, names)
        for repeated, count in Counter(talk.speakers).items():
            if count > 1:
                yield ("talks", index, "speakers"), f"'{repeated}' is listed {count} times"
        for n, nested in enumerate(talk.contains):
            for s, speaker in enumerate(nested.speakers):
                if speaker not in speakers:
                    yield ("talks", index, "contains", n, "speakers", s), _unknown("speaker", speaker, speakers, names)
        if talk.restricted_to is not None and talk.restricted_to not in audiences:
            yield ("talks", index, "restricted_to"), _unknown("audience", talk.restricted_to, audiences, names)
        if talk.track is not None and talk.track not in instance.track_by_id:
            yield ("talks", index, "track"), _unknown("track", talk.track, instance.track_by_id, names)
        for p, pin in enumerate(talk.pins):
            if pin.slot is not None and pin.slot not in slots:
                yield ("talks", index, "pins", p, "slot"), _unknown("breakout slot", pin.slot, slots, names)
            if pin.room is not None and pin.room not in rooms:
                yield ("talks", index, "pins", p, "room"), _unknown("room", pin.room, rooms, names)


def _talk_occurrences_and_pins(instance: Instance) -> Iterator[SemanticProblem]:
    slot_count = len(instance.slots)
    for index, talk in enumerate(instance.talks):
        if talk.occurrences > slot_count:
            yield (
                ("talks", index, "occurrences"),
                f"{talk.occurrences} occurrences, but the conference has only {slot_count} breakout slots "
                "and each occurrence needs its own",
            )
        if len(talk.pins) > talk.occurrences:
            yield ("talks", index, "pins"), f"{len(talk.pins)} pins for a talk given {talk.occurrences} time(s)"
        pinned_slots: Counter[str] = Counter()
        for p, pin in enumerate(talk.pins):
            if pin.slot is None and pin.room is None and pin.day is None:
                needs = "a slot, a room or a day" if instance.breakout_windows else "a slot, a room, or both"
                yield ("talks", index, "pins", p), f"a pin needs {needs}"
            if pin.slot is not None:
                pinned_slots[pin.slot] += 1
                if pinned_slots[pin.slot] == 2:
                    yield (
                        ("talks", index, "pins", p, "slot"),
                        f"two occurrences pinned to '{pin.slot}'; each needs its own slot",
                    )


def _slots_or_windows(instance: Instance) -> Iterator[SemanticProblem]:
    """A conference runs on labelled breakout slots or on breakout windows in minutes, not both:
    the two kinds of talk length (`length` in slots, `minutes`) would not compare."""
    if instance.breakout_slots and instance.breakout_windows:
        yield ("breakout_windows",), "give either breakout_slots or breakout_windows, not both"
    elif not instance.breakout_slots and not instance.breakout_windows:
        yield ("breakout_slots",), "the conference needs breakout_slots (labelled) or breakout_windows (in minutes)"
    if instance.breakout_windows:
        return
    window_only = "only for conferences on breakout_windows"
    for index, talk in enumerate(instance.talks):
        if talk.minutes is not None:
            yield (
                ("talks", index, "minutes"),
                f"a length in minutes is {window_only}; here give `length` in breakout slots",
            )
        if talk.track is not None:
            yield ("talks", index, "track"), f"tracks are {window_only}"
        if talk.contains:
            yield ("talks", index, "contains"), f"talks held inside another are {window_only}"
        for p, pin in enumerate(talk.pins):
            if pin.day is not None:
                yield ("talks", index, "pins", p, "day"), f"pinning a day is {window_only}; pin a slot instead"
    for index, room in enumerate(instance.rooms):
        if room.open:
            yield ("rooms", index, "open"), f"opening hours are {window_only}; give `unavailable` windows instead"
    for index, audience in enumerate(instance.audiences):
        if audience.at_once != 1:
            yield ("audiences", index, "at_once"), f"more than one restricted session at once is {window_only}"
    if instance.tracks:
        yield ("tracks",), f"tracks are {window_only}"


def _window_rules(instance: Instance) -> Iterator[SemanticProblem]:
    """Windows share one grid, and every talk fits it: a 25-minute talk on a 10-minute grid could
    not end on a step, and the published grid would show a gap the planner never asked for."""
    if not instance.breakout_windows:
        return
    step = instance.breakout_windows[0].step
    for index, window in enumerate(instance.breakout_windows):
        if window.step != step:
            yield (
                ("breakout_windows", index, "step"),
                f"{window.step} minutes, but breakout_windows[0] uses {step}; windows share one step",
            )
        span = minutes(window.end) - minutes(window.start)
        if span > 0 and span % window.step:
            yield (
                ("breakout_windows", index, "end"),
                f"the window lasts {span} minutes, not a whole number of {window.step}-minute steps",
            )
    for index, talk in enumerate(instance.talks):
        if talk.minutes is None:
            yield ("talks", index, "minutes"), "missing: on breakout windows every talk needs its length in minutes"
        elif talk.minutes % step:
            yield ("talks", index, "minutes"), f"{talk.minutes} minutes is not a multiple of the {step}-minute step"
        if talk.length != 1:
            yield ("talks", index, "length"), "on breakout windows give the length in `minutes`, not in slots"
        for n, nested in enumerate(talk.contains):
            if talk.minutes is not None and nested.offset + nested.minutes > talk.minutes:
                yield (
                    ("talks", index, "contains", n, "minutes"),
                    f"it runs to minute {nested.offset + nested.minutes} of its container, "
                    f"which lasts {talk.minutes} minutes",
                )


def _periods_and_bounds(instance: Instance) -> Iterator[SemanticProblem]:
    """Speakers' preferred and avoided times, talks' allowed times and their not-before/not-after:
    on conference days, ending after they start, and a talk's bounds leaving it some time."""
    known = {day.date for day in instance.days}
    listed = ", ".join(str(d) for d in sorted(known))

    def checked(location: Location, period: object) -> Iterator[SemanticProblem]:
        day, start, end = period.day, period.start, period.end  # type: ignore[attr-defined]
        if day is not None and day not in known:
            yield location + ("day",), f"{day} is not one of the conference days ({listed})"
        if minutes(end) <= minutes(start):
            yield location + ("end",), f"ends at {end:%H:%M}, not after it starts ({start:%H:%M})"

    for index, speaker in enumerate(instance.speakers):
        for field in ("prefers", "avoids"):
            for w, period in enumerate(getattr(speaker, field)):
                yield from checked(("speakers", index, field, w), period)
    for index, talk in enumerate(instance.talks):
        for w, period in enumerate(talk.allowed_times):
            yield from checked(("talks", index, "allowed_times", w), period)
        for field in ("not_before", "not_after"):
            bound = getattr(talk, field)
            if bound is not None and bound.day not in known:
                yield ("talks", index, field, "day"), f"{bound.day} is not one of the conference days ({listed})"
        before, after = talk.not_before, talk.not_after
        if before is not None and after is not None and (after.day, after.time) <= (before.day, before.time):
            yield (
                ("talks", index, "not_after"),
                f"{after.day} {after.time:%H:%M} is not after its not_before ({before.day} {before.time:%H:%M})",
            )


def _talk_rooms(instance: Instance, names: ClosestNames) -> Iterator[SemanticProblem]:
    """Allowed, preferred and avoided rooms exist; a talk may only be allowed into breakout rooms."""
    rooms = instance.room_by_id
    for index, talk in enumerate(instance.talks):
        for field in ("allowed_rooms", "preferred_rooms", "avoided_rooms"):
            for r, room_id in enumerate(getattr(talk, field)):
                if room_id not in rooms:
                    yield ("talks", index, field, r), _unknown("room", room_id, rooms, names)
                elif field == "allowed_rooms" and not rooms[room_id].breakout:
                    yield (
                        ("talks", index, field, r),
                        f"'{rooms[room_id].name}' is not a breakout room (breakout: false): talks never go there",
                    )
        for room_id in sorted(set(talk.preferred_rooms) & set(talk.avoided_rooms)):
            yield ("talks", index, "avoided_rooms"), f"'{room_id}' is also one of its preferred_rooms"


def _apart_groups(instance: Instance, names: ClosestNames) -> Iterator[SemanticProblem]:
    """Every talk, topic and track a group names exists, and the group holds two talks at least."""
    topics = {topic for talk in instance.talks for topic in talk.topics}
    for index, group in enumerate(instance.apart):
        for t, talk_id in enumerate(group.talks):
            if talk_id not in instance.talk_by_id:
                yield ("apart", index, "talks", t), _unknown("talk", talk_id, instance.talk_by_id, names)
        for t, topic in enumerate(group.topics):
            if topic not in topics:
                close = names.closest(topic, sorted(topics))
                hint = f" Did you mean '{close}'?" if close else ""
                yield ("apart", index, "topics", t), f"no talk has the topic '{topic}'.{hint}"
        for t, track in enumerate(group.tracks):
            if track not in instance.track_by_id:
                yield ("apart", index, "tracks", t), _unknown("track", track, instance.track_by_id, names)
        if len(instance.apart_members[group.id]) < 2:
            yield (
                ("apart", index),
                "holds fewer than two talks: name at least two talks, topics or tracks that have talks",
            )

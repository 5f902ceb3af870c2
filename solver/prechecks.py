"""Cheap counting arguments that catch the obvious impossibilities before a solve, in plain words."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..models import BreakoutSlot, Instance, Window, minutes
from ..models.source_lines import LineFinder
from .window_prechecks import window_impossibilities


def _overlaps(slot: BreakoutSlot, day: object, start: int, end: int) -> bool:
    return slot.day == day and minutes(slot.start) < end and start < minutes(slot.end)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def find_impossibilities(instance: Instance, lines: LineFinder | None = None) -> list[str]:
    """What counting alone shows cannot be scheduled, before any search, one sentence each; with
    `lines`, the sentences about breakout windows name the instance file's lines too."""
    if instance.uses_windows:
        return window_impossibilities(instance, lines)
    checks = (
        _talks_longer_than_any_day,
        _speakers_with_too_few_free_slots,
        _audiences_with_too_many_sessions,
        _features_no_room_has,
        _more_talks_than_room_slots,
    )
    return [message for check in checks for message in check(instance)]


def _talks_longer_than_any_day(instance: Instance) -> Iterator[str]:
    for talk in instance.talks:
        starts = [slot for slot in instance.slots_in_order if instance.slot_run(slot.id, talk.length)]
        if len(starts) < talk.occurrences:
            yield (
                f"'{talk.title}' takes {_plural(talk.length, 'consecutive breakout slot')} and is given "
                f"{_plural(talk.occurrences, 'time')}, but the grid has only {len(starts)} places where "
                f"{talk.length} consecutive slots of one day start."
            )


def _speakers_with_too_few_free_slots(instance: Instance) -> Iterator[str]:
    for speaker in instance.speakers:
        talks = [talk for talk in instance.talks if speaker.id in talk.speakers]
        needed = sum(talk.occurrences * talk.length for talk in talks)
        if not needed:
            continue
        busy: list[tuple[object, int, int, str]] = [
            (w.day, w.start_minute, w.end_minute, f"unavailable {_window_text(w)}") for w in speaker.unavailable
        ]
        busy += [
            (item.day, minutes(item.start), minutes(item.end), f"leads '{item.title}'")
            for item in instance.fixed_items
            if speaker.id in item.people
        ]
        free = [slot for slot in instance.breakout_slots if not any(_overlaps(slot, *b[:3]) for b in busy)]
        if needed > len(free):
            given = ", ".join(f"'{t.title}' x{t.occurrences}" for t in talks)
            blocked = "; ".join(sorted({b[3] for b in busy})) or "no unavailability"
            yield (
                f"{speaker.name} gives {given}: {needed} breakout slots needed, "
                f"but only {len(free)} of {len(instance.breakout_slots)} are free ({blocked})."
            )


def _window_text(window: Window) -> str:
    return f"{window.day} {window.start:%H:%M}-{window.end:%H:%M}"


def _audiences_with_too_many_sessions(instance: Instance) -> Iterator[str]:
    for audience in instance.audiences:
        talks = [talk for talk in instance.talks if talk.restricted_to == audience.id]
        needed = sum(talk.occurrences * talk.length for talk in talks)
        if needed > len(instance.breakout_slots):
            yield (
                f"{len(talks)} sessions restricted to {audience.name} need {needed} breakout slots so that "
                f"none overlaps another, but there are only {len(instance.breakout_slots)}."
            )


def _features_no_room_has(instance: Instance) -> Iterator[str]:
    breakout_rooms = [room for room in instance.rooms if room.breakout]
    known = sorted({feature for room in breakout_rooms for feature in room.features})
    for talk in instance.talks:
        if talk.requires and not any(set(talk.requires) <= set(room.features) for room in breakout_rooms):
            missing = [f for f in talk.requires if f not in known]
            hints = [
                f" ('{f}': did you mean '{close[0]}'?)"
                for f in missing
                if (close := difflib.get_close_matches(f, known, n=1, cutoff=0.6))
            ]
            yield (
                f"'{talk.title}' requires {', '.join(talk.requires)}, and no breakout room has all of them"
                f"{''.join(hints)}."
            )


def _more_talks_than_room_slots(instance: Instance) -> Iterator[str]:
    needed = sum(talk.occurrences * talk.length for talk in instance.talks)
    rooms = sum(1 for room in instance.rooms if room.breakout)
    available = rooms * len(instance.breakout_slots)
    if needed > available:
        yield (
            f"The talks need {needed} room-slots, but {_plural(rooms, 'breakout room')} x "
            f"{_plural(len(instance.breakout_slots), 'breakout slot')} offer only {available}."
        )

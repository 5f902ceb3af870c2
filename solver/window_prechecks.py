"""Counting arguments for conferences on breakout windows: what makes a plan impossible before
any search, said in the planner's words with the events and the lines of the instance file.

An imported congress that cannot be planned usually fails for a reason a planner can see with a
pencil: one person gives more minutes of talks on a day than its window holds, a day has more
talk-minutes than its rooms are open, two sessions are pinned to the same room at once. A
search would take a minute and gigabytes to say only "no placement keeps every hard rule";
these checks take milliseconds and name the cause. Each is a necessary condition only: passing
them all does not promise a schedule.

Independent of the CP-SAT model on purpose: they read the instance, never the solver's items.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..models import Instance, Pin, Room, Talk, minutes
from ..models.clock import absolute_minute
from ..models.requirements import Requirement
from ..models.source_lines import LineFinder
from .window_stage import merge, subtract

Span = tuple[int, int]
"""[start, end) in minutes of one day's clock (past 24:00 after midnight)."""
LISTED = 4
"""Talks named in one message before "and N more"."""


def window_impossibilities(instance: Instance, lines: LineFinder | None = None) -> list[str]:
    """Every necessary condition the instance breaks, one sentence each."""
    where = _Where(instance, lines)
    checks = (
        _talks_longer_than_their_windows,
        _speakers_with_more_minutes_than_their_day,
        _audiences_with_more_minutes_than_their_day,
        _hard_tracks_beyond_their_fewest_rooms,
        _days_with_more_talk_minutes_than_room_minutes,
        _rooms_with_more_pinned_minutes_than_open_minutes,
        _pinned_pairs_that_overlap,
    )
    return [message for check in checks for message in check(instance, where)]


class _Where:
    """Names and lines of the parts of the instance a message points at."""

    def __init__(self, instance: Instance, lines: LineFinder | None) -> None:
        self.instance = instance
        self.lines = lines

    def talk(self, talk: Talk, *details: str) -> str:
        """`'Title' (240 minutes, line 17)`: the details, then its line when the file is known."""
        line = self.lines.line("talks", talk.id) if self.lines else None
        said = [*details, *([f"line {line}"] if line else [])]
        return f"'{talk.title}'" + (f" ({', '.join(said)})" if said else "")

    def item(self, section: str, item_id: str, title: str) -> str:
        line = self.lines.line(section, item_id) if self.lines else None
        return f"'{title}'" + (f" (line {line})" if line else "")

    def pins(self, *occurrences: _Occurrence) -> str:
        """` (the pins: no-modular-ii.yaml line 5, line 88)` when the file is known, else empty."""
        if self.lines is None:
            return ""
        places = [self.lines.where(Requirement("pin", o.talk.id, o.number - 1)) for o in occurrences]
        return f" (the pins: {', '.join(place for place in places if place)})" if any(places) else ""

    def day(self, day: dt.date) -> str:
        name = next((d.name for d in self.instance.days if d.date == day and d.name), "")
        return f"{name} {day.isoformat()}".strip()


@dataclass(frozen=True)
class _Occurrence:
    talk: Talk
    number: int
    pin: Pin | None

    @property
    def day(self) -> dt.date | None:
        return self.pin.day if self.pin is not None else None


def _occurrences(instance: Instance) -> Iterator[_Occurrence]:
    """Each occurrence with its pin, on the day it is pinned to (a slot pin names its day too)."""
    for talk in instance.talks:
        for number in range(1, talk.occurrences + 1):
            pin = talk.pins[number - 1] if number <= len(talk.pins) else None
            if pin is not None and pin.day is None and pin.slot is not None:
                pin = pin.model_copy(update={"day": instance.slot_by_id[pin.slot].day})
            yield _Occurrence(talk, number, pin)


def _length(spans: Iterable[Span]) -> int:
    return sum(end - start for start, end in merge(spans))


def _within(spans: Iterable[Span], bounds: Iterable[Span]) -> list[Span]:
    bounds = merge(bounds)
    return merge((max(s, a), min(e, b)) for s, e in spans for a, b in bounds if max(s, a) < min(e, b))


def _windows_of(instance: Instance, day: dt.date) -> list[Span]:
    return merge((minutes(w.start), minutes(w.end)) for w in instance.breakout_windows if w.day == day)


def _busy_minutes(talk: Talk, speaker: str) -> int:
    return sum(end - start for start, end in talk.busy_spans(speaker))


def _listed(parts: list[str]) -> str:
    shown = ", ".join(parts[:LISTED])
    return shown + (f" and {len(parts) - LISTED} more" if len(parts) > LISTED else "")


def _talks_longer_than_their_windows(instance: Instance, where: _Where) -> Iterator[str]:
    for occurrence in _occurrences(instance):
        if occurrence.number > 1 and occurrence.pin is None:
            continue  # the same talk, the same windows: said once
        windows = [w for w in instance.breakout_windows if occurrence.day is None or w.day == occurrence.day]
        longest = max((minutes(w.end) - minutes(w.start) for w in windows), default=0)
        length = occurrence.talk.minutes or 0
        if length > longest:
            on_day = f" on its pinned day, {where.day(occurrence.day)}," if occurrence.day else ""
            yield (
                f"{where.talk(occurrence.talk, f'{length} minutes')} has no start: no breakout window{on_day} is that "
                f"long (the longest holds {longest} minutes)."
            )


def _speakers_with_more_minutes_than_their_day(instance: Instance, where: _Where) -> Iterator[str]:
    gives: dict[str, list[_Occurrence]] = defaultdict(list)
    for occurrence in _occurrences(instance):
        for speaker_id in occurrence.talk.busy_speakers:
            gives[speaker_id].append(occurrence)
    for speaker in instance.speakers:
        away: dict[dt.date, list[Span]] = defaultdict(list)
        for window in speaker.unavailable:
            away[window.day].append((minutes(window.start), minutes(window.end)))
        for item in instance.fixed_items:
            if speaker.id in item.people:
                away[item.day].append((minutes(item.start), minutes(item.end)))
        by_day: dict[dt.date | None, list[_Occurrence]] = defaultdict(list)
        for occurrence in gives.get(speaker.id, ()):
            by_day[occurrence.day].append(occurrence)
        for day, occurrences in sorted(by_day.items(), key=lambda kv: (kv[0] is None, kv[0] or dt.date.min)):
            if day is None:
                continue
            needed = sum(_busy_minutes(o.talk, speaker.id) for o in occurrences)
            free = _length(subtract(_windows_of(instance, day), away[day]))
            if needed > free:
                talks = [where.talk(o.talk, f"{_busy_minutes(o.talk, speaker.id)} min") for o in occurrences]
                unavailable = " less the time they are away or lead fixed items" if away[day] else ""
                yield (
                    f"{speaker.name} has {needed:,} minutes of talks on {where.day(day)} ({_listed(talks)}), but that "
                    f"day's breakout windows hold {free:,} minutes{unavailable}."
                )


def _audiences_with_more_minutes_than_their_day(instance: Instance, where: _Where) -> Iterator[str]:
    for audience in instance.audiences:
        by_day: dict[dt.date, list[_Occurrence]] = defaultdict(list)
        for occurrence in _occurrences(instance):
            if occurrence.talk.restricted_to == audience.id and occurrence.day is not None:
                by_day[occurrence.day].append(occurrence)
        for day, occurrences in sorted(by_day.items()):
            needed = sum(o.talk.minutes or 0 for o in occurrences)
            held = audience.at_once * _length(_windows_of(instance, day))
            if needed > held:
                yield (
                    f"{audience.name} has {needed:,} minutes of sessions on {where.day(day)} "
                    f"({_listed([where.talk(o.talk) for o in occurrences])}), but at {audience.at_once} at a time "
                    f"that day's breakout windows hold {held:,}."
                )


def _room_minutes(instance: Instance, room: Room, day: dt.date) -> int:
    """The minutes `room` can hold talks on `day`: inside a window and its opening hours, less
    its unavailable hours and its fixed items."""
    hours = [(minutes(w.start), minutes(w.end)) for w in room.open if w.day == day] if room.open else [(0, 48 * 60)]
    taken = [(minutes(w.start), minutes(w.end)) for w in room.unavailable if w.day == day]
    taken += [(minutes(i.start), minutes(i.end)) for i in instance.fixed_items if i.room == room.id and i.day == day]
    return _length(subtract(_within(hours, _windows_of(instance, day)), taken))


def _hard_tracks_beyond_their_fewest_rooms(instance: Instance, where: _Where) -> Iterator[str]:
    hard = {track.id: track for track in instance.tracks if track.room_rule == "hard"}
    if not hard:
        return
    per_day: dict[tuple[str, dt.date], int] = defaultdict(int)
    for occurrence in _occurrences(instance):
        track = occurrence.talk.track
        if track in hard and occurrence.day is not None:
            per_day[track, occurrence.day] += occurrence.talk.minutes or 0
    breakout = [room for room in instance.rooms if room.breakout]
    for (track_id, day), needed in sorted(per_day.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        held = sorted(((_room_minutes(instance, room, day), room.name) for room in breakout), reverse=True)
        longest = held[0][0] if held else 0
        fewest = math.ceil(needed / longest) if longest else 0
        best = held[:fewest]
        if longest == 0 or sum(m for m, _ in best) < needed:
            rooms = ", ".join(f"{name} {m:,}" for m, name in best) or "none open"
            yield (
                f"The hard track {hard[track_id].name} has {needed:,} minutes of talks on {where.day(day)}: it may use "
                f"only its fewest {fewest} room(s), but the {fewest} rooms open longest that day hold "
                f"{sum(m for m, _ in best):,} minutes ({rooms})."
            )


def _days_with_more_talk_minutes_than_room_minutes(instance: Instance, where: _Where) -> Iterator[str]:
    needed: dict[dt.date, int] = defaultdict(int)
    for occurrence in _occurrences(instance):
        if occurrence.day is not None:
            needed[occurrence.day] += occurrence.talk.minutes or 0
    breakout = [room for room in instance.rooms if room.breakout]
    for day, talk_minutes in sorted(needed.items()):
        open_minutes = sum(_room_minutes(instance, room, day) for room in breakout)
        if open_minutes == 0:
            for occurrence in (o for o in _occurrences(instance) if o.day == day):
                yield (
                    f"{where.talk(occurrence.talk)} can only go on a day when no breakout room is open "
                    f"({day:%A %d %B})."
                )
        elif talk_minutes > open_minutes:
            yield (
                f"{where.day(day)} has {talk_minutes:,} minutes of talks pinned to it, but its breakout rooms are "
                f"open for {open_minutes:,} minutes inside its breakout windows."
            )


def _rooms_with_more_pinned_minutes_than_open_minutes(instance: Instance, where: _Where) -> Iterator[str]:
    pinned: dict[tuple[str, dt.date], list[_Occurrence]] = defaultdict(list)
    for occurrence in _occurrences(instance):
        if occurrence.pin is not None and occurrence.pin.room is not None and occurrence.day is not None:
            pinned[occurrence.pin.room, occurrence.day].append(occurrence)
    for (room_id, day), occurrences in sorted(pinned.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        room = instance.room_by_id[room_id]
        needed = sum(o.talk.minutes or 0 for o in occurrences)
        held = _room_minutes(instance, room, day)
        if needed > held:
            yield (
                f"{room.name} has {needed:,} minutes of talks pinned to it on {where.day(day)} "
                f"({_listed([where.talk(o.talk, f'{o.talk.minutes} min') for o in occurrences])}), but it is open "
                f"for {held:,} minutes inside that day's breakout windows."
            )


@dataclass(frozen=True)
class _Pinned:
    occurrence: _Occurrence
    start: int
    """Absolute minutes: days are compared across midnight."""
    end: int
    room: str | None


def _pinned_pairs_that_overlap(instance: Instance, where: _Where) -> Iterator[str]:
    pinned = []
    for occurrence in _occurrences(instance):
        pin = occurrence.pin
        if pin is None or pin.slot is None:
            continue
        slot = instance.slot_by_id[pin.slot]
        start = absolute_minute(slot.day, minutes(slot.start))
        pinned.append(_Pinned(occurrence, start, start + (occurrence.talk.minutes or 0), pin.room))
    pinned.sort(key=lambda p: (p.start, p.end))
    for index, first in enumerate(pinned):
        for second in pinned[index + 1 :]:
            if second.start >= first.end:
                break
            yield from _pair_clash(instance, where, first, second)


def _pair_clash(instance: Instance, where: _Where, first: _Pinned, second: _Pinned) -> Iterator[str]:
    a, b = first.occurrence.talk, second.occurrence.talk
    day = where.day(first.occurrence.day) if first.occurrence.day else ""
    both = f"{where.talk(a)} and {where.talk(b)}"
    pins = where.pins(first.occurrence, second.occurrence)
    if a.id == b.id:
        numbers = f"{first.occurrence.number} and {second.occurrence.number}"
        yield f"{both} are pinned to overlapping times on {day}: occurrences {numbers} of one talk{pins}."
        return
    if first.room is not None and first.room == second.room:
        room = instance.room_by_id[first.room].name
        yield f"{both} are both pinned to {room} on {day}, at overlapping times{pins}."
    for speaker in sorted(set(a.busy_speakers) & set(b.busy_speakers)):
        if _speaker_overlap(a, first.start, b, second.start, speaker):
            name = instance.speaker_by_id[speaker].name
            yield f"{name} gives {both}, which are pinned to overlapping times on {day}{pins}."
    if a.restricted_to is not None and a.restricted_to == b.restricted_to:
        audience = instance.audience_by_id[a.restricted_to]
        if audience.at_once == 1:
            yield f"{both} are both for {audience.name} and pinned to overlapping times on {day}{pins}."


def _speaker_overlap(a: Talk, a_start: int, b: Talk, b_start: int, speaker: str) -> bool:
    return any(
        max(a_start + s1, b_start + s2) < min(a_start + e1, b_start + e2)
        for s1, e1 in a.busy_spans(speaker)
        for s2, e2 in b.busy_spans(speaker)
    )

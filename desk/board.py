"""The grid laid out for the desk: where each talk's card sits, and where a card may be dropped.

Labelled slots are a table per day, a row per slot and a cell per breakout room, each cell a place
to drop. Breakout windows are a timeline per day, a lane per room with the talks at their minutes,
and any step of a lane a place to drop. The page moves cards itself after each change; this is
the first drawing, and the facts (slots, windows, rooms) the page needs to draw the rest.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..models import BreakoutSlot, Clock, FixedItem, Instance, Placement, Room, Schedule, Window, minutes
from ..reports.formatting import time_range
from ..reports.templating import track_style
from .session import card_key

MINUTES_PER_HOUR = 60


@dataclass(frozen=True)
class Card:
    key: str
    talk: str
    occurrence: int
    title: str
    speakers: str
    repeat_mark: str
    audience_mark: str
    style: str
    """The track's colour, as CSS variables; empty for a talk without a track."""
    minutes: int
    """How long it runs (windows), or how many slots it takes (slots)."""
    slot: str
    room: str
    when: str
    """Its clock time: '10:35–11:00'."""
    start: int = 0
    """On windows: its minutes after the day's first minute on the timeline."""


@dataclass(frozen=True)
class FixedBlock:
    item: FixedItem
    start: int = 0
    """On windows: minutes after the day's first minute."""

    @property
    def minutes(self) -> int:
        return minutes(self.item.end) - minutes(self.item.start)


@dataclass(frozen=True)
class SlotRow:
    slot: BreakoutSlot
    cells: tuple[tuple[Room, tuple[Card, ...]], ...]


@dataclass(frozen=True)
class SlotDay:
    date: dt.date
    name: str
    rooms: tuple[Room, ...]
    rows: tuple[SlotRow | FixedItem, ...]
    """Slot rows and fixed items by start: a fixed item spans the whole day's width."""


@dataclass(frozen=True)
class Closed:
    """A stretch of a lane in which its room takes no talk (outside its hours, or unavailable)."""

    start: int
    minutes: int
    reason: str


@dataclass(frozen=True)
class Lane:
    room: Room
    cards: tuple[Card, ...]
    fixed: tuple[FixedBlock, ...]
    closed: tuple[Closed, ...]


@dataclass(frozen=True)
class WindowDay:
    date: dt.date
    name: str
    first: int
    """The clock minute the timeline starts at: the day's first window start, or fixed item."""
    length: int
    lanes: tuple[Lane, ...]
    hours: tuple[tuple[int, str], ...]
    """(minutes after `first`, 'HH:00') for each full hour on the timeline."""
    venue_items: tuple[FixedItem, ...]


def cards_by_place(instance: Instance, schedule: Schedule) -> dict[tuple[str, str], list[Card]]:
    """Each placement's card under its (first slot, room)."""
    placed: dict[tuple[str, str], list[Card]] = defaultdict(list)
    for placement in sorted(schedule.placements, key=lambda p: (p.talk, p.occurrence)):
        placed[placement.slot, placement.room].append(_card(instance, placement))
    return placed


def _card(instance: Instance, placement: Placement, start: int = 0) -> Card:
    talk = instance.talk_by_id[placement.talk]
    speakers = "; ".join(instance.speaker_by_id[s].name for s in talk.speakers)
    audience = instance.audience_by_id[talk.restricted_to].name if talk.restricted_to else ""
    track = instance.track_by_id.get(talk.track) if talk.track else None
    _, clock_start, clock_end = instance.clock_span(talk, placement.slot)
    return Card(
        key=card_key(placement),
        talk=talk.id,
        occurrence=placement.occurrence,
        title=talk.title,
        speakers=speakers,
        repeat_mark=f"{placement.occurrence} of {talk.occurrences}" if talk.occurrences > 1 else "",
        audience_mark=f"{audience} only" if audience else "",
        style=track_style(track) if track else "",
        minutes=talk.minutes if instance.uses_windows and talk.minutes else instance.length_in_slots(talk),
        slot=placement.slot,
        room=placement.room,
        when=time_range(Clock(clock_start), Clock(clock_end)),
        start=start,
    )


def slot_days(instance: Instance, schedule: Schedule) -> list[SlotDay]:
    placed = cards_by_place(instance, schedule)
    rooms = tuple(room for room in instance.rooms if room.breakout)
    days = []
    for day in sorted(instance.days, key=lambda d: d.date):
        slots = [slot for slot in instance.slots_in_order if slot.day == day.date]
        rows: list[SlotRow | FixedItem] = [
            SlotRow(slot, tuple((room, tuple(placed.get((slot.id, room.id), ()))) for room in rooms)) for slot in slots
        ]
        rows += [item for item in instance.fixed_items if item.day == day.date]
        rows.sort(key=lambda row: (row.slot.start, 1) if isinstance(row, SlotRow) else (row.start, 0))
        days.append(SlotDay(day.date, day.name, rooms if slots else (), tuple(rows)))
    return days


def window_days(instance: Instance, schedule: Schedule) -> list[WindowDay]:
    days = []
    for day in sorted(instance.days, key=lambda d: d.date):
        windows = [window for window in instance.breakout_windows if window.day == day.date]
        fixed = [item for item in instance.fixed_items if item.day == day.date]
        spans = [(minutes(w.start), minutes(w.end)) for w in windows] + [
            (minutes(f.start), minutes(f.end)) for f in fixed
        ]
        if not spans:
            days.append(WindowDay(day.date, day.name, 0, 0, (), (), tuple(fixed)))
            continue
        first = min(start for start, _ in spans) // MINUTES_PER_HOUR * MINUTES_PER_HOUR
        last = max(end for _, end in spans)
        today = [p for p in schedule.placements if instance.slot_by_id[p.slot].day == day.date]
        lanes = []
        for room in instance.rooms:
            mine = [p for p in today if p.room == room.id]
            if not (room.breakout and windows and _open_on(room, day.date)) and not mine:
                continue
            cards = tuple(
                _card(instance, p, minutes(instance.slot_by_id[p.slot].start) - first)
                for p in sorted(mine, key=lambda p: (minutes(instance.slot_by_id[p.slot].start), p.talk))
            )
            blocks = tuple(FixedBlock(item, minutes(item.start) - first) for item in fixed if item.room == room.id)
            lanes.append(Lane(room, cards, blocks, _closed(room, day.date, first, last)))
        hours = tuple(
            (minute - first, f"{minute // MINUTES_PER_HOUR:02d}:00")
            for minute in range(first, last + 1, MINUTES_PER_HOUR)
        )
        venue = tuple(item for item in fixed if item.room is None)
        days.append(WindowDay(day.date, day.name, first, last - first, tuple(lanes), hours, venue))
    return days


def _open_on(room: Room, day: dt.date) -> bool:
    return not room.open or any(window.day == day for window in room.open)


def _closed(room: Room, day: dt.date, first: int, last: int) -> tuple[Closed, ...]:
    """The stretches of the timeline outside the room's opening hours, and its unavailable windows,
    shaded so the planner sees where a talk cannot go before dropping it there."""
    stretches: list[Closed] = []
    if room.open:
        opened = sorted((window.start_minute, window.end_minute) for window in room.open if window.day == day)
        at = first
        for start, end in opened:
            if start > at:
                stretches.append(Closed(at - first, start - at, "closed"))
            at = max(at, end)
        if at < last:
            stretches.append(Closed(at - first, last - at, "closed"))
    stretches += [_unavailable(window, first) for window in room.unavailable if window.day == day]
    return tuple(stretch for stretch in stretches if stretch.minutes > 0)


def _unavailable(window: Window, first: int) -> Closed:
    return Closed(window.start_minute - first, window.end_minute - window.start_minute, window.reason or "unavailable")


def fixed_text(item: FixedItem, instance: Instance) -> str:
    room = f" · {instance.room_by_id[item.room].name}" if item.room else ""
    return f"{time_range(item.start, item.end)} {item.title}{room}"

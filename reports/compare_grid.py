"""The alternatives' grids side by side, as the comparison page lays them out: one row per breakout
slot, one cell per alternative listing the talks of that slot with their rooms.

Slot rows rather than one full grid per alternative: with two to six alternatives of eight
rooms each, whole grids would not fit a page side by side, while a slot row lets the eye run
across the alternatives at the same hour. Each cell lists its talks in its instance's room
order, so the rooms come in the same order in every cell as long as the instances share rooms.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from amj_scheduler.models import BreakoutSlot

from .comparison import AlignedOccurrence, Alternative, PlacementKey, aligned_occurrences
from .formatting import day_title, time_range


@dataclass(frozen=True)
class GridItem:
    """A talk in a slot of one alternative; `change` is '' where it sits as in the reference."""

    room: str
    title: str
    repeat: str
    """'1 of 2' on a repeated talk, as the published grid marks it."""
    audience: str
    """'Girls only' on a restricted session."""
    continued: bool
    """The later slots of a talk that takes more than one."""
    change: str = ""
    """'moved' or 'added' against the reference, the first alternative."""
    note: str = ""
    """Where the reference has it ('in best: Session I · Modular II'), or that it has it nowhere."""


@dataclass(frozen=True)
class SlotLine:
    label: str
    times: str
    cells: tuple[tuple[GridItem, ...], ...]
    """One per alternative, in their order."""


@dataclass(frozen=True)
class DayBlock:
    title: str
    slots: tuple[SlotLine, ...]


def side_by_side(alternatives: tuple[Alternative, ...]) -> list[DayBlock]:
    """Every breakout slot of any alternative's instance, by day and time, grouped by day."""
    slots: dict[str, BreakoutSlot] = {}
    day_names: dict[dt.date, str] = {}
    for alternative in alternatives:
        for slot in alternative.instance.breakout_slots:
            slots.setdefault(slot.id, slot)
        for day in alternative.instance.days:
            day_names.setdefault(day.date, day.name)
    rows = {(row.talk, row.occurrence): row for row in aligned_occurrences(alternatives)}
    cells = [_cells(alternatives, index, rows) for index in range(len(alternatives))]

    by_day: defaultdict[dt.date, list[SlotLine]] = defaultdict(list)
    for slot in sorted(slots.values(), key=lambda slot: (slot.day, slot.start, slot.end, slot.id)):
        line = SlotLine(slot.label, time_range(slot.start, slot.end), tuple(tuple(cell[slot.id]) for cell in cells))
        by_day[slot.day].append(line)
    return [DayBlock(day_title(day, day_names.get(day, "")), tuple(lines)) for day, lines in sorted(by_day.items())]


def _cells(
    alternatives: tuple[Alternative, ...], index: int, rows: dict[PlacementKey, AlignedOccurrence]
) -> defaultdict[str, list[GridItem]]:
    """The items of alternative `index` by slot id, each cell in room order, then by title."""
    alternative = alternatives[index]
    room_order = {room.id: position for position, room in enumerate(alternative.instance.rooms)}
    placed: defaultdict[str, list[tuple[int, str, GridItem]]] = defaultdict(list)
    for key, entry in alternative.entries.items():
        change, note = _change(alternatives, index, rows[key])
        order = room_order[entry.room.id] if entry.room else len(room_order)
        for position, slot in enumerate(entry.slots):
            item = GridItem(
                entry.room_name, entry.title, entry.repeat_mark, entry.audience_mark, position > 0, change, note
            )
            placed[slot.id].append((order, entry.title, item))
    cells: defaultdict[str, list[GridItem]] = defaultdict(list)
    for slot_id, items in placed.items():
        cells[slot_id] = [item for _, _, item in sorted(items, key=lambda ranked: ranked[:2])]
    return cells


def _change(alternatives: tuple[Alternative, ...], index: int, row: AlignedOccurrence) -> tuple[str, str]:
    if index == 0 or not row.changed(index):
        return "", ""
    reference = alternatives[0].name
    were = row.places[0]
    if were is None:
        return "added", f"not in {reference}"
    return "moved", f"in {reference}: {were.where}"

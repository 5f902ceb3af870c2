"""The published program as a flat list of entries: every placed talk occurrence and every
fixed item, resolved from ids to names and clock times.

All report formats start from these entries, so a talk reads the same (title, speakers,
"1 of 2", audience) in the CSV, the terminal and the HTML page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from amj_scheduler.models import BreakoutSlot, FixedItem, Instance, Placement, Room, Schedule

from ..models.clock import Clock

T = TypeVar("T")


@dataclass(frozen=True)
class ProgramEntry:
    """One line of the program: an occurrence of a talk, or a fixed item (its `slots` are empty)."""

    day: dt.date
    start: Clock
    end: Clock
    slots: tuple[BreakoutSlot, ...]
    room: Room | None
    kind: str
    session_id: str
    title: str
    speakers: tuple[str, ...]
    speaker_ids: tuple[str, ...] = ()
    """The same people by id, in the same order: itineraries and calendars are filed by id."""
    audience: str = ""
    """The name of the only audience group admitted; empty when the item is open to all."""
    occurrence: int | None = None
    occurrences: int = 1
    contains: tuple[ProgramEntry, ...] = ()
    """The talks held inside it (a lightning-talk block's talks), published with it, kind `contained`."""

    @property
    def room_name(self) -> str:
        return self.room.name if self.room else ""

    @property
    def repeat_mark(self) -> str:
        """'1 of 2' on a repeated talk, so that attendees know they can catch it another time."""
        if self.occurrence is None or self.occurrences < 2:
            return ""
        return f"{self.occurrence} of {self.occurrences}"

    @property
    def audience_mark(self) -> str:
        """'Girls only': the badge that keeps everyone else from walking into a closed session."""
        return f"{self.audience} only" if self.audience else ""


def program_entries(instance: Instance, schedule: Schedule) -> list[ProgramEntry]:
    """Every placement and fixed item, in publication order: day, start, room name, id, occurrence.

    Raises ValueError when the schedule names a talk, slot or room the instance lacks, or a
    multi-slot talk runs off the end of its day: a report must never publish a guess.
    """
    entries = [_talk_entry(instance, placement) for placement in schedule.placements]
    entries += [_fixed_entry(instance, item) for item in instance.fixed_items]
    return sorted(entries, key=_publication_order)


def _publication_order(entry: ProgramEntry) -> tuple[object, ...]:
    return (entry.day, entry.start, entry.room_name, entry.session_id, entry.occurrence or 0)


def _talk_entry(instance: Instance, placement: Placement) -> ProgramEntry:
    talk = _lookup(instance.talk_by_id, placement.talk, "talk")
    _lookup(instance.slot_by_id, placement.slot, "breakout slot")  # before slot_run, which expects a known slot
    room = _lookup(instance.room_by_id, placement.room, "room")
    run = instance.slot_run(placement.slot, instance.length_in_slots(talk))
    if run is None:
        raise ValueError(
            f"talk '{talk.id}' (occurrence {placement.occurrence}) starts in slot '{placement.slot}' "
            f"but that day has fewer than {instance.length_in_slots(talk)} breakout slots from there"
        )
    audience = _lookup(instance.audience_by_id, talk.restricted_to, "audience").name if talk.restricted_to else ""
    return ProgramEntry(
        day=run[0].day,
        start=run[0].start,
        end=run[-1].end,
        slots=run,
        room=room,
        kind="talk",
        session_id=talk.id,
        title=_one_line(talk.title),
        speakers=_names(instance, talk.speakers),
        speaker_ids=talk.speakers,
        audience=_one_line(audience),
        occurrence=placement.occurrence,
        occurrences=talk.occurrences,
        contains=tuple(
            ProgramEntry(
                day=run[0].day,
                start=Clock(run[0].start + nested.offset),
                end=Clock(run[0].start + nested.offset + nested.minutes),
                slots=(),
                room=room,
                kind="contained",
                session_id=nested.id,
                title=_one_line(nested.title),
                speakers=_names(instance, nested.speakers),
                speaker_ids=nested.speakers,
            )
            for nested in talk.contains
        ),
    )


def _fixed_entry(instance: Instance, item: FixedItem) -> ProgramEntry:
    room = _lookup(instance.room_by_id, item.room, "room") if item.room else None
    return ProgramEntry(
        day=item.day,
        start=item.start,
        end=item.end,
        slots=(),
        room=room,
        kind=item.kind,
        session_id=item.id,
        title=_one_line(item.title),
        speakers=_names(instance, item.people),
        speaker_ids=item.people,
    )


def _names(instance: Instance, speaker_ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_one_line(_lookup(instance.speaker_by_id, sid, "speaker").name) for sid in speaker_ids)


def _lookup(table: Mapping[str, T], key: str, what: str) -> T:
    try:
        return table[key]
    except KeyError:
        raise ValueError(f"the schedule refers to {what} '{key}', which the instance does not define") from None


def _one_line(text: str) -> str:
    """Collapse line breaks (a YAML `|` block) into spaces: a grid cell is one line of text,
    and Python's csv module leaves a lone carriage return unquoted, which would break RFC 4180."""
    return " ".join(text.split())

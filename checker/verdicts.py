"""What the checker hands back: hard-rule violations and soft-rule costs, in planner words.

Talks are named by title, rooms and speakers by name, slots by label, so a report can print
these values as they are; talk ids and placements ride along for linking to CSV rows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    rule: str
    """The hard rule broken, as a planner names it: "room holds one thing at a time"."""
    message: str
    """One sentence naming the talks, rooms, speakers and slots at fault."""
    talks: tuple[str, ...]
    """Ids of the talks involved."""
    placements: tuple[tuple[str, int], ...] = ()
    """(talk id, occurrence) of each placement at fault, so a hand-edited grid can point at its rows.

    Empty when no placement is at fault: an occurrence that is missing has no row.
    """


@dataclass(frozen=True)
class CostItem:
    subject: str
    """Who pays, in words: a talk title, a speaker name, a slot label or a track name."""
    cost: int
    detail: str


@dataclass(frozen=True)
class RuleCost:
    rule: str
    """The weight's name in the instance: repeat_room_change, speaker_idle_slot, track_gap_minute, ..."""
    label: str
    """What the rule asks for, in planner words."""
    weight: int
    cost: int
    items: tuple[CostItem, ...]
    """The nonzero costs, largest first, then by subject."""


@dataclass(frozen=True)
class SoftScore:
    total: int
    rules: tuple[RuleCost, ...]
    """Every soft rule of the conference's kind, always in the same order: five on breakout slots
    (repeat_room_change, speaker_idle_slot, seat_short, seat_empty, choice_imbalance), five on
    breakout windows (repeat_room_change, seat_short, seat_empty, track_extra_room, track_gap_minute)."""

"""The table of contents of the rules: every hard and soft rule once, by the name a planner uses.

The solver (`solver.hard_rules`, `solver.soft_rules`) and the independent checker
(`checker.hard_rules`, `checker.soft_rules`) each implement every rule as one function named by
its `id` here, for both shapes of conference; this book is where a newcomer finds any rule in one
hop, and what `explain` and the reports quote when they say what a rule asks and whom it binds.
It holds words and counts only, never an encoding, so the checker stays independent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .instance import Instance

Shape = Literal["slots", "windows"]
BOTH: tuple[Shape, ...] = ("slots", "windows")


@dataclass(frozen=True)
class RuleEntry:
    id: str
    """The function name in solver/ and checker/, and for a soft rule its key in `weights:`."""
    name: str
    """What a planner calls it; the checker's findings are filed under this name."""
    hard: bool
    shapes: tuple[Shape, ...]
    """The conferences it applies to: labelled breakout slots, breakout windows, or both."""
    asks: str
    """What it asks, in one sentence."""
    binds: Callable[[Instance], str]
    """Whom it binds in this instance, in words."""

    def applies_to(self, instance: Instance) -> bool:
        return ("windows" if instance.uses_windows else "slots") in self.shapes


def _count(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def _occurrences(instance: Instance) -> str:
    return (
        _count(sum(talk.occurrences for talk in instance.talks), "occurrence")
        + " of "
        + _count(len(instance.talks), "talk")
    )


def _repeated(instance: Instance) -> str:
    return _count(sum(1 for talk in instance.talks if talk.occurrences > 1), "repeated talk")


def _rooms(instance: Instance) -> str:
    held = sum(1 for item in instance.fixed_items if item.room is not None)
    closures = sum(len(room.unavailable) for room in instance.rooms)
    return f"{_count(len(instance.rooms), 'room')}, {_count(held, 'fixed item')} in them, {_count(closures, 'closure')}"


def _opening_hours(instance: Instance) -> str:
    return _count(sum(1 for room in instance.rooms if room.open), "room") + " with opening hours"


def _speakers(instance: Instance) -> str:
    talks_of: dict[str, int] = {}
    for talk in instance.talks:
        for speaker in talk.speakers:
            talks_of[speaker] = talks_of.get(speaker, 0) + talk.occurrences
    busy = sum(1 for count in talks_of.values() if count > 1)
    away = sum(1 for speaker in instance.speakers if speaker.unavailable)
    leading = len({person for item in instance.fixed_items for person in item.people})
    return (
        f"{_count(busy, 'speaker')} with more than one occurrence, {away} with time away, {leading} leading fixed items"
    )


def _audiences(instance: Instance) -> str:
    restricted = [talk for talk in instance.talks if talk.restricted_to is not None]
    groups = {talk.restricted_to for talk in restricted}
    return f"{_count(len(restricted), 'restricted talk')} of {_count(len(groups), 'audience group')}"


def _features(instance: Instance) -> str:
    return _count(sum(1 for talk in instance.talks if talk.requires), "talk") + " needing room features"


def _pins(instance: Instance) -> str:
    return _count(sum(len(talk.pins) for talk in instance.talks), "pin")


def _multi_slot(instance: Instance) -> str:
    return _count(sum(1 for talk in instance.talks if talk.length > 1), "talk") + " of several slots"


def _hard_tracks(instance: Instance) -> str:
    return _count(sum(1 for track in instance.tracks if track.room_rule == "hard"), "hard track")


def _tracks(instance: Instance) -> str:
    tracked = sum(1 for talk in instance.talks if talk.track is not None)
    return f"{_count(len(instance.tracks), 'track')} holding {_count(tracked, 'talk')}"


def _seated(instance: Instance) -> str:
    return _count(sum(1 for talk in instance.talks if talk.expected_attendance), "talk") + " with expected attendance"


def _breakout_talks(instance: Instance) -> str:
    return f"{_count(len(instance.talks), 'talk')} and {_count(sum(1 for r in instance.rooms if r.breakout), 'breakout room')}"


def _open_talks(instance: Instance) -> str:
    return _count(sum(1 for talk in instance.talks if talk.restricted_to is None), "open talk")


HARD_RULES: tuple[RuleEntry, ...] = (
    RuleEntry(
        "every_occurrence_placed_exactly_once",
        "every occurrence placed exactly once",
        True,
        BOTH,
        "Each talk is placed as many times as it is given, each occurrence once.",
        _occurrences,
    ),
    RuleEntry(
        "occurrences_never_overlap",
        "occurrences never overlap",
        True,
        BOTH,
        "The occurrences of a repeated talk are at different times.",
        _repeated,
    ),
    RuleEntry(
        "breakout_rooms_only",
        "breakout rooms only",
        True,
        BOTH,
        "Talks go in breakout rooms, never in rooms kept for fixed items.",
        _breakout_talks,
    ),
    RuleEntry(
        "room_holds_one_thing_at_a_time",
        "room holds one thing at a time",
        True,
        BOTH,
        "A room holds one talk at a time, none while a fixed item is in it, none while it is closed.",
        _rooms,
    ),
    RuleEntry(
        "talk_inside_the_rooms_opening_hours",
        "talk inside the room's opening hours",
        True,
        ("windows",),
        "A room that lists opening hours holds talks only inside them.",
        _opening_hours,
    ),
    RuleEntry(
        "speaker_in_one_place_at_a_time",
        "speaker in one place at a time",
        True,
        BOTH,
        "A speaker gives one talk at a time, never while leading a fixed item or while away.",
        _speakers,
    ),
    RuleEntry(
        "audience_group_never_double_booked",
        "audience group never double-booked",
        True,
        BOTH,
        "The talks restricted to one audience group never overlap (or no more than its `at_once`).",
        _audiences,
    ),
    RuleEntry(
        "required_room_features",
        "required room features",
        True,
        BOTH,
        "A talk that needs a piano or a projector gets a room that has one.",
        _features,
    ),
    RuleEntry("pins_honoured", "pins honoured", True, BOTH, "Each pin holds its occurrence in place.", _pins),
    RuleEntry(
        "run_fits_the_day",
        "run fits the day",
        True,
        ("slots",),
        "A talk of several slots takes consecutive slots of one day.",
        _multi_slot,
    ),
    RuleEntry(
        "talk_inside_one_breakout_window",
        "talk inside one breakout window",
        True,
        ("windows",),
        "A talk starts on a step of a breakout window and ends by the window's end.",
        _occurrences,
    ),
    RuleEntry(
        "track_in_its_fewest_rooms",
        "track in its fewest rooms",
        True,
        ("windows",),
        "A track whose room rule is hard uses no more rooms a day than its minutes need.",
        _hard_tracks,
    ),
)

SOFT_RULES: tuple[RuleEntry, ...] = (
    RuleEntry(
        "repeat_room_change",
        "a repeated talk keeps its room",
        False,
        BOTH,
        "Each extra room the occurrences of a repeated talk use costs the weight.",
        _repeated,
    ),
    RuleEntry(
        "speaker_idle_slot",
        "a speaker's talks are close together",
        False,
        ("slots",),
        "Each breakout slot a speaker sits idle between their first and last occurrence costs the weight.",
        _speakers,
    ),
    RuleEntry(
        "seat_short",
        "enough seats",
        False,
        BOTH,
        "Each expected attendee without a seat costs the weight.",
        _seated,
    ),
    RuleEntry(
        "seat_empty",
        "few empty seats",
        False,
        BOTH,
        "Each empty seat costs the weight.",
        _seated,
    ),
    RuleEntry(
        "choice_imbalance",
        "every slot offers similar choice",
        False,
        ("slots",),
        "Each talk of difference between the breakout slots offering the most and the fewest open talks costs the weight.",
        _open_talks,
    ),
    RuleEntry(
        "track_extra_room",
        "a track keeps to the fewest rooms",
        False,
        ("windows",),
        "Each room a track uses on a day beyond the fewest its minutes allow costs the weight.",
        _tracks,
    ),
    RuleEntry(
        "track_gap_minute",
        "a track's talks follow one another",
        False,
        ("windows",),
        "Each minute a track's room stands empty between two of its talks costs the weight.",
        _tracks,
    ),
)

RULE_BY_ID: dict[str, RuleEntry] = {rule.id: rule for rule in HARD_RULES + SOFT_RULES}


def rules_for(instance: Instance, *, hard: bool) -> tuple[RuleEntry, ...]:
    """The rules that apply to this conference's shape, in book order."""
    return tuple(rule for rule in (HARD_RULES if hard else SOFT_RULES) if rule.applies_to(instance))

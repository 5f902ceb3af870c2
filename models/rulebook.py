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
    asked: Callable[[Instance], bool] | None = None
    """For a rule that only a planner's wish brings in (a speaker's preferred times, attendees'
    wish lists): whether this instance asks for it. A conference that asks nothing of it has no
    such rule, so its reports and its model stay as they were before the rule existed."""

    def applies_to(self, instance: Instance) -> bool:
        shape = ("windows" if instance.uses_windows else "slots") in self.shapes
        return shape and (self.asked is None or self.asked(instance))


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


def _talks_with(*fields: str) -> Callable[[Instance], int]:
    return lambda instance: sum(1 for talk in instance.talks if any(getattr(talk, f) for f in fields))


def _hard_bounds(instance: Instance) -> int:
    return sum(1 for t in instance.talks for b in (t.not_before, t.not_after) if b is not None and b.hard)


def _soft_bounds(instance: Instance) -> int:
    return sum(1 for t in instance.talks for b in (t.not_before, t.not_after) if b is not None and not b.hard)


def _groups(hard: bool) -> Callable[[Instance], int]:
    return lambda instance: sum(1 for group in instance.apart if group.hard == hard)


def _speakers_with(field: str) -> Callable[[Instance], int]:
    return lambda instance: sum(1 for speaker in instance.speakers if getattr(speaker, field))


def _changeovers(instance: Instance) -> int:
    return sum(1 for room in instance.rooms if room.changeover)


def _wishing(instance: Instance) -> int:
    book = instance.attendee_wishes
    return 0 if book is None else sum(1 for a in book.attendees if any(w.talk in instance.talk_by_id for w in a.wishes))


def _counted(count: Callable[[Instance], int], word: str, plural: str | None = None) -> Callable[[Instance], str]:
    return lambda instance: _count(count(instance), word, plural)


def _wishes(instance: Instance) -> str:
    book = instance.attendee_wishes
    wished = 0 if book is None else sum(1 for talk in instance.talks if book.wishers[talk.id])
    return f"{_count(_wishing(instance), 'attendee')} wishing for {_count(wished, 'talk')}"


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
    RuleEntry(
        "allowed_rooms_only",
        "talk in its allowed rooms",
        True,
        BOTH,
        "A talk that lists allowed rooms goes to one of them.",
        _counted(_talks_with("allowed_rooms"), "talk with allowed rooms", "talks with allowed rooms"),
        lambda instance: bool(_talks_with("allowed_rooms")(instance)),
    ),
    RuleEntry(
        "allowed_times_only",
        "talk in its allowed times",
        True,
        BOTH,
        "Each occurrence of a talk that lists allowed times runs wholly inside one of them.",
        _counted(_talks_with("allowed_times"), "talk with allowed times", "talks with allowed times"),
        lambda instance: bool(_talks_with("allowed_times")(instance)),
    ),
    RuleEntry(
        "not_before_not_after",
        "talk within its hard time bounds",
        True,
        BOTH,
        "A talk never starts before its hard `not_before` and never ends after its hard `not_after`.",
        _counted(_hard_bounds, "hard bound"),
        lambda instance: bool(_hard_bounds(instance)),
    ),
    RuleEntry(
        "apart_never_at_once",
        "talks kept apart never clash",
        True,
        BOTH,
        "No two talks of a hard `apart` group run at the same time.",
        _counted(_groups(hard=True), "hard apart group"),
        lambda instance: bool(_groups(hard=True)(instance)),
    ),
    RuleEntry(
        "room_changeover",
        "room changeover between talks",
        True,
        BOTH,
        "A room stands empty for its `changeover` minutes between two talks.",
        _counted(_changeovers, "room with a changeover", "rooms with a changeover"),
        lambda instance: bool(_changeovers(instance)),
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
    RuleEntry(
        "speaker_preferred_time",
        "a speaker speaks when they prefer",
        False,
        BOTH,
        "Each occurrence a speaker gives outside all of their preferred times (`prefers`) costs the weight.",
        _counted(_speakers_with("prefers"), "speaker with preferred times", "speakers with preferred times"),
        lambda instance: bool(_speakers_with("prefers")(instance)),
    ),
    RuleEntry(
        "speaker_avoided_time",
        "a speaker is spared the times they avoid",
        False,
        BOTH,
        "Each occurrence a speaker gives that runs into one of their avoided times (`avoids`) costs the weight.",
        _counted(_speakers_with("avoids"), "speaker with avoided times", "speakers with avoided times"),
        lambda instance: bool(_speakers_with("avoids")(instance)),
    ),
    RuleEntry(
        "room_not_preferred",
        "a talk gets a room it prefers",
        False,
        BOTH,
        "Each occurrence in none of its talk's `preferred_rooms` costs the weight.",
        _counted(_talks_with("preferred_rooms"), "talk with preferred rooms", "talks with preferred rooms"),
        lambda instance: bool(_talks_with("preferred_rooms")(instance)),
    ),
    RuleEntry(
        "room_avoided",
        "a talk stays out of the rooms it avoids",
        False,
        BOTH,
        "Each occurrence in one of its talk's `avoided_rooms` costs the weight.",
        _counted(_talks_with("avoided_rooms"), "talk with avoided rooms", "talks with avoided rooms"),
        lambda instance: bool(_talks_with("avoided_rooms")(instance)),
    ),
    RuleEntry(
        "early_or_late_minute",
        "a talk keeps to its soft time bounds",
        False,
        BOTH,
        "Each minute an occurrence starts before its soft `not_before`, or runs past its soft `not_after`, costs the weight.",
        _counted(_soft_bounds, "soft bound"),
        lambda instance: bool(_soft_bounds(instance)),
    ),
    RuleEntry(
        "apart_clash",
        "talks kept apart seldom clash",
        False,
        BOTH,
        "Each two occurrences of different talks of a soft `apart` group that run at the same time cost the weight.",
        _counted(_groups(hard=False), "soft apart group"),
        lambda instance: bool(_groups(hard=False)(instance)),
    ),
    RuleEntry(
        "wish_missed",
        "attendees can see what they wished for",
        False,
        ("slots",),
        "Each wished talk an attendee cannot attend, taking the best occurrence of each repeated talk and "
        "one thing at a time, costs the weight times the wish's weight.",
        _wishes,
        lambda instance: bool(_wishing(instance)),
    ),
    RuleEntry(
        "wish_clash",
        "wished talks do not clash",
        False,
        ("windows",),
        "Each attendee wishing for two talks that cannot both be attended costs the weight times the "
        "lighter wish's weight (exact for two wishes; beyond, the search's estimate: the exact count is reported).",
        _wishes,
        lambda instance: bool(_wishing(instance)),
    ),
)

RULE_BY_ID: dict[str, RuleEntry] = {rule.id: rule for rule in HARD_RULES + SOFT_RULES}


def rules_for(instance: Instance, *, hard: bool) -> tuple[RuleEntry, ...]:
    """The rules that apply to this conference's shape, in book order."""
    return tuple(rule for rule in (HARD_RULES if hard else SOFT_RULES) if rule.applies_to(instance))

"""The hard rules, each tested directly on the schedule, one function per rule.

Every rule looks at the whole schedule and reports every breach it sees, so a planner
fixing a hand-edited grid gets the full list in one pass. Rules other than the first only
judge placements whose talk, slot and room exist; the first reports the rest.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from itertools import combinations

from amj_scheduler.models import Instance, Pin, Placement, Schedule

from .timing import Span
from .verdicts import Violation
from .view import Placed, ScheduleView
from .wording import (
    name_list,
    placed_text,
    span_text,
    speaker_name,
    talk_text,
    times,
    when_text,
)

Rule = Callable[[ScheduleView], Iterator[Violation]]


def _key(placement: Placement) -> tuple[str, int]:
    """How a report finds a placement again, for example its row in a grid CSV."""
    return (placement.talk, placement.occurrence)


def _involving(rule: str, message: str, *placed: Placed) -> Violation:
    """A violation naming the talks and the placements at fault."""
    return Violation(
        rule,
        message,
        tuple(dict.fromkeys(p.talk.id for p in placed)),
        tuple(dict.fromkeys(_key(p.placement) for p in placed)),
    )


def every_occurrence_placed_exactly_once(view: ScheduleView) -> Iterator[Violation]:
    """Each talk is placed `occurrences` times, numbered 1..n in clock order; ids must exist."""
    rule = "every occurrence placed exactly once"
    instance = view.instance
    for placement in view.schedule.placements:
        talk = instance.talk_by_id.get(placement.talk)
        if talk is None:
            yield Violation(
                rule,
                f"A placement names the talk id '{placement.talk}', which no talk has.",
                (placement.talk,),
                (_key(placement),),
            )
            continue
        if placement.slot not in instance.slot_by_id:
            yield Violation(
                rule,
                f"'{talk.title}' is placed in the slot id '{placement.slot}', which no breakout slot has.",
                (talk.id,),
                (_key(placement),),
            )
        if placement.room not in instance.room_by_id:
            yield Violation(
                rule,
                f"'{talk.title}' is placed in the room id '{placement.room}', which no room has.",
                (talk.id,),
                (_key(placement),),
            )

    placements_of: dict[str, list[Placement]] = defaultdict(list)
    for placement in view.schedule.placements:
        placements_of[placement.talk].append(placement)
    for talk in instance.talks:
        mine = placements_of[talk.id]
        if len(mine) != talk.occurrences:
            # Too few: the missing occurrence has no placement. Too many: every placement is a suspect.
            extra = tuple(dict.fromkeys(map(_key, mine))) if len(mine) > talk.occurrences else ()
            yield Violation(
                rule,
                f"'{talk.title}' is given {times(talk.occurrences)} but placed {times(len(mine))}.",
                (talk.id,),
                extra,
            )
        for number, count in sorted(Counter(p.occurrence for p in mine).items()):
            if count > 1:
                yield Violation(
                    rule,
                    f"'{talk.title}' has {count} placements numbered occurrence {number}.",
                    (talk.id,),
                    ((talk.id, number),),
                )
            if number > talk.occurrences:
                yield Violation(
                    rule,
                    f"'{talk.title}' has a placement numbered occurrence {number}, "
                    f"but it is given only {times(talk.occurrences)}.",
                    (talk.id,),
                    ((talk.id, number),),
                )
        numbered = sorted(
            ((p.occurrence, instance.slot_by_id[p.slot]) for p in mine if p.slot in instance.slot_by_id),
            key=lambda entry: entry[0],
        )
        for (number, slot), (later_number, later_slot) in zip(numbered, numbered[1:]):
            span, later_span = Span.of(slot), Span.of(later_slot)
            if number < later_number and (span.day, span.start) > (later_span.day, later_span.start):
                yield Violation(
                    rule,
                    f"'{talk.title}' occurrence {later_number} ({later_slot.label}, {span_text(instance, later_span)}) "
                    f"starts before occurrence {number} ({slot.label}, {span_text(instance, span)}); "
                    "occurrences are numbered in clock order.",
                    (talk.id,),
                    ((talk.id, number), (talk.id, later_number)),
                )


def occurrences_in_different_slots(view: ScheduleView) -> Iterator[Violation]:
    """A repeated talk is repeated so more people can hear it: its occurrences must not overlap."""
    rule = "occurrences in different slots"
    for first, second in combinations(view.placed, 2):
        if first.talk.id == second.talk.id and first.span.overlaps(second.span):
            yield _involving(
                rule,
                f"'{first.talk.title}' occurrences {first.placement.occurrence} and {second.placement.occurrence} "
                f"overlap: {when_text(view.instance, first)} and {when_text(view.instance, second)}.",
                first,
                second,
            )


def breakout_rooms_only(view: ScheduleView) -> Iterator[Violation]:
    """Rooms marked `breakout: false` (a sanctuary, a foyer) only hold fixed items."""
    rule = "breakout rooms only"
    for placed in view.placed:
        if not placed.room.breakout:
            yield _involving(
                rule,
                f"{placed_text(view.instance, placed)} is placed in {placed.room.name}, which is not a breakout room.",
                placed,
            )


def room_holds_one_thing_at_a_time(view: ScheduleView) -> Iterator[Violation]:
    """No two talks, no talk and fixed item, and no talk in a room's unavailable time share a minute."""
    rule = "room holds one thing at a time"
    instance = view.instance
    for first, second in combinations(view.placed, 2):
        if first.room.id == second.room.id and first.span.overlaps(second.span):
            yield _involving(
                rule,
                f"{first.room.name} holds two talks at once: {placed_text(instance, first)} "
                f"and {placed_text(instance, second)}.",
                first,
                second,
            )
    for placed in view.placed:
        for item in instance.fixed_items:
            item_span = Span.of(item)
            if item.room == placed.room.id and placed.span.overlaps(item_span):
                yield _involving(
                    rule,
                    f"{placed.room.name} holds {placed_text(instance, placed)} while '{item.title}' is there "
                    f"({span_text(instance, item_span)}).",
                    placed,
                )
        for window in placed.room.unavailable:
            window_span = Span.of(window)
            if placed.span.overlaps(window_span):
                reason = f" ({window.reason})" if window.reason else ""
                yield _involving(
                    rule,
                    f"{placed.room.name} is unavailable {span_text(instance, window_span)}{reason}, "
                    f"but holds {placed_text(instance, placed)}.",
                    placed,
                )


def speaker_in_one_place_at_a_time(view: ScheduleView) -> Iterator[Violation]:
    """A speaker cannot give two talks, or a talk and a fixed item they lead, at once, nor speak while away."""
    rule = "speaker in one place at a time"
    instance = view.instance
    for first, second in combinations(view.placed, 2):
        shared = [s for s in first.talk.speakers if s in second.talk.speakers]
        if shared and first.span.overlaps(second.span):
            names = name_list([speaker_name(instance, s) for s in shared])
            yield _involving(
                rule,
                f"{names} would be in two places at once: {placed_text(instance, first)} "
                f"and {placed_text(instance, second)}.",
                first,
                second,
            )
    for placed in view.placed:
        for item in instance.fixed_items:
            item_span = Span.of(item)
            leading = [s for s in placed.talk.speakers if s in item.people]
            if leading and placed.span.overlaps(item_span):
                names = name_list([speaker_name(instance, s) for s in leading])
                yield _involving(
                    rule,
                    f"{names} would give {placed_text(instance, placed)} while leading '{item.title}' "
                    f"({span_text(instance, item_span)}).",
                    placed,
                )
        for speaker_id in placed.talk.speakers:
            speaker = instance.speaker_by_id.get(speaker_id)
            for window in speaker.unavailable if speaker else ():
                window_span = Span.of(window)
                if placed.span.overlaps(window_span):
                    reason = f" ({window.reason})" if window.reason else ""
                    yield _involving(
                        rule,
                        f"{speaker.name} is unavailable {span_text(instance, window_span)}{reason}, "
                        f"but gives {placed_text(instance, placed)}.",
                        placed,
                    )


def audience_group_never_double_booked(view: ScheduleView) -> Iterator[Violation]:
    """A group's talks are all meant for that group, so two of them at once make it miss one."""
    rule = "audience group never double-booked"
    instance = view.instance
    for first, second in combinations(view.placed, 2):
        group = first.talk.restricted_to
        if group is not None and group == second.talk.restricted_to and first.span.overlaps(second.span):
            audience = instance.audience_by_id.get(group)
            yield _involving(
                rule,
                f"{audience.name if audience else group} has two talks at once: {placed_text(instance, first)} "
                f"and {placed_text(instance, second)}.",
                first,
                second,
            )


def required_room_features(view: ScheduleView) -> Iterator[Violation]:
    """A talk that needs a piano or a projector gets a room that has one."""
    rule = "required room features"
    for placed in view.placed:
        missing = [feature for feature in placed.talk.requires if feature not in placed.room.features]
        if missing:
            yield _involving(
                rule,
                f"{placed_text(view.instance, placed)} needs {name_list(missing)}, "
                f"which {placed.room.name} does not have.",
                placed,
            )


def _pin_is_met(pin: Pin, placed: Placed) -> bool:
    return (pin.slot is None or pin.slot == placed.placement.slot) and (pin.room is None or pin.room == placed.room.id)


def _match_pins(pins: tuple[Pin, ...], candidates: list[Placed]) -> dict[int, int]:
    """Largest pin -> placement matching with each placement holding at most one pin (augmenting paths)."""
    holder: dict[int, int] = {}

    def assign(pin_index: int, seen: set[int]) -> bool:
        for index, placed in enumerate(candidates):
            if index in seen or not _pin_is_met(pins[pin_index], placed):
                continue
            seen.add(index)
            if index not in holder or assign(holder[index], seen):
                holder[index] = pin_index
                return True
        return False

    for pin_index in range(len(pins)):
        assign(pin_index, set())
    return {pin_index: index for index, pin_index in holder.items()}


def _pin_text(instance: Instance, pin: Pin) -> str:
    where = []
    if pin.slot is not None:
        slot = instance.slot_by_id.get(pin.slot)
        where.append(slot.label if slot else pin.slot)
    if pin.room is not None:
        room = instance.room_by_id.get(pin.room)
        where.append(room.name if room else pin.room)
    return " in ".join(where)


def pins_honoured(view: ScheduleView) -> Iterator[Violation]:
    """Each pin is met by its own occurrence: two pins cannot both be satisfied by one placement."""
    rule = "pins honoured"
    instance = view.instance
    for talk in instance.talks:
        if not talk.pins:
            continue
        candidates = [placed for placed in view.placed if placed.talk.id == talk.id]
        matched = _match_pins(talk.pins, candidates)
        for pin_index, pin in enumerate(talk.pins):
            if pin_index in matched:
                continue
            if any(_pin_is_met(pin, placed) for placed in candidates):
                reason = "each occurrence there already holds another of its pins"
            else:
                reason = "no occurrence of it is there"
            yield Violation(
                rule,
                f"'{talk.title}' is pinned to {_pin_text(instance, pin)}, but {reason}.",
                (talk.id,),
                tuple(_key(placed.placement) for placed in candidates),
            )


def run_fits_the_day(view: ScheduleView) -> Iterator[Violation]:
    """A talk of several slots takes consecutive slots of one day; it cannot run on into the next."""
    rule = "run fits the day"
    for placed in view.placed:
        if not placed.fits_its_day:
            yield _involving(
                rule,
                f"{talk_text(placed)} needs {placed.talk.length} consecutive slots from {placed.slots[0].label}, "
                f"but its day has only {len(placed.slots)} from there.",
                placed,
            )


RULES: tuple[Rule, ...] = (
    every_occurrence_placed_exactly_once,
    occurrences_in_different_slots,
    breakout_rooms_only,
    room_holds_one_thing_at_a_time,
    speaker_in_one_place_at_a_time,
    audience_group_never_double_booked,
    required_room_features,
    pins_honoured,
    run_fits_the_day,
)


def find_violations(instance: Instance, schedule: Schedule) -> list[Violation]:
    """Every breach of every hard rule, rule by rule in the order above, then in schedule order."""
    view = ScheduleView.build(instance, schedule)
    return [violation for rule in RULES for violation in rule(view)]

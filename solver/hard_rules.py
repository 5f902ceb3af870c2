"""The hard rules, one function each, named as in `models.rulebook` and in the checker.

Each is written once, for both shapes of conference, against the primitives of `Encoding`; how a
primitive is encoded is the shape's business (`slot_encoding`, `window_encoding`). Every constraint
that stems from something the planner wrote (a pin, an unavailability, a speaker giving a talk; see
`models.requirements`) is tagged with that requirement, so that an infeasible plan can be
explained as a set of the planner's own requirements.
"""

from __future__ import annotations

from collections.abc import Callable

from ..models import minutes
from ..models.requirements import Requirement
from ..models.rulebook import HARD_RULES, rules_for
from .encoding import Encoding, Occurrence, Span, by_key, droppable, merge


def every_occurrence_placed_exactly_once(model: Encoding) -> None:
    """Each occurrence takes exactly one place. Giving up a talk's "occurrences" requirement makes
    its last occurrence optional: the talk is then given once fewer (a workshop given once: not at all)."""
    for occurrence in model.occurrences:
        unless = Requirement("occurrences", occurrence.talk.id) if droppable(occurrence) else None
        model.place_once(occurrence, unless)


def occurrences_never_overlap(model: Encoding) -> None:
    """Occurrences of one talk never overlap. In a normal solve interchangeable ones also run in clock
    order, which removes the n! relabellings of a repeated talk from the search; diagnosis leaves that
    out, since a dropped last occurrence has no place in the order."""
    for occurrences in by_key(model.occurrences, lambda o: [o.talk.id]).values():
        if len(occurrences) < 2:
            continue
        model.never_at_once(occurrences)
        if not model.switchable:
            model.in_clock_order([o for o in occurrences if o.pin is None])


def breakout_rooms_only(model: Encoding) -> None:
    """Talks never go to rooms kept for fixed items."""
    kept_for_fixed_items = [room.id for room in model.instance.rooms if not room.breakout]
    for occurrence in model.occurrences:
        model.keep_out_of_rooms(occurrence, kept_for_fixed_items)


def room_holds_one_thing_at_a_time(model: Encoding) -> None:
    """One talk at a time per room, none while a fixed item is in it, none while it is closed."""
    instance = model.instance
    for room in instance.rooms:
        model.one_at_a_time_in(room)
        for item in instance.fixed_items:
            if item.room == room.id:
                span = model.axis.span(item.day, minutes(item.start), minutes(item.end))
                model.close_room(room, span, Requirement("fixed-room", item.id))
        for index, window in enumerate(room.unavailable):
            span = model.axis.span(window.day, minutes(window.start), minutes(window.end))
            model.close_room(room, span, Requirement("room-unavailable", room.id, index))


def talk_inside_the_rooms_opening_hours(model: Encoding) -> None:
    """A room that lists opening hours is closed for talks outside them, on every conference day."""
    instance = model.instance
    first, last = model.axis.horizon(instance)
    for room in instance.rooms:
        if not room.open:
            continue
        hours = sorted(model.axis.span(w.day, minutes(w.start), minutes(w.end)) for w in room.open)
        closed_from = first
        for start, end in hours:
            if start > closed_from:
                model.close_room(room, (closed_from, start))
            closed_from = max(closed_from, end)
        if closed_from < last:
            model.close_room(room, (closed_from, last))


def _gives(speaker_id: str) -> Callable[[Occurrence], Requirement]:
    return lambda occurrence: Requirement("speaker-gives", occurrence.talk.id, speaker_id)


def speaker_in_one_place_at_a_time(model: Encoding) -> None:
    """A speaker gives one talk at a time, never while leading a fixed item, never while away. Time
    off binds a talk only while that speaker gives it. Someone giving a talk held inside another (a
    lightning talk in its block) is busy for that talk's own minutes only."""
    by_speaker = by_key(model.occurrences, lambda o: o.talk.speakers)
    holding = by_key(model.occurrences, lambda o: [s for s in o.talk.busy_speakers if s not in o.talk.speakers])
    for speaker_id, occurrences in holding.items():
        stretches = [(o, (0, o.talk.minutes or 0)) for o in by_speaker.get(speaker_id, [])]
        stretches += [(o, stretch) for o in occurrences for stretch in o.talk.busy_spans(str(speaker_id))]
        model.never_at_once_within(stretches, waiver=_gives(str(speaker_id)))
        for span, requirement in _away(model, str(speaker_id)):
            for occurrence in occurrences:
                for first, last in occurrence.talk.busy_spans(str(speaker_id)):
                    # the held talk [s + first, s + last) misses span iff the whole occurrence misses this one
                    shifted = (span[0] - last + (occurrence.talk.minutes or 0), span[1] - first)
                    model.keep_out(occurrence, shifted, requirement)
    for speaker_id, occurrences in by_speaker.items():
        if speaker_id not in holding:
            model.never_at_once(occurrences, waiver=_gives(str(speaker_id)))
        for span, requirement in _away(model, str(speaker_id)):
            for occurrence in occurrences:
                model.keep_out(
                    occurrence, span, requirement, Requirement("speaker-gives", occurrence.talk.id, str(speaker_id))
                )


def _away(model: Encoding, speaker_id: str) -> list[tuple[tuple[int, int], Requirement]]:
    """The axis spans a speaker is busy elsewhere (leading a fixed item, or away), each with its requirement."""
    instance = model.instance
    busy = [
        (
            model.axis.span(item.day, minutes(item.start), minutes(item.end)),
            Requirement("fixed-person", item.id, speaker_id),
        )
        for item in instance.fixed_items
        if speaker_id in item.people
    ]
    busy += [
        (
            model.axis.span(w.day, minutes(w.start), minutes(w.end)),
            Requirement("speaker-unavailable", speaker_id, index),
        )
        for index, w in enumerate(instance.speaker_by_id[speaker_id].unavailable)
    ]
    return busy


def audience_group_never_double_booked(model: Encoding) -> None:
    """A restricted group must be able to attend all of its sessions: no more than `at_once` at a time."""
    restricted = [o for o in model.occurrences if o.talk.restricted_to is not None]
    for audience_id, occurrences in by_key(restricted, lambda o: [o.talk.restricted_to or ""]).items():
        model.never_at_once(
            occurrences,
            at_once=model.instance.audience_by_id[str(audience_id)].at_once,
            waiver=lambda o: Requirement("restricted", o.talk.id),
        )


def required_room_features(model: Encoding) -> None:
    rooms = model.instance.rooms
    for occurrence in model.occurrences:
        for feature in occurrence.talk.requires:
            lacking = [room.id for room in rooms if feature not in room.features]
            model.keep_out_of_rooms(occurrence, lacking, Requirement("requires", occurrence.talk.id, feature))


def pins_honoured(model: Encoding) -> None:
    for occurrence in model.occurrences:
        if occurrence.pin is not None:
            # Pinned occurrences come first, so occurrence k carries the talk's pin k - 1.
            model.pin(occurrence, occurrence.pin, Requirement("pin", occurrence.talk.id, occurrence.index - 1))


def track_in_its_fewest_rooms(model: Encoding) -> None:
    model.limit_track_rooms()


def allowed_rooms_only(model: Encoding) -> None:
    """A talk that lists allowed rooms is kept out of every other room."""
    rooms = [room.id for room in model.instance.rooms]
    for occurrence in model.occurrences:
        allowed = occurrence.talk.allowed_rooms
        if allowed:
            others = [room for room in rooms if room not in allowed]
            model.keep_out_of_rooms(occurrence, others, Requirement("allowed-rooms", occurrence.talk.id))


def allowed_times_only(model: Encoding) -> None:
    """A talk that lists allowed times is kept out of every minute between them, so each occurrence
    lies wholly inside one of them (allowed times that touch count as one)."""
    instance = model.instance
    horizon = model.axis.horizon(instance)
    for occurrence in model.occurrences:
        talk = occurrence.talk
        if not talk.allowed_times:
            continue
        allowed = [
            model.axis.span(*stretch) for period in talk.allowed_times for stretch in instance.period_spans(period)
        ]
        for gap in _outside(merge(allowed), horizon):
            model.keep_out(occurrence, gap, Requirement("allowed-times", talk.id))


def _outside(spans: list[Span], horizon: Span) -> list[Span]:
    """The parts of the horizon that none of these (merged, ordered) spans covers."""
    gaps, free_from = [], horizon[0]
    for start, end in spans:
        if start > free_from:
            gaps.append((free_from, start))
        free_from = max(free_from, end)
    if free_from < horizon[1]:
        gaps.append((free_from, horizon[1]))
    return gaps


def not_before_not_after(model: Encoding) -> None:
    """A hard `not_before` keeps a talk out of everything before it, a hard `not_after` out of everything after."""
    first, last = model.axis.horizon(model.instance)
    for occurrence in model.occurrences:
        talk = occurrence.talk
        if talk.not_before is not None and talk.not_before.hard:
            bound = model.axis.minute(talk.not_before.day, talk.not_before.time)
            model.keep_out(occurrence, (first, bound), Requirement("not-before", talk.id))
        if talk.not_after is not None and talk.not_after.hard:
            bound = model.axis.minute(talk.not_after.day, talk.not_after.time)
            model.keep_out(occurrence, (bound, last), Requirement("not-after", talk.id))


def apart_never_at_once(model: Encoding) -> None:
    """The talks of a hard `apart` group never run at the same time: no occurrence of one overlaps
    an occurrence of another."""
    instance = model.instance
    for group in instance.apart:
        if group.hard:
            members = set(instance.apart_members[group.id])
            occurrences = [o for o in model.occurrences if o.talk.id in members]
            model.never_at_once(occurrences, requirement=Requirement("apart", group.id))


def room_changeover(model: Encoding) -> None:
    """A room with a changeover stands empty that long between two talks."""
    for room in model.instance.rooms:
        if room.changeover and room.breakout:
            model.changeover(room, Requirement("changeover", room.id))


BUILT_INTO_THE_VARIABLES = {
    "run_fits_the_day": "a slot candidate exists only for a run of consecutive slots of one day (`SlotEncoding`)",
    "talk_inside_one_breakout_window": "a window occurrence may start only on a step from which it ends "
    "by its window's end (`window_stage.read_stage`)",
}
"""Rules of the book that need no constraint: the shape's variables cannot break them."""

RULES: dict[str, Callable[[Encoding], None]] = {
    entry.id: globals()[entry.id] for entry in HARD_RULES if entry.id not in BUILT_INTO_THE_VARIABLES
}
"""The book's hard rules, each the function of its id above."""


def add_hard_rules(model: Encoding) -> None:
    """Every hard rule of the book that applies to this conference, in book order."""
    for entry in rules_for(model.instance, hard=True):
        if entry.id not in BUILT_INTO_THE_VARIABLES:
            RULES[entry.id](model)
    model.finish()

"""The hard rules, each tested directly on the schedule, one function per rule.

Every rule looks at the whole schedule and reports every breach it sees, so a planner
fixing a hand-edited grid gets the full list in one pass. A conference on breakout windows has
rules of its own (opening hours, windows, tracks) besides the shared ones. Rules other than the first only
judge placements whose talk, slot and room exist; the first reports the rest.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass

from amj_scheduler.models import FixedItem, Instance, Pin, Placement, Schedule
from amj_scheduler.models.instance import Bound, Period
from amj_scheduler.models.rulebook import HARD_RULES, rules_for

from .timing import (
    MINUTES_A_DAY,
    Span,
    absolute,
    clock_minutes,
    covers,
    day_end,
    on_day,
    overlapping_pairs,
    period_union,
)
from .tracks import track_days
from .verdicts import Violation
from .view import Placed, ScheduleView
from .wording import (
    clock_text,
    day_name,
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
        if not view.knows_slot(placement.slot):
            nothing = "is not a step of any breakout window" if view.on_windows else "no breakout slot has"
            yield Violation(
                rule,
                f"'{talk.title}' is placed in the slot id '{placement.slot}', which {nothing}.",
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
            ((p.occurrence, view.start_of(p.slot, talk)) for p in mine if view.knows_slot(p.slot)),
            key=lambda entry: entry[0],
        )
        for (number, (label, span)), (later_number, (later_label, later_span)) in itertools.pairwise(numbered):
            if number < later_number and span.absolute_start > later_span.absolute_start:
                yield Violation(
                    rule,
                    f"'{talk.title}' occurrence {later_number} ({later_label}, {span_text(instance, later_span)}) "
                    f"starts before occurrence {number} ({label}, {span_text(instance, span)}); "
                    "occurrences are numbered in clock order.",
                    (talk.id,),
                    ((talk.id, number), (talk.id, later_number)),
                )


def _clashes(view: ScheduleView, keys_of: Callable[[Placed], Iterable[Hashable]]) -> Iterator[tuple[Placed, Placed]]:
    """Pairs of placements that share a key (a room, a speaker, ...) and a minute, in schedule order."""
    groups = view.groups(keys_of).values()
    spans = [placed.span for placed in view.placed]
    for first, second in overlapping_pairs(groups, spans):
        yield view.placed[first], view.placed[second]


def occurrences_never_overlap(view: ScheduleView) -> Iterator[Violation]:
    """A repeated talk is repeated so more people can hear it: its occurrences must not overlap.

    On labelled slots the rule reads "in different slots", as planners of such a conference say it.
    """
    rule = "occurrences never overlap" if view.on_windows else "occurrences in different slots"
    for first, second in _clashes(view, lambda placed: (placed.talk.id,)):
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
    for first, second in _clashes(view, lambda placed: (placed.room.id,)):
        yield _involving(
            rule,
            f"{first.room.name} holds two talks at once: {placed_text(instance, first)} "
            f"and {placed_text(instance, second)}.",
            first,
            second,
        )
    items_in: dict[str, list[FixedItem]] = defaultdict(list)
    for item in instance.fixed_items:
        if item.room is not None:
            items_in[item.room].append(item)
    for placed in view.placed:
        for item in items_in.get(placed.room.id, ()):
            item_span = Span.of(item)
            if placed.span.overlaps(item_span):
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


def talk_inside_the_rooms_opening_hours(view: ScheduleView) -> Iterator[Violation]:
    """A room that lists opening hours holds talks only inside them; every minute of the talk counts."""
    rule = "talk inside the room's opening hours"
    instance = view.instance
    for placed in view.placed:
        if not placed.room.open:
            continue
        hours = on_day(placed.room.open, placed.span.day)
        if covers(hours, placed.span.start, placed.span.end):
            continue
        that_day = day_end(instance.breakout_windows, placed.span.day)
        hours = [(a, b) for a, b in hours if a < that_day]
        day = day_name(instance, placed.span.day)
        opening = (
            f"open for talks only {day} {', '.join(f'{clock_text(a)}-{clock_text(b)}' for a, b in hours)}"
            if hours
            else f"closed for talks on {day}"
        )
        yield _involving(rule, f"{placed_text(instance, placed)} is in {placed.room.name}, which is {opening}.", placed)


def speaker_in_one_place_at_a_time(view: ScheduleView) -> Iterator[Violation]:
    """A speaker cannot give two talks, or a talk and a fixed item they lead, at once, nor speak while away."""
    rule = "speaker in one place at a time"
    instance = view.instance
    for first, second in _clashes(view, lambda placed: placed.talk.speakers):
        shared = [s for s in first.talk.speakers if s in second.talk.speakers]
        names = name_list([speaker_name(instance, s) for s in shared])
        yield _involving(
            rule,
            f"{names} would be in two places at once: {placed_text(instance, first)} "
            f"and {placed_text(instance, second)}.",
            first,
            second,
        )
    items_led_by: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(instance.fixed_items):
        for person in item.people:
            items_led_by[person].append(index)
    for placed in view.placed:
        led = sorted({index for speaker in placed.talk.speakers for index in items_led_by.get(speaker, ())})
        for item in (instance.fixed_items[index] for index in led):
            item_span = Span.of(item)
            if placed.span.overlaps(item_span):
                leading = [s for s in placed.talk.speakers if s in item.people]
                names = name_list([speaker_name(instance, s) for s in leading])
                yield _involving(
                    rule,
                    f"{names} would give {placed_text(instance, placed)} while leading '{item.title}' "
                    f"({span_text(instance, item_span)}).",
                    placed,
                )
        for speaker_id in placed.talk.speakers:
            speaker = instance.speaker_by_id.get(speaker_id)
            if speaker is None:
                continue
            for window in speaker.unavailable:
                window_span = Span.of(window)
                if placed.span.overlaps(window_span):
                    reason = f" ({window.reason})" if window.reason else ""
                    yield _involving(
                        rule,
                        f"{speaker.name} is unavailable {span_text(instance, window_span)}{reason}, "
                        f"but gives {placed_text(instance, placed)}.",
                        placed,
                    )
    yield from _contained_talks_speakers(view, rule)


@dataclass(frozen=True)
class _Busy:
    """Minutes a placement keeps one speaker busy, and how a report names them."""

    placed: int
    span: Span
    text: str
    contained: bool


def _contained_talks_speakers(view: ScheduleView, rule: str) -> Iterator[Violation]:
    """Someone giving a talk held inside another (a lightning talk in its block) is busy for that
    talk's own minutes: not elsewhere then, but free for the rest of the block."""
    instance = view.instance
    busy: dict[str, list[_Busy]] = defaultdict(list)
    for index, placed in enumerate(view.placed):
        for nested in placed.talk.contains:
            start = placed.span.start + nested.offset
            span = Span(placed.span.day, start, start + nested.minutes)
            text = f"'{nested.title}' (in {placed_text(instance, placed)}, {clock_text(span.start)}-{clock_text(span.end)})"
            for speaker in nested.speakers:
                if speaker not in placed.talk.speakers:
                    busy[speaker].append(_Busy(index, span, text, contained=True))
    if not busy:
        return
    for index, placed in enumerate(view.placed):
        for speaker in placed.talk.speakers:
            if speaker in busy:
                busy[speaker].append(_Busy(index, placed.span, placed_text(instance, placed), contained=False))
    for speaker, records in busy.items():
        name = speaker_name(instance, speaker)
        for first, second in itertools.combinations(records, 2):
            if (
                first.placed != second.placed
                and (first.contained or second.contained)
                and first.span.overlaps(second.span)
            ):
                yield _involving(
                    rule,
                    f"{name} would be in two places at once: {first.text} and {second.text}.",
                    view.placed[first.placed],
                    view.placed[second.placed],
                )
        person = instance.speaker_by_id.get(speaker)
        away = [
            (Span.of(w), f"is unavailable{f' ({w.reason})' if w.reason else ''}")
            for w in (person.unavailable if person else ())
        ]
        away += [(Span.of(item), f"leads '{item.title}'") for item in instance.fixed_items if speaker in item.people]
        for record in records:
            for span, what in away if record.contained else ():
                if record.span.overlaps(span):
                    yield _involving(
                        rule,
                        f"{name} {what} {span_text(instance, span)}, but gives {record.text}.",
                        view.placed[record.placed],
                    )


def audience_group_never_double_booked(view: ScheduleView) -> Iterator[Violation]:
    """A group's talks are all meant for that group, so two of them at once make it miss one.

    A group that splits (`at_once: k`, breakout windows only) may have k at once; each stretch of
    minutes with more is one violation naming every talk running in it.
    """
    rule = "audience group never double-booked"
    instance = view.instance
    for first, second in _clashes(view, lambda placed: _single_group(view, placed)):
        group = first.talk.restricted_to
        audience = instance.audience_by_id.get(group) if group is not None else None
        yield _involving(
            rule,
            f"{audience.name if audience else group} has two talks at once: {placed_text(instance, first)} "
            f"and {placed_text(instance, second)}.",
            first,
            second,
        )
    for audience in instance.audiences:
        if audience.at_once == 1:
            continue
        restricted = [placed for placed in view.placed if placed.talk.restricted_to == audience.id]
        for stretch, running, most in _crowded_stretches(restricted, audience.at_once):
            yield _involving(
                rule,
                f"{audience.name} can attend at most {audience.at_once} talks at once, but has {most} "
                f"{span_text(instance, stretch)}: {name_list([placed_text(instance, p) for p in running])}.",
                *running,
            )


def _single_group(view: ScheduleView, placed: Placed) -> tuple[str, ...]:
    """The talk's audience group, when that group attends every one of its talks (no `at_once`)."""
    group = placed.talk.restricted_to
    audience = view.instance.audience_by_id.get(group) if group is not None else None
    return (group,) if group is not None and (audience is None or audience.at_once == 1) else ()


def _crowded_stretches(placed: list[Placed], allowed: int) -> Iterator[tuple[Span, list[Placed], int]]:
    """Each longest stretch of minutes in which more than `allowed` of `placed` run, with the
    placements running in it (in schedule order) and the most that run at one minute."""
    changes: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for index, span in enumerate(p.span for p in placed):
        changes[span.absolute_start].append((index, 1))
        changes[span.absolute_end].append((index, -1))
    running: set[int] = set()
    crowd: set[int] = set()
    since: int | None = None
    most = 0
    for minute, here in sorted(changes.items()):
        running |= {index for index, change in here if change > 0}
        running -= {index for index, change in here if change < 0}
        if len(running) > allowed:
            since = minute if since is None else since
            crowd |= running
            most = max(most, len(running))
        elif since is not None:
            crowded = [placed[index] for index in sorted(crowd)]
            day = min(crowded, key=lambda p: p.span.absolute_start).span.day  # told on the day it is filed under
            midnight = day.toordinal() * MINUTES_A_DAY
            yield Span(day, since - midnight, minute - midnight), crowded, most
            since, crowd, most = None, set(), 0


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
    return (
        (pin.slot is None or pin.slot == placed.placement.slot)
        and (pin.room is None or pin.room == placed.room.id)
        and (pin.day is None or pin.day == placed.span.day)
    )


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


def _pin_text(view: ScheduleView, pin: Pin) -> str:
    """ "Session I in Nicholson Hall"; on breakout windows "Saturday at 10:35", or a day: "Sat 1 Feb"."""
    instance = view.instance
    when = []
    if pin.day is not None:
        when.append(day_name(instance, pin.day))
    if pin.slot is not None:
        when.append(_start_text(view, pin.slot))
    where = [", ".join(when)] if when else []
    if pin.room is not None:
        room = instance.room_by_id.get(pin.room)
        where.append(room.name if room else pin.room)
    return " in ".join(where)


def _start_text(view: ScheduleView, slot_id: str) -> str:
    """A slot by its label; a step of a breakout window by the window's label and its time."""
    step = view.steps.steps.get(slot_id)
    if step is not None:
        return f"{step.window.label} at {clock_text(step.minute)}"
    position = view.clock.position.get(slot_id)
    return view.clock.ordered[position].label if position is not None else slot_id


def pins_honoured(view: ScheduleView) -> Iterator[Violation]:
    """Each pin is met by its own occurrence: two pins cannot both be satisfied by one placement."""
    rule = "pins honoured"
    instance = view.instance
    placements_of = view.groups(lambda placed: (placed.talk.id,))
    for talk in instance.talks:
        if not talk.pins:
            continue
        candidates = [view.placed[index] for index in placements_of.get(talk.id, ())]
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
                f"'{talk.title}' is pinned to {_pin_text(view, pin)}, but {reason}.",
                (talk.id,),
                tuple(_key(placed.placement) for placed in candidates),
            )


def run_fits_the_day(view: ScheduleView) -> Iterator[Violation]:
    """A talk of several slots takes consecutive slots of one day; it cannot run on into the next."""
    rule = "run fits the day"
    for placed in view.placed:
        if not placed.fits:
            yield _involving(
                rule,
                f"{talk_text(placed)} needs {placed.talk.length} consecutive slots from {placed.slots[0].label}, "
                f"but its day has only {len(placed.slots)} from there.",
                placed,
            )


def talk_inside_one_breakout_window(view: ScheduleView) -> Iterator[Violation]:
    """A talk starts on a step of a breakout window and ends by the window's end: never into a break,
    the next window or the next day."""
    rule = "talk inside one breakout window"
    for placed in view.placed:
        window = placed.window
        if window is not None and not placed.fits:
            end = clock_minutes(window.end)
            yield _involving(
                rule,
                f"{placed_text(view.instance, placed)} runs {placed.span.end - end} minutes past the end of "
                f"{window.label} ({clock_text(end)}).",
                placed,
            )


def track_in_its_fewest_rooms(view: ScheduleView) -> Iterator[Violation]:
    """A track whose room rule is hard uses, each day, no more rooms than its minutes need."""
    rule = "track in its fewest rooms"
    for track_day in track_days(view):
        if track_day.track.room_rule == "hard" and track_day.extra_rooms:
            rooms = name_list([room.name for room in track_day.rooms])
            yield _involving(
                rule,
                f"{track_day.track.name} uses {len(track_day.rooms)} rooms on {day_name(view.instance, track_day.day)} "
                f"({rooms}), but its {track_day.minutes} minutes need only {track_day.fewest}; "
                "its room rule is hard.",
                *track_day.placed,
            )


def allowed_rooms_only(view: ScheduleView) -> Iterator[Violation]:
    """A talk that lists allowed rooms is in one of them."""
    rule = "talk in its allowed rooms"
    instance = view.instance
    for placed in view.placed:
        allowed = placed.talk.allowed_rooms
        if allowed and placed.room.id not in allowed:
            names = name_list([instance.room_by_id[r].name for r in allowed if r in instance.room_by_id])
            yield _involving(
                rule,
                f"{placed_text(instance, placed)} is in {placed.room.name}, but may only go to {_or(names)}.",
                placed,
            )


def allowed_times_only(view: ScheduleView) -> Iterator[Violation]:
    """Each occurrence of a talk that lists allowed times lies wholly inside one of them (allowed
    times that touch or overlap count as one stretch)."""
    rule = "talk in its allowed times"
    instance = view.instance
    for placed in view.placed:
        periods = placed.talk.allowed_times
        if not periods:
            continue
        allowed = period_union(instance, periods)
        if not covers(allowed, placed.span.absolute_start, placed.span.absolute_end):
            yield _involving(
                rule,
                f"{placed_text(instance, placed)} runs outside its allowed times ({_periods(instance, periods)}).",
                placed,
            )


def not_before_not_after(view: ScheduleView) -> Iterator[Violation]:
    """A talk with a hard `not_before` starts at it or later; one with a hard `not_after` ends by it."""
    rule = "talk within its hard time bounds"
    instance = view.instance
    for placed in view.placed:
        before, after = placed.talk.not_before, placed.talk.not_after
        if before is not None and before.hard and placed.span.absolute_start < absolute(before.day, before.time):
            yield _involving(
                rule,
                f"{placed_text(instance, placed)} starts before {_moment(instance, before)}, its not_before.",
                placed,
            )
        if after is not None and after.hard and placed.span.absolute_end > absolute(after.day, after.time):
            yield _involving(
                rule,
                f"{placed_text(instance, placed)} ends after {_moment(instance, after)}, its not_after.",
                placed,
            )


def apart_never_at_once(view: ScheduleView) -> Iterator[Violation]:
    """No two talks of a hard `apart` group share a minute."""
    rule = "talks kept apart never clash"
    instance = view.instance
    groups_of: dict[str, list[str]] = defaultdict(list)
    for group in instance.apart:
        if group.hard:
            for talk_id in instance.apart_members[group.id]:
                groups_of[talk_id].append(group.id)
    for first, second in _clashes(view, lambda placed: groups_of.get(placed.talk.id, ())):
        if first.talk.id == second.talk.id:
            continue
        shared = [g for g in groups_of[first.talk.id] if g in groups_of[second.talk.id]]
        yield _involving(
            rule,
            f"{placed_text(instance, first)} and {placed_text(instance, second)} run at the same time, "
            f"but apart group {name_list(shared)} keeps them apart{_reason(instance, shared)}.",
            first,
            second,
        )


def room_changeover(view: ScheduleView) -> Iterator[Violation]:
    """Between two talks in a room with a changeover, the room stands empty at least that long."""
    rule = "room changeover between talks"
    instance = view.instance
    for room_id, indices in view.groups(lambda placed: (placed.room.id,)).items():
        changeover = instance.room_by_id[str(room_id)].changeover
        if not changeover:
            continue
        ordered = sorted(indices, key=lambda i: (view.placed[i].span.absolute_start, i))
        for earlier, later in itertools.combinations(ordered, 2):
            first, second = view.placed[earlier], view.placed[later]
            gap = second.span.absolute_start - first.span.absolute_end
            if 0 <= gap < changeover:
                yield _involving(
                    rule,
                    f"{first.room.name} stands empty {gap} minutes between {placed_text(instance, first)} and "
                    f"{placed_text(instance, second)}, but needs {changeover} minutes to change over.",
                    first,
                    second,
                )


def _or(names: str) -> str:
    """'A, B and C' read as alternatives."""
    head, _, last = names.rpartition(" and ")
    return f"{head} or {last}" if head else names


def _periods(instance: Instance, periods: tuple[Period, ...]) -> str:
    texts = []
    for period in periods:
        when = f"{clock_text(period.start)}-{clock_text(period.end)}"
        texts.append(f"{day_name(instance, period.day)} {when}" if period.day is not None else f"{when} every day")
    return ", ".join(texts)


def _moment(instance: Instance, bound: Bound) -> str:
    return f"{day_name(instance, bound.day)} {clock_text(bound.time)}"


def _reason(instance: Instance, group_ids: list[str]) -> str:
    reasons = [group.reason for group in instance.apart if group.id in group_ids and group.reason]
    return f" ({'; '.join(reasons)})" if reasons else ""


RULES: dict[str, Rule] = {entry.id: globals()[entry.id] for entry in HARD_RULES}
"""Every hard rule of the book, the function of its id above; the book says which apply to which conference."""


def find_violations(instance: Instance, schedule: Schedule) -> list[Violation]:
    """Every breach of every hard rule, rule by rule in the order above, then in schedule order."""
    view = ScheduleView.build(instance, schedule)
    return [violation for entry in rules_for(instance, hard=True) for violation in RULES[entry.id](view)]

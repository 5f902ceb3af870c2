"""The soft-rule costs, computed from the schedule by their written formulas.

The solver's objective must equal `SoftScore.total` to the point; each rule also lists who
pays and why, so a planner can see what a cost buys.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable

from amj_scheduler.models import Instance, Schedule
from amj_scheduler.models.rulebook import SOFT_RULES, rules_for

from .attendees import clashing_pairs, wish_lists
from .timing import absolute, covers, period_union
from .tracks import track_days
from .verdicts import CostItem, RuleCost, SoftScore
from .view import Placed, ScheduleView
from .wording import clock_text, day_name, name_list, placed_text, speaker_name, when_text

Items = Callable[[ScheduleView, int], Iterable[CostItem]]


def repeat_room_change(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per repeated talk: weight * (distinct rooms - 1), so regulars find it where they found it before."""
    placements_of: dict[str, list[Placed]] = defaultdict(list)
    for placed in view.placed:
        placements_of[placed.talk.id].append(placed)
    for talk in view.instance.talks:
        uses: dict[str, list[Placed]] = defaultdict(list)
        for placed in sorted(placements_of[talk.id], key=lambda placed: placed.placement.occurrence):
            uses[placed.room.id].append(placed)
        if talk.occurrences >= 2 and len(uses) > 1:
            rooms = [
                held[0].room.name if len(held) == 1 else f"{held[0].room.name} ({len(held)} occurrences)"
                for held in uses.values()
            ]
            yield CostItem(talk.title, weight * (len(uses) - 1), name_list(rooms))


def speaker_idle_slot(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per speaker with two or more placements: weight * slots between their first and last not taken by them.

    Slots are counted in the clock order of all breakout slots across all days.
    """
    talks_of: dict[str, list[Placed]] = defaultdict(list)
    for placed in view.placed:
        for speaker in placed.talk.speakers:
            talks_of[speaker].append(placed)
    for speaker, mine in talks_of.items():
        if len(mine) < 2:
            continue
        covered = {view.clock.position[slot.id] for placed in mine for slot in placed.slots}
        first, last = min(covered), max(covered)
        idle = last - first + 1 - len(covered)
        if idle:
            yield CostItem(
                speaker_name(view.instance, speaker),
                weight * idle,
                f"{idle} idle slot{'s' if idle != 1 else ''} between "
                f"{view.clock.ordered[first].label} and {view.clock.ordered[last].label}",
            )


def _people(view: ScheduleView) -> Iterable[tuple[Placed, int, str]]:
    """Each placement with who comes and how that is known. On labelled slots a wished talk has
    those the cheapest choice of who goes where sends there (`checker.attendees`); elsewhere, its
    wishers shared among its occurrences (rounded up) when someone wished for it, else the estimate."""
    attendance = view.attendance
    wishers = view.instance.attendee_wishes.wishers if view.instance.attendee_wishes is not None else {}
    for index, placed in enumerate(view.placed):
        talk = placed.talk
        if attendance is not None and not view.on_windows and talk.id in attendance.wished:
            yield placed, attendance.going.get(index, 0), "going (they wished for it)"
        elif wishers.get(talk.id):
            yield placed, -(-wishers[talk.id] // talk.occurrences), "expected (its wishers over its occurrences)"
        else:
            yield placed, talk.expected_attendance, "expected"


def seat_gaps(instance: Instance, schedule: Schedule) -> tuple[int, int]:
    """(people without a seat, empty seats) summed over the placements: the seat costs before weighting."""
    short = empty = 0
    for placed, people, _ in _people(ScheduleView.build(instance, schedule)):
        short += max(0, people - placed.room.capacity)
        empty += max(0, placed.room.capacity - people)
    return short, empty


def _seats(placed: Placed, people: int, how: str, view: ScheduleView) -> str:
    return f"{people} {how}, {placed.room.capacity} seats in {placed.room.name}, {when_text(view.instance, placed)}"


def seat_short(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per placement: weight * people without a seat."""
    for placed, people, how in _people(view):
        short = people - placed.room.capacity
        if short > 0:
            yield CostItem(placed.talk.title, weight * short, _seats(placed, people, how, view))


def seat_empty(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per placement: weight * empty seats, so small talks do not take the big halls."""
    for placed, people, how in _people(view):
        empty = placed.room.capacity - people
        if empty > 0:
            yield CostItem(placed.talk.title, weight * empty, _seats(placed, people, how, view))


def choice_imbalance(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """weight * (open talks in the busiest slot - open talks in the emptiest), every breakout slot counted.

    Open talks are those with no audience restriction; a talk counts in every slot it takes.
    The cost belongs to no one talk, so it is one item under the busiest slot's label.
    """
    open_talks = {slot.id: 0 for slot in view.clock.ordered}
    for placed in view.placed:
        if placed.talk.restricted_to is None:
            for slot in placed.slots:
                open_talks[slot.id] += 1
    busiest = max(view.clock.ordered, key=lambda slot: open_talks[slot.id])
    emptiest = min(view.clock.ordered, key=lambda slot: open_talks[slot.id])
    spread = open_talks[busiest.id] - open_talks[emptiest.id]
    if spread:
        yield CostItem(
            busiest.label,
            weight * spread,
            f"{open_talks[busiest.id]} open talks, against {open_talks[emptiest.id]} in {emptiest.label}",
        )


def track_extra_room(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per track and day: weight * (rooms it uses - the fewest its minutes allow), see `checker.tracks`."""
    for track_day in track_days(view):
        if track_day.extra_rooms:
            rooms = name_list([room.name for room in track_day.rooms])
            yield CostItem(
                track_day.track.name,
                weight * track_day.extra_rooms,
                f"{day_name(view.instance, track_day.day)}: {len(track_day.rooms)} rooms ({rooms}); "
                f"its {track_day.minutes} minutes fit in {track_day.fewest} "
                f"(a room holds at most {track_day.longest} minutes of talks that day)",
            )


def track_gap_minute(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per track, day and room: weight * minutes the room stands empty between consecutive talks of the track."""
    for track_day in track_days(view):
        for room in track_day.rooms:
            gaps = track_day.gaps(room)
            empty = sum(gap.end - gap.start for gap in gaps)
            if empty:
                stretches = name_list([f"{clock_text(gap.start)}-{clock_text(gap.end)}" for gap in gaps])
                yield CostItem(
                    track_day.track.name,
                    weight * empty,
                    f"{day_name(view.instance, track_day.day)} in {room.name}: empty {stretches} ({empty} minutes)",
                )


def speaker_preferred_time(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per speaker with preferred times: weight * occurrences they give not wholly inside one of
    them (preferred times that touch or overlap count as one stretch)."""
    instance = view.instance
    for speaker in instance.speakers:
        if speaker.prefers:
            liked = period_union(instance, speaker.prefers)
            for placed in view.placed:
                if speaker.id in placed.talk.speakers and not covers(
                    liked, placed.span.absolute_start, placed.span.absolute_end
                ):
                    yield CostItem(
                        speaker.name, weight, f"gives {placed_text(instance, placed)} outside their preferred times"
                    )


def speaker_avoided_time(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per speaker with avoided times: weight * occurrences they give that share a minute with one."""
    instance = view.instance
    for speaker in instance.speakers:
        if speaker.avoids:
            avoided = period_union(instance, speaker.avoids)
            for placed in view.placed:
                span = placed.span
                if speaker.id in placed.talk.speakers and any(
                    span.absolute_start < end and start < span.absolute_end for start, end in avoided
                ):
                    yield CostItem(speaker.name, weight, f"gives {placed_text(instance, placed)} in a time they avoid")


def room_not_preferred(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per placement of a talk with preferred rooms, in none of them: weight."""
    instance = view.instance
    for placed in view.placed:
        preferred = placed.talk.preferred_rooms
        if preferred and placed.room.id not in preferred:
            names = name_list([instance.room_by_id[r].name for r in preferred if r in instance.room_by_id])
            yield CostItem(
                placed.talk.title, weight, f"in {placed.room.name}, {when_text(instance, placed)}; it prefers {names}"
            )


def room_avoided(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per placement in one of its talk's avoided rooms: weight."""
    for placed in view.placed:
        if placed.room.id in placed.talk.avoided_rooms:
            yield CostItem(
                placed.talk.title, weight, f"in {placed.room.name}, which it avoids, {when_text(view.instance, placed)}"
            )


def early_or_late_minute(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per placement: weight * (minutes it starts before its soft not_before + minutes it ends after its soft not_after)."""
    instance = view.instance
    for placed in view.placed:
        before, after = placed.talk.not_before, placed.talk.not_after
        early = late = 0
        if before is not None and not before.hard:
            early = max(0, absolute(before.day, before.time) - placed.span.absolute_start)
        if after is not None and not after.hard:
            late = max(0, placed.span.absolute_end - absolute(after.day, after.time))
        if early or late:
            how = f"{early} minutes before its not_before" if early else f"{late} minutes past its not_after"
            yield CostItem(placed.talk.title, weight * (early + late), f"{when_text(instance, placed)}: {how}")


def apart_clash(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per soft apart group: weight * pairs of placements of different talks of it that share a minute."""
    instance = view.instance
    for group in instance.apart:
        if group.hard:
            continue
        members = set(instance.apart_members[group.id])
        placed = [p for p in view.placed if p.talk.id in members]
        for first, second in itertools.combinations(placed, 2):
            if first.talk.id != second.talk.id and first.span.overlaps(second.span):
                yield CostItem(
                    f"apart group {group.id}",
                    weight,
                    f"{placed_text(instance, first)} and {placed_text(instance, second)} run at the same time",
                )


def wish_missed(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per wished talk: weight * the wish weight of the attendees who do not go to it, each attendee
    taking the best occurrence of each repeated talk and one thing at a time (`checker.attendees`)."""
    attendance = view.attendance
    if attendance is None:
        return
    instance = view.instance
    wishers = instance.attendee_wishes.wishers if instance.attendee_wishes is not None else {}
    for talk_id, missed in attendance.missed.items():
        if missed:
            missing = attendance.missed_by[talk_id]
            yield CostItem(
                instance.talk_by_id[talk_id].title,
                weight * missed,
                f"{missing} of the {wishers[talk_id]} attendees who wished for it cannot go",
            )


def wish_clash(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per two wished talks no attendee can both attend: weight * Σ over the attendees wishing for
    both of the lighter of their two wishes."""
    for clash in clashing_pairs(view, wish_lists(view.instance)):
        first, second = clash.titles
        yield CostItem(f"'{first}' and '{second}'", weight * clash.weight, f"{clash.attendees} attendees wish for both")


RULES: dict[str, Items] = {entry.id: globals()[entry.id] for entry in SOFT_RULES}
"""Every soft rule of the book, the function of its id above (also its key in `weights:`)."""


def score_schedule(instance: Instance, schedule: Schedule) -> SoftScore:
    """The cost of every soft rule and their sum; placements naming unknown ids are left out."""
    view = ScheduleView.build(instance, schedule)
    rules = []
    for entry in rules_for(instance, hard=False):
        weight = getattr(instance.weights, entry.id)
        nonzero = (item for item in RULES[entry.id](view, weight) if item.cost)
        items = tuple(sorted(nonzero, key=lambda item: (-item.cost, item.subject, item.detail)))
        rules.append(RuleCost(entry.id, entry.name, weight, sum(item.cost for item in items), items))
    return SoftScore(sum(rule.cost for rule in rules), tuple(rules))

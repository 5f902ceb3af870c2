"""The soft-rule costs, computed from the schedule by their written formulas.

The solver's objective must equal `SoftScore.total` to the point; each rule also lists who
pays and why, so a planner can see what a cost buys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from amj_scheduler.models import Instance, Schedule
from amj_scheduler.models.rulebook import SOFT_RULES, rules_for

from .tracks import track_days
from .verdicts import CostItem, RuleCost, SoftScore
from .view import Placed, ScheduleView
from .wording import clock_text, day_name, name_list, speaker_name, when_text

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


def _seats(placed: Placed, view: ScheduleView) -> str:
    return (
        f"{placed.talk.expected_attendance} expected, {placed.room.capacity} seats in {placed.room.name}, "
        f"{when_text(view.instance, placed)}"
    )


def seat_short(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per placement: weight * expected attendees without a seat."""
    for placed in view.placed:
        short = placed.talk.expected_attendance - placed.room.capacity
        if short > 0:
            yield CostItem(placed.talk.title, weight * short, _seats(placed, view))


def seat_empty(view: ScheduleView, weight: int) -> Iterable[CostItem]:
    """Per placement: weight * empty seats, so small talks do not take the big halls."""
    for placed in view.placed:
        empty = placed.room.capacity - placed.talk.expected_attendance
        if empty > 0:
            yield CostItem(placed.talk.title, weight * empty, _seats(placed, view))


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

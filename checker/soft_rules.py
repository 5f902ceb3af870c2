"""The soft-rule costs, computed from the schedule by their written formulas.

The solver's objective must equal `SoftScore.total` to the point; each rule also lists who
pays and why, so a planner can see what a cost buys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from amj_scheduler.models import Instance, Schedule

from .verdicts import CostItem, RuleCost, SoftScore
from .view import Placed, ScheduleView
from .wording import name_list, speaker_name, when_text

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


SOFT_RULES: tuple[tuple[str, str, Items], ...] = (
    ("repeat_room_change", "a repeated talk keeps its room", repeat_room_change),
    ("speaker_idle_slot", "a speaker's talks are close together", speaker_idle_slot),
    ("seat_short", "enough seats", seat_short),
    ("seat_empty", "few empty seats", seat_empty),
    ("choice_imbalance", "every slot offers similar choice", choice_imbalance),
)


def score_schedule(instance: Instance, schedule: Schedule) -> SoftScore:
    """The cost of every soft rule and their sum; placements naming unknown ids are left out."""
    view = ScheduleView.build(instance, schedule)
    rules = []
    for rule, label, items_of in SOFT_RULES:
        weight = getattr(instance.weights, rule)
        nonzero = (item for item in items_of(view, weight) if item.cost)
        items = tuple(sorted(nonzero, key=lambda item: (-item.cost, item.subject, item.detail)))
        rules.append(RuleCost(rule, label, weight, sum(item.cost for item in items), items))
    return SoftScore(sum(rule.cost for rule in rules), tuple(rules))

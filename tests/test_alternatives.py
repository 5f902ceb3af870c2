"""Alternatives: several genuinely different good schedules, best first, for planners to compare.

A planner compares grids as printed: which talk runs when, and in what kind of room. Two
rooms alike in everything but their name and id (AMJ 2010's Southgate 104 and 112) cannot be
told apart, so a grid that only swaps their contents is the same grid; a room that holds a
fixed item or is named by a pin can be told apart, since those would not follow a swap.
These tests judge each alternative with the independent checker, and count differences with
their own notion of alike rooms, not with the solver's helper.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations, permutations
from pathlib import Path
from typing import Any

import pytest
from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.models import Instance, Room, Schedule, load_instance
from amj_scheduler.planning import Plan, plan_alternatives
from amj_scheduler.solver import SolveOptions
from amj_scheduler.solver.alternatives import AlternativeOptions

from .builders import THU, fixed, instance, talk

INSTANCE_2010 = Path(__file__).resolve().parents[1] / "instances" / "2010.yaml"
OPTIONS = SolveOptions(time_limit=10)
ONE_SLOT = [{"id": "s1", "label": "Session I", "day": THU, "start": "10:00", "end": "11:00"}]


def alike(instance: Instance, room: Room) -> str:
    """What a planner tells rooms apart by: everything but the name and id (features in any
    order), unless a fixed item or a pin ties something to this very room."""
    if any(item.room == room.id for item in instance.fixed_items) or any(
        pin.room == room.id for t in instance.talks for pin in t.pins
    ):
        return room.id
    seen = room.model_dump(mode="json", exclude={"id", "name"})
    seen["features"] = sorted(seen["features"])
    return json.dumps(seen, sort_keys=True)


def as_printed(instance: Instance, schedule: Schedule) -> set[tuple[str, str, str]]:
    """(talk, slot, kind of room) of every placement: a schedule as a planner compares it."""
    return {(p.talk, p.slot, alike(instance, instance.room_by_id[p.room])) for p in schedule.placements}


def differences(instance: Instance, one: Schedule, other: Schedule) -> int:
    """Placements of `other` that `one` does not have, alike rooms counting as one."""
    return len(as_printed(instance, other) - as_printed(instance, one))


def schedules(instance: Instance, plans: list[Plan]) -> list[Schedule]:
    """Each plan's schedule, once the checker accepts it and scores it as the solver did."""
    found = []
    for planned in plans:
        schedule = planned.outcome.schedule
        assert schedule is not None, planned.outcome.status
        assert find_violations(instance, schedule) == []
        assert planned.outcome.objective == score_schedule(instance, schedule).total
        found.append(schedule)
    return found


def starts(schedule: Schedule) -> Counter[tuple[str, str]]:
    return Counter((p.talk, p.slot) for p in schedule.placements)


@pytest.fixture(scope="module")
def amj() -> Instance:
    return load_instance(INSTANCE_2010)


@pytest.fixture(scope="module")
def five_of_2010(amj: Instance) -> list[Plan]:
    return plan_alternatives(amj, OPTIONS, AlternativeOptions(count=5, tolerance_percent=10, min_changes=2)).plans


# --- AMJ 2010 --------------------------------------------------------------------------------


def test_2010_gives_five_checked_alternatives_within_ten_percent_best_first(
    amj: Instance, five_of_2010: list[Plan]
) -> None:
    assert len(schedules(amj, five_of_2010)) == 5
    assert five_of_2010[0].outcome.status == "optimal"
    costs = [planned.outcome.objective for planned in five_of_2010 if planned.outcome.objective is not None]
    assert len(costs) == 5
    assert all(cost * 100 <= costs[0] * 110 for cost in costs), costs
    assert costs == sorted(costs)


def test_2010_alternatives_differ_pairwise_and_never_by_swapping_alike_rooms(
    amj: Instance, five_of_2010: list[Plan]
) -> None:
    """Southgate 104 and 112 are alike: a swap of their contents alone would count 0 differences here."""
    southgates = [room for room in amj.rooms if room.id in ("southgate-104", "southgate-112")]
    assert alike(amj, southgates[0]) == alike(amj, southgates[1])
    found = schedules(amj, five_of_2010)
    for one, other in combinations(found, 2):
        assert differences(amj, one, other) >= 2
        assert differences(amj, other, one) >= 2


def test_2010_alternatives_keep_the_best_schedules_slots_by_default(amj: Instance, five_of_2010: list[Plan]) -> None:
    """vary_slots=False (the default): the question is "which rooms?", so every talk keeps its sessions."""
    best, *others = schedules(amj, five_of_2010)
    for schedule in others:
        assert starts(schedule) == starts(best)


def test_2010_alternatives_name_alike_rooms_as_the_best_does(amj: Instance, five_of_2010: list[Plan]) -> None:
    """An alternative that puts a talk in Southgate 112 where the best had it in the alike
    Southgate 104 shows a change no planner would notice: renaming alike rooms consistently
    must never make an alternative agree with the best in more placements."""
    best, *others = schedules(amj, five_of_2010)
    groups: dict[str, list[str]] = {}
    for room in amj.rooms:
        groups.setdefault(alike(amj, room), []).append(room.id)
    alike_groups = [rooms for rooms in groups.values() if len(rooms) > 1]
    assert alike_groups == [["southgate-104", "southgate-112"]]
    in_best = {(p.talk, p.slot, p.room) for p in best.placements}
    for schedule in others:
        agreeing = len({(p.talk, p.slot, p.room) for p in schedule.placements} & in_best)
        for rooms in alike_groups:
            for image in permutations(rooms):
                rename = dict(zip(rooms, image, strict=False))
                renamed = {(p.talk, p.slot, rename.get(p.room, p.room)) for p in schedule.placements}
                assert len(renamed & in_best) <= agreeing


# --- small conferences ------------------------------------------------------------------------


def two_classrooms(second_capacity: int) -> list[dict[str, Any]]:
    """Two 30-seat classrooms of one building, alike unless the second gets another capacity."""
    return [
        {
            "id": f"room-{number}",
            "name": f"Southgate 10{number}",
            "capacity": capacity,
            "area": "Southgate",
            "features": ["whiteboard"],
        }
        for number, capacity in ((4, 30), (6, second_capacity))
    ]


@pytest.mark.parametrize(
    "second_capacity, fixed_items, expected",
    [
        (30, [], 1),
        (31, [], 2),
        (30, [fixed("choir-practice", "08:00", "09:00", room="room-6")], 2),
    ],
    ids=["alike-rooms", "one-more-seat", "fixed-item-in-one"],
)
def test_swapping_two_alike_rooms_is_not_an_alternative(
    second_capacity: int, fixed_items: list[dict[str, Any]], expected: int
) -> None:
    """Two talks, one slot, two rooms: the only other grid swaps the rooms. With alike rooms that
    is the same grid, so only the best comes back. One extra seat, or a fixed item held in one of
    them before the talks, tells the rooms apart, and the swap becomes a second grid."""
    conference = instance(
        rooms=two_classrooms(second_capacity),
        breakout_slots=ONE_SLOT,
        fixed_items=fixed_items,
        talks=[talk("modal-counterpoint"), talk("sight-singing", speakers=["bo"])],
    )
    plans = plan_alternatives(conference, OPTIONS, AlternativeOptions(count=3, tolerance_percent=0)).plans
    found = schedules(conference, plans)
    assert len(found) == expected
    for one, other in combinations(found, 2):
        assert differences(conference, one, other) >= 1


@pytest.mark.parametrize("vary_slots, expected", [(False, 1), (True, 2)], ids=["slots-kept", "slots-varied"])
def test_vary_slots_lets_alternatives_move_talks_to_other_slots(vary_slots: bool, expected: int) -> None:
    """One room, two slots, two talks by different speakers, equally good either way round: only
    varying slots gives a second grid, and it swaps the talks' sessions."""
    conference = instance(
        rooms=two_classrooms(30)[:1],
        breakout_slots=[*ONE_SLOT, {"id": "s2", "label": "Session II", "day": THU, "start": "11:15", "end": "12:15"}],
        talks=[talk("modal-counterpoint"), talk("sight-singing", speakers=["bo"])],
    )
    plans = plan_alternatives(
        conference, OPTIONS, AlternativeOptions(count=3, tolerance_percent=0, vary_slots=vary_slots)
    ).plans
    found = schedules(conference, plans)
    assert len(found) == expected
    if vary_slots:
        best, other = found
        assert {p.talk: p.slot for p in other.placements} == {
            p.talk: ("s2" if p.slot == "s1" else "s1") for p in best.placements
        }


def big_band_and_a_small_talk() -> Instance:
    """One slot, the hall and two alike classrooms. As printed, three grids exist: the big band in
    the hall (cost 10: 5 empty seats each), both talks in classrooms (25 people short x 10 + 5
    empty seats = 255), and the small talk in the hall (250 + 35 empty seats = 285)."""
    return instance(
        rooms=[{"id": "hall", "name": "Nicholson Hall", "capacity": 60}, *two_classrooms(30)],
        breakout_slots=ONE_SLOT,
        talks=[
            talk("modal-counterpoint", expected_attendance=25),
            talk("big-band", speakers=["bo"], expected_attendance=55),
        ],
    )


@pytest.mark.parametrize(
    "tolerance, objectives",
    [(0, [10]), (2450, [10, 255]), (5000, [10, 255, 285])],
    ids=["tolerance-0", "ceiling-exactly-255", "tolerance-5000"],
)
def test_tolerance_admits_exactly_the_grids_within_it(tolerance: float, objectives: list[int]) -> None:
    """Tolerance 0 returns only the best, unique up to the classroom swap. 2450 % of 10 is 245,
    so the ceiling is exactly 255: that grid is admitted, 285 is not. However large the
    tolerance, no fourth grid comes back though four are asked for."""
    conference = big_band_and_a_small_talk()
    plans = plan_alternatives(conference, OPTIONS, AlternativeOptions(count=4, tolerance_percent=tolerance)).plans
    found = schedules(conference, plans)
    assert [planned.outcome.objective for planned in plans] == objectives
    assert ("big-band", "s1", "hall") in {(p.talk, p.slot, p.room) for p in found[0].placements}


def test_min_changes_skips_grids_that_differ_in_too_few_placements() -> None:
    """Both talks in classrooms differs from the best only in where the big band is, so with
    min_changes 2 the next grid is the one that moves both talks."""
    conference = big_band_and_a_small_talk()
    plans = plan_alternatives(
        conference, OPTIONS, AlternativeOptions(count=4, tolerance_percent=5000, min_changes=2)
    ).plans
    best, other = schedules(conference, plans)
    assert [planned.outcome.objective for planned in plans] == [10, 285]
    assert differences(conference, best, other) == 2

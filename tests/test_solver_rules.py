"""The solver's rules, each shown on a small conference where the rule changes the answer.

Every schedule the solver returns is also judged by the independent checker: no violations,
and the solver's objective equals the checker's soft-rule total.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from amj_scheduler.checker import RuleCost, find_violations, score_schedule
from amj_scheduler.models import Instance, Schedule, load_instance
from amj_scheduler.models.requirements import Requirement
from amj_scheduler.solver import SolveOptions, SolveOutcome, find_impossibilities, solve

from .builders import FRI, THU, fixed, instance, talk

AMJ_2010 = Path(__file__).parents[1] / "instances" / "2010.yaml"

# The builder's slots and rooms, for tests that shrink the grid to what they need.
S1 = {"id": "s1", "label": "Session I", "day": THU, "start": "10:00", "end": "11:00"}
S2 = {"id": "s2", "label": "Session II", "day": THU, "start": "11:15", "end": "12:15"}
S3 = {"id": "s3", "label": "Session III", "day": THU, "start": "14:00", "end": "15:00"}
S4 = {"id": "s4", "label": "Session IV", "day": FRI, "start": "10:00", "end": "11:00"}
DURING_S1 = {"day": THU, "start": "10:00", "end": "11:00"}
DURING_S2 = {"day": THU, "start": "11:15", "end": "12:15"}


def room(room_id: str, capacity: int, **fields: Any) -> dict[str, Any]:
    return {"id": room_id, "name": room_id.replace("-", " ").title(), "capacity": capacity} | fields


HALL = room("hall", 60, features=["piano"], name="Nicholson Hall")
MOD1 = room("mod1", 30, features=["projector"], name="Modular I")
MOD2 = room("mod2", 30, name="Modular II")


# --- helpers --------------------------------------------------------------------------------


def checked_outcome(conference: Instance, **options: Any) -> SolveOutcome:
    """Solve to proven optimality; the checker must find nothing wrong and agree on the cost."""
    outcome = solve(conference, SolveOptions(time_limit=10, **options))
    assert outcome.status == "optimal", outcome
    assert outcome.schedule is not None
    assert find_violations(conference, outcome.schedule) == []
    assert score_schedule(conference, outcome.schedule).total == outcome.objective
    return outcome


def solved(conference: Instance, **options: Any) -> Schedule:
    return checked_outcome(conference, **options).schedule  # type: ignore[return-value]


def where(plan: Schedule, talk_id: str) -> list[tuple[str, str]]:
    """(slot, room) of each occurrence of a talk, by occurrence number."""
    mine = sorted((p for p in plan.placements if p.talk == talk_id), key=lambda p: p.occurrence)
    return [(p.slot, p.room) for p in mine]


def slots_of(plan: Schedule, talk_id: str) -> list[str]:
    return [slot for slot, _ in where(plan, talk_id)]


def rooms_of(plan: Schedule, talk_id: str) -> list[str]:
    return [room_id for _, room_id in where(plan, talk_id)]


def cost_of(conference: Instance, plan: Schedule, rule: str) -> RuleCost:
    return next(item for item in score_schedule(conference, plan).rules if item.rule == rule)


def infeasible_because(conference: Instance) -> list[str]:
    """The prechecks' messages, which must also be what `solve` reports, without a schedule."""
    found = find_impossibilities(conference)
    outcome = solve(conference, SolveOptions(time_limit=10))
    assert outcome.status == "infeasible"
    assert outcome.schedule is None
    assert outcome.impossibilities == found
    return found


def two_slots_three_rooms(**fields: Any) -> Instance:
    """Sessions I and II, three breakout rooms: room to put every talk of a slot side by side."""
    return instance(breakout_slots=[S1, S2], rooms=[HALL, MOD1, MOD2], **fields)


# --- every occurrence placed once, repeats in different slots --------------------------------


def test_every_occurrence_of_every_talk_is_placed_once_and_numbered_in_clock_order() -> None:
    conference = instance(
        talks=[
            talk("modal-counterpoint", occurrences=3),
            talk("hymn-writing", speakers=["bo"], occurrences=2, pins=[{"slot": "s4"}]),
            talk("chant-workshop", speakers=["cy"], length=2),
        ]
    )
    plan = solved(conference)
    position = {slot.id: i for i, slot in enumerate(conference.slots_in_order)}
    assert Counter(p.talk for p in plan.placements) == {t.id: t.occurrences for t in conference.talks}
    for t in conference.talks:
        numbers = sorted(p.occurrence for p in plan.placements if p.talk == t.id)
        assert numbers == list(range(1, t.occurrences + 1))
        clock = [position[slot] for slot in slots_of(plan, t.id)]
        assert clock == sorted(clock) and len(set(clock)) == len(clock)
    # The pinned occurrence is in the last slot, so it is the second one given, whatever its pin's order.
    assert slots_of(plan, "hymn-writing")[1] == "s4"


def test_repeated_talk_never_shares_a_slot_with_itself() -> None:
    # Two open talks sit in Session I; putting both occurrences in Session II would balance the
    # choice perfectly, so only the hard rules keep them apart. (Every talk has a speaker, so
    # "a speaker is in one place at a time" forbids this too; dropping both rules breaks this test.)
    conference = two_slots_three_rooms(
        talks=[
            talk("modal-counterpoint", occurrences=2),
            talk("hymn-writing", speakers=["bo"], pins=[{"slot": "s1"}]),
            talk("psalm-tones", speakers=["cy"], pins=[{"slot": "s1"}]),
        ]
    )
    plan = solved(conference)
    assert slots_of(plan, "modal-counterpoint") == ["s1", "s2"]


# --- a room holds one thing at a time, by clock time --------------------------------------------


def test_two_talks_never_share_a_room_at_once() -> None:
    conference = instance(
        breakout_slots=[S1],
        talks=[
            talk("modal-counterpoint", expected_attendance=60),
            talk("hymn-writing", speakers=["bo"], expected_attendance=60),
        ],
    )
    plan = solved(conference)
    assert sorted(rooms_of(plan, "modal-counterpoint") + rooms_of(plan, "hymn-writing")) == ["hall", "mod1"]


def test_fixed_item_sharing_ten_minutes_with_a_slot_makes_its_room_unusable_then() -> None:
    conference = instance(
        breakout_slots=[S1],
        fixed_items=[fixed("rehearsal", "10:50", "12:00", room="hall")],
        talks=[talk("modal-counterpoint", expected_attendance=60)],
    )
    assert where(solved(conference), "modal-counterpoint") == [("s1", "mod1")]


def test_fixed_item_that_only_touches_a_slot_leaves_its_room_free() -> None:
    conference = instance(
        breakout_slots=[S1],
        fixed_items=[fixed("rehearsal", "11:00", "12:00", room="hall")],
        talks=[talk("modal-counterpoint", expected_attendance=60)],
    )
    assert where(solved(conference), "modal-counterpoint") == [("s1", "hall")]


def test_fixed_item_at_the_same_clock_time_on_another_day_leaves_the_room_free() -> None:
    conference = instance(
        breakout_slots=[S1],
        fixed_items=[fixed("rehearsal", "10:00", "11:00", room="hall", day=FRI)],
        talks=[talk("modal-counterpoint", expected_attendance=60)],
    )
    assert where(solved(conference), "modal-counterpoint") == [("s1", "hall")]


def test_two_slot_talk_takes_the_break_between_its_slots() -> None:
    # 11:00-11:15 only touches Session I and Session II, but a workshop over both runs through it.
    break_in_hall = fixed("organ-tuning", "11:00", "11:15", room="hall")
    workshop = instance(
        breakout_slots=[S1, S2],
        fixed_items=[break_in_hall],
        talks=[talk("chant-workshop", expected_attendance=60, length=2)],
    )
    assert where(solved(workshop), "chant-workshop") == [("s1", "mod1")]
    one_slot_talk = instance(
        breakout_slots=[S1, S2],
        fixed_items=[break_in_hall],
        talks=[talk("modal-counterpoint", expected_attendance=60)],
    )
    assert rooms_of(solved(one_slot_talk), "modal-counterpoint") == ["hall"]


def test_two_slot_talk_keeps_its_room_through_its_second_slot() -> None:
    conference = instance(
        breakout_slots=[S1, S2],
        talks=[
            talk("chant-workshop", expected_attendance=60, length=2, pins=[{"room": "hall"}]),
            talk("hymn-writing", speakers=["bo"], expected_attendance=60),
        ],
    )
    plan = solved(conference)
    assert where(plan, "chant-workshop") == [("s1", "hall")]
    assert rooms_of(plan, "hymn-writing") == ["mod1"]


def best_room_unavailable(start: str, end: str) -> Instance:
    """A 60-person talk in Session I or II; the hall, its size, is away from `start` to `end` on Thursday."""
    away = {"day": THU, "start": start, "end": end, "reason": "piano tuning"}
    return instance(
        breakout_slots=[S1, S2],
        rooms=[HALL | {"unavailable": [away]}, MOD1],
        talks=[talk("modal-counterpoint", expected_attendance=60)],
    )


def test_room_is_not_used_while_unavailable_even_for_ten_minutes_of_a_slot() -> None:
    # 10:50-11:25 takes the last ten minutes of Session I and the first ten of Session II.
    assert rooms_of(solved(best_room_unavailable("10:50", "11:25")), "modal-counterpoint") == ["mod1"]


def test_room_unavailable_only_between_slots_is_still_used() -> None:
    assert rooms_of(solved(best_room_unavailable("11:00", "11:15")), "modal-counterpoint") == ["hall"]


def test_non_breakout_room_never_holds_a_talk_even_when_it_fits_best() -> None:
    conference = instance(talks=[talk("modal-counterpoint", expected_attendance=300)])
    plan = solved(conference)
    assert rooms_of(plan, "modal-counterpoint") == ["hall"]
    assert all(p.room != "sanct" for p in plan.placements)


# --- a speaker is in one place at a time ---------------------------------------------------------


def with_session_ii_taken_by_bo_and_cy(*ann_talks: dict[str, Any], **fields: Any) -> Instance:
    """Bo and Cy speak in Session II, so balanced choice and seats pull Ann's talks into Session I."""
    return two_slots_three_rooms(
        talks=[
            *ann_talks,
            talk("hymn-writing", speakers=["bo"], pins=[{"slot": "s2"}]),
            talk("psalm-tones", speakers=["cy"], pins=[{"slot": "s2"}]),
        ],
        **fields,
    )


def test_free_speaker_goes_where_the_choice_is_thin() -> None:
    """The baseline of the tests below: with nothing in her way, Ann speaks in Session I."""
    plan = solved(with_session_ii_taken_by_bo_and_cy(talk("modal-counterpoint")))
    assert slots_of(plan, "modal-counterpoint") == ["s1"]


def test_two_talks_by_one_speaker_never_overlap() -> None:
    plan = solved(with_session_ii_taken_by_bo_and_cy(talk("modal-counterpoint"), talk("figured-bass")))
    assert sorted(slots_of(plan, "modal-counterpoint") + slots_of(plan, "figured-bass")) == ["s1", "s2"]


def test_co_speaker_cannot_give_two_talks_at_once() -> None:
    conference = with_session_ii_taken_by_bo_and_cy(
        talk("modal-counterpoint"),
        talk("figured-bass", speakers=["dee", "ann"]),
        speakers=[
            {"id": "ann", "name": "Ann Lee"},
            {"id": "bo", "name": "Bo Chen"},
            {"id": "cy", "name": "Cy Diaz"},
            {"id": "dee", "name": "Dee Park"},
        ],
    )
    plan = solved(conference)
    assert sorted(slots_of(plan, "modal-counterpoint") + slots_of(plan, "figured-bass")) == ["s1", "s2"]


def test_speaker_leading_a_fixed_item_cannot_talk_while_it_runs() -> None:
    rehearsal = fixed("choir-rehearsal", "10:50", "11:10", people=["ann"])
    plan = solved(with_session_ii_taken_by_bo_and_cy(talk("modal-counterpoint"), fixed_items=[rehearsal]))
    assert slots_of(plan, "modal-counterpoint") == ["s2"]


def test_speaker_is_not_scheduled_while_unavailable() -> None:
    conference = with_session_ii_taken_by_bo_and_cy(
        talk("modal-counterpoint"),
        speakers=[
            {"id": "ann", "name": "Ann Lee", "unavailable": [{"day": THU, "start": "10:30", "end": "10:45"}]},
            {"id": "bo", "name": "Bo Chen"},
            {"id": "cy", "name": "Cy Diaz"},
        ],
    )
    assert slots_of(solved(conference), "modal-counterpoint") == ["s2"]


# --- audience groups -----------------------------------------------------------------------------


def two_big_talks(first: dict[str, Any], second: dict[str, Any]) -> Instance:
    """Two 60-person talks; Session I has two 60-seat rooms, Session II only a 10-seat one."""
    busy_in_s2 = {"unavailable": [DURING_S2]}
    return instance(
        breakout_slots=[S1, S2],
        rooms=[HALL | busy_in_s2, room("annex", 60) | busy_in_s2, room("vestry", 10)],
        audiences=[{"id": "youth", "name": "Youth Choir"}, {"id": "girls", "name": "Girls' Ensemble"}],
        talks=[
            talk("modal-counterpoint", expected_attendance=60) | first,
            talk("hymn-writing", speakers=["bo"], expected_attendance=60) | second,
        ],
    )


def test_talks_restricted_to_one_group_never_overlap_even_when_seats_prefer_it() -> None:
    plan = solved(two_big_talks({"restricted_to": "youth"}, {"restricted_to": "youth"}))
    assert sorted(slots_of(plan, "modal-counterpoint") + slots_of(plan, "hymn-writing")) == ["s1", "s2"]


@pytest.mark.parametrize(
    ("first", "second"),
    [({}, {}), ({"restricted_to": "youth"}, {}), ({"restricted_to": "youth"}, {"restricted_to": "girls"})],
    ids=["both-open", "one-restricted", "different-groups"],
)
def test_open_talks_and_other_groups_may_run_side_by_side(first: dict[str, Any], second: dict[str, Any]) -> None:
    plan = solved(two_big_talks(first, second))
    assert slots_of(plan, "modal-counterpoint") == slots_of(plan, "hymn-writing") == ["s1"]


# --- required features and pins -----------------------------------------------------------------


def test_talk_needing_a_projector_gets_the_room_with_one_even_if_too_small() -> None:
    conference = instance(talks=[talk("modal-counterpoint", expected_attendance=60, requires=["projector"])])
    assert rooms_of(solved(conference), "modal-counterpoint") == ["mod1"]


def test_talk_needing_a_piano_gets_the_room_with_one_even_if_too_big() -> None:
    conference = instance(talks=[talk("modal-counterpoint", requires=["piano"])])
    assert rooms_of(solved(conference), "modal-counterpoint") == ["hall"]


def test_pin_to_a_slot_is_kept_even_when_the_best_room_is_busy_then() -> None:
    conference = instance(
        rooms=[HALL | {"unavailable": [DURING_S2]}, MOD1],
        talks=[talk("modal-counterpoint", expected_attendance=60, pins=[{"slot": "s2"}])],
    )
    assert where(solved(conference), "modal-counterpoint") == [("s2", "mod1")]


def test_pin_to_a_room_is_kept_even_when_it_is_too_small() -> None:
    conference = instance(talks=[talk("modal-counterpoint", expected_attendance=60, pins=[{"room": "mod1"}])])
    assert rooms_of(solved(conference), "modal-counterpoint") == ["mod1"]


def test_pin_to_a_slot_and_room_places_the_talk_exactly_there() -> None:
    conference = instance(talks=[talk("modal-counterpoint", pins=[{"slot": "s3", "room": "hall"}])])
    assert where(solved(conference), "modal-counterpoint") == [("s3", "hall")]


def test_pin_on_one_occurrence_of_a_repeated_talk_leaves_the_other_free() -> None:
    # The pinned occurrence is Friday's; the other sits next to it (Session III) and keeps its room.
    conference = instance(talks=[talk("modal-counterpoint", occurrences=2, pins=[{"slot": "s4", "room": "hall"}])])
    assert where(solved(conference), "modal-counterpoint") == [("s3", "hall"), ("s4", "hall")]


# --- soft rules: the weight decides --------------------------------------------------------------


def keep_or_change_room(**weights: int) -> Instance:
    """A talk given in Sessions I and II; Modular I (its size) is taken in Session I."""
    return instance(
        breakout_slots=[S1, S2],
        rooms=[HALL, MOD1 | {"unavailable": [DURING_S1]}],
        talks=[talk("modal-counterpoint", occurrences=2)],
        weights=weights,
    )


def test_repeated_talk_keeps_its_room_when_it_can() -> None:
    conference = keep_or_change_room()
    plan = solved(conference)
    assert where(plan, "modal-counterpoint") == [("s1", "hall"), ("s2", "hall")]
    assert cost_of(conference, plan, "repeat_room_change").cost == 0
    assert score_schedule(conference, plan).total == 60  # 30 empty seats, twice


def test_repeated_talk_moves_to_the_better_fitting_room_when_room_changes_are_free() -> None:
    conference = keep_or_change_room(repeat_room_change=0)
    plan = solved(conference)
    assert where(plan, "modal-counterpoint") == [("s1", "hall"), ("s2", "mod1")]
    assert score_schedule(conference, plan).total == 30


def idle_or_adjacent(**weights: int) -> Instance:
    """Ann speaks in Session I; her second talk fits the annex exactly, but the annex is taken in Session II."""
    return instance(
        rooms=[HALL, room("annex", 50, unavailable=[DURING_S2])],
        talks=[
            talk("modal-counterpoint", expected_attendance=50, pins=[{"slot": "s1"}]),
            talk("figured-bass", expected_attendance=50),
        ],
        weights=weights,
    )


def test_speaker_talks_in_adjacent_slots_rather_than_sit_idle() -> None:
    conference = idle_or_adjacent()
    plan = solved(conference)
    assert where(plan, "figured-bass") == [("s2", "hall")]
    assert cost_of(conference, plan, "speaker_idle_slot").cost == 0


def test_speaker_waits_for_the_better_room_when_idle_slots_are_free() -> None:
    conference = idle_or_adjacent(speaker_idle_slot=0)
    plan = solved(conference)
    assert rooms_of(plan, "figured-bass") == ["annex"]
    assert slots_of(plan, "figured-bass")[0] in ("s3", "s4")


def seats_for(expected: int, **weights: int) -> Instance:
    return instance(
        rooms=[room("big", 120), room("small", 80)],
        talks=[talk("modal-counterpoint", expected_attendance=expected)],
        weights=weights,
    )


def test_hundred_person_talk_goes_in_the_120_seat_room_not_the_80_seat_one() -> None:
    conference = seats_for(100)
    plan = solved(conference)
    assert rooms_of(plan, "modal-counterpoint") == ["big"]
    assert cost_of(conference, plan, "seat_empty").cost == 20
    assert cost_of(conference, plan, "seat_short").cost == 0


def test_short_seats_cost_more_than_empty_ones() -> None:
    # 30 empty seats in the big room are cheaper than 10 people standing in the small one...
    assert rooms_of(solved(seats_for(90)), "modal-counterpoint") == ["big"]
    # ...until a short seat is priced like an empty one.
    assert rooms_of(solved(seats_for(90, seat_short=1)), "modal-counterpoint") == ["small"]


def test_talk_goes_in_the_too_small_room_when_short_seats_are_free() -> None:
    conference = seats_for(100, seat_short=0)
    plan = solved(conference)
    assert rooms_of(plan, "modal-counterpoint") == ["small"]
    assert cost_of(conference, plan, "seat_short").cost == 0


def test_empty_seats_cost_nothing_when_their_weight_is_zero() -> None:
    assert checked_outcome(seats_for(100)).objective == 20 + 20  # empty seats + one talk over four slots
    assert checked_outcome(seats_for(100, seat_empty=0)).objective == 20


def spread_or_cluster(**weights: int) -> Instance:
    """Bo's big talk can only be in the hall in Session I; Ann's best room is also free only then."""
    busy_in_s2 = {"unavailable": [DURING_S2]}
    return instance(
        breakout_slots=[S1, S2],
        rooms=[HALL | busy_in_s2, MOD1 | busy_in_s2, room("annex", 45)],
        talks=[talk("modal-counterpoint"), talk("hymn-writing", speakers=["bo"], expected_attendance=60)],
        weights=weights,
    )


def test_open_talks_spread_evenly_over_slots() -> None:
    conference = spread_or_cluster()
    plan = solved(conference)
    assert where(plan, "hymn-writing") == [("s1", "hall")]
    assert where(plan, "modal-counterpoint") == [("s2", "annex")]
    assert cost_of(conference, plan, "choice_imbalance").cost == 0


def test_open_talks_cluster_in_the_best_rooms_when_imbalance_is_free() -> None:
    conference = spread_or_cluster(choice_imbalance=0)
    plan = solved(conference)
    assert where(plan, "modal-counterpoint") == [("s1", "mod1")]
    assert score_schedule(conference, plan).total == 0


# --- prechecks: impossibilities in plain words, before any solve ----------------------------------


def test_speaker_with_fewer_free_slots_than_occurrences_because_away() -> None:
    conference = instance(
        speakers=[
            {"id": "ann", "name": "Ann Lee", "unavailable": [{"day": THU, "start": "09:00", "end": "16:00"}]},
        ],
        talks=[talk("modal-counterpoint", occurrences=2)],
    )
    assert infeasible_because(conference) == [
        "Ann Lee gives 'Modal Counterpoint' x2: 2 breakout slots needed, but only 1 of 4 are free "
        "(unavailable 2025-06-12 09:00-16:00)."
    ]


def test_speaker_with_fewer_free_slots_than_occurrences_because_leading_a_fixed_item() -> None:
    conference = instance(
        fixed_items=[fixed("choir-camp", "09:00", "16:00", people=["ann"])],
        talks=[talk("modal-counterpoint", occurrences=2)],
    )
    [message] = infeasible_because(conference)
    assert message.startswith("Ann Lee gives 'Modal Counterpoint' x2")
    assert "only 1 of 4 are free (leads 'Choir-Camp')" in message


def test_more_sessions_for_one_group_than_slots() -> None:
    conference = instance(
        talks=[
            talk("modal-counterpoint", occurrences=2, restricted_to="youth"),
            talk("hymn-writing", speakers=["bo"], occurrences=2, restricted_to="youth"),
            talk("psalm-tones", speakers=["cy"], restricted_to="youth"),
        ]
    )
    assert infeasible_because(conference) == [
        "3 sessions restricted to Youth Choir need 5 breakout slots so that none overlaps another, "
        "but there are only 4."
    ]


def test_feature_no_room_has_suggests_the_near_miss() -> None:
    conference = instance(talks=[talk("modal-counterpoint", requires=["projecter"])])
    [message] = infeasible_because(conference)
    assert "'Modal Counterpoint' requires projecter" in message
    assert "did you mean 'projector'?" in message


def test_feature_only_a_non_breakout_room_has_is_missing() -> None:
    conference = instance(
        rooms=[HALL, MOD1, room("sanct", 300, breakout=False, features=["organ"])],
        talks=[talk("modal-counterpoint", requires=["organ"])],
    )
    assert infeasible_because(conference) == [
        "'Modal Counterpoint' requires organ, and no breakout room has all of them."
    ]


def test_two_slot_talk_when_no_day_has_two_consecutive_slots() -> None:
    conference = instance(breakout_slots=[S1, S4], talks=[talk("chant-workshop", length=2)])
    [message] = infeasible_because(conference)
    assert "'Chant Workshop' takes 2 consecutive breakout slots" in message
    assert "only 0 places where 2 consecutive slots of one day start" in message


def test_more_occurrences_than_room_slots() -> None:
    conference = instance(
        talks=[
            talk("modal-counterpoint", occurrences=3),
            talk("hymn-writing", speakers=["bo"], occurrences=3),
            talk("psalm-tones", speakers=["cy"], occurrences=3),
        ]
    )
    assert infeasible_because(conference) == [
        "The talks need 9 room-slots, but 2 breakout rooms x 4 breakout slots offer only 8."
    ]


# --- infeasibility only the solve finds ----------------------------------------------------------


def test_two_talks_pinned_to_one_room_and_slot_are_explained_by_the_two_pins() -> None:
    conference = instance(
        talks=[
            talk("modal-counterpoint", pins=[{"slot": "s1", "room": "hall"}]),
            talk("hymn-writing", speakers=["bo"], pins=[{"slot": "s1", "room": "hall"}]),
        ]
    )
    assert find_impossibilities(conference) == []
    outcome = solve(conference, SolveOptions(time_limit=10))
    assert outcome.status == "infeasible"
    assert outcome.schedule is None
    assert outcome.diagnosis is not None
    assert set(outcome.diagnosis.conflict) == {
        Requirement("pin", "modal-counterpoint", 0),
        Requirement("pin", "hymn-writing", 0),
    }
    assert outcome.diagnosis.proven_irreducible
    assert set(outcome.diagnosis.relaxations) == set(outcome.diagnosis.conflict)


def test_one_speaker_pinned_twice_to_one_slot_is_explained_by_the_speaker_and_the_pins() -> None:
    conference = instance(
        talks=[talk("modal-counterpoint", pins=[{"slot": "s1"}]), talk("figured-bass", pins=[{"slot": "s1"}])]
    )
    assert find_impossibilities(conference) == []
    outcome = solve(conference, SolveOptions(time_limit=10))
    assert outcome.status == "infeasible"
    assert outcome.diagnosis is not None
    assert set(outcome.diagnosis.conflict) == {
        Requirement("pin", "modal-counterpoint", 0),
        Requirement("pin", "figured-bass", 0),
        Requirement("speaker-gives", "modal-counterpoint", "ann"),
        Requirement("speaker-gives", "figured-bass", "ann"),
    }


# --- AMJ 2010 ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def amj_2010() -> Instance:
    return load_instance(AMJ_2010)


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_same_seed_gives_the_same_schedule(amj_2010: Instance, workers: int) -> None:
    first = solve(amj_2010, SolveOptions(time_limit=10, seed=7, workers=workers))
    second = solve(amj_2010, SolveOptions(time_limit=10, seed=7, workers=workers))
    assert first.status == second.status == "optimal"
    assert first.schedule == second.schedule
    assert first.objective == second.objective


def test_amj_2010_solves_to_proven_optimal_with_every_talk_in_breakout_slots(amj_2010: Instance) -> None:
    outcome = checked_outcome(amj_2010)
    assert outcome.objective == outcome.best_bound
    plan = outcome.schedule
    assert plan is not None
    assert Counter(p.talk for p in plan.placements) == {t.id: t.occurrences for t in amj_2010.talks}
    breakout_rooms = {r.id for r in amj_2010.rooms if r.breakout}
    assert all(p.slot in amj_2010.slot_by_id and p.room in breakout_rooms for p in plan.placements)
    girls_only = [p.slot for p in plan.placements if amj_2010.talk_by_id[p.talk].restricted_to == "cc-girls"]
    assert len(girls_only) == 2
    assert len(set(girls_only)) == 2

"""The window-mode solver's rules, each shown on a small conference where the rule changes the answer.

As for labelled slots, every schedule is judged by the independent checker: no violations, and
the solver's objective equals the checker's total.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.models import Instance, Schedule
from amj_scheduler.solver import SolveOptions, SolveOutcome, solve

from .builders import SAT, SUN, window_instance, window_talk

ONE_MORNING = [{"id": "sat", "label": "Saturday", "day": SAT, "start": "09:00", "end": "12:00", "step": 5}]


def checked(conference: Instance, **options: Any) -> SolveOutcome:
    outcome = solve(conference, SolveOptions(time_limit=20, **options))
    assert outcome.status == "optimal", outcome
    assert outcome.schedule is not None
    assert find_violations(conference, outcome.schedule) == []
    assert score_schedule(conference, outcome.schedule).total == outcome.objective
    return outcome


def timed(conference: Instance, plan: Schedule) -> dict[str, list[tuple[str, int, int, str]]]:
    """Per talk: (day, start minute, end minute, room) of each occurrence, in occurrence order."""
    found: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
    for placement in sorted(plan.placements, key=lambda p: (p.talk, p.occurrence)):
        slot = conference.slot_by_id[placement.slot]
        start = slot.start.hour * 60 + slot.start.minute
        minutes = conference.talk_by_id[placement.talk].minutes or 0
        found[placement.talk].append((str(slot.day), start, start + minutes, placement.room))
    return found


def overlap(a: tuple[str, int, int, str], b: tuple[str, int, int, str]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def one_morning(**fields: Any) -> Instance:
    return window_instance(days=[{"date": SAT}], breakout_windows=ONE_MORNING, **fields)


def test_talks_run_their_minutes_inside_one_window_on_its_steps() -> None:
    # 200 minutes fit only Saturday afternoon (13:00-17:00): the morning and Sunday last 180.
    conference = window_instance(
        talks=[window_talk("long", minutes=200), window_talk("short", speakers=["bo"], minutes=5)]
    )
    where = timed(conference, checked(conference).schedule)  # type: ignore[arg-type]
    day, start, end, _ = where["long"][0]
    assert day == SAT and start >= 13 * 60 and end <= 17 * 60 and end - start == 200
    assert where["short"][0][1] % 5 == 0


def test_a_talk_longer_than_every_window_is_reported_in_plain_words() -> None:
    conference = one_morning(talks=[window_talk("marathon", minutes=240)])
    outcome = solve(conference, SolveOptions(time_limit=5))
    assert outcome.status == "infeasible"
    assert any("'Marathon'" in reason and "240 minutes" in reason for reason in outcome.impossibilities)


def test_one_speakers_talks_never_overlap_even_in_different_tracks() -> None:
    conference = one_morning(
        talks=[
            window_talk("a", speakers=["ann"], minutes=90, track="llvm"),
            window_talk("b", speakers=["ann"], minutes=90, track="rust"),
        ]
    )
    where = timed(conference, checked(conference).schedule)  # type: ignore[arg-type]
    assert not overlap(where["a"][0], where["b"][0])


def test_a_speaker_unavailable_all_morning_but_the_last_half_hour_gets_that_half_hour() -> None:
    conference = one_morning(
        speakers=[{"id": "ann", "name": "Ann Lee", "unavailable": [{"day": SAT, "start": "09:00", "end": "11:30"}]}],
        talks=[window_talk("late", minutes=30)],
    )
    assert timed(conference, checked(conference).schedule)["late"][0][1] == 11 * 60 + 30  # type: ignore[arg-type]


def test_a_room_is_used_only_inside_its_opening_hours() -> None:
    conference = one_morning(
        rooms=[
            {"id": "k1", "name": "K.1.105", "capacity": 30, "open": [{"day": SAT, "start": "10:00", "end": "11:00"}]},
            {"id": "k2", "name": "K.2.201", "capacity": 300, "open": [{"day": SAT, "start": "09:00", "end": "09:30"}]},
        ],
        talks=[window_talk("fits-k1", minutes=60)],
    )
    # K.2.201 would seat more, but a 60-minute talk only fits K.1.105's hour.
    _day, start, end, room = timed(conference, checked(conference).schedule)["fits-k1"][0]  # type: ignore[arg-type]
    assert (room, start, end) == ("k1", 10 * 60, 11 * 60)


def test_a_room_holds_one_talk_at_a_time_and_gives_way_to_its_fixed_items() -> None:
    conference = one_morning(
        rooms=[{"id": "k1", "name": "K.1.105", "capacity": 30}],
        speakers=[{"id": s, "name": s.title()} for s in ("ann", "bo", "cy")],
        fixed_items=[
            {
                "id": "keysigning",
                "title": "Keysigning",
                "kind": "other",
                "day": SAT,
                "start": "09:00",
                "end": "10:00",
                "room": "k1",
            }
        ],
        talks=[window_talk(t, speakers=[s], minutes=60) for t, s in (("a", "ann"), ("b", "bo"))],
    )
    where = timed(conference, checked(conference).schedule)  # type: ignore[arg-type]
    assert sorted(w[0][1] for w in where.values()) == [10 * 60, 11 * 60]


def test_an_audience_may_have_at_once_as_many_sessions_as_it_splits_into() -> None:
    def starts(at_once: int) -> list[int]:
        conference = one_morning(
            audiences=[{"id": "children", "name": "Children", "at_once": at_once}],
            speakers=[{"id": s, "name": s.title()} for s in ("ann", "bo", "cy")],
            talks=[
                window_talk(t, speakers=[s], minutes=60, restricted_to="children")
                for t, s in (("a", "ann"), ("b", "bo"), ("c", "cy"))
            ],
        )
        where = timed(conference, checked(conference).schedule)  # type: ignore[arg-type]
        return [w[0][1] for w in where.values()]

    alone = starts(1)
    assert len(set(alone)) == 3  # one at a time: three different hours
    paired = starts(2)
    assert max(paired.count(start) for start in paired) <= 2


def test_a_track_keeps_one_room_for_the_day_with_its_talks_back_to_back() -> None:
    conference = one_morning(
        talks=[
            window_talk(f"llvm-{n}", speakers=[s], minutes=m, track="llvm")
            for n, (s, m) in enumerate([("ann", 25), ("bo", 40), ("cy", 20)])
        ],
    )
    where = timed(conference, checked(conference).schedule)  # type: ignore[arg-type]
    assert len({w[0][3] for w in where.values()}) == 1
    spans = sorted((w[0][1], w[0][2]) for w in where.values())
    assert all(before[1] == after[0] for before, after in itertools.pairwise(spans)), spans  # no gap


def test_a_track_longer_than_any_room_day_splits_into_the_fewest_rooms() -> None:
    # 4 x 60 minutes in a 180-minute morning: two rooms are the fewest; a hard track gets exactly two.
    talks = [window_talk(f"w{n}", speakers=[f"p{n}"], minutes=60, track="llvm") for n in range(4)]
    speakers = [{"id": f"p{n}", "name": f"P {n}"} for n in range(4)]
    for rule in ("soft", "hard"):
        conference = one_morning(
            speakers=speakers, talks=talks, tracks=[{"id": "llvm", "name": "LLVM", "room_rule": rule}]
        )
        where = timed(conference, checked(conference).schedule)  # type: ignore[arg-type]
        assert len({w[0][3] for w in where.values()}) == 2


def test_a_soft_track_pays_for_an_extra_room_and_a_hard_track_refuses_it() -> None:
    """Two LLVM talks pinned to two rooms: a soft track pays for the second room, a hard track
    makes the conference impossible."""
    conference = one_morning(
        talks=[
            window_talk("l1", speakers=["ann"], minutes=30, track="llvm", pins=[{"room": "k1"}]),
            window_talk("l2", speakers=["bo"], minutes=30, track="llvm", pins=[{"room": "k2"}]),
        ],
        weights={"track_extra_room": 50, "seat_empty": 0},
    )
    outcome = checked(conference)
    assert outcome.objective == 50
    hard = one_morning(
        talks=[
            window_talk("l1", speakers=["ann"], minutes=30, track="llvm", pins=[{"room": "k1"}]),
            window_talk("l2", speakers=["bo"], minutes=30, track="llvm", pins=[{"room": "k2"}]),
        ],
        tracks=[{"id": "llvm", "name": "LLVM", "room_rule": "hard"}],
    )
    assert solve(hard, SolveOptions(time_limit=5)).status == "infeasible"


def test_a_gap_in_a_track_costs_its_minutes_when_a_speaker_forces_it() -> None:
    """Bo gives an LLVM talk and cannot come before 10:00: the track's other talk (Ann, 30 min)
    then either waits with him or leaves a gap; back to back is still possible (09:30 + 10:00)."""
    conference = one_morning(
        speakers=[
            {"id": "ann", "name": "Ann Lee", "unavailable": [{"day": SAT, "start": "09:30", "end": "12:00"}]},
            {"id": "bo", "name": "Bo Chen", "unavailable": [{"day": SAT, "start": "09:00", "end": "10:00"}]},
        ],
        talks=[
            window_talk("early", speakers=["ann"], minutes=30, track="llvm"),
            window_talk("late", speakers=["bo"], minutes=30, track="llvm"),
        ],
        weights={"seat_empty": 0, "track_gap_minute": 2},
    )
    outcome = checked(conference)
    assert outcome.objective == 2 * 30  # Ann ends at 09:30 at the latest, Bo starts at 10:00 at the earliest


def test_day_pins_hold_and_a_repeated_talk_is_given_at_different_times() -> None:
    conference = window_instance(
        talks=[
            window_talk("hedy", minutes=60, occurrences=2, pins=[{"day": SUN}]),
            window_talk("other", speakers=["bo"]),
        ],
    )
    where = timed(conference, checked(conference).schedule)  # type: ignore[arg-type]
    first, second = where["hedy"]
    assert SUN in (first[0], second[0])
    assert not overlap(first, second)
    assert (first[0], first[1]) < (second[0], second[1])


def test_a_repeated_talk_pays_for_changing_rooms() -> None:
    conference = one_morning(
        rooms=[
            {"id": "k1", "name": "K.1.105", "capacity": 50, "open": [{"day": SAT, "start": "09:00", "end": "10:00"}]},
            {"id": "k2", "name": "K.2.201", "capacity": 50},
        ],
        talks=[window_talk("twice", minutes=60, occurrences=2)],
        weights={"seat_empty": 0, "repeat_room_change": 40},
    )
    outcome = checked(conference)
    assert outcome.objective == 0
    assert {w[3] for w in timed(conference, outcome.schedule)["twice"]} == {"k2"}  # type: ignore[arg-type]


def test_required_features_and_seats_choose_the_room() -> None:
    conference = one_morning(
        talks=[
            window_talk("demo", minutes=30, requires=["projector"], expected_attendance=40),
            window_talk("crowd", speakers=["bo"], minutes=30, expected_attendance=110),
        ],
    )
    where = timed(conference, checked(conference).schedule)  # type: ignore[arg-type]
    assert where["demo"][0][3] == "k1"  # the only room with a projector
    assert where["crowd"][0][3] == "h1"  # 120 seats: the fewest empty without anyone standing


def test_the_same_seed_gives_the_same_schedule() -> None:
    conference = window_instance(
        talks=[
            window_talk(
                f"t{n}",
                speakers=[("ann", "bo", "cy")[n % 3]],
                minutes=(25, 30, 40)[n % 3],
                track=("llvm", "rust")[n % 2],
            )
            for n in range(12)
        ]
    )
    first = solve(conference, SolveOptions(time_limit=10, seed=3)).schedule
    assert first == solve(conference, SolveOptions(time_limit=10, seed=3)).schedule


# --- the window model's known limits, lifted (review items of the real-scale issue) ------------


def test_a_tracked_talk_whose_only_day_has_no_open_room_is_reported_not_a_crash() -> None:
    """Every breakout room lists Saturday only; the LLVM talk is pinned to Sunday."""
    saturday = [{"day": SAT, "start": "09:00", "end": "17:00"}]
    rooms = [
        {"id": "k1", "name": "K.1.105", "capacity": 50, "open": saturday},
        {"id": "k2", "name": "K.2.201", "capacity": 80, "open": saturday},
    ]
    conference = window_instance(rooms=rooms, talks=[window_talk("llvm-intro", track="llvm", pins=[{"day": SUN}])])
    outcome = solve(conference, SolveOptions(time_limit=5))
    assert outcome.status == "infeasible"
    assert any("'Llvm Intro' can only go on a day when no breakout room is open" in m for m in outcome.impossibilities)


def test_a_room_whose_seats_cost_nothing_is_chosen_whatever_day_it_is_open() -> None:
    """K.1.105 seats exactly the 50 expected but opens on Sunday only; the other rooms cost seats.
    Rooms free of charge must stay among a talk's choices, or the talk would be pushed into a
    priced room (or declared impossible)."""
    rooms = [
        {"id": "k1", "name": "K.1.105", "capacity": 50, "open": [{"day": SUN, "start": "09:00", "end": "12:00"}]},
        {"id": "k2", "name": "K.2.201", "capacity": 80, "open": [{"day": SAT, "start": "09:00", "end": "12:00"}]},
    ]
    conference = window_instance(rooms=rooms, talks=[window_talk("llvm-intro", expected_attendance=50)])
    outcome = checked(conference)
    assert outcome.objective == 0
    assert outcome.schedule is not None and outcome.schedule.placements[0].room == "k1"


def test_a_hard_track_runs_on_in_its_room_after_the_rooms_lunch_closure() -> None:
    """K.1.105 is closed 10:00-10:30; the hard LLVM track has 150 minutes of talks, which one room
    holds only before and after the closure: one block spans it (the checker counts it as a gap)."""
    one_room = [
        {"id": "k1", "name": "K.1.105", "capacity": 50, "unavailable": [{"day": SAT, "start": "10:00", "end": "10:30"}]}
    ]
    talks = [window_talk(f"llvm-{n}", minutes=30, track="llvm", speakers=[f"p{n}"]) for n in range(5)]
    conference = one_morning(
        rooms=one_room,
        speakers=[{"id": f"p{n}", "name": f"P {n}"} for n in range(5)],
        tracks=[{"id": "llvm", "name": "LLVM", "room_rule": "hard"}],
        talks=talks,
    )
    outcome = checked(conference)
    where = timed(conference, outcome.schedule)  # type: ignore[arg-type]
    assert {w[0][3] for w in where.values()} == {"k1"}
    assert not any(start < 10 * 60 + 30 and end > 10 * 60 for _, start, end, _ in (w[0] for w in where.values()))


def test_a_soft_track_spreads_over_as_many_rooms_as_its_pins_force() -> None:
    """Three Rust talks pinned to 09:00 need three rooms at once: two beyond its fewest."""
    talks = [
        window_talk(f"rust-{n}", minutes=60, track="rust", speakers=[f"p{n}"], pins=[{"slot": "sat-0900"}])
        for n in range(3)
    ]
    conference = one_morning(speakers=[{"id": f"p{n}", "name": f"P {n}"} for n in range(3)], talks=talks)
    outcome = checked(conference)
    rooms = {p.room for p in outcome.schedule.placements}  # type: ignore[union-attr]
    assert len(rooms) == 3
    assert score_schedule(conference, outcome.schedule).total >= 2 * conference.weights.track_extra_room  # type: ignore[arg-type]

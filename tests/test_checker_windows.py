"""The independent checker on conferences on breakout windows: talks in minutes starting on a
5-minute step, rooms with opening hours, tracks that keep to few rooms, audiences that split.

Each hard rule is shown catching a breach a planner would notice, and accepting the schedule
with that one thing put right; each cost is worked out by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amj_scheduler.checker import CostItem, RuleCost, SoftScore, Violation, find_violations, score_schedule
from amj_scheduler.cli import main
from amj_scheduler.models import Instance, Schedule, parse_instance
from amj_scheduler.reports.check_report import render_check
from click.testing import CliRunner
from rich.console import Console

from .builders import SAT, SUN, devroom_weekend, fixed, schedule, window_instance, window_talk


def only(violations: list[Violation], rule: str) -> Violation:
    """The single violation, asserting it is of the expected rule."""
    assert [v.rule for v in violations] == [rule], violations
    return violations[0]


def rules_of(conference: Instance, plan: Schedule) -> list[str]:
    return [v.rule for v in find_violations(conference, plan)]


def cost_of(score: SoftScore, rule: str) -> RuleCost:
    return next(item for item in score.rules if item.rule == rule)


def room(room_id: str, name: str, **fields: Any) -> dict[str, Any]:
    return {"id": room_id, "name": name, "capacity": 50} | fields


def three_talks(**fields: Any) -> list[dict[str, Any]]:
    """Three 25-minute talks by three speakers, in the same track when `fields` gives one."""
    return [
        window_talk("llvm-intro", **fields),
        window_talk("llvm-passes", speakers=["bo"], **fields),
        window_talk("llvm-linker", speakers=["cy"], **fields),
    ]


# --- a valid schedule --------------------------------------------------------------------------


def test_a_devroom_day_back_to_back_breaks_no_rule() -> None:
    """Touching talks, a fixed item right after, a room whose hours start late, a day pin and a
    restricted pair one after the other: all of it holds."""
    conference = window_instance(
        rooms=[
            room("k1", "K.1.105", features=["projector"]),
            room("k2", "K.2.201", open=[{"day": SAT, "start": "10:30", "end": "17:00"}]),
        ],
        talks=[
            window_talk("llvm-intro", track="llvm", requires=["projector"], pins=[{"day": SAT}]),
            window_talk("llvm-passes", speakers=["bo"], track="llvm", minutes=50, restricted_to="children"),
            window_talk("rust-async", speakers=["cy"], track="rust", restricted_to="children", occurrences=2),
        ],
        fixed_items=[fixed("keysigning", "10:15", "11:00", day=SAT, room="k1", people=["ann"])],
    )
    plan = schedule(
        ("llvm-intro", 1, "sat-am-0900", "k1"),
        ("llvm-passes", 1, "sat-am-0925", "k1"),
        ("rust-async", 1, "sat-am-1030", "k2"),
        ("rust-async", 2, "sun-0900", "k1"),
    )
    assert find_violations(conference, plan) == []


# --- every occurrence placed exactly once, numbered in clock order ------------------------------


def test_a_start_off_the_grid_or_at_a_windows_end_is_no_step() -> None:
    conference = window_instance()
    for start in ("sat-am-0903", "sat-am-1200", "sat-0900"):
        found = only(
            find_violations(conference, schedule(("llvm-intro", 1, start, "k1"))),
            "every occurrence placed exactly once",
        )
        assert (
            f"'Llvm Intro' is placed in the slot id '{start}', which is not a step of any breakout window."
            == found.message
        )
    late = schedule(("llvm-intro", 1, "sat-am-1155", "k1"))  # a step, but the talk would run on to 12:20
    assert rules_of(conference, late) == ["talk inside one breakout window"]
    assert find_violations(conference, schedule(("llvm-intro", 1, "sat-am-1135", "k1"))) == []


def test_a_missing_occurrence_is_found() -> None:
    conference = window_instance(talks=[window_talk("llvm-intro", occurrences=2)])
    found = only(
        find_violations(conference, schedule(("llvm-intro", 1, "sat-am-0900", "k1"))),
        "every occurrence placed exactly once",
    )
    assert found.message == "'Llvm Intro' is given 2 times but placed once."


def test_occurrences_are_numbered_by_clock_minutes() -> None:
    conference = window_instance(talks=[window_talk("llvm-intro", occurrences=2)])
    plan = schedule(("llvm-intro", 1, "sat-am-1000", "k1"), ("llvm-intro", 2, "sat-am-0930", "k1"))
    found = only(find_violations(conference, plan), "every occurrence placed exactly once")
    assert (
        "occurrence 2 (Saturday morning, Sat 1 Feb 09:30-09:55) starts before occurrence 1 "
        "(Saturday morning, Sat 1 Feb 10:00-10:25)" in found.message
    )
    in_order = schedule(("llvm-intro", 1, "sat-am-0930", "k1"), ("llvm-intro", 2, "sat-am-1000", "k1"))
    assert find_violations(conference, in_order) == []


# --- occurrences never overlap ----------------------------------------------------------------


def test_two_occurrences_sharing_five_minutes_overlap() -> None:
    conference = window_instance(talks=[window_talk("llvm-intro", occurrences=2)])
    plan = schedule(("llvm-intro", 1, "sat-am-0900", "k1"), ("llvm-intro", 2, "sat-am-0920", "k2"))
    assert rules_of(conference, plan) == ["occurrences never overlap", "speaker in one place at a time"]
    assert find_violations(conference, plan)[0].message == (
        "'Llvm Intro' occurrences 1 and 2 overlap: Saturday morning, Sat 1 Feb 09:00-09:25 "
        "and Saturday morning, Sat 1 Feb 09:20-09:45."
    )
    touching = schedule(("llvm-intro", 1, "sat-am-0900", "k1"), ("llvm-intro", 2, "sat-am-0925", "k2"))
    assert find_violations(conference, touching) == []


# --- breakout rooms only ------------------------------------------------------------------------


def test_a_talk_in_the_main_hall_is_found() -> None:
    found = only(
        find_violations(window_instance(), schedule(("llvm-intro", 1, "sat-am-0900", "janson"))), "breakout rooms only"
    )
    assert "Janson, which is not a breakout room" in found.message


# --- room holds one thing at a time -------------------------------------------------------------


def test_two_talks_sharing_five_minutes_of_a_room_are_found() -> None:
    conference = window_instance(talks=three_talks()[:2])
    plan = schedule(("llvm-intro", 1, "sat-am-0900", "k1"), ("llvm-passes", 1, "sat-am-0920", "k1"))
    found = only(find_violations(conference, plan), "room holds one thing at a time")
    assert found.message == (
        "K.1.105 holds two talks at once: 'Llvm Intro' (Saturday morning, Sat 1 Feb 09:00-09:25) "
        "and 'Llvm Passes' (Saturday morning, Sat 1 Feb 09:20-09:45)."
    )
    touching = schedule(("llvm-intro", 1, "sat-am-0900", "k1"), ("llvm-passes", 1, "sat-am-0925", "k1"))
    assert find_violations(conference, touching) == []


def test_a_long_talk_holds_its_room_for_all_its_minutes() -> None:
    conference = window_instance(
        talks=[window_talk("llvm-intro", minutes=90), window_talk("llvm-passes", speakers=["bo"])]
    )
    plan = schedule(("llvm-intro", 1, "sat-am-0900", "k1"), ("llvm-passes", 1, "sat-am-1025", "k1"))
    assert rules_of(conference, plan) == ["room holds one thing at a time"]
    after = schedule(("llvm-intro", 1, "sat-am-0900", "k1"), ("llvm-passes", 1, "sat-am-1030", "k1"))
    assert find_violations(conference, after) == []


def test_a_talk_running_into_a_fixed_item_or_a_closure_of_its_room_is_found() -> None:
    conference = window_instance(
        rooms=[
            room("k1", "K.1.105", unavailable=[{"day": SAT, "start": "11:00", "end": "12:00", "reason": "cleaning"}])
        ],
        fixed_items=[fixed("keysigning", "10:00", "10:30", day=SAT, room="k1")],
    )
    found = only(
        find_violations(conference, schedule(("llvm-intro", 1, "sat-am-0940", "k1"))), "room holds one thing at a time"
    )
    assert (
        "K.1.105 holds 'Llvm Intro' (Saturday morning, Sat 1 Feb 09:40-10:05) while 'Keysigning' is there"
        in found.message
    )
    found = only(
        find_violations(conference, schedule(("llvm-intro", 1, "sat-am-1040", "k1"))), "room holds one thing at a time"
    )
    assert found.message.startswith("K.1.105 is unavailable Sat 1 Feb 11:00-12:00 (cleaning), but holds 'Llvm Intro'")
    for start in ("sat-am-0935", "sat-am-1030", "sat-am-1035"):
        assert find_violations(conference, schedule(("llvm-intro", 1, start, "k1"))) == []


# --- talk inside the room's opening hours ------------------------------------------------------


def test_a_talk_before_its_room_opens_is_found() -> None:
    conference = window_instance(rooms=[room("k1", "K.1.105", open=[{"day": SAT, "start": "10:30", "end": "17:00"}])])
    found = only(
        find_violations(conference, schedule(("llvm-intro", 1, "sat-am-1015", "k1"))),
        "talk inside the room's opening hours",
    )
    assert found.message == (
        "'Llvm Intro' (Saturday morning, Sat 1 Feb 10:15-10:40) is in K.1.105, "
        "which is open for talks only Sat 1 Feb 10:30-17:00."
    )
    assert find_violations(conference, schedule(("llvm-intro", 1, "sat-am-1030", "k1"))) == []


def test_a_room_with_opening_hours_is_closed_on_a_day_it_does_not_list() -> None:
    conference = window_instance(rooms=[room("k1", "K.1.105", open=[{"day": SAT, "start": "09:00", "end": "17:00"}])])
    found = only(
        find_violations(conference, schedule(("llvm-intro", 1, "sun-0900", "k1"))),
        "talk inside the room's opening hours",
    )
    assert found.message.endswith("is in K.1.105, which is closed for talks on Sun 2 Feb.")


def test_opening_hours_that_meet_let_a_talk_run_across() -> None:
    hours = [{"day": SAT, "start": "09:00", "end": "10:00"}, {"day": SAT, "start": "10:00", "end": "12:00"}]
    conference = window_instance(rooms=[room("k1", "K.1.105", open=hours)])
    assert find_violations(conference, schedule(("llvm-intro", 1, "sat-am-0950", "k1"))) == []


# --- speaker in one place at a time -------------------------------------------------------------


def test_a_speaker_in_two_rooms_at_once_is_found() -> None:
    conference = window_instance(
        talks=[
            window_talk("llvm-intro", speakers=["ann", "bo"]),
            window_talk("rust-async", speakers=["bo"], minutes=50),
        ]
    )
    plan = schedule(("llvm-intro", 1, "sat-am-0945", "k1"), ("rust-async", 1, "sat-am-0900", "k2"))
    found = only(find_violations(conference, plan), "speaker in one place at a time")
    assert found.message.startswith("Bo Chen would be in two places at once")
    later = schedule(("llvm-intro", 1, "sat-am-0950", "k1"), ("rust-async", 1, "sat-am-0900", "k2"))
    assert find_violations(conference, later) == []


def test_a_speaker_leading_a_fixed_item_or_away_is_found() -> None:
    conference = window_instance(
        speakers=[{"id": "ann", "name": "Ann Lee", "unavailable": [{"day": SUN, "start": "09:00", "end": "10:00"}]}],
        fixed_items=[fixed("keynote", "13:00", "13:30", day=SAT, room="janson", people=["ann"])],
    )
    found = only(
        find_violations(conference, schedule(("llvm-intro", 1, "sat-pm-1320", "k1"))), "speaker in one place at a time"
    )
    assert "while leading 'Keynote' (Sat 1 Feb 13:00-13:30)" in found.message
    found = only(
        find_violations(conference, schedule(("llvm-intro", 1, "sun-0935", "k1"))), "speaker in one place at a time"
    )
    assert found.message.startswith("Ann Lee is unavailable Sun 2 Feb 09:00-10:00")
    for start in ("sat-pm-1330", "sun-1000"):
        assert find_violations(conference, schedule(("llvm-intro", 1, start, "k1"))) == []


# --- audience group never double-booked ---------------------------------------------------------


def test_an_audience_that_attends_everything_cannot_have_two_talks_overlap() -> None:
    conference = window_instance(talks=three_talks(restricted_to="children")[:2])
    plan = schedule(("llvm-intro", 1, "sat-am-0900", "k1"), ("llvm-passes", 1, "sat-am-0920", "k2"))
    found = only(find_violations(conference, plan), "audience group never double-booked")
    assert found.message.startswith("Children has two talks at once: 'Llvm Intro'")
    after = schedule(("llvm-intro", 1, "sat-am-0900", "k1"), ("llvm-passes", 1, "sat-am-0925", "k2"))
    assert find_violations(conference, after) == []


def test_an_audience_that_splits_in_two_may_have_two_talks_but_not_three() -> None:
    conference = window_instance(
        audiences=[{"id": "children", "name": "Children", "at_once": 2}], talks=three_talks(restricted_to="children")
    )
    two = schedule(
        ("llvm-intro", 1, "sat-am-1000", "k1"),
        ("llvm-passes", 1, "sat-am-1000", "k2"),
        ("llvm-linker", 1, "sat-am-1100", "h1"),
    )
    assert find_violations(conference, two) == []
    three = schedule(
        ("llvm-intro", 1, "sat-am-1000", "k1"),
        ("llvm-passes", 1, "sat-am-1000", "k2"),
        ("llvm-linker", 1, "sat-am-1015", "h1"),
    )
    found = only(find_violations(conference, three), "audience group never double-booked")
    assert found.message == (
        "Children can attend at most 2 talks at once, but has 3 Sat 1 Feb 10:15-10:25: "
        "'Llvm Intro' (Saturday morning, Sat 1 Feb 10:00-10:25), 'Llvm Passes' (Saturday morning, Sat 1 Feb 10:00-10:25) "
        "and 'Llvm Linker' (Saturday morning, Sat 1 Feb 10:15-10:40)."
    )
    assert found.placements == (("llvm-intro", 1), ("llvm-passes", 1), ("llvm-linker", 1))
    staggered = schedule(
        ("llvm-intro", 1, "sat-am-1000", "k1"),
        ("llvm-passes", 1, "sat-am-1000", "k2"),
        ("llvm-linker", 1, "sat-am-1025", "h1"),
    )
    assert find_violations(conference, staggered) == []


def test_each_crowded_stretch_is_its_own_violation() -> None:
    conference = window_instance(
        audiences=[{"id": "children", "name": "Children", "at_once": 2}],
        talks=[
            *three_talks(restricted_to="children"),
            window_talk("rust-games", speakers=["ann"], restricted_to="children", minutes=25),
        ],
    )
    plan = schedule(
        ("llvm-passes", 1, "sat-am-1000", "k2"),  # runs 10:00-10:25 beside each of the others
        ("llvm-linker", 1, "sat-am-1000", "h1"),  # and so does this one
        ("llvm-intro", 1, "sat-am-0945", "k1"),  # third at 10:00-10:10
        ("rust-games", 1, "sat-am-1020", "k1"),  # third again at 10:20-10:25
    )
    found = find_violations(conference, plan)
    assert [v.rule for v in found] == ["audience group never double-booked"] * 2
    assert "has 3 Sat 1 Feb 10:00-10:10" in found[0].message and "has 3 Sat 1 Feb 10:20-10:25" in found[1].message


# --- required room features ---------------------------------------------------------------------


def test_a_talk_without_its_projector_is_found() -> None:
    conference = window_instance(talks=[window_talk("llvm-intro", requires=["projector"])])
    only(find_violations(conference, schedule(("llvm-intro", 1, "sat-am-0900", "k2"))), "required room features")
    assert find_violations(conference, schedule(("llvm-intro", 1, "sat-am-0900", "k1"))) == []


# --- pins honoured ------------------------------------------------------------------------------


def test_a_day_pin_is_honoured_whatever_the_time() -> None:
    conference = window_instance(talks=[window_talk("llvm-intro", pins=[{"day": SUN}])])
    found = only(find_violations(conference, schedule(("llvm-intro", 1, "sat-pm-1500", "k1"))), "pins honoured")
    assert found.message == "'Llvm Intro' is pinned to Sun 2 Feb, but no occurrence of it is there."
    for start in ("sun-0900", "sun-1135"):
        assert find_violations(conference, schedule(("llvm-intro", 1, start, "k1"))) == []


def test_a_day_and_room_pin_needs_both() -> None:
    conference = window_instance(talks=[window_talk("llvm-intro", pins=[{"day": SAT, "room": "h1"}])])
    found = only(find_violations(conference, schedule(("llvm-intro", 1, "sun-0900", "h1"))), "pins honoured")
    assert "pinned to Sat 1 Feb in H.1302" in found.message
    assert rules_of(conference, schedule(("llvm-intro", 1, "sat-am-0900", "k1"))) == ["pins honoured"]
    assert find_violations(conference, schedule(("llvm-intro", 1, "sat-pm-1600", "h1"))) == []


def test_a_slot_pin_is_the_exact_starting_step() -> None:
    conference = window_instance(talks=[window_talk("llvm-intro", pins=[{"slot": "sat-am-1000"}])])
    found = only(find_violations(conference, schedule(("llvm-intro", 1, "sat-am-1005", "k1"))), "pins honoured")
    assert found.message == "'Llvm Intro' is pinned to Saturday morning at 10:00, but no occurrence of it is there."
    assert find_violations(conference, schedule(("llvm-intro", 1, "sat-am-1000", "k1"))) == []


def test_two_day_pins_need_an_occurrence_each_day() -> None:
    conference = window_instance(talks=[window_talk("llvm-intro", occurrences=2, pins=[{"day": SAT}, {"day": SUN}])])
    same_day = schedule(("llvm-intro", 1, "sat-am-0900", "k1"), ("llvm-intro", 2, "sat-pm-1300", "k1"))
    assert "pinned to Sun 2 Feb" in only(find_violations(conference, same_day), "pins honoured").message
    both = schedule(("llvm-intro", 1, "sat-am-0900", "k1"), ("llvm-intro", 2, "sun-0900", "k1"))
    assert find_violations(conference, both) == []


# --- talk inside one breakout window --------------------------------------------------------------


def test_a_talk_running_past_the_end_of_its_window_is_found() -> None:
    found = only(
        find_violations(window_instance(), schedule(("llvm-intro", 1, "sat-am-1140", "k1"))),
        "talk inside one breakout window",
    )
    assert found.message == (
        "'Llvm Intro' (Saturday morning, Sat 1 Feb 11:40-12:05) runs 5 minutes past the end of Saturday morning (12:00)."
    )
    assert find_violations(window_instance(), schedule(("llvm-intro", 1, "sat-am-1135", "k1"))) == []


def test_a_talk_cannot_run_on_into_the_next_window_even_when_they_meet() -> None:
    conference = window_instance(
        breakout_windows=[
            {"id": "am", "label": "Morning", "day": SAT, "start": "09:00", "end": "12:00", "step": 5},
            {"id": "pm", "label": "Afternoon", "day": SAT, "start": "12:00", "end": "17:00", "step": 5},
        ],
        days=[{"date": SAT}],
    )
    rules = rules_of(conference, schedule(("llvm-intro", 1, "am-1150", "k1")))
    assert rules == ["talk inside one breakout window"]
    assert find_violations(conference, schedule(("llvm-intro", 1, "pm-1200", "k1"))) == []


# --- track in its fewest rooms (room_rule: hard) -------------------------------------------------


def test_a_hard_track_in_one_room_too_many_is_found() -> None:
    conference = window_instance(
        tracks=[{"id": "llvm", "name": "LLVM", "room_rule": "hard"}], talks=three_talks(track="llvm")
    )
    spread = schedule(
        ("llvm-intro", 1, "sat-am-0900", "k1"),
        ("llvm-passes", 1, "sat-am-0930", "k2"),
        ("llvm-linker", 1, "sun-0900", "h1"),
    )
    found = only(find_violations(conference, spread), "track in its fewest rooms")
    assert found.message == (
        "LLVM uses 2 rooms on Sat 1 Feb (K.1.105 and K.2.201), but its 50 minutes need only 1; its room rule is hard."
    )
    assert found.placements == (("llvm-intro", 1), ("llvm-passes", 1))
    together = schedule(
        ("llvm-intro", 1, "sat-am-0900", "k1"),
        ("llvm-passes", 1, "sat-pm-1500", "k1"),
        ("llvm-linker", 1, "sun-0900", "h1"),  # another day, another room: each day counts alone
    )
    assert find_violations(conference, together) == []


def test_a_soft_track_in_many_rooms_is_no_violation() -> None:
    conference = window_instance(talks=three_talks(track="llvm"))
    plan = schedule(
        ("llvm-intro", 1, "sat-am-0900", "k1"),
        ("llvm-passes", 1, "sat-am-0900", "k2"),
        ("llvm-linker", 1, "sat-am-0900", "h1"),
    )
    assert find_violations(conference, plan) == []


# --- soft costs ---------------------------------------------------------------------------------


def short_rooms_instance(room_rule: str = "soft") -> Instance:
    """One window 09:00-12:00, but no room holds more than 90 minutes of talks: K.1.105 opens only
    09:00-10:00, K.2.201 closes 10:00-11:30 (60 + 30 minutes), H.1302 is open 09:00-10:30 with a
    break 09:30-09:40 (80 minutes). A fixed item does not shorten a room."""
    return window_instance(
        days=[{"date": SAT}],
        breakout_windows=[{"id": "sat", "label": "Saturday", "day": SAT, "start": "09:00", "end": "12:00", "step": 5}],
        rooms=[
            room("k1", "K.1.105", open=[{"day": SAT, "start": "09:00", "end": "10:00"}]),
            room("k2", "K.2.201", unavailable=[{"day": SAT, "start": "10:00", "end": "11:30"}]),
            room(
                "h1",
                "H.1302",
                open=[{"day": SAT, "start": "09:00", "end": "10:30"}],
                unavailable=[{"day": SAT, "start": "09:30", "end": "09:40"}],
            ),
        ],
        tracks=[{"id": "llvm", "name": "LLVM", "room_rule": room_rule}],
        fixed_items=[fixed("keysigning", "11:00", "11:30", day=SAT, room="k2")],
        talks=[window_talk(f"llvm-{n}", speakers=[s], track="llvm") for n, s in enumerate(["ann", "bo", "cy", "ann"])],
    )


def test_a_track_whose_minutes_outlast_every_room_needs_two_rooms() -> None:
    """100 minutes of LLVM against at most 90 in any room: two rooms are the fewest, so
    two cost nothing and three cost one extra room (and the hard rule allows two, not three)."""
    two_rooms = schedule(
        ("llvm-0", 1, "sat-0900", "k2"),
        ("llvm-1", 1, "sat-0925", "k2"),
        ("llvm-2", 1, "sat-1130", "k2"),
        ("llvm-3", 1, "sat-0940", "h1"),
    )
    conference = short_rooms_instance()
    assert find_violations(conference, two_rooms) == []
    assert cost_of(score_schedule(conference, two_rooms), "track_extra_room").cost == 0
    three_rooms = schedule(
        ("llvm-0", 1, "sat-0900", "k2"),
        ("llvm-1", 1, "sat-0930", "k1"),
        ("llvm-2", 1, "sat-1130", "k2"),
        ("llvm-3", 1, "sat-0940", "h1"),
    )
    assert find_violations(conference, three_rooms) == []
    rule = cost_of(score_schedule(conference, three_rooms), "track_extra_room")
    assert rule.items == (
        CostItem(
            "LLVM",
            100,
            "Sat 1 Feb: 3 rooms (K.2.201, K.1.105 and H.1302); its 100 minutes fit in 2 "
            "(a room holds at most 90 minutes of talks that day)",
        ),
    )
    hard = short_rooms_instance("hard")
    assert find_violations(hard, two_rooms) == []
    assert (
        "its 100 minutes need only 2" in only(find_violations(hard, three_rooms), "track in its fewest rooms").message
    )


def test_a_rooms_minutes_are_added_up_over_the_windows_of_a_day() -> None:
    """Two windows that meet at noon give a room 360 minutes of talks, so 200 minutes of LLVM fit
    in one room (before and after noon): three rooms cost two extra."""
    conference = window_instance(
        days=[{"date": SAT}],
        breakout_windows=[
            {"id": "am", "label": "Morning", "day": SAT, "start": "09:00", "end": "12:00", "step": 5},
            {"id": "pm", "label": "Afternoon", "day": SAT, "start": "12:00", "end": "15:00", "step": 5},
        ],
        talks=[
            window_talk(f"llvm-{n}", speakers=[speaker], track="llvm", minutes=50)
            for n, speaker in enumerate(["ann", "bo", "cy", "ann"])
        ],
    )
    plan = schedule(
        ("llvm-0", 1, "am-0900", "k1"),
        ("llvm-1", 1, "am-0950", "k2"),
        ("llvm-2", 1, "pm-1200", "k1"),
        ("llvm-3", 1, "pm-1250", "h1"),
    )
    assert find_violations(conference, plan) == []
    rule = cost_of(score_schedule(conference, plan), "track_extra_room")
    assert rule.cost == 200
    assert rule.items[0].detail.endswith(
        "its 200 minutes fit in 1 (a room holds at most 360 minutes of talks that day)"
    )


def test_each_track_pays_per_day_for_each_room_beyond_the_fewest() -> None:
    conference = window_instance(
        talks=[*three_talks(track="llvm"), window_talk("rust-async", speakers=["bo"], track="rust")],
        weights={"track_extra_room": 7},
    )
    plan = schedule(
        ("llvm-intro", 1, "sat-am-0900", "k1"),
        ("llvm-passes", 1, "sat-am-0900", "k2"),
        ("llvm-linker", 1, "sat-am-0900", "h1"),
        ("rust-async", 1, "sun-0900", "k1"),
    )
    rule = cost_of(score_schedule(conference, plan), "track_extra_room")
    assert (rule.weight, rule.cost) == (7, 7 * 2)
    assert rule.items == (
        CostItem(
            "LLVM",
            14,
            "Sat 1 Feb: 3 rooms (K.1.105, K.2.201 and H.1302); its 75 minutes fit in 1 "
            "(a room holds at most 420 minutes of talks that day)",
        ),
    )


def test_a_track_pays_for_each_minute_its_room_stands_empty_between_its_talks() -> None:
    """K.1.105 holds LLVM 09:00-09:25, 09:40-10:05, 10:05-10:30 and 11:00-11:25: gaps of 15 and 30
    minutes (a Rust talk in the second gap does not fill it for LLVM). K.2.201 holds LLVM
    09:00-09:25 and 09:30-09:55: 5 minutes. Sunday's talk in K.1.105 is another day."""
    conference = window_instance(
        talks=[
            window_talk("llvm-a", speakers=["ann"], track="llvm"),
            window_talk("llvm-b", speakers=["ann"], track="llvm"),
            window_talk("llvm-c", speakers=["ann"], track="llvm"),
            window_talk("llvm-d", speakers=["ann"], track="llvm"),
            window_talk("llvm-e", speakers=["bo"], track="llvm"),
            window_talk("llvm-f", speakers=["bo"], track="llvm"),
            window_talk("llvm-g", speakers=["bo"], track="llvm"),
            window_talk("rust-async", speakers=["cy"], track="rust"),
        ],
        weights={"track_gap_minute": 2},
    )
    plan = schedule(
        ("llvm-c", 1, "sat-am-1005", "k1"),  # listed out of order: gaps follow the clock
        ("llvm-a", 1, "sat-am-0900", "k1"),
        ("llvm-b", 1, "sat-am-0940", "k1"),
        ("llvm-d", 1, "sat-am-1100", "k1"),
        ("rust-async", 1, "sat-am-1030", "k1"),
        ("llvm-e", 1, "sat-am-0900", "k2"),
        ("llvm-f", 1, "sat-am-0930", "k2"),
        ("llvm-g", 1, "sun-0900", "k1"),
    )
    assert find_violations(conference, plan) == []
    rule = cost_of(score_schedule(conference, plan), "track_gap_minute")
    assert (rule.weight, rule.cost) == (2, 2 * (15 + 30 + 5))
    assert rule.items == (
        CostItem("LLVM", 90, "Sat 1 Feb in K.1.105: empty 09:25-09:40 and 10:30-11:00 (45 minutes)"),
        CostItem("LLVM", 10, "Sat 1 Feb in K.2.201: empty 09:25-09:30 (5 minutes)"),
    )


def test_talks_back_to_back_in_their_fewest_rooms_cost_nothing_for_the_track() -> None:
    conference = window_instance(talks=three_talks(track="llvm"))
    plan = schedule(
        ("llvm-intro", 1, "sat-am-0900", "k1"),
        ("llvm-passes", 1, "sat-am-0925", "k1"),
        ("llvm-linker", 1, "sat-am-0950", "k1"),
    )
    score = score_schedule(conference, plan)
    assert [cost_of(score, rule).cost for rule in ("track_extra_room", "track_gap_minute")] == [0, 0]


def test_the_score_lists_the_window_rules_in_order_and_sums_them() -> None:
    """Idle slots and choice per slot are defined on labelled slots: on windows they are not listed."""
    conference = window_instance(
        talks=[
            window_talk("llvm-intro", occurrences=2, track="llvm", expected_attendance=60),
            window_talk("llvm-passes", speakers=["bo"], track="llvm", expected_attendance=50),
        ]
    )
    plan = schedule(
        ("llvm-intro", 1, "sat-am-0900", "k1"),
        ("llvm-passes", 1, "sat-am-0930", "k1"),
        ("llvm-intro", 2, "sat-pm-1300", "k2"),
    )
    score = score_schedule(conference, plan)
    assert [r.rule for r in score.rules] == [
        "repeat_room_change",
        "seat_short",
        "seat_empty",
        "track_extra_room",
        "track_gap_minute",
    ]
    # Room change 40; 10 short in K.1.105 (capacity 50) 10*10; 20 empty in K.2.201 (80); LLVM uses 2 rooms for
    # 75 minutes, 1 would do: 100; the gap in K.1.105 09:25-09:30: 5.
    assert [r.cost for r in score.rules] == [40, 100, 20, 100, 5]
    assert score.total == 265
    assert cost_of(score, "seat_short").items == (
        CostItem("Llvm Intro", 100, "60 expected, 50 seats in K.1.105, Saturday morning, Sat 1 Feb 09:00-09:25"),
    )


# --- a FOSDEM-sized weekend ---------------------------------------------------------------------


def test_a_thousand_talk_weekend_is_judged_and_one_room_clash_found() -> None:
    conference, plan = devroom_weekend(1000)
    assert find_violations(conference, plan) == []
    first, second, *rest = plan.placements
    clash = Schedule(placements=(first, second.model_copy(update={"slot": first.slot}), *rest))
    found = find_violations(conference, clash)
    assert [v.rule for v in found] == ["room holds one thing at a time"]
    assert found[0].placements == (("t0", 1), ("t1", 1))


# --- what a planner reads -----------------------------------------------------------------------


WINDOW_YAML = """
conference: {name: Devrooms, venue: ULB}
days: [{date: 2025-02-01}]
rooms:
  - {id: k1, name: K.1.105, capacity: 50}
  - {id: k2, name: K.2.201, capacity: 50, open: [{day: 2025-02-01, start: "10:30", end: "19:00"}]}
speakers: [{id: ann, name: Ann Lee}, {id: bo, name: Bo Chen}]
breakout_windows:
  - {id: sat, label: Saturday, day: 2025-02-01, start: "09:00", end: "19:00", step: 5}
tracks:
  - {id: llvm, name: LLVM, room_rule: hard}
talks:
  - {id: e1, title: A New Approach, speakers: [ann], minutes: 25, track: llvm, expected_attendance: 50}
  - {id: e2, title: Passes, speakers: [bo], minutes: 25, track: llvm, expected_attendance: 50}
  - {id: e3, title: Linkers, speakers: [bo], minutes: 25, track: llvm, expected_attendance: 50}
"""


def test_the_check_report_names_the_window_rules_and_the_track_that_pays() -> None:
    conference = parse_instance(WINDOW_YAML)
    plan = schedule(("e1", 1, "sat-0900", "k1"), ("e2", 1, "sat-1000", "k2"), ("e3", 1, "sat-0935", "k1"))
    console = Console(record=True, width=200)
    rows = {("e1", 1): 2, ("e2", 1): 3, ("e3", 1): 4}
    render_check(console, find_violations(conference, plan), score_schedule(conference, plan), rows)
    text = console.export_text()
    assert "talk inside the room's opening hours (1)" in text
    assert "row 3: 'Passes' (Saturday, Sat 1 Feb 10:00-10:25) is in K.2.201, which is open for talks only" in text
    assert "track in its fewest rooms (1)" in text
    assert "rows 2, 3, 4: LLVM uses 2 rooms on Sat 1 Feb (K.1.105 and K.2.201), but its 75 minutes need only 1" in text
    assert "a track keeps to the fewest rooms" in text and "LLVM (100)" in text
    assert "a track's talks follow one another" in text and "LLVM (10)" in text
    assert "speaker's talks are close together" not in text


def test_amj_check_judges_a_hand_edited_window_grid(tmp_path: Path) -> None:
    """A planner moves 'Passes' into K.2.201 before it opens: the grid is read back step by step
    and both broken rules point at the rows."""
    (tmp_path / "devrooms.yaml").write_text(WINDOW_YAML, encoding="utf-8")
    (tmp_path / "grid.csv").write_text(
        "day,start,end,slot,room,kind,session_id,occurrence,title\n"
        "2025-02-01,09:00,09:25,Saturday,K.1.105,talk,e1,1,A New Approach\n"
        "2025-02-01,10:00,10:25,Saturday,K.2.201,talk,e2,1,Passes\n"
        "2025-02-01,09:35,10:00,Saturday,K.1.105,talk,e3,1,Linkers\n",
        encoding="utf-8",
    )
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        main, ["check", str(tmp_path / "devrooms.yaml"), str(tmp_path / "grid.csv")], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "- row 3: 'Passes' (Saturday, Sat 1 Feb 10:00-10:25) is in K.2.201" in result.output
    assert "- rows 2, 3, 4: LLVM uses 2 rooms on Sat 1 Feb" in result.output
    assert "Soft cost 110." in result.output

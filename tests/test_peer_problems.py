"""The converters of the peer benchmark (`benchmarks/peers/peer_problems.py`), without the peers.

What conference-scheduler and Timefold are given for AMJ 2010 and PyCon UK 2016 is counted here,
and answers they really gave (`tests/data/peers/`) come back as schedules our checker judges.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.models import Instance, load_instance

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks" / "peers"))

from peer_problems import (  # noqa: E402
    NotRepresentable,
    conference_scheduler_problem,
    schedule_from_conference_scheduler,
    schedule_from_timefold,
    timefold_problem,
)

PEER_ANSWERS = ROOT / "tests" / "data" / "peers"


@pytest.fixture(scope="module")
def amj() -> Instance:
    return load_instance(ROOT / "instances" / "2010.yaml")


@pytest.fixture(scope="module")
def pyconuk() -> Instance:
    return load_instance(ROOT / "instances" / "pyconuk-2016.yaml")


def _event(problem: dict, name: str) -> tuple[int, dict]:
    return next((index, event) for index, event in enumerate(problem["events"]) if event["name"] == name)


def test_conference_scheduler_gets_an_event_per_occurrence_and_a_slot_per_room_and_session_of_amj_2010(
    amj: Instance,
) -> None:
    problem = conference_scheduler_problem(amj)
    assert len(problem["events"]) == 26  # 12 talks given twice, 2 once
    assert len(problem["slots"]) == 4 * 8  # Sessions I-IV in each of the 8 breakout rooms
    assert {slot["venue"] for slot in problem["slots"]} == {room.name for room in amj.rooms if room.breakout}
    assert all(event["demand"] == amj.talk_by_id[event["talk"]].expected_attendance for event in problem["events"])
    assert all(not event["unavailable_slots"] for event in problem["events"])  # nobody is away, nothing needs a feature


def test_conference_scheduler_keeps_repeats_speakers_and_the_girls_sessions_apart_by_event_unavailability(
    amj: Instance,
) -> None:
    problem = conference_scheduler_problem(amj)
    first, _ = _event(problem, "artist-as-creator#1")
    _, second_event = _event(problem, "artist-as-creator#2")
    assert first in second_event["unavailable_events"]
    real_you, real_you_event = _event(problem, "the-real-you#1")
    songwriter, _ = _event(problem, "many-sides-of-a-songwriter#1")
    assert songwriter in real_you_event["unavailable_events"]  # both Sara Groves's
    girls = [index for index, event in enumerate(problem["events"]) if amj.talk_by_id[event["talk"]].restricted_to]
    assert len(girls) == 2 and girls[0] in problem["events"][girls[1]]["unavailable_events"]
    assert real_you not in problem["events"][first]["unavailable_events"]


def test_conference_scheduler_gets_pycon_uks_own_constraints_as_slot_unavailability(pyconuk: Instance) -> None:
    problem = conference_scheduler_problem(pyconuk)
    assert (len(problem["events"]), len(problem["slots"])) == (69, 27 * 5)
    room_a = {index for index, slot in enumerate(problem["slots"]) if slot["room"] == "room-a"}
    assert len(room_a) == 27 and all(room_a <= set(event["unavailable_slots"]) for event in problem["events"])
    _, alex = _event(problem, "an-introduction-to-property-based-testing#1")
    friday = {index for index, slot in enumerate(problem["slots"]) if slot["slot"].startswith("fri-")}
    sunday_morning = {index for index, slot in enumerate(problem["slots"]) if slot["slot"] in ("sun-1015", "sun-1115")}
    assert set(alex["unavailable_slots"]) == room_a | friday | sunday_morning
    assert sum(len(event["unavailable_slots"]) for event in problem["events"]) == 60 * 27 + 8 * 123 + 71
    _, owen_event = _event(problem, "ancient-greek-philosophy-medieval-mental-models#1")
    thomas, _ = _event(problem, "using-python-for-national-cipher-challenge#1")
    assert thomas in owen_event["unavailable_events"]


def test_a_talk_of_several_slots_cannot_be_given_to_conference_scheduler(amj: Instance) -> None:
    talks = list(amj.talks)
    talks[0] = talks[0].model_copy(update={"length": 2, "occurrences": 1})
    with pytest.raises(NotRepresentable, match="several consecutive slots"):
        conference_scheduler_problem(amj.model_copy(update={"talks": tuple(talks)}))


def test_timefold_gets_each_occurrence_every_start_and_the_breakout_rooms_of_amj_2010(amj: Instance) -> None:
    problem = timefold_problem(amj)
    assert len(problem["occurrences"]) == 26
    assert [start["id"] for start in problem["starts"]] == ["session-i", "session-ii", "session-iii", "session-iv"]
    assert len(problem["rooms"]) == 8
    assert all(start["run_end"]["1"] - start["start"] == 45 for start in problem["starts"])
    busy = {speaker["id"] for speaker in problem["speakers"]}
    assert "sara-groves" in busy  # her Friday concert and the Sunday service


def test_a_conference_schedulers_answer_for_amj_2010_is_judged_by_our_checker(amj: Instance) -> None:
    answer = json.loads((PEER_ANSWERS / "amj-2010-conference-scheduler.json").read_text())
    schedule = schedule_from_conference_scheduler(amj, conference_scheduler_problem(amj), answer["solution"])
    assert not find_violations(amj, schedule)
    score = score_schedule(amj, schedule)
    # Its model holds our hard rules but only our seat prices: its seats cost what our optimum's do (345),
    # the rest is what it cannot see: repeats changing rooms, speakers waiting, uneven choice.
    assert score.total == 845
    costs = {rule.rule: rule.cost for rule in score.rules if rule.cost}
    assert costs == {"repeat_room_change": 280, "speaker_idle_slot": 180, "seat_empty": 345, "choice_imbalance": 40}


def test_a_timefold_answer_for_amj_2010_comes_back_with_occurrences_in_clock_order(amj: Instance) -> None:
    answer = json.loads((PEER_ANSWERS / "amj-2010-timefold.json").read_text())
    schedule = schedule_from_timefold(amj, answer["assignments"])
    assert not find_violations(amj, schedule)
    assert score_schedule(amj, schedule).total == 345  # the proven optimum
    swapped = [
        [occurrence, {"session-i": "session-ii", "session-ii": "session-i"}.get(start, start), room]
        for occurrence, start, room in answer["assignments"]
    ]
    renumbered = schedule_from_timefold(amj, swapped)
    first = next(p for p in renumbered.placements if p.talk == "artist-as-creator" and p.occurrence == 1)
    assert first.slot == "session-i"


def test_a_timefold_answer_that_double_books_a_room_is_found_out(amj: Instance) -> None:
    answer = json.loads((PEER_ANSWERS / "amj-2010-timefold.json").read_text())
    crowded = [[occurrence, start, "nicholson-hall"] for occurrence, start, room in answer["assignments"]]
    violations = find_violations(amj, schedule_from_timefold(amj, crowded))
    assert any(violation.rule == "room holds one thing at a time" for violation in violations)

"""The rules a planner writes on talks, speakers and rooms (issue 14), each on a small conference.

For each rule: the solver places as the rule asks (and the independent checker agrees on every hard
rule and on the cost), the checker flags a grid that breaks it, and a hard rule that makes the plan
impossible is named by the explanation as the planner wrote it.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, get_args

import pytest
from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.cli import main
from amj_scheduler.models import Instance
from amj_scheduler.models.requirements import Kind, Requirement, describe, relaxation_text, relaxed
from amj_scheduler.reports.explanation import DISRUPTION
from amj_scheduler.solver import SolveOptions, solve
from click.testing import CliRunner

from .builders import SAT, THU, instance, schedule, talk, window_instance, window_talk
from .test_solver_rules import HALL, MOD1, S1, S2, S3, checked_outcome, cost_of, rooms_of, slots_of, solved

ANN_AWAY_AFTER_S1 = [
    {"day": THU, "start": "11:00", "end": "23:59"},
    {"day": "2025-06-13", "start": "00:00", "end": "23:59"},
]


def rules_broken(conference: Instance, *placements: tuple[str, int, str, str]) -> list[str]:
    return [violation.rule for violation in find_violations(conference, schedule(*placements))]


def conflict_of(conference: Instance) -> tuple[Requirement, ...]:
    outcome = solve(conference, SolveOptions(time_limit=10))
    assert outcome.status == "infeasible" and outcome.diagnosis is not None
    return outcome.diagnosis.conflict


# --- allowed rooms and times ---------------------------------------------------------------------


def test_talk_with_allowed_rooms_goes_to_one_even_when_another_fits_better() -> None:
    # 30 people fit Modular I exactly; the talk may only use the hall.
    conference = instance(talks=[talk("modal-counterpoint", allowed_rooms=["hall"])])
    assert rooms_of(solved(conference), "modal-counterpoint") == ["hall"]
    assert rules_broken(conference, ("modal-counterpoint", 1, "s1", "mod1")) == ["talk in its allowed rooms"]


def test_talk_with_allowed_times_runs_inside_them() -> None:
    conference = instance(
        talks=[talk("modal-counterpoint", allowed_times=[{"day": THU, "start": "14:00", "end": "16:00"}])]
    )
    assert slots_of(solved(conference), "modal-counterpoint") == ["s3"]
    assert rules_broken(conference, ("modal-counterpoint", 1, "s1", "mod1")) == ["talk in its allowed times"]


def test_allowed_times_without_a_day_hold_every_day() -> None:
    # Mornings from 10:00 to 11:00 on any day: Session I on Thursday or Session IV on Friday.
    conference = instance(talks=[talk("modal-counterpoint", allowed_times=[{"start": "10:00", "end": "11:00"}])])
    assert slots_of(solved(conference), "modal-counterpoint")[0] in ("s1", "s4")
    assert rules_broken(conference, ("modal-counterpoint", 1, "s2", "mod1")) == ["talk in its allowed times"]


def test_allowed_times_that_touch_hold_a_talk_across_them() -> None:
    # 10:00-10:30 and 10:30-11:00 together hold Session I (10:00-11:00); neither alone does.
    halves = [{"day": THU, "start": "10:00", "end": "10:30"}, {"day": THU, "start": "10:30", "end": "11:00"}]
    conference = instance(talks=[talk("modal-counterpoint", allowed_times=halves)])
    assert slots_of(solved(conference), "modal-counterpoint") == ["s1"]
    assert rules_broken(conference, ("modal-counterpoint", 1, "s1", "mod1")) == []


def test_allowed_times_on_breakout_windows_bound_every_minute_of_the_talk() -> None:
    conference = window_instance(
        talks=[window_talk("llvm-intro", allowed_times=[{"day": SAT, "start": "13:00", "end": "13:25"}])]
    )
    plan = solved(conference)
    assert [p.slot for p in plan.placements] == ["sat-pm-1300"]
    assert rules_broken(conference, ("llvm-intro", 1, "sat-pm-1305", "k1")) == ["talk in its allowed times"]


def test_allowed_rooms_no_feature_room_can_be_is_explained_with_both_requirements() -> None:
    conference = instance(talks=[talk("modal-counterpoint", allowed_rooms=["mod1"], requires=["piano"])])
    conflict = conflict_of(conference)
    assert set(conflict) == {
        Requirement("allowed-rooms", "modal-counterpoint"),
        Requirement("requires", "modal-counterpoint", "piano"),
    }
    allowed = Requirement("allowed-rooms", "modal-counterpoint")
    assert describe(allowed, conference) == "may only go to Modular I"
    assert relaxation_text(allowed, conference) == "let 'Modal Counterpoint' use rooms other than Modular I"
    assert solve(relaxed(conference, allowed), SolveOptions(time_limit=10)).status == "optimal"


# --- not before, not after -----------------------------------------------------------------------


def test_hard_not_before_keeps_a_talk_out_of_the_morning() -> None:
    conference = instance(talks=[talk("modal-counterpoint", not_before={"day": THU, "time": "14:00"}, occurrences=2)])
    assert slots_of(solved(conference), "modal-counterpoint") == ["s3", "s4"]
    broken = rules_broken(conference, ("modal-counterpoint", 1, "s2", "mod1"), ("modal-counterpoint", 2, "s4", "mod1"))
    assert broken == ["talk within its hard time bounds"]


def test_hard_not_after_keeps_a_talk_ending_by_it() -> None:
    conference = instance(talks=[talk("modal-counterpoint", not_after={"day": THU, "time": "11:00"})])
    assert slots_of(solved(conference), "modal-counterpoint") == ["s1"]
    assert rules_broken(conference, ("modal-counterpoint", 1, "s2", "mod1")) == ["talk within its hard time bounds"]


def test_soft_not_before_costs_each_minute_early() -> None:
    # Ann is away after Session I, so her talk must run at 10:00, 75 minutes before 11:15.
    conference = instance(
        speakers=[{"id": "ann", "name": "Ann Lee", "unavailable": ANN_AWAY_AFTER_S1}],
        talks=[talk("modal-counterpoint", not_before={"day": THU, "time": "11:15", "hard": False})],
    )
    outcome = checked_outcome(conference)
    assert outcome.schedule is not None
    assert cost_of(conference, outcome.schedule, "early_or_late_minute").cost == 75


def test_soft_not_after_is_kept_when_it_can_be() -> None:
    conference = instance(talks=[talk("modal-counterpoint", not_after={"day": THU, "time": "12:15", "hard": False})])
    plan = solved(conference)
    assert slots_of(plan, "modal-counterpoint")[0] in ("s1", "s2")
    late = score_schedule(conference, schedule(("modal-counterpoint", 1, "s3", "mod1")))
    assert (
        next(r for r in late.rules if r.rule == "early_or_late_minute").cost == 165
    )  # 15:00 is 165 minutes past 12:15


def test_bounds_that_leave_no_slot_are_explained_by_the_bound() -> None:
    conference = instance(
        breakout_slots=[S1, S2],
        talks=[talk("modal-counterpoint", not_before={"day": THU, "time": "12:00"})],
    )
    assert conflict_of(conference) == (Requirement("not-before", "modal-counterpoint"),)


# --- talks kept apart ----------------------------------------------------------------------------


def kept_apart(hard: bool, **fields: Any) -> Instance:
    """Ann must talk in Session I; Bo would rather, so only the group keeps Bo's talk elsewhere."""
    return instance(
        speakers=[
            {"id": "ann", "name": "Ann Lee", "unavailable": ANN_AWAY_AFTER_S1},
            {"id": "bo", "name": "Bo Chen", "prefers": [{"day": THU, "start": "10:00", "end": "11:00"}]},
            {"id": "cy", "name": "Cy Diaz"},
        ],
        talks=[talk("counterpoint", topics=["harmony"]), talk("fugue", speakers=["bo"], topics=["harmony"])],
        apart=[{"id": "harmony-talks", "topics": ["harmony"], "hard": hard, "reason": "one audience for both"}],
        **fields,
    )


def test_talks_of_a_hard_apart_group_never_run_at_once_even_against_a_speakers_wish() -> None:
    conference = kept_apart(hard=True)
    outcome = checked_outcome(conference)
    assert outcome.schedule is not None
    assert slots_of(outcome.schedule, "fugue") != ["s1"]
    assert cost_of(conference, outcome.schedule, "speaker_preferred_time").cost == 10
    broken = rules_broken(conference, ("counterpoint", 1, "s1", "hall"), ("fugue", 1, "s1", "mod1"))
    assert broken == ["talks kept apart never clash"]


def test_a_soft_apart_group_costs_each_clash() -> None:
    # Keeping apart (50) costs more than Bo's preferred time (10): apart they stay, at 10.
    conference = kept_apart(hard=False)
    outcome = checked_outcome(conference)
    assert outcome.schedule is not None and slots_of(outcome.schedule, "fugue") != ["s1"]
    clash = score_schedule(conference, schedule(("counterpoint", 1, "s1", "hall"), ("fugue", 1, "s1", "mod1")))
    assert next(r for r in clash.rules if r.rule == "apart_clash").cost == 50


def test_a_hard_apart_group_that_cannot_hold_is_explained_with_the_absences() -> None:
    conference = kept_apart(hard=True, breakout_slots=[S1])
    conflict = conflict_of(conference)
    assert Requirement("apart", "harmony-talks") in conflict
    apart = Requirement("apart", "harmony-talks")
    assert describe(apart, conference) == "must not run at the same time (one audience for both)"
    assert solve(relaxed(conference, apart), SolveOptions(time_limit=10)).status == "optimal"


# --- a room's changeover -------------------------------------------------------------------------


def test_changeover_longer_than_the_break_keeps_a_room_from_consecutive_slots() -> None:
    # Sessions I and II are 15 minutes apart; the hall needs 20 to change over.
    hall = HALL | {"changeover": 20}
    conference = instance(
        breakout_slots=[S1, S2, S3],
        rooms=[hall, MOD1],
        talks=[
            talk("counterpoint", expected_attendance=60, pins=[{"slot": "s1"}]),
            talk("fugue", speakers=["bo"], expected_attendance=60, pins=[{"slot": "s2"}]),
        ],
    )
    plan = solved(conference)
    assert sorted(rooms_of(plan, "counterpoint") + rooms_of(plan, "fugue")) == ["hall", "mod1"]
    broken = rules_broken(conference, ("counterpoint", 1, "s1", "hall"), ("fugue", 1, "s2", "hall"))
    assert broken == ["room changeover between talks"]
    unpinned = conference.model_copy(
        update={"talks": tuple(t.model_copy(update={"pins": ()}) for t in conference.talks)}
    )
    assert rules_broken(unpinned, ("counterpoint", 1, "s1", "hall"), ("fugue", 1, "s3", "hall")) == []


def test_changeover_on_breakout_windows_leaves_minutes_between_talks_of_one_track() -> None:
    rooms = [{"id": "k1", "name": "K.1.105", "capacity": 50, "changeover": 10}]
    conference = window_instance(
        rooms=rooms,
        breakout_windows=[
            {"id": "sat-am", "label": "Saturday", "day": SAT, "start": "09:00", "end": "11:00", "step": 5}
        ],
        talks=[window_talk(f"llvm-{n}", speakers=[], track="llvm") for n in range(3)],
    )
    plan = solved(conference)
    starts = sorted(conference.slot_by_id[p.slot].start for p in plan.placements)
    assert all(later - earlier >= 35 for earlier, later in itertools.pairwise(starts))
    back_to_back = [
        ("llvm-0", 1, "sat-am-0900", "k1"),
        ("llvm-1", 1, "sat-am-0925", "k1"),
        ("llvm-2", 1, "sat-am-1000", "k1"),
    ]
    assert rules_broken(conference, *back_to_back) == ["room changeover between talks"]


def test_changeover_that_leaves_no_room_is_explained_by_it() -> None:
    hall = HALL | {"changeover": 20}
    conference = instance(
        breakout_slots=[S1, S2],
        rooms=[hall],
        talks=[talk("counterpoint"), talk("fugue", speakers=["bo"])],
    )
    assert conflict_of(conference) == (Requirement("changeover", "hall"),)
    assert describe(Requirement("changeover", "hall"), conference) == "needs 20 minutes empty between two talks"


# --- speakers' times, talks' rooms ---------------------------------------------------------------


def test_speaker_avoids_a_time_they_could_make() -> None:
    conference = instance(
        breakout_slots=[S1, S2],
        speakers=[
            {"id": "ann", "name": "Ann Lee", "avoids": [{"start": "09:00", "end": "11:00", "reason": "school run"}]}
        ],
        talks=[talk("counterpoint")],
    )
    assert slots_of(solved(conference), "counterpoint") == ["s2"]
    early = score_schedule(conference, schedule(("counterpoint", 1, "s1", "mod1")))
    assert next(r for r in early.rules if r.rule == "speaker_avoided_time").cost == 10


def test_talk_prefers_a_room_over_the_seats_that_fit() -> None:
    # 30 people: Modular I fits (cost 0), the hall leaves 30 empty seats (cost 30); the preference costs 10.
    conference = instance(talks=[talk("counterpoint", preferred_rooms=["hall"])])
    assert rooms_of(solved(conference), "counterpoint") == ["mod1"]
    cheap = instance(talks=[talk("counterpoint", preferred_rooms=["hall"])], weights={"room_not_preferred": 50})
    assert rooms_of(solved(cheap), "counterpoint") == ["hall"]


def test_talk_stays_out_of_a_room_it_avoids_when_another_fits() -> None:
    conference = instance(
        breakout_slots=[S1],
        rooms=[HALL, MOD1, MOD1 | {"id": "mod2", "name": "Modular II"}],
        talks=[talk("counterpoint", avoided_rooms=["mod1"])],
    )
    assert rooms_of(solved(conference), "counterpoint") == ["mod2"]
    avoided = score_schedule(conference, schedule(("counterpoint", 1, "s1", "mod1")))
    assert next(r for r in avoided.rules if r.rule == "room_avoided").cost == 10


def test_rules_nobody_asks_for_are_not_in_the_conferences_book() -> None:
    plain = instance()
    asked = kept_apart(hard=False)
    plain_rules = {rule.rule for rule in score_schedule(plain, schedule()).rules}
    asked_rules = {rule.rule for rule in score_schedule(asked, schedule()).rules}
    assert "apart_clash" not in plain_rules and "speaker_preferred_time" not in plain_rules
    assert {"apart_clash", "speaker_preferred_time"} <= asked_rules


# --- an impossible plan, explained on the command line -------------------------------------------

AMJ_2010 = Path(__file__).parents[1] / "instances" / "2010.yaml"


def amj_2010_with(tmp_path: Path, on_artist_as_creator: str = "", at_the_end: str = "") -> Path:
    """AMJ 2010 with lines added to 'The Artist as Creator' (given twice) and to the end of the file."""
    text = AMJ_2010.read_text(encoding="utf-8")
    head = "  - id: artist-as-creator\n"
    text = text.replace(head, head + on_artist_as_creator, 1) + at_the_end
    path = tmp_path / "amj.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_kind_of_requirement_has_a_place_in_the_order_of_suggested_changes() -> None:
    assert set(get_args(Kind)) == set(DISRUPTION)


@pytest.mark.parametrize(
    ("on_talk", "at_the_end", "said"),
    [
        (
            '    allowed_times: [{day: 2010-04-17, start: "12:00", end: "14:00"}]\n',
            "",
            "may only run Saturday 12:00-14:00 (line 297)",
        ),
        (
            "",
            "apart:\n  - {id: one-audience, talks: [artist-as-creator, poverty-in-africa, culture-stream]}\n",
            "must not run at the same time (line 399)",
        ),
    ],
)
def test_a_talk_rule_that_makes_amj_2010_impossible_is_explained_at_its_line(
    tmp_path: Path, on_talk: str, at_the_end: str, said: str
) -> None:
    # Allowed times holding no breakout slot; three talks given twice kept apart in four slots.
    path = amj_2010_with(tmp_path, on_talk, at_the_end)
    for verb in (["solve", "--out", str(tmp_path / "out")], ["explain"]):
        result = CliRunner().invoke(main, [*verb, str(path), "--time-limit", "5"])
        assert result.exit_code == 1, result.output
        assert f"No schedule exists for {path}." in result.output
        assert said in result.output
        assert not (tmp_path / "out").exists()

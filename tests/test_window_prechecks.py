"""Before any search on breakout windows: what simple counting shows impossible, in the planner's
words, naming the people, the talks and the lines of the instance file.

And the instance features real conferences need, shown on small conferences where they change
the answer: talks without speakers, talks held inside another (a lightning-talk block), theme
tracks placed talk by talk, and a day that runs past midnight.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from amj_scheduler.checker import find_violations
from amj_scheduler.models import Instance, load_instance
from amj_scheduler.models.source_lines import ItemLines
from amj_scheduler.solver import SolveOptions, find_impossibilities, solve
from ruamel.yaml import YAML

from .builders import SAT, SUN, schedule, window_instance, window_talk

PIN_SAT = [{"day": SAT}]


def saturday_talks(*talks: dict[str, Any], **fields: Any) -> Instance:
    return window_instance(talks=list(talks), **fields)


def test_a_speaker_with_more_minutes_than_their_day_is_named_with_each_talk() -> None:
    # Saturday's windows hold 180 + 240 = 420 minutes; Ann is given 450 on it.
    conference = saturday_talks(
        window_talk("a", minutes=240, pins=PIN_SAT),
        window_talk("b", minutes=210, pins=PIN_SAT),
    )
    assert find_impossibilities(conference) == [
        "Ann Lee has 450 minutes of talks on 2025-02-01 ('A' (240 min), 'B' (210 min)), but that day's breakout "
        "windows hold 420 minutes."
    ]
    outcome = solve(conference, SolveOptions(time_limit=5))
    assert outcome.status == "infeasible" and outcome.impossibilities


def test_a_speaker_away_has_fewer_minutes() -> None:
    conference = saturday_talks(
        window_talk("a", minutes=120, pins=[{"day": SUN}]),
        speakers=[
            {"id": "ann", "name": "Ann Lee", "unavailable": [{"day": SUN, "start": "09:00", "end": "10:30"}]},
        ],
    )
    assert find_impossibilities(conference) == [
        "Ann Lee has 120 minutes of talks on 2025-02-02 ('A' (120 min)), but that day's breakout windows hold 90 "
        "minutes less the time they are away or lead fixed items."
    ]


def test_a_day_with_more_talk_minutes_than_open_room_minutes() -> None:
    rooms = [{"id": "k1", "name": "K.1.105", "capacity": 50}]
    talks = [window_talk(f"t{n}", speakers=[], minutes=60, pins=[{"day": SUN}]) for n in range(4)]
    conference = saturday_talks(*talks, rooms=rooms, speakers=[])
    assert find_impossibilities(conference) == [
        "2025-02-02 has 240 minutes of talks pinned to it, but its breakout rooms are open for 180 minutes inside "
        "its breakout windows."
    ]


def test_a_hard_track_beyond_its_fewest_rooms() -> None:
    # 200 minutes need 2 rooms (the longest holds 180), but the second is open for 15 minutes only.
    rooms = [
        {"id": "k1", "name": "K.1.105", "capacity": 50},
        {"id": "k2", "name": "K.2.201", "capacity": 50, "open": [{"day": SUN, "start": "09:00", "end": "09:15"}]},
    ]
    talks = [window_talk(f"t{n}", speakers=[], minutes=50, track="llvm", pins=[{"day": SUN}]) for n in range(4)]
    conference = saturday_talks(
        *talks, rooms=rooms, speakers=[], tracks=[{"id": "llvm", "name": "LLVM", "room_rule": "hard"}]
    )
    assert find_impossibilities(conference) == [
        "The hard track LLVM has 200 minutes of talks on 2025-02-02: it may use only its fewest 2 room(s), but the "
        "2 rooms open longest that day hold 195 minutes (K.1.105 180, K.2.201 15).",
        "2025-02-02 has 200 minutes of talks pinned to it, but its breakout rooms are open for 195 minutes inside "
        "its breakout windows.",
    ]


def test_pinned_talks_that_overlap_in_a_room_for_a_speaker_or_an_audience() -> None:
    pinned = [{"day": SAT, "slot": "sat-am-1000", "room": "k1"}]
    conference = saturday_talks(
        window_talk("a", minutes=60, pins=pinned, restricted_to="children"),
        window_talk(
            "b", minutes=30, pins=[{"day": SAT, "slot": "sat-am-1030", "room": "k1"}], restricted_to="children"
        ),
    )
    assert find_impossibilities(conference) == [
        "'A' and 'B' are both pinned to K.1.105 on 2025-02-01, at overlapping times.",
        "Ann Lee gives 'A' and 'B', which are pinned to overlapping times on 2025-02-01.",
        "'A' and 'B' are both for Children and pinned to overlapping times on 2025-02-01.",
    ]


def test_a_room_with_more_pinned_minutes_than_it_is_open() -> None:
    conference = saturday_talks(
        window_talk("a", speakers=[], minutes=120, pins=[{"day": SUN, "room": "k1"}]),
        window_talk("b", speakers=["bo"], minutes=90, pins=[{"day": SUN, "room": "k1"}]),
    )
    assert find_impossibilities(conference) == [
        "K.1.105 has 210 minutes of talks pinned to it on 2025-02-02 ('A' (120 min), 'B' (90 min)), but it is open "
        "for 180 minutes inside that day's breakout windows."
    ]


def test_the_reasons_name_the_lines_of_the_instance_file(tmp_path: Path) -> None:
    conference = saturday_talks(
        window_talk("a", minutes=240, pins=PIN_SAT), window_talk("b", minutes=210, pins=PIN_SAT)
    )
    path = tmp_path / "over.yaml"
    YAML().dump(conference.model_dump(mode="json", exclude_defaults=True), path)
    lines = path.read_text().splitlines()
    line_of = {
        talk: next(n for n, text in enumerate(lines, start=1) if text.strip() == f"- id: {talk}") for talk in "ab"
    }
    [message] = find_impossibilities(load_instance(path), ItemLines.read(path))
    assert f"('A' (240 min, line {line_of['a']}), 'B' (210 min, line {line_of['b']}))" in message


def test_six_hundred_pinned_talks_are_counted_in_well_under_a_second() -> None:
    """Timing here only guards against a quadratic slip; the figures are measured in benchmarks/."""
    talks = [window_talk(f"t{n}", speakers=[f"s{n % 200}"], minutes=5, pins=PIN_SAT) for n in range(600)]
    speakers = [{"id": f"s{n}", "name": f"Speaker {n}"} for n in range(200)]
    conference = saturday_talks(*talks, speakers=speakers)
    started = time.perf_counter()
    assert find_impossibilities(conference)  # 3,000 minutes of talks on a day of 1,260 room-minutes
    assert time.perf_counter() - started < 1.0


# --- what real conferences need of the instance ------------------------------------------


def test_talks_without_speakers_may_run_at_once() -> None:
    """Three 3-hour meetings on a 3-hour Sunday in three rooms: an invented shared speaker would make
    this impossible; with none, they run side by side."""
    conference = saturday_talks(
        *(window_talk(f"t{n}", speakers=[], minutes=180, pins=[{"day": SUN}]) for n in range(3)),
    )
    assert find_impossibilities(conference) == []
    outcome = solve(conference, SolveOptions(time_limit=10))
    assert outcome.status == "optimal" and outcome.schedule is not None
    assert find_violations(conference, outcome.schedule) == []
    assert len({p.room for p in outcome.schedule.placements}) == 3


def lightning_block(**fields: Any) -> dict[str, Any]:
    """A 30-minute block by Ann holding Bo's five-minute talk from its 10th minute."""
    return window_talk(
        "block",
        minutes=30,
        contains=[{"id": "lt1", "title": "Five minutes", "speakers": ["bo"], "offset": 10, "minutes": 5}],
        **fields,
    )


def test_a_contained_talks_speaker_is_busy_for_its_own_minutes_only() -> None:
    pinned = [{"day": SUN, "slot": "sun-0900", "room": "k1"}]
    conference = saturday_talks(
        lightning_block(pins=pinned),
        window_talk("bos-own", speakers=["bo"], minutes=10, pins=[{"day": SUN, "slot": "sun-0900", "room": "k2"}]),
        window_talk("bos-later", speakers=["bo"], minutes=20, pins=[{"day": SUN}]),
    )
    assert find_impossibilities(conference) == []  # 09:00-09:10 ends before his 09:10 lightning talk
    outcome = solve(conference, SolveOptions(time_limit=10))
    assert outcome.status == "optimal" and outcome.schedule is not None
    assert find_violations(conference, outcome.schedule) == []
    later = next(p for p in outcome.schedule.placements if p.talk == "bos-later")
    start = conference.slot_by_id[later.slot].start
    assert not (9 * 60 + 10 - 20 < start < 9 * 60 + 15)  # never across his lightning talk


def test_the_checker_names_a_contained_talk_its_speaker_cannot_give() -> None:
    conference = saturday_talks(lightning_block(), window_talk("bos-own", speakers=["bo"], minutes=10))
    clashing = schedule(("block", 1, "sun-0900", "k1"), ("bos-own", 1, "sun-0910", "k2"))
    [violation] = find_violations(conference, clashing)
    assert violation.message.startswith(
        "Bo Chen would be in two places at once: 'Five minutes' (in 'Block' (Sunday, Sun 2 Feb 09:00-09:30), "
        "09:10-09:15) and 'Bos Own' (Sunday, Sun 2 Feb 09:10-09:20)"
    )
    fine = schedule(("block", 1, "sun-0900", "k1"), ("bos-own", 1, "sun-0915", "k2"))
    assert find_violations(conference, fine) == []


def theme_around_a_pinned_talk(rule: str) -> Instance:
    """One room, Sunday 09:00-12:00: two LLVM talks and a Rust talk pinned at 10:00 between them."""
    return saturday_talks(
        window_talk("t1", speakers=["ann"], minutes=60, track="llvm", pins=[{"day": SUN}]),
        window_talk("t2", speakers=["bo"], minutes=60, track="llvm", pins=[{"day": SUN}]),
        window_talk(
            "u1", speakers=["cy"], minutes=60, track="rust", pins=[{"day": SUN, "slot": "sun-1000", "room": "k1"}]
        ),
        rooms=[{"id": "k1", "name": "K.1.105", "capacity": 50}],
        tracks=[{"id": "llvm", "name": "LLVM", "room_rule": rule, "color": "#0347B4"}, {"id": "rust", "name": "Rust"}],
    )


def test_a_theme_track_is_placed_talk_by_talk_around_other_sessions() -> None:
    """A congress interleaves its themes in its halls; a devroom's talks follow one another."""
    outcome = solve(theme_around_a_pinned_talk("none"), SolveOptions(time_limit=10))
    assert outcome.status == "optimal" and outcome.schedule is not None
    starts = sorted(
        str(theme_around_a_pinned_talk("none").slot_by_id[p.slot].start) for p in outcome.schedule.placements
    )
    assert starts == ["09:00", "10:00", "11:00"]  # a devroom's block could not hold both around the Rust talk


def test_a_day_running_past_midnight_is_solved_and_checked_on_its_own_clock() -> None:
    night = [{"id": "sat", "label": "Saturday", "day": SAT, "start": "22:00", "end": "27:00", "step": 5}]
    conference = window_instance(
        days=[{"date": SAT}, {"date": SUN}],
        breakout_windows=[*night, {"id": "sun", "label": "Sunday", "day": SUN, "start": "10:00", "end": "12:00"}],
        talks=[
            window_talk("late-1", minutes=120, pins=PIN_SAT),
            window_talk("late-2", minutes=120, pins=PIN_SAT),
        ],
    )
    outcome = solve(conference, SolveOptions(time_limit=10))
    assert outcome.status == "optimal" and outcome.schedule is not None
    assert find_violations(conference, outcome.schedule) == []
    ends = sorted(conference.slot_by_id[p.slot].start + 120 for p in outcome.schedule.placements)
    assert ends[-1] > 24 * 60  # Ann's second talk runs after midnight, still on Saturday


def test_a_hard_track_that_cannot_run_around_a_pinned_talk_is_explained_not_a_crash() -> None:
    """One room: the hard LLVM track would need its two hours in one block around the Rust talk
    pinned at 10:00 (a case that once made CP-SAT abort): the three pins conflict, each one's
    relaxation shown by a solve."""
    outcome = solve(theme_around_a_pinned_talk("hard"), SolveOptions(time_limit=10))
    assert outcome.status == "infeasible" and outcome.diagnosis is not None
    assert {r.owner for r in outcome.diagnosis.conflict} == {"t1", "t2", "u1"}
    assert outcome.diagnosis.proven_irreducible

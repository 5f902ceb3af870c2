"""Scenarios: small YAML overlays of a base instance that ask one "what if?".

Each kind of change is applied to a small instance and the whole result is compared with the
base edited by hand, so a change that touches anything else fails. The scenarios shipped for
AMJ 2010 must load and apply, and change what their comments say. Every bad scenario file
gets an InputError that names the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from amj_scheduler.models import (
    InputError,
    Instance,
    Scenario,
    Talk,
    Window,
    apply_scenario,
    load_instance,
    load_scenario,
    parse_scenario,
)
from amj_scheduler.models.semantics import find_semantic_problems

from .builders import FRI, THU, fixed, instance, talk

REPO = Path(__file__).resolve().parents[1]
SCENARIOS = REPO / "instances" / "scenarios"
HEADER = "scenario: Test\n"


@pytest.fixture(scope="module")
def amj() -> Instance:
    return load_instance(REPO / "instances" / "2010.yaml")


def small() -> Instance:
    """The builder's conference with a shared, pinned, repeated talk, a solo talk and a fixed item with people."""
    return instance(
        talks=[
            talk("modal-counterpoint"),
            talk("duet", speakers=["ann", "bo"], occurrences=3, pins=[{"slot": "s1"}]),
            talk("solo", speakers=["bo"]),
        ],
        fixed_items=[fixed("rehearsal", "16:00", "17:00", room="sanct", people=["cy", "ann"])],
        speakers=[
            {"id": "ann", "name": "Ann Lee"},
            {"id": "bo", "name": "Bo Chen", "unavailable": [{"day": FRI, "start": "09:00", "end": "10:00"}]},
            {"id": "cy", "name": "Cy Diaz"},
        ],
    )


def scenario_file(folder: Path, text: str) -> Path:
    path = folder / "what-if.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def applied(folder: Path, base: Instance, changes: str) -> Instance:
    return apply_scenario(base, load_scenario(scenario_file(folder, HEADER + changes), base))


def window(day: str, start: str, end: str, reason: str) -> dict[str, Any]:
    return Window.model_validate({"day": day, "start": start, "end": end, "reason": reason}).model_dump(mode="json")


def line_containing(text: str, needle: str) -> int:
    numbers = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(numbers) == 1, f"{needle!r} is on lines {numbers}"
    return numbers[0]


def index_of(items: list[dict[str, Any]], item_id: str) -> int:
    return next(i for i, item in enumerate(items) if item["id"] == item_id)


# --- each change changes exactly what it should ---------------------------------------------------


CLOSED = "closed in scenario Test"


@pytest.mark.parametrize(
    ("closure", "windows"),
    [
        ("{room: mod1}", [(THU, "00:00", "23:59", CLOSED), (FRI, "00:00", "23:59", CLOSED)]),
        (f"{{room: mod1, day: {FRI}}}", [(FRI, "00:00", "23:59", CLOSED)]),
        (
            f"{{room: mod1, day: {THU}, start: '11:00', end: '12:30', reason: tuning}}",
            [(THU, "11:00", "12:30", "tuning")],
        ),
        (f"{{room: mod1, day: {THU}, start: '14:00'}}", [(THU, "14:00", "23:59", CLOSED)]),
        (f"{{room: mod1, day: {THU}, end: '11:00'}}", [(THU, "00:00", "11:00", CLOSED)]),
    ],
    ids=["whole-conference", "whole-day", "part-of-a-day", "from-a-time", "until-a-time"],
)
def test_close_rooms_adds_exactly_these_windows(tmp_path: Path, closure: str, windows: list[tuple[str, ...]]) -> None:
    base = small()
    result = applied(tmp_path, base, f"close_rooms:\n  - {closure}\n")
    expected = base.model_dump(mode="json")
    expected["rooms"][1]["unavailable"] = [window(*w) for w in windows]
    assert result.model_dump(mode="json") == expected


def test_close_rooms_keeps_the_rooms_own_windows(tmp_path: Path) -> None:
    own = {"day": THU, "start": "10:00", "end": "11:00", "reason": "cleaning"}
    base = instance(rooms=[{"id": "hall", "name": "Nicholson Hall", "capacity": 60, "unavailable": [own]}])
    result = applied(tmp_path, base, f"close_rooms:\n  - {{room: hall, day: {FRI}}}\n")
    assert result.rooms[0].model_dump(mode="json")["unavailable"] == [
        window(**own),
        window(FRI, "00:00", "23:59", CLOSED),
    ]


def test_set_capacity(tmp_path: Path) -> None:
    base = small()
    result = applied(tmp_path, base, "set_capacity:\n  - {room: hall, capacity: 25}\n")
    expected = base.model_dump(mode="json")
    expected["rooms"][0]["capacity"] = 25
    assert result.model_dump(mode="json") == expected
    assert result.room_by_id["hall"].capacity == 25, "the result's lookups are built from the changed rooms"


def test_set_attendance(tmp_path: Path) -> None:
    base = small()
    result = applied(tmp_path, base, "set_attendance:\n  - {talk: duet, expected_attendance: 150}\n")
    expected = base.model_dump(mode="json")
    expected["talks"][1]["expected_attendance"] = 150
    assert result.model_dump(mode="json") == expected


def test_add_talks_appends_the_talk_as_written(tmp_path: Path) -> None:
    base = small()
    result = applied(
        tmp_path, base, "add_talks:\n  - id: fugue\n    title: Fugue\n    speakers: [cy]\n    occurrences: 2\n"
    )
    expected = base.model_dump(mode="json")
    expected["talks"].append(
        {
            "id": "fugue",
            "title": "Fugue",
            "speakers": ["cy"],
            "occurrences": 2,
            "restricted_to": None,
            "expected_attendance": 0,
            "requires": [],
            "length": 1,
            "minutes": None,
            "track": None,
            "pins": [],
            "contains": [],
            "allowed_rooms": [],
            "allowed_times": [],
            "preferred_rooms": [],
            "avoided_rooms": [],
            "not_before": None,
            "not_after": None,
            "topics": [],
            "code": None,
        }
    )
    assert result.model_dump(mode="json") == expected


def test_remove_talks(tmp_path: Path) -> None:
    base = small()
    result = applied(tmp_path, base, "remove_talks:\n  - {talk: modal-counterpoint, reason: no piano}\n")
    expected = base.model_dump(mode="json")
    del expected["talks"][0]
    assert result.model_dump(mode="json") == expected


def test_a_removed_talk_can_be_added_again_to_replace_it(tmp_path: Path) -> None:
    base = small()
    result = applied(
        tmp_path,
        base,
        "remove_talks:\n  - talk: solo\nadd_talks:\n  - {id: solo, title: Solo Recital, speakers: [cy]}\n",
    )
    assert [t.id for t in result.talks] == ["modal-counterpoint", "duet", "solo"]
    assert result.talk_by_id["solo"].title == "Solo Recital"
    assert result.talk_by_id["solo"].speakers == ("cy",)


def test_cancel_speakers_drops_their_own_talks_and_takes_them_off_shared_ones(tmp_path: Path) -> None:
    base = small()
    result = applied(tmp_path, base, "cancel_speakers:\n  - {speaker: ann, reason: ill}\n")
    expected = base.model_dump(mode="json")
    del expected["talks"][0]  # modal-counterpoint: Ann alone
    expected["talks"][0]["speakers"] = ["bo"]  # duet goes ahead with Bo
    expected["speakers"] = [s for s in expected["speakers"] if s["id"] != "ann"]
    expected["fixed_items"][0]["people"] = ["cy"]
    assert result.model_dump(mode="json") == expected


def test_a_talk_whose_speakers_all_cancel_is_dropped(tmp_path: Path) -> None:
    base = small()
    base = base.model_copy(update={"talks": (*base.talks, Talk.model_validate(talk("choir", speakers=["cy"])))})
    result = applied(tmp_path, base, "cancel_speakers:\n  - speaker: ann\n  - speaker: bo\n")
    assert [t.id for t in result.talks] == ["choir"]
    assert [s.id for s in result.speakers] == ["cy"]


def test_a_scenario_that_leaves_no_talk_is_refused_at_its_cancellations(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, HEADER + "cancel_speakers:\n  - speaker: ann\n  - speaker: bo\n")
    with pytest.raises(InputError) as caught:
        load_scenario(path, small())
    assert [(p.field, p.line) for p in caught.value.problems] == [
        ("cancel_speakers", line_containing(path.read_text(), "cancel_speakers"))
    ]
    assert "no talks are left to place" in caught.value.problems[0].message


def test_a_talk_nobody_gives_survives_any_cancellation(tmp_path: Path) -> None:
    """An imported meeting names no speaker: no cancellation leaves it without one."""
    base = instance(talks=[talk("angel-meeting", speakers=[]), talk("solo", speakers=["bo"])])
    result = applied(tmp_path, base, "cancel_speakers:\n  - speaker: bo\n")
    assert [t.id for t in result.talks] == ["angel-meeting"]


def test_pin_adds_a_pin_to_an_unpinned_talk(tmp_path: Path) -> None:
    base = small()
    result = applied(tmp_path, base, "pin:\n  - {talk: solo, slot: s2, room: hall}\n")
    expected = base.model_dump(mode="json")
    expected["talks"][2]["pins"] = [{"slot": "s2", "room": "hall", "day": None}]
    assert result.model_dump(mode="json") == expected


def test_pin_replaces_the_pin_of_its_occurrence(tmp_path: Path) -> None:
    base = small()
    result = applied(tmp_path, base, "pin:\n  - {talk: duet, room: mod1}\n")
    expected = base.model_dump(mode="json")
    expected["talks"][1]["pins"] = [{"slot": None, "room": "mod1", "day": None}]
    assert result.model_dump(mode="json") == expected


def test_pins_of_further_occurrences_are_added_in_occurrence_order(tmp_path: Path) -> None:
    result = applied(
        tmp_path,
        small(),
        "pin:\n  - {talk: duet, occurrence: 3, slot: s4}\n  - {talk: duet, occurrence: 2, slot: s3}\n",
    )
    assert [pin.slot for pin in result.talk_by_id["duet"].pins] == ["s1", "s3", "s4"]


def test_pin_and_attendance_may_name_an_added_talk(tmp_path: Path) -> None:
    result = applied(
        tmp_path,
        small(),
        "add_talks:\n  - {id: fugue, title: Fugue, speakers: [cy]}\n"
        "set_attendance:\n  - {talk: fugue, expected_attendance: 12}\n"
        "pin:\n  - {talk: fugue, slot: s4}\n",
    )
    fugue = result.talk_by_id["fugue"]
    assert (fugue.expected_attendance, [pin.slot for pin in fugue.pins]) == (12, ["s4"])


def test_speaker_unavailable_adds_a_window_after_their_own(tmp_path: Path) -> None:
    base = small()
    result = applied(
        tmp_path,
        base,
        f"speaker_unavailable:\n  - {{speaker: bo, day: {THU}, start: '11:00', end: '12:00'}}\n"
        f"  - {{speaker: bo, day: {FRI}, reason: flies home}}\n",
    )
    expected = base.model_dump(mode="json")
    expected["speakers"][1]["unavailable"] = [
        window(FRI, "09:00", "10:00", ""),
        window(THU, "11:00", "12:00", "unavailable in scenario Test"),
        window(FRI, "00:00", "23:59", "flies home"),
    ]
    assert result.model_dump(mode="json") == expected


def test_apply_leaves_the_base_as_it_was_and_gives_a_valid_instance(tmp_path: Path) -> None:
    base = small()
    before = base.model_dump(mode="json")
    result = applied(
        tmp_path,
        base,
        "close_rooms:\n  - room: mod1\ncancel_speakers:\n  - speaker: ann\nset_capacity:\n  - {room: hall, capacity: 5}\n",
    )
    assert base.model_dump(mode="json") == before
    assert base.room_by_id["hall"].capacity == 60
    assert result is not base and result.model_dump(mode="json") != before
    assert find_semantic_problems(result) == []


def test_a_scenario_without_changes_gives_the_base(tmp_path: Path) -> None:
    base = small()
    scenario = load_scenario(scenario_file(tmp_path, "scenario: Baseline\n"), base)
    assert apply_scenario(base, scenario).model_dump(mode="json") == base.model_dump(mode="json")
    assert scenario.summary() == ["no changes to the base instance"]


# --- name and summary -------------------------------------------------------------------------


def test_summary_in_planner_words(tmp_path: Path) -> None:
    text = (
        "scenario: Busy Thursday\n"
        f"close_rooms:\n  - {{room: mod1}}\n  - {{room: hall, day: {THU}}}\n"
        f"  - {{room: hall, day: {FRI}, start: '09:30', end: '10:30', reason: tuning}}\n"
        "set_capacity:\n  - {room: hall, capacity: 80}\n"
        "set_attendance:\n  - {talk: solo, expected_attendance: 30}\n"
        "remove_talks:\n  - {talk: modal-counterpoint, reason: no piano}\n"
        "cancel_speakers:\n  - speaker: cy\n"
        "add_talks:\n  - {id: fugue, title: Fugue, speakers: [bo, ann], occurrences: 2}\n"
        "pin:\n  - {talk: duet, occurrence: 2, slot: s3, room: hall}\n  - {talk: solo, room: mod1}\n"
        f"speaker_unavailable:\n  - {{speaker: bo, day: {FRI}, end: '12:00'}}\n"
    )
    scenario = load_scenario(scenario_file(tmp_path, text), small())
    assert scenario.name == "Busy Thursday"
    assert scenario.summary() == [
        "'Modal Counterpoint' removed: no piano",
        "Cy Diaz cancels; still on without them: 'Rehearsal'",
        "'Fugue' added: by Bo Chen, Ann Lee, given twice",
        "'Solo' expects 30 people (unchanged)",
        "'Duet' (occurrence 2) pinned to Session III in Nicholson Hall",
        "'Solo' pinned to Modular I",
        "Modular I closed all conference",
        "Nicholson Hall closed all Thursday 12 June 2025",  # the builder's days have no names
        "Nicholson Hall closed Friday 13 June 2025 09:30-10:30 (Session IV): tuning",
        "Nicholson Hall seats 80 instead of 60",
        "Bo Chen unavailable Friday 13 June 2025 until 12:00 (Session IV)",
    ]


def test_summary_names_the_talks_a_cancellation_drops(amj: Instance, tmp_path: Path) -> None:
    scenario = load_scenario(
        scenario_file(tmp_path, "scenario: Sara cancels\ncancel_speakers:\n  - speaker: sara-groves\n"), amj
    )
    assert scenario.summary() == [
        "Sara Groves cancels; dropped: 'The Real You', 'The Many Sides of a Songwriter'; "
        "still on without them: 'Sara Groves concert', 'Sunday Service'"
    ]


# --- the scenarios shipped for AMJ 2010 --------------------------------------------------------------


SHIPPED = sorted(SCENARIOS.glob("2010-*.yaml"))
SHIPPED_FOR_FOSDEM = sorted(SCENARIOS.glob("fosdem-2025-*.yaml"))


def test_the_planner_questions_for_2010_are_shipped() -> None:
    names = {path.name for path in SHIPPED}
    assert {
        "2010-no-modular-ii.yaml",
        "2010-peacock-draws-250.yaml",
        "2010-speaker-cancels.yaml",
        "2010-saturday-afternoon-nicholson-closed.yaml",
    } <= names


@pytest.mark.parametrize("path", SHIPPED, ids=[path.stem for path in SHIPPED])
def test_each_shipped_scenario_applies_to_2010(amj: Instance, path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("# "), "each scenario opens with the question it answers"
    scenario = load_scenario(path, amj)
    result = apply_scenario(amj, scenario)
    assert result.model_dump(mode="json") != amj.model_dump(mode="json")
    assert scenario.summary() and all(line for line in scenario.summary())
    assert 0 < len(scenario.name) <= 40 and "\n" not in scenario.name


@pytest.mark.parametrize("path", SHIPPED_FOR_FOSDEM, ids=[path.stem for path in SHIPPED_FOR_FOSDEM])
def test_each_shipped_scenario_applies_to_fosdem_2025(path: Path) -> None:
    fosdem = load_instance(SCENARIOS.parent / "fosdem-2025.yaml")
    assert path.read_text(encoding="utf-8").startswith("# "), "each scenario opens with the question it answers"
    scenario = load_scenario(path, fosdem)
    assert apply_scenario(fosdem, scenario) != fosdem
    assert 0 < len(scenario.name) <= 40 and "\n" not in scenario.name


def shipped(name: str, amj: Instance) -> tuple[Scenario, Instance]:
    scenario = load_scenario(SCENARIOS / name, amj)
    return scenario, apply_scenario(amj, scenario)


def without(dump: dict[str, Any], collection: str, item_id: str) -> dict[str, Any]:
    """The dump with one item of a collection left out, to compare everything else."""
    return {**dump, collection: [item for item in dump[collection] if item["id"] != item_id]}


def test_2010_no_modular_ii_closes_it_every_day_and_nothing_else(amj: Instance) -> None:
    scenario, result = shipped("2010-no-modular-ii.yaml", amj)
    closed = result.room_by_id["modular-ii"].unavailable
    assert [(w.day, str(w.start), str(w.end)) for w in closed] == [(day.date, "00:00", "23:59") for day in amj.days]
    assert without(result.model_dump(mode="json"), "rooms", "modular-ii") == without(
        amj.model_dump(mode="json"), "rooms", "modular-ii"
    )
    assert scenario.summary() == ["Modular II closed all conference"]


def test_2010_peacock_scenario_covers_every_talk_he_gives(amj: Instance) -> None:
    scenario, result = shipped("2010-peacock-draws-250.yaml", amj)
    his = [t.id for t in amj.talks if "charlie-peacock" in t.speakers]
    assert [change.talk for change in scenario.spec.set_attendance] == his == ["artist-as-creator"]
    assert all(result.talk_by_id[talk_id].expected_attendance == 250 for talk_id in his)
    biggest = max(room.capacity for room in amj.rooms if room.breakout)
    assert result.talk_by_id["artist-as-creator"].expected_attendance > biggest


def test_2010_speaker_cancels_drops_only_her_talk(amj: Instance) -> None:
    scenario, result = shipped("2010-speaker-cancels.yaml", amj)
    [cancelled] = [c.speaker for c in scenario.spec.cancel_speakers]
    gives = [t.id for t in amj.talks if cancelled in t.speakers]
    assert gives, "the scenario cancels a speaker who gives talks"
    assert [t.id for t in result.talks] == [t.id for t in amj.talks if t.id not in gives]
    assert cancelled not in result.speaker_by_id
    assert result.model_dump(mode="json")["fixed_items"] == amj.model_dump(mode="json")["fixed_items"]


def test_2010_nicholson_closure_takes_saturday_afternoon_sessions_only(amj: Instance) -> None:
    _, result = shipped("2010-saturday-afternoon-nicholson-closed.yaml", amj)
    [closure] = result.room_by_id["nicholson-hall"].unavailable
    assert closure.day == dt.date(2010, 4, 17) and closure.start_minute >= 12 * 60
    blocked = [
        s.id for s in amj.breakout_slots if s.day == closure.day and s.start < closure.end and closure.start < s.end
    ]
    assert blocked == ["session-iii", "session-iv"]
    assert without(result.model_dump(mode="json"), "rooms", "nicholson-hall") == without(
        amj.model_dump(mode="json"), "rooms", "nicholson-hall"
    )


def test_the_example_shows_every_kind_of_change(amj: Instance) -> None:
    scenario, _ = shipped("2010-example-every-change.yaml", amj)
    changes = [name for name in type(scenario.spec).model_fields if name not in ("scenario", "description")]
    assert [name for name in changes if not getattr(scenario.spec, name)] == []
    assert len(scenario.summary()) == sum(len(getattr(scenario.spec, name)) for name in changes)


# --- bad scenario files: one problem, at its line and field ---------------------------------------------


@dataclass(frozen=True)
class Bad:
    text: str
    at: str
    """Text on the line the problem must be reported at."""
    field: str
    says: tuple[str, ...] = ()


BAD = {
    "yaml-syntax": Bad(
        "scenario: x\nclose_rooms:\n  - room: modular-ii: east\n", "east", "YAML syntax", ("mapping values",)
    ),
    "unknown-change": Bad(
        "scenario: x\nclose_room:\n  - room: modular-ii\n", "close_room:", "close_room", ("unknown key",)
    ),
    "unknown-key-in-a-change": Bad(
        "scenario: x\nclose_rooms:\n  - room: modular-ii\n    colour: red\n",
        "colour",
        "close_rooms[0].colour",
        ("unknown key",),
    ),
    "unknown-room": Bad(
        "scenario: x\nclose_rooms:\n  - room: modular-2\n",
        "modular-2",
        "close_rooms[0].room",
        ("no room has the id 'modular-2'", "Did you mean"),
    ),
    "unknown-room-for-capacity": Bad(
        "scenario: x\nset_capacity:\n  - room: nicholson\n    capacity: 10\n",
        "nicholson",
        "set_capacity[0].room",
        ("Did you mean 'nicholson-hall'?",),
    ),
    "unknown-talk": Bad(
        "scenario: x\nset_attendance:\n  - talk: the-real-yu\n    expected_attendance: 90\n",
        "the-real-yu",
        "set_attendance[0].talk",
        ("no talk has the id 'the-real-yu'. Did you mean 'the-real-you'?",),
    ),
    "unknown-talk-to-remove": Bad(
        "scenario: x\nremove_talks:\n  - talk: culture-steam\n",
        "culture-steam",
        "remove_talks[0].talk",
        ("Did you mean 'culture-stream'?",),
    ),
    "unknown-speaker": Bad(
        "scenario: x\ncancel_speakers:\n  - speaker: charlie-peacok\n",
        "peacok",
        "cancel_speakers[0].speaker",
        ("no speaker has the id 'charlie-peacok'. Did you mean 'charlie-peacock'?",),
    ),
    "unknown-speaker-unavailable": Bad(
        "scenario: x\nspeaker_unavailable:\n  - speaker: sara\n    day: 2010-04-17\n",
        "sara",
        "speaker_unavailable[0].speaker",
        ("no speaker has the id 'sara'",),
    ),
    "pin-to-an-unknown-slot": Bad(
        "scenario: x\npin:\n  - talk: the-real-you\n    slot: session-5\n",
        "session-5",
        "pin[0].slot",
        ("no breakout slot has the id 'session-5'", "Did you mean"),
    ),
    "pin-to-an-unknown-room": Bad(
        "scenario: x\npin:\n  - talk: the-real-you\n    room: choir\n",
        "choir",
        "pin[0].room",
        ("Did you mean 'choir-room'?",),
    ),
    "pin-without-a-place": Bad(
        "scenario: x\npin:\n  - talk: the-real-you\n", "talk:", "pin[0]", ("a pin needs a slot, a room, or both",)
    ),
    "pin-beyond-the-occurrences": Bad(
        "scenario: x\npin:\n  - talk: the-real-you\n    occurrence: 2\n    slot: session-ii\n",
        "occurrence",
        "pin[0].occurrence",
        ("'the-real-you' is given once, so it has no occurrence 2",),
    ),
    "two-occurrences-pinned-to-one-slot": Bad(
        "scenario: x\npin:\n  - {talk: artist-as-creator, slot: session-i}\n"
        "  - {talk: artist-as-creator, occurrence: 2, slot: session-i}  # again\n",
        "# again",
        "pin[1].slot",
        ("two occurrences pinned to 'session-i'",),
    ),
    "same-occurrence-pinned-twice": Bad(
        "scenario: x\npin:\n  - {talk: artist-as-creator, slot: session-i}\n  - {talk: artist-as-creator, slot: session-ii}\n",
        "session-ii",
        "pin[1]",
        ("occurrence 1 of 'artist-as-creator' is already pinned by pin[0]",),
    ),
    "pin-a-removed-talk": Bad(
        "scenario: x\nremove_talks:\n  - talk: culture-stream\npin:\n  - {talk: culture-stream, slot: session-iii}\n",
        "session-iii",
        "pin[0].talk",
        ("'culture-stream' is removed by remove_talks[0]",),
    ),
    "capacity-zero": Bad(
        "scenario: x\nset_capacity:\n  - room: modular-ii\n    capacity: 0\n",
        "capacity: 0",
        "set_capacity[0].capacity",
        ("greater than 0",),
    ),
    "capacity-in-words": Bad(
        "scenario: x\nset_capacity:\n  - room: modular-ii\n    capacity: forty\n",
        "forty",
        "set_capacity[0].capacity",
        ("expected a whole number",),
    ),
    "capacity-set-twice": Bad(
        "scenario: x\nset_capacity:\n  - {room: modular-ii, capacity: 30}\n  - {room: modular-ii, capacity: 40}\n",
        "capacity: 40",
        "set_capacity[1].room",
        ("'modular-ii' already has its capacity set by set_capacity[0]",),
    ),
    "attendance-set-twice": Bad(
        "scenario: x\nset_attendance:\n  - {talk: the-real-you, expected_attendance: 30}\n"
        "  - {talk: the-real-you, expected_attendance: 40}\n",
        "attendance: 40",
        "set_attendance[1].talk",
        ("already has its attendance set by set_attendance[0]",),
    ),
    "closed-on-a-day-not-in-the-conference": Bad(
        "scenario: x\nclose_rooms:\n  - room: modular-ii\n    day: 2010-04-19\n",
        "2010-04-19",
        "close_rooms[0].day",
        ("2010-04-19 is not one of the conference days (2010-04-16, 2010-04-17, 2010-04-18)",),
    ),
    "unavailable-on-a-day-not-in-the-conference": Bad(
        "scenario: x\nspeaker_unavailable:\n  - speaker: nar-tiang\n    day: 2011-04-17\n",
        "2011-04-17",
        "speaker_unavailable[0].day",
        ("2011-04-17 is not one of the conference days",),
    ),
    "closure-ends-before-it-starts": Bad(
        "scenario: x\nclose_rooms:\n  - room: modular-ii\n    day: 2010-04-17\n    start: '15:00'\n    end: '14:00'\n",
        "14:00",
        "close_rooms[0].end",
        ("ends at 14:00, not after it starts (15:00)",),
    ),
    "absence-ends-before-it-starts": Bad(
        "scenario: x\nspeaker_unavailable:\n  - {speaker: nar-tiang, day: 2010-04-17, start: '15:00', end: '09:00'}\n",
        "nar-tiang",
        "speaker_unavailable[0].end",
        ("ends at 09:00, not after it starts (15:00)",),
    ),
    "time-without-a-day": Bad(
        "scenario: x\nclose_rooms:\n  - room: modular-ii\n    start: '10:00'\n",
        "room: modular-ii",
        "close_rooms[0]",
        ("a start or end time needs a day",),
    ),
    "time-in-words": Bad(
        "scenario: x\nclose_rooms:\n  - room: modular-ii\n    day: 2010-04-17\n    start: noon\n",
        "noon",
        "close_rooms[0].start",
        ("'noon' is not a 24-hour time written as HH:MM",),
    ),
    "absence-without-a-day": Bad(
        "scenario: x\nspeaker_unavailable:\n  - speaker: nar-tiang\n",
        "nar-tiang",
        "speaker_unavailable[0].day",
        ("is required",),
    ),
    "talk-removed-twice": Bad(
        "scenario: x\nremove_talks:\n  - talk: the-real-you\n  - talk: the-real-you  # again\n",
        "# again",
        "remove_talks[1].talk",
        ("'the-real-you' is already removed by remove_talks[0]",),
    ),
    "talk-removed-and-dropped-by-a-cancellation": Bad(
        "scenario: x\ncancel_speakers:\n  - speaker: nar-tiang\nremove_talks:\n  - talk: who-is-my-neighbor\n",
        "who-is-my-neighbor",
        "remove_talks[0].talk",
        ("already dropped by cancel_speakers",),
    ),
    "speaker-cancelled-twice": Bad(
        "scenario: x\ncancel_speakers:\n  - speaker: nar-tiang\n  - speaker: nar-tiang  # again\n",
        "# again",
        "cancel_speakers[1].speaker",
        ("'nar-tiang' is already cancelled by cancel_speakers[0]",),
    ),
    "cancelled-speaker-made-unavailable": Bad(
        "scenario: x\ncancel_speakers:\n  - speaker: nar-tiang\nspeaker_unavailable:\n  - {speaker: nar-tiang, day: 2010-04-17}\n",
        "day: 2010",
        "speaker_unavailable[0].speaker",
        ("'nar-tiang' is cancelled by cancel_speakers[0]",),
    ),
    "added-talk-id-exists": Bad(
        "scenario: x\nadd_talks:\n  - id: the-real-you\n    title: Another\n    speakers: [sara-groves]\n",
        "id: the-real-you",
        "add_talks[0] (id the-real-you).id",
        ("the base already has a talk 'the-real-you' ('The Real You')", "remove_talks"),
    ),
    "added-talk-id-is-a-fixed-item": Bad(
        "scenario: x\nadd_talks:\n  - {id: sat-plenary, title: Another, speakers: [sara-groves]}\n",
        "sat-plenary",
        "add_talks[0] (id sat-plenary).id",
        ("'sat-plenary' is the id of a fixed item",),
    ),
    "talk-added-twice": Bad(
        "scenario: x\nadd_talks:\n  - {id: lab, title: Lab, speakers: [sara-groves]}\n"
        "  - {id: lab, title: Lab again, speakers: [nar-tiang]}\n",
        "Lab again",
        "add_talks[1] (id lab).id",
        ("'lab' is already the id of add_talks[0]",),
    ),
    "added-talk-unknown-speaker": Bad(
        "scenario: x\nadd_talks:\n  - id: lab\n    title: Lab\n    speakers: [sara-grove]\n",
        "sara-grove]",
        "add_talks[0] (id lab).speakers[0]",
        ("Did you mean 'sara-groves'?",),
    ),
    "added-talk-by-a-cancelled-speaker": Bad(
        "scenario: x\ncancel_speakers:\n  - speaker: nar-tiang\nadd_talks:\n  - id: lab\n    title: Lab\n"
        "    speakers: [nar-tiang]\n",
        "speakers: [nar-tiang]",
        "add_talks[0] (id lab).speakers[0]",
        ("'nar-tiang' is cancelled by cancel_speakers[0]",),
    ),
    "added-talk-with-too-many-occurrences": Bad(
        "scenario: x\nadd_talks:\n  - id: lab\n    title: Lab\n    speakers: [nar-tiang]\n    occurrences: 5\n",
        "occurrences: 5",
        "add_talks[0] (id lab).occurrences",
        ("5 occurrences", "only 4 breakout slots"),
    ),
    "added-talk-unknown-key": Bad(
        "scenario: x\nadd_talks:\n  - id: lab\n    title: Lab\n    speakers: [nar-tiang]\n    room: choir-room\n",
        "room: choir-room",
        "add_talks[0] (id lab).room",
        ("unknown key",),
    ),
    "closure-over-a-fixed-item": Bad(
        "scenario: x\nclose_rooms:\n  - room: nicholson-hall\n    day: 2010-04-17\n",
        "room: nicholson-hall",
        "close_rooms[0]",
        ("Nicholson Hall holds 'Registration/Doors Open' (Saturday 08:00-09:00) while closed",),
    ),
    "absence-over-a-fixed-item": Bad(
        "scenario: x\nspeaker_unavailable:\n  - speaker: sara-groves\n    day: 2010-04-16\n",
        "sara-groves",
        "speaker_unavailable[0]",
        ("Sara Groves is in 'Sara Groves concert' (Friday 19:30-21:30)", "cancel_speakers"),
    ),
    "name-too-long": Bad(
        "scenario: What if Modular II is closed for the whole weekend and more\n",
        "scenario:",
        "scenario",
        ("one line of at most 40 characters",),
    ),
    "changes-not-a-list": Bad(
        "scenario: x\nremove_talks: the-real-you\n",
        "remove_talks",
        "remove_talks",
        ("expected a list",),
    ),
}


@pytest.mark.parametrize("case", BAD.values(), ids=BAD.keys())
def test_bad_scenario_names_file_line_and_field(amj: Instance, tmp_path: Path, case: Bad) -> None:
    path = scenario_file(tmp_path, case.text)
    with pytest.raises(InputError) as caught:
        load_scenario(path, amj)
    error = caught.value
    assert error.path == path
    assert [(p.line, p.field) for p in error.problems] == [(line_containing(case.text, case.at), case.field)], (
        error.render()
    )
    for text in case.says:
        assert text in error.problems[0].message, error.render()
    assert error.render().startswith(f"{path}: 1 problem\n")


def test_missing_scenario_is_named_with_its_path(amj: Instance, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_scenario(tmp_path / "no-such.yaml", amj)
    assert caught.value.path == tmp_path / "no-such.yaml"
    assert [(p.field, p.message) for p in caught.value.problems] == [("file", "no such file")]


def test_a_folder_is_not_a_scenario(amj: Instance, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_scenario(tmp_path, amj)
    assert [p.message for p in caught.value.problems] == ["is a folder, not a scenario YAML file"]


def test_an_instance_file_given_as_a_scenario_is_one_clear_problem(amj: Instance) -> None:
    """A planner who passes instances/2010.yaml to --scenario gets one sentence, not one
    'unknown key' per section of the instance."""
    instance_file = Path(__file__).parents[1] / "instances" / "2010.yaml"
    with pytest.raises(InputError) as caught:
        load_scenario(instance_file, amj)
    [problem] = caught.value.problems
    assert problem.message.startswith("is an instance file, not a scenario")
    assert problem.line == instance_file.read_text(encoding="utf-8").splitlines().index("conference:") + 1


@pytest.mark.parametrize("text", ["", "- close_rooms\n", "just words\n"], ids=["empty", "list", "scalar"])
def test_a_scenario_must_be_a_mapping(amj: Instance, text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_scenario(text, amj, "what-if.yaml")
    [problem] = caught.value.problems
    assert problem.field == "file" and "expected a mapping with scenario:" in problem.message


def test_a_scenario_needs_a_name(amj: Instance) -> None:
    with pytest.raises(InputError) as caught:
        parse_scenario("close_rooms:\n  - room: modular-ii\n", amj, "what-if.yaml")
    assert [(p.field, p.message) for p in caught.value.problems] == [("scenario", "is required")]


def test_every_reference_problem_is_reported_at_once_in_line_order(amj: Instance) -> None:
    text = (
        "scenario: x\n"
        "remove_talks:\n  - talk: the-real-yu\n"
        "close_rooms:\n  - room: modular-2\n"
        "cancel_speakers:\n  - speaker: charlie-peacok\n"
    )
    with pytest.raises(InputError) as caught:
        parse_scenario(text, amj, "what-if.yaml")
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (3, "remove_talks[0].talk"),
        (5, "close_rooms[0].room"),
        (7, "cancel_speakers[0].speaker"),
    ]


def test_a_clash_with_a_base_pin_is_reported_at_the_scenario_pin(tmp_path: Path) -> None:
    """The result reports the clash at the base's second pin; the planner is sent to the pin they wrote."""
    base = instance(talks=[talk("duet", occurrences=2, pins=[{"slot": "s1"}, {"slot": "s2"}])])
    text = HEADER + "pin:\n  - talk: duet\n    slot: s2\n"
    with pytest.raises(InputError) as caught:
        parse_scenario(text, base, "what-if.yaml")
    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "pin[0]")]
    assert "two occurrences pinned to 's2'" in caught.value.problems[0].message


def test_applying_to_another_base_checks_again_at_the_scenario_lines(amj: Instance, tmp_path: Path) -> None:
    text = "scenario: x\nclose_rooms:\n  - room: modular-ii\nset_attendance:\n  - {talk: the-real-you, expected_attendance: 9}\n"
    scenario = load_scenario(scenario_file(tmp_path, text), amj)
    with pytest.raises(InputError) as caught:
        apply_scenario(small(), scenario)
    assert caught.value.path == scenario.path
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (3, "close_rooms[0].room"),
        (5, "set_attendance[0].talk"),
    ]

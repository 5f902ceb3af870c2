"""Bad instance files: each class of mistake gets one clear screen that names the file, the
line and the field, exit code 2, no traceback, and nothing written.

Every bad file is `tests/instances/small.yaml` (a valid instance) with one line changed; the
expected line number is found in the changed text, so the assertion is exact but survives
edits to the fixture.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from amj_scheduler.models import InputError, Instance, load_instance, parse_instance
from click.testing import CliRunner, Result

SMALL = Path(__file__).parent / "instances" / "small.yaml"
BAD = "bad.yaml"


def small_text() -> str:
    return SMALL.read_text(encoding="utf-8")


def variant(old: str, new: str) -> str:
    """The small instance with `old` (which must occur exactly once) replaced by `new`."""
    text = small_text()
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {SMALL.name}"
    return text.replace(old, new)


def line_containing(text: str, needle: str) -> int:
    """1-based number of the one line of `text` that contains `needle`."""
    numbers = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(numbers) == 1, f"{needle!r} is on lines {numbers}"
    return numbers[0]


def flat(text: str) -> str:
    """Every run of whitespace as one space: rich wraps long messages to the console width."""
    return " ".join(text.split())


def amj_solve(*args: str) -> Result:
    runner = CliRunner(env={"COLUMNS": "80"})
    return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def assert_one_clear_screen(result: Result, folder: Path, *expected: str, count: int = 1) -> str:
    """Exit 2, the problems on stderr headed by the file name, nothing else, nothing written."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == "", "an input error prints nothing on stdout"
    message = flat(result.stderr)
    assert message.startswith(f"{BAD}: {count} problem"), message
    for text in expected:
        assert text in message, f"{text!r} not in: {message}"
    assert not (folder / "out").exists(), "an output folder was created for a bad instance"
    return message


# --- the file itself -------------------------------------------------------------------------


def test_missing_file(in_tmp: Path) -> None:
    result = amj_solve("no-such-conference.yaml", "--out", "out")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert flat(result.stderr) == "no-such-conference.yaml: 1 problem whole file, file: no such file"
    assert not (in_tmp / "out").exists()


def test_folder_instead_of_a_file(in_tmp: Path) -> None:
    (in_tmp / "instances").mkdir()
    result = amj_solve("instances", "--out", "out")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert flat(result.stderr) == "instances: 1 problem whole file, file: is a folder, not an instance YAML file"
    assert not (in_tmp / "out").exists()


def test_file_that_is_not_utf8(in_tmp: Path) -> None:
    (in_tmp / BAD).write_bytes(small_text().replace("Test Church", "Caf\xe9").encode("latin-1"))
    message = assert_one_clear_screen(amj_solve(BAD, "--out", "out"), in_tmp)
    assert "not UTF-8" in message


@pytest.mark.parametrize("text", ["", "- just\n- a list\n", "plain words\n"], ids=["empty", "list", "scalar"])
def test_file_that_is_not_a_mapping(in_tmp: Path, text: str) -> None:
    (in_tmp / BAD).write_text(text, encoding="utf-8")
    assert_one_clear_screen(amj_solve(BAD, "--out", "out"), in_tmp, "expected a mapping with conference")


# --- one changed line, one clear problem ----------------------------------------------------------


@dataclass(frozen=True)
class Case:
    old: str
    new: str
    at: str
    """Text on the line the problem must be reported at (in the changed file)."""
    field: str
    says: tuple[str, ...] = ()


CASES = {
    "yaml-syntax": Case(
        "    name: Modular I\n",
        "    name: Modular I: east wing\n",
        "east wing",
        "YAML syntax",
        ("mapping values are not allowed",),
    ),
    "yaml-tab": Case("    capacity: 40\n", "\tcapacity: 40\n", "\tcapacity", "YAML syntax", ("'\\t'",)),
    "yaml-duplicate-key": Case(
        "    capacity: 40\n",
        "    capacity: 40\n    capacity: 45\n",
        "capacity: 45",
        "YAML syntax",
        ('duplicate key "capacity"',),
    ),
    "unknown-key": Case(
        "    occurrences: 2\n",
        "    occurrences: 2\n    colour: blue\n",
        "colour:",
        "talks[0] (id many-sides).colour",
        ("unknown key",),
    ),
    "unknown-top-level-key": Case(
        "fixed_items:\n",
        "fixed_item:\n",
        "fixed_item:",
        "fixed_item",
        ("unknown key",),
    ),
    "wrong-type": Case(
        "    capacity: 40\n",
        '    capacity: "big"\n',
        '"big"',
        "rooms[1] (id modular-i).capacity",
        ("expected a whole number", "big"),
    ),
    "not-positive": Case(
        "    capacity: 40\n",
        "    capacity: -40\n",
        "-40",
        "rooms[1] (id modular-i).capacity",
        ("greater than 0",),
    ),
    "list-expected": Case(
        "speakers: [sara-groves]",
        "speakers: sara-groves",
        "speakers: sara-groves",
        "talks[0] (id many-sides).speakers",
        ("expected a list",),
    ),
    "bad-kind": Case(
        "    kind: plenary\n",
        "    kind: keynote\n",
        "keynote",
        "fixed_items[0] (id opening-plenary).kind",
        ("'plenary'", "'concert'"),
    ),
    "bad-id": Case(
        "  - id: real-you\n",
        "  - id: real you\n",
        "real you",
        "talks[1] (id real you).id",
        ("an id uses letters",),
    ),
    "missing-required-field": Case(
        "    label: Session II\n",
        "",
        "id: session-ii",
        "breakout_slots[1] (id session-ii).label",
        ("is required",),
    ),
    "unknown-speaker": Case(
        "speakers: [sara-groves]",
        "speakers: [sara-grove]",
        "sara-grove]",
        "talks[0] (id many-sides).speakers[0]",
        ("no speaker has the id 'sara-grove'", "Did you mean 'sara-groves'?"),
    ),
    "unknown-person-in-fixed-item": Case(
        "people: [charlie-peacock]",
        "people: [charlie-peacok]",
        "charlie-peacok",
        "fixed_items[0] (id opening-plenary).people[0]",
        ("Did you mean 'charlie-peacock'?",),
    ),
    "unknown-room-in-pin": Case(
        "    occurrences: 2\n",
        "    occurrences: 2\n    pins:\n      - slot: session-i\n        room: nicholson\n",
        "room: nicholson",
        "talks[0] (id many-sides).pins[0].room",
        ("no room has the id 'nicholson'", "Did you mean 'nicholson-hall'?"),
    ),
    "unknown-slot-in-pin": Case(
        "    occurrences: 2\n",
        "    occurrences: 2\n    pins:\n      - slot: session-1\n",
        "slot: session-1",
        "talks[0] (id many-sides).pins[0].slot",
        ("no breakout slot has the id 'session-1'",),
    ),
    "unknown-room-in-fixed-item": Case(
        "    room: historic-church\n",
        "    room: historic\n",
        "room: historic",
        "fixed_items[0] (id opening-plenary).room",
        ("Did you mean 'historic-church'?",),
    ),
    "unknown-audience": Case(
        "restricted_to: cc-girls",
        "restricted_to: cc-girl",
        "restricted_to: cc-girl",
        "talks[1] (id real-you).restricted_to",
        ("no audience has the id 'cc-girl'", "Did you mean 'cc-girls'?"),
    ),
    "duplicate-room-id": Case(
        "  - id: modular-i\n",
        "  - id: nicholson-hall  # a copy-paste slip\n",
        "copy-paste slip",
        "rooms[1] (id nicholson-hall).id",
        ("'nicholson-hall' is already the id of rooms[0]",),
    ),
    "duplicate-talk-id": Case(
        "  - id: real-you\n",
        "  - id: many-sides  # again\n",
        "# again",
        "talks[1] (id many-sides).id",
        ("'many-sides' is already the id of talks[0]",),
    ),
    "time-out-of-range": Case(
        '    start: "11:15"\n',
        '    start: "48:00"\n',
        "48:00",
        "breakout_slots[1] (id session-ii).start",
        ("'48:00' is not a valid time",),
    ),
    "time-in-words": Case(
        '    start: "11:15"\n',
        "    start: ten\n",
        "start: ten",
        "breakout_slots[1] (id session-ii).start",
        ("'ten' is not a 24-hour time written as HH:MM",),
    ),
    "time-as-number": Case(
        '    start: "11:15"\n',
        "    start: 1115\n",
        "start: 1115",
        "breakout_slots[1] (id session-ii).start",
        ("HH:MM",),
    ),
    "end-before-start": Case(
        '    end: "12:15"\n',
        '    end: "11:00"  # a slip\n',
        "# a slip",
        "breakout_slots[1] (id session-ii).end",
        ("ends at 11:00, not after it starts (11:15)",),
    ),
    "fixed-item-ends-before-start": Case(
        '    end: "10:00"\n',
        '    end: "08:30"\n',
        "08:30",
        "fixed_items[0] (id opening-plenary).end",
        ("not after it starts (09:00)",),
    ),
    "overlapping-breakout-slots": Case(
        '    start: "11:15"\n    end: "12:15"\n',
        '    start: "10:30"\n    end: "11:30"\n',
        '"10:30"',
        "breakout_slots[1] (id session-ii).start",
        ("'Session II' (10:30-11:30) overlaps 'Session I' (10:00-11:00)",),
    ),
    "more-occurrences-than-slots": Case(
        "    occurrences: 2\n",
        "    occurrences: 3\n",
        "occurrences: 3",
        "talks[0] (id many-sides).occurrences",
        ("3 occurrences", "only 2 breakout slots"),
    ),
    "zero-occurrences": Case(
        "    occurrences: 2\n",
        "    occurrences: 0\n",
        "occurrences: 0",
        "talks[0] (id many-sides).occurrences",
        ("greater than 0",),
    ),
    "fixed-item-not-on-a-conference-day": Case(
        '    day: 2025-06-12\n    start: "09:00"\n',
        '    day: 2025-06-14\n    start: "09:00"\n',
        "2025-06-14",
        "fixed_items[0] (id opening-plenary).day",
        ("2025-06-14 is not one of the conference days (2025-06-12, 2025-06-13)",),
    ),
    "slot-not-on-a-conference-day": Case(
        '    day: 2025-06-12\n    start: "10:00"\n',
        '    day: 2024-06-12\n    start: "10:00"\n',
        "2024-06-12",
        "breakout_slots[0] (id session-i).day",
        ("2024-06-12 is not one of the conference days",),
    ),
    "day-that-is-not-a-date": Case(
        "  - date: 2025-06-13\n",
        "  - date: next Friday\n",
        "next Friday",
        "days[1].date",
        ("valid date",),
    ),
    "invalid-time-zone": Case(
        "time_zone: America/New_York",
        "time_zone: America/Falls_Church",
        "Falls_Church",
        "conference.time_zone",
        ("'America/Falls_Church' is not an IANA time zone",),
    ),
    "unknown-weight": Case(
        "talks:\n",
        "weights:\n  seat_shrt: 3\ntalks:\n",
        "seat_shrt",
        "weights.seat_shrt",
        ("unknown key",),
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_instance_gets_one_clear_screen(in_tmp: Path, case: Case) -> None:
    text = variant(case.old, case.new)
    (in_tmp / BAD).write_text(text, encoding="utf-8")
    line = line_containing(text, case.at)
    assert_one_clear_screen(amj_solve(BAD, "--out", "out"), in_tmp, f"line {line}, {case.field}:", *case.says)


def test_all_cross_reference_problems_are_reported_at_once_in_line_order(in_tmp: Path) -> None:
    text = variant("restricted_to: cc-girls", "restricted_to: cc-girl")
    text = text.replace("speakers: [sara-groves]", "speakers: [sara-grove]")
    text = text.replace("time_zone: America/New_York", "time_zone: Eastern")
    (in_tmp / BAD).write_text(text, encoding="utf-8")
    message = assert_one_clear_screen(amj_solve(BAD, "--out", "out"), in_tmp, count=3)
    wheres = [
        f"line {line_containing(text, 'Eastern')}, conference.time_zone:",
        f"line {line_containing(text, 'sara-grove]')}, talks[0] (id many-sides).speakers[0]:",
        f"line {line_containing(text, 'restricted_to: cc-girl')}, talks[1] (id real-you).restricted_to:",
    ]
    positions = [message.find(where) for where in wheres]
    assert -1 not in positions, message
    assert positions == sorted(positions), "problems are listed in line order"


@pytest.mark.slow
def test_installed_console_script_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    text = variant("speakers: [sara-groves]", "speakers: [sara-grove]")
    (tmp_path / BAD).write_text(text, encoding="utf-8")
    beside = Path(sys.executable).parent / "amj-solve"
    run = subprocess.run(
        [str(beside) if beside.exists() else "amj-solve", BAD, "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    message = flat(run.stderr)
    assert f"line {line_containing(text, 'sara-grove]')}, talks[0] (id many-sides).speakers[0]:" in message
    assert "Did you mean 'sara-groves'?" in message
    assert not (tmp_path / "out").exists()


# --- found by these tests: bad input that escapes the loader -----------------------------------------


def test_impossible_calendar_date(in_tmp: Path) -> None:
    """BUG (reported): ruamel.yaml builds a date while parsing and raises a bare ValueError
    ("day is out of range for month") that the loader does not catch: a traceback, exit 1."""
    text = variant("  - date: 2025-06-13\n", "  - date: 2025-02-30\n")
    (in_tmp / BAD).write_text(text, encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, [BAD, "--out", "out"])
    assert not isinstance(result.exception, ValueError), f"uncaught {result.exception!r}"
    assert_one_clear_screen(result, in_tmp, f"line {line_containing(text, '2025-02-30')},", "2025-02-30")


def test_number_too_large_for_the_solver(in_tmp: Path) -> None:
    """BUG (reported): integers beyond what CP-SAT's int64 arithmetic (and the float objective)
    can hold pass validation. A capacity of 10**20 ends in "Internal error: the independent
    checker rejected the solver's schedule" (exit 4: the objective read back as a float lost
    its last digits); 10**23 ends in "No schedule found within 30 s. Try a larger
    --time-limit." (exit 3) after 0.6 s. Either way the planner is not told which line is wrong."""
    text = variant("    capacity: 40\n", "    capacity: 100000000000000000000\n")
    (in_tmp / BAD).write_text(text, encoding="utf-8")
    result = amj_solve(BAD, "--out", "out")
    assert_one_clear_screen(
        result, in_tmp, f"line {line_containing(text, '100000000000000000000')}, rooms[1] (id modular-i).capacity:"
    )


# --- the loader itself: problems carry their line and field ---------------------------------------------


def test_small_instance_is_valid() -> None:
    instance = load_instance(SMALL)
    assert isinstance(instance, Instance)
    assert [talk.id for talk in instance.talks] == ["many-sides", "real-you"]


def test_load_instance_pins_a_missing_file_to_its_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_instance(tmp_path / "missing.yaml")
    assert caught.value.path == tmp_path / "missing.yaml"
    [problem] = caught.value.problems
    assert (problem.field, problem.message, problem.line) == ("file", "no such file", None)
    assert "whole file" in caught.value.render()


@pytest.mark.parametrize(
    "name",
    [
        "unknown-key",
        "wrong-type",
        "missing-required-field",
        "unknown-speaker",
        "yaml-syntax",
        "overlapping-breakout-slots",
        "invalid-time-zone",
    ],
)
def test_parse_instance_maps_each_problem_to_its_line_and_field(name: str) -> None:
    case = CASES[name]
    text = variant(case.old, case.new)
    with pytest.raises(InputError) as caught:
        parse_instance(text, "conference.yaml")
    [problem] = caught.value.problems
    assert problem.line == line_containing(text, case.at)
    assert problem.field == case.field
    assert caught.value.path == Path("conference.yaml")
    assert caught.value.render().startswith("conference.yaml: 1 problem\n")


def test_load_instance_reads_the_file_and_maps_lines(tmp_path: Path) -> None:
    text = variant("    capacity: 40\n", '    capacity: "big"\n')
    path = tmp_path / "conference.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_instance(path)
    [problem] = caught.value.problems
    assert problem.line == line_containing(text, '"big"')
    assert problem.field == "rooms[1] (id modular-i).capacity"
    assert str(path) in caught.value.render()


def test_render_caps_a_long_list_of_problems() -> None:
    text = small_text().replace(
        "    capacity: 40\n", "    capacity: 40\n" + "".join(f"    extra{i}: 1\n" for i in range(15))
    )
    with pytest.raises(InputError) as caught:
        parse_instance(text, "conference.yaml")
    assert len(caught.value.problems) == 15
    screen = caught.value.render()
    assert screen.startswith("conference.yaml: 15 problems\n")
    assert screen.splitlines()[-1].strip() == "... and 3 more; fix these first."
    assert len(screen.splitlines()) == 1 + 12 + 1

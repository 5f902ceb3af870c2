"""`amj-solve` end to end on a conference on breakout windows: what a planner types and sees."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from click.testing import CliRunner

SMALL = """\
conference: {name: Small Devrooms, venue: Campus}
days: [{date: 2025-02-01, name: Saturday}]
breakout_windows:
  - {id: sat, label: Saturday, day: 2025-02-01, start: "09:00", end: "12:00", step: 5}
rooms:
  - {id: k1, name: K.1.105, capacity: 50, open: [{day: 2025-02-01, start: "10:00", end: "12:00"}]}
  - {id: k2, name: K.2.201, capacity: 80}
speakers:
  - {id: ann, name: Ann Lee}
  - {id: bo, name: Bo Chen}
tracks:
  - {id: go, name: Go, room_rule: hard}
  - {id: py, name: Python}
talks:
  - {id: go-1, title: Go one, speakers: [ann], minutes: 30, track: go}
  - {id: go-2, title: Go two, speakers: [bo], minutes: 25, track: go}
  - {id: py-1, title: Py one, speakers: [ann], minutes: 40, track: py}
  - {id: py-2, title: Py two, speakers: [bo], minutes: 20, track: py}
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    return path


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(arguments))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_solve_writes_a_grid_in_minutes_that_check_accepts(small: Path, tmp_path: Path) -> None:
    code, output = run(str(small), "--out", str(tmp_path / "out"))
    assert code == 0, output
    # The terminal lists each room's track blocks: both tracks fit the small room, which has fewer empty seats.
    room_line = next(line for line in output.splitlines() if line.startswith(" K.1.105 │"))
    assert "Go (2 talks)" in room_line and "Python (2 talks)" in room_line and " · " in room_line
    with (tmp_path / "out" / "grid.csv").open(newline="") as grid:
        rows = list(csv.DictReader(grid))
    assert len(rows) == 4
    lengths = {"go-1": 30, "go-2": 25, "py-1": 40, "py-2": 20}
    for row in rows:
        start, end = (int(t[:2]) * 60 + int(t[3:]) for t in (row["start"], row["end"]))
        assert end - start == lengths[row["session_id"]]
        assert row["slot"] == "Saturday" and start % 5 == 0
        if row["room"] == "K.1.105":
            assert start >= 10 * 60
    code, output = run("check", str(small), str(tmp_path / "out" / "grid.csv"))
    assert code == 0, output


def test_a_talk_longer_than_any_window_is_infeasible_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(SMALL.replace("minutes: 40", "minutes: 240"))
    code, output = run(str(path), "--out", str(tmp_path / "out"))
    assert code == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), start=1) if "id: py-1" in text)
    assert f"'Py one' (240 minutes, line {line}) has no start: no breakout window is that long" in output
    assert not (tmp_path / "out").exists()


def test_a_length_off_the_grid_is_bad_input_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "off.yaml"
    path.write_text(SMALL.replace("minutes: 25", "minutes: 27"))
    code, output = run(str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "line 16" in output and "talks[1] (id go-2).minutes" in output
    assert "27 minutes is not a multiple of the 5-minute step" in output


def test_explain_on_windows_says_what_the_cost_is_made_of_and_what_binds(small: Path) -> None:
    code, output = run("explain", str(small))
    assert code == 0, output
    assert "What the cost is made of" in output and "What binds" in output


def test_compare_on_windows_gives_different_checked_room_assignments(small: Path, tmp_path: Path) -> None:
    code, output = run(
        "compare", str(small), "--alternatives", "2", "--tolerance", "100", "--out", str(tmp_path / "cmp")
    )
    assert code == 0, output
    assert "2 schedules compared" in output
    with (tmp_path / "cmp" / "compare.csv").open(newline="") as table:
        rows = list(csv.DictReader(table))
    rooms = [(row["best room"], row["alternative 2 room"]) for row in rows]
    assert any(first != second for first, second in rooms), rooms
    assert "hard violations" in output


CLOSE_K1 = "scenario: K.1.105 closed\nclose_rooms:\n  - {room: k1}\n"


def test_keep_on_windows_moves_only_what_a_closed_room_forces_and_says_how_far(small: Path, tmp_path: Path) -> None:
    code, output = run(str(small), "--out", str(tmp_path / "first"))
    assert code == 0, output
    earlier = tmp_path / "first" / "grid.csv"
    with earlier.open(newline="") as grid:
        in_k1 = sum(row["room"] == "K.1.105" for row in csv.DictReader(grid))
    assert in_k1, "the small room has fewer empty seats, so the first plan uses it"
    scenario = tmp_path / "closed.yaml"
    scenario.write_text(CLOSE_K1)
    code, output = run(str(small), "--scenario", str(scenario), "--keep", str(earlier), "--out", str(tmp_path / "re"))
    assert code == 0, output
    assert f"{4 - in_k1} of its 4 placements of talks still on the program kept, {in_k1} moved" in " ".join(
        output.split()
    )
    assert output.count("why: K.1.105 is") == in_k1
    assert "another room" in output


def test_an_impossible_window_conference_names_the_requirements_and_their_lines(small: Path, tmp_path: Path) -> None:
    """Ann gives Go one and Py one; both pinned to 10:00 cannot hold."""
    text = small.read_text().replace("minutes: 30, track: go}", "minutes: 30, track: go, pins: [{slot: sat-1000}]}")
    text = text.replace("minutes: 40, track: py}", "minutes: 40, track: py, pins: [{slot: sat-1000}]}")
    impossible = tmp_path / "impossible.yaml"
    impossible.write_text(text)
    code, output = run(str(impossible), "--out", str(tmp_path / "out"))
    flat = " ".join(output.split())
    assert code == 1, output
    assert "Ann Lee - gives 'Go one' (line 15) - gives 'Py one' (line 17)" in flat
    assert "'Go one' - is pinned to Saturday at 10:00 (line 15)" in flat
    assert "Dropping any one of them makes the rest satisfiable" in flat

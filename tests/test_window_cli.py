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


@pytest.mark.parametrize(
    ("arguments", "verb"),
    [
        (("explain",), "explain"),
        (("compare", "--alternatives", "2"), "compare"),
    ],
)
def test_verbs_built_on_labelled_slots_say_so(small: Path, arguments: tuple[str, ...], verb: str) -> None:
    code, output = run(*arguments[:1], str(small), *arguments[1:])
    assert code == 2
    assert f"{verb} works for conferences on breakout_slots" in output


def test_keep_says_it_needs_labelled_slots(small: Path, tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.csv"
    earlier.write_text("day,start,end,slot,room,kind,session_id,title,speakers,audience,occurrence\n")
    code, output = run(str(small), "--keep", str(earlier), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "re-planning with --keep works for conferences on breakout_slots" in output

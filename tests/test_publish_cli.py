"""`amj-solve publish INSTANCE GRID.csv` as a planner types it: a grid that breaks a hard rule is
refused with the findings of `check`, a good one is published in every form, and the grid the
planner hands in is never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from amj_scheduler.cli import main
from click.testing import CliRunner, Result

INSTANCES = Path(__file__).parents[1] / "instances"
AMJ = INSTANCES / "2010.yaml"
AMJ_GRID = INSTANCES / "2010-published.csv"
TOP_FILES = [
    "doors.html",
    "grid.csv",
    "grid.html",
    "grid.xlsx",
    "itineraries.html",
    "schedule.ics",
    "schedule.json",
    "schedule.xml",
]


def amj_solve(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner(env={"COLUMNS": "200", **(env or {})})
    return runner.invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_publish_writes_every_form_and_says_so(in_tmp: Path) -> None:
    result = amj_solve("publish", AMJ, AMJ_GRID, "--out", "site", "--as-of", "2010-04-10")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Published Art Music Justice 2010, version ")
    assert lines[0].endswith(" as of Saturday 10 April 2010.")
    for name in TOP_FILES:
        assert f"wrote site/{name}" in lines, name
    assert "wrote site/rooms/ (11 files: *.ics)" in lines
    assert "wrote site/speakers/ (18 files: *.ics)" in lines
    assert sorted(path.name for path in (in_tmp / "site").iterdir()) == sorted([*TOP_FILES, "rooms", "speakers"])
    assert not [path for path in (in_tmp / "site").rglob(".*")]  # no temporary files left


def test_publish_refuses_a_grid_that_breaks_a_hard_rule_and_writes_nothing(in_tmp: Path) -> None:
    """'The Real You' moved by hand into Session III, where Sara Groves already speaks."""
    lines = AMJ_GRID.read_text(encoding="utf-8").splitlines()
    edited = [
        line.replace("2010-04-17,11:15,12:00,Session II", "2010-04-17,14:15,15:00,Session III")
        if ",the-real-you," in line
        else line
        for line in lines
    ]
    (in_tmp / "edited.csv").write_text("\n".join(edited) + "\n", encoding="utf-8")
    result = amj_solve("publish", AMJ, "edited.csv", "--out", "site")
    assert result.exit_code == 1
    assert "Not published: edited.csv breaks a hard rule" in result.stderr
    assert "speaker in one place at a time (1)" in result.stderr
    assert "Sara Groves would be in two places at once" in result.stderr
    assert "fix them before publishing" in result.stderr
    assert not (in_tmp / "site").exists()


def test_publish_a_grid_that_cannot_be_read_is_one_screen_and_exit_2(in_tmp: Path) -> None:
    (in_tmp / "bad.csv").write_text("day,start,room\n2010-04-17,10:15,Nicholson Hall\n", encoding="utf-8")
    result = amj_solve("publish", AMJ, "bad.csv", "--out", "site")
    assert result.exit_code == 2
    assert "bad.csv" in result.stderr and "missing columns" in result.stderr
    assert "Traceback" not in result.output
    assert not (in_tmp / "site").exists()


def test_publish_leaves_the_grid_it_reads_as_it_is(in_tmp: Path) -> None:
    """Published into the folder the grid was edited in: the planner's grid keeps its extra column."""
    site = in_tmp / "out" / "2010"
    site.mkdir(parents=True)
    text = AMJ_GRID.read_text(encoding="utf-8").replace("\n", ",note\n", 1)
    (site / "grid.csv").write_text(text, encoding="utf-8")
    result = amj_solve("publish", AMJ, site / "grid.csv")  # the default folder: out/2010
    assert result.exit_code == 0, result.output
    assert (site / "grid.csv").read_text(encoding="utf-8") == text
    assert f"kept {site / 'grid.csv'} as it is (the grid published)" in result.stdout
    assert (site / "schedule.xml").is_file()


def test_publish_stamps_the_date_of_source_date_epoch(in_tmp: Path) -> None:
    result = amj_solve("publish", AMJ, AMJ_GRID, "--out", "site", env={"SOURCE_DATE_EPOCH": "1271376000"})
    assert result.exit_code == 0, result.output
    assert "as of Friday 16 April 2010." in result.stdout.splitlines()[0]


def test_solve_writes_the_program_for_apps_and_calendars_but_no_hand_outs(in_tmp: Path) -> None:
    result = amj_solve(AMJ, "--out", "draft", "-q", "--as-of", "2010-04-01")
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in (in_tmp / "draft").iterdir())
    assert names == ["grid.csv", "grid.html", "schedule.ics", "schedule.json", "schedule.xml"]
    assert "as of Thursday 1 April 2010" in (in_tmp / "draft" / "grid.html").read_text(encoding="utf-8")


def test_publish_help_lists_every_file() -> None:
    result = amj_solve("publish", "--help")
    assert result.exit_code == 0
    for name in (
        "schedule.xml",
        "schedule.json",
        "rooms/*.ics",
        "speakers/*.ics",
        "doors.html",
        "grid.xlsx",
        "--as-of",
    ):
        assert name in result.stdout, name

"""No CSV the project writes holds a cell a spreadsheet would run as a formula (OWASP's CSV
injection guidance: a leading apostrophe before = + - @ tab and carriage return), and `check`
reads back exactly what was written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from amj_scheduler.models import parse_instance, read_grid_csv
from amj_scheduler.models.csv_cells import as_written, spreadsheet_safe
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
SMALL_TEXT = (REPO / "tests" / "instances" / "small.yaml").read_text(encoding="utf-8")
PRETALX = REPO / "tests" / "data" / "pretalx-small.schedule.json"
FORMULAS = {
    "title": '=HYPERLINK("http://evil.example","Slides")',
    "speaker": "+1+cmd|' /C calc'!A0",
    "room": "@SUM(1+1)",
    "audience": "-2+3",
}


@pytest.mark.parametrize("cell", ["=1+1", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1", "'=1", "''@x", "=", "-"])
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-5", "+12", "-0.5", "+.5", "10:15", "2025-06-12", "Session I", "'Tis", "", "a=b"])
def test_numbers_times_dates_and_plain_text_are_left_alone(cell: str) -> None:
    assert spreadsheet_safe(cell) == cell


@settings(derandomize=True, database=None, max_examples=500)
@given(st.text(alphabet=st.sampled_from("'=+-@\t\r0123456789.:aZ ;,\"é")))
def test_reading_a_cell_back_gives_exactly_what_was_written(cell: str) -> None:
    assert as_written(spreadsheet_safe(cell)) == cell


def conference_with_formulas() -> str:
    text = SMALL_TEXT.replace("title: The Real You", f"title: '{FORMULAS['title']}'")
    text = text.replace("name: Charlie Peacock", f'name: "{FORMULAS["speaker"]}"')
    text = text.replace("name: Modular I", f"name: '{FORMULAS['room']}'")
    return text.replace("name: Cornerstone and Crossroads Girls", f"name: '{FORMULAS['audience']}'")


def cells_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def assert_no_cell_starts_a_formula(cells: list[str]) -> None:
    running = [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and cell != "-")]
    assert running == [], running


def test_grid_csv_escapes_formulas_and_check_reads_the_grid_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "formulas.yaml").write_text(conference_with_formulas(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    solved = CliRunner().invoke(main, ["formulas.yaml", "--out", "out", "-q"])
    assert solved.exit_code == 0, solved.output
    cells = cells_of(tmp_path / "out" / "grid.csv")
    assert_no_cell_starts_a_formula(cells)
    assert {"'" + formula for formula in FORMULAS.values()} <= set(cells)
    assert "10:00" in cells and "2025-06-12" in cells
    checked = CliRunner().invoke(main, ["check", "formulas.yaml", "out/grid.csv"])
    assert checked.exit_code == 0, checked.output
    assert "every hard rule holds" in checked.stdout


def test_the_grid_reader_undoes_the_apostrophe_so_the_room_is_found(tmp_path: Path) -> None:
    conference = parse_instance(conference_with_formulas())
    grid = tmp_path / "grid.csv"
    grid.write_text(
        f"day,start,room,kind,session_id,occurrence\n2025-06-12,10:00,'{FORMULAS['room']},talk,real-you,1\n",
        encoding="utf-8",
    )
    assert read_grid_csv(grid, conference).placements[0].room == "modular-i"


def test_compare_csv_escapes_formulas_in_cells_and_in_its_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "formulas.yaml").write_text(conference_with_formulas(), encoding="utf-8")
    (tmp_path / "what-if.yaml").write_text("scenario: '=cmd()'\nset_capacity:\n  - {room: modular-i, capacity: 35}\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["compare", "formulas.yaml", "--scenario", "what-if.yaml", "--out", "cmp"])
    assert result.exit_code == 0, result.output
    cells = cells_of(tmp_path / "cmp" / "compare.csv")
    assert_no_cell_starts_a_formula(cells)
    assert "'" + FORMULAS["title"] in cells
    assert "'=cmd() room" in cells


def test_the_imported_published_grid_escapes_formulas_and_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schedule = json.loads(PRETALX.read_text(encoding="utf-8"))
    rooms = schedule["schedule"]["conference"]["days"][0]["rooms"].values()
    event = next(event for events in rooms for event in events if event["persons"])
    event["title"] = FORMULAS["title"]
    event["persons"][0]["name"] = FORMULAS["speaker"]
    (tmp_path / "schedule.json").write_text(json.dumps(schedule), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    imported = CliRunner().invoke(main, ["import", "schedule.json", "--out", "conf.yaml"])
    assert imported.exit_code == 0, imported.output
    cells = cells_of(tmp_path / "conf-published.csv")
    assert_no_cell_starts_a_formula(cells)
    assert "'" + FORMULAS["title"] in cells
    checked = CliRunner().invoke(main, ["check", "conf.yaml", "conf-published.csv"])
    assert checked.exit_code in (0, 1), checked.output  # the published program may break a rule; it must read


def test_a_grid_without_formulas_is_byte_for_byte_as_before() -> None:
    """Ordinary names are untouched: the published 2010 grid, written again, keeps every cell."""
    text = (REPO / "instances" / "2010-published.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert all(spreadsheet_safe(cell) == cell for row in rows for cell in row)

"""`amj-solve check INSTANCE GRID.csv`: a planner edits the published grid in a spreadsheet and asks
whether it still holds. Exit 0 when every hard rule holds, 1 when one is broken (each violation
names its rule and the CSV rows at fault), 2 when a file cannot be read (one screen: file, line,
field). Spreadsheet habits (BOM, CRLF, `;`, extra or reordered columns, blank rows, padded
cells, `10:15:00`, header spelling) must not change the verdict.

Broken grids are `instances/2010-published.csv` with a few cells changed; rules the 2010 grid
cannot break on its own get a copy of `instances/2010.yaml` with one fact changed. Expected row
numbers are found in the file the test writes, so the assertions are exact.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from amj_scheduler.checker import find_violations
from amj_scheduler.cli import main
from amj_scheduler.models import InputError, load_instance, read_grid_csv
from amj_scheduler.models.grid_csv import read_grid_file
from click.testing import CliRunner, Result

from .builders import instance, schedule, talk

REPO = Path(__file__).resolve().parents[1]
INSTANCE_2010 = REPO / "instances" / "2010.yaml"
PUBLISHED = REPO / "instances" / "2010-published.csv"
SMALL = Path(__file__).parent / "instances" / "small.yaml"

Rows = list[list[str]]


def amj_check(*args: str | Path) -> Result:
    runner = CliRunner(env={"COLUMNS": "80"})
    return runner.invoke(main, ["check", *map(str, args)], catch_exceptions=False)


def flat(text: str) -> str:
    """Text with every run of whitespace as one space: messages may be wrapped to the width."""
    return " ".join(text.split())


def published_rows() -> Rows:
    """The published grid, header first: row i is on line i + 1 (no cell spans two lines)."""
    with PUBLISHED.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def line_of(rows: Rows, session_id: str, occurrence: int = 1) -> int:
    header = rows[0]
    at_id, at_occurrence = header.index("session_id"), header.index("occurrence")
    matches = [
        number
        for number, row in enumerate(rows, start=1)
        if row[at_id] == session_id and row[at_occurrence] == str(occurrence)
    ]
    assert len(matches) == 1, (session_id, occurrence)
    return matches[0]


def edit(rows: Rows, session_id: str, occurrence: int, /, **cells: str) -> Rows:
    """The grid with some cells of one talk row changed, as a planner would retype them."""
    header = rows[0]
    line = line_of(rows, session_id, occurrence)
    changed = [list(row) for row in rows]
    for column, value in cells.items():
        changed[line - 1][header.index(column)] = value
    return changed


def without(rows: Rows, session_id: str, occurrence: int) -> Rows:
    line = line_of(rows, session_id, occurrence)
    return rows[: line - 1] + rows[line:]


def write_rows(
    path: Path,
    rows: Rows,
    *,
    delimiter: str = ",",
    line_end: str = "\n",
    bom: bool = False,
    space_after_delimiter: bool = False,
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerows(rows)
    text = buffer.getvalue()
    if space_after_delimiter:  # as typed in a text editor: `a, "b, c", d` (quoted text gains a space too)
        text = text.replace(delimiter, delimiter + " ")
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8", newline="")
    return path


def instance_2010_with(folder: Path, old: str, new: str) -> Path:
    """A copy of the 2010 instance with one fact changed."""
    text = INSTANCE_2010.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = folder / "2010-changed.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def reported(result: Result, rule: str) -> list[str]:
    """The violation lines printed under `rule`'s heading, without their leading "  - "."""
    lines = result.stdout.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith(f"{rule} ("))
    found = []
    for line in lines[heading + 1 :]:
        if not line.startswith("  - "):
            break
        found.append(line.removeprefix("  - "))
    return found


def rules_broken(result: Result) -> list[str]:
    headings = (re.fullmatch(r"([a-z][a-z -]+) \(\d+\)", line) for line in result.stdout.splitlines())
    return [heading[1] for heading in headings if heading]


# --- the published grid passes ------------------------------------------------------------------


def test_published_2010_grid_holds_every_hard_rule_and_shows_its_soft_costs() -> None:
    result = amj_check(INSTANCE_2010, PUBLISHED)
    assert result.exit_code == 0, result.output
    assert "Hard rules: all hold." in result.stdout
    assert re.search(r"few empty seats\s*│\s*1\s*│\s*485\s*│\s*The Artist as Creator", result.stdout)
    assert re.search(r"total\s*│\s*│\s*485", result.stdout)
    assert "Verdict: every hard rule holds; soft cost 485." in result.stdout
    assert result.stderr == ""


# --- each hard rule broken: exit 1, the rule, the rows -------------------------------------------


def check_grid(folder: Path, rows: Rows, instance_path: Path = INSTANCE_2010) -> Result:
    result = amj_check(instance_path, write_rows(folder / "edited.csv", rows))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result


def test_two_talks_in_one_room_name_both_rows(tmp_path: Path) -> None:
    rows = edit(published_rows(), "justice-begins-at-home", 1, room="Modular I")
    result = check_grid(tmp_path, rows)
    assert rules_broken(result) == ["room holds one thing at a time"]
    assert reported(result, "room holds one thing at a time") == [
        "rows 9, 10: Modular I holds two talks at once: 'Global Philanthropy: Why Good Intentions Aren’t Enough' "
        "(occurrence 1) (Session I, Saturday 10:15-11:00) and 'Justice Begins at Home' (occurrence 1) "
        "(Session I, Saturday 10:15-11:00)."
    ]
    assert "Verdict: 1 violation of 1 hard rule; fix them before publishing." in result.stdout


def test_a_talk_in_a_room_held_by_a_fixed_item_names_its_row(tmp_path: Path) -> None:
    rows = published_rows()
    late_registration = instance_2010_with(
        tmp_path,
        '    end: "09:00"  # assumed: until the Opening Plenary; Nicholson Hall is free again for Session I\n',
        '    end: "10:30"\n',
    )
    result = check_grid(tmp_path, rows, late_registration)
    [found] = reported(result, "room holds one thing at a time")
    assert found.startswith(f"row {line_of(rows, 'artist-as-creator', 1)}: Nicholson Hall holds")
    assert "while 'Registration/Doors Open' is there (Saturday 08:00-10:30)" in found


def test_a_talk_in_a_room_while_it_is_closed_names_its_rows(tmp_path: Path) -> None:
    rows = published_rows()
    closed = instance_2010_with(
        tmp_path,
        "    name: Modular II\n",
        '    name: Modular II\n    unavailable: [{day: 2010-04-17, start: "14:00", end: "16:00", reason: exams}]\n',
    )
    found = reported(check_grid(tmp_path, rows, closed), "room holds one thing at a time")
    assert [line.split(":")[0] for line in found] == [
        f"row {line_of(rows, 'culture-stream', 1)}",
        f"row {line_of(rows, 'culture-stream', 2)}",
    ]
    assert all("Modular II is unavailable Saturday 14:00-16:00 (exams)" in line for line in found)


def test_a_speaker_in_two_talks_at_once_names_both_rows(tmp_path: Path) -> None:
    rows = edit(published_rows(), "the-real-you", 1, start="14:15", end="15:00")
    result = check_grid(tmp_path, rows)
    assert rules_broken(result) == ["speaker in one place at a time"]
    [found] = reported(result, "speaker in one place at a time")
    lines = sorted((line_of(rows, "the-real-you"), line_of(rows, "many-sides-of-a-songwriter", 1)))
    assert found.startswith(f"rows {lines[0]}, {lines[1]}: Sara Groves would be in two places at once")


def test_a_speaker_leading_a_fixed_item_names_the_talk_row(tmp_path: Path) -> None:
    rows = published_rows()
    long_plenary = instance_2010_with(
        tmp_path,
        '    end: "10:00"  # the seed\'s next item is the 10:00a Break\n    room: historic-church\n',
        '    end: "10:30"\n    room: historic-church\n    people: [charlie-peacock]\n',
    )
    [found] = reported(check_grid(tmp_path, rows, long_plenary), "speaker in one place at a time")
    assert found.startswith(f"row {line_of(rows, 'artist-as-creator', 1)}: Charlie Peacock would give")
    assert "while leading 'Opening Plenary' (Saturday 09:00-10:30)" in found


def test_a_talk_while_its_speaker_is_away_names_its_row(tmp_path: Path) -> None:
    rows = published_rows()
    away = instance_2010_with(
        tmp_path,
        "    affiliation: Gordon College\n",
        "    affiliation: Gordon College\n"
        '    unavailable: [{day: 2010-04-17, start: "11:00", end: "12:00", reason: flight home}]\n',
    )
    [found] = reported(check_grid(tmp_path, rows, away), "speaker in one place at a time")
    assert found.startswith(f"row {line_of(rows, 'justice-begins-at-home', 2)}: Christy Yates is unavailable")
    assert "(flight home)" in found


def test_two_talks_for_one_audience_group_at_once_name_both_rows(tmp_path: Path) -> None:
    rows = edit(published_rows(), "the-real-you", 1, start="10:15", end="11:00", room="Southgate 104")
    result = check_grid(tmp_path, rows)
    assert rules_broken(result) == ["audience group never double-booked"]
    [found] = reported(result, "audience group never double-booked")
    lines = sorted((line_of(rows, "real-girls-beyond-you"), line_of(rows, "the-real-you")))
    assert found.startswith(f"rows {lines[0]}, {lines[1]}: Cornerstone and Crossroads Girls has two talks at once")


def test_both_occurrences_of_a_talk_in_one_slot_name_both_rows(tmp_path: Path) -> None:
    rows = edit(published_rows(), "telling-stories", 2, start="10:15", room="Southgate 104")
    result = check_grid(tmp_path, rows)
    [found] = reported(result, "occurrences in different slots")
    lines = (line_of(rows, "telling-stories", 1), line_of(rows, "telling-stories", 2))
    title = "'Telling Stories with Words and Pictures'"
    assert found.startswith(f"rows {lines[0]}, {lines[1]}: {title} occurrences 1 and 2 overlap")
    assert "speaker in one place at a time" in rules_broken(result)  # Ted Haddock and Jim Wildman give both


def test_a_talk_in_a_room_that_holds_no_breakouts_names_its_row(tmp_path: Path) -> None:
    rows = edit(published_rows(), "poetry-from-pain", 1, room="Historic Church")
    result = check_grid(tmp_path, rows)
    assert rules_broken(result) == ["breakout rooms only"]
    [found] = reported(result, "breakout rooms only")
    assert found.startswith(f"row {line_of(rows, 'poetry-from-pain', 1)}: 'Poetry from Pain")
    assert found.endswith("is placed in Historic Church, which is not a breakout room.")


def test_a_room_without_a_required_feature_names_each_row(tmp_path: Path) -> None:
    rows = published_rows()
    needs_piano = instance_2010_with(
        tmp_path,
        "    speakers: [christy-yates]\n    occurrences: 2\n    expected_attendance: 40  # assumed\n    requires: []\n",
        "    speakers: [christy-yates]\n    occurrences: 2\n    expected_attendance: 40\n    requires: [piano]\n",
    )
    result = check_grid(tmp_path, rows, needs_piano)
    assert rules_broken(result) == ["required room features"]
    found = reported(result, "required room features")
    assert [line.split(":")[0] for line in found] == [
        f"row {line_of(rows, 'justice-begins-at-home', 1)}",
        f"row {line_of(rows, 'justice-begins-at-home', 2)}",
    ]
    assert all(line.endswith("needs piano, which Modular II does not have.") for line in found)


def test_an_unmet_pin_names_the_rows_where_the_talk_is_instead(tmp_path: Path) -> None:
    rows = published_rows()
    pinned = instance_2010_with(
        tmp_path,
        "    speakers: [christy-yates]\n",
        "    speakers: [christy-yates]\n    pins: [{slot: session-i, room: nicholson-hall}]\n",
    )
    result = check_grid(tmp_path, rows, pinned)
    assert rules_broken(result) == ["pins honoured"]
    lines = (line_of(rows, "justice-begins-at-home", 1), line_of(rows, "justice-begins-at-home", 2))
    assert reported(result, "pins honoured") == [
        f"rows {lines[0]}, {lines[1]}: 'Justice Begins at Home' is pinned to Session I in Nicholson Hall, "
        "but no occurrence of it is there."
    ]


def test_a_workshop_running_past_the_last_slot_of_its_day_names_its_row(tmp_path: Path) -> None:
    rows = published_rows()
    workshop = instance_2010_with(
        tmp_path,
        "    speakers: [nar-tiang]\n    occurrences: 2\n    expected_attendance: 35  # assumed\n"
        "    requires: []\n    length: 1\n",
        "    speakers: [nar-tiang]\n    occurrences: 2\n    expected_attendance: 35\n    requires: []\n    length: 2\n",
    )
    result = check_grid(tmp_path, rows, workshop)
    [found] = reported(result, "run fits the day")
    assert found == (
        f"row {line_of(rows, 'who-is-my-neighbor', 2)}: 'Who is My Neighbor? Local Justice Opportunities' "
        "(occurrence 2) needs 2 consecutive slots from Session IV, but its day has only 1 from there."
    )


def test_a_deleted_row_is_reported_as_a_missing_occurrence_with_its_session_id(tmp_path: Path) -> None:
    result = check_grid(tmp_path, without(published_rows(), "justice-begins-at-home", 2))
    assert rules_broken(result) == ["every occurrence placed exactly once"]
    assert reported(result, "every occurrence placed exactly once") == [
        "no row (session_id justice-begins-at-home): 'Justice Begins at Home' is given 2 times but placed once."
    ]


def test_a_talk_left_out_of_the_grid_is_named(tmp_path: Path) -> None:
    rows = without(without(published_rows(), "poverty-in-africa", 1), "poverty-in-africa", 2)
    result = check_grid(tmp_path, rows)
    assert reported(result, "every occurrence placed exactly once") == [
        "no row (session_id poverty-in-africa): "
        "'Poverty in Africa, What You Can Do' is given 2 times but placed 0 times."
    ]


def test_an_occurrence_numbered_beyond_the_count_names_its_row(tmp_path: Path) -> None:
    rows = edit(published_rows(), "justice-begins-at-home", 2, occurrence="3")
    result = check_grid(tmp_path, rows)
    assert reported(result, "every occurrence placed exactly once") == [
        f"row {line_of(rows, 'justice-begins-at-home', 3)}: 'Justice Begins at Home' has a placement numbered "
        "occurrence 3, but it is given only 2 times."
    ]


def test_a_talk_placed_too_often_names_every_row_of_it(tmp_path: Path) -> None:
    rows = published_rows()
    third = list(rows[line_of(rows, "justice-begins-at-home", 2) - 1])
    third[0:2], third[4], third[10] = ["2010-04-17", "15:15"], "Southgate 112", "3"
    rows.append(third)
    found = reported(check_grid(tmp_path, rows), "every occurrence placed exactly once")
    first, second = line_of(rows, "justice-begins-at-home", 1), line_of(rows, "justice-begins-at-home", 2)
    assert found == [
        f"rows {first}, {second}, {len(rows)}: 'Justice Begins at Home' is given 2 times but placed 3 times.",
        f"row {len(rows)}: 'Justice Begins at Home' has a placement numbered occurrence 3, "
        "but it is given only 2 times.",
    ]


def test_occurrences_numbered_against_clock_order_name_both_rows(tmp_path: Path) -> None:
    rows = published_rows()
    first, second = line_of(rows, "telling-stories", 1), line_of(rows, "telling-stories", 2)
    rows = edit(edit(rows, "telling-stories", 1, occurrence="9"), "telling-stories", 2, occurrence="1")
    rows = edit(rows, "telling-stories", 9, occurrence="2")
    [found] = reported(check_grid(tmp_path, rows), "every occurrence placed exactly once")
    assert found.startswith(f"rows {first}, {second}: 'Telling Stories with Words and Pictures' occurrence 2")
    assert found.endswith("occurrences are numbered in clock order.")


def test_violations_of_several_rules_are_grouped_by_rule_in_one_run(tmp_path: Path) -> None:
    rows = edit(published_rows(), "justice-begins-at-home", 1, room="Modular I")
    rows = edit(rows, "poetry-from-pain", 1, room="Historic Church")
    rows = without(rows, "who-is-my-neighbor", 2)
    result = check_grid(tmp_path, rows)
    assert rules_broken(result) == [
        "every occurrence placed exactly once",
        "breakout rooms only",
        "room holds one thing at a time",
    ]
    assert "Verdict: 3 violations of 3 hard rules" in result.stdout


# --- the checker says which placements are at fault ----------------------------------------------


def test_violations_carry_the_placements_at_fault_and_a_missing_one_carries_none() -> None:
    conference = instance(talks=[talk("modal-counterpoint", occurrences=2), talk("hymn-writing", speakers=["bo"])])
    plan = schedule(("modal-counterpoint", 1, "s2", "hall"), ("hymn-writing", 1, "s2", "hall"))
    by_rule = {v.rule: v.placements for v in find_violations(conference, plan)}
    assert by_rule == {
        "every occurrence placed exactly once": (),
        "room holds one thing at a time": (("modal-counterpoint", 1), ("hymn-writing", 1)),
    }


# --- spreadsheet habits do not change the verdict ------------------------------------------------

RowHabit = Callable[[Rows], Rows]


def extra_columns(rows: Rows) -> Rows:
    """A row-number column in front and a notes column behind, as planners add."""
    return [["#", *rows[0], "notes"]] + [[str(i), *row, "check room"] for i, row in enumerate(rows[1:], start=2)]


def reordered_columns(rows: Rows) -> Rows:
    return [list(reversed(row)) for row in rows]


HEADER_SPELLINGS = {
    "day": "Day",
    "start": "START",
    "room": " Room",
    "kind": "Kind",
    "session_id": "Session ID",
    "occurrence": "Occurrence",
}


def header_spelling(rows: Rows) -> Rows:
    return [[HEADER_SPELLINGS.get(name, name) for name in rows[0]]] + rows[1:]


def blank_rows(rows: Rows) -> Rows:
    """Empty lines and rows of empty cells between the data, as when a planner clears a row."""
    spaced = [rows[0]]
    for i, row in enumerate(rows[1:]):
        spaced += [row, [], [""] * len(row)] if i % 5 == 4 else [row]
    return spaced


def trailing_blank_lines(rows: Rows) -> Rows:
    return rows + [[], [""] * len(rows[0]), []]


def times_with_seconds(rows: Rows) -> Rows:
    clock = re.compile(r"\d\d:\d\d")
    return [rows[0]] + [[f"{cell}:00" if clock.fullmatch(cell) else cell for cell in row] for row in rows[1:]]


def capitalised_kind(rows: Rows) -> Rows:
    """Spreadsheet autocorrect capitalises a retyped cell: `talk` becomes `Talk`."""
    at_kind = rows[0].index("kind")
    return [rows[0]] + [[cell.capitalize() if i == at_kind else cell for i, cell in enumerate(row)] for row in rows[1:]]


def trailing_empty_cells_dropped(rows: Rows) -> Rows:
    """Some spreadsheets end a row at its last filled cell: a fixed item's row stops before `audience`."""
    trimmed = []
    for row in rows:
        row = list(row)
        while row and not row[-1]:
            row.pop()
        trimmed.append(row)
    return trimmed


def padded_cells(rows: Rows) -> Rows:
    return [[f" {cell}  " for cell in row] for row in rows]


def room_ids(rows: Rows) -> Rows:
    names = {room.name: room.id for room in load_instance(INSTANCE_2010).rooms}
    at_room = rows[0].index("room")
    return [rows[0]] + [[names.get(c, c) if i == at_room else c for i, c in enumerate(row)] for row in rows[1:]]


ROW_HABITS: dict[str, RowHabit] = {  # applied in this order, each finding the columns by their names
    "room ids": room_ids,
    "times with seconds": times_with_seconds,
    "capitalised kind": capitalised_kind,
    "extra columns": extra_columns,
    "header spelling": header_spelling,
    "blank rows": blank_rows,
    "trailing blank lines": trailing_blank_lines,
    "padded cells": padded_cells,
    "reordered columns": reordered_columns,
    "trailing empty cells dropped": trailing_empty_cells_dropped,
}
FILE_HABITS: dict[str, dict[str, Any]] = {
    "BOM": {"bom": True},
    "CRLF": {"line_end": "\r\n"},
    "semicolons": {"delimiter": ";"},
    "spaces after separators": {"space_after_delimiter": True},
}
ALL_HABITS = [*ROW_HABITS, *FILE_HABITS]


def spreadsheet_copy(path: Path, habits: list[str], rows: Rows | None = None) -> Path:
    """The published grid (or `rows`) as a spreadsheet would save it with the given habits."""
    rows = rows if rows is not None else published_rows()
    for name, habit in ROW_HABITS.items():
        if name in habits:
            rows = habit(rows)
    options = {key: value for name in habits if name in FILE_HABITS for key, value in FILE_HABITS[name].items()}
    return write_rows(path, rows, **options)


HABIT_CASES = [pytest.param([habit], id=habit) for habit in ALL_HABITS] + [pytest.param(ALL_HABITS, id="all together")]


@pytest.mark.parametrize("habits", HABIT_CASES)
def test_spreadsheet_habits_still_pass_with_the_same_costs(tmp_path: Path, habits: list[str]) -> None:
    result = amj_check(INSTANCE_2010, spreadsheet_copy(tmp_path / "grid.csv", habits))
    assert result.exit_code == 0, result.output
    assert "Hard rules: all hold." in result.stdout
    assert "Verdict: every hard rule holds; soft cost 485." in result.stdout


@pytest.mark.parametrize("habits", HABIT_CASES)
def test_spreadsheet_habits_read_back_the_same_placements(tmp_path: Path, habits: list[str]) -> None:
    amj = load_instance(INSTANCE_2010)
    copy = read_grid_csv(spreadsheet_copy(tmp_path / "grid.csv", habits), amj)
    assert set(copy.placements) == set(read_grid_csv(PUBLISHED, amj).placements)


def test_rows_are_counted_as_lines_of_the_saved_file_whatever_the_habits(tmp_path: Path) -> None:
    rows = edit(published_rows(), "justice-begins-at-home", 1, room="Modular I")
    first, second = line_of(rows, "global-philanthropy", 1), line_of(rows, "justice-begins-at-home", 1)
    path = spreadsheet_copy(tmp_path / "grid.csv", ALL_HABITS, rows)
    # `extra_columns` numbers each row by its line before the habits; reordering puts that number last.
    saved = path.read_text(encoding="utf-8-sig").splitlines()
    numbered = ((number, re.search(r";\s*(\d+)\s*$", line)) for number, line in enumerate(saved, start=1))
    now_on = {int(found[1]): number for number, found in numbered if found}
    assert now_on[second] != second  # the blank rows moved it
    result = amj_check(INSTANCE_2010, path)
    assert result.exit_code == 1, result.output
    assert reported(result, "room holds one thing at a time")[0].startswith(f"rows {now_on[first]}, {now_on[second]}: ")


# --- the reader on its own -----------------------------------------------------------------------


def test_reader_gives_the_line_of_every_placement() -> None:
    rows = published_rows()
    grid = read_grid_file(PUBLISHED, load_instance(INSTANCE_2010))
    talk_rows = [row for row in rows[1:] if row[5] == "talk"]
    assert len(grid.line_of) == len(talk_rows) == 26
    for (talk_id, occurrence), line in grid.line_of.items():
        assert line == line_of(rows, talk_id, occurrence)


def test_a_quoted_cell_spanning_lines_keeps_the_rows_after_it_on_their_own_lines(tmp_path: Path) -> None:
    rows = edit(published_rows(), "telling-stories", 1, title="Telling Stories\nwith Words and Pictures")
    grid = read_grid_file(write_rows(tmp_path / "grid.csv", rows), load_instance(INSTANCE_2010))
    assert grid.line_of["telling-stories", 1] == line_of(rows, "telling-stories", 1)
    assert grid.line_of["global-philanthropy", 1] == line_of(rows, "global-philanthropy", 1) + 1


def test_a_retyped_room_name_in_another_case_and_spacing_is_the_same_room(tmp_path: Path) -> None:
    rows = edit(published_rows(), "artist-as-creator", 1, room="nicholson  HALL")
    grid = read_grid_file(write_rows(tmp_path / "grid.csv", rows), load_instance(INSTANCE_2010))
    assert {p.room for p in grid.schedule.placements if p.talk == "artist-as-creator"} == {"nicholson-hall"}


# --- files that cannot be read: exit 2, one screen ------------------------------------------------


def assert_one_screen(result: Result, grid: Path, *expected: str, count: int = 1) -> str:
    """Exit 2, no traceback, nothing on stdout, and a screen naming the file and each problem."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    message = flat(result.stderr)
    assert message.startswith(f"{grid}: {count} problem{'s' if count != 1 else ''}"), message
    for text in expected:
        assert text in message, message
    return message


def bad_grid(folder: Path, rows: Rows) -> Path:
    return write_rows(folder / "edited.csv", rows)


def test_an_unknown_session_id_suggests_the_closest(tmp_path: Path) -> None:
    rows = edit(published_rows(), "justice-begins-at-home", 1, session_id="justice-begins-at-hom")
    grid = bad_grid(tmp_path, rows)
    assert_one_screen(
        amj_check(INSTANCE_2010, grid),
        grid,
        "line 10, session_id: no talk has the id 'justice-begins-at-hom'. Did you mean 'justice-begins-at-home'?",
    )


def test_an_unknown_room_suggests_the_closest(tmp_path: Path) -> None:
    grid = bad_grid(tmp_path, edit(published_rows(), "culture-stream", 1, room="Modular III"))
    assert_one_screen(
        amj_check(INSTANCE_2010, grid),
        grid,
        "line 28, room: no room is named 'Modular III'. Did you mean 'Modular II'?",
    )


def test_a_start_time_with_no_breakout_slot_lists_the_starts_of_that_day(tmp_path: Path) -> None:
    grid = bad_grid(tmp_path, edit(published_rows(), "culture-stream", 1, start="14:30"))
    assert_one_screen(
        amj_check(INSTANCE_2010, grid),
        grid,
        "line 28, start: no breakout slot starts at 14:30 on 2010-04-17; they start at 10:15, 11:15, 14:15, 15:15",
    )


def test_a_day_without_breakout_slots_is_named(tmp_path: Path) -> None:
    grid = bad_grid(tmp_path, edit(published_rows(), "culture-stream", 1, day="2010-04-18"))
    assert_one_screen(amj_check(INSTANCE_2010, grid), grid, "line 28, day: there are no breakout slots on 2010-04-18")


@pytest.mark.parametrize(
    "column, value, expected",
    [
        ("day", "17/04/2010", "line 28, day: '17/04/2010' is not a date written as YYYY-MM-DD"),
        ("start", "2:15pm", "line 28, start: '2:15pm' is not a 24-hour time written as HH:MM"),
        ("occurrence", "first", "line 28, occurrence: 'first' is not an occurrence number (1, 2, ...)"),
        ("occurrence", "0", "line 28, occurrence: '0' is not an occurrence number (1, 2, ...)"),
        ("occurrence", "", "line 28, occurrence: '' is not an occurrence number (1, 2, ...)"),
        ("session_id", "", "line 28, session_id: is empty in a talk row"),
    ],
)
def test_a_badly_written_cell_names_its_line_and_column(tmp_path: Path, column: str, value: str, expected: str) -> None:
    grid = bad_grid(tmp_path, edit(published_rows(), "culture-stream", 1, **{column: value}))
    assert_one_screen(amj_check(INSTANCE_2010, grid), grid, expected)


def test_the_same_occurrence_twice_names_both_lines(tmp_path: Path) -> None:
    grid = bad_grid(tmp_path, edit(published_rows(), "telling-stories", 2, occurrence="1"))
    assert_one_screen(
        amj_check(INSTANCE_2010, grid),
        grid,
        "line 16, occurrence: 'Telling Stories with Words and Pictures' occurrence 1 is already on line 8",
    )


def test_every_bad_row_is_reported_at_once_one_problem_per_row(tmp_path: Path) -> None:
    rows = edit(published_rows(), "culture-stream", 1, room="Attic", occurrence="x")
    rows = edit(rows, "who-is-my-neighbor", 2, session_id="who-is-my-nieghbor")
    grid = bad_grid(tmp_path, rows)
    assert_one_screen(
        amj_check(INSTANCE_2010, grid),
        grid,
        "line 28, room, occurrence: no room is named 'Attic'; 'x' is not an occurrence number (1, 2, ...)",
        "line 38, session_id: no talk has the id 'who-is-my-nieghbor'. Did you mean 'who-is-my-neighbor'?",
        count=2,
    )


@pytest.mark.parametrize("content", ["", "\n\n", ",,,,\r\n"], ids=["no bytes", "blank lines", "empty cells"])
def test_an_empty_file_asks_for_the_header(tmp_path: Path, content: str) -> None:
    grid = tmp_path / "empty.csv"
    grid.write_text(content, encoding="utf-8")
    assert_one_screen(amj_check(INSTANCE_2010, grid), grid, "whole file, file: is empty; a grid starts with the header")


def test_a_grid_without_its_header_line_says_so(tmp_path: Path) -> None:
    grid = bad_grid(tmp_path, published_rows()[1:])
    assert_one_screen(
        amj_check(INSTANCE_2010, grid),
        grid,
        "line 1, header: is not a grid header; expected the columns day, start, room, kind, session_id, occurrence",
    )


def test_missing_and_repeated_columns_are_named(tmp_path: Path) -> None:
    rows = [[cell for i, cell in enumerate(row) if i != 10] + [row[4]] for row in published_rows()]
    grid = bad_grid(tmp_path, rows)
    assert_one_screen(
        amj_check(INSTANCE_2010, grid),
        grid,
        "line 1, header: missing column: occurrence",
        "line 1, header: the column 'room' appears 2 times",
        count=2,
    )


def test_a_file_saved_in_a_windows_code_page_asks_for_utf8(tmp_path: Path) -> None:
    grid = tmp_path / "excel.csv"
    grid.write_bytes(PUBLISHED.read_text(encoding="utf-8").encode("cp1252"))
    assert_one_screen(
        amj_check(INSTANCE_2010, grid), grid, "line 9, file: is not UTF-8 text (byte 0x92); save it as 'CSV UTF-8'"
    )


def test_a_quote_never_closed_names_the_line_it_opens_on(tmp_path: Path) -> None:
    text = PUBLISHED.read_text(encoding="utf-8")
    grid = tmp_path / "hand-edited.csv"
    grid.write_text(text.replace(",sun-lunch-ministry-partners,", ',"sun-lunch-ministry-partners,'), encoding="utf-8")
    last_line = len(text.splitlines())
    assert_one_screen(
        amj_check(INSTANCE_2010, grid), grid, f"line {last_line}, file: a quoted cell that starts here is never closed"
    )


def test_text_after_a_closing_quote_names_the_line(tmp_path: Path) -> None:
    text = PUBLISHED.read_text(encoding="utf-8")
    grid = tmp_path / "hand-edited.csv"
    grid.write_text(text.replace(",telling-stories,", ',"telling"-stories,', 1), encoding="utf-8")
    assert_one_screen(
        amj_check(INSTANCE_2010, grid), grid, "line 8, file: is not valid CSV here (',' expected after '\"')"
    )


def test_a_missing_grid_file_is_named(tmp_path: Path) -> None:
    grid = tmp_path / "nowhere.csv"
    assert_one_screen(amj_check(INSTANCE_2010, grid), grid, "whole file, file: no such file")


def test_a_bad_instance_file_is_reported_before_the_grid_is_read(tmp_path: Path) -> None:
    result = amj_check(tmp_path / "missing.yaml", PUBLISHED)
    assert result.exit_code == 2, result.output
    assert "missing.yaml" in result.stderr
    assert "Traceback" not in result.output


# --- another conference's grid: one problem, not one per row --------------------------------------

FOSDEM_LIKE = """\
day,start,end,slot,room,kind,session_id,title,speakers,audience,occurrence
2025-02-01,10:30,10:55,,Janson,talk,keynote-welcome,Welcome to FOSDEM 2025,Richard Hartmann,,1
2025-02-01,11:00,11:50,,K.1.105,talk,rust-in-the-kernel,Rust in the Linux kernel,Miguel Ojeda,,1
2025-02-01,11:00,11:25,,H.2215,talk,go-generics-deep-dive,Go generics deep dive,Alice Example,,1
2025-02-02,16:30,17:00,,Janson,talk,closing-fosdem,Closing FOSDEM,Richard Hartmann,,1
"""


def test_a_grid_of_another_conference_gets_one_problem_naming_both_date_ranges(tmp_path: Path) -> None:
    grid = tmp_path / "fosdem.csv"
    grid.write_text(FOSDEM_LIKE, encoding="utf-8")
    assert_one_screen(
        amj_check(INSTANCE_2010, grid),
        grid,
        "line 2, day: this grid is for 2025-02-01 to 2025-02-02, but Art Music Justice 2010 runs "
        "2010-04-16 to 2010-04-18; is it another conference's grid?",
    )


def test_the_2010_grid_against_another_instance_gets_one_problem(tmp_path: Path) -> None:
    assert_one_screen(
        amj_check(SMALL, PUBLISHED),
        PUBLISHED,
        "this grid is for 2010-04-16 to 2010-04-18, but Small Test Conference runs 2025-06-12 to 2025-06-13",
    )


def test_a_grid_on_the_right_days_with_none_of_the_talks_gets_one_problem(tmp_path: Path) -> None:
    grid = tmp_path / "other.csv"
    same_days = FOSDEM_LIKE.replace("2025-02-01", "2010-04-17").replace("2025-02-02", "2010-04-17")
    grid.write_text(same_days, encoding="utf-8")
    assert_one_screen(
        amj_check(INSTANCE_2010, grid),
        grid,
        "line 2, session_id: none of this grid's talk ids (keynote-welcome, rust-in-the-kernel, "
        "go-generics-deep-dive, ... (4 in all)) is a talk of Art Music Justice 2010",
    )


def test_input_errors_from_the_reader_are_input_errors_for_python_callers(tmp_path: Path) -> None:
    grid = tmp_path / "fosdem.csv"
    grid.write_text(FOSDEM_LIKE, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_grid_file(grid, load_instance(INSTANCE_2010))
    assert [problem.field for problem in raised.value.problems] == ["day"]


def test_check_is_listed_beside_solve_in_the_help() -> None:
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["--help"])
    assert result.exit_code == 0
    assert re.search(r"^  check +Check a hand-edited GRID.csv against INSTANCE.$", result.stdout, re.M), result.stdout

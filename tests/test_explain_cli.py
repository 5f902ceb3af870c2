"""`amj-solve explain` as a planner runs it: what the best schedule's cost is made of, which
requirement binds it (with the saving and the line to edit), or why no schedule exists.

Each saving the command prints is checked from outside it: the requirement is cut from the YAML
text, the rest planned afresh, and the costs compared. Runs go through click's CliRunner in a
temporary working folder, as in tests/test_cli.py; where a table is read row by row the console
is 160 columns wide, so that no row folds onto a second line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from amj_scheduler.models import load_instance
from amj_scheduler.planning import plan
from click.testing import CliRunner, Result

REPO = Path(__file__).parents[1]
INSTANCE_2010 = REPO / "instances" / "2010.yaml"
COLLIDING_PINS = Path(__file__).parent / "instances" / "infeasible" / "colliding-pins.yaml"
WIDE = 160


def amj_solve(*args: str | Path, columns: int = 80) -> Result:
    """Run `amj-solve ARGS` in the current working folder, as a planner would in a terminal."""
    runner = CliRunner(env={"COLUMNS": str(columns)})
    return runner.invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def flat(text: str) -> str:
    """Text with every run of whitespace as one space: messages may be wrapped to the width."""
    return " ".join(text.split())


def cells(line: str) -> list[str]:
    """The cells of one table row: rich separates columns by at least two spaces."""
    return re.split(r" {2,}", line.strip())


def cost_items(stdout: str, rule_label: str) -> list[list[str]]:
    """The cost, who and why cells of each row under one soft rule of 'What the cost is made of',
    as printed on the row's first line (a long title or reason folds onto the next ones)."""
    lines = stdout.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(f"  {rule_label}: "))
    rows = []
    for line in lines[start + 2 :]:  # past the rule's line and its table header
        if not line.startswith("    "):
            break
        if re.match(r" {4,8}\d", line):  # the right-aligned cost opens a row; folds start further in
            rows.append(cells(line))
    return rows


def binding_rows(stdout: str) -> list[tuple[int, str, int]]:
    """(saving, requirement, line) for each row of 'What binds', in the order printed."""
    section = stdout.split("\nWhat binds\n", 1)[1].splitlines()
    rows = []
    for line in section[1:]:  # past the table header
        if not line.startswith("   "):  # the note under the table, or the end
            break
        if not re.match(r" +≥?\d", line):  # a folded cell: the row's own line fails the checks below
            continue
        saving, requirement, where = cells(line)
        line_number = re.fullmatch(r"(?:line )?(\d+)", where)
        assert line_number, f"no line number in {line!r}"
        rows.append((int(saving.lstrip("≥")), requirement, int(line_number[1])))
    return rows


def line_number_of(text: str, line: str) -> int:
    numbers = [number for number, found in enumerate(text.splitlines(), start=1) if found == line]
    assert len(numbers) == 1, line
    return numbers[0]


def cost_of(yaml_text: str, folder: Path) -> int:
    """The best cost of an instance written as YAML, planned and checked by the library itself."""
    path = folder / "variant.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    score = plan(load_instance(path)).score
    assert score is not None, "the variant must be feasible"
    return score.total


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- AMJ 2010 ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def explained_2010(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    """One explain run (about 4 s: one solve per requirement) shared by the tests that read it."""
    folder = tmp_path_factory.mktemp("explain-2010")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = amj_solve("explain", INSTANCE_2010, columns=WIDE)
    return result, folder


@pytest.mark.slow
def test_2010_exits_0_with_the_cost_345(explained_2010: tuple[Result, Path]) -> None:
    result, _ = explained_2010
    assert result.exit_code == 0, result.output
    assert "Best schedule for Art Music Justice 2010: cost 345 (proven optimal)." in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_2010_few_empty_seats_says_who_pays_and_why_each_cost(explained_2010: tuple[Result, Path]) -> None:
    """Each line's cost is the empty seats it names, and the lines add up to the rule's total:
    a planner can check any line against the room list."""
    result, _ = explained_2010
    assert "  few empty seats: 345 (weight 1)" in result.stdout.splitlines()
    rows = cost_items(result.stdout, "few empty seats")
    assert sum(int(cost) for cost, _, _ in rows) == 345
    for cost, who, why in rows:
        found = re.match(r"(\d+) expected, (\d+) seats in ", why)
        assert found is not None, why
        expected, seats = map(int, found.groups())
        assert int(cost) == seats - expected, (who, why)
    assert rows[0][:2] == ["50", "The Artist as Creator, Servant, and Prophet"]
    assert "200 seats in Nicholson Hall" in rows[0][2]


@pytest.mark.slow
def test_2010_says_what_binds(explained_2010: tuple[Result, Path]) -> None:
    """2010 has no pins and no features asked for: nothing given up alone makes it cheaper."""
    result, _ = explained_2010
    assert "\nWhat binds\n" in result.stdout
    assert "No requirement, given up alone, lowers the cost" in flat(result.stdout)


@pytest.mark.slow
def test_2010_writes_no_files(explained_2010: tuple[Result, Path]) -> None:
    _, folder = explained_2010
    assert list(folder.iterdir()) == []


# --- a small instance where a pin clearly binds --------------------------------------------------

PIN = "    pins:\n      - slot: session-i\n        room: small-room\n"
PIANO = "    requires: [piano]\n"
BINDING = f"""# Songwriting for Everyone (100 people) is pinned to the 30-seat Small Room in Session I,
# while the 100-seat Big Hall stands empty then. Quiet Hymns needs the piano, which only the
# Big Hall has, and Bo Chen is away in Session I.

conference:
  name: Binding Test
  venue: Test Church

days:
  - date: 2025-06-12

rooms:
  - id: big-hall
    name: Big Hall
    capacity: 100
    features: [piano]
  - id: small-room
    name: Small Room
    capacity: 30

speakers:
  - id: ann
    name: Ann Lee
  - id: bo
    name: Bo Chen
    unavailable:
      - day: 2025-06-12
        start: "09:00"
        end: "11:00"
        reason: choir practice

breakout_slots:
  - id: session-i
    label: Session I
    day: 2025-06-12
    start: "10:00"
    end: "11:00"
  - id: session-ii
    label: Session II
    day: 2025-06-12
    start: "11:15"
    end: "12:15"

talks:
  - id: songwriting
    title: Songwriting for Everyone
    speakers: [ann]
    expected_attendance: 100
{PIN}  - id: quiet-hymns
    title: Quiet Hymns
    speakers: [bo]
    expected_attendance: 30
{PIANO}"""


@pytest.fixture(scope="module")
def explained_binding(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    folder = tmp_path_factory.mktemp("explain-binding")
    (folder / "binding.yaml").write_text(BINDING, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = amj_solve("explain", "binding.yaml", columns=WIDE)
    assert result.exit_code == 0, result.output
    return result, folder


def test_the_pin_binds_first_with_its_saving_and_line(explained_binding: tuple[Result, Path]) -> None:
    result, folder = explained_binding
    cost = cost_of(BINDING, folder)
    assert f"Best schedule for Binding Test: cost {cost} (proven optimal)." in result.stdout
    saving, requirement, line = binding_rows(result.stdout)[0]
    assert requirement == "'Songwriting for Everyone' is pinned to Session I in Small Room"
    assert line == line_number_of(BINDING, "      - slot: session-i")
    assert saving == cost - cost_of(BINDING.replace(PIN, ""), folder) > 0


def test_the_lesser_requirement_comes_next_with_its_saving_and_line(explained_binding: tuple[Result, Path]) -> None:
    """Bo Chen's absence binds nothing (Quiet Hymns is best in Session II anyway), so it is not listed."""
    result, folder = explained_binding
    rows = binding_rows(result.stdout)
    assert len(rows) == 2, rows
    saving, requirement, line = rows[1]
    assert requirement == "'Quiet Hymns' needs a room with piano"
    assert line == line_number_of(BINDING, PIANO.rstrip("\n"))
    assert saving == cost_of(BINDING, folder) - cost_of(BINDING.replace(PIANO, ""), folder) > 0
    assert "Bo Chen" not in result.stdout.split("\nWhat binds\n", 1)[1]


def test_seat_points_above_the_floor_are_put_down_to_the_hard_rules(explained_binding: tuple[Result, Path]) -> None:
    """Each session holds a single talk here, so no two talks want the same room at the same
    time; the 770 seat points come from the pin and the piano, and the note must not say otherwise."""
    result, _ = explained_binding
    text = flat(result.stdout)
    assert "seats would cost 0; the other 770 points are the price of the other rules" in text
    assert "pins, required features, closures" in text
    assert "1 other requirement would save nothing" in text


# --- no schedule exists ------------------------------------------------------------------------


def test_infeasible_instance_exits_1_with_the_conflicting_pins_and_their_lines(in_tmp: Path) -> None:
    result = amj_solve("explain", COLLIDING_PINS)
    assert result.exit_code == 1, result.output
    message = flat(result.stderr)
    assert f"No schedule exists for {COLLIDING_PINS}" in message
    text = COLLIDING_PINS.read_text(encoding="utf-8")
    pin_lines = [number for number, line in enumerate(text.splitlines(), start=1) if line == "      - slot: session-ii"]
    assert len(pin_lines) == 2
    for title, line in zip(("Choral Reading Session", "Organ Improvisation"), pin_lines, strict=False):
        assert f"'{title}' - is pinned to Session II in Nicholson Hall (line {line})" in message, title
    assert "Traceback" not in result.output
    assert "What binds" not in result.stdout
    assert list(in_tmp.iterdir()) == []

"""`amj-solve compare` as a planner runs it: alternatives, scenarios and existing grids side by
side, in the terminal, in compare.csv and in compare.html.

Every claim the comparison makes is checked from outside it: each alternative is read back from
compare.csv and judged by the independent checker, "different" is recomputed from the rooms'
capacities, features and areas, and moves are counted from the CSV. Runs go through click's
CliRunner with COLUMNS=80, in a temporary working folder, as in tests/test_cli.py. On AMJ 2010
each comparison takes about a second, so the runs a test only reads are shared per module.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Hashable
from itertools import combinations
from pathlib import Path

import pytest
from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.cli import main
from amj_scheduler.models import Instance, Schedule, load_instance
from click.testing import CliRunner, Result

REPO = Path(__file__).parents[1]
INSTANCE_2010 = REPO / "instances" / "2010.yaml"
PUBLISHED_2010 = REPO / "instances" / "2010-published.csv"
NO_MODULAR_II = REPO / "instances" / "scenarios" / "2010-no-modular-ii.yaml"
FIVE_NAMES = ["best", "alternative 2", "alternative 3", "alternative 4", "alternative 5"]
PLACE_FIELDS = ("day", "start", "slot", "room")


def amj_solve(*args: str | Path) -> Result:
    """Run `amj-solve ARGS` in the current working folder, as a planner would in a terminal."""
    runner = CliRunner(env={"COLUMNS": "80"})
    return runner.invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def flat(text: str) -> str:
    """Text with every run of whitespace as one space: messages may be wrapped to the width."""
    return " ".join(text.split())


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def figure(stdout: str, label: str) -> list[str]:
    """The cells of one row of the key-figures table, one per column, left to right."""
    row = next(line for line in stdout.splitlines() if line.startswith(label + "  "))
    return row[len(label) :].split()


def objectives(stdout: str) -> list[int]:
    return [int(cell.replace(",", "")) for cell in figure(stdout, "objective")]


def schedule_from_csv(rows: list[dict[str, str]], name: str, instance: Instance) -> Schedule:
    """One column of compare.csv read back as a schedule, matching slots by day and start and
    rooms by name, as a planner reading the sheet would: no code of the comparison is used."""
    slot_at = {(str(slot.day), f"{slot.start:%H:%M}"): slot.id for slot in instance.breakout_slots}
    room_called = {room.name: room.id for room in instance.rooms}
    return Schedule.model_validate(
        {
            "placements": [
                {
                    "talk": row["session_id"],
                    "occurrence": int(row["occurrence"]),
                    "slot": slot_at[row[f"{name} day"], row[f"{name} start"]],
                    "room": room_called[row[f"{name} room"]],
                }
                for row in rows
                if row[f"{name} room"]
            ]
        }
    )


def room_kind(instance: Instance, room_id: str) -> Hashable:
    """What a planner tells rooms apart by; Southgate 104 and 112 (40 seats, whiteboard,
    Southgate) are the same kind, so swapping their talks is no alternative."""
    room = instance.room_by_id[room_id]
    return room.capacity, tuple(sorted(room.features)), room.area


def as_a_planner_sees_it(instance: Instance, schedule: Schedule) -> Counter[tuple[str, str, Hashable]]:
    return Counter((p.talk, p.slot, room_kind(instance, p.room)) for p in schedule.placements)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def instance_2010() -> Instance:
    return load_instance(INSTANCE_2010)


@pytest.fixture(scope="module")
def five_2010(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Result, Path]:
    """The same five-alternative comparison of AMJ 2010 run twice, into first/ and second/."""
    folder = tmp_path_factory.mktemp("compare-five")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        first = amj_solve("compare", INSTANCE_2010, "--alternatives", "5", "--out", "first")
        second = amj_solve("compare", INSTANCE_2010, "--alternatives", "5", "--out", "second")
    return first, second, folder


@pytest.fixture(scope="module")
def five_rows(five_2010: tuple[Result, Result, Path]) -> list[dict[str, str]]:
    first, _, folder = five_2010
    assert first.exit_code == 0, first.output
    return csv_rows(folder / "first" / "compare.csv")


# --- five alternatives of AMJ 2010 ------------------------------------------------------------


def test_five_alternatives_exit_0_with_five_columns(five_2010: tuple[Result, Result, Path]) -> None:
    result, _, _ = five_2010
    assert result.exit_code == 0, result.output
    assert "Art Music Justice 2010 · 5 schedules compared" in result.stdout
    assert len(figure(result.stdout, "objective")) == 5
    assert len(figure(result.stdout, "hard violations")) == 5
    legend = flat(result.stdout)
    for name in FIVE_NAMES:
        assert f"{name}: solver, seed 0" in legend, name
    assert "wrote first/compare.csv" in result.stdout.splitlines()
    assert "wrote first/compare.html" in result.stdout.splitlines()
    assert "Traceback" not in result.output


def test_compare_csv_has_one_row_per_talk_occurrence_and_a_place_per_alternative(
    five_2010: tuple[Result, Result, Path], five_rows: list[dict[str, str]], instance_2010: Instance
) -> None:
    _, _, folder = five_2010
    header = next(csv.reader(io.StringIO((folder / "first" / "compare.csv").read_text(encoding="utf-8"))))
    assert header == ["session_id", "title", "occurrence"] + [
        f"{name} {field}" for name in FIVE_NAMES for field in PLACE_FIELDS
    ]
    assert len(five_rows) == 26
    occurrences = {(talk.id, n) for talk in instance_2010.talks for n in range(1, talk.occurrences + 1)}
    assert {(row["session_id"], int(row["occurrence"])) for row in five_rows} == occurrences
    empty = [(row["session_id"], column) for row in five_rows for column in header if not row[column]]
    assert not empty, f"every alternative places every occurrence; blank cells: {empty}"


def test_every_alternative_read_back_breaks_no_hard_rule_and_costs_within_10_percent_of_the_best(
    five_2010: tuple[Result, Result, Path], five_rows: list[dict[str, str]], instance_2010: Instance
) -> None:
    result, _, _ = five_2010
    costs = []
    for name in FIVE_NAMES:
        schedule = schedule_from_csv(five_rows, name, instance_2010)
        assert len(schedule.placements) == 26, name
        assert find_violations(instance_2010, schedule) == [], name
        costs.append(score_schedule(instance_2010, schedule).total)
    assert all(cost <= costs[0] * 1.10 for cost in costs), costs
    assert objectives(result.stdout) == costs, "the terminal's objectives are the checker's costs of the CSV"


def test_alternatives_differ_pairwise_in_a_slot_or_a_kind_of_room(
    five_rows: list[dict[str, str]], instance_2010: Instance
) -> None:
    """Two columns that differ only by swapping the talks of two identical rooms are one plan."""
    seen = {
        name: as_a_planner_sees_it(instance_2010, schedule_from_csv(five_rows, name, instance_2010))
        for name in FIVE_NAMES
    }
    alike = [(a, b) for a, b in combinations(FIVE_NAMES, 2) if seen[a] == seen[b]]
    assert not alike, f"these alternatives are the same plan: {alike}"


def test_compare_html_names_every_alternative_and_escapes_titles(five_2010: tuple[Result, Result, Path]) -> None:
    _, _, folder = five_2010
    page = (folder / "first" / "compare.html").read_text(encoding="utf-8")
    assert "<html" in page.lower()
    for name in FIVE_NAMES:
        assert name in page, name
    # 'The Healing Power of Art & Creativity PART I': the ampersand must print, not start an entity.
    assert "Art &amp; Creativity" in page
    assert "Art & Creativity" not in page


def test_the_same_command_twice_gives_a_byte_identical_csv(five_2010: tuple[Result, Result, Path]) -> None:
    first, second, folder = five_2010
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert (folder / "first" / "compare.csv").read_bytes() == (folder / "second" / "compare.csv").read_bytes()


# --- a published grid and a scenario beside the best ------------------------------------------


@pytest.fixture(scope="module")
def with_grid_and_scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("compare-grid-scenario")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = amj_solve(
            "compare", INSTANCE_2010, "--grid", PUBLISHED_2010, "--scenario", NO_MODULAR_II, "--out", "out"
        )
    assert result.exit_code == 0, result.output
    return result, csv_rows(folder / "out" / "compare.csv")


def test_columns_come_best_then_scenario_then_grid(with_grid_and_scenario: tuple[Result, list[dict[str, str]]]) -> None:
    result, _ = with_grid_and_scenario
    header = next(line for line in result.stdout.splitlines() if line.startswith("Key figures"))
    names = ["best", "No Modular II", "2010-published.csv"]
    positions = [header.find(name) for name in names]
    assert -1 not in positions and positions == sorted(positions), header


def test_published_grid_column_has_no_hard_violation_and_objective_485(
    with_grid_and_scenario: tuple[Result, list[dict[str, str]]],
) -> None:
    result, _ = with_grid_and_scenario
    assert figure(result.stdout, "hard violations")[2] == "0"
    assert objectives(result.stdout)[2] == 485


def test_scenario_column_leaves_modular_ii_empty_and_moves_only_what_was_there(
    with_grid_and_scenario: tuple[Result, list[dict[str, str]]],
) -> None:
    """Closing a room must move exactly the talks in it: any further move is a needless change."""
    result, rows = with_grid_and_scenario
    assert len(rows) == 26 and all(row["No Modular II room"] for row in rows)
    assert not [row["session_id"] for row in rows if row["No Modular II room"] == "Modular II"]
    in_modular_ii = sum(row["best room"] == "Modular II" for row in rows)
    assert in_modular_ii > 0, "the best schedule must use Modular II for this test to mean anything"
    assert figure(result.stdout, "moves against the first column")[1] == str(in_modular_ii)


# --- bad inputs: one screen, exit 2, nothing written ----------------------------------------------

OTHER_CONFERENCE_GRID = """day,start,end,slot,room,kind,session_id,title,speakers,audience,occurrence
2025-02-01,10:15,11:00,Session I,Choir Room,talk,telling-stories,Telling Stories with Words and Pictures,,,1
2025-02-01,11:15,12:00,Session II,Choir Room,talk,telling-stories,Telling Stories with Words and Pictures,,,2
"""

BAD_INPUTS = {
    "unknown-room-id": (
        "--scenario",
        "closed.yaml",
        "scenario: Closed room\nclose_rooms:\n  - room: modular-iii\n",
        ["closed.yaml", "line 3", "close_rooms[0].room", "'modular-iii'", "Did you mean 'modular-ii'?"],
    ),
    "yaml-syntax-error": (
        "--scenario",
        "broken.yaml",
        "scenario: Broken\nclose_rooms:\n  - room: modular-ii\n    day: 2010-04-17\n   reason: indented wrongly\n",
        ["broken.yaml", "line 5", "YAML syntax"],
    ),
    "unclosed-quote-in-grid": (
        "--grid",
        "edited.csv",
        "day,start,end,slot,room,kind,session_id,title,speakers,audience,occurrence\n"
        '2010-04-17,10:15,11:00,Session I,"Choir Room,talk,telling-stories,Telling Stories,,,1\n',
        ["edited.csv", "line 2", "never closed"],
    ),
    "grid-of-another-conference": (
        "--grid",
        "winter-2025.csv",
        OTHER_CONFERENCE_GRID,
        ["winter-2025.csv", "line 2", "2025-02-01", "2010-04-16 to 2010-04-18", "another conference"],
    ),
    "missing-grid": ("--grid", "no-such-grid.csv", None, ["no-such-grid.csv", "no such file"]),
    "missing-scenario": ("--scenario", "no-such-scenario.yaml", None, ["no-such-scenario.yaml", "no such file"]),
}


@pytest.mark.parametrize("option, name, text, expected", list(BAD_INPUTS.values()), ids=list(BAD_INPUTS))
def test_a_bad_file_exits_2_with_one_screen_naming_it_and_writes_nothing(
    in_tmp: Path, option: str, name: str, text: str | None, expected: list[str]
) -> None:
    """A good scenario comes first, so a lazy reader would already be solving when it meets the bad file."""
    if text is not None:
        (in_tmp / name).write_text(text, encoding="utf-8")
    before = sorted(in_tmp.iterdir())
    result = amj_solve("compare", INSTANCE_2010, "--scenario", NO_MODULAR_II, option, name, "--out", "out")
    assert result.exit_code == 2, result.output
    message = flat(result.stderr)
    for fragment in expected:
        assert fragment in message, (fragment, result.stderr)
    assert len(result.stderr.splitlines()) <= 5, result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert sorted(in_tmp.iterdir()) == before


def test_a_missing_instance_exits_2_naming_it_and_writes_nothing(in_tmp: Path) -> None:
    result = amj_solve("compare", "no-such-conference.yaml", "--out", "out")
    assert result.exit_code == 2, result.output
    assert "no-such-conference.yaml" in result.stderr
    assert "no such file" in result.stderr
    assert "Traceback" not in result.output
    assert list(in_tmp.iterdir()) == []


# --- the tolerance, and a scenario that cannot be scheduled ---------------------------------------


def test_zero_tolerance_keeps_every_column_at_the_best_cost(in_tmp: Path) -> None:
    """With 16 changes asked of each alternative, AMJ 2010 has only a few plans at the best cost in
    a row; the 10 % run beside it fills all five columns, each within 10 % of the best."""
    strict = amj_solve(
        "compare", INSTANCE_2010, "--alternatives", "5", "--min-changes", "16", "--tolerance", "0", "--out", "strict"
    )
    loose = amj_solve("compare", INSTANCE_2010, "--alternatives", "5", "--min-changes", "16", "--out", "loose")
    assert strict.exit_code == loose.exit_code == 0, strict.output + loose.output
    best, *others = objectives(strict.stdout)
    assert others and all(cost == best for cost in others), objectives(strict.stdout)
    told = f"Only {1 + len(others)} different schedule(s) cost at most {best} (0% above the best)" in flat(
        strict.stderr
    )
    assert told == (len(others) < 4), "a planner given fewer than 5 columns is told why, and only then"
    relaxed = objectives(loose.stdout)
    assert len(relaxed) == 5, relaxed
    assert all(best <= cost <= best * 1.10 for cost in relaxed), relaxed


GIRLS_CLASH = """scenario: Girls sessions together
description: Both girls-only talks pinned to Session I, where the girls can attend only one.

pin:
  - {talk: real-girls-beyond-you, slot: session-i}
  - {talk: the-real-you, slot: session-i}
"""

ODD_NAME = """scenario: Modular II <closed> & more
close_rooms:
  - room: modular-ii
"""


@pytest.fixture(scope="module")
def with_infeasible_scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    folder = tmp_path_factory.mktemp("compare-infeasible")
    (folder / "girls-clash.yaml").write_text(GIRLS_CLASH, encoding="utf-8")
    (folder / "odd-name.yaml").write_text(ODD_NAME, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = amj_solve(
            "compare", INSTANCE_2010, "--scenario", "girls-clash.yaml", "--scenario", "odd-name.yaml", "--out", "out"
        )
    return result, folder / "out"


def test_an_infeasible_scenario_is_left_out_with_its_reasons_and_the_rest_compare(
    with_infeasible_scenario: tuple[Result, Path],
) -> None:
    result, out = with_infeasible_scenario
    assert result.exit_code == 0, result.output
    message = flat(result.stderr)
    assert "No schedule exists for girls-clash.yaml; it is left out of the comparison." in message
    # The pins are the scenario's, so they are cited at its lines; the restrictions are the instance's.
    assert "'Real Girls Beyond You.' - is pinned to Session I (girls-clash.yaml line 5)" in message
    assert "'The Real You' - is pinned to Session I (girls-clash.yaml line 6)" in message
    assert "Cornerstone and Crossroads Girls only" in message
    assert "Traceback" not in result.output
    assert "2 schedules compared" in result.stdout
    header = (out / "compare.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "best room" in header and "Modular II <closed> & more room" in header
    assert "Girls sessions together" not in header


def test_compare_html_escapes_a_scenario_name(with_infeasible_scenario: tuple[Result, Path]) -> None:
    """A scenario's name is typed by a planner and heads a column; it must print as text."""
    _, out = with_infeasible_scenario
    page = (out / "compare.html").read_text(encoding="utf-8")
    assert "Modular II &lt;closed&gt; &amp; more" in page
    assert "<closed>" not in page


def test_a_search_cut_short_by_the_time_limit_says_so_not_that_none_is_left(in_tmp: Path) -> None:
    """Moving talks between slots with 20 changes asked makes the second alternative a long search;
    with 1 s it is not found, and the planner must hear that time ran out, since a larger tolerance
    would not help."""
    result = amj_solve(
        "compare",
        INSTANCE_2010,
        "--alternatives",
        "2",
        "--vary-slots",
        "--min-changes",
        "20",
        "--time-limit",
        "1",
        "--out",
        "vs",
    )
    assert result.exit_code == 0, result.output
    message = flat(result.stderr)
    assert "Only 1 schedule(s): the search for the next one ran out of --time-limit (1); try a larger one." in message
    assert "--tolerance" not in message


WORKSHOP_CONFERENCE = """\
conference: {name: Workshop Test, venue: Hall}
days:
  - date: 2025-06-12
rooms:
  - {id: r1, name: Room One, capacity: 50}
  - {id: r2, name: Room Two, capacity: 50}
speakers:
  - {id: ann, name: Ann}
breakout_slots:
  - {id: s1, label: Session I, day: 2025-06-12, start: "10:00", end: "11:00"}
  - {id: s2, label: Session II, day: 2025-06-12, start: "11:15", end: "12:15"}
  - {id: s3, label: Session III, day: 2025-06-12, start: "13:00", end: "14:00"}
talks:
  - {id: w, title: Workshop, speakers: [ann], length: 2, expected_attendance: 40}
"""


def test_a_grid_whose_workshop_runs_past_the_day_is_refused_before_any_solve(in_tmp: Path) -> None:
    """The workshop takes two slots but starts in the day's last one: such a grid cannot be drawn
    beside the others, so the planner is sent to its row, with exit 2 and nothing written."""
    (in_tmp / "workshop.yaml").write_text(WORKSHOP_CONFERENCE, encoding="utf-8")
    (in_tmp / "late.csv").write_text(
        "day,start,end,slot,room,kind,session_id,title,speakers,audience,occurrence\n"
        "2025-06-12,13:00,14:00,Session III,Room Two,talk,w,Workshop,Ann,,1\n",
        encoding="utf-8",
    )
    result = amj_solve("compare", "workshop.yaml", "--grid", "late.csv", "--out", "out")
    assert result.exit_code == 2, result.output
    message = flat(result.stderr)
    assert "late.csv: 1 problem" in message
    assert "line 2, start: 'Workshop' takes 2 consecutive slots, but the day has fewer from Session III" in message
    assert "Traceback" not in result.output
    assert not (in_tmp / "out").exists()


def test_columns_with_the_same_name_are_numbered_not_refused(in_tmp: Path) -> None:
    """Two grids are both called grid.csv (the name amj-solve writes): both stand, told apart."""
    for folder in ("monday", "tuesday"):
        (in_tmp / folder).mkdir()
        (in_tmp / folder / "grid.csv").write_bytes(PUBLISHED_2010.read_bytes())
    result = amj_solve(
        "compare", INSTANCE_2010, "--grid", "monday/grid.csv", "--grid", "tuesday/grid.csv", "--out", "out"
    )
    assert result.exit_code == 0, result.output
    header = (in_tmp / "out" / "compare.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "grid.csv room" in header and "grid.csv (2) room" in header


def test_nothing_to_compare_because_time_ran_out_is_exit_3_not_infeasible(tmp_path: Path) -> None:
    """A `--time-limit` too short to find the instance's own schedule: exit 3, as a solve says,
    not 1 (which says the instance is impossible)."""
    result = amj_solve("compare", INSTANCE_2010, "--time-limit", "0.01", "--out", tmp_path / "out")
    assert result.exit_code == 3, result.output
    assert "No schedule found in time" in flat(result.stderr)
    assert not (tmp_path / "out").exists()

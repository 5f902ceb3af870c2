"""Ctrl-C stops `amj-solve` at once, in any verb and at any moment: one line on stderr, exit 130,
the earlier output files untouched, no traceback, and never a second Ctrl-C needed.

The real thing first: the installed command in a subprocess, sent SIGINT while it loads, builds,
searches, explains, compares and imports. Then each phase in process, interrupted exactly there,
and the pieces: `solver.search.solve_stopped_by_ctrl_c` and the atomic writer.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import uuid
from copy import deepcopy
from pathlib import Path
from xml.etree import ElementTree

import pytest
from amj_scheduler.cli import main
from amj_scheduler.entry import EXIT_INTERRUPTED, NOTHING_WRITTEN, WRITTEN_IN_FULL
from amj_scheduler.reports import atomic
from amj_scheduler.reports.atomic import InterruptedAfterWriting, write_all_atomically
from amj_scheduler.reports.publish import SOLVE_FILES
from amj_scheduler.solver.search import solve_stopped_by_ctrl_c
from click.testing import CliRunner
from ortools.sat.python import cp_model

from .processes import Interrupted, interrupt_after

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import synthetic

REPO = Path(__file__).resolve().parents[1]
INSTANCE_2010 = REPO / "instances" / "2010.yaml"
FOSDEM_XML = REPO / "instances" / "sources" / "fosdem-2025.schedule.xml"
SECONDS_TO_STOP = 5.0
"""Generous: measured at 0.01-0.3 s on 2 busy cores; a missed Ctrl-C would run on for the whole limit."""


@pytest.fixture(scope="module")
def slow_conference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """250 FOSDEM-shaped talks: the search alone runs about 9 s, so Ctrl-C always lands mid-run."""
    path = tmp_path_factory.mktemp("slow") / "synthetic-250.yaml"
    path.write_text(synthetic.generate(250, seed=1).yaml_text, encoding="utf-8")
    return path


@pytest.fixture()
def earlier_output(tmp_path: Path) -> Path:
    """An output folder holding the files of an earlier run, which Ctrl-C must leave as they are."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "grid.csv").write_bytes(b"day,start,end,slot,room,kind,session_id,title,speakers,audience,occurrence\n")
    (out / "grid.html").write_bytes(b"<!doctype html><title>earlier</title>\n")
    return out


def assert_stopped_cleanly(run: Interrupted, out: Path | None = None, before: dict[str, bytes] | None = None) -> None:
    assert run.returncode == EXIT_INTERRUPTED, run
    assert run.stderr.strip().splitlines()[-1] == NOTHING_WRITTEN, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "Aborted" not in run.stderr
    assert run.seconds_to_exit < SECONDS_TO_STOP, run
    if out is not None:
        assert {path.name: path.read_bytes() for path in out.iterdir()} == before, "earlier files changed or added"


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


# --- the installed command, interrupted by a real SIGINT ---------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("seconds", [0.3, 1.0, 2.0, 4.0], ids=lambda s: f"at-{s}s")
def test_ctrl_c_during_a_solve_exits_130_and_keeps_the_earlier_grid(
    slow_conference: Path, earlier_output: Path, seconds: float
) -> None:
    """From start-up (imports) through loading and the model build into the search."""
    before = files_in(earlier_output)
    run = interrupt_after([str(slow_conference), "--out", str(earlier_output)], seconds, earlier_output.parent)
    assert_stopped_cleanly(run, earlier_output, before)


@pytest.mark.slow
def test_ctrl_c_pressed_twice_still_ends_with_one_message(slow_conference: Path, earlier_output: Path) -> None:
    before = files_in(earlier_output)
    run = interrupt_after([str(slow_conference), "--out", str(earlier_output)], 3.0, earlier_output.parent, presses=2)
    assert_stopped_cleanly(run, earlier_output, before)
    assert run.stderr.count("Interrupted") == 1


@pytest.mark.slow
def test_ctrl_c_while_a_large_file_with_a_problem_loads(tmp_path: Path) -> None:
    """A file with a problem is read a second, slower way to find its lines: about ten seconds for
    3,000 talks on an idle machine, so Ctrl-C lands mid-load on a fast machine too."""
    bad = tmp_path / "synthetic-3000-bad.yaml"
    bad.write_text(synthetic.generate(3000, seed=1).yaml_text.replace("minutes: 25", "minutes: 26"), encoding="utf-8")
    run = interrupt_after([str(bad), "--out", "out"], 2.5, tmp_path)
    assert_stopped_cleanly(run)
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_ctrl_c_during_explain_stops_its_many_solves(tmp_path: Path) -> None:
    run = interrupt_after(["explain", str(INSTANCE_2010)], 2.0, tmp_path)
    assert_stopped_cleanly(run)
    assert "What binds" not in run.stdout, "a cut-short explanation must not be printed as if complete"


@pytest.mark.slow
def test_ctrl_c_during_compare_keeps_the_earlier_comparison(tmp_path: Path) -> None:
    out = tmp_path / "cmp"
    out.mkdir()
    (out / "compare.csv").write_text("earlier\n", encoding="utf-8")
    before = files_in(out)
    args = ["compare", str(INSTANCE_2010), "--alternatives", "20", "--vary-slots", "--time-limit", "5"]
    run = interrupt_after([*args, "--out", str(out)], 3.0, tmp_path)
    assert_stopped_cleanly(run, out, before)


@pytest.fixture(scope="module")
def large_schedule_xml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """FOSDEM's schedule.xml with every room, its talks and their speakers present six times over:
    about six seconds of import on an idle machine (FOSDEM alone imports in about one), so that
    Ctrl-C lands mid-import on a fast machine too."""
    tree = ElementTree.parse(FOSDEM_XML)
    for day in tree.getroot().iter("day"):
        for room in list(day.iter("room")):
            for copy in range(1, 6):
                twin = deepcopy(room)
                twin.set("name", f"{room.get('name')} copy {copy}")
                twin.set("slug", f"{room.get('slug')}-copy-{copy}")
                for event in twin.iter("event"):
                    event.set("id", str(int(event.get("id", "0")) + copy * 100_000))
                    event.set("guid", str(uuid.uuid5(uuid.NAMESPACE_URL, f"{event.get('guid')}/{copy}")))
                    room_of_event = event.find("room")
                    if room_of_event is not None:
                        room_of_event.text = twin.get("name")
                    for person in event.iter("person"):
                        person.set("id", str(int(person.get("id", "0")) + copy * 100_000))
                        person.text = f"{person.text} ({copy})"
                day.append(twin)
    path = tmp_path_factory.mktemp("large") / "six-times-fosdem.schedule.xml"
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return path


@pytest.mark.slow
def test_ctrl_c_during_import_writes_neither_file(tmp_path: Path, large_schedule_xml: Path) -> None:
    run = interrupt_after(["import", str(large_schedule_xml), "--out", "fosdem.yaml"], 1.5, tmp_path)
    assert_stopped_cleanly(run)
    assert list(tmp_path.iterdir()) == []


# --- each phase in process, interrupted exactly there --------------------------------------------------


def interrupted_at(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """Make `module.name` behave as if Ctrl-C were pressed the moment it is called."""

    def pressed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(module, name, pressed)


@pytest.mark.parametrize(
    ("verb_args", "phase"),
    [
        (["solve", str(INSTANCE_2010)], ("amj_scheduler.cli_common", "load_instance")),
        (["solve", str(INSTANCE_2010)], ("amj_scheduler.solver.solve", "build_model")),
        (["solve", str(INSTANCE_2010)], ("amj_scheduler.solver.solve", "run_search")),
        (["solve", str(INSTANCE_2010)], ("amj_scheduler.reports.atomic", "_staged_copy")),
        (["explain", str(INSTANCE_2010)], ("amj_scheduler.solver.solve", "run_search")),
        (["compare", str(INSTANCE_2010)], ("amj_scheduler.solver.alternatives", "run_search")),
        (
            ["check", str(INSTANCE_2010), str(REPO / "instances" / "2010-published.csv")],
            ("amj_scheduler.cli_check", "read_grid_file"),
        ),
        (["import", str(FOSDEM_XML)], ("amj_scheduler.cli_import", "read_schedule")),
    ],
    ids=[
        "solve-loading",
        "solve-building",
        "solve-searching",
        "solve-writing",
        "explain",
        "compare",
        "check",
        "import",
    ],
)
def test_ctrl_c_in_each_phase_of_each_verb_is_exit_130_and_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, verb_args: list[str], phase: tuple[str, str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "grid.csv").write_text("earlier\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    module = __import__(phase[0], fromlist=[phase[1]])
    interrupted_at(monkeypatch, module, phase[1])
    extra = ["--out", str(out)] if verb_args[0] in ("solve", "compare") else []
    result = CliRunner().invoke(main, [*verb_args, *extra])
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert result.stderr.strip() == NOTHING_WRITTEN
    assert files_in(out) == {"grid.csv": b"earlier\n"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


# --- the pieces ----------------------------------------------------------------------------------------


def hard_model() -> cp_model.CpModel:
    """A pigeonhole model CP-SAT needs far longer than a second to refute without its LP."""
    model = cp_model.CpModel()
    pigeons, holes = 14, 13
    seat = [[model.new_bool_var(f"p{p}h{h}") for h in range(holes)] for p in range(pigeons)]
    for row in seat:
        model.add_exactly_one(row)
    for hole in range(holes):
        model.add_at_most_one(seat[p][hole] for p in range(pigeons))
    return model


def test_a_search_is_stopped_by_ctrl_c_which_is_raised_again_promptly() -> None:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 1
    solver.parameters.linearization_level = 0
    solver.parameters.symmetry_level = 0
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    started = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        solve_stopped_by_ctrl_c(solver, hard_model())
    assert time.perf_counter() - started < 0.5 + SECONDS_TO_STOP
    assert not [thread for thread in threading.enumerate() if thread.name == "cp-sat-search"]
    assert solver.parameters.catch_sigint_signal is False, "CP-SAT must leave Python's SIGINT handler alone"


def test_an_uninterrupted_search_returns_its_status() -> None:
    model = cp_model.CpModel()
    x = model.new_int_var(0, 10, "x")
    model.maximize(x)
    solver = cp_model.CpSolver()
    assert solve_stopped_by_ctrl_c(solver, model) == cp_model.OPTIMAL
    assert solver.value(x) == 10


def test_every_search_of_every_verb_runs_where_ctrl_c_can_stop_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CP-SAT solve called anywhere but on the interruptible search thread would bring back
    CP-SAT's own SIGINT handler: every solve of every verb is watched, on both shapes of conference."""
    threads: list[str] = []
    solve = cp_model.CpSolver.solve

    def watched(self: cp_model.CpSolver, *args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread().name)
        return solve(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cp_model.CpSolver, "solve", watched)
    monkeypatch.chdir(tmp_path)
    small = str(REPO / "tests" / "instances" / "small.yaml")
    runs = [
        [small, "--out", "out", "-q"],
        [small, "--out", "again", "-q", "--keep", "out/grid.csv"],
        ["explain", small],
        ["compare", small, "--alternatives", "2", "--out", "cmp"],
        [str(REPO / "instances" / "fosdem-2025.yaml"), "--out", "fosdem", "-q", "--time-limit", "20"],
    ]
    for args in runs:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
    assert len(threads) >= len(runs)
    assert set(threads) == {"cp-sat-search"}


@pytest.fixture()
def old_grid(tmp_path: Path) -> dict[Path, str]:
    """A grid's two files from an earlier run, and the new contents a run is about to write."""
    (tmp_path / "grid.csv").write_text("old csv", encoding="utf-8")
    (tmp_path / "grid.html").write_text("old html", encoding="utf-8")
    return {tmp_path / "grid.csv": "new csv", tmp_path / "grid.html": "new html"}


def test_ctrl_c_while_files_are_staged_leaves_every_earlier_file(
    tmp_path: Path, old_grid: dict[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    staged = atomic._staged_copy
    calls = []

    def second_is_interrupted(path: Path, data: str | bytes, *, fsync: bool) -> str:
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return staged(path, data, fsync=fsync)

    monkeypatch.setattr(atomic, "_staged_copy", second_is_interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_all_atomically(old_grid)
    assert files_in(tmp_path) == {"grid.csv": b"old csv", "grid.html": b"old html"}


def test_ctrl_c_between_two_renames_is_held_until_both_are_done(
    tmp_path: Path, old_grid: dict[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    replace = os.replace

    def pressed_during_the_first(source: str, target: Path) -> None:
        if target.name == "grid.csv":
            signal.raise_signal(signal.SIGINT)
        replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", pressed_during_the_first)
    with pytest.raises(InterruptedAfterWriting):
        write_all_atomically(old_grid)
    assert files_in(tmp_path) == {"grid.csv": b"new csv", "grid.html": b"new html"}
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_held_back_while_writing_says_the_files_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    writer = atomic.write_all_atomically

    def write_then_report_a_held_back_ctrl_c(files: dict[Path, str | bytes]) -> list[Path]:
        writer(files)
        raise InterruptedAfterWriting

    monkeypatch.setattr("amj_scheduler.reports.publish.write_all_atomically", write_then_report_a_held_back_ctrl_c)
    result = CliRunner().invoke(main, [str(INSTANCE_2010), "--out", "out", "-q"])
    assert result.exit_code == EXIT_INTERRUPTED
    assert result.stderr.strip() == WRITTEN_IN_FULL
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(SOLVE_FILES)


def test_ctrl_c_while_a_compiled_library_loads_is_still_exit_130_and_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seen on a loaded machine: Ctrl-C 2 s in landed while OR-Tools' compiled helper initialized,
    which reported it as `ImportError: initialization failed` and printed a traceback."""
    import amj_scheduler.entry as entry

    monkeypatch.setattr(entry, "_interrupted", True)
    with pytest.raises(SystemExit) as ended, entry.ends_on_interrupt():
        raise ImportError("initialization failed")
    assert ended.value.code == EXIT_INTERRUPTED
    assert capsys.readouterr().err.strip() == NOTHING_WRITTEN


def test_an_import_error_without_ctrl_c_is_not_passed_off_as_an_interruption() -> None:
    import amj_scheduler.entry as entry

    with pytest.raises(ImportError), entry.ends_on_interrupt():
        raise ImportError("a real problem")


@pytest.mark.parametrize(
    "verb_args",
    [["solve", str(INSTANCE_2010), "--out", "out"], ["compare", str(INSTANCE_2010), "--out", "out"]],
    ids=["solve", "compare"],
)
def test_a_ctrl_c_that_compiled_code_swallowed_still_ends_the_run_before_it_searches_or_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, verb_args: list[str]
) -> None:
    """Seen at 0.5 s into a solve: the KeyboardInterrupt raised while pydantic-core built a validator
    in Rust was printed as "Exception ignored" and dropped; with later Ctrl-Cs ignored, the run
    searched on, wrote its files and exited 0. Here the first Ctrl-C arrived and nobody raised it."""
    import amj_scheduler.entry as entry

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(entry, "_interrupted", True)
    result = CliRunner().invoke(main, verb_args)
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert result.stderr.strip().splitlines()[-1] == NOTHING_WRITTEN
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_the_wrote_lines_print_says_the_files_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review: the files were in place, and the message said nothing was written."""
    monkeypatch.chdir(tmp_path)

    def pressed(text: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("amj_scheduler.cli_solve.visible", pressed)
    result = CliRunner().invoke(main, [str(INSTANCE_2010), "--out", "out", "-q"])
    assert result.exit_code == EXIT_INTERRUPTED
    assert result.stderr.strip() == WRITTEN_IN_FULL
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(SOLVE_FILES)

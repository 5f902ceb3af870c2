"""Options out of range are refused before anything runs (exit 2, one screen), --workers is capped
with a note, and an --out that cannot be written is found before the solve, in every verb."""

from __future__ import annotations

from pathlib import Path

import pytest
from amj_scheduler import cli_compare, planning
from amj_scheduler.cli import main
from amj_scheduler.cli_common import MAX_SEED, MAX_WORKERS
from click.testing import CliRunner, Result

from .screens import assert_one_screen

REPO = Path(__file__).resolve().parents[1]
SMALL = str(REPO / "tests" / "instances" / "small.yaml")
SOLVING_VERBS = {
    "solve": ["solve", SMALL, "--out", "out"],
    "explain": ["explain", SMALL],
    "compare": ["compare", SMALL, "--out", "out"],
}


def amj(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "100"}).invoke(main, list(args))


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("verb", SOLVING_VERBS)
@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--seed", str(MAX_SEED + 1), "is not in the range 0<=x<=2147483647"),
        ("--seed", "-1", "is not in the range"),
        ("--seed", "9" * 5000, "is not a valid integer"),
        ("--time-limit", "nan", "'nan' is not a number"),
        ("--time-limit", "inf", "inf is not in the range"),
        ("--time-limit", "-inf", "is not in the range"),
        ("--time-limit", "1e400", "inf is not in the range"),
        ("--time-limit", "0", "is not in the range"),
        ("--workers", "0", "is not in the range"),
    ],
)
def test_an_option_out_of_range_is_exit_2_before_anything_runs(
    verb: str, option: str, value: str, says: str, in_tmp: Path
) -> None:
    result = amj(*SOLVING_VERBS[verb], option, value)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert_one_screen(result.output[:2000])
    assert list(in_tmp.iterdir()) == []


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--tolerance", "nan", "'nan' is not a number"),
        ("--tolerance", "inf", "inf is not in the range"),
        ("--tolerance", "-1", "is not in the range"),
        ("--min-changes", str(10**30), "is not in the range"),
        ("--alternatives", "21", "is not in the range"),
    ],
)
def test_compare_options_out_of_range_are_exit_2(option: str, value: str, says: str, in_tmp: Path) -> None:
    result = amj("compare", SMALL, option, value)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert list(in_tmp.iterdir()) == []


def test_the_largest_seed_solves() -> None:
    result = amj("solve", SMALL, "--out", "out", "--seed", str(MAX_SEED), "-q")
    assert result.exit_code == 0, result.output


def test_a_thousand_workers_are_capped_with_a_note() -> None:
    result = amj("solve", SMALL, "--out", "out", "--workers", "1000", "-q")
    assert result.exit_code == 0, result.output
    assert f"--workers 1000 is more than {MAX_WORKERS}" in result.stderr
    assert f"using {MAX_WORKERS}" in result.stderr


def test_workers_within_the_cap_print_no_note() -> None:
    result = amj("solve", SMALL, "--out", "out", "--workers", "2", "-q")
    assert result.exit_code == 0, result.output
    assert "Note" not in result.stderr


# --- an --out that cannot be written is found before the solve ----------------------------------------


@pytest.fixture()
def solving_fails_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def solved(*args: object, **kwargs: object) -> None:
        raise AssertionError("the solve ran before the output folder was checked")

    monkeypatch.setattr(planning, "plan", solved)
    monkeypatch.setattr(cli_compare, "plan_alternatives", solved)


UNWRITABLE = {
    "a file where the folder goes": ("blocker/out", "is a file, not a folder"),
    "a folder where a file goes": ("out", "a folder is in the way"),
    "a folder no one may write in": ("/proc/amj-out", "Nothing was written"),
}


def make_obstacle(kind: str, in_tmp: Path, files: tuple[str, ...]) -> None:
    if kind == "a file where the folder goes":
        (in_tmp / "blocker").write_text("")
    elif kind == "a folder where a file goes":
        for name in files:
            (in_tmp / "out" / name).mkdir(parents=True)


@pytest.mark.usefixtures("solving_fails_the_test")
@pytest.mark.parametrize("kind", UNWRITABLE)
@pytest.mark.parametrize(
    ("verb", "files"),
    [("solve", ("grid.csv", "grid.html")), ("compare", ("compare.csv", "compare.html"))],
)
def test_an_unwritable_out_is_exit_2_before_the_solve(
    verb: str, files: tuple[str, ...], kind: str, in_tmp: Path
) -> None:
    make_obstacle(kind, in_tmp, files)
    out, says = UNWRITABLE[kind]
    result = amj(verb, SMALL, "--out", out)
    assert result.exit_code == 2, result.output
    assert says in " ".join(result.stderr.split())
    assert_one_screen(result.output)


def test_import_to_an_unwritable_place_is_exit_2_and_writes_neither_file(in_tmp: Path) -> None:
    (in_tmp / "conf-published.csv").mkdir()  # --force would replace a file, never a folder
    result = amj(
        "import", str(REPO / "tests" / "data" / "pretalx-small.schedule.json"), "--out", "conf.yaml", "--force"
    )
    assert result.exit_code == 2, result.output
    assert "a folder is in the way" in result.stderr
    assert sorted(path.name for path in in_tmp.iterdir()) == ["conf-published.csv"]
    result = amj("import", str(REPO / "tests" / "data" / "pretalx-small.schedule.json"), "--out", "/proc/x/conf.yaml")
    assert result.exit_code == 2, result.output
    assert "Nothing was written" in result.stderr

"""Every real schedule of the corpus (`tests/data/corpus/README.md`) end to end, as a planner runs it:
`amj-solve import`, then `amj-solve` on the instance, then `amj-solve check` on the published grid.

Each import must succeed with a report of one screen; each solve must end in a grid the checker
passes or in exit 1 with reasons a planner can act on; each published grid's real clashes must
be named. The expectations are what these conferences actually published, looked up by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from amj_scheduler.models import load_instance
from click.testing import CliRunner, Result

CORPUS = Path(__file__).parent / "data" / "corpus"
SCREEN = 30
"""Lines an import report may take: one screen."""
TIME_LIMIT = "10"


@dataclass(frozen=True)
class Case:
    file: str
    solves: bool
    """True: a checked grid. False: exit 1, and `reason` is among the reasons given."""
    reason: str = ""
    clashes: tuple[str, ...] = ()
    """What `check` must say about the published grid; none means every hard rule holds."""


CASES = (
    Case("31c3.schedule.xml", solves=True),
    Case(
        "36c3-13-rooms.schedule.xml",
        solves=False,
        reason=(
            "Assembly:Hardware Hacking Area has 960 minutes of talks pinned to it on Sunday 2019-12-29 "
            "('MAKERbuino Building Session 2 @ Hardware Hacking Area' (180 min, line"
        ),
        clashes=(
            "Assembly:Hardware Hacking Area holds two talks at once: 'MAKERbuino Building Session 2 @ Hardware "
            "Hacking Area' (Sunday 10:00-13:00) and 'Learn To Solder' (Sunday 11:00-24:00)",
            "Janosch Maier would be in two places at once",
        ),
    ),
    Case(
        "36c3-19-rooms.schedule.xml",
        solves=False,
        reason="Assembly:Hardware Hacking Area has 540 minutes of talks pinned to it on Monday 2019-12-30",
        clashes=("Mel would be in two places at once: 'Wir hacken den Osten' (Monday 11:45-12:45)",),
    ),
    Case(
        "38c3-12-rooms.schedule.xml",
        solves=True,
        clashes=(
            "Chill Floor holds two talks at once: 'Laetizia & N:in' (Saturday 17:30-20:30) and 'Museum Of No Art' "
            "(Saturday 20:00-21:00)",
            "msquare (er/he) would be in two places at once",
        ),
    ),
    Case(
        "39c3.schedule.xml",
        solves=False,
        reason="elzbeth has 480 minutes of talks on Tuesday 2025-12-30",
        clashes=("elzbeth would be in two places at once",),
    ),
    Case("camp2019.schedule.json", solves=True),
    Case("debconf23.schedule.xml", solves=True),
    Case("democon.schedule.json", solves=True, clashes=("Stephanie Hudson would be in two places at once",)),
    Case("froscon2018.schedule.json", solves=True),
    Case("lswt2019.schedule.xml", solves=True),
    Case("rc3-channels-2020.schedule.json", solves=True),
)


def amj_solve(*args: str | Path) -> Result:
    runner = CliRunner(env={"COLUMNS": "120"})
    return runner.invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corpus")


@pytest.mark.parametrize("case", CASES, ids=[case.file for case in CASES])
def test_a_real_schedule_imports_solves_and_checks(case: Case, folder: Path) -> None:
    stem = case.file.split(".")[0]
    instance_path = folder / f"{stem}.yaml"
    imported = amj_solve("import", CORPUS / case.file, "--out", instance_path)
    assert imported.exit_code == 0, imported.output
    assert len(imported.stdout.splitlines()) <= SCREEN, imported.stdout
    assert load_instance(instance_path).talks

    solved = amj_solve(instance_path, "--out", folder / f"out-{stem}", "--time-limit", TIME_LIMIT, "-q")
    if case.solves:
        assert solved.exit_code == 0, solved.output  # exit 0 only once the independent checker passed the grid
        checked = amj_solve("check", instance_path, folder / f"out-{stem}" / "grid.csv")
        assert checked.exit_code == 0, checked.output
    else:
        assert solved.exit_code == 1, solved.output
        assert case.reason in flat(solved.stderr)
        assert "No placement keeps every hard rule" not in solved.stderr  # a reason, not a shrug

    published = amj_solve("check", instance_path, folder / f"{stem}-published.csv")
    assert published.exit_code == (1 if case.clashes else 0), published.output
    for clash in case.clashes:
        assert clash in flat(published.stdout)

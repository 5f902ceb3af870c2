"""Real conferences published once per test session, for the tests of what `publish` writes.

AMJ 2010 is published from the grid the conference itself published (`instances/2010-published.csv`,
which passes `check`); FOSDEM 2025 from the solver's grid, since its own double-books a speaker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from amj_scheduler.models import Instance, Schedule, load_instance
from amj_scheduler.models.grid_csv import read_grid_csv
from amj_scheduler.reports.publish import published_files, write_published
from amj_scheduler.reports.stamp import Stamp
from amj_scheduler.solver import SolveOptions, solve

INSTANCES = Path(__file__).parents[1] / "instances"
AS_OF = dt.date(2025, 1, 20)


@dataclass(frozen=True)
class Publication:
    """A conference's grid, published into `folder` (`files` holds the same, by relative path)."""

    instance: Instance
    schedule: Schedule
    grid_csv: Path
    folder: Path
    stamp: Stamp
    files: dict[str, str | bytes]

    def text(self, name: str) -> str:
        data = self.files[name]
        return data.decode("utf-8") if isinstance(data, bytes) else data


def publication(instance: Instance, schedule: Schedule, folder: Path) -> Publication:
    stamp, files = published_files(instance, schedule, as_of=AS_OF, handouts=True)
    write_published(folder, files)
    return Publication(instance, schedule, folder / "grid.csv", folder, stamp, files)


@pytest.fixture(scope="session")
def amj_publication(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    instance = load_instance(INSTANCES / "2010.yaml")
    schedule = read_grid_csv(INSTANCES / "2010-published.csv", instance)
    return publication(instance, schedule, tmp_path_factory.mktemp("amj-2010"))


@pytest.fixture(scope="session")
def fosdem_publication(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    instance = load_instance(INSTANCES / "fosdem-2025.yaml")
    solved = solve(instance, SolveOptions(time_limit=60))
    assert solved.schedule is not None, solved.status
    return publication(instance, solved.schedule, tmp_path_factory.mktemp("fosdem-2025"))

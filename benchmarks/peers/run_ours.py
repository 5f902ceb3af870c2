"""Run our solver on an instance, in process, the way the peers' runners run theirs.

    .venv/bin/python run_ours.py INSTANCE.yaml LIMIT RESULT.json

The library's `solve` with `--time-limit`'s budget (model building counts against it, as it does for
`amj-solve`), one fresh process per run like the peers; loading the YAML and importing OR-Tools are
timed apart, as Timefold's JVM start is. CP-SAT is given a solution callback that notes when its
first schedule arrives (each step's model holds every hard rule, so any schedule it reports is
valid; the one returned is judged by the checker in `run.py`).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

PROCESS_STARTED = time.perf_counter()

from amj_scheduler.models import load_instance  # noqa: E402
from amj_scheduler.solver import SolveOptions, solve  # noqa: E402
from ortools.sat.python import cp_model  # noqa: E402


class FirstSchedule(cp_model.CpSolverSolutionCallback):
    """Notes the moment of the first schedule of the whole run, whichever search step finds it."""

    first: float | None = None

    def on_solution_callback(self) -> None:
        if FirstSchedule.first is None:
            FirstSchedule.first = time.perf_counter()


def noting_first_schedule(solve_model):
    def solve_with_callback(self, model, solution_callback=None):
        return solve_model(self, model, solution_callback or FirstSchedule())

    return solve_with_callback


def main() -> None:
    instance_path, limit, result_path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    imported = time.perf_counter()
    instance = load_instance(instance_path)
    loaded = time.perf_counter()
    cp_model.CpSolver.solve = noting_first_schedule(cp_model.CpSolver.solve)  # type: ignore[method-assign]
    outcome = solve(instance, SolveOptions(time_limit=limit))
    finished = time.perf_counter()
    result = {
        "engine": "ours",
        "import_seconds": imported - PROCESS_STARTED,
        "load_seconds": loaded - imported,
        "build_seconds": outcome.build_seconds,
        "search_seconds": outcome.solve_seconds,
        "total_seconds": finished - loaded,
        "status": outcome.status,
        "objective": outcome.objective,
        "first_solution_seconds": None if FirstSchedule.first is None else FirstSchedule.first - loaded,
        "proven_optimal": outcome.status == "optimal",
        "placements": None
        if outcome.schedule is None
        else [[p.talk, p.occurrence, p.slot, p.room] for p in outcome.schedule.placements],
    }
    Path(result_path).write_text(json.dumps(result))


if __name__ == "__main__":
    main()

"""Benchmark: the main command as a planner runs it, and the solve alone.

    python benchmarks/bench_solve.py [INSTANCE] [--runs N]

Whole command: `amj-solve INSTANCE --quiet --out TMP` in a fresh process, timed from spawn to
exit (the grid files are written before it exits). Solve alone: model build and CP-SAT search
in this process, after the instance is loaded. Figures are medians over N runs, with min and max,
after one warm-up run that is not counted.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from amj_scheduler.models import load_instance
from amj_scheduler.solver import SolveOptions, solve
from timing import command_seconds, machine_line, peak_child_memory_mib, spread

REPO = Path(__file__).resolve().parents[1]


def whole_command_seconds(instance: Path, runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as scratch:
        return command_seconds([str(instance), "--quiet", "--out", scratch], runs)


def solve_seconds(instance_path: Path, runs: int) -> tuple[list[float], list[float], str]:
    instance = load_instance(instance_path)
    builds, searches, status = [], [], ""
    for run in range(runs + 1):
        outcome = solve(instance, SolveOptions(time_limit=60))
        status = f"{outcome.status}, cost {outcome.objective}"
        if run:
            builds.append(outcome.build_seconds)
            searches.append(outcome.solve_seconds)
    return builds, searches, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("instance", nargs="?", type=Path, default=REPO / "instances" / "2010.yaml")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    print(machine_line())
    print(f"instance: {args.instance}; {args.runs} counted runs after 1 warm-up")
    whole = whole_command_seconds(args.instance, args.runs)
    builds, searches, status = solve_seconds(args.instance, args.runs)
    print(f"outcome: {status}")
    print(spread("whole command (spawn to exit)", whole))
    print(spread("model build", builds))
    print(spread("CP-SAT search", searches))
    print(spread("build + search", [b + s for b, s in zip(builds, searches, strict=False)]))
    print(f"peak memory of the command: {peak_child_memory_mib():.0f} MiB")


if __name__ == "__main__":
    main()

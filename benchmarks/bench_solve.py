"""Benchmark: the main command as a planner runs it, and the solve alone.

    python benchmarks/bench_solve.py [INSTANCE] [--runs N]

Whole command: `amj-solve INSTANCE --quiet --out TMP` in a fresh process, timed from spawn to
exit (the grid files are written before it exits). Solve alone: model build and CP-SAT search
in this process, after the instance is loaded. Figures are medians over N runs, with min and max,
after one warm-up run that is not counted.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from amj_scheduler.models import load_instance
from amj_scheduler.solver import SolveOptions, solve

REPO = Path(__file__).resolve().parents[1]


def whole_command_seconds(instance: Path, runs: int) -> list[float]:
    executable = shutil.which("amj-solve")
    if executable is None:
        sys.exit("amj-solve is not on PATH: install the project first (pip install .)")
    timings = []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(runs + 1):
            started = time.perf_counter()
            subprocess.run([executable, str(instance), "--quiet", "--out", scratch], check=True, capture_output=True)
            if run:
                timings.append(time.perf_counter() - started)
    return timings


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


def spread(label: str, seconds: list[float]) -> str:
    return (
        f"{label:<34} median {statistics.median(seconds):7.3f} s   "
        f"min {min(seconds):7.3f} s   max {max(seconds):7.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("instance", nargs="?", type=Path, default=REPO / "instances" / "2010.yaml")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, ortools {version('ortools')}"
    )
    print(f"instance: {args.instance}; {args.runs} counted runs after 1 warm-up")
    whole = whole_command_seconds(args.instance, args.runs)
    builds, searches, status = solve_seconds(args.instance, args.runs)
    print(f"outcome: {status}")
    print(spread("whole command (spawn to exit)", whole))
    print(spread("model build", builds))
    print(spread("CP-SAT search", searches))
    print(spread("build + search", [b + s for b, s in zip(builds, searches)]))


if __name__ == "__main__":
    main()

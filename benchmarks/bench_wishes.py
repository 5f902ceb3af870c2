"""Benchmark: attendees' wish lists (issue 14) on AMJ 2010 and FOSDEM 2025.

    python benchmarks/bench_wishes.py [--runs N] [--only amj|fosdem]

For each conference, seeded wish lists are drawn (`benchmarks/wishes.py`: AMJ 2010 300 attendees x 5
wishes, FOSDEM 2025 5,000 x 10, seed 1), then:

1. the whole command a planner runs, `amj-solve INSTANCE --wishes WISHES.csv --quiet`, in a fresh
   process from spawn to exit (after one warm-up), N runs, with its peak resident memory;
2. in this process: the solve's status, objective and bound, and the independent checker's figures
   for three grids: the wish-aware one, the wish-blind one (the same instance solved without the
   wishes) and the published one, each judged with the wishes: the wished talks attendees can see
   (the best each attendee can do, exactly), the attendees who can see all of theirs, how many miss
   how many, and the pairs of wished talks that clash for most attendees.

Targets (issue 14): AMJ 2010 proven optimal, whole command under 3 s; FOSDEM 2025 a checked grid in
under 60 s and 1 GB, better than the wish-blind grid on the exact figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import wishes
from amj_scheduler.checker import AttendeeFigures, attendee_figures, find_violations
from amj_scheduler.models import Instance, Schedule, load_instance
from amj_scheduler.models.grid_csv import read_grid_file
from amj_scheduler.planning import plan
from amj_scheduler.solver import SolveOptions
from timing import amj_solve, machine_line, spread

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Case:
    name: str
    instance: Path
    published: Path
    attendees: int
    wishes: int


CASES = {
    "amj": Case("AMJ 2010", REPO / "instances" / "2010.yaml", REPO / "instances" / "2010-published.csv", 300, 5),
    "fosdem": Case(
        "FOSDEM 2025",
        REPO / "instances" / "fosdem-2025.yaml",
        REPO / "instances" / "fosdem-2025-published.csv",
        5000,
        10,
    ),
}


def whole_command(case: Case, wish_file: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run, measured by GNU time around the process."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "time.txt"
        command = ["/usr/bin/time", "-f", "%e %M", "-o", str(report), amj_solve()]
        command += [str(case.instance), "--wishes", str(wish_file), "--quiet", "--out", scratch]
        started = time.perf_counter()
        finished = subprocess.run(command, capture_output=True)
        elapsed = time.perf_counter() - started
        if finished.returncode != 0:
            raise SystemExit(f"amj-solve exited {finished.returncode}:\n{finished.stderr.decode()}")
        return elapsed, float(report.read_text().split()[1]) / 1024


def figures_line(label: str, instance: Instance, schedule: Schedule) -> str:
    figures = attendee_figures(instance, schedule)
    assert figures is not None
    broken = len(find_violations(instance, schedule))
    return (
        f"  {label:<12} {figures.seen:>7,} of {figures.wishes:,} wishes seen ({100 * figures.seen / figures.wishes:5.1f}%), "
        f"{figures.see_all:>6,} attendees see all, missed per attendee {_missing(figures)}; "
        f"{len(figures.clashes):,} clashing pairs; {broken} hard violation(s)"
    )


def _missing(figures: AttendeeFigures) -> str:
    return " ".join(f"{missed}:{count}" for missed, count in sorted(figures.missing.items()))


def bench(case: Case, runs: int, scratch: Path) -> None:
    base = load_instance(case.instance)
    wish_file = scratch / f"{case.instance.stem}-wishes.csv"
    wish_file.write_text(wishes.as_csv(wishes.generate(base, case.attendees, case.wishes, seed=1)), encoding="utf-8")
    instance = load_instance(case.instance, wish_file)
    print(f"\n{case.name}: {len(base.talks)} talks; {case.attendees:,} attendees x {case.wishes} wishes (seed 1)")

    whole_command(case, wish_file)  # warm-up: file caches, bytecode
    timings = [whole_command(case, wish_file) for _ in range(runs)]
    print(f"whole command `amj-solve {case.instance.relative_to(REPO)} --wishes WISHES.csv --quiet`, {runs} runs:")
    print(spread("wall, spawn to exit", [seconds for seconds, _ in timings]))
    memory = [mib for _, mib in timings]
    print(f"{'peak resident memory':<44} median {statistics.median(memory):7.0f} MiB   max {max(memory):7.0f} MiB")

    started = time.perf_counter()
    aware = plan(instance, SolveOptions())
    seconds = time.perf_counter() - started
    outcome = aware.outcome
    assert outcome.schedule is not None, outcome
    print(
        f"in process: {outcome.status}, objective {outcome.objective} (bound {outcome.best_bound}); "
        f"solve and check {seconds:.2f} s (build {outcome.build_seconds:.2f} s, search {outcome.solve_seconds:.2f} s)"
    )
    blind = plan(base, SolveOptions()).outcome.schedule
    assert blind is not None
    published = read_grid_file(case.published, instance).schedule
    print("the exact figure, each grid judged with the wishes by the checker:")
    print(figures_line("wish-aware", instance, outcome.schedule))
    print(figures_line("wish-blind", instance, blind))
    print(figures_line("published", instance, published))
    figures = attendee_figures(instance, outcome.schedule)
    assert figures is not None
    for clash in figures.clashes[:3]:
        print(
            f"    clash in the wish-aware grid: {clash.attendees} attendees wish for both '{clash.titles[0]}' and '{clash.titles[1]}'"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=sorted(CASES))
    arguments = parser.parse_args()
    print(machine_line())
    print(f"load average at start: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    amj_solve()  # fail early when the command is not installed
    with tempfile.TemporaryDirectory() as scratch:
        for key, case in CASES.items():
            if arguments.only in (None, key):
                bench(case, arguments.runs, Path(scratch))
    print(f"\nload average at end: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()

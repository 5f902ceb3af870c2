"""Benchmark: FOSDEM 2025 (943 events, 2 days, tracks on a 5-minute grid) against issue 5's targets.

    python benchmarks/bench_fosdem.py [--runs N]

1. The whole command a planner runs, `amj-solve instances/fosdem-2025.yaml --quiet --out TMP`,
   in a fresh process from spawn to exit, once per seed 0..N-1 (after one warm-up), with the peak
   resident memory of the process.
2. In this process, per seed: model build and CP-SAT search times, the status and objective, the
   independent checker's verdict, the rooms each track uses per day, and whether any room holds
   one track's talks on both sides of another's (interleaving), counted here from the placements.
3. The published grid (instances/fosdem-2025-published.csv) judged by the same checker: the
   speaker it double-books, and its rooms per track-day, which the solver must match.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.models import Instance, Schedule, load_instance
from amj_scheduler.models.grid_csv import read_grid_file
from amj_scheduler.solver import SolveOptions, solve
from timing import amj_solve, machine_line, spread

REPO = Path(__file__).resolve().parents[1]
INSTANCE = REPO / "instances" / "fosdem-2025.yaml"
PUBLISHED = REPO / "instances" / "fosdem-2025-published.csv"


def whole_command(seed: int) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run, measured by GNU time around the process."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "time.txt"
        command = [
            "/usr/bin/time",
            "-f",
            "%e %M",
            "-o",
            str(report),
            amj_solve(),
            str(INSTANCE),
            "--quiet",
            "--out",
            scratch,
            "--seed",
            str(seed),
        ]
        started = time.perf_counter()
        finished = subprocess.run(command, capture_output=True)
        elapsed = time.perf_counter() - started
        if finished.returncode != 0:
            raise SystemExit(f"amj-solve exited {finished.returncode}:\n{finished.stderr.decode()}")
        peak_kib = float(report.read_text().split()[1])
    return elapsed, peak_kib / 1024


def rooms_per_track_day(instance: Instance, schedule: Schedule) -> int:
    used: dict[tuple[str, str], set[str]] = defaultdict(set)
    for placement in schedule.placements:
        track = instance.talk_by_id[placement.talk].track
        if track is not None:
            used[(track, str(instance.slot_by_id[placement.slot].day))].add(placement.room)
    return sum(len(rooms) for rooms in used.values())


def interleavings(instance: Instance, schedule: Schedule) -> int:
    """Room-days where some track's talks stand on both sides of another track's talk."""
    sequence: dict[tuple[str, str], list[tuple[object, str]]] = defaultdict(list)
    for placement in schedule.placements:
        slot = instance.slot_by_id[placement.slot]
        track = instance.talk_by_id[placement.talk].track or placement.talk
        sequence[(placement.room, str(slot.day))].append((slot.start, track))
    count = 0
    for talks in sequence.values():
        runs = [
            track
            for index, (_, track) in enumerate(sorted(talks))
            if index == 0 or track != sorted(talks)[index - 1][1]
        ]
        count += len(runs) != len(set(runs))
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="seeds 0..runs-1, each one run")
    args = parser.parse_args()
    seeds = range(args.runs)

    print(machine_line())
    instance = load_instance(INSTANCE)
    occurrences = sum(talk.occurrences for talk in instance.talks)
    print(
        f"instance: {INSTANCE.relative_to(REPO)}: {len(instance.talks)} talks ({occurrences} occurrences), "
        f"{len(instance.rooms)} rooms, {len(instance.tracks)} tracks, {len(instance.speakers)} speakers, {len(instance.days)} days"
    )

    published = read_grid_file(PUBLISHED, instance, set_aside_unknown_talks=False).schedule
    broken = find_violations(instance, published)
    print(
        f"\npublished grid: {len(broken)} hard violation(s); rooms per track-day {rooms_per_track_day(instance, published)}; "
        f"track-room cost {_cost(instance, published, 'track_extra_room')}; rooms interleaving tracks {interleavings(instance, published)}"
    )
    for violation in broken:
        print(f"  - {violation.rule}: {violation.message}")

    amj_solve()  # fail early when the command is not installed
    whole_command(0)  # warm-up: file caches, bytecode
    runs = [whole_command(seed) for seed in seeds]
    print(
        f"\nwhole command `amj-solve {INSTANCE.relative_to(REPO)} --quiet --seed S`, seeds {seeds.start}..{seeds.stop - 1}:"
    )
    print(spread("wall, spawn to exit", [seconds for seconds, _ in runs]))
    print(
        f"{'peak resident memory':<44} median {statistics.median(m for _, m in runs):7.0f} MiB   max {max(m for _, m in runs):7.0f} MiB"
    )

    print("\nin process, per seed (load once, then build + search + check):")
    builds, searches = [], []
    for seed in seeds:
        outcome = solve(instance, SolveOptions(time_limit=60, seed=seed))
        assert outcome.schedule is not None, outcome
        started = time.perf_counter()
        violations = find_violations(instance, outcome.schedule)
        total = score_schedule(instance, outcome.schedule).total
        checking = time.perf_counter() - started
        builds.append(outcome.build_seconds)
        searches.append(outcome.solve_seconds)
        print(
            f"  seed {seed}: {outcome.status}, objective {outcome.objective} (bound {outcome.best_bound}), checker total {total}, "
            f"{len(violations)} hard violations, rooms per track-day {rooms_per_track_day(instance, outcome.schedule)}, "
            f"interleaved rooms {interleavings(instance, outcome.schedule)}; build {outcome.build_seconds:.3f} s, "
            f"search {outcome.solve_seconds:.3f} s, check {checking:.3f} s"
        )
    print(spread("model build", builds))
    print(spread("CP-SAT search", searches))


def _cost(instance: Instance, schedule: Schedule, rule: str) -> int:
    return next(item.cost for item in score_schedule(instance, schedule).rules if item.rule == rule)


if __name__ == "__main__":
    main()

"""Benchmark: real conference exports through `amj-solve import` and the solve, against issue 10's targets.

    python benchmarks/bench_import.py [--runs N]

Each figure is a whole command a planner runs, in a fresh process from spawn to exit, timed
over N runs after one warm-up, with the peak resident memory of the process (GNU time):

1. importing the 500-event congress (38C3's 12 busiest rooms, 4 days; target < 2 s);
2. solving it with default settings (target < 15 s, < 500 MB);
3. importing, then solving, the impossible 624-event export (36C3's 19 rooms), which must end
   in exit 1 with the reason (target < 3 s, < 300 MB for the solve command);
4. importing FOSDEM 2025 (943 events), for comparison.

Then, in this process, the counting prechecks alone on the impossible export. The start-up of a
command (`amj-solve --version`) is timed first: on a shared machine it is most of every figure.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from amj_scheduler.models import load_instance
from amj_scheduler.models.source_lines import ItemLines
from amj_scheduler.solver import find_impossibilities
from timing import amj_solve, machine_line, spread

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus"
CONGRESS = CORPUS / "38c3-12-rooms.schedule.xml"
IMPOSSIBLE = CORPUS / "36c3-19-rooms.schedule.xml"
FOSDEM = REPO / "instances" / "sources" / "fosdem-2025.schedule.xml"


def timed(arguments: list[str], expected_exit: int) -> tuple[float, float, str]:
    """Wall seconds, peak resident MiB and the error output of one `amj-solve` run."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "time.txt"
        started = time.perf_counter()
        finished = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", str(report), amj_solve(), *arguments], capture_output=True
        )
        elapsed = time.perf_counter() - started
        if finished.returncode != expected_exit:
            raise SystemExit(
                f"amj-solve {' '.join(arguments)} exited {finished.returncode}, expected {expected_exit}:\n"
                f"{finished.stdout.decode()}{finished.stderr.decode()}"
            )
        return elapsed, float(report.read_text().split()[-1]) / 1024, finished.stderr.decode()


def measure(label: str, arguments: list[str], runs: int, expected_exit: int = 0) -> str:
    """Runs after one warm-up; prints and returns the last run's error output (the reasons, for exit 1)."""
    results = [timed(arguments, expected_exit) for _ in range(runs + 1)][1:]
    print(spread(label, [seconds for seconds, _, _ in results]), f"  peak {max(m for _, m, _ in results):5.0f} MiB")
    return results[-1][2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(machine_line())
    measure("amj-solve --version (start-up alone)", ["--version"], runs)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        congress, impossible = folder / "38c3.yaml", folder / "36c3.yaml"
        measure("import 38C3, 506 events", ["import", str(CONGRESS), "--out", str(congress), "--force"], runs)
        measure("solve 38C3 (default settings)", [str(congress), "--quiet", "--out", str(folder / "out")], min(runs, 3))
        measure("import 36C3, 624 events", ["import", str(IMPOSSIBLE), "--out", str(impossible), "--force"], runs)
        reasons = measure(
            "solve 36C3: the reason (exit 1)", [str(impossible), "--quiet", "--out", str(folder / "no")], runs, 1
        )
        measure(
            "import FOSDEM 2025, 943 events", ["import", str(FOSDEM), "--out", str(folder / "f.yaml"), "--force"], runs
        )

        instance = load_instance(impossible)
        counted = []
        for _ in range(runs):
            started = time.perf_counter()
            found = find_impossibilities(instance, ItemLines.read(impossible))
            counted.append(time.perf_counter() - started)
        print(spread("prechecks with lines, 36C3 in process", counted), f"  {len(instance.talks)} talks")
        print(f"median of {runs} runs; the reasons given:\n{reasons.rstrip()}")
        assert found, "the impossible export must be explained by counting"
        print(f"(in-process median {statistics.median(counted) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()

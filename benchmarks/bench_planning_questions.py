"""Benchmark: the planner's questions about AMJ 2010 and FOSDEM 2025, each as a whole `amj-solve` command.

    python benchmarks/bench_planning_questions.py [--runs N] [--conference amj|fosdem|both]

Each command runs in a fresh process, timed from spawn to exit with files written; figures
are medians over N runs, with min and max, after one warm-up run that is not counted. Targets
from the issues: on AMJ 2010, five alternatives under 5 s and an infeasible variant explained under
10 s; on FOSDEM 2025, three alternatives under 15 s, a room closure re-planned with --keep under 15 s,
explain under 30 s, and an infeasible variant explained under 20 s.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from timing import command_seconds, machine_line, peak_child_memory_mib, spread

REPO = Path(__file__).resolve().parents[1]
AMJ_2010 = str(REPO / "instances" / "2010.yaml")
PUBLISHED = str(REPO / "instances" / "2010-published.csv")
NO_MODULAR_II = str(REPO / "instances" / "scenarios" / "2010-no-modular-ii.yaml")
OVERBOOKED = str(REPO / "tests" / "instances" / "infeasible" / "2010-sara-groves-overbooked.yaml")
FOSDEM = str(REPO / "instances" / "fosdem-2025.yaml")
FOSDEM_PUBLISHED = str(REPO / "instances" / "fosdem-2025-published.csv")
SCENARIOS = REPO / "instances" / "scenarios"


def fosdem_questions(out: str) -> list[tuple[str, list[str], int]]:
    fire_drill = str(SCENARIOS / "fosdem-2025-ud6215-fire-drill.yaml")
    clash = str(SCENARIOS / "fosdem-2025-ada-talks-clash.yaml")
    return [
        (
            "FOSDEM: three alternatives (compare --alternatives 3)",
            ["compare", FOSDEM, "--alternatives", "3", "--out", out],
            0,
        ),
        (
            "FOSDEM: fire drill in UD6.215, re-plan --keep published",
            [FOSDEM, "--scenario", fire_drill, "--keep", FOSDEM_PUBLISHED, "-q", "--out", out],
            0,
        ),
        ("FOSDEM: best schedule explained (explain)", ["explain", FOSDEM], 0),
        ("FOSDEM: both Ada talks at 14:00, explained (exit 1)", [FOSDEM, "--scenario", clash, "-q", "--out", out], 1),
    ]


def questions(out: str) -> list[tuple[str, list[str], int]]:
    """(what a planner asks, the command's arguments, its expected exit code)."""
    return [
        ("five alternatives (compare --alternatives 5)", ["compare", AMJ_2010, "--alternatives", "5", "--out", out], 0),
        ("infeasible variant explained (exit 1)", [OVERBOOKED, "--out", out], 1),
        (
            "Modular II closed, re-plan --keep published",
            [AMJ_2010, "--scenario", NO_MODULAR_II, "--keep", PUBLISHED, "-q", "--out", out],
            0,
        ),
        ("published grid checked (check)", ["check", AMJ_2010, PUBLISHED], 0),
        ("best schedule explained (explain)", ["explain", AMJ_2010], 0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--conference", choices=("amj", "fosdem", "both"), default="both")
    args = parser.parse_args()
    print(machine_line())
    print(f"{args.runs} counted runs of each command after 1 warm-up")
    with tempfile.TemporaryDirectory() as out:
        asked = (questions(out) if args.conference != "fosdem" else []) + (
            fosdem_questions(out) if args.conference != "amj" else []
        )
        for label, arguments, exit_code in asked:
            print(spread(label, command_seconds(arguments, args.runs, exit_code)))
    print(f"peak memory of any command: {peak_child_memory_mib():.0f} MiB")


if __name__ == "__main__":
    main()

"""Benchmark: how loading, model building, the CP-SAT search and checking grow with the talk count.

    python benchmarks/bench_scaling.py [--sizes 100 250 500 1000 2000] [--runs 3] [--seed 1]
                                       [--time-limit 30] [--workers 1] [--out benchmarks/results]

For each size, `benchmarks/synthetic.py` generates one FOSDEM-shaped conference on breakout
windows (it has a known feasible placement, whose soft cost is the "hidden cost" column); each
counted run then loads and validates its YAML, builds the full window-mode model once on its own
("1 build s": the cleanest measure of how model building grows), solves (`solve`: "build s" is its
own build time, summed over the one to three models its search steps build, "solve s" its search)
and checks the schedule with the independent checker. Figures are medians over the runs. Each
size runs in a fresh process, so its peak resident memory is its own. The search is bounded by
--time-limit (solver/solve.py splits it among its steps), so "solve s" near the limit
means "stopped", not "proved optimal"; the status column says which.

Writes `scaling.csv` and, with matplotlib installed (`pip install -e .[bench]`), `scaling.svg`,
and prints log-log slopes of each time against talks: about 1 means linear growth.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import itertools
import math
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, fields
from multiprocessing import get_context
from pathlib import Path

from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.models import load_instance
from amj_scheduler.reports.atomic import write_all_atomically
from amj_scheduler.solver import SolveOptions, build_model, solve
from synthetic import generate
from timing import machine_line

REPO = Path(__file__).resolve().parents[1]
SIZES = (100, 250, 500, 1000, 2000)


@dataclass(frozen=True)
class Row:
    """One size's medians, as the table and scaling.csv show them."""

    talks: int
    occurrences: int
    speakers: int
    rooms: int
    tracks: int
    load_s: float
    model_s: float
    """One build of the full window-mode model, timed on its own: the cleanest measure of growth."""
    build_s: float
    """The solve's own build time: the sum over the 1-3 models its search steps build."""
    solve_s: float
    check_s: float
    status: str
    hard_violations: int | None
    objective: int | None
    hidden_cost: int
    """The soft cost of the generator's hidden placement: a cost the solver can at least match."""
    peak_rss_mib: float


def measure(talks: int, seed: int, runs: int, options: SolveOptions) -> Row:
    """Generate one conference of `talks` talks, then time `runs` rounds of load, solve and check."""
    synthetic = generate(talks, seed)
    loads, models, builds, searches, checks = [], [], [], [], []
    statuses, violations, objective = [], None, None
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / f"synthetic-{talks}.yaml"
        path.write_text(synthetic.yaml_text, encoding="utf-8")
        for _ in range(runs):
            started = time.perf_counter()
            instance = load_instance(path)
            loads.append(time.perf_counter() - started)
            gc.collect()  # so the previous run's garbage is not collected on this build's time
            started = time.perf_counter()
            build_model(instance)
            models.append(time.perf_counter() - started)
            try:
                outcome = solve(instance, options)
            except Exception as error:  # a solver bug is a result here: report it, keep the other sizes
                statuses.append(f"error: {type(error).__name__}")
                continue
            statuses.append(outcome.status)
            builds.append(outcome.build_seconds)
            searches.append(outcome.solve_seconds)
            objective = outcome.objective
            if outcome.schedule is not None:
                started = time.perf_counter()
                violations = len(find_violations(instance, outcome.schedule))
                score_schedule(instance, outcome.schedule)
                checks.append(time.perf_counter() - started)
    hidden_cost = score_schedule(instance, synthetic.schedule).total
    return Row(
        talks=talks,
        occurrences=sum(talk.occurrences for talk in instance.talks),
        speakers=len(instance.speakers),
        rooms=len(instance.rooms),
        tracks=len(instance.tracks),
        load_s=_median(loads),
        model_s=_median(models),
        build_s=_median(builds),
        solve_s=_median(searches),
        check_s=_median(checks),
        status="/".join(sorted(set(statuses))),
        hard_violations=violations,
        objective=objective,
        hidden_cost=hidden_cost,
        peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def measure_in_fresh_process(talks: int, seed: int, runs: int, options: SolveOptions) -> Row:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(measure, talks, seed, runs, options).result()


def local_slopes(rows: list[Row], column: str) -> str:
    """The slope between each two neighbouring sizes: up to ~500 talks a conference has one day and
    its rooms grow with its talks (and so does each talk's choice of rooms); beyond, days grow and
    rooms stay ~30, so these show where growth per talk is linear and where the model is wider."""
    pairs = itertools.pairwise(rows)
    return ", ".join(f"{a.talks}->{b.talks} {loglog_slope([a, b], column):.2f}" for a, b in pairs)


def loglog_slope(rows: list[Row], column: str) -> float:
    """Least-squares slope of log(seconds) against log(talks): 1 is linear, 2 quadratic."""
    points = [(math.log(row.talks), math.log(value)) for row in rows if (value := getattr(row, column)) > 0]
    if len(points) < 2:
        return math.nan
    return statistics.linear_regression(*zip(*points, strict=False)).slope


COLUMNS = (
    ("talks", "talks", "{}"),
    ("occurrences", "occ", "{}"),
    ("speakers", "speakers", "{}"),
    ("rooms", "rooms", "{}"),
    ("tracks", "tracks", "{}"),
    ("load_s", "load s", "{:.2f}"),
    ("model_s", "1 build s", "{:.2f}"),
    ("build_s", "build s", "{:.2f}"),
    ("solve_s", "solve s", "{:.1f}"),
    ("check_s", "check s", "{:.2f}"),
    ("status", "status", "{}"),
    ("hard_violations", "hard viol.", "{}"),
    ("objective", "objective", "{}"),
    ("hidden_cost", "hidden cost", "{}"),
    ("peak_rss_mib", "peak RSS MiB", "{:.0f}"),
)


def table(rows: list[Row]) -> str:
    cells = [[heading for _, heading, _ in COLUMNS]]
    cells += [
        ["-" if (value := getattr(row, name)) is None else form.format(value) for name, _, form in COLUMNS]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=False)) for line in cells)


def csv_text(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f.name for f in fields(Row)])
    for row in rows:
        writer.writerow(
            [
                "" if value is None else round(value, 4) if isinstance(value, float) else value
                for value in asdict(row).values()
            ]
        )
    return buffer.getvalue()


def svg_text(rows: list[Row], subtitle: str) -> str | None:
    """Build, search, load and check seconds against talks on log-log axes, with the line of slope 1
    that fits the build times best; None when matplotlib (the `bench` extra) is not installed."""
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "amj-scaling"  # stable element ids: the same figures, the same file
    from matplotlib import pyplot

    talks = [row.talks for row in rows]
    figure, axes = pyplot.subplots(figsize=(9, 4.5))
    for column, label, style in (
        ("model_s", "one model build", "D-"),
        ("build_s", "model builds in solve", "o-"),
        ("solve_s", "CP-SAT search\n(stops at the time limit)", "s-"),
        ("load_s", "load + validate", "^--"),
        ("check_s", "independent check", "v--"),
    ):
        axes.plot(talks, [getattr(row, column) for row in rows], style, label=label)
    built = [row for row in rows if row.model_s > 0]
    if built:  # seconds = c x talks, with c the geometric mean of the measured seconds per talk
        per_talk = math.exp(statistics.fmean(math.log(row.model_s / row.talks) for row in built))
        axes.plot(
            talks,
            [per_talk * t for t in talks],
            ":",
            color="grey",
            label="linear reference\n(slope 1, fitted to one build)",
        )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("talks")
    axes.set_ylabel("seconds (median)")
    slopes = f"log-log slope: one build {loglog_slope(rows, 'model_s'):.2f}, builds in solve {loglog_slope(rows, 'build_s'):.2f}"
    axes.set_title(f"Scaling on synthetic conferences; {slopes}\n{subtitle}", fontsize=9)
    axes.grid(True, which="both", linewidth=0.3)
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.02, 1))
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    pyplot.close(figure)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), metavar="TALKS")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (the solver's too)")
    parser.add_argument(
        "--time-limit", type=float, default=30.0, help="CP-SAT's limit per solve, deterministic seconds"
    )
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    if args.runs < 1 or min(args.sizes) < 30:
        parser.error("--runs must be at least 1 and every size at least 30 talks")

    machine = machine_line()
    options = SolveOptions(time_limit=args.time_limit, seed=args.seed, workers=args.workers)
    settings = (
        f"seed {args.seed}, {args.runs} run(s) per size, time limit {args.time_limit:g} s, {args.workers} worker(s)"
    )
    print(machine)
    print(settings, flush=True)
    rows = []
    for talks in sorted(args.sizes):
        rows.append(measure_in_fresh_process(talks, args.seed, args.runs, options))
        print(f"  {talks} talks measured: {rows[-1].status}", flush=True)
    print(table(rows))
    for column, what in (
        ("model_s", "one build"),
        ("build_s", "builds in solve"),
        ("solve_s", "search"),
        ("load_s", "load"),
        ("check_s", "check"),
    ):
        print(
            f"log-log slope of {what} time against talks: {loglog_slope(rows, column):.2f} ({local_slopes(rows, column)})"
        )

    args.out.mkdir(parents=True, exist_ok=True)
    files: dict[Path, str] = {args.out / "scaling.csv": csv_text(rows)}
    svg = svg_text(rows, f"{machine.removeprefix('machine: ')}\n{settings}")
    if svg is None:
        print("matplotlib is not installed (pip install -e .[bench]): scaling.svg not written", file=sys.stderr)
    else:
        files[args.out / "scaling.svg"] = svg
    for path in write_all_atomically(files):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()

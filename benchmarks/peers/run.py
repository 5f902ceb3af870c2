"""Ours against PyCon UK's conference-scheduler and Timefold, on the same instances and machine.

    python benchmarks/peers/run.py [--runs 3] [--limits 1 10 60] [--venvs ~/.cache/amj-peers] [--talks 100 250 500 1000]
        [--only NAME...] [--engines ours conference-scheduler timefold] [--out benchmarks/results]

Makes each peer's virtual environment under `--venvs` (outside the repository; pinned versions from
PyPI, nothing fetched is ever committed), converts every instance into each peer's model
(`peer_problems.py`), then runs the three engines in turn, each in a fresh process, their order
rotating from run to run, at each time limit. Every schedule any engine returns is judged by our
own checker: hard violations counted, soft cost by our weights. Writes `peers.md` (the table),
`peers.png` (the plot) and `peers.json` (every run) to `benchmarks/results/`.

What each figure means:
- time to the first valid schedule: from the start of model building (after imports and, for
  Timefold, the JVM's start, which is reported apart) to the engine's first schedule that our
  checker accepts: CP-SAT's first solution, CBC's first integer solution (by its log, valid when
  the schedule CBC returns is), Timefold's first best schedule with no broken hard constraint;
- time to a proven optimum: the run at the longest limit, where the engine proved its schedule
  optimal for its own objective (CP-SAT and CBC can; Timefold never does);
- objective at each limit: our checker's soft cost of the schedule returned within that limit.
  Timefold runs once per instance and run at the longest limit, and the best schedule it held at
  each shorter limit is read from that run: its local search does not depend on the limit.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE), str(REPO / "benchmarks")]

import synthetic  # noqa: E402
from amj_scheduler.checker import find_violations, score_schedule  # noqa: E402
from amj_scheduler.models import Instance, Placement, Schedule, load_instance  # noqa: E402
from peer_problems import (  # noqa: E402
    NotRepresentable,
    conference_scheduler_problem,
    schedule_from_conference_scheduler,
    schedule_from_timefold,
    timefold_problem,
)

PEERS = {
    "conference-scheduler": ["conference-scheduler==3.0.1", "pulp==3.3.2"],
    "timefold": ["timefold==1.24.0b0"],
}
"""Pinned from PyPI. conference-scheduler 3.0.1 needs a PuLP before 4; Timefold's Python package
is still published as a beta, and runs its solver on the machine's JDK (17 here)."""

ENGINES = ("ours", "conference-scheduler", "timefold")
MEMORY_CAP = 8 * 1024**3
"""Address-space cap of a conference-scheduler run: its model of a breakout-window conference has
millions of variables, and the machine is shared. (The JVM reserves address space it never uses,
so Timefold is capped by its own heap default instead.)"""
SYNTHETIC_SEED = 1


@dataclass
class Bench:
    """One instance, as each engine takes it."""

    name: str
    instance: Instance
    path: Path
    problems: dict[str, Path] = field(default_factory=dict)
    not_representable: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, str] = field(default_factory=dict)


def ensure_venvs(root: Path, peers: list[str]) -> dict[str, Path]:
    """Each peer's interpreter, its environment made and its pinned packages installed once."""
    pythons = {}
    for peer in peers:
        requirements = PEERS[peer]
        venv = root / peer
        marker = venv / "amj-requirements.txt"
        if not marker.exists() or marker.read_text() != "\n".join(requirements):
            print(f"making {venv} with {' '.join(requirements)}", flush=True)
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *requirements], check=True)
            marker.write_text("\n".join(requirements))
        pythons[peer] = venv / "bin" / "python"
    return pythons


def instances(talks: list[int], work: Path) -> list[Bench]:
    benches = [
        Bench("AMJ 2010", load_instance(REPO / "instances/2010.yaml"), REPO / "instances/2010.yaml"),
        Bench(
            "PyCon UK 2016", load_instance(REPO / "instances/pyconuk-2016.yaml"), REPO / "instances/pyconuk-2016.yaml"
        ),
        Bench("FOSDEM 2025", load_instance(REPO / "instances/fosdem-2025.yaml"), REPO / "instances/fosdem-2025.yaml"),
    ]
    for count in talks:
        generated = synthetic.generate(count, seed=SYNTHETIC_SEED)
        path = work / f"synthetic-{count}.yaml"
        path.write_text(generated.yaml_text)
        benches.append(Bench(f"synthetic {count:,}", generated.instance(), path))
    return benches


def convert(bench: Bench, work: Path) -> None:
    """Each peer's problem file, or why the peer cannot take the instance."""
    stem = bench.path.stem
    try:
        problem = conference_scheduler_problem(bench.instance)
        path = work / f"{stem}.conference-scheduler.json"
        path.write_text(json.dumps(problem))
        bench.problems["conference-scheduler"] = path
        bench.sizes["conference-scheduler"] = f"{len(problem['events']):,} events x {len(problem['slots']):,} slots"
    except NotRepresentable as reason:
        bench.not_representable["conference-scheduler"] = str(reason)
    problem = timefold_problem(bench.instance)
    path = work / f"{stem}.timefold.json"
    path.write_text(json.dumps(problem))
    bench.problems["timefold"] = path
    bench.sizes["timefold"] = (
        f"{len(problem['occurrences']):,} occurrences x {len(problem['starts']):,} starts x {len(problem['rooms'])} rooms"
    )


def _capped() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_engine(
    engine: str, bench: Bench, limit: float, checkpoints: list[float], pythons: dict[str, Path], work: Path
) -> dict[str, Any]:
    """One run in a fresh process; what it printed back, with its wall time and how it ended."""
    result_path = Path(tempfile.mktemp(dir=work, suffix=".json"))
    if engine == "ours":
        command = [sys.executable, str(HERE / "run_ours.py"), str(bench.path), str(limit), str(result_path)]
        grace, cap = 30.0, None
    elif engine == "conference-scheduler":
        command = [str(pythons[engine]), str(HERE / "run_conference_scheduler.py"), str(bench.problems[engine])]
        command += [str(limit), str(result_path)]
        grace, cap = 15.0, _capped
    else:
        command = [str(pythons[engine]), str(HERE / "run_timefold.py"), str(bench.problems[engine]), str(limit)]
        command += [str(result_path), *(str(c) for c in checkpoints)]
        grace, cap = 60.0, None
    started = time.perf_counter()
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=limit + grace, preexec_fn=cap)
        ended = "returned" if finished.returncode == 0 else f"failed (exit {finished.returncode})"
        error = finished.stderr[-2000:] if finished.returncode else ""
    except subprocess.TimeoutExpired:
        ended, error = f"stopped after {limit + grace:g} s", ""
    wall = time.perf_counter() - started
    result = json.loads(result_path.read_text()) if result_path.exists() else {}
    result_path.unlink(missing_ok=True)
    if "MemoryError" in error:
        ended = f"out of memory (cap {MEMORY_CAP // 1024**3} GiB)"
    return {**result, "ended": ended, "error": error, "wall_seconds": wall}


def verdict(instance: Instance, schedule: Schedule | None) -> dict[str, Any]:
    """Our checker's judgement: hard violations counted, soft cost by our weights."""
    if schedule is None:
        return {"valid": False, "hard": None, "cost": None}
    violations = find_violations(instance, schedule)
    return {"valid": not violations, "hard": len(violations), "cost": score_schedule(instance, schedule).total}


LATE_TOLERANCE = 0.05
"""A schedule counts at a limit when it came within the limit and this share of it (plus 0.1 s):
conference-scheduler's own model building cannot be cut short, so it may answer late."""


def judged(engine: str, bench: Bench, raw: dict[str, Any], limits: list[float]) -> list[dict[str, Any]]:
    """One record per limit the run answers (Timefold's run answers every limit up to its own)."""
    instance = bench.instance
    total = raw.get("total_seconds")
    if engine != "timefold" and total is not None and total > raw["limit"] * (1 + LATE_TOLERANCE) + 0.1:
        raw = {**raw, "placements": None, "solution": None, "ended": f"answered late, after {total:.2f} s"}
    base = {
        "engine": engine,
        "instance": bench.name,
        "ended": raw["ended"],
        "wall_seconds": raw["wall_seconds"],
        "build_seconds": raw.get("build_seconds"),
        "start_seconds": raw.get("jvm_seconds", raw.get("import_seconds")),
    }
    if engine == "ours":
        placements = raw.get("placements")
        schedule = (
            None
            if placements is None
            else Schedule(
                placements=tuple(Placement(talk=t, occurrence=o, slot=s, room=r) for t, o, s, r in placements)
            )
        )
        judgement = verdict(instance, schedule)
        return [
            {
                **base,
                **judgement,
                "limit": raw["limit"],
                "first_valid": raw.get("first_solution_seconds") if judgement["valid"] else None,
                "proven": raw["total_seconds"] if raw.get("proven_optimal") else None,
            }
        ]
    if engine == "conference-scheduler":
        problem = json.loads(bench.problems[engine].read_text())
        solution = raw.get("solution")
        schedule = None if solution is None else schedule_from_conference_scheduler(instance, problem, solution)
        judgement = verdict(instance, schedule)
        return [
            {
                **base,
                **judgement,
                "limit": raw["limit"],
                "first_valid": raw.get("first_solution_seconds") if judgement["valid"] else None,
                "proven": raw["total_seconds"] if raw.get("proven_optimal") and judgement["valid"] else None,
                "variables": raw.get("variables"),
            }
        ]
    snapshots = {snapshot["label"]: snapshot for snapshot in raw.get("snapshots", [])}
    first = snapshots.get("first feasible")
    first_verdict = verdict(instance, schedule_from_timefold(instance, first["assignments"])) if first else None
    records = []
    for limit in limits:
        if limit == max(limits):
            assignments = raw.get("assignments")
        else:
            held = snapshots.get(f"at {limit:g} s")
            assignments = held["assignments"] if held else None
        schedule = None if assignments is None else schedule_from_timefold(instance, assignments)
        judgement = verdict(instance, schedule)
        if judgement["hard"] is not None and not _complete(instance, schedule):
            judgement["valid"] = False
        records.append(
            {
                **base,
                **judgement,
                "limit": limit,
                "first_valid": first["seconds"] if first and first_verdict and first_verdict["valid"] else None,
                "proven": None,
            }
        )
    return records


def _complete_assignments(raw: dict[str, Any], instance: Instance) -> bool:
    assignments = raw.get("assignments") or []
    return _complete(instance, schedule_from_timefold(instance, assignments))


def _complete(instance: Instance, schedule: Schedule | None) -> bool:
    return schedule is not None and len(schedule.placements) == sum(talk.occurrences for talk in instance.talks)


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limits", type=float, nargs="+", default=[1.0, 10.0, 60.0])
    parser.add_argument("--talks", type=int, nargs="*", default=[100, 250, 500, 1000])
    parser.add_argument("--only", nargs="*", help="instance names to run (default: all)")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES), help="engines to run")
    parser.add_argument("--venvs", type=Path, default=Path.home() / ".cache" / "amj-peers")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    arguments = parser.parse_args()
    limits = sorted(arguments.limits)
    arguments.venvs.mkdir(parents=True, exist_ok=True)
    pythons = ensure_venvs(arguments.venvs, [peer for peer in PEERS if peer in arguments.engines])
    work = Path(tempfile.mkdtemp(prefix="amj-peers-"))
    benches = [b for b in instances(arguments.talks, work) if not arguments.only or b.name in arguments.only]
    for bench in benches:
        convert(bench, work)
    began, load_before = time.time(), load_average()
    print(f"machine: {machine()}; load average before: {load_before}", flush=True)
    records: list[dict[str, Any]] = []
    unbuilt: set[str] = set()
    """conference-scheduler instances whose model was not built within the longest limit: its model
    building does not depend on the limit, so the other runs are left out and said so."""
    unplaced: set[str] = set()
    """Instances where Timefold's first run ended with talks still unplaced (its construction
    heuristic, which places each talk once, had not finished): its later runs there are left out,
    and said so, to keep the comparison within the hour."""
    turn = 0
    for run in range(arguments.runs):
        for bench in benches:
            for limit in reversed(limits):
                turn += 1
                order = ENGINES[turn % 3 :] + ENGINES[: turn % 3]
                for engine in order:
                    if engine not in arguments.engines:
                        continue
                    if engine != "ours" and engine in bench.not_representable:
                        continue
                    if engine == "timefold" and limit != limits[-1]:
                        continue
                    if engine == "conference-scheduler" and bench.name in unbuilt:
                        continue
                    if engine == "timefold" and bench.name in unplaced:
                        continue
                    checkpoints = [c for c in limits if c < limit]
                    raw = run_engine(engine, bench, limit, checkpoints, pythons, work)
                    raw["limit"] = limit
                    answered = judged(engine, bench, raw, limits if engine == "timefold" else [limit])
                    for record in answered:
                        record["run"] = run
                    records += answered
                    if engine == "conference-scheduler" and raw.get("build_seconds") is None and limit == limits[-1]:
                        unbuilt.add(bench.name)
                    if engine == "timefold" and not _complete_assignments(raw, bench.instance):
                        unplaced.add(bench.name)
                    shown = answered[-1]
                    print(
                        f"run {run + 1} {bench.name:<16} {engine:<21} limit {limit:>4g} s: {shown['ended']:<22} "
                        f"hard {shown['hard']} cost {shown['cost']} first valid {shown['first_valid']} "
                        f"proven {shown['proven']} wall {shown['wall_seconds']:.1f} s (load {load_average()})",
                        flush=True,
                    )
    load_after = load_average()
    minutes = (time.time() - began) / 60
    arguments.out.mkdir(parents=True, exist_ok=True)
    context = {
        "machine": machine(),
        "load_before": load_before,
        "load_after": load_after,
        "minutes": minutes,
        "runs": arguments.runs,
        "limits": limits,
        "peers": PEERS,
        "benches": [
            {"name": b.name, "talks": len(b.instance.talks), "sizes": b.sizes, "not_representable": b.not_representable}
            for b in benches
        ],
        "unbuilt": sorted(unbuilt),
        "unplaced": sorted(unplaced),
    }
    (arguments.out / "peers.json").write_text(json.dumps({"context": context, "records": records}, indent=1))
    import peer_report

    (arguments.out / "peers.md").write_text(peer_report.markdown(context, records))
    peer_report.plot(context, records, arguments.out / "peers.png")
    shutil.rmtree(work)
    print(f"wrote {arguments.out / 'peers.md'}, peers.png, peers.json ({minutes:.1f} min; load after {load_after})")


if __name__ == "__main__":
    main()

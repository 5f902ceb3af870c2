"""Benchmark: `amj-solve publish` of FOSDEM 2025 (943 talks, 29 rooms, 994 speakers) against issue
13's targets: every file in under 3 s, and schedule.xml accepted by the frab XSD.

    python benchmarks/bench_publish.py [--runs N] [--out-parent DIR]

1. The grid: the solver's for FOSDEM (its own published grid double-books a speaker, so
   `publish` refuses it), written once by `amj-solve instances/fosdem-2025.yaml`.
2. The whole command a planner runs, `amj-solve publish instances/fosdem-2025.yaml GRID --out DIR`,
   from spawn to exit, N times after one warm-up, each into a fresh folder and then again a week
   later over those files (a republication replaces all 1,031), with its CPU time and peak resident
   memory, and the machine's load average (other work on the cores lengthens wall time).
3. In this process, the render time of each file (medians of N), so a slow one can be found.
4. schedule.xml validated against tests/data/schedule.xml.xsd with lxml, and the files counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from amj_scheduler.models import load_instance, read_grid_csv
from amj_scheduler.reports.calendar_ics import calendar_files
from amj_scheduler.reports.door_signs import render_door_signs
from amj_scheduler.reports.grid_table import grid_rows, grid_rows_csv_text
from amj_scheduler.reports.grid_xlsx import grid_xlsx_bytes
from amj_scheduler.reports.html import render_html
from amj_scheduler.reports.itineraries import render_itineraries
from amj_scheduler.reports.program import program_entries
from amj_scheduler.reports.published_events import published_program
from amj_scheduler.reports.schedule_json import schedule_json_text
from amj_scheduler.reports.schedule_xml import schedule_xml_text
from amj_scheduler.reports.stamp import grid_stamp
from timing import amj_solve, machine_line, spread

REPO = Path(__file__).resolve().parents[1]
INSTANCE = REPO / "instances" / "fosdem-2025.yaml"
XSD = REPO / "tests" / "data" / "schedule.xml.xsd"
AS_OF = "2025-01-20"
REPUBLISHED_AS_OF = "2025-01-27"
"""A second publication a week later: every file's stamp differs, so every file is replaced."""


def solved_grid(folder: Path) -> Path:
    subprocess.run([amj_solve(), str(INSTANCE), "--quiet", "--out", str(folder)], check=True, capture_output=True)
    return folder / "grid.csv"


def publish_seconds(grid: Path, out: Path, as_of: str = AS_OF) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system) and peak resident
    MiB of one `publish`, measured by GNU time around the process."""
    report = out.parent / "time.txt"
    command = ["/usr/bin/time", "-f", "%U %S %M", "-o", str(report), amj_solve(), "publish", str(INSTANCE)]
    started = time.perf_counter()
    finished = subprocess.run([*command, str(grid), "--out", str(out), "--as-of", as_of], capture_output=True)
    elapsed = time.perf_counter() - started
    if finished.returncode != 0:
        raise SystemExit(f"amj-solve publish exited {finished.returncode}:\n{finished.stderr.decode()}")
    user, system, peak_kib = (float(value) for value in report.read_text().split()[-3:])
    return elapsed, user + system, peak_kib / 1024


def render_medians(grid: Path, runs: int) -> dict[str, float]:
    instance = load_instance(INSTANCE)
    schedule = read_grid_csv(grid, instance)
    program = published_program(instance, schedule)
    stamp = grid_stamp(grid.read_text(encoding="utf-8"), dt.date.fromisoformat(AS_OF))
    renders: dict[str, Callable[[], object]] = {
        "grid.csv": lambda: grid_rows_csv_text(grid_rows(program_entries(instance, schedule))),
        "grid.html": lambda: render_html(instance, schedule, stamp),
        "grid.xlsx": lambda: grid_xlsx_bytes(instance, schedule, stamp),
        "schedule.xml": lambda: schedule_xml_text(program, stamp),
        "schedule.json": lambda: schedule_json_text(program, stamp),
        "schedule.ics, rooms/*.ics, speakers/*.ics": lambda: calendar_files(program, stamp),
        "doors.html": lambda: render_door_signs(instance, schedule, stamp),
        "itineraries.html": lambda: render_itineraries(instance, schedule, stamp),
    }
    medians = {}
    for name, render in renders.items():
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            render()
            seconds.append(time.perf_counter() - started)
        medians[name] = statistics.median(seconds)
    return medians


def xsd_verdict(schedule_xml: Path) -> str:
    try:
        from lxml import etree
    except ImportError:
        return "not checked: lxml is not installed (pip install '.[test]')"
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    if schema.validate(etree.parse(str(schedule_xml))):
        return f"valid against {XSD.relative_to(REPO)}"
    return f"INVALID: {schema.error_log}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out-parent", type=Path, help="where the output folders go [default: a temporary folder]")
    arguments = parser.parse_args()
    print(machine_line())
    scratch = Path(tempfile.mkdtemp(dir=arguments.out_parent))
    try:
        grid = solved_grid(scratch / "solved")
        fresh: list[float] = []
        again: list[float] = []
        cpu, memory = [], []
        publish_seconds(grid, scratch / "warm-up")
        print(f"load average before: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
        for run in range(arguments.runs):
            out = scratch / f"run-{run}"
            for timings, as_of in ((fresh, AS_OF), (again, REPUBLISHED_AS_OF)):
                seconds, cpu_seconds, peak = publish_seconds(grid, out, as_of)
                timings.append(seconds)
                cpu.append(cpu_seconds)
                memory.append(peak)
        published = scratch / "run-0"
        files = [path for path in published.rglob("*") if path.is_file()]
        print(f"FOSDEM 2025: {len(files)} files, {sum(path.stat().st_size for path in files) / 2**20:.1f} MiB")
        print(spread("publish into a fresh folder", fresh))
        print(spread("publish again a week later (replaces all)", again))
        print(spread("CPU time of the command (user + system)", cpu))
        print(f"load average after: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
        print(f"peak resident memory: {max(memory):.0f} MiB")
        print(f"schedule.xml: {xsd_verdict(published / 'schedule.xml')}")
        print(f"render times in process (median of {arguments.runs}):")
        for name, seconds in render_medians(grid, arguments.runs).items():
            print(f"  {name:<44} {seconds:7.3f} s")
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()

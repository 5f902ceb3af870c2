"""Shared by the benchmark scripts: whole-process timing of `amj-solve` commands, and the report lines."""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib.metadata import version


def amj_solve() -> str:
    executable = shutil.which("amj-solve")
    if executable is None:
        sys.exit("amj-solve is not on PATH: install the project first (pip install .)")
    return executable


def command_seconds(arguments: Sequence[str], runs: int, expected_exit: int = 0) -> list[float]:
    """Spawn-to-exit seconds of `amj-solve ARGUMENTS`, over `runs` counted runs after one warm-up."""
    timings = []
    for run in range(runs + 1):
        started = time.perf_counter()
        finished = subprocess.run([amj_solve(), *arguments], capture_output=True)
        elapsed = time.perf_counter() - started
        if finished.returncode != expected_exit:
            sys.exit(
                f"amj-solve {' '.join(arguments)} exited {finished.returncode}, expected {expected_exit}:\n{finished.stderr.decode()}"
            )
        if run:
            timings.append(elapsed)
    return timings


def peak_child_memory_mib() -> float:
    """The largest resident set of any child process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def spread(label: str, seconds: list[float]) -> str:
    return (
        f"{label:<44} median {statistics.median(seconds):7.3f} s   "
        f"min {min(seconds):7.3f} s   max {max(seconds):7.3f} s"
    )


def machine_line() -> str:
    return (
        f"machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, ortools {version('ortools')}"
    )

"""Running the installed `amj-solve` as a planner does: a real process, real signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


def installed_command() -> str:
    """The console script beside this interpreter (the venv's), else the one on PATH."""
    beside = Path(sys.executable).parent / "amj-solve"
    return str(beside) if beside.exists() else "amj-solve"


@dataclass(frozen=True)
class Interrupted:
    returncode: int
    stdout: str
    stderr: str
    seconds_to_exit: float
    """From the first Ctrl-C to the process's exit."""


def interrupt_after(args: list[str], seconds: float, cwd: Path, *, presses: int = 1) -> Interrupted:
    """Start `amj-solve ARGS`, press Ctrl-C (SIGINT) after `seconds`, `presses` times 10 ms apart,
    and wait for it to end. Fails when the run ended before the first press: it proves nothing."""
    process = subprocess.Popen(
        [installed_command(), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    time.sleep(seconds)
    assert process.poll() is None, f"the run ended before Ctrl-C at {seconds} s: {process.communicate()}"
    pressed = time.perf_counter()
    for press in range(presses):
        if press:
            time.sleep(0.01)
        process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    return Interrupted(process.returncode, stdout, stderr, time.perf_counter() - pressed)


def amj_check(instance: Path, grid: Path) -> subprocess.CompletedProcess[str]:
    """`amj-solve check INSTANCE GRID` in a fresh process, as a planner checks a saved grid: the
    independent judge, with none of the calling process's state."""
    command = [sys.executable, "-c", "from amj_scheduler.cli import main; main()", "check", str(instance), str(grid)]
    return subprocess.run(command, capture_output=True, text=True, check=False)

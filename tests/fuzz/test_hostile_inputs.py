"""The hostile-input corpus (`corpus.py`) run through the command a planner types: each case
exits with its code, says what is wrong on one screen, and leaves the folder as it was."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from click.testing import CliRunner

from ..processes import installed_command
from ..screens import assert_one_screen, snapshot
from .corpus import CASES, SMALL, Hostile


@pytest.mark.parametrize(
    "case", [pytest.param(case, id=case.name, marks=() if case.in_process else pytest.mark.slow) for case in CASES]
)
def test_a_hostile_input_gets_its_exit_code_one_screen_and_writes_nothing(
    case: Hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = case.make(tmp_path)
    args = [str(hostile) if arg == "FILE" else str(SMALL) if arg == "SMALL" else arg for arg in case.args]
    before = snapshot(tmp_path)
    if case.in_process:
        monkeypatch.chdir(tmp_path)
        result = CliRunner(env={"COLUMNS": "80"}).invoke(main, args)
        exit_code, stdout, stderr = result.exit_code, result.stdout, result.stderr
    else:
        run = subprocess.run(
            [installed_command(), *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COLUMNS": "80"},
        )
        exit_code, stdout, stderr = run.returncode, run.stdout, run.stderr
    assert exit_code == case.exit_code, stdout + stderr
    assert_one_screen(stdout + stderr)
    assert case.says in " ".join(stderr.split()), stderr
    assert snapshot(tmp_path) == before, "something was written"

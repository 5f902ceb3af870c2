"""The small things a hostile but fair user found: digits of other scripts as times, `yes` for
true, a conference without talks, a symlinked grid, a singular explanation, machine paths."""

from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from amj_scheduler.importers.fields import FieldProblem, clock_minutes, length_minutes
from amj_scheduler.models import InputError, load_instance, parse_instance, read_grid_csv
from amj_scheduler.models.clock import parse_clock
from amj_scheduler.models.source_lines import SourceLines
from amj_scheduler.reports.explanation import explanation_lines
from amj_scheduler.solver import SolveOptions, solve
from click.testing import CliRunner

from .builders import instance, talk

REPO = Path(__file__).resolve().parents[1]
SMALL = REPO / "tests" / "instances" / "small.yaml"
SMALL_TEXT = SMALL.read_text(encoding="utf-8")
OTHER_DIGITS = {
    "Arabic-Indic": "١٠:١٥",
    "Extended Arabic-Indic": "۱۰:۱۵",
    "Devanagari": "१०:१५",
    "fullwidth": "１０:１５",
    "superscript": "¹⁰:¹⁵",
}


@pytest.mark.parametrize("written", OTHER_DIGITS.values(), ids=OTHER_DIGITS.keys())
def test_a_time_in_another_scripts_digits_is_refused_everywhere(written: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        parse_clock(written)
    with pytest.raises(FieldProblem):
        clock_minutes(written, "start")
    with pytest.raises(FieldProblem):
        length_minutes(written)
    grid = tmp_path / "grid.csv"
    grid.write_text(f"day,start,room,kind,session_id,occurrence\n2025-06-12,{written},Modular I,talk,real-you,1\n")
    with pytest.raises(InputError) as caught:
        read_grid_csv(grid, load_instance(SMALL))
    assert caught.value.problems[0].field == "start"


def test_ascii_times_still_read() -> None:
    assert f"{parse_clock('09:05'):%H:%M}" == "09:05"
    assert clock_minutes("10:35:00", "start") == 635


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "1", "0", "'true'", "True"])
def test_breakout_takes_only_true_or_false(written: str) -> None:
    text = SMALL_TEXT.replace("breakout: false", f"breakout: {written}")
    if written == "True":  # YAML 1.2 spells its booleans in any of these cases
        assert parse_instance(text).room_by_id["historic-church"].breakout is True
        return
    with pytest.raises(InputError) as caught:
        parse_instance(text)
    assert [p.message.split(" (found")[0] for p in caught.value.problems] == ["expected true or false"]


def test_a_conference_without_talks_is_refused_at_its_talks_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SMALL_TEXT.split("\ntalks:")[0] + "\ntalks: []\n"
    (tmp_path / "empty.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["empty.yaml", "--out", "out"])
    assert result.exit_code == 2
    line = text.splitlines().index("talks: []") + 1
    assert f"line {line}, talks: no talks are left to place; a conference needs at least one" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_symlinked_grid_is_written_through_to_its_target_with_its_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "published.csv"
    target.write_text("earlier\n")
    target.chmod(0o640)
    out = tmp_path / "out"
    out.mkdir()
    (out / "grid.csv").symlink_to(target)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [str(SMALL), "--out", "out", "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "grid.csv").is_symlink() and (out / "grid.csv").resolve() == target
    assert target.read_text(encoding="utf-8").startswith("day,start,end")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(path.name for path in shared.iterdir()) == ["published.csv"], "no temporary file left beside it"


def test_a_conflict_of_one_requirement_is_worded_in_the_singular() -> None:
    organ = instance(talks=[talk("organ-recital", requires=["organ"])])
    outcome = solve(organ, SolveOptions(time_limit=5))
    assert outcome.diagnosis is not None and len(outcome.diagnosis.conflict) == 1
    lines = explanation_lines(organ, outcome.diagnosis, [], SourceLines(Path("organ.yaml"), None))
    assert lines[0] == "This requirement in organ.yaml cannot hold, whatever the others:"
    assert "Without it the rest are satisfiable (shown by a solve)." in lines
    assert not any("These 1" in line or "any one of them" in line for line in lines)


def test_no_committed_file_cites_a_path_of_one_machine() -> None:
    """The shared data folder is cited as ../shared/..., as any clone can find it."""
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    machine_path = re.compile(r"(?<![\w.])/(?:work|root|home)/")
    citing = [
        name
        for name in tracked.splitlines()
        if (REPO / name).is_file() and machine_path.search((REPO / name).read_text(encoding="utf-8", errors="replace"))
    ]
    assert citing == []
    assert "../shared/seed/000_0e8aff4780c90c52.txt" in (REPO / "instances" / "2010.yaml").read_text(encoding="utf-8")


def test_reading_does_not_follow_a_named_pipe_into_a_hang(tmp_path: Path) -> None:
    pipe = tmp_path / "grid.csv"
    os.mkfifo(pipe)
    with pytest.raises(InputError) as caught:
        read_grid_csv(pipe, load_instance(SMALL))
    assert "is not a regular file" in caught.value.problems[0].message

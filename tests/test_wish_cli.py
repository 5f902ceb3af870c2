"""`--wishes` as a planner types it, on every verb that judges a grid: what attendees can see is
printed after a solve, beside a check's soft costs, as rows of compare's key figures, and in explain."""

from __future__ import annotations

from pathlib import Path

import pytest
from amj_scheduler.cli import main
from click.testing import CliRunner

SMALL = Path(__file__).parent / "instances" / "small.yaml"
PUBLISHED = Path(__file__).parents[1] / "instances" / "2010-published.csv"
INSTANCE_2010 = Path(__file__).parents[1] / "instances" / "2010.yaml"


def small_with_a_third_talk(tmp_path: Path) -> Path:
    """The small conference with a talk that can only run in Session I, beside one of the repeats."""
    text = SMALL.read_text(encoding="utf-8") + (
        "  - id: chorale\n    title: Chorale Writing\n    speakers: [charlie-peacock]\n"
        "    allowed_times: [{day: 2025-06-12, start: '11:15', end: '12:15'}]\n"
    )
    path = tmp_path / "small.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "wishes.csv").write_text(
        "attendee,talk\n"
        + "".join(f"a{n},many-sides\na{n},chorale\n" for n in range(12))
        + "".join(f"g{n},real-you\ng{n},chorale\n" for n in range(3)),
        encoding="utf-8",
    )
    return path


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(arguments), catch_exceptions=False)
    return result.exit_code, " ".join(result.output.split())


def test_solve_prints_what_attendees_can_see(tmp_path: Path) -> None:
    instance = small_with_a_third_talk(tmp_path)
    code, output = run("solve", str(instance), "--wishes", str(tmp_path / "wishes.csv"), "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert (
        "Attendees (wishes.csv): 15 attendees, 30 wishes: 30 can be seen (100.0%); 15 attendees can see all theirs."
        in output
    )
    assert "missed wishes per attendee: none: 15" in output


def hand_made_grid(tmp_path: Path, chorale_at: str) -> Path:
    grid = tmp_path / "grid.csv"
    grid.write_text(
        "day,start,end,slot,room,kind,session_id,title,speakers,audience,occurrence\n"
        "2025-06-12,10:00,11:00,Session I,Nicholson Hall,talk,many-sides,,,,1\n"
        "2025-06-12,11:15,12:15,Session II,Nicholson Hall,talk,many-sides,,,,2\n"
        "2025-06-12,10:00,11:00,Session I,Modular I,talk,real-you,,,,1\n"
        f"2025-06-12,{chorale_at},,,Modular I,talk,chorale,,,,1\n",
        encoding="utf-8",
    )
    return grid


def test_check_names_the_wished_talks_that_clash_in_a_hand_made_grid(tmp_path: Path) -> None:
    # The chorale moved to Session I, beside the girls' session three of them wished to see with it.
    instance = small_with_a_third_talk(tmp_path)
    grid = hand_made_grid(tmp_path, "10:00")
    code, output = run("check", str(instance), str(grid), "--wishes", str(tmp_path / "wishes.csv"))
    assert code == 1, output
    assert "27 can be seen (90.0%); 12 attendees can see all theirs" in output
    assert "missed wishes per attendee: none: 12 · 1: 3" in output
    assert "3 'Chorale Writing' and 'The Real You'" in output


def test_the_wishes_key_of_the_instance_is_used_without_the_option(tmp_path: Path) -> None:
    instance = small_with_a_third_talk(tmp_path)
    instance.write_text(instance.read_text(encoding="utf-8") + "\nwishes: wishes.csv\n", encoding="utf-8")
    code, output = run("solve", str(instance), "-q", "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert "Attendees (wishes.csv): 15 attendees" in output


def test_compare_shows_what_a_room_or_slot_change_costs_attendees(tmp_path: Path) -> None:
    instance = small_with_a_third_talk(tmp_path)
    grid = hand_made_grid(tmp_path, "10:00")
    code, output = run(
        "compare",
        str(instance),
        "--grid",
        str(grid),
        "--wishes",
        str(tmp_path / "wishes.csv"),
        "--out",
        str(tmp_path / "c"),
    )
    assert code == 0, output
    assert "wishes attendees cannot see 0 3" in output
    assert "attendees missing a wish 0 3" in output


def test_explain_says_what_attendees_can_see(tmp_path: Path) -> None:
    instance = small_with_a_third_talk(tmp_path)
    code, output = run("explain", str(instance), "--wishes", str(tmp_path / "wishes.csv"))
    assert code == 0, output
    assert "What attendees can see (the best each can do on this grid)" in output
    assert "talk in its allowed times" in output


def test_wishes_the_checker_cannot_share_out_in_time_are_one_screen_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found with 7,753 different weighted lists on AMJ 2010: after 110 s a RuntimeError traceback,
    exit 1 (which `check` uses for a broken hard rule). Here the limit is made tiny instead."""
    monkeypatch.setattr("amj_scheduler.checker.attendees.CHOICE_SECONDS", 1e-9)
    wishes = tmp_path / "wishes.csv"
    wishes.write_text(
        "attendee,talk,weight\n"
        + "".join(f"a{n},artist-as-creator,{n % 3 + 1}\na{n},poverty-in-africa,{n % 5 + 1}\n" for n in range(40)),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(INSTANCE_2010), str(PUBLISHED), "--wishes", str(wishes)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "wishes.csv: 15 different wish lists are more than the checker can share out" in result.stderr

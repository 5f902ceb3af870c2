"""A grid CSV names a room by its name or its id, whatever the case and spacing. Two rooms that
read the same that way would be taken for each other by `check` and `--keep` (a talk judged in
a room that has its piano when it sits in one that has none), so the instance refuses them at
load, naming both rooms at their own lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from amj_scheduler.cli import main
from amj_scheduler.models import InputError, load_instance, parse_instance, read_grid_csv
from amj_scheduler.models.names import folded
from click.testing import CliRunner

from .screens import assert_one_screen

REPO = Path(__file__).resolve().parents[1]
SMALL = REPO / "tests" / "instances" / "small.yaml"
SMALL_TEXT = SMALL.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    [number] = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return number


@pytest.mark.parametrize(
    ("written", "first_field", "second_field"),
    [
        ("name: NICHOLSON HALL", "name", "name"),
        ("name: nicholson    hall", "name", "name"),
        ("name: Nicholson-Hall", "id", "name"),
        ("name: ' nicholson-hall '", "id", "name"),
    ],
    ids=["case", "spacing", "another room's id", "another room's id, spaced"],
)
def test_two_rooms_that_read_alike_are_refused_with_both_lines(
    written: str, first_field: str, second_field: str
) -> None:
    text = SMALL_TEXT.replace("name: Modular I\n", f"{written}\n")
    with pytest.raises(InputError) as caught:
        parse_instance(text, "small.yaml")
    found = sorted((p.line, p.field) for p in caught.value.problems)
    first_line = line_of(text, "Nicholson Hall" if first_field == "name" else "id: nicholson-hall")
    second_line = line_of(text, written.strip())
    assert found == [
        (first_line, f"rooms[0] (id nicholson-hall).{first_field}"),
        (second_line, f"rooms[1] (id modular-i).{second_field}"),
    ]
    assert all("read the same in a grid CSV" in p.message for p in caught.value.problems)


def test_room_ids_that_differ_only_in_case_are_refused() -> None:
    text = SMALL_TEXT.replace("id: modular-i\n", "id: Nicholson-Hall\n")
    with pytest.raises(InputError) as caught:
        parse_instance(text, "small.yaml")
    assert {p.field for p in caught.value.problems} == {
        "rooms[0] (id nicholson-hall).id",
        "rooms[1] (id Nicholson-Hall).id",
    }


def test_a_room_named_as_its_own_id_is_fine() -> None:
    conference = parse_instance(SMALL_TEXT.replace("name: Modular I\n", "name: Modular-I\n"))
    assert conference.room_by_id["modular-i"].name == "Modular-I"


@pytest.mark.parametrize("verb", ["check", "keep", "compare"])
def test_check_keep_and_compare_never_reach_a_grid_with_such_rooms(
    verb: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case: 'Nicholson Hall' has the piano, 'nicholson hall' has none."""
    text = SMALL_TEXT.replace("    capacity: 120\n", "    capacity: 120\n    features: [piano]\n")
    text = text.replace("name: Modular I\n", "name: nicholson hall\n")
    text = text.replace("    restricted_to: cc-girls\n", "    restricted_to: cc-girls\n    requires: [piano]\n")
    (tmp_path / "rooms.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "grid.csv").write_text(
        "day,start,room,kind,session_id,occurrence\n2025-06-12,10:00,nicholson hall,talk,real-you,1\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    args = {
        "check": ["check", "rooms.yaml", "grid.csv"],
        "keep": ["rooms.yaml", "--keep", "grid.csv", "--out", "out"],
        "compare": ["compare", "rooms.yaml", "--grid", "grid.csv", "--out", "out"],
    }[verb]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "read the same in a grid CSV" in result.stderr
    assert "every hard rule holds" not in result.output
    assert_one_screen(result.output)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "instance_path", ["instances/2010.yaml", pytest.param("instances/fosdem-2025.yaml", marks=pytest.mark.slow)]
)
def test_every_room_of_the_real_conferences_is_found_by_its_name_and_its_id(instance_path: str, tmp_path: Path) -> None:
    conference = load_instance(REPO / instance_path)
    keys = [key for room in conference.rooms for key in {folded(room.name), folded(room.id)}]
    assert len(keys) == len(set(keys))
    talk = next(talk for talk in conference.talks if talk.occurrences == 1)
    slot = conference.slots_in_order[0]
    for room in conference.rooms:
        for written in (room.name.upper(), f"  {room.id}  "):
            grid = tmp_path / "grid.csv"
            grid.write_text(
                f'day,start,room,kind,session_id,occurrence\n{slot.day},{slot.start:%H:%M},"{written}",talk,{talk.id},1\n',
                encoding="utf-8",
            )
            assert read_grid_csv(grid, conference).placements[0].room == room.id

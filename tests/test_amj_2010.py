"""AMJ 2010 against its own published program: the instance, the published grid and the solver's grid
honour every fact of the seed (`instances/sources/amj-2010-program.txt`)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.models import Instance, Schedule, load_instance, read_grid_csv
from amj_scheduler.reports import grid_frame, write_grid_csv
from amj_scheduler.solver import SolveOptions, solve

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "instances" / "sources" / "amj-2010-program.txt"
PUBLISHED = REPO / "instances" / "2010-published.csv"

# A breakout line of the seed: `• Who “Title” – Room [Audience only]` (the dash is sometimes missing).
BREAKOUT_LINE = re.compile(
    r"•\s*(?P<who>.*?)\s*“(?P<title>[^”]+)”\s*[–-]?\s*(?P<room>[^\[]+?)\s*(?:\[(?P<only>[^\]]+) only\])?\s*$"
)
ROOM_ALIASES = {"Nicholson": "Nicholson Hall"}


def seed_breakouts() -> list[dict[str, str]]:
    """Every talk line of the seed, with the session it is listed under."""
    lines, session = [], ""
    for text in SEED.read_text(encoding="utf-8").splitlines():
        if heading := re.search(r"(Session [IV]+) Begins", text):
            session = heading.group(1)
        elif text.strip().startswith("•") and "“" in text and session:
            found = BREAKOUT_LINE.search(text.strip())
            assert found, text
            room = found["room"].strip()
            lines.append({**found.groupdict(), "room": ROOM_ALIASES.get(room, room), "slot": session})
        elif "Break" in text:
            session = ""
    return lines


@pytest.fixture(scope="module")
def amj() -> Instance:
    return load_instance(REPO / "instances" / "2010.yaml")


@pytest.fixture(scope="module")
def published(amj: Instance) -> Schedule:
    return read_grid_csv(PUBLISHED, amj)


@pytest.fixture(scope="module")
def solved(amj: Instance) -> Schedule:
    outcome = solve(amj, SolveOptions(time_limit=30))
    assert outcome.status == "optimal"
    assert outcome.schedule is not None
    return outcome.schedule


def published_rows() -> list[dict[str, str]]:
    with PUBLISHED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_seed_lists_fourteen_talks_in_twenty_six_placements() -> None:
    breakouts = seed_breakouts()
    assert len(breakouts) == 26
    assert len({line["title"] for line in breakouts}) == 14


def test_instance_has_every_seed_talk_with_its_speakers_repeats_and_audience(amj: Instance) -> None:
    breakouts = seed_breakouts()
    times_listed = Counter(line["title"] for line in breakouts)
    talks = {talk.title: talk for talk in amj.talks}
    assert set(talks) == set(times_listed)
    for line in breakouts:
        talk = talks[line["title"]]
        assert talk.occurrences == times_listed[line["title"]]
        for speaker_id in talk.speakers:
            assert amj.speaker_by_id[speaker_id].name in line["who"], (speaker_id, line["who"])
        audience = amj.audience_by_id[talk.restricted_to].name if talk.restricted_to else None
        assert audience == line["only"]
        assert not talk.pins, "the solver places the talks; only scenarios pin them"


def test_published_csv_reproduces_the_seed_grid() -> None:
    expected = Counter((b["slot"], b["title"], b["room"], b["only"] or "") for b in seed_breakouts())
    talk_rows = [row for row in published_rows() if row["kind"] == "talk"]
    assert Counter((r["slot"], r["title"], r["room"], r["audience"]) for r in talk_rows) == expected


def test_published_grid_passes_the_checker(amj: Instance, published: Schedule) -> None:
    assert find_violations(amj, published) == []
    assert score_schedule(amj, published).total > 0


def test_published_csv_is_exactly_what_the_writer_publishes(amj: Instance, published: Schedule, tmp_path: Path) -> None:
    written = write_grid_csv(tmp_path / "grid.csv", grid_frame(amj, published))
    assert written.read_bytes() == PUBLISHED.read_bytes()


# Fixed items as the seed prints them (CALENDAR section): title, day, start, room ("" where it names none).
SEED_FIXED_ITEMS = [
    ("Doors open for Sara Groves", "2010-04-16", "18:30", ""),
    ("Sara Groves concert", "2010-04-16", "19:30", None),
    ("Registration/Doors Open", "2010-04-17", "08:00", "Nicholson Hall"),
    ("Resource Center Open", "2010-04-17", "08:00", "Upper Narthex"),
    ("Opening Plenary", "2010-04-17", "09:00", "Historic Church"),
    ("Break", "2010-04-17", "10:00", ""),
    ("Break", "2010-04-17", "11:00", ""),
    ("Lunch Break", "2010-04-17", "12:00", ""),
    ("Plenary", "2010-04-17", "13:00", "Historic Church"),
    ("Break", "2010-04-17", "14:00", ""),
    ("Break", "2010-04-17", "15:00", ""),
    ("Resource Center Open", "2010-04-17", "16:00", None),
    ("Doors open for Jars of Clay", "2010-04-17", "18:30", ""),
    ("Jars of Clay Concert", "2010-04-17", "19:30", None),
    ("Sunday Service", "2010-04-18", "11:00", None),
    ("Lunch with Local Ministry Partners and Shep Owen", "2010-04-18", "13:00", "Fellowship Hall"),
]
"""None: the seed names no room, and the instance assumes one (marked in the YAML)."""


def test_solver_grid_keeps_every_fixed_item_at_its_seed_time(amj: Instance, solved: Schedule) -> None:
    frame = grid_frame(amj, solved)
    fixed = frame[frame["kind"] != "talk"]
    published = [(r["title"], r["day"], r["start"], r["room"]) for _, r in fixed.iterrows()]
    assert len(published) == len(SEED_FIXED_ITEMS)
    for (title, day, start, room), (seed_title, seed_day, seed_start, seed_room) in zip(
        sorted(published), sorted(SEED_FIXED_ITEMS, key=lambda item: item[:3]), strict=False
    ):
        assert (title, day, start) == (seed_title, seed_day, seed_start)
        if seed_room is not None:
            assert room == seed_room


def test_solver_grid_places_every_occurrence_in_breakout_time_without_clashes(amj: Instance, solved: Schedule) -> None:
    assert find_violations(amj, solved) == []
    frame = grid_frame(amj, solved)
    talks = frame[frame["kind"] == "talk"]
    assert len(talks) == 26
    assert set(talks["slot"]) == {"Session I", "Session II", "Session III", "Session IV"}
    girls = talks[talks["audience"] == "Cornerstone and Crossroads Girls"]
    assert len(girls) == 2 and girls["slot"].nunique() == 2
    sara = talks[talks["speakers"].str.contains("Sara Groves")]
    assert len(sara) == 3 and sara["slot"].nunique() == 3


def test_solver_plan_costs_no_more_than_the_published_plan(
    amj: Instance, solved: Schedule, published: Schedule
) -> None:
    assert score_schedule(amj, solved).total <= score_schedule(amj, published).total

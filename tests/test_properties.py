"""Properties on random tiny conferences (hypothesis, derandomized so CI always draws the same):

- the solver's optimum equals a brute-force enumeration's, judged by the independent checker;
- every schedule the solver returns breaks no hard rule and costs what the solver says;
- a random change of one field of a valid instance gives exit 0, 1 or 2, on one screen, never a
  traceback;
- any grid the project writes reads back, names and all, and passes `check`.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.cli import main
from amj_scheduler.models import Instance, Placement, Schedule, read_grid_csv
from amj_scheduler.models.names import folded, unsafe_character
from amj_scheduler.reports.csv_report import grid_csv_text
from amj_scheduler.reports.grid import grid_frame
from amj_scheduler.solver import SolveOptions, solve
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from .screens import assert_one_screen

THU = "2025-06-12"
OPTIONS = SolveOptions(time_limit=10)
SMALL = Path(__file__).parent / "instances" / "small.yaml"
PROPERTY = settings(derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Derandomized: the same examples on every run and machine, so CI is deterministic."""

NAME_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
NAMES = st.text(
    alphabet=st.one_of(st.sampled_from("=+-@'\";,  éß中"), NAME_CHARACTERS), min_size=1, max_size=16
).filter(lambda name: name.strip() == name and unsafe_character(name) is None)
"""Names a planner could type, formulas, quotes and separators included."""


@st.composite
def tiny_conferences(
    draw: st.DrawFn, most_occurrences: int = 3, names: st.SearchStrategy[str] | None = None
) -> dict[str, Any]:
    """One day of 2-3 slots, 1-2 breakout rooms and a church, 1-3 speakers, talks with at most
    `most_occurrences` occurrences in all; seats, features, audiences and repeats vary."""
    slot_count = draw(st.integers(2, 3))
    room_count = draw(st.integers(1, 2))
    speaker_count = draw(st.integers(1, 3))
    label = names if names is not None else st.just("")

    def named(default: str) -> str:
        return draw(label) or default

    rooms: list[dict[str, Any]] = [
        {
            "id": f"r{n}",
            "name": named(f"Room {n}"),
            "capacity": draw(st.sampled_from([10, 30, 60])),
            "features": ["piano"] if draw(st.booleans()) else [],
        }
        for n in range(room_count)
    ]
    rooms.append({"id": "church", "name": named("Church"), "capacity": 300, "breakout": False})
    keys = [key for room in rooms for key in {folded(room["name"]), folded(room["id"])}]
    assume(len(keys) == len(set(keys)))
    speakers = [{"id": f"p{n}", "name": named(f"Person {n}")} for n in range(speaker_count)]
    slots = [
        {
            "id": f"s{n}",
            "label": named(f"Session {n}"),
            "day": THU,
            "start": f"{9 + 2 * n:02d}:00",
            "end": f"{10 + 2 * n:02d}:00",
        }
        for n in range(slot_count)
    ]
    talks, left = [], most_occurrences
    for n in range(draw(st.integers(1, most_occurrences))):
        if left == 0:
            break
        occurrences = draw(st.integers(1, min(2, left, slot_count)))
        left -= occurrences
        talk: dict[str, Any] = {
            "id": f"t{n}",
            "title": named(f"Talk {n}"),
            "speakers": draw(
                st.lists(st.sampled_from([s["id"] for s in speakers]), min_size=1, max_size=2, unique=True)
            ),
            "occurrences": occurrences,
            "expected_attendance": draw(st.sampled_from([0, 20, 40, 70])),
        }
        if draw(st.integers(0, 3)) == 0:
            talk["requires"] = ["piano"]
        if draw(st.integers(0, 3)) == 0:
            talk["restricted_to"] = "youth"
        talks.append(talk)
    return {
        "conference": {"name": named("Tiny"), "venue": "Hall"},
        "days": [{"date": THU}],
        "rooms": rooms,
        "speakers": speakers,
        "audiences": [{"id": "youth", "name": named("Youth")}],
        "breakout_slots": slots,
        "talks": talks,
    }


def every_schedule(instance: Instance) -> list[Schedule]:
    """Every way to put each occurrence in a breakout slot and a breakout room, clashes and all."""
    places = [(slot.id, room.id) for slot in instance.slots for room in instance.rooms if room.breakout]
    occurrences = [(talk.id, n) for talk in instance.talks for n in range(1, talk.occurrences + 1)]
    return [
        Schedule(
            placements=tuple(
                Placement(talk=t, occurrence=n, slot=s, room=r) for (t, n), (s, r) in zip(occurrences, chosen)
            )
        )
        for chosen in itertools.product(places, repeat=len(occurrences))
    ]


@PROPERTY
@given(tiny_conferences())
def test_the_solvers_optimum_is_the_best_of_every_schedule(conference: dict[str, Any]) -> None:
    instance = Instance.model_validate(conference)
    valid = [score_schedule(instance, s).total for s in every_schedule(instance) if not find_violations(instance, s)]
    outcome = solve(instance, OPTIONS)
    event("infeasible" if not valid else "feasible")
    if not valid:
        assert outcome.status == "infeasible"
    else:
        assert outcome.status == "optimal"
        assert outcome.objective == min(valid)


@PROPERTY
@given(tiny_conferences(most_occurrences=6))
def test_every_schedule_the_solver_returns_breaks_nothing_and_costs_what_it_says(conference: dict[str, Any]) -> None:
    instance = Instance.model_validate(conference)
    outcome = solve(instance, OPTIONS)
    assert outcome.status in ("optimal", "infeasible")
    if outcome.schedule is not None:
        assert find_violations(instance, outcome.schedule) == []
        assert score_schedule(instance, outcome.schedule).total == outcome.objective


@PROPERTY
@given(conference=tiny_conferences(most_occurrences=4, names=NAMES))
def test_any_grid_the_project_writes_reads_back_and_passes_check(
    conference: dict[str, Any], tmp_path_factory: Any
) -> None:
    instance = Instance.model_validate(conference)
    outcome = solve(instance, OPTIONS)
    assume(outcome.schedule is not None)
    assert outcome.schedule is not None
    grid = tmp_path_factory.mktemp("grid") / "grid.csv"
    grid.write_text(grid_csv_text(grid_frame(instance, outcome.schedule)), encoding="utf-8")
    read = read_grid_csv(grid, instance)
    assert set(read.placements) == set(outcome.schedule.placements)
    assert find_violations(instance, read) == []


# --- one field changed at random, through the command a planner types ---------------------------------


def small_document() -> Any:
    yaml = YAML(typ="safe")
    yaml.constructor.yaml_constructors["tag:yaml.org,2002:timestamp"] = yaml.constructor.yaml_constructors[
        "tag:yaml.org,2002:str"
    ]
    return yaml.load(SMALL.read_text(encoding="utf-8"))


def paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        found += [p for key, value in node.items() for p in paths(value, (*path, key))]
    elif isinstance(node, list):
        found += [p for index, value in enumerate(node) for p in paths(value, (*path, index))]
    return found


DOCUMENT_PATHS = paths(small_document())
REMOVED = object()
VALUES = st.one_of(
    st.just(REMOVED),
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.integers(min_value=10**18, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        ["", "10:00", "25:00", "2025-06-13", "2025-02-30", "yes", "=1+1", "\x1b[2J", "a\x00b", "[/]", "١٠:٠٠"]
    ),
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(st.sampled_from(["id", "name", "x"]), st.integers(0, 3), max_size=2),
    st.recursive(st.integers(0, 1), lambda inner: st.lists(inner, min_size=1, max_size=2), max_leaves=80),
)


@settings(PROPERTY, max_examples=120)
@given(path=st.sampled_from(DOCUMENT_PATHS), value=VALUES)
def test_one_field_changed_at_random_gives_exit_0_1_or_2_on_one_screen(
    path: tuple[Any, ...], value: Any, tmp_path_factory: Any
) -> None:
    document = small_document()
    node = document
    for key in path[:-1]:
        node = node[key]
    if value is REMOVED:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    folder = tmp_path_factory.mktemp("mutated")
    instance_path = folder / "mutated.yaml"
    instance_path.write_text(json.dumps(document), encoding="utf-8")  # JSON is YAML 1.2
    result = CliRunner(env={"COLUMNS": "80"}).invoke(
        main, [str(instance_path), "--out", str(folder / "out"), "--time-limit", "5", "-q"]
    )
    event(f"exit {result.exit_code}")
    assert result.exit_code in (0, 1, 2), (path, value, result.output, result.exception)
    assert_one_screen(result.output)

"""The synthetic conference generator behind the scaling benchmark (benchmarks/synthetic.py).

A benchmark is only worth its numbers if its instances are valid, realistic and feasible: these
tests check what a planner would see in the file, and that the hidden placement the generator
built it around passes the independent checker.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from amj_scheduler.checker import find_violations
from amj_scheduler.models import Instance, load_instance, read_grid_csv
from amj_scheduler.solver import SolveOptions

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_scaling
import synthetic

pytestmark = pytest.mark.slow  # synthetic conferences of 100 and 250 talks


@pytest.fixture(scope="module")
def generated() -> dict[int, synthetic.Synthetic]:
    return {talks: synthetic.generate(talks, seed=1) for talks in (100, 250)}


@pytest.fixture(scope="module")
def instances(generated: dict[int, synthetic.Synthetic]) -> dict[int, Instance]:
    return {talks: made.instance() for talks, made in generated.items()}


def test_the_same_seed_gives_the_same_bytes_and_another_seed_another_conference() -> None:
    first, again, other = (
        synthetic.generate(100, seed=5),
        synthetic.generate(100, seed=5),
        synthetic.generate(100, seed=6),
    )
    assert first.yaml_text == again.yaml_text
    assert first.schedule == again.schedule
    assert other.yaml_text != first.yaml_text


@pytest.mark.parametrize("talks", [100, 250])
def test_it_has_the_asked_number_of_talks_on_breakout_windows(instances: dict[int, Instance], talks: int) -> None:
    instance = instances[talks]
    assert len(instance.talks) == talks
    assert instance.uses_windows and instance.step_minutes == 5
    assert {(f"{w.start:%H:%M}", f"{w.end:%H:%M}") for w in instance.breakout_windows} == {("09:00", "19:00")}
    lengths = set(synthetic.FOSDEM_MINUTES) | set(synthetic.WORKSHOP_MINUTES)
    assert all(talk.minutes in lengths for talk in instance.talks)


def test_the_written_file_loads_with_the_loader(tmp_path: Path) -> None:
    out = tmp_path / "synthetic.yaml"
    synthetic.main(["--talks", "250", "--seed", "2", "--out", str(out)])
    instance = load_instance(out)
    assert len(instance.talks) == 250


def test_tracks_hold_6_to_20_talks_of_one_day_some_hard_some_soft(instances: dict[int, Instance]) -> None:
    instance = instances[250]
    talks_of = Counter(talk.track for talk in instance.talks)
    devrooms = [track for track in instance.tracks if track.id != "junior"]
    assert all(6 <= talks_of[track.id] <= 20 for track in devrooms)
    assert {track.room_rule for track in devrooms} == {"hard", "soft"}
    for track in devrooms:
        days = {pin.day for talk in instance.talks if talk.track == track.id for pin in talk.pins}
        assert len(days - {None}) == 1, track.id


def test_speakers_repeats_children_and_unavailability_are_all_there(instances: dict[int, Instance]) -> None:
    instance = instances[250]
    talks_per_speaker = Counter(speaker for talk in instance.talks for speaker in talk.speakers)
    several = [speaker for speaker, count in talks_per_speaker.items() if count > 1]
    assert 0.10 <= len(several) / len(instance.speakers) <= 0.16  # FOSDEM 2025: 127 of 992
    assert max(talks_per_speaker.values()) <= 3
    tracks_of = {s: {t.track for t in instance.talks if s in t.speakers} for s in several}
    assert any(len(tracks) > 1 for tracks in tracks_of.values()), "some speakers cross tracks"
    assert any(talk.occurrences == 2 and talk.restricted_to is None for talk in instance.talks)
    children = instance.audience_by_id["children"]
    assert children.at_once == 2
    workshops = [talk for talk in instance.talks if talk.restricted_to == "children"]
    assert len(workshops) >= 3 and any(talk.occurrences == 2 for talk in workshops)
    assert any(speaker.unavailable for speaker in instance.speakers)
    assert any(room.open for room in instance.rooms)
    assert any(item.room == "janson" and item.people for item in instance.fixed_items)


def test_a_conference_of_2000_talks_spreads_over_four_days() -> None:
    made = synthetic.generate(2000, seed=1)
    assert made.yaml_text.count("\n  - id: t") == 2000
    assert made.yaml_text.count("\n  - {date: ") == 4


@pytest.mark.parametrize("talks", [100, 250])
def test_rooms_leave_the_solver_some_slack(generated: dict[int, synthetic.Synthetic], talks: int) -> None:
    assert 0.15 <= generated[talks].free_share <= 0.30


@pytest.mark.parametrize("talks", [100, 250])
def test_the_hidden_placement_breaks_no_hard_rule(
    generated: dict[int, synthetic.Synthetic], instances: dict[int, Instance], talks: int
) -> None:
    assert find_violations(instances[talks], generated[talks].schedule) == []


def test_published_grid_reads_back_as_a_valid_schedule(tmp_path: Path) -> None:
    out, grid = tmp_path / "conference.yaml", tmp_path / "grid.csv"
    synthetic.main(["--talks", "100", "--seed", "3", "--out", str(out), "--published", str(grid)])
    instance = load_instance(out)
    schedule = read_grid_csv(grid, instance)
    assert len(schedule.placements) == sum(talk.occurrences for talk in instance.talks)
    assert find_violations(instance, schedule) == []


def test_too_few_talks_is_refused_without_writing_anything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tiny.yaml"
    with pytest.raises(SystemExit) as exit_info:
        synthetic.main(["--talks", "10", "--out", str(out)])
    assert exit_info.value.code == 2
    assert "--talks must be at least" in capsys.readouterr().err
    assert not out.exists()


def test_a_link_is_written_through_to_its_target(tmp_path: Path) -> None:
    target, link = tmp_path / "target.yaml", tmp_path / "link.yaml"
    target.write_text("earlier\n")
    link.symlink_to(target)
    synthetic.main(["--talks", "100", "--out", str(link)])
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == synthetic.generate(100, seed=1).yaml_text


def test_a_device_is_refused_as_output() -> None:
    with pytest.raises(SystemExit) as exit_info:
        synthetic.main(["--talks", "100", "--out", "/dev/null"])
    assert exit_info.value.code == 2


def test_the_scaling_bench_measures_a_small_conference_end_to_end() -> None:
    row = bench_scaling.measure(100, seed=1, runs=1, options=SolveOptions(time_limit=1))
    assert row.talks == 100 and row.status in ("optimal", "feasible")
    assert row.hard_violations == 0
    if row.status == "optimal":  # the hidden placement is one schedule the optimum cannot cost more than
        assert row.objective is not None and row.objective <= row.hidden_cost
    assert bench_scaling.csv_text([row]).splitlines()[0].startswith("talks,occurrences,speakers")

"""Re-planning against an earlier grid: the fewest placements move, and each move says why.

A planner who has already published a grid and then loses a room or a speaker wants the
printed program to change as little as possible. These tests check, on AMJ 2010's published
grid and on small conferences built for the purpose, that exactly the placements that must
move do move (a brute force over every schedule of a tiny conference gives the true minimum),
that each move's reason names the room, speaker or talk behind it, that the new schedule
passes the independent checker with the solver's objective as its score, and that
`amj-solve --keep` prints the moves, writes the grid, and refuses a bad earlier grid with
its file, line and field before writing anything.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.cli import main
from amj_scheduler.models import (
    Instance,
    Placement,
    Schedule,
    apply_scenario,
    load_instance,
    load_scenario,
    read_grid_csv,
)
from amj_scheduler.models.grid_csv import read_grid_file
from amj_scheduler.planning import plan
from amj_scheduler.replan import Replan, replan
from amj_scheduler.reports.replan_report import render_replan
from click.testing import CliRunner, Result
from rich.console import Console

from .builders import FRI, THU, instance, schedule, talk

REPO = Path(__file__).resolve().parents[1]
INSTANCE_2010 = REPO / "instances" / "2010.yaml"
PUBLISHED = REPO / "instances" / "2010-published.csv"
SCENARIOS = REPO / "instances" / "scenarios"
SMALL = Path(__file__).parent / "instances" / "small.yaml"

Place = tuple[str, str, str]
"""(talk, slot, room): what a planner compares between two grids; occurrence numbers follow clock order."""


def place(placement: Placement) -> Place:
    return (placement.talk, placement.slot, placement.room)


def places(schedule: Schedule) -> set[Place]:
    return {place(p) for p in schedule.placements}


def checked_schedule(instance: Instance, replanned: Replan) -> Schedule:
    """The re-planned schedule, once the independent checker accepts it and scores it as the solver did."""
    schedule = replanned.plan.outcome.schedule
    assert schedule is not None, replanned.plan.outcome.status
    assert find_violations(instance, schedule) == []
    score = score_schedule(instance, schedule)
    assert replanned.plan.outcome.objective == score.total
    assert replanned.plan.score is not None and replanned.plan.score.total == score.total
    return schedule


def write_scenario(folder: Path, text: str) -> Path:
    path = folder / "what-if.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def with_scenario(base: Instance, path: Path) -> Instance:
    return apply_scenario(base, load_scenario(path, base))


def flat(text: str) -> str:
    """Text with every run of whitespace as one space: rich wraps long lines to the width."""
    return " ".join(text.split())


def amj_solve(*args: str | Path) -> Result:
    """`amj-solve ARGS` in the current working folder, at the 80 columns rich assumes for a pipe."""
    return CliRunner(env={"COLUMNS": "80"}).invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def amj() -> Instance:
    return load_instance(INSTANCE_2010)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- AMJ 2010: the shipped scenarios against the published grid -------------------------------


@pytest.mark.parametrize(
    "scenario, room, name, closed_slots",
    [
        (
            "2010-no-modular-ii.yaml",
            "modular-ii",
            "Modular II",
            {"session-i", "session-ii", "session-iii", "session-iv"},
        ),
        (
            "2010-saturday-afternoon-nicholson-closed.yaml",
            "nicholson-hall",
            "Nicholson Hall",
            {"session-iii", "session-iv"},
        ),
    ],
    ids=["modular-ii-all-weekend", "nicholson-saturday-afternoon"],
)
def test_a_closed_room_moves_exactly_the_talks_it_held_then(
    amj: Instance, scenario: str, room: str, name: str, closed_slots: set[str]
) -> None:
    """Every breakout session of 2010 has a free room, so nothing but the closed room's talks need move.

    Nicholson Hall is closed only on Saturday afternoon: its morning talks (Charlie Peacock's,
    Sessions I and II) must stay where the program printed them.
    """
    changed = with_scenario(amj, SCENARIOS / scenario)
    earlier = read_grid_file(PUBLISHED, changed, set_aside_unknown_talks=True)
    assert earlier.set_aside == ()
    replanned = replan(changed, earlier.schedule, earlier.set_aside)
    later = checked_schedule(changed, replanned)

    must_move = {p for p in earlier.schedule.placements if p.room == room and p.slot in closed_slots}
    assert must_move, "the published grid uses the room while it is closed"
    assert {move.before for move in replanned.moves} == must_move
    assert places(earlier.schedule) - {place(p) for p in must_move} <= places(later)
    assert replanned.kept == len(earlier.schedule.placements) - len(must_move)
    assert replanned.fewest_moves_proven
    assert replanned.added == ()
    for move in replanned.moves:
        assert move.after is not None and move.after.talk == move.talk
        assert not (move.after.room == room and move.after.slot in closed_slots)
        assert move.reasons and all(name in reason for reason in move.reasons), move.reasons
    if room == "nicholson-hall":
        morning = {p for p in later.placements if p.room == room}
        assert {(p.talk, p.slot) for p in morning} == {
            ("artist-as-creator", "session-i"),
            ("artist-as-creator", "session-ii"),
        }


def test_a_cancelled_speaker_moves_nothing_and_lists_the_dropped_talk(amj: Instance) -> None:
    """Heidi Metcalf Little's talk is dropped; every other row of the printed program stays as it was."""
    changed = with_scenario(amj, SCENARIOS / "2010-speaker-cancels.yaml")
    earlier = read_grid_file(PUBLISHED, changed, set_aside_unknown_talks=True)
    replanned = replan(changed, earlier.schedule, earlier.set_aside)
    later = checked_schedule(changed, replanned)

    assert replanned.moves == ()
    assert replanned.added == ()
    assert replanned.earlier_only_talks == ("global-philanthropy",)
    published = read_grid_csv(PUBLISHED, amj)
    still_on = {p for p in published.placements if p.talk != "global-philanthropy"}
    assert len(still_on) == 24
    assert set(later.placements) == still_on  # same talk, occurrence, slot and room, row for row
    assert replanned.kept == 24
    assert replanned.fewest_moves_proven


# --- small conferences ------------------------------------------------------------------------


FOUR_ROOMS = [
    {"id": "hall", "name": "Nicholson Hall", "capacity": 60, "features": ["piano"]},
    {"id": "mod1", "name": "Modular I", "capacity": 30, "features": ["projector"]},
    {"id": "mod2", "name": "Modular II", "capacity": 30, "features": ["projector"]},
    {"id": "choir", "name": "Choir Room", "capacity": 30, "features": ["piano"]},
    {"id": "sanct", "name": "Sanctuary", "capacity": 300, "breakout": False},
]


def test_closing_a_room_on_a_small_conference_moves_only_its_talks(tmp_path: Path) -> None:
    """The earlier grid is wasteful (a 30-person talk in the 60-seat hall, a repeated talk that
    changes rooms), so a fresh solve would rearrange it; a re-plan must still move only what
    Modular I held."""
    base = instance(
        rooms=FOUR_ROOMS,
        talks=[
            talk("hymn-writing", occurrences=2),
            talk("modal-counterpoint", speakers=["bo"]),
            talk("sight-singing", speakers=["cy"]),
            talk("choral-conducting", speakers=["bo"]),
            talk("organ-registration", speakers=["cy"]),
        ],
    )
    earlier = schedule(
        ("hymn-writing", 1, "s1", "hall"),
        ("modal-counterpoint", 1, "s1", "mod1"),
        ("sight-singing", 1, "s1", "mod2"),
        ("hymn-writing", 2, "s2", "mod1"),
        ("choral-conducting", 1, "s2", "choir"),
        ("organ-registration", 1, "s3", "mod1"),
    )
    assert find_violations(base, earlier) == []
    changed = with_scenario(
        base, write_scenario(tmp_path, "scenario: Modular I closed\nclose_rooms:\n  - room: mod1\n")
    )
    replanned = replan(changed, earlier, ())
    later = checked_schedule(changed, replanned)

    in_mod1 = {p for p in earlier.placements if p.room == "mod1"}
    assert {move.before for move in replanned.moves} == in_mod1
    staying = {("hymn-writing", "s1", "hall"), ("sight-singing", "s1", "mod2"), ("choral-conducting", "s2", "choir")}
    assert staying <= places(later)
    assert replanned.kept == 3 and replanned.fewest_moves_proven
    assert all(move.after is not None and move.after.room != "mod1" for move in replanned.moves)
    assert all("Modular I is unavailable" in " ".join(move.reasons) for move in replanned.moves)
    fresh = plan(changed).outcome.schedule
    assert fresh is not None and not staying <= places(fresh)  # without --keep the soft rules would move more


def knock_on_reason(
    base: Instance, earlier: Schedule, scenario: Path, bystander: str
) -> tuple[Replan, Schedule, tuple[str, ...]]:
    """The re-plan, its schedule, and the reasons of the one move of `bystander`, a placement
    that breaks nothing itself in the changed conference."""
    changed = with_scenario(base, scenario)
    assert find_violations(base, earlier) == []
    at_fault = {key for violation in find_violations(changed, earlier) for key in violation.placements}
    assert (bystander, 1) not in at_fault
    replanned = replan(changed, earlier, ())
    later = checked_schedule(changed, replanned)
    (move,) = [move for move in replanned.moves if move.talk == bystander]
    return replanned, later, move.reasons


def test_a_talk_that_breaks_nothing_moves_for_the_talk_now_in_its_place(tmp_path: Path) -> None:
    """Sing Along needs a piano and Cy can only come to Session I; once the Choir Room closes,
    Nicholson Hall in Session I is the one place left for it, so Modal Counterpoint has to go."""
    cy_mornings_only = [{"day": THU, "start": "11:00", "end": "23:59"}, {"day": FRI, "start": "00:00", "end": "23:59"}]
    base = instance(
        rooms=FOUR_ROOMS,
        speakers=[{"id": "ann", "name": "Ann Lee"}, {"id": "cy", "name": "Cy Diaz", "unavailable": cy_mornings_only}],
        talks=[
            talk("modal-counterpoint"),
            talk("sing-along", speakers=["cy"], requires=["piano"], expected_attendance=25),
        ],
    )
    earlier = schedule(("modal-counterpoint", 1, "s1", "hall"), ("sing-along", 1, "s1", "choir"))
    scenario = write_scenario(tmp_path, "scenario: Choir closed\nclose_rooms:\n  - room: choir\n")
    replanned, _, reasons = knock_on_reason(base, earlier, scenario, "modal-counterpoint")

    assert len(replanned.moves) == 2 and replanned.kept == 0
    (sing_along,) = [move for move in replanned.moves if move.talk == "sing-along"]
    assert sing_along.after == Placement(talk="sing-along", occurrence=1, slot="s1", room="hall")
    assert reasons == ("Nicholson Hall in Session I now holds 'Sing Along', which had to move there.",)


def test_a_talk_moves_when_its_speaker_must_give_another_talk_in_its_slot(tmp_path: Path) -> None:
    """Ann's piano talk loses Nicholson Hall in Session II and she is away from Session III on,
    so it goes to the hall in Session I, where Ann was giving Modal Counterpoint: that one moves,
    and its old room stays empty, so the reason names the talk Ann gives instead."""
    ann_away = [{"day": THU, "start": "14:00", "end": "23:59"}, {"day": FRI, "start": "00:00", "end": "23:59"}]
    base = instance(
        rooms=FOUR_ROOMS,
        speakers=[{"id": "ann", "name": "Ann Lee", "unavailable": ann_away}],
        talks=[talk("modal-counterpoint"), talk("sing-along", requires=["piano"])],
    )
    earlier = schedule(("modal-counterpoint", 1, "s1", "mod1"), ("sing-along", 1, "s2", "hall"))
    scenario = write_scenario(
        tmp_path,
        f"scenario: Hall busy\nclose_rooms:\n  - {{room: hall, day: {THU}, start: '11:00', end: '12:30'}}\n"
        "  - {room: choir}\n",
    )
    replanned, later, reasons = knock_on_reason(base, earlier, scenario, "modal-counterpoint")

    assert len(replanned.moves) == 2
    assert ("sing-along", "s1", "hall") in places(later)
    assert reasons == ("Ann Lee now gives 'Sing Along' in Session I.",)


def test_the_reason_names_a_workshop_that_now_runs_through_the_freed_place(tmp_path: Path) -> None:
    """The Choral Workshop (Sessions I-II, needs a piano, Cy only in the morning) loses the Choir
    Room and can only take Nicholson Hall in Sessions I-II, where Modal Counterpoint sat in Session II."""
    cy_mornings_only = [{"day": THU, "start": "13:00", "end": "23:59"}, {"day": FRI, "start": "00:00", "end": "23:59"}]
    base = instance(
        rooms=FOUR_ROOMS,
        speakers=[{"id": "ann", "name": "Ann Lee"}, {"id": "cy", "name": "Cy Diaz", "unavailable": cy_mornings_only}],
        talks=[talk("modal-counterpoint"), talk("choral-workshop", speakers=["cy"], requires=["piano"], length=2)],
    )
    earlier = schedule(("modal-counterpoint", 1, "s2", "hall"), ("choral-workshop", 1, "s1", "choir"))
    scenario = write_scenario(tmp_path, "scenario: Choir closed\nclose_rooms:\n  - room: choir\n")
    replanned, later, reasons = knock_on_reason(base, earlier, scenario, "modal-counterpoint")

    assert ("choral-workshop", "s1", "hall") in places(later) and len(replanned.moves) == 2
    assert len(reasons) == 1 and "'Choral Workshop'" in reasons[0], reasons


def test_the_reason_does_not_say_a_new_talk_moved(tmp_path: Path) -> None:
    """A scenario adds Sing Along pinned to Modular I in Session I, where Modal Counterpoint was:
    the screen lists Sing Along as "New in this plan", so the move's reason must not say it moved."""
    base = instance(talks=[talk("modal-counterpoint"), talk("sight-singing", speakers=["bo"])])
    earlier = schedule(("modal-counterpoint", 1, "s1", "mod1"), ("sight-singing", 1, "s2", "hall"))
    scenario = write_scenario(
        tmp_path,
        "scenario: New talk\nadd_talks:\n"
        "  - {id: sing-along, title: Sing Along, speakers: [cy], pins: [{slot: s1, room: mod1}]}\n",
    )
    replanned, _, reasons = knock_on_reason(base, earlier, scenario, "modal-counterpoint")

    assert [p.talk for p in replanned.added] == ["sing-along"]
    assert len(reasons) == 1 and "'Sing Along'" in reasons[0], reasons
    assert "had to move" not in reasons[0], reasons


THREE_SLOTS = [
    {"id": "s1", "label": "Session I", "day": THU, "start": "10:00", "end": "11:00"},
    {"id": "s2", "label": "Session II", "day": THU, "start": "11:15", "end": "12:15"},
    {"id": "s3", "label": "Session III", "day": THU, "start": "14:00", "end": "15:00"},
]


def most_kept_by_brute_force(changed: Instance, earlier: Schedule) -> tuple[int, list[set[Place]]]:
    """Every way to put the talks' occurrences into the instance's rooms and slots, judged by the checker."""
    keys = [(t.id, n) for t in changed.talks for n in range(1, t.occurrences + 1)]
    spots = [(slot.id, room.id) for slot in changed.breakout_slots for room in changed.rooms]
    kept_by: dict[int, list[set[Place]]] = {}
    for chosen in itertools.permutations(spots, len(keys)):
        candidate = Schedule(
            placements=tuple(
                Placement(talk=t, occurrence=n, slot=s, room=r) for (t, n), (s, r) in zip(keys, chosen, strict=False)
            )
        )
        if not find_violations(changed, candidate):
            kept_by.setdefault(len(places(candidate) & places(earlier)), []).append(places(candidate))
    most = max(kept_by)
    return most, kept_by[most]


def test_moves_are_the_true_minimum_found_by_brute_force(tmp_path: Path) -> None:
    """Six placements fill all six places (two rooms, three slots). Ann can no longer come to
    Session I, so her first occurrence must trade places with a Session III talk: Bo's would
    clash with Bo's other talk in Session I, Cy's fits, so two moves suffice and one cannot."""
    base = instance(
        rooms=FOUR_ROOMS[:2],  # the hall and Modular I: the brute force tries every room there is
        breakout_slots=THREE_SLOTS,
        talks=[
            talk("hymn-writing", occurrences=2),
            talk("modal-counterpoint", speakers=["bo"]),
            talk("sing-along", speakers=["cy"], requires=["piano"]),
            talk("choral-conducting", speakers=["bo"]),
            talk("organ-registration", speakers=["cy"]),
        ],
    )
    earlier = schedule(
        ("hymn-writing", 1, "s1", "hall"),
        ("modal-counterpoint", 1, "s1", "mod1"),
        ("sing-along", 1, "s2", "hall"),
        ("hymn-writing", 2, "s2", "mod1"),
        ("choral-conducting", 1, "s3", "hall"),
        ("organ-registration", 1, "s3", "mod1"),
    )
    assert find_violations(base, earlier) == []
    scenario = write_scenario(
        tmp_path, f"scenario: Ann late\nspeaker_unavailable:\n  - {{speaker: ann, day: {THU}, end: '11:00'}}\n"
    )
    changed = with_scenario(base, scenario)
    most, best_schedules = most_kept_by_brute_force(changed, earlier)
    assert most == 4  # not 5: no single move fixes it

    replanned = replan(changed, earlier, ())
    later = checked_schedule(changed, replanned)
    assert replanned.kept == most
    assert replanned.fewest_moves_proven
    assert len(replanned.moves) == len(earlier.placements) - most
    assert len(places(later) & places(earlier)) == most
    assert places(later) in best_schedules
    (knocked_on,) = [move for move in replanned.moves if move.talk == "organ-registration"]
    assert knocked_on.reasons == ("Modular I in Session III now holds 'Hymn Writing', which had to move there.",)


def test_a_grid_listing_one_place_twice_for_a_talk_shows_one_of_the_two_as_moved(amj: Instance) -> None:
    """A hand-edited grid puts both occurrences of 'Telling Stories' in Session I, Choir Room: one
    of them must move, and the count of kept placements must not take the duplicate for kept."""
    published = read_grid_csv(PUBLISHED, amj)
    first = next(p for p in published.placements if p.talk == "telling-stories" and p.occurrence == 1)
    doubled = tuple(
        p.model_copy(update={"slot": first.slot, "room": first.room}) if p.talk == "telling-stories" else p
        for p in published.placements
    )
    replanned = replan(amj, Schedule(placements=doubled), ())
    assert replanned.kept == len(doubled) - 1
    [move] = replanned.moves
    assert (move.talk, move.before.slot, move.before.room) == ("telling-stories", first.slot, first.room)
    assert move.after is not None and move.after.slot != first.slot
    assert any("overlap" in reason for reason in move.reasons), move.reasons
    assert replanned.added == ()


def test_a_talk_now_given_once_drops_one_occurrence() -> None:
    """Hymn Writing was given twice and is now given once: one occurrence is dropped, not moved,
    and the other stays where it was; the screen says "dropped". Either drop is one move, so the
    soft rules choose: keeping Session II spreads the choices (checker cost 50 against 70)."""
    was_twice = instance(talks=[talk("hymn-writing", occurrences=2), talk("modal-counterpoint", speakers=["bo"])])
    earlier = schedule(
        ("hymn-writing", 1, "s1", "hall"), ("hymn-writing", 2, "s2", "hall"), ("modal-counterpoint", 1, "s1", "mod1")
    )
    assert find_violations(was_twice, earlier) == []
    now_once = instance(talks=[talk("hymn-writing"), talk("modal-counterpoint", speakers=["bo"])])
    replanned = replan(now_once, earlier, ())
    later = checked_schedule(now_once, replanned)

    (dropped,) = replanned.moves
    assert dropped.talk == "hymn-writing" and dropped.after is None
    assert dropped.before == earlier.placements[0]
    assert any("given once" in reason for reason in dropped.reasons), dropped.reasons
    assert replanned.kept == 2 and replanned.added == ()
    assert places(later) == places(earlier) - {place(dropped.before)}
    costs = {
        slot: score_schedule(
            now_once, schedule(("hymn-writing", 1, slot, "hall"), ("modal-counterpoint", 1, "s1", "mod1"))
        ).total
        for slot in ("s1", "s2")
    }
    assert costs["s2"] < costs["s1"]
    assert replanned.plan.outcome.objective == costs["s2"]

    screen = io.StringIO()
    render_replan(Console(file=screen, width=80), now_once, replanned, Path("earlier.csv"))
    assert "moved: 'Hymn Writing' (1) from Session I · Nicholson Hall to dropped" in flat(screen.getvalue())


@pytest.mark.parametrize(
    "change, new_talk",
    [
        ("add_talks:\n  - {id: sing-along, title: Sing Along, speakers: [cy], requires: [piano]}\n", "sing-along"),
        (
            "remove_talks:\n  - {talk: hymn-writing}\n"
            "add_talks:\n  - {id: hymn-writing, title: Hymn Writing, speakers: [ann], occurrences: 3}\n",
            "hymn-writing",
        ),
    ],
    ids=["new-talk", "given-more-often"],
)
def test_occurrences_the_earlier_grid_lacks_are_added_and_nothing_moves(
    tmp_path: Path, change: str, new_talk: str
) -> None:
    """A talk added by a scenario, or given a third time, fits in the free places: nothing moves."""
    base = instance(talks=[talk("hymn-writing", occurrences=2), talk("modal-counterpoint", speakers=["bo"])])
    earlier = schedule(
        ("hymn-writing", 1, "s1", "hall"), ("hymn-writing", 2, "s2", "hall"), ("modal-counterpoint", 1, "s1", "mod1")
    )
    changed = with_scenario(base, write_scenario(tmp_path, "scenario: More\n" + change))
    replanned = replan(changed, earlier, ())
    later = checked_schedule(changed, replanned)

    assert replanned.moves == ()
    assert replanned.kept == 3
    assert places(earlier) <= places(later)
    (added,) = replanned.added
    assert added.talk == new_talk
    assert added in later.placements


# --- amj-solve --keep -------------------------------------------------------------------------


def test_cli_prints_each_move_and_why_and_writes_a_grid_that_keeps_the_rest(in_tmp: Path, amj: Instance) -> None:
    result = amj_solve(
        INSTANCE_2010, "--scenario", SCENARIOS / "2010-no-modular-ii.yaml", "--keep", PUBLISHED, "--out", "out", "-q"
    )
    assert result.exit_code == 0, result.output
    screen = flat(result.stdout)
    assert f"Re-planned against {PUBLISHED}: 22 of its 26 placements" in screen
    assert "4 moved (the fewest possible)" in screen
    moved = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("moved:")]
    assert len(moved) == 4 and all(" · Modular II to Session " in line for line in moved), moved
    why = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("why:")]
    assert len(why) == 4 and all(line.startswith("why: Modular II is unavailable") for line in why), why
    assert "wrote out/grid.csv" in result.stdout.splitlines()

    changed = with_scenario(amj, SCENARIOS / "2010-no-modular-ii.yaml")
    written = read_grid_csv(in_tmp / "out" / "grid.csv", changed)
    assert find_violations(changed, written) == []
    published = read_grid_csv(PUBLISHED, amj)
    elsewhere = {p for p in published.placements if p.room != "modular-ii"}
    assert elsewhere <= set(written.placements)
    assert {p.room for p in written.placements} <= {r.id for r in changed.rooms} - {"modular-ii"}


def test_cli_lists_talks_of_the_kept_grid_no_longer_on_the_program(in_tmp: Path) -> None:
    result = amj_solve(
        INSTANCE_2010, "--scenario", SCENARIOS / "2010-speaker-cancels.yaml", "--keep", PUBLISHED, "--out", "out", "-q"
    )
    assert result.exit_code == 0, result.output
    screen = flat(result.stdout)
    assert "24 of its 24 placements of talks still on the program kept, 0 moved" in screen
    assert "No longer on the program, their places now free: global-philanthropy." in screen
    assert "moved:" not in screen
    assert (in_tmp / "out" / "grid.csv").is_file()


def published_with(old: str, new: str) -> str:
    text = PUBLISHED.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_holding(text: str, piece: str) -> int:
    (line,) = [number for number, row in enumerate(text.splitlines(), start=1) if piece in row]
    return line


BAD_KEEP_FILES = [
    pytest.param(
        INSTANCE_2010,
        published_with("Session III,Modular I,", "Session III,Modular 9,"),
        "Session III,Modular 9,",
        "room: no room is named 'Modular 9'. Did you mean 'Modular I'?",
        id="unknown-room",
    ),
    pytest.param(
        INSTANCE_2010,
        published_with(
            '"The Artist as Creator, Servant, and Prophet",Charlie Peacock,,1',
            '"The Artist as Creator, Servant, and Prophet,Charlie Peacock,,1',  # the quote is never closed
        ),
        "Prophet,Charlie Peacock,,1",
        "file: is not valid CSV here",
        id="malformed-csv",
    ),
    pytest.param(
        SMALL,
        PUBLISHED.read_text(encoding="utf-8"),
        "fri-doors-sara-groves",
        "day: this grid is for 2010-04-16 to 2010-04-18, but Small Test Conference runs 2025-06-12 to 2025-06-13",
        id="another-conference",
    ),
]


@pytest.mark.parametrize("instance_path, grid, bad_row, message", BAD_KEEP_FILES)
def test_cli_refuses_a_bad_keep_file_with_its_line_and_field_and_writes_nothing(
    in_tmp: Path, instance_path: Path, grid: str, bad_row: str, message: str
) -> None:
    (in_tmp / "earlier.csv").write_text(grid, encoding="utf-8")
    result = amj_solve(instance_path, "--keep", "earlier.csv", "--out", "out", "-q")
    assert result.exit_code == 2, result.output
    assert "earlier.csv: 1 problem" in result.stderr
    assert f"line {line_holding(grid, bad_row)}, {message}" in flat(result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert not (in_tmp / "out").exists()

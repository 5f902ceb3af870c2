"""What grids let attendees see: the checker's exact count against brute force, the solver's
objective against the best any grid allows, rooms that seat those who go, and the reports' figures.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from amj_scheduler.checker import attendee_figures, find_violations, score_schedule
from amj_scheduler.checker.attendees import best_plan
from amj_scheduler.checker.view import ScheduleView
from amj_scheduler.models import Instance, Schedule, load_instance
from amj_scheduler.planning import plan
from amj_scheduler.reports import write_published_grid
from amj_scheduler.solver import SolveOptions
from amj_scheduler.solver.build import build_model
from amj_scheduler.solver.pricing import exact_objective
from amj_scheduler.solver.wish_swaps import fewer_clashes
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from .builders import SAT, instance, schedule, talk, window_instance, window_talk, with_wishes
from .test_solver_rules import S1, S2, S3, checked_outcome, room

REPO = Path(__file__).parents[1]
NO_SEATS = {"seat_short": 0, "seat_empty": 0}
SLOTS = ["s1", "s2", "s3", "s4"]
NO_OTHER_COSTS = {
    "repeat_room_change": 0,
    "speaker_idle_slot": 0,
    "seat_short": 0,
    "seat_empty": 0,
    "choice_imbalance": 0,
}


def brute_best(conference: Instance, grid: Schedule, wishes: dict[str, int]) -> tuple[int, int]:
    """(weight, talks) of the best choice of wished placements: every choice tried."""
    view = ScheduleView.build(conference, grid)
    options = [[None, *(p for p in view.placed if p.talk.id == talk_id)] for talk_id in sorted(wishes)]
    best = (0, 0)
    for choice in itertools.product(*options):
        taken = [p for p in choice if p is not None]
        if all(not a.span.overlaps(b.span) for a, b in itertools.combinations(taken, 2)):
            best = max(best, (sum(wishes[p.talk.id] for p in taken), len(taken)))
    return best


# --- the checker's exact count -------------------------------------------------------------------


@st.composite
def slot_grids(draw: st.DrawFn) -> tuple[Instance, Schedule, dict[str, int]]:
    """Up to five talks of one or two slots, given once or twice, anywhere (rules aside), and a wish list."""
    count = draw(st.integers(1, 5))
    talks, placements = [], []
    for number in range(count):
        length = draw(st.sampled_from([1, 1, 2]))
        occurrences = draw(st.integers(1, 2))
        talks.append(talk(f"t{number}", length=length, occurrences=occurrences, speakers=[]))
        starts = SLOTS if length == 1 else ["s1", "s2"]  # a two-slot talk needs two slots of one day
        for occurrence in range(1, occurrences + 1):
            placements.append((f"t{number}", occurrence, draw(st.sampled_from(starts)), "hall"))
    wished = draw(st.lists(st.sampled_from([t["id"] for t in talks]), min_size=1, unique=True))
    weights = {talk_id: draw(st.integers(1, 3)) for talk_id in wished}
    return instance(talks=talks), schedule(*placements), weights


def best_plan_is_brute_best(conference: Instance, grid: Schedule, weights: dict[str, int]) -> None:
    wishing = with_wishes(conference, {"a": list(weights)}, {("a", t): w for t, w in weights.items()})
    wish_list = wishing.attendee_wishes.lists(wishing.talk_by_id)[0]  # type: ignore[union-attr]
    found = best_plan(ScheduleView.build(wishing, grid), wish_list)
    assert (found.weight, len(found.taken)) == brute_best(wishing, grid, weights)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(slot_grids())
def test_best_plan_on_labelled_slots_is_what_trying_every_choice_finds(
    case: tuple[Instance, Schedule, dict[str, int]],
) -> None:
    best_plan_is_brute_best(*case)


@st.composite
def window_grids(draw: st.DrawFn) -> tuple[Instance, Schedule, dict[str, int]]:
    """Up to six talks of 5 to 60 minutes, given once or twice, starting anywhere on Saturday morning."""
    count = draw(st.integers(1, 6))
    talks, placements = [], []
    for number in range(count):
        minutes = 5 * draw(st.integers(1, 12))
        occurrences = draw(st.integers(1, 2))
        talks.append(window_talk(f"t{number}", minutes=minutes, occurrences=occurrences, speakers=[]))
        for occurrence in range(1, occurrences + 1):
            start = 9 * 60 + 5 * draw(st.integers(0, 24))
            placements.append((f"t{number}", occurrence, f"sat-am-{start // 60:02d}{start % 60:02d}", "k1"))
    wished = draw(st.lists(st.sampled_from([t["id"] for t in talks]), min_size=1, unique=True))
    weights = {talk_id: draw(st.integers(1, 3)) for talk_id in wished}
    return window_instance(talks=talks), schedule(*placements), weights


@settings(max_examples=150, derandomize=True, deadline=None)
@given(window_grids())
def test_best_plan_on_breakout_windows_is_what_trying_every_choice_finds(
    case: tuple[Instance, Schedule, dict[str, int]],
) -> None:
    best_plan_is_brute_best(*case)


# --- the solver's count is exact, and its grid the best for attendees ----------------------------


@st.composite
def tiny_conferences(draw: st.DrawFn) -> Instance:
    """Three slots, two rooms, three or four talks (some repeated), two or three attendees."""
    count = draw(st.integers(3, 4))
    occurrences = draw(st.lists(st.integers(1, 2), min_size=count, max_size=count).filter(lambda o: sum(o) <= 6))
    talks = [talk(f"t{n}", speakers=[f"s{n}"], occurrences=occurrences[n], expected_attendance=0) for n in range(count)]
    speakers = [{"id": f"s{n}", "name": f"Speaker {n}"} for n in range(count)]
    conference = instance(
        breakout_slots=[S1, S2, S3],
        rooms=[room("a", 30), room("b", 30)],
        speakers=speakers,
        talks=talks,
        weights=NO_OTHER_COSTS,
    )
    wishes = {
        f"attendee-{n}": draw(st.lists(st.sampled_from([t["id"] for t in talks]), min_size=2, unique=True))
        for n in range(draw(st.integers(2, 3)))
    }
    return with_wishes(conference, wishes)


def fewest_missed(conference: Instance) -> int:
    """The fewest wishes missed over every placement of the talks into slots (two rooms a slot)."""
    talks = conference.talks
    book = conference.attendee_wishes
    assert book is not None
    choices = [list(itertools.combinations(["s1", "s2", "s3"], t.occurrences)) for t in talks]
    fewest = None
    for pattern in itertools.product(*choices):
        load = [slot for slots in pattern for slot in slots]
        if any(load.count(slot) > 2 for slot in load):
            continue
        used = {s: 0 for s in ("s1", "s2", "s3")}
        placements = []
        for t, slots in zip(talks, pattern):
            for number, slot in enumerate(slots, start=1):
                placements.append((t.id, number, slot, "ab"[used[slot]]))
                used[slot] += 1
        grid = schedule(*placements)
        missed = sum(
            len(a.wishes) - brute_best(conference, grid, {w.talk: 1 for w in a.wishes})[1] for a in book.attendees
        )
        fewest = missed if fewest is None else min(fewest, missed)
    assert fewest is not None
    return fewest


@settings(max_examples=25, derandomize=True, deadline=None)
@given(tiny_conferences())
def test_solver_misses_exactly_the_fewest_wishes_any_grid_allows(conference: Instance) -> None:
    outcome = checked_outcome(conference)
    assert outcome.objective == conference.weights.wish_missed * fewest_missed(conference)


def test_a_repeated_talk_lets_two_attendees_with_clashing_wishes_both_see_everything() -> None:
    # Ann's repeated talk can sit beside either of the others; each attendee takes the occurrence that fits.
    conference = with_wishes(
        instance(
            breakout_slots=[S1, S2],
            talks=[
                talk("counterpoint", occurrences=2),
                talk("fugue", speakers=["bo"], pins=[{"slot": "s1"}]),
                talk("chorale", speakers=["cy"], pins=[{"slot": "s2"}]),
            ],
        ),
        {"ava": ["counterpoint", "fugue"], "ben": ["counterpoint", "chorale"]},
    )
    outcome = checked_outcome(conference)
    assert outcome.schedule is not None
    figures = attendee_figures(conference, outcome.schedule)
    assert figures is not None and figures.see_all == 2 and figures.missed == 0
    rules = {rule.rule: rule.cost for rule in score_schedule(conference, outcome.schedule).rules}
    assert rules["wish_missed"] == 0


# --- rooms seat those who go ---------------------------------------------------------------------


def test_attendees_of_a_repeated_talk_split_between_its_occurrences_to_fit_the_rooms() -> None:
    # 50 attendees want the talk; two 30-seat rooms seat them all (10 empty seats), where an
    # estimate of 50 each time would leave 20 standing at each occurrence.
    conference = with_wishes(
        instance(
            breakout_slots=[S1, S2],
            rooms=[room("a", 30), room("b", 30)],
            talks=[talk("counterpoint", occurrences=2, expected_attendance=50)],
            weights={"choice_imbalance": 0},
        ),
        {f"attendee-{n}": ["counterpoint"] for n in range(50)},
    )
    outcome = checked_outcome(conference)
    assert outcome.objective == 10
    score = score_schedule(conference, outcome.schedule)  # type: ignore[arg-type]
    empty = next(rule for rule in score.rules if rule.rule == "seat_empty")
    going = [int(item.detail.split(" going")[0]) for item in empty.items]
    assert sum(going) + 30 * (2 - len(going)) == 50 and max(going) <= 30


def test_a_grid_is_checked_with_the_cheapest_choice_of_who_goes_where() -> None:
    conference = with_wishes(
        instance(
            breakout_slots=[S1, S2],
            rooms=[room("a", 30), room("b", 30)],
            talks=[talk("counterpoint", occurrences=2)],
            weights={"choice_imbalance": 0},
        ),
        {f"attendee-{n}": ["counterpoint"] for n in range(50)},
    )
    grid = schedule(("counterpoint", 1, "s1", "a"), ("counterpoint", 2, "s2", "b"))
    rules = {rule.rule: rule.cost for rule in score_schedule(conference, grid).rules}
    assert (rules["seat_short"], rules["seat_empty"], rules["wish_missed"]) == (0, 10, 0)
    assert rules["repeat_room_change"] == 40


def test_a_search_stopped_short_has_its_attendees_choices_made_again() -> None:
    """The placements held, attendees are sent where they should go: the outcome's objective is
    what the checker finds, not the poor choices the search stopped at."""
    conference = with_wishes(
        instance(
            breakout_slots=[S1, S2],
            talks=[talk("counterpoint", occurrences=2), talk("fugue", speakers=["bo"])],
        ),
        {"ava": ["counterpoint", "fugue"], "ben": ["fugue"]},
    )
    model = build_model(conference)
    model.model.clear_hints()
    for choice in model.attendance.choices:  # type: ignore[attr-defined]
        model.model.add_hint(choice, 0)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.fix_variables_to_their_hinted_value = True
    assert solver.solve(model.model) == cp_model.OPTIMAL
    # Optimal only for the choices held: as a search stopped short hands them back, priced again.
    schedule = model.schedule(solver)
    exact = score_schedule(conference, schedule).total
    assert round(solver.objective_value) > exact
    assert exact_objective(model, schedule, round(solver.objective_value), proven=False) == exact


# --- breakout windows ----------------------------------------------------------------------------


def test_two_talks_wished_together_do_not_run_at_once_on_breakout_windows() -> None:
    conference = with_wishes(
        window_instance(
            breakout_windows=[
                {"id": "sat-am", "label": "Saturday", "day": SAT, "start": "09:00", "end": "10:00", "step": 5}
            ],
            talks=[
                window_talk("llvm", speakers=["ann"], track="llvm"),
                window_talk("rust", speakers=["bo"], track="rust"),
            ],
            weights=NO_SEATS,
        ),
        {f"attendee-{n}": ["llvm", "rust"] for n in range(10)},
    )
    outcome = checked_outcome(conference)
    assert outcome.objective == 0
    clash = schedule(("llvm", 1, "sat-am-0900", "k1"), ("rust", 1, "sat-am-0900", "k2"))
    rules = {rule.rule: rule.cost for rule in score_schedule(conference, clash).rules}
    assert rules["wish_clash"] == 10 * conference.weights.wish_clash


def test_swaps_within_a_track_lower_the_clashes_and_break_no_rule() -> None:
    # Two tracks side by side; the wished talks of each start the day, so they clash until one moves.
    talks = [window_talk(f"llvm-{n}", speakers=[], track="llvm") for n in range(3)]
    talks += [window_talk(f"rust-{n}", speakers=[], track="rust") for n in range(3)]
    conference = with_wishes(
        window_instance(talks=talks, weights=NO_SEATS), {f"attendee-{n}": ["llvm-0", "rust-0"] for n in range(8)}
    )
    starts = ["0900", "0925", "0950"]
    grid = schedule(
        *[(f"llvm-{n}", 1, f"sat-am-{starts[n]}", "k1") for n in range(3)],
        *[(f"rust-{n}", 1, f"sat-am-{starts[n]}", "k2") for n in range(3)],
    )
    swapped = fewer_clashes(conference, grid, seconds=5)
    assert find_violations(conference, swapped) == []
    before, after = score_schedule(conference, grid), score_schedule(conference, swapped)
    assert (before.total, after.total) == (8 * conference.weights.wish_clash, 0)


# --- the reports' figures ------------------------------------------------------------------------


def test_figures_count_who_sees_everything_how_many_miss_what_and_which_pairs_clash() -> None:
    conference = with_wishes(
        instance(talks=[talk("counterpoint"), talk("fugue", speakers=["bo"]), talk("chorale", speakers=["cy"])]),
        {"ava": ["counterpoint", "fugue"], "ben": ["counterpoint", "chorale"], "cal": ["fugue", "chorale"]},
    )
    grid = schedule(("counterpoint", 1, "s1", "hall"), ("fugue", 1, "s1", "mod1"), ("chorale", 1, "s2", "hall"))
    figures = attendee_figures(conference, grid)
    assert figures is not None
    assert (figures.attendees, figures.wishes, figures.seen, figures.see_all) == (3, 6, 5, 2)
    assert figures.missing == {0: 2, 1: 1}
    assert [(clash.titles, clash.attendees) for clash in figures.clashes] == [(("Counterpoint", "Fugue"), 1)]


def test_a_conference_without_wishes_is_planned_exactly_as_before(tmp_path: Path) -> None:
    """AMJ 2010's grid.csv, byte for byte, as the solver wrote it before wishes existed."""
    amj = load_instance(REPO / "instances" / "2010.yaml")
    planned = plan(amj, SolveOptions(time_limit=30))
    assert planned.attendees is None and planned.outcome.schedule is not None
    written = write_published_grid(tmp_path, amj, planned.outcome.schedule)
    grid = next(path for path in written if path.name == "grid.csv")
    assert grid.read_bytes() == (REPO / "tests" / "data" / "2010-grid-before-wishes.csv").read_bytes()


def test_wishes_for_talks_a_scenario_removed_are_left_out() -> None:
    conference = with_wishes(instance(talks=[talk("counterpoint")]), {"ava": ["counterpoint", "gone-talk"]})
    outcome = checked_outcome(conference)
    figures = attendee_figures(conference, outcome.schedule)  # type: ignore[arg-type]
    assert figures is not None and (figures.wishes, figures.seen) == (1, 1)

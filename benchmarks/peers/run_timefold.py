"""Run Timefold on a problem from `peer_problems.py`: a conference-scheduling domain of our own in
Timefold's Python API, each of our rules one constraint function.

    timefold-venv/bin/python run_timefold.py PROBLEM.json LIMIT RESULT.json [CHECKPOINT ...]

Runs in the peer's own virtual environment (`run.py` makes it), importing only Timefold and the
standard library. Each talk occurrence is a planning entity that chooses a start (a labelled slot,
or a step of a breakout window) and a breakout room, as in Timefold's own conference-scheduling
example (a talk chooses a timeslot and a room); the constraint provider below lists our rules in
the rulebook's order, hard first. Timefold never proves optimality: it searches until `LIMIT`
seconds after the JVM is up (its model building counts against the limit, as ours does), and the
best schedule it held at each CHECKPOINT second is recorded, so one run answers every shorter limit
(its search does not depend on the limit). The JVM start is timed apart.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

PROCESS_STARTED = time.perf_counter()

from timefold.solver import SolverFactory  # noqa: E402 (timed: this starts the JVM)
from timefold.solver.config import (  # noqa: E402
    Duration,
    EnvironmentMode,
    ScoreDirectorFactoryConfig,
    SolverConfig,
    TerminationConfig,
)
from timefold.solver.domain import (  # noqa: E402
    PlanningEntityCollectionProperty,
    PlanningId,
    PlanningScore,
    PlanningVariable,
    ProblemFactCollectionProperty,
    ValueRangeProvider,
    planning_entity,
    planning_solution,
)
from timefold.solver.score import (  # noqa: E402
    ConstraintCollectors,
    ConstraintFactory,
    HardSoftScore,
    Joiners,
    constraint_provider,
)


@dataclass
class Start:
    """Where an occurrence may start: a labelled slot or a step of a window, in absolute minutes."""

    id: Annotated[str, PlanningId]
    day: int
    start: int
    position: int
    limit: int
    """Windows: the end of the window it lies in. Slots: unused."""
    run_ends: tuple[int, ...]
    """Slots: the end of the run of k slots from here at index k - 1, or -1 when the day has none."""
    day_code: int


@dataclass
class Room:
    id: Annotated[str, PlanningId]
    capacity: int
    features: tuple[str, ...]
    blocked: list[int]
    """Start, end, start, end, ...: plain loops over flat lists, since Timefold translates these
    methods into Java and generator expressions do not survive that."""

    def blocks(self, begin: int, end: int) -> bool:
        for i in range(0, len(self.blocked), 2):  # noqa: SIM110 (a generator is not translated)
            if self.blocked[i] < end and begin < self.blocked[i + 1]:
                return True
        return False

    def lacks(self, features: list[str]) -> bool:
        for feature in features:  # noqa: SIM110 (a generator is not translated)
            if feature not in self.features:
                return True
        return False


@dataclass
class SpeakerOf:
    """A speaker of an occurrence: the fact the speakers' rules join on."""

    id: Annotated[str, PlanningId]
    speaker: str
    occurrence: str


@planning_entity
@dataclass
class Occurrence:
    id: Annotated[str, PlanningId]
    talk: str
    speakers: list[str]
    busy: list[int]
    """When any of its speakers is away or leading a fixed item: start, end, start, end, ... (lists,
    not tuples: Timefold refuses to plan-clone a tuple held by an entity)."""
    audience: str
    at_once: int
    demand: int
    requires: list[str]
    length: int
    minutes: int
    windows: bool
    track: str
    track_rule: str
    repeated: bool
    open_talk: bool
    pin_start: str
    pin_room: str
    pin_day: int
    start: Annotated[Start | None, PlanningVariable] = field(default=None)
    room: Annotated[Room | None, PlanningVariable] = field(default=None)

    # The constraints call these only on occurrences Timefold's `for_each` passes, whose variables
    # are set; they stay free of checks, as Timefold translates them into Java.
    def begin(self) -> int:
        return self.start.start  # type: ignore[union-attr]

    def end(self) -> int:
        if self.windows:
            return self.start.start + self.minutes  # type: ignore[union-attr]
        return self.start.run_ends[self.length - 1]  # type: ignore[union-attr]

    def day(self) -> int:
        return self.start.day  # type: ignore[union-attr]

    def away(self) -> bool:
        begin, end = self.begin(), self.end()
        for i in range(0, len(self.busy), 2):  # noqa: SIM110 (a generator is not translated)
            if self.busy[i] < end and begin < self.busy[i + 1]:
                return True
        return False


@planning_solution
@dataclass
class Conference:
    starts: Annotated[list[Start], ProblemFactCollectionProperty, ValueRangeProvider]
    rooms: Annotated[list[Room], ProblemFactCollectionProperty, ValueRangeProvider]
    speakers_of: Annotated[list[SpeakerOf], ProblemFactCollectionProperty]
    occurrences: Annotated[list[Occurrence], PlanningEntityCollectionProperty]
    score: Annotated[HardSoftScore | None, PlanningScore] = field(default=None)


WEIGHTS: dict[str, int] = {}
"""Our weights, read when the constraints are built: each becomes the constraint's own weight."""
DAY_CODE = 100_000
"""A start's `day_code` is day * DAY_CODE + the most minutes one breakout room can hold talks that
day (L), so that a track's fewest rooms, ceil(minutes / L) as our rulebook defines them, is plain
arithmetic on a grouping key: functions that reach for module-level data run far slower here."""


# Hard rules, in the rulebook's order ----------------------------------------------------------------


def occurrences_never_overlap(factory: ConstraintFactory):
    return (
        factory.for_each_unique_pair(
            Occurrence, Joiners.equal(lambda o: o.talk), Joiners.overlapping(lambda o: o.begin(), lambda o: o.end())
        )
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("occurrences never overlap")
    )


def room_holds_one_thing_at_a_time(factory: ConstraintFactory):
    return (
        factory.for_each_unique_pair(
            Occurrence, Joiners.equal(lambda o: o.room.id), Joiners.overlapping(lambda o: o.begin(), lambda o: o.end())
        )
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("room holds one thing at a time")
    )


def room_closed(factory: ConstraintFactory):
    """Its closures, its fixed items and (windows) its opening hours."""
    return (
        factory.for_each(Occurrence)
        .filter(lambda o: o.room.blocks(o.begin(), o.end()))
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("room closed")
    )


def speaker_in_one_place_at_a_time(factory: ConstraintFactory):
    """Two talks of one speaker that overlap, found through the speaker links by equal keys only."""
    return (
        factory.for_each(SpeakerOf)
        .join(Occurrence, Joiners.equal(lambda s: s.occurrence, lambda o: o.id))
        .join(
            SpeakerOf,
            Joiners.equal(lambda s, o: s.speaker, lambda other: other.speaker),
            Joiners.less_than(lambda s, o: s.occurrence, lambda other: other.occurrence),
        )
        .join(
            Occurrence,
            Joiners.equal(lambda s, o, other: other.occurrence, lambda o: o.id),
            Joiners.overlapping(
                lambda s, o, other: o.begin(), lambda s, o, other: o.end(), lambda o: o.begin(), lambda o: o.end()
            ),
        )
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("speaker in one place at a time")
    )


def speaker_away(factory: ConstraintFactory):
    return (
        factory.for_each(Occurrence)
        .filter(lambda o: o.away())
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("speaker away")
    )


def _audience_overlaps(factory: ConstraintFactory, at_once: int):
    """Overlapping pairs of talks restricted to one audience group that takes `at_once` at a time."""
    return factory.for_each_unique_pair(
        Occurrence,
        Joiners.equal(lambda o: o.audience),
        Joiners.overlapping(lambda o: o.begin(), lambda o: o.end()),
    ).filter(lambda a, b: a.audience != "" and a.at_once == at_once)


def audience_group_never_double_booked(factory: ConstraintFactory):
    """Pairs for a group of one at a time; triples (pairwise overlapping intervals share a moment)
    for a group of two, as FOSDEM Junior's children."""
    return (
        _audience_overlaps(factory, 1)
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("audience group never double-booked")
    )


def audience_group_of_two(factory: ConstraintFactory):
    return (
        _audience_overlaps(factory, 2)
        .join(
            Occurrence,
            Joiners.equal(lambda a, b: a.audience, lambda c: c.audience),
            Joiners.less_than(lambda a, b: b.id, lambda c: c.id),
            Joiners.filtering(
                lambda a, b, c: (
                    c.begin() < a.end() and a.begin() < c.end() and c.begin() < b.end() and b.begin() < c.end()
                )
            ),
        )
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("audience group of two never triple-booked")
    )


def required_room_features(factory: ConstraintFactory):
    return (
        factory.for_each(Occurrence)
        .filter(lambda o: o.room.lacks(o.requires))
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("required room features")
    )


def pins_honoured(factory: ConstraintFactory):
    return (
        factory.for_each(Occurrence)
        .filter(
            lambda o: (
                (o.pin_start != "" and o.pin_start != o.start.id)
                or (o.pin_room != "" and o.pin_room != o.room.id)
                or (o.pin_day >= 0 and o.pin_day != o.start.day)
            )
        )
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("pins honoured")
    )


def fits_its_slots_or_window(factory: ConstraintFactory):
    """run_fits_the_day on slots, talk_inside_one_breakout_window on windows."""
    return (
        factory.for_each(Occurrence)
        .filter(lambda o: (o.end() > o.start.limit) if o.windows else (o.end() < 0))
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("fits its slots or window")
    )


def _rooms_beyond_the_fewest(factory: ConstraintFactory, rule: str, weight: HardSoftScore):
    """Per track of `rule` and day: the rooms it uses beyond ceil(its minutes / L), at `weight` each."""
    return (
        factory.for_each(Occurrence)
        .filter(lambda o: o.track_rule == rule)
        .group_by(
            lambda o: o.track,
            lambda o: o.start.day_code,
            ConstraintCollectors.sum(lambda o: o.minutes),
            ConstraintCollectors.count_distinct(lambda o: o.room.id),
        )
        .filter(lambda track, day, minutes, rooms: rooms > (minutes + day % DAY_CODE - 1) // (day % DAY_CODE))
        .penalize(weight, lambda track, day, minutes, rooms: rooms - (minutes + day % DAY_CODE - 1) // (day % DAY_CODE))
    )


def track_in_its_fewest_rooms(factory: ConstraintFactory):
    return _rooms_beyond_the_fewest(factory, "hard", HardSoftScore.ONE_HARD).as_constraint("track in its fewest rooms")


# Soft rules, in the rulebook's order ----------------------------------------------------------------


def repeat_room_change(factory: ConstraintFactory):
    return (
        factory.for_each(Occurrence)
        .filter(lambda o: o.repeated)
        .group_by(lambda o: o.talk, ConstraintCollectors.count_distinct(lambda o: o.room.id))
        .filter(lambda talk, rooms: rooms > 1)
        .penalize(HardSoftScore.of_soft(WEIGHTS["repeat_room_change"]), lambda talk, rooms: rooms - 1)
        .as_constraint("repeat_room_change")
    )


def speaker_idle_slot(factory: ConstraintFactory):
    """Slots only: the slots between a speaker's first and last that they do not take."""
    return (
        factory.for_each(SpeakerOf)
        .join(Occurrence, Joiners.equal(lambda s: s.occurrence, lambda o: o.id))
        .filter(lambda s, o: not o.windows)
        .group_by(
            lambda s, o: s.speaker,
            ConstraintCollectors.min(lambda s, o: o.start.position),
            ConstraintCollectors.max(lambda s, o: o.start.position + o.length - 1),
            ConstraintCollectors.sum(lambda s, o: o.length),
        )
        .filter(lambda speaker, first, last, taken: last - first + 1 > taken)
        .penalize(
            HardSoftScore.of_soft(WEIGHTS["speaker_idle_slot"]),
            lambda speaker, first, last, taken: last - first + 1 - taken,
        )
        .as_constraint("speaker_idle_slot")
    )


def seat_short(factory: ConstraintFactory):
    return (
        factory.for_each(Occurrence)
        .filter(lambda o: o.demand > o.room.capacity)
        .penalize(HardSoftScore.of_soft(WEIGHTS["seat_short"]), lambda o: o.demand - o.room.capacity)
        .as_constraint("seat_short")
    )


def seat_empty(factory: ConstraintFactory):
    return (
        factory.for_each(Occurrence)
        .filter(lambda o: o.room.capacity > o.demand)
        .penalize(HardSoftScore.of_soft(WEIGHTS["seat_empty"]), lambda o: o.room.capacity - o.demand)
        .as_constraint("seat_empty")
    )


def choice_imbalance(factory: ConstraintFactory):
    """Slots only, talks of one slot: open talks in the busiest slot less those in the emptiest."""
    return (
        factory.for_each(Occurrence)
        .filter(lambda o: o.open_talk and not o.windows)
        .group_by(lambda o: o.start, ConstraintCollectors.count())
        .complement(Start, lambda start: 0)
        .group_by(
            ConstraintCollectors.max(lambda start, count: count),
            ConstraintCollectors.min(lambda start, count: count),
        )
        .filter(lambda most, fewest: most > fewest)
        .penalize(HardSoftScore.of_soft(WEIGHTS["choice_imbalance"]), lambda most, fewest: most - fewest)
        .as_constraint("choice_imbalance")
    )


def track_extra_room(factory: ConstraintFactory):
    return _rooms_beyond_the_fewest(factory, "soft", HardSoftScore.of_soft(WEIGHTS["track_extra_room"])).as_constraint(
        "track_extra_room"
    )


def track_gap_minute(factory: ConstraintFactory):
    """Minutes between two consecutive talks of a track in one room on one day: pairs with nothing
    of the track in between."""
    return (
        factory.for_each(Occurrence)
        .filter(lambda o: o.track_rule == "soft" or o.track_rule == "hard")
        .join(
            Occurrence,
            Joiners.equal(lambda o: o.track),
            Joiners.equal(lambda o: o.room.id),
            Joiners.equal(lambda o: o.start.day),
            Joiners.less_than(lambda o: o.end(), lambda o: o.begin()),
        )
        .if_not_exists(
            Occurrence,
            Joiners.equal(lambda a, b: a.track, lambda c: c.track),
            Joiners.equal(lambda a, b: a.room.id, lambda c: c.room.id),
            Joiners.filtering(lambda a, b, c: c.begin() < b.begin() and c.end() > a.end()),
        )
        .penalize(HardSoftScore.of_soft(WEIGHTS["track_gap_minute"]), lambda a, b: b.begin() - a.end())
        .as_constraint("track_gap_minute")
    )


@constraint_provider
def our_rules(factory: ConstraintFactory):
    return [
        occurrences_never_overlap(factory),
        room_holds_one_thing_at_a_time(factory),
        room_closed(factory),
        speaker_in_one_place_at_a_time(factory),
        speaker_away(factory),
        audience_group_never_double_booked(factory),
        audience_group_of_two(factory),
        required_room_features(factory),
        pins_honoured(factory),
        fits_its_slots_or_window(factory),
        track_in_its_fewest_rooms(factory),
        repeat_room_change(factory),
        speaker_idle_slot(factory),
        seat_short(factory),
        seat_empty(factory),
        choice_imbalance(factory),
        track_extra_room(factory),
        track_gap_minute(factory),
    ]


def conference_of(problem: dict) -> Conference:
    windows = problem["shape"] == "windows"
    longest_run = max((occurrence["length"] for occurrence in problem["occurrences"]), default=1)
    starts = [
        Start(
            entry["id"],
            entry["day"],
            entry["start"],
            entry["position"],
            entry.get("limit", 0),
            tuple(entry.get("run_end", {}).get(str(k), -1) for k in range(1, longest_run + 1)),
            entry["day"] * DAY_CODE + max(1, problem["room_minutes"][str(entry["day"])]),
        )
        for entry in problem["starts"]
    ]
    rooms = [
        Room(
            room["id"],
            room["capacity"],
            tuple(room["features"]),
            [minute for interval in room["blocked"] for minute in interval],
        )
        for room in problem["rooms"]
    ]
    busy = {speaker["id"]: [tuple(i) for i in speaker["busy"]] for speaker in problem["speakers"]}
    at_once = {audience["id"]: audience["at_once"] for audience in problem["audiences"]}
    rules = {track["id"]: track["rule"] for track in problem["tracks"]}
    occurrences = [
        Occurrence(
            id=o["id"],
            talk=o["talk"],
            speakers=list(o["speakers"]),
            busy=[minute for speaker in o["speakers"] for interval in busy.get(speaker, ()) for minute in interval],
            audience=o["audience"] or "",
            at_once=at_once.get(o["audience"], 1),
            demand=o["demand"],
            requires=list(o["requires"]),
            length=o["length"],
            minutes=o["minutes"] or 0,
            windows=windows,
            track=o["track"] or "",
            track_rule=rules.get(o["track"], "none"),
            repeated=o["repeated"],
            open_talk=o["audience"] is None,
            pin_start=o["pin_start"] or "",
            pin_room=o["pin_room"] or "",
            pin_day=-1 if o["pin_day"] is None else o["pin_day"],
        )
        for o in problem["occurrences"]
    ]
    speakers_of = [SpeakerOf(f"{o.id}@{speaker}", speaker, o.id) for o in occurrences for speaker in o.speakers]
    return Conference(starts, rooms, speakers_of, occurrences)


def assignments(conference: Conference) -> list[list[str]]:
    return [[o.id, o.start.id if o.start else "", o.room.id if o.room else ""] for o in conference.occurrences]


def main() -> None:
    problem_path, limit, result_path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    checkpoints = sorted(float(value) for value in sys.argv[4:])
    problem = json.loads(Path(problem_path).read_text())
    WEIGHTS.update(problem["weights"])
    jvm_up = time.perf_counter()  # the imports above started the JVM and compiled the domain classes
    conference = conference_of(problem)
    config = SolverConfig(
        solution_class=Conference,
        entity_class_list=[Occurrence],
        environment_mode=EnvironmentMode.NO_ASSERT,  # its fastest mode: no score checks between phases
        score_director_factory_config=ScoreDirectorFactoryConfig(constraint_provider_function=our_rules),
        termination_config=TerminationConfig(spent_limit=Duration(milliseconds=1)),
    )
    factory = SolverFactory.create(config)
    factory.build_solver()  # the first build translates the constraints into Java: model building
    built = time.perf_counter()
    left = max(0.05, limit - (built - jvm_up))
    config.termination_config = TerminationConfig(spent_limit=Duration(milliseconds=int(left * 1000)))
    solver = SolverFactory.create(config).build_solver()
    bests: list[dict] = []
    kept: dict[str, dict] = {}
    """The first feasible schedule, and the best held at each checkpoint (the last before it)."""

    def on_best(event) -> None:
        now = time.perf_counter() - jvm_up
        for checkpoint in checkpoints:
            if (
                now > checkpoint
                and f"at {checkpoint:g} s" not in kept
                and bests
                and bests[-1]["initialized"]
                and bests[-1]["seconds"] <= checkpoint
            ):
                kept[f"at {checkpoint:g} s"] = {**bests[-1], "limit": checkpoint}
        score = event.new_best_score
        best = {
            "seconds": now,
            "hard": score.hard_score,
            "soft": score.soft_score,
            "initialized": event.is_new_best_solution_initialized,
            "solution": event.new_best_solution,
        }
        if bests:
            bests[-1]["solution"] = None  # only the latest is kept for the next checkpoint
        bests.append(best)
        if "first feasible" not in kept and best["initialized"] and best["hard"] == 0:
            kept["first feasible"] = dict(best)

    solver.add_event_listener(on_best)
    searching = time.perf_counter()
    final = solver.solve(conference)
    finished = time.perf_counter()
    for checkpoint in checkpoints:  # checkpoints after the last improvement hold the final schedule
        if (
            f"at {checkpoint:g} s" not in kept
            and bests
            and bests[-1]["initialized"]
            and bests[-1]["seconds"] <= checkpoint
        ):
            kept[f"at {checkpoint:g} s"] = {**bests[-1], "solution": final, "limit": checkpoint}
    snapshots = [
        {
            "label": label,
            "limit": best.get("limit"),
            "seconds": best["seconds"],
            "hard": best["hard"],
            "soft": best["soft"],
            "assignments": assignments(best["solution"]),
        }
        for label, best in kept.items()
    ]
    result = {
        "engine": "timefold",
        "jvm_seconds": jvm_up - PROCESS_STARTED,
        "build_seconds": built - jvm_up,
        "search_seconds": finished - searching,
        "total_seconds": finished - jvm_up,
        "final_score": str(final.score),
        "assignments": assignments(final),
        "snapshots": snapshots,
        "improvements": [{k: v for k, v in best.items() if k != "solution"} for best in bests],
    }
    Path(result_path).write_text(json.dumps(result))


if __name__ == "__main__":
    main()

"""The desk's searches, run beside the page so that it stays live: a solve with its progress and its
stop button, a re-plan from the grid as edited, and a comparison. One at a time per desk.

Each job is the library's own call (`planning.plan`, `replan.replan`, `planning.plan_alternatives`
with `comparing`), so every schedule a job offers has passed the independent checker. The solver is
imported when the first job starts: opening the page never waits for OR-Tools.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..models import InputError, Instance, Placement, Schedule, apply_scenario, load_scenario
from ..reports.comparison import Alternative
from ..reports.replan_report import distance_text, place_text
from .session import Desk, DeskError, NotFound, Refused, Version, card_key

if TYPE_CHECKING:
    from ..solver.search import SearchProgress, SolveOptions

JobKind = Literal["solve", "replan", "compare"]


@dataclass(frozen=True)
class SolveResult:
    """A solve's answer: a checked schedule to take, or why there is none."""

    schedule: Schedule | None
    status: str
    cost: int | None
    bound: int | None
    stopped: bool
    reasons: tuple[str, ...] = ()
    """Why no schedule exists (infeasible), or what to try when none was found in time."""


@dataclass(frozen=True)
class ProposedMove:
    """One change of a re-plan, which the planner accepts or rejects on its own."""

    title: str
    key: str
    """The card it moves (`talk/occurrence` in the grid it was proposed for)."""
    before: Placement | None
    """None for an occurrence the grid did not have (placed new)."""
    after: Placement | None
    """None for an occurrence dropped (the talk is now given fewer times)."""
    text: str
    """'from Session II · Rooms 116/117 to Session III · Nicholson Hall (1 hour later, another room)'."""
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ReplanResult:
    based_on: int
    """The version of the grid the re-plan starts from: its moves apply to that version only."""
    moves: tuple[ProposedMove, ...]
    kept: int
    fewest_proven: bool
    cost: int | None
    reasons: tuple[str, ...] = ()
    """Why no valid grid exists, when none does."""


@dataclass(frozen=True)
class Column:
    """A comparison column as the page lists it, with its schedule to take."""

    name: str
    origin: str
    cost: int
    hard_violations: int
    schedule: Schedule


@dataclass(frozen=True)
class CompareResult:
    page: str
    """The comparison as `compare.html` shows it."""
    columns: tuple[Column, ...]
    left_out: tuple[str, ...]
    """Columns with no schedule, each with why."""


Result = SolveResult | ReplanResult | CompareResult


@dataclass
class Job:
    number: int
    kind: JobKind
    based_on: int
    progress: SearchProgress | None = None
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None
    result: Result | None = None
    failure: str = ""

    @property
    def running(self) -> bool:
        return self.finished is None

    @property
    def seconds(self) -> float:
        return (self.finished or time.perf_counter()) - self.started


@dataclass
class Jobs:
    """The desk's one job at a time, and the last one finished (its result still to be taken)."""

    desk: Desk
    time_limit: float = 30.0
    """Seconds for each solve and comparison, as `--time-limit` gives them."""
    replan_time_limit: float = 5.0
    """Seconds for a re-plan: the planner waits for it at the page."""
    seed: int = 0
    workers: int = 1
    current: Job | None = None
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def solve(self) -> Job:
        from ..solver.search import SearchProgress  # here, not above: opening the page never loads OR-Tools

        progress = SearchProgress()
        options = self._options(self.time_limit, progress)
        return self._start("solve", lambda version: _solve(self.desk, options, progress), progress)

    def replan(self, version: int) -> Job:
        self.desk.require(version)
        options = self._options(self.replan_time_limit)
        return self._start("replan", lambda current: _replan(self.desk, current, options))

    def compare(self, version: int, alternatives: int, scenarios: list[str]) -> Job:
        current = self.desk.require(version)
        offered = {path.stem: path for path in self.desk.scenarios}
        unknown = [name for name in scenarios if name not in offered]
        if unknown:
            raise DeskError(f"No scenario is called {', '.join(map(repr, unknown))}; offered: {', '.join(offered)}.")
        if not 1 <= alternatives <= 10:
            raise DeskError("Ask for 1 to 10 alternatives.")
        chosen = [offered[name] for name in scenarios]
        options = self._options(self.time_limit)
        return self._start("compare", lambda _: _compare(self.desk, current, alternatives, chosen, options))

    def stop(self) -> Job:
        job = self.current
        if job is None or not job.running:
            raise Refused("Nothing is running.")
        if job.progress is None:
            raise Refused(f"A {job.kind} cannot be stopped; it ends within the time limit.")
        job.progress.stop()
        return job

    def taken(self, number: int) -> Job:
        """The finished job `number`, whose result the planner takes."""
        job = self.current
        if job is None or job.number != number:
            raise NotFound(f"No job {number}: the desk's last job is {job.number if job else 'none'}.")
        if job.running:
            raise Refused(f"The {job.kind} is still running.")
        return job

    def _options(self, time_limit: float, progress: SearchProgress | None = None) -> SolveOptions:
        from ..solver.search import SolveOptions

        return SolveOptions(time_limit, self.seed, self.workers, progress)

    def _start(self, kind: JobKind, work: Callable[[Version], Result], progress: SearchProgress | None = None) -> Job:
        with self._lock:
            if self.current is not None and self.current.running:
                raise Refused(f"A {self.current.kind} is running; stop it or wait for it to end.")
            current = self.desk.current
            job = Job(next(self._numbers), kind, current.number, progress)
            self.current = job
        threading.Thread(target=self._run, args=(job, work, current), name=f"desk-{kind}", daemon=True).start()
        return job

    @staticmethod
    def _run(job: Job, work: Callable[[Version], Result], current: Version) -> None:
        try:
            job.result = work(current)
        except Exception as error:  # a bug must reach the page as words, and the desk must stay up
            job.failure = f"The {job.kind} failed: {type(error).__name__}: {error}"
        finally:
            job.finished = time.perf_counter()


def _solve(desk: Desk, options: SolveOptions, progress: SearchProgress) -> SolveResult:
    from ..planning import plan, why_nothing_fits

    planned = plan(desk.instance, options)
    outcome = planned.outcome
    if outcome.status == "infeasible":
        reasons = tuple(why_nothing_fits(desk.instance_path, desk.instance, outcome))
        return SolveResult(None, outcome.status, None, None, progress.stopped, reasons)
    if outcome.schedule is None or planned.score is None:
        why = (
            "Stopped before any schedule was found."
            if progress.stopped
            else f"No schedule found within {options.time_limit:g} s; start amj-solve serve with a larger --time-limit."
        )
        return SolveResult(None, outcome.status, None, None, progress.stopped, (why,))
    return SolveResult(outcome.schedule, outcome.status, planned.score.total, outcome.best_bound, progress.stopped, ())


def _replan(desk: Desk, current: Version, options: SolveOptions) -> ReplanResult:
    from ..planning import why_nothing_fits
    from ..replan import replan

    instance = desk.instance
    replanned = replan(instance, current.schedule, (), options)
    outcome = replanned.plan.outcome
    if outcome.schedule is None:
        if outcome.status == "infeasible":
            reasons = tuple(why_nothing_fits(desk.instance_path, instance, outcome))
        else:
            reasons = (f"No valid grid found within {options.time_limit:g} s.",)
        return ReplanResult(current.number, (), 0, False, None, reasons)
    moves = [
        ProposedMove(
            instance.talk_by_id[move.talk].title,
            card_key(move.before),
            move.before,
            move.after,
            _move_text(instance, move.before, move.after),
            move.reasons,
        )
        for move in replanned.moves
    ]
    moves += [
        ProposedMove(
            instance.talk_by_id[placement.talk].title,
            card_key(placement),
            None,
            placement,
            f"placed in {place_text(instance, placement)} (it was missing from the grid)",
            (),
        )
        for placement in replanned.added
    ]
    score = replanned.plan.score
    return ReplanResult(
        current.number,
        tuple(moves),
        replanned.kept,
        replanned.fewest_moves_proven,
        score.total if score else None,
    )


def _move_text(instance: Instance, before: Placement, after: Placement | None) -> str:
    if after is None:
        return f"dropped from {place_text(instance, before)}"
    return (
        f"from {place_text(instance, before)} to {place_text(instance, after)} "
        f"({distance_text(instance, before, after)})"
    )


def accepted_schedule(current: Schedule, moves: tuple[ProposedMove, ...], accepted: list[int]) -> Schedule:
    """The grid with the accepted moves made, each on its own: a rejected move stays where it is."""
    if any(not 0 <= index < len(moves) for index in accepted):
        raise DeskError(f"A re-plan of {len(moves)} moves has no move {max(accepted) + 1}.")
    chosen = [moves[index] for index in sorted(set(accepted))]
    leaving = {move.before for move in chosen if move.before is not None}
    arriving = [move.after for move in chosen if move.after is not None]
    return Schedule(placements=tuple(p for p in current.placements if p not in leaving) + tuple(arriving))


def _compare(
    desk: Desk, current: Version, alternatives: int, scenario_paths: list[Path], options: SolveOptions
) -> CompareResult:
    """The grid on the desk first, then the solver's alternatives, then each scenario re-planned with
    the fewest moves from the grid on the desk, as `amj-solve compare` lays them out."""
    from ..comparing import grid_column, scenario_column, solver_columns
    from ..planning import plan_alternatives, why_nothing_fits
    from ..reports.compare_html import render_comparison_html
    from ..solver.alternatives import AlternativeOptions

    base = desk.instance
    columns = [grid_column(f"your grid (version {current.number})", "the grid on the desk", base, current.schedule, [])]
    left_out: list[str] = []
    wanted = AlternativeOptions(count=alternatives)
    found = plan_alternatives(base, options, wanted)
    if found.plans[0].outcome.status == "infeasible":
        left_out.append(
            "The solver's alternatives: " + " ".join(why_nothing_fits(desk.instance_path, base, found.plans[0].outcome))
        )
    columns += solver_columns(base, found, options, wanted)
    for path in scenario_paths:
        try:
            scenario = load_scenario(path, base)
        except InputError as error:
            left_out.append(error.render())
            continue
        instance = apply_scenario(base, scenario)
        origin = f"scenario {path.name}: {'; '.join(scenario.summary())}; fewest moves from your grid"
        column = scenario_column(scenario.name, origin, instance, current.schedule, options, columns)
        if isinstance(column, Alternative):
            columns.append(column)
        elif column.outcome.status == "infeasible":
            why = why_nothing_fits(desk.instance_path, instance, column.outcome, (path,))
            left_out.append(f"{scenario.name}: no schedule exists. " + " ".join(line.strip() for line in why))
        else:
            left_out.append(f"{scenario.name}: no schedule found within {options.time_limit:g} s.")
    return CompareResult(
        render_comparison_html(columns),
        tuple(
            Column(column.name, column.origin, column.score.total, len(column.violations), column.schedule)
            for column in columns
        ),
        tuple(left_out),
    )

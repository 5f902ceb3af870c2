"""Every CP-SAT search of the project runs here: one budget for a whole run, one place for parameters.

`--time-limit` is the wall-clock budget of a whole run (a solve of several steps, an explanation of
many solves). Each search is also cut at a matching amount of CP-SAT's deterministic time, measured
on the machine the README names, so that a search cut short ends at the same point on every run
there: the same seed gives the same schedule. The wall clock is the safety net for slower machines.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .encoding import Encoding

SOLVED = (cp_model.OPTIMAL, cp_model.FEASIBLE)
"""Without an objective a satisfiable solve reports OPTIMAL; both mean a schedule exists."""


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = 30.0
    """Wall-clock seconds for the whole run."""
    seed: int = 0
    workers: int = 1
    progress: SearchProgress | None = field(default=None, compare=False)
    """Someone watching the searches (the planner's desk): told each better schedule and bound, and
    able to stop the run, which then keeps the best schedule found."""


class SearchProgress:
    """The live figures of a run's searches, and its stop button. Shape-neutral: it sees only the
    objective and bound CP-SAT reports, whichever encoding and step is searching."""

    def __init__(self) -> None:
        self.best_cost: int | None = None
        self.bound: int | None = None
        self.schedules_found = 0
        self.stopped = False
        self._searching: cp_model.CpSolver | None = None
        self._lock = threading.Lock()

    def stop(self) -> None:
        """End the search now (from any thread); the run's later searches are skipped, as when
        its time is spent, so the best schedule found so far is the answer."""
        with self._lock:
            self.stopped = True
            if self._searching is not None:
                self._searching.stop_search()

    def search(self, model: Encoding, solver: cp_model.CpSolver) -> cp_model.CpSolverStatus:
        with self._lock:
            self._searching = solver
        solver.best_bound_callback = self._bound_found
        try:
            return solve_stopped_by_ctrl_c(solver, model.model, _SolutionWatch(self))
        finally:
            with self._lock:
                self._searching = None

    def _bound_found(self, bound: float) -> None:
        self.bound = round(bound)

    def _schedule_found(self, cost: float, bound: float) -> None:
        self.schedules_found += 1
        self.best_cost = round(cost) if self.best_cost is None else min(self.best_cost, round(cost))
        self.bound = round(bound)


class _SolutionWatch(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: SearchProgress) -> None:
        super().__init__()
        self.progress = progress

    def on_solution_callback(self) -> None:
        self.progress._schedule_found(self.objective_value, self.best_objective_bound)


@dataclass
class Budget:
    """What is left of a run's time: wall seconds to a deadline, and deterministic seconds."""

    options: SolveOptions
    started: float = field(default_factory=time.perf_counter)
    work_done: float = 0.0
    """Deterministic seconds spent by the searches so far."""

    @property
    def wall_left(self) -> float:
        if self.options.progress is not None and self.options.progress.stopped:
            return 0.0
        return max(0.0, self.started + self.options.time_limit - time.perf_counter())

    def work_left(self, rate: float) -> float:
        """Deterministic seconds left, for searches doing `rate` of them per wall second here."""
        return max(0.0, rate * self.options.time_limit - self.work_done)

    @property
    def spent(self) -> bool:
        return self.wall_left <= 0


def make_solver(
    model: Encoding, budget: Budget, *, work: float, workers: int = 1, wall: float | None = None
) -> cp_model.CpSolver:
    """A solver for one search of at most `work` deterministic seconds and the run's wall time left
    (or `wall` seconds, if less). Same seed, same schedule: one worker searches deterministically,
    and several are made to interleave their searches deterministically."""
    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.max_deterministic_time = max(work, 0.001)
    parameters.max_time_in_seconds = max(min(budget.wall_left, wall if wall is not None else budget.wall_left), 0.001)
    parameters.random_seed = budget.options.seed
    parameters.num_workers = workers
    parameters.interleave_search = workers > 1
    model.tune(parameters)
    return solver


def run_search(model: Encoding, solver: cp_model.CpSolver, budget: Budget) -> cp_model.CpSolverStatus:
    """Solve, and count the deterministic time the search took against the run's budget."""
    progress = budget.options.progress
    status = solve_stopped_by_ctrl_c(solver, model.model) if progress is None else progress.search(model, solver)
    budget.work_done += solver.response_proto.deterministic_time
    return status


POLL_SECONDS = 0.05
"""How often the waiting thread wakes up; also how often a stop request is repeated, because a
request made before CP-SAT has set up its search would otherwise be lost."""


def solve_stopped_by_ctrl_c(
    solver: cp_model.CpSolver, model: cp_model.CpModel, watch: cp_model.CpSolverSolutionCallback | None = None
) -> cp_model.CpSolverStatus:
    """`solver.solve(model)`, stopped promptly by Ctrl-C, which is then raised again. Every CP-SAT
    search of the project runs through here.

    Left alone, CP-SAT installs its own SIGINT handler for each search and afterwards restores the
    default one instead of Python's: Ctrl-C during a search only cut that search short (its partial
    answer then passed for a result), and Ctrl-C after one killed the process without a word. Here
    CP-SAT never touches the handler; the search runs on a worker thread while the main thread,
    where Python delivers signals, waits for it. On Ctrl-C the search is told to stop, is waited for
    (CP-SAT stops within milliseconds) and the KeyboardInterrupt goes on: no partial answer is
    ever returned.
    """
    solver.parameters.catch_sigint_signal = False
    statuses: list[cp_model.CpSolverStatus] = []
    failures: list[BaseException] = []
    finished = threading.Event()

    def search() -> None:
        try:
            statuses.append(solver.solve(model, watch))
        except BaseException as failure:  # handed to the waiting thread, which raises it there
            failures.append(failure)
        finally:
            finished.set()

    # Not Thread.join: on Python 3.11 a join cut short by KeyboardInterrupt marks the thread
    # as stopped while it still runs, and the process would then exit under CP-SAT's feet.
    threading.Thread(target=search, name="cp-sat-search", daemon=True).start()
    try:
        while not finished.wait(POLL_SECONDS):
            pass
    except KeyboardInterrupt:
        while not finished.is_set():
            solver.stop_search()
            finished.wait(POLL_SECONDS)
        raise
    if failures:
        raise failures[0]
    return statuses[0]

"""Solve an instance: counting checks first, then the search that suits its shape.

Labelled slots are one search: the model is small and tight (AMJ 2010 is proven optimal in a tenth
of a second). Breakout windows take up to three steps, each starting from the best schedule so far:

1. one worker, every track in its fewest rooms: a small model that proves most conferences optimal
   at once (FOSDEM 2025 in under 2 s);
2. when it does not, an interleaved portfolio on the same model, from scratch (on 1,000 synthetic
   talks, starting from the first step's poor schedule led the portfolio astray: 358,917 after 37 s,
   against a proven 65,414 unhinted);
3. when some track is soft, the portfolio on the full model, where it may take more rooms.

Measured on synthetic conferences: the full model searched from scratch was still 21% above the
small model's optimum after 40 s (250 talks), and far worse at 1,000 talks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TypedDict

from ortools.sat.python import cp_model

from ..models import Instance, Schedule
from .build import build_model
from .diagnose import diagnose
from .encoding import Encoding
from .first_plan import first_plan
from .outcome import SolveOutcome, found
from .prechecks import find_impossibilities
from .pricing import price
from .search import SOLVED, Budget, SolveOptions, make_solver, run_search
from .window_encoding import WindowEncoding
from .wish_swaps import fewer_clashes

FIRST_STEP_WORK = 0.25
"""Deterministic seconds for a one-worker first step: AMJ 2010 is proven optimal in 0.08 of them,
FOSDEM 2025 in 0.04; a conference that needs more goes on to a portfolio, which is more robust than
one worker (the 1,000-talk synthetic conference after 30 s, seeds 0-2: one worker 125,733 / 65,414 /
66,056; four interleaved subsolvers 68,981 / 65,414 / 67,256; the known placement costs 79,592)."""

SMALL_MODEL_SHARE = 0.5
"""Of a run on breakout windows with soft tracks, the share the model where every track keeps to its
fewest rooms gets before the full model starts from its best schedule (from scratch, one worker found
no schedule at all of the full 1,000-talk synthetic conference in 30 s)."""

PORTFOLIO = 4
"""Interleaved subsolvers in the later steps. One worker has no large-neighbourhood search: on a
1,000-talk synthetic conference with seat costs it was 64% above the bound after 60 s, four
interleaved subsolvers (on 2 cores) 0.4% after 30 s."""

DIAGNOSED_BESIDE_COUNTING = 150
"""Talks up to which a conference on breakout windows that counting already shows impossible is also
diagnosed (the requirements in conflict and the single changes that help). Beyond, counting alone
answers: on 36C3's 624 imported events the diagnosis spent its whole 30 s budget without proving its
conflict irreducible, where counting named the cause in 0.3 s."""

WISH_BLIND_SHARE = 0.25
"""Of the run's wall time, the most the search without wishes may take before the one with them."""

KEPT_STEP_WORK = 2.0
"""Deterministic seconds for the step that keeps the wish-blind starts on labelled slots (rooms and
attendees' choices left to it): AMJ 2010 with 300 attendees x 5 wishes takes under one."""

WISH_SWAP_SHARE = 0.3
"""Of the run's wall time left, the most the swaps lowering wished talks' clashes may take."""

PORTFOLIO_WORK_PER_SECOND = 0.05
"""Deterministic seconds the interleaved portfolio does per wall second here (measured 0.04-0.06 on
FOSDEM and the synthetic conferences)."""


@dataclass
class Step:
    model: Encoding
    solver: cp_model.CpSolver
    status: cp_model.CpSolverStatus
    build_seconds: float
    solve_seconds: float
    searched: bool

    @property
    def solved(self) -> bool:
        return self.status in SOLVED

    @property
    def bound(self) -> float:
        """A lower bound on the cost of any schedule of its model (costs are never negative)."""
        return max(0.0, self.solver.best_objective_bound) if self.searched else 0.0


def solve(instance: Instance, options: SolveOptions = SolveOptions()) -> SolveOutcome:
    budget = Budget(options)
    impossibilities = find_impossibilities(instance)
    if impossibilities and instance.uses_windows and len(instance.talks) > DIAGNOSED_BESIDE_COUNTING:
        return SolveOutcome("infeasible", impossibilities=impossibilities)
    if impossibilities:
        return SolveOutcome("infeasible", impossibilities=impossibilities, diagnosis=diagnose(instance, budget))
    start_from = _without_wishes(instance, budget)
    steps = []
    if start_from is not None:
        # That start, taken as it is, is a schedule of the whole model at once; the search may improve on it.
        work = FIRST_STEP_WORK if instance.uses_windows else KEPT_STEP_WORK
        steps.append(_step(instance, budget, work=work, spare_parts=0, start_from=start_from, keep=True))
    if instance.uses_windows:
        steps += _window_steps(instance, budget, start_from)
    else:
        steps += _slot_steps(instance, budget, start_from)
    if steps and isinstance(steps[0].model, WindowEncoding) and steps[0].model.stage.unplaceable:
        return SolveOutcome("infeasible", impossibilities=list(steps[0].model.stage.unplaceable), **_timing(steps))
    outcome = _outcome(instance, steps, budget)
    if outcome.status == "unknown" and start_from is not None:
        return _from_the_start(instance, start_from, outcome) or outcome
    return outcome


def _from_the_start(instance: Instance, start_from: Schedule, searched: SolveOutcome) -> SolveOutcome | None:
    """The wish-blind start, priced with the wishes, when the searches that weigh them found
    nothing in their time (AMJ 2010 with 300 x 5 wishes and `--time-limit 3`; PyCon UK 2016 with
    200 x 6 at 5 s): a valid grid in hand is never reported as none."""
    cost = price(instance, start_from)
    if cost is None:
        return None
    return SolveOutcome(
        "feasible",
        schedule=start_from,
        objective=cost,
        best_bound=min(searched.best_bound or 0, cost),
        build_seconds=searched.build_seconds,
        solve_seconds=searched.solve_seconds,
    )


def _step(
    instance: Instance,
    budget: Budget,
    *,
    workers: int = 1,
    work: float | None = None,
    wall: float | None = None,
    spare_parts: int = 1,
    hint: Step | None = None,
    pack: bool = False,
    start_from: Schedule | None = None,
    keep: bool = False,
) -> Step:
    """One search. `pack`: with no schedule to start from, start from a first plan whose rooms come
    from a packing (see `first_plan`). `start_from`: a schedule to start from when no step gives one;
    with `keep`, every talk starts where it starts there (rooms stay free)."""
    started = time.perf_counter()
    model = build_model(instance, spare_parts=spare_parts)
    if keep and start_from is not None:
        model.keep_starts(start_from)
    if hint is not None and hint.solved:
        model.hint(hint.model.schedule(hint.solver))
    elif start_from is not None:
        model.hint(start_from)
    elif pack and (plan := first_plan(instance, budget)) is not None:
        model.hint(plan)
    built = time.perf_counter()
    rate = model.work_per_second if workers == 1 else PORTFOLIO_WORK_PER_SECOND
    solver = make_solver(
        model, budget, work=budget.work_left(rate) if work is None else work, workers=workers, wall=wall
    )
    unplaceable = isinstance(model, WindowEncoding) and model.stage.unplaceable
    searched = not (unplaceable or budget.spent)
    status = run_search(model, solver, budget) if searched else cp_model.UNKNOWN
    return Step(model, solver, status, built - started, time.perf_counter() - built, searched)


def _slot_steps(instance: Instance, budget: Budget, start_from: Schedule | None = None) -> list[Step]:
    """One search; with several workers, one worker first, since interleaved workers are slow to
    prove what one proves at once (AMJ 2010: 2.3 s with two, 0.2 s with one, measured here)."""
    workers = budget.options.workers
    if workers == 1:
        return [_step(instance, budget, start_from=start_from)]
    first = _step(instance, budget, work=FIRST_STEP_WORK, start_from=start_from)
    if first.status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
        return [first]
    return [first, _step(instance, budget, workers=workers, hint=first, start_from=start_from)]


def _without_wishes(instance: Instance, budget: Budget) -> Schedule | None:
    """With attendees' wishes: a start for the search that weighs them, found without them (wishes
    add no hard rule, so it is a schedule of that search's model too). Labelled slots: AMJ 2010 with
    300 attendees x 5 wishes found no schedule in 5 s from scratch (its first after 4 s of one
    worker), where without wishes it is proven optimal in 0.2 s. Breakout windows: every pair of
    wished talks adds a literal (48,000 for FOSDEM 2025 with 5,000 attendees of 10 wishes); without a
    start that search found no schedule in 30 s, and from one it found nothing better in the time
    left, so the start's clashes of wished talks are first lowered by swapping talks within their
    blocks (`wish_swaps`)."""
    if instance.attendee_wishes is None:
        return None
    blind = instance.model_copy(update={"attendee_wishes": None})
    share = Budget(replace(budget.options, time_limit=WISH_BLIND_SHARE * budget.wall_left))
    if not instance.uses_windows:
        best = _best(_slot_steps(blind, share))
        return best.model.schedule(best.solver) if best is not None else None
    best = _best(_window_steps(blind, share))
    if best is None:
        return None
    return fewer_clashes(instance, best.model.schedule(best.solver), WISH_SWAP_SHARE * budget.wall_left)


def _window_steps(instance: Instance, budget: Budget, start_from: Schedule | None = None) -> list[Step]:
    soft = any(track.room_rule == "soft" for track in instance.tracks)
    first = _step(instance, budget, work=FIRST_STEP_WORK, spare_parts=0, start_from=start_from)
    steps = [first]
    if first.model.stage.unplaceable or (first.status == cp_model.INFEASIBLE and not soft):  # type: ignore[attr-defined]
        return steps
    portfolio = max(budget.options.workers, PORTFOLIO)
    share = SMALL_MODEL_SHARE if soft else 1.0
    if first.status != cp_model.OPTIMAL and not budget.spent:
        # From scratch (or from the start wishes bring), unless the first step found nothing: then from
        # a first plan (rooms by a packing).
        wall = share * budget.wall_left
        work = PORTFOLIO_WORK_PER_SECOND * wall
        steps.append(
            _step(
                instance,
                budget,
                workers=portfolio,
                work=work,
                wall=wall,
                spare_parts=0,
                pack=not first.solved,
                start_from=start_from,
            )
        )
    if soft and not budget.spent:
        work = PORTFOLIO_WORK_PER_SECOND * budget.wall_left
        steps.append(_step(instance, budget, workers=portfolio, work=work, hint=_best(steps)))
        if all(step.status == cp_model.INFEASIBLE for step in steps) and not budget.spent:
            # One spare room a day was not enough: let soft tracks spread as far as their talks.
            many = max(len(instance.talks), 1)
            work = PORTFOLIO_WORK_PER_SECOND * budget.wall_left
            steps.append(_step(instance, budget, workers=portfolio, work=work, spare_parts=many))
    return steps


def _best(steps: list[Step]) -> Step | None:
    """The cheapest schedule found; between equals, the later step's (a fuller model's)."""
    solved = [step for step in steps if step.solved]
    return min(reversed(solved), key=lambda step: step.solver.objective_value) if solved else None


class Timing(TypedDict):
    build_seconds: float
    solve_seconds: float


def _timing(steps: list[Step]) -> Timing:
    return {
        "build_seconds": sum(step.build_seconds for step in steps),
        "solve_seconds": sum(step.solve_seconds for step in steps),
    }


def _outcome(instance: Instance, steps: list[Step], budget: Budget) -> SolveOutcome:
    """The best schedule of the steps; proven optimal only by the last, whose model is the full one."""
    last, best = steps[-1], _best(steps)
    if best is not None:
        return found(
            best.model,
            best.solver,
            proven=best is last and last.status == cp_model.OPTIMAL,
            bound=last.bound,
            **_timing(steps),
        )
    if last.status == cp_model.INFEASIBLE:
        return SolveOutcome("infeasible", diagnosis=diagnose(instance, budget), **_timing(steps))
    return SolveOutcome("unknown", **_timing(steps))

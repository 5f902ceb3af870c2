"""A good first schedule fast, for a search that has none to start from: rooms first, times second.

On breakout windows the whole model decides rooms and times at once, and where rooms are tight it can
search for a minute without finding any schedule (FOSDEM 2025 with its busiest Sunday room closed:
nothing in 60 s, one worker or four). Packing the parts into the rooms' free minutes is a small
problem; with those rooms fixed, placing the talks in time is FOSDEM's easy problem again. The
schedule found this way (if the packing leaves one) is a hint for the full search, never its answer.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from ..models import Instance, Schedule
from .build import build_model
from .encoding import LinearCost
from .search import SOLVED, Budget, make_solver, run_search

PACKING_SHARE = 0.1
"""Of the run's wall time left, the most the packing may take."""

FIXED_ROOMS_SHARE = 0.3
"""Of the run's wall time left, the most the search with rooms fixed may take."""


def first_plan(instance: Instance, budget: Budget, earlier: Schedule | None = None) -> Schedule | None:
    """A schedule with rooms from a packing; with `earlier`, the packing keeps as many of its rooms,
    and the placing keeps as many of its placements, as it can."""
    model = build_model(instance, spare_parts=0)
    prefer = model.earlier_rooms(earlier) if earlier is not None else None
    rooms = model.pack_rooms(PACKING_SHARE * budget.wall_left, budget.options.seed, prefer)
    if rooms is None:
        return None
    model.fix_rooms(rooms)
    if earlier is not None:
        places = {(p.talk, p.slot, p.room) for p in earlier.placements if p.slot in instance.slot_by_id}
        kept: LinearCost = sum(literal for place in sorted(places) for literal in model.at(*place))
        model.model.maximize(kept)
        model.hint(earlier)
    wall = FIXED_ROOMS_SHARE * budget.wall_left
    solver = make_solver(model, budget, work=wall * model.work_per_second, wall=wall)
    status = run_search(model, solver, budget)
    return model.schedule(solver) if status in SOLVED and status != cp_model.UNKNOWN else None

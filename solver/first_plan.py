"""A good first schedule fast, for a search that has none to start from: rooms first, times second.

Where seats have prices, the room plan is the cheapest packing of the parts' seats (a generalized
assignment), so the first schedule already pays about what the best one does for seats.

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
from .search import SOLVED, Budget, make_solver, run_search
from .soft_rules import seat_price

PACKING_SHARE = 0.1
"""Of the run's wall time left, the most the packing may take."""

FIXED_ROOMS_SHARE = 0.3
"""Of the run's wall time left, the most the search with rooms fixed may take."""

PLANS_TRIED = 20
"""Room plans asked of the packing before the first plan gives up; each refused one teaches it."""


def first_plan(instance: Instance, budget: Budget, earlier: Schedule | None = None) -> Schedule | None:
    """A schedule with rooms from a packing; with `earlier`, the packing keeps as many of its rooms,
    and the placing keeps as many of its placements, as it can. A room plan the full rules refuse is
    forbidden in the packing by the decisions that conflict (a core of the search's assumptions),
    and the packing asked again."""
    model = build_model(instance, spare_parts=0)
    weights = instance.weights
    prices = model.room_prices(lambda o, room: seat_price(weights, o.talk.expected_attendance, room.capacity))
    kept = model.earlier_rooms(earlier) if earlier is not None else {}
    # Rooms kept first (a re-plan's first rule), then seats: one kept talk outweighs any seat price.
    above_any_price = 1 + sum(prices.values())
    plans = model.room_packing({key: above_any_price * kept.get(key, 0) - prices[key] for key in prices})
    if plans is None:
        return None
    if earlier is not None:
        places = {(p.talk, p.slot, p.room) for p in earlier.placements if p.slot in instance.slot_by_id}
        model.model.maximize(sum(literal for place in sorted(places) for literal in model.at(*place)))
    for _ in range(PLANS_TRIED):
        rooms = plans.solve(PACKING_SHARE * budget.wall_left, budget.options.seed)
        if rooms is None or budget.spent:
            return None
        model.model.clear_assumptions()
        model.model.add_assumptions(model.room_assumptions(rooms))
        if earlier is not None:
            model.hint(earlier)
        wall = FIXED_ROOMS_SHARE * budget.wall_left
        solver = make_solver(model, budget, work=wall * model.work_per_second, wall=wall)
        status = run_search(model, solver, budget)
        if status in SOLVED:
            return model.schedule(solver)
        if status != cp_model.INFEASIBLE:
            return None
        plans.forbid(model.room_decisions(solver.sufficient_assumptions_for_infeasibility()))
    return None

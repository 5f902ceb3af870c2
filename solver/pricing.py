"""What a schedule costs under the model, when the search that found it left some cost too high.

An encoding may bound a cost variable from below only (`Encoding.costs_exact` is False): the
objective pushes it down to the rule's cost at the optimum, but a search stopped short of optimal
may return it higher, and the run would then report a cost the checker does not confirm. Pricing
again fixes every placement in a fresh model and minimises: nothing is left to choose but the cost
variables, which fall to their exact values.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from ..models import Instance, Schedule
from .build import build_model
from .encoding import Encoding
from .search import solve_stopped_by_ctrl_c

PRICING_SECONDS = 10.0
"""Wall limit of the pricing solve: AMJ 2010 is priced in about 0.02 s."""


def exact_objective(model: Encoding, schedule: Schedule, searched: int, *, proven: bool) -> int:
    """The cost of `schedule`, which a search of `model` found at `searched`: as searched when the
    search proved it optimal or the encoding's costs are exact, else priced again."""
    if proven or model.costs_exact:
        return searched
    priced = price(model.instance, schedule)
    # None here would mean the fixed schedule breaks the model or its pricing outlasted the limit:
    # keep the search's figure, which the checker then judges.
    return searched if priced is None else priced


def price(instance: Instance, schedule: Schedule) -> int | None:
    """What `schedule` costs under the model of `instance`, every placement fixed; None when the
    model refuses it (or is not settled within `PRICING_SECONDS`)."""
    fresh = build_model(instance, spare_parts=len(instance.talks))
    for placement in schedule.placements:
        fresh.model.add(sum(fresh.at(placement.talk, placement.slot, placement.room)) >= 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = PRICING_SECONDS
    # The shape's own tuning: with attendees' wishes on labelled slots, the default LP left AMJ
    # 2010 (300 attendees x 5 wishes, every placement fixed) unproven after 60 s; level 2, 0.3 s.
    fresh.tune(solver.parameters)
    status = solve_stopped_by_ctrl_c(solver, fresh.model)
    return round(solver.objective_value) if status == cp_model.OPTIMAL else None

"""Make a model's choices beyond the placements again, with the placements a search found held.

A model that chooses more than places (which occurrence each attendee goes to, `slot_attendance`)
prices a schedule by those choices; the independent checker prices it by the best ones. A search
proven optimal has made them best; one stopped short may not have, so they are made again here: the
placements fixed, the rest a small problem solved to optimality from the search's own solution.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ortools.sat.python import cp_model

SETTLE_WORK = 10.0
"""Deterministic seconds at most; the attendees' choices for fixed placements take a fraction of one."""


def settle(
    model: cp_model.CpModel,
    solver: cp_model.CpSolver,
    placements: Sequence[cp_model.IntVar],
    tune: Callable[[object], None],
) -> cp_model.CpSolver:
    """A solver of a copy of `model` with `placements` fixed as `solver` found them; `solver`
    itself if the copy could not be solved in time. It starts from the solution found, so it is
    never worse."""
    found = solver.response_proto.solution
    fixed = model.clone()
    fixed.clear_hints()
    for literal in placements:
        fixed.add(fixed.get_bool_var_from_proto_index(literal.index) == found[literal.index])
    for index, value in enumerate(found):
        fixed.add_hint(fixed.get_int_var_from_proto_index(index), value)
    settled = cp_model.CpSolver()
    settled.parameters.num_workers = 1
    settled.parameters.max_deterministic_time = SETTLE_WORK
    tune(settled.parameters)
    status = settled.solve(fixed)
    return settled if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else solver

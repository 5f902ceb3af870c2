"""Why is there no schedule? Find a smallest set of hard-rule families that cannot all hold.

Each family's constraints are enforced by one literal, solved under those literals as
assumptions; CP-SAT returns a sufficient subset, which is then shrunk one family at a time
until dropping any member makes the rest satisfiable.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from ..models import Instance
from .build import SolveOptions, build_model


def conflicting_rule_families(instance: Instance, options: SolveOptions) -> list[str]:
    """All solves together stay within `options.time_limit`; a set not shrunk in time says so."""
    built = build_model(instance, switchable=True, with_objective=False)
    switches = built.rules.switches
    deadline = time.perf_counter() + options.time_limit
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = options.seed
    solver.parameters.num_workers = 1  # cores of assumptions are only reported by a single worker

    def status_with(families: list[str]) -> int:
        built.model.clear_assumptions()
        built.model.add_assumptions([switches[f] for f in families])
        solver.parameters.max_time_in_seconds = max(0.01, deadline - time.perf_counter())
        return solver.solve(built.model)

    if status_with(sorted(switches)) != cp_model.INFEASIBLE:
        return ["The rules in conflict could not be narrowed down within the time limit."]
    by_index = {literal.index: family for family, literal in switches.items()}
    core = sorted(by_index[i] for i in solver.sufficient_assumptions_for_infeasibility())
    proven_minimal = True
    for family in list(core):
        status = status_with([f for f in core if f != family])
        if status == cp_model.INFEASIBLE:
            core.remove(family)
        elif status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            proven_minimal = False  # out of time: the family may or may not be needed
    if not core:
        return ["Not every occurrence can be placed: the grid has no breakout slot or room left for some talk."]
    listed = "; ".join(core)
    if not proven_minimal:
        return [f"These hard rules cannot all hold together: {listed}. (Not yet proven minimal within the time limit.)"]
    return [
        f"These hard rules cannot all hold together: {listed}. "
        "Dropping any one of them would make the rest satisfiable."
    ]

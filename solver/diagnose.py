"""Why is there no schedule? Find a smallest set of hard-rule families that cannot all hold.

Each family's constraints are enforced by one literal, solved under those literals as
assumptions; CP-SAT returns a sufficient subset, which is then shrunk one family at a time
until dropping any member makes the rest satisfiable.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from ..models import Instance
from .build import SolveOptions, build_model


def conflicting_rule_families(instance: Instance, options: SolveOptions) -> list[str]:
    built = build_model(instance, switchable=True, with_objective=False)
    switches = built.rules.switches
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = options.time_limit
    solver.parameters.random_seed = options.seed
    solver.parameters.num_workers = 1  # cores of assumptions are only reported by a single worker

    def infeasible_with(families: list[str]) -> bool:
        built.model.clear_assumptions()
        built.model.add_assumptions([switches[f] for f in families])
        return solver.solve(built.model) == cp_model.INFEASIBLE

    if not infeasible_with(sorted(switches)):
        return ["The rules in conflict could not be narrowed down within the time limit."]
    by_index = {literal.index: family for family, literal in switches.items()}
    core = sorted(by_index[i] for i in solver.sufficient_assumptions_for_infeasibility())
    for family in list(core):
        trial = [f for f in core if f != family]
        if infeasible_with(trial):
            core = trial
    if not core:
        return ["Not every occurrence can be placed: the grid has no breakout slot or room left for some talk."]
    listed = "; ".join(core)
    return [
        f"These hard rules cannot all hold together: {listed}. "
        "Dropping any one of them would make the rest satisfiable."
    ]

"""Why is there no schedule? A small set of the planner's own requirements that cannot all hold.

Every requirement (models.requirements) gets one literal in a switchable model, for either shape of
conference. Solving under all of them as assumptions, CP-SAT returns a sufficient subset
(`sufficient_assumptions_for_infeasibility`). Each member is then tried as a single relaxation of the
whole instance, by solving the instance without it; a member whose relaxation finds no schedule goes
through a deletion filter, which keeps it only if the rest of the set is satisfiable without it. The
set is then irreducible. All solves share the run's budget; what ran out of time is reported as not
proven, never as proven.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..models import Instance
from ..models.requirements import Requirement, relaxed
from .build import build_model
from .encoding import Encoding
from .search import SOLVED, Budget, make_solver, run_search


@dataclass(frozen=True)
class Diagnosis:
    conflict: tuple[Requirement, ...]
    """Requirements that cannot all hold together; empty when the grid alone is too small."""
    proven_irreducible: bool
    """True when dropping any one member was shown, by a solve, to make the rest satisfiable."""
    relaxations: tuple[Requirement, ...]
    """Members whose giving-up alone makes the whole instance schedulable, each shown by a solve."""
    relaxations_complete: bool
    """False when the time budget ran out before every member was tried as a relaxation."""


class _AssumptionSolver:
    """One switchable model, solved again and again under different sets of requirements."""

    def __init__(self, instance: Instance, budget: Budget) -> None:
        self.encoding: Encoding = build_model(instance, switchable=True, with_objective=False)
        self.switches = self.encoding.rules.switches
        self.requirement_at = {literal.index: requirement for requirement, literal in self.switches.items()}
        self.budget = budget
        self.solver: cp_model.CpSolver | None = None

    def status_with(self, requirements: list[Requirement]) -> cp_model.CpSolverStatus:
        """Requirements left out are free: the solver may give them up."""
        if self.budget.spent:
            return cp_model.UNKNOWN
        model = self.encoding.model
        model.clear_assumptions()
        model.add_assumptions([self.switches[r] for r in requirements])
        # Cores of assumptions are only reported by a single worker.
        self.solver = make_solver(self.encoding, self.budget, work=self.budget.work_left(self.encoding.work_per_second))
        return run_search(self.encoding, self.solver, self.budget)

    def core(self) -> list[Requirement]:
        """After an infeasible solve: the requirements CP-SAT found sufficient for it."""
        assert self.solver is not None
        return sorted(self.requirement_at[i] for i in self.solver.sufficient_assumptions_for_infeasibility())


def diagnose(instance: Instance, budget: Budget) -> Diagnosis | None:
    """None when even the full instance could not be shown infeasible within the time limit.

    Each member is first tried as a relaxation of the whole instance: a schedule without it keeps
    every other requirement, so it also shows that the rest of the set can hold without it (the
    member is needed). Only members whose relaxation finds no schedule go through the deletion
    filter on the switchable model, where every requirement outside the set is free."""
    solver = _AssumptionSolver(instance, budget)
    everything = sorted(solver.switches)
    if solver.status_with(everything) != cp_model.INFEASIBLE:
        return None
    conflict = solver.core()
    needed, relaxations, complete = set(), [], True
    for requirement in conflict:
        status = schedulable(relaxed(instance, requirement), budget)
        if status in SOLVED:
            relaxations.append(requirement)
            needed.add(requirement)
        elif status != cp_model.INFEASIBLE:
            complete = False
    proven = True
    for requirement in list(conflict):
        if requirement in needed or requirement not in conflict:
            continue  # shown needed by its relaxation, or already shrunk away with a smaller core
        status = solver.status_with([r for r in conflict if r != requirement])
        if status == cp_model.INFEASIBLE:
            smaller = set(solver.core())
            conflict = [r for r in conflict if r in smaller]
        elif status not in SOLVED:
            proven = False  # out of time: the requirement may or may not be needed
    kept = [r for r in relaxations if r in conflict]
    return Diagnosis(tuple(conflict), proven, tuple(kept), complete)


def schedulable(instance: Instance, budget: Budget) -> cp_model.CpSolverStatus:
    """Whether the instance has a schedule at all, by a search of its own normal model (no objective):
    with every other requirement in force, the model the planner's pins narrow is far smaller than the
    switchable one (on FOSDEM 2025, one search of seconds against one that did not end in 30 s)."""
    model = build_model(instance, with_objective=False)
    solver = make_solver(model, budget, work=budget.work_left(model.work_per_second))
    return run_search(model, solver, budget)

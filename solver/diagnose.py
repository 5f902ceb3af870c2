"""Why is there no schedule? A small set of the planner's own requirements that cannot all hold.

Every requirement (models.requirements) gets one literal in a switchable model. Solving under
all of them as assumptions, CP-SAT returns a sufficient subset (`sufficient_assumptions_for_
infeasibility`); a deletion filter then re-solves without each member in turn and keeps only
those whose removal makes the rest satisfiable, so the set is irreducible. Finally each member
is tried as a single relaxation of the whole instance. All solves share one time budget; what
ran out of time is reported as not proven, never as proven.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..models import Instance
from ..models.requirements import Requirement
from .build import SolveOptions, build_model
from .search import run_search

SATISFIABLE = (cp_model.OPTIMAL, cp_model.FEASIBLE)
"""Without an objective a satisfiable solve reports OPTIMAL; both mean a schedule exists."""


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

    def __init__(self, instance: Instance, options: SolveOptions) -> None:
        built = build_model(instance, switchable=True, with_objective=False)
        self.model = built.model
        self.switches = built.rules.switches
        self.requirement_at = {literal.index: requirement for requirement, literal in self.switches.items()}
        self.deadline = time.perf_counter() + options.time_limit
        self.solver = cp_model.CpSolver()
        self.solver.parameters.random_seed = options.seed
        self.solver.parameters.num_workers = 1  # cores of assumptions are only reported by a single worker

    def status_with(self, requirements: list[Requirement]) -> int:
        """Requirements left out are free: the solver may give them up."""
        remaining = self.deadline - time.perf_counter()
        if remaining <= 0:
            return cp_model.UNKNOWN
        self.model.clear_assumptions()
        self.model.add_assumptions([self.switches[r] for r in requirements])
        self.solver.parameters.max_time_in_seconds = remaining
        return run_search(self.solver, self.model)

    def core(self) -> list[Requirement]:
        """After an infeasible solve: the requirements CP-SAT found sufficient for it."""
        return sorted(self.requirement_at[i] for i in self.solver.sufficient_assumptions_for_infeasibility())


def diagnose(instance: Instance, options: SolveOptions) -> Diagnosis | None:
    """None when even the full instance could not be shown infeasible within the time limit."""
    solver = _AssumptionSolver(instance, options)
    everything = sorted(solver.switches)
    if solver.status_with(everything) != cp_model.INFEASIBLE:
        return None
    conflict = solver.core()
    proven = True
    for requirement in list(conflict):
        if requirement not in conflict:
            continue  # already shrunk away with a smaller core
        status = solver.status_with([r for r in conflict if r != requirement])
        if status == cp_model.INFEASIBLE:
            smaller = set(solver.core())
            conflict = [r for r in conflict if r in smaller]
        elif status not in SATISFIABLE:
            proven = False  # out of time: the requirement may or may not be needed
    relaxations, complete = [], True
    for requirement in conflict:
        status = solver.status_with([r for r in everything if r != requirement])
        if status in SATISFIABLE:
            relaxations.append(requirement)
        elif status != cp_model.INFEASIBLE:
            complete = False
    return Diagnosis(tuple(conflict), proven, tuple(relaxations), complete)

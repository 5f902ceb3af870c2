"""What a solve hands back, whichever shape of conference and whichever search produced it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

from ..models import Schedule
from .diagnose import Diagnosis
from .encoding import Encoding
from .pricing import exact_objective

Status = Literal["optimal", "feasible", "infeasible", "unknown"]


@dataclass(frozen=True)
class SolveOutcome:
    status: Status
    schedule: Schedule | None = None
    objective: int | None = None
    best_bound: int | None = None
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    impossibilities: list[str] = field(default_factory=list)
    """For an infeasible instance: what simple counting already shows, in plain words."""
    diagnosis: Diagnosis | None = None
    """For an infeasible instance: the requirements that cannot all hold, when found in time."""


def found(
    model: Encoding,
    solver: cp_model.CpSolver,
    *,
    proven: bool,
    bound: float | None = None,
    build_seconds: float = 0.0,
    solve_seconds: float = 0.0,
) -> SolveOutcome:
    """The schedule a search found; optimal when proven so, or when its cost meets the bound."""
    schedule = model.schedule(solver)
    at_optimum = solver.response_proto.status == cp_model.OPTIMAL
    objective = exact_objective(model, schedule, round(solver.objective_value), proven=at_optimum)
    best_bound = round(solver.best_objective_bound if bound is None else bound)
    return SolveOutcome(
        "optimal" if proven or objective <= best_bound else "feasible",
        schedule=schedule,
        objective=objective,
        best_bound=min(best_bound, objective),
        build_seconds=build_seconds,
        solve_seconds=solve_seconds,
    )

"""What a solve hands back, whichever model produced it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..models import Schedule
from .diagnose import Diagnosis

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

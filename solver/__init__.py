"""How a conference is placed: the CP-SAT model, its rules, and the solve."""

from .build import SolveOptions, build_model
from .prechecks import find_impossibilities
from .solve import SolveOutcome, extract_schedule, solve

__all__ = ["SolveOptions", "SolveOutcome", "build_model", "extract_schedule", "find_impossibilities", "solve"]

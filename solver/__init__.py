"""How a conference is placed: one engine for labelled slots and breakout windows, its rules, and the searches."""

from .build import build_model
from .outcome import SolveOutcome
from .prechecks import find_impossibilities
from .search import SolveOptions
from .solve import solve

__all__ = ["SolveOptions", "SolveOutcome", "build_model", "find_impossibilities", "solve"]

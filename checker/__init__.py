"""The independent checker: judges a schedule against its instance with no code shared with the solver.

It re-derives slot order, slot runs, the steps of breakout windows, rooms' opening hours and
clock overlaps itself, so the solver's encoding can be tested against it: a schedule the solver
returns must have no violations, and its objective must equal `score_schedule(...).total`.
"""

from .hard_rules import find_violations
from .soft_rules import score_schedule
from .verdicts import CostItem, RuleCost, SoftScore, Violation

__all__ = ["CostItem", "RuleCost", "SoftScore", "Violation", "find_violations", "score_schedule"]

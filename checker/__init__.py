"""The independent checker: judges a schedule against its instance with no code shared with the solver.

It re-derives slot order, slot runs, the steps of breakout windows, rooms' opening hours and
clock overlaps itself, so the solver's encoding can be tested against it: a schedule the solver
returns must have no violations, and its objective must equal `score_schedule(...).total`.
"""

from .attendees import AttendeeFigures, attendee_figures
from .hard_rules import find_violations
from .soft_rules import score_schedule, seat_gaps
from .verdicts import CostItem, RuleCost, SoftScore, Violation

__all__ = [
    "AttendeeFigures",
    "CostItem",
    "RuleCost",
    "SoftScore",
    "Violation",
    "attendee_figures",
    "find_violations",
    "score_schedule",
    "seat_gaps",
]

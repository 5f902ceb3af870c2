"""The CP-SAT model of an instance: the shape's variables, the hard rules, and the soft rules as objective."""

from __future__ import annotations

from ..models import Instance
from .encoding import Encoding
from .hard_rules import add_hard_rules
from .slot_encoding import SlotEncoding
from .soft_rules import add_soft_rules
from .window_encoding import WindowEncoding


def build_model(
    instance: Instance, *, switchable: bool = False, with_objective: bool = True, spare_parts: int = 1
) -> Encoding:
    """`switchable`: every constraint a planner's requirement stems from can be given up (diagnosis).
    `spare_parts`: on breakout windows, the rooms a soft track may take a day beyond its fewest."""
    model: Encoding = (
        WindowEncoding(instance, switchable, spare_parts)
        if instance.uses_windows
        else SlotEncoding(instance, switchable)
    )
    add_hard_rules(model)
    if with_objective:
        add_soft_rules(model)
        model.model.minimize(model.objective)
    return model

"""What a conference is: instance models, the schedule value, the YAML loader, and what-if scenarios."""

from .clock import Clock
from .errors import InputError, Problem
from .grid_csv import read_grid_csv
from .instance import (
    Audience,
    BreakoutSlot,
    BreakoutWindow,
    Conference,
    Day,
    FixedItem,
    Instance,
    NestedTalk,
    Pin,
    Room,
    Speaker,
    Talk,
    Track,
    Weights,
    Window,
    minutes,
)
from .loader import load_instance, parse_instance
from .scenario import Scenario, ScenarioSpec
from .scenario_apply import apply_scenario, load_scenario, parse_scenario
from .schedule import Placement, Schedule

__all__ = [
    "Audience",
    "BreakoutSlot",
    "BreakoutWindow",
    "Clock",
    "Conference",
    "Day",
    "FixedItem",
    "InputError",
    "Instance",
    "NestedTalk",
    "Pin",
    "Placement",
    "Problem",
    "Room",
    "Scenario",
    "ScenarioSpec",
    "Schedule",
    "Speaker",
    "Talk",
    "Track",
    "Weights",
    "Window",
    "apply_scenario",
    "load_instance",
    "load_scenario",
    "minutes",
    "parse_instance",
    "parse_scenario",
    "read_grid_csv",
]

"""What a conference is: instance models, the schedule value, and the YAML loader."""

from .errors import InputError, Problem
from .grid_csv import read_grid_csv
from .instance import (
    Audience,
    BreakoutSlot,
    Conference,
    Day,
    FixedItem,
    Instance,
    Pin,
    Room,
    Speaker,
    Talk,
    Weights,
    Window,
    minutes,
)
from .loader import load_instance, parse_instance
from .schedule import Placement, Schedule

__all__ = [
    "Audience",
    "BreakoutSlot",
    "Conference",
    "Day",
    "FixedItem",
    "InputError",
    "Instance",
    "Pin",
    "Placement",
    "Problem",
    "Room",
    "Schedule",
    "Speaker",
    "Talk",
    "Weights",
    "Window",
    "load_instance",
    "minutes",
    "parse_instance",
    "read_grid_csv",
]

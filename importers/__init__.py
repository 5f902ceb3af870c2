"""Importers: published programs in other tools' formats (frab/pentabarf XML, pretalx/frab JSON)
turned into an instance YAML file and the schedule they published.

`read_schedule` reads a file into a format-neutral `ImportedSchedule`; `convert` makes it an
`Instance` and a `Schedule` with every assumption noted; `instance_yaml` writes that as text.
"""

from .anchors import KeepRule
from .imported import ImportedEvent, ImportedSchedule
from .instance_yaml import instance_yaml
from .read import read_schedule
from .to_instance import Conversion, ImportFacts, ImportOptions, convert

__all__ = [
    "Conversion",
    "ImportFacts",
    "ImportOptions",
    "ImportedEvent",
    "ImportedSchedule",
    "KeepRule",
    "convert",
    "instance_yaml",
    "read_schedule",
]

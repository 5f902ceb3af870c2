"""Clock times of a conference day, which may run past midnight.

Evening-heavy conferences (a congress running to 03:00) file an event at 00:50 under the day it
belongs to, not the next date. A `Clock` is therefore minutes after the midnight that starts the
day an item is filed under: "25:30" is 01:30 on the next date. Overlaps between items are decided
on absolute time (the date plus these minutes), so a 25:30 on Friday and a 01:30 on Saturday are
the same moment.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

LATEST = 48 * 60 - 1
"""47:59: a day may run through the following night, never into a second one."""

_WRITTEN = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
"""ASCII digits only: other scripts' digits are not a time a planner typed on purpose."""


class Clock(int):
    """Minutes after the midnight that starts an item's day; formats as HH:MM, with HH >= 24 after midnight."""

    @property
    def hour(self) -> int:
        return self // 60

    @property
    def minute(self) -> int:
        return self % 60

    @property
    def after_midnight(self) -> bool:
        """True from 24:00: the clock of the next date is `self - 1440`."""
        return self >= 24 * 60

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    def __repr__(self) -> str:
        return f"Clock('{self}')"

    def __format__(self, spec: str) -> str:
        """`%H:%M` and `%H%M` as `datetime.time` formats them (hours past 23 kept), else as an int."""
        if spec in ("", "%H:%M"):
            return str(self)
        if spec == "%H%M":
            return f"{self.hour:02d}{self.minute:02d}"
        return int(self).__format__(spec)

    @classmethod
    def at(cls, minute: int) -> Clock:
        return cls(minute)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            parse_clock, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )


def parse_clock(value: object) -> Clock:
    """Accept `HH:MM` (and `HH:MM:SS` as spreadsheets write it) in 24-hour time, up to 47:59.

    YAML 1.2 reads `10:15` as a string; an int means the file was read as YAML 1.1
    sexagesimal, which we refuse rather than silently turn into 615 minutes.
    """
    if isinstance(value, Clock):
        return value
    if isinstance(value, dt.time):
        return Clock(value.hour * 60 + value.minute)
    if not isinstance(value, str):
        raise ValueError("expected a 24-hour time written as HH:MM, for example '14:15'")
    written = _WRITTEN.fullmatch(value.strip())
    if written is None:
        raise ValueError(f"'{value}' is not a 24-hour time written as HH:MM")
    hour, minute, second = int(written[1]), int(written[2]), int(written[3] or 0)
    if not (hour <= 47 and minute <= 59 and second == 0):
        raise ValueError(
            f"'{value}' is not a valid time (00:00 to 23:59, or up to 47:59 for the night after the day's date)"
        )
    return Clock(hour * 60 + minute)


def minutes(clock: int) -> int:
    """Minutes since the midnight that starts the day: the unit in which every overlap is decided."""
    return int(clock)


def moment(day: dt.date, clock: int) -> dt.datetime:
    """The naive local date and time a day's clock stands for (25:30 on the 16th is 01:30 on the 17th)."""
    return dt.datetime.combine(day, dt.time(0)) + dt.timedelta(minutes=int(clock))


def absolute_minute(day: dt.date, clock: int) -> int:
    """Minutes since 1 January of year 1: one axis on which items of different days compare."""
    return day.toordinal() * 24 * 60 + int(clock)

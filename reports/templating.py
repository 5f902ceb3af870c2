"""The one jinja2 environment every HTML report renders with."""

from __future__ import annotations

import zlib
from functools import cache

import jinja2
from amj_scheduler.models import Track

from .formatting import clock, day_title, time_range
from .layout import FixedRow


@cache
def template_environment() -> jinja2.Environment:
    """Autoescape is on for every template: titles and names come from planners' files, and a
    stray '<' or '&' must print as text, never become markup."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("amj_scheduler.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["day_title"] = lambda day: day_title(day.date, day.name)
    environment.filters["time_range"] = lambda item: time_range(item.start, item.end)
    environment.filters["clock"] = clock
    environment.filters["track_style"] = track_style
    environment.tests["fixed_row"] = lambda row: isinstance(row, FixedRow)
    return environment


def track_style(track: Track) -> str:
    """The CSS variables that colour a track: its own colour when the conference gives one, and
    a hue from its id either way (for the shades the page derives)."""
    style = f"--hue: {track_hue(track)}"
    return f"{style}; --track: {track.color}" if track.color else style


def track_hue(track: Track) -> int:
    """A colour hue (0-359) for the track, from its id: stable from run to run and machine to
    machine (unlike Python's salted `hash`), so the same schedule always publishes the same page."""
    return zlib.crc32(track.id.encode("utf-8")) % 360

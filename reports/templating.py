"""The one jinja2 environment every HTML report renders with."""

from __future__ import annotations

from functools import cache

import jinja2
from amj_scheduler.models import Instance, Track

from .colours import track_hue
from .formatting import clock, date_span, day_title, kind_name, time_range
from .layout import FixedRow
from .stamp import Stamp


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
    environment.filters["kind_name"] = kind_name
    environment.tests["fixed_row"] = lambda row: isinstance(row, FixedRow)
    return environment


def render_program_page(template: str, instance: Instance, stamp: Stamp, **context: object) -> str:
    """A published page of the program: every one names the conference, its dates and the stamp."""
    return (
        template_environment()
        .get_template(template)
        .render(
            conference=instance.conference,
            dates=date_span(day.date for day in instance.days),
            stamp=stamp,
            **context,
        )
    )


def track_style(track: Track) -> str:
    """The CSS variables that colour a track: its own colour when the conference gives one, and
    a hue from its id either way (for the shades the page derives)."""
    style = f"--hue: {track_hue(track)}"
    return f"{style}; --track: {track.color}" if track.color else style

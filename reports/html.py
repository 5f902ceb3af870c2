"""`grid.html`: the published grid as one self-contained, printable page."""

from __future__ import annotations

from functools import cache

import jinja2

from amj_scheduler.models import Instance, Schedule

from .formatting import date_span, day_title, time_range
from .layout import FixedRow, day_grids


@cache
def _environment() -> jinja2.Environment:
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
    environment.tests["fixed_row"] = lambda row: isinstance(row, FixedRow)
    return environment


def render_html(instance: Instance, schedule: Schedule, *, subtitle: str = "") -> str:
    """The whole page as text: inline CSS, no scripts, no external assets."""
    return _environment().get_template("grid.html.j2").render(
        conference=instance.conference,
        dates=date_span(day.date for day in instance.days),
        subtitle=subtitle,
        days=day_grids(instance, schedule),
    )

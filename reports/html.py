"""`grid.html`: the published grid as one self-contained, printable page."""

from __future__ import annotations

from amj_scheduler.models import Instance, Schedule

from .formatting import date_span
from .layout import day_grids
from .templating import template_environment
from .timeline_html import render_timeline_html


def render_html(instance: Instance, schedule: Schedule, *, subtitle: str = "") -> str:
    """The whole page as text: inline CSS, no scripts, no external assets. A conference on
    breakout windows gets a timeline per day instead of a row per labelled slot."""
    if instance.uses_windows:
        return render_timeline_html(instance, schedule, subtitle=subtitle)
    return (
        template_environment()
        .get_template("grid.html.j2")
        .render(
            conference=instance.conference,
            dates=date_span(day.date for day in instance.days),
            subtitle=subtitle,
            days=day_grids(instance, schedule),
        )
    )

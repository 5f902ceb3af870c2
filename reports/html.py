"""`grid.html`: the published grid as one self-contained page for screens, phones and paper."""

from __future__ import annotations

from amj_scheduler.models import Instance, Schedule

from .layout import day_grids
from .stamp import Stamp
from .templating import render_program_page
from .timeline_html import render_timeline_html

ROOM_REM = 7.5
"""The least width a room column reads well at (its longest words, 14 px bold, and padding)."""
TIME_REM = 8.0


def render_html(instance: Instance, schedule: Schedule, stamp: Stamp, *, subtitle: str = "") -> str:
    """The whole page as text: inline CSS, no scripts, no external assets. A conference on
    breakout windows gets a timeline per day instead of a row per labelled slot.

    Below the width its rooms need, a day's grid is stacked by time (each slot a heading, its
    talks listed with their rooms); printed, each day takes a landscape page headed with the
    conference, the day and the stamp."""
    if instance.uses_windows:
        return render_timeline_html(instance, schedule, stamp, subtitle=subtitle)
    days = day_grids(instance, schedule)
    rooms = max((len(day.rooms) for day in days), default=1)
    stack_below = f"{TIME_REM + ROOM_REM * rooms:g}"
    return render_program_page("grid.html.j2", instance, stamp, subtitle=subtitle, days=days, stack_below=stack_below)

"""The published grid in a terminal: per day, time down and breakout rooms across.

rich tables have no column spans, so a day is drawn as a stack of one-row tables on one
column plan, computed here from the console width: slot rows have a column per room, fixed
items one column as wide as all the rooms together, and the lines drawn between the rows
put junctions exactly where the column borders above and below meet.

When the rooms would get columns too narrow to read (eight rooms at 100 characters), each
slot row lists its rooms down instead of across, inside the full-width column.
"""

from __future__ import annotations

from amj_scheduler.models import Instance, Schedule
from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .formatting import date_span, day_title, time_range
from .layout import Booking, DayGrid, FixedRow, SlotRow, day_grids
from .terminal_styles import AUDIENCE_STYLE, BORDER_STYLE, DAY_RULE_STYLE, FIXED_STYLE, REPEAT_STYLE
from .timeline_terminal import render_room_days

TIME_WIDTH = 11
"""Fits '09:30–10:30'; a longer slot label folds onto another line."""

PADDING = 1
"""Blank columns each side of a cell's text."""

MIN_ROOM_WIDTH = 12
"""Narrower room columns fold most words mid-way; below this the rooms are listed down."""


def render_grid(console: Console, instance: Instance, schedule: Schedule) -> None:
    """Print the conference heading, then each day's grid, sized to the console's width
    (on breakout windows, each day's rooms with their tracks instead)."""
    conference = instance.conference
    heading = Text(conference.name, style="bold")
    heading.append(f"\n{conference.venue} · {date_span(day.date for day in instance.days)}", style="dim")
    console.print(heading)
    if instance.uses_windows:
        render_room_days(console, instance, schedule)  # hundreds of talks: a row per room and track
        return
    for day in day_grids(instance, schedule):
        console.print()
        console.print(Rule(Text(day_title(day.date, day.name), style="bold"), align="left", style=DAY_RULE_STYLE))
        console.print(_DayTable(day) if day.rows else Text("Nothing scheduled.", style="dim"))


class _DayTable:
    """One day's grid. It is laid out at render time, when the width to fill is known."""

    def __init__(self, day: DayGrid) -> None:
        self.day = day

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rooms = self.day.rooms
        # Every column takes its text width plus padding; a divider sits between columns.
        span = options.max_width - TIME_WIDTH - 2 * PADDING - 1 - 2 * PADDING
        widths = _shares(span - (2 * PADDING + 1) * (len(rooms) - 1), len(rooms)) if rooms else []
        across = bool(widths) and min(widths) >= MIN_ROOM_WIDTH
        if not across:
            widths = [span]

        above: bool | None = None
        """What the row above has: room dividers (True), one full-width column (False), nothing (None)."""
        if across:
            yield _row_table(widths, Text("Time", style="bold"), [Text(room.name, style="bold") for room in rooms])
            above = True
        for row in self.day.rows:
            below = across and isinstance(row, SlotRow)
            if above is not None:
                yield _separator(widths, above, below)
            if isinstance(row, FixedRow):
                yield _fixed_row(span, row)
            else:
                yield _slot_row(widths, row) if across else _stacked_slot_row(span, row, self.day)
            above = below
        yield _separator(widths, above, None)


def _shares(total: int, parts: int) -> list[int]:
    """`total` columns split as evenly as whole characters allow (at least one each)."""
    base, extra = divmod(max(total, parts), parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def _row_table(widths: list[int], first: RenderableType, cells: list[RenderableType], style: str = "") -> Table:
    table = Table(box=box.MINIMAL, show_header=False, show_edge=False, padding=(0, PADDING), border_style=BORDER_STYLE)
    table.add_column(width=TIME_WIDTH, overflow="fold")
    for width in widths:
        table.add_column(width=width, overflow="fold")
    table.add_row(first, *cells, style=style)
    return table


def _separator(widths: list[int], above: bool | None, below: bool | None) -> Text:
    """A horizontal line whose junctions match the dividers of the rows above and below it.

    `above`/`below`: True for a row with room dividers, False for one full-width column,
    None for no row (the bottom of the day).
    """
    line = "─" * (TIME_WIDTH + 2 * PADDING) + ("┼" if below is not None else "┴")
    room_junction = {(True, True): "┼", (True, False): "┴", (False, True): "┬"}.get((bool(above), bool(below)), "─")
    line += room_junction.join("─" * (width + 2 * PADDING) for width in widths)
    return Text(line, style=BORDER_STYLE, no_wrap=True)


def _when(row: SlotRow) -> Text:
    when = Text(time_range(row.slot.start, row.slot.end), style="bold")
    when.append(f"\n{row.slot.label}", style="dim")
    return when


def _slot_row(widths: list[int], row: SlotRow) -> Table:
    return _row_table(widths, _when(row), [_cell(bookings) for bookings in row.cells])


def _stacked_slot_row(span: int, row: SlotRow, day: DayGrid) -> Table:
    """The narrow-console form of a slot row: one line per room that holds a talk."""
    listing = Table.grid(padding=(0, 2, 0, 0))
    listing.add_column(style="bold", max_width=max(span // 3, 1), overflow="fold")
    listing.add_column(overflow="fold")
    for room, bookings in zip(day.rooms, row.cells, strict=True):
        if bookings:
            listing.add_row(room.name, _cell(bookings))
    return _row_table([span], _when(row), [listing])


def _cell(bookings: tuple[Booking, ...]) -> Text:
    text = Text()
    for booking in bookings:
        if text:
            text.append("\n\n")
        entry = booking.entry
        if booking.continued:
            text.append(f"↳ {entry.title} (continued)", style="dim italic")
            continue
        text.append(entry.title, style="bold")
        if entry.speakers:
            text.append("\n" + "; ".join(entry.speakers), style="italic")
        if entry.repeat_mark:
            text.append("\n" + entry.repeat_mark, style=REPEAT_STYLE)
        if entry.audience_mark:
            text.append("\n" + entry.audience_mark, style=AUDIENCE_STYLE)
    return text


def _fixed_row(span: int, row: FixedRow) -> Table:
    entry = row.entry
    what = Text(entry.title, style="bold")
    if entry.room_name:
        what.append(f" · {entry.room_name}")
    if entry.speakers:
        what.append(" · " + "; ".join(entry.speakers), style="italic")
    return _row_table([span], Text(time_range(entry.start, entry.end), style="bold"), [what], style=FIXED_STYLE)

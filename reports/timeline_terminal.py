"""A conference on breakout windows in the terminal: per day, one row per room with its tracks.

Printing FOSDEM's 900 talks one by one would scroll past any screen, so the terminal shows
what a planner checks at a glance (which track sits in which room, from when to when, with
how many talks) and leaves the talk-by-talk grid to `grid.csv` and `grid.html`.

A room's blocks share one line while they fit the console; otherwise each further block
starts a line of its own, so a line never breaks in the middle of a block unless that one
block is wider than the whole column.
"""

from __future__ import annotations

from amj_scheduler.models import Instance, Schedule
from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .formatting import day_title, time_range
from .program import ProgramEntry
from .terminal_styles import AUDIENCE_STYLE, BORDER_STYLE, DAY_RULE_STYLE, FIXED_STYLE, REPEAT_STYLE
from .timeline_layout import DayLanes, TrackBlock, day_lanes

PADDING = 1
"""Blank columns each side of a cell's text, as in the slot grid."""
ROOM_SHARE = 4
"""The room column takes at most a quarter of the console: the blocks need the room."""
MIN_ROOM_WIDTH = 8
SEPARATOR = " · "
VENUE_LABEL = "All rooms"

FOOTER = "One row per room and track here; grid.csv and grid.html list every talk with its time, room and speakers."


def render_room_days(console: Console, instance: Instance, schedule: Schedule) -> None:
    """Each day's rule and room table, then the footer that points at the full grid."""
    for day in day_lanes(instance, schedule):
        console.print()
        console.print(Rule(Text(day_title(day.date, day.name), style="bold"), align="left", style=DAY_RULE_STYLE))
        if day.is_empty:
            console.print(Text("Nothing scheduled.", style="dim"))
            continue
        console.print(_day_figures(day))
        console.print(_RoomTable(day))
    console.print()
    console.print(Text(FOOTER, style="dim"))


def _day_figures(day: DayLanes) -> Text:
    rooms = len(day.lanes)
    talks = day.talk_count
    return Text(f"{rooms} room{'s' * (rooms != 1)} · {talks} talk{'s' * (talks != 1)}", style="dim")


class _RoomTable:
    """One day's rooms. It is laid out at render time, when the width to fill is known."""

    def __init__(self, day: DayLanes) -> None:
        self.day = day

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        names = [lane.room.name for lane in self.day.lanes] + ([VENUE_LABEL] if self.day.venue_items else [])
        widest = max(Text(name).cell_len for name in names)
        room_width = min(widest, max(options.max_width // ROOM_SHARE, MIN_ROOM_WIDTH))
        program_width = max(options.max_width - room_width - 4 * PADDING - 1, 1)

        table = Table(
            box=box.MINIMAL,
            show_edge=False,
            padding=(0, PADDING),
            border_style=BORDER_STYLE,
        )
        table.add_column(Text("Room", style="bold"), width=room_width, overflow="fold")
        table.add_column(Text("Tracks and talks", style="bold"), width=program_width, overflow="fold")
        if self.day.venue_items:
            items = [_single(entry) for entry in self.day.venue_items]
            table.add_row(Text(VENUE_LABEL, style="dim"), _packed(items, program_width), style=FIXED_STYLE)
        for lane in self.day.lanes:
            table.add_row(Text(lane.room.name, style="bold"), _packed([_block(b) for b in lane.blocks], program_width))
        yield table


def _packed(pieces: list[Text], width: int) -> Text:
    """The pieces joined by ' · ' while a line has room, else from the start of a new line."""
    packed = Text()
    line_length = 0
    for piece in pieces:
        if line_length and line_length + len(SEPARATOR) + piece.cell_len <= width:
            packed.append(SEPARATOR, style="dim")
            line_length += len(SEPARATOR)
        elif line_length:
            packed.append("\n")
            line_length = 0
        packed.append_text(piece)
        line_length += piece.cell_len
    return packed


def _block(block: TrackBlock) -> Text:
    if block.track is None:
        return _single(block.entries[0])
    count = block.talk_count
    text = Text(time_range(block.start, block.end), style="bold")
    text.append(f" {block.track.name}")
    text.append(f" ({count} talk{'s' * (count != 1)})", style="dim")
    if block.audience_mark:
        text.append(f" {block.audience_mark}", style=AUDIENCE_STYLE)
    return text


def _single(entry: ProgramEntry) -> Text:
    """A talk without a track or a fixed item, by its own title."""
    text = Text(time_range(entry.start, entry.end), style="bold")
    text.append(f" {entry.title}", style="italic" if entry.kind != "talk" else "")
    if entry.repeat_mark:
        text.append(f" {entry.repeat_mark}", style=REPEAT_STYLE)
    if entry.audience_mark:
        text.append(f" {entry.audience_mark}", style=AUDIENCE_STYLE)
    return text

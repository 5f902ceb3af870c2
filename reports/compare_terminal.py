"""A comparison in the terminal: the key figures, what each alternative is, and the placements that differ.

Every text goes through rich `Text`, never markup, since titles and names come from planners'
files. The layout follows the console width: when the alternatives' names do not fit as
column headers they become letters keyed in the legend, and when the differing placements
cannot sit side by side they are listed down, one alternative per line.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .compare_figures import FigureRow, comparison_figures, figure_rows
from .comparison import (
    AlignedOccurrence,
    Alternative,
    comparable,
    differing_occurrences,
    no_differences_text,
    talk_changes,
)
from .formatting import date_span
from .terminal_styles import BEST_STYLE, CHANGED_STYLE

CHANGED_MARK = "* "
"""Marks a changed cell in words too, for output that is not a terminal and loses the colour."""

LABEL_MIN_WIDTH = 20
"""The figure labels fold down to this; below it the names give way to letters."""
TITLE_MIN_WIDTH = 20
"""Titles fold down to this when the placements sit side by side; with less room they are listed down."""
OCCURRENCE_WIDTH = len("occ.")
COLUMN_GAP = 3
"""Between two columns: a blank of padding each side and box.SIMPLE_HEAD's blank divider."""


def render_comparison(console: Console, alternatives: Sequence[Alternative]) -> None:
    """Print the heading, the key figures (best of each row emphasised), the legend of origins,
    then the placements that differ from the first alternative, sized to the console's width."""
    alternatives = comparable(alternatives)
    width = console.width
    rows = figure_rows(comparison_figures(alternatives))
    keys = _column_keys(alternatives, rows, width)
    console.print(_heading(alternatives))
    console.print()
    console.print(_figures_table(keys, rows))
    console.print()
    console.print(_legend(alternatives, keys))
    console.print()
    differing = differing_occurrences(alternatives)
    if not differing:
        console.print(Text(no_differences_text(len(alternatives)), style="bold"))
        return
    console.print(Text(f"Placements that differ ({len(differing)})", style="bold"))
    widths = _where_widths(keys, differing)
    across = _table_width([TITLE_MIN_WIDTH, OCCURRENCE_WIDTH, *widths]) <= width
    if across:
        console.print(_differences_across(keys, widths, differing, width))
    else:
        console.print(_differences_down(keys, differing))
    reference = Text(f"{CHANGED_MARK.strip()} placed otherwise than in ", style="dim")
    reference.append(alternatives[0].name, style="dim bold")
    console.print(reference)


def _heading(alternatives: tuple[Alternative, ...]) -> Text:
    instance = alternatives[0].instance
    count = len(alternatives)
    heading = Text()
    heading.append(instance.conference.name, style="bold")
    heading.append(f" · {count} schedule{'s' if count != 1 else ''} compared")
    heading.append(f"\n{instance.conference.venue} · {date_span(day.date for day in instance.days)}", style="dim")
    return heading


def _column_keys(alternatives: tuple[Alternative, ...], rows: list[FigureRow], width: int) -> list[str]:
    """The alternatives' names as column headers if the figures fit beside them, else A, B, C, ..."""
    label = min(LABEL_MIN_WIDTH, max(len(row.label) for row in rows))
    columns = [
        max(len(alternative.name), *(len(row.cells[index]) for row in rows))
        for index, alternative in enumerate(alternatives)
    ]
    if _table_width([label, *columns]) <= width:
        return [alternative.name for alternative in alternatives]
    return [string.ascii_uppercase[index] if index < 26 else str(index + 1) for index in range(len(alternatives))]


def _table_width(columns: list[int]) -> int:
    """The width of a table (no edges, no edge padding) whose columns hold text this wide."""
    return sum(columns) + COLUMN_GAP * (len(columns) - 1)


def _figures_table(keys: list[str], rows: list[FigureRow]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False)
    table.add_column(Text("Key figures"), overflow="fold")
    for key in keys:
        table.add_column(Text(key), justify="right", overflow="fold")
    for row in rows:
        label = Padding(Text(row.label, style="dim"), (0, 0, 0, 2)) if row.soft_rule else Text(row.label)
        table.add_row(
            label,
            *(Text(cell, style=BEST_STYLE if best else "") for cell, best in zip(row.cells, row.best, strict=False)),
        )
    return table


def _legend(alternatives: tuple[Alternative, ...], keys: list[str]) -> Table:
    """Each alternative's origin line, the talks it adds or drops, and its letter when letters head the columns."""
    legend = Table.grid(padding=(0, 2, 0, 0))
    legend.add_column(style="bold", overflow="fold")
    legend.add_column(overflow="fold")
    for index, (alternative, key) in enumerate(zip(alternatives, keys, strict=False)):
        line = Text()
        if key != alternative.name:
            line.append(alternative.name, style="bold")
            line.append(": ")
        line.append(alternative.origin)
        if index == 0:
            line.append(" (the reference)", style="dim")
        elif changes := talk_changes(alternatives[0], alternative).text:
            line.append(f"; {changes}", style="italic")
        legend.add_row(Text(key), line)
    return legend


def _where(row: AlignedOccurrence, index: int) -> Text:
    place = row.places[index]
    if place is None:
        return Text("")
    if index and row.changed(index):
        return Text(CHANGED_MARK + place.where, style=CHANGED_STYLE)
    return Text(place.where)


def _where_widths(keys: list[str], differing: list[AlignedOccurrence]) -> list[int]:
    """Each alternative's column at the width of its longest cell: a place is read at a glance only on one line."""
    return [max(len(key), *(len(_where(row, index)) for row in differing)) for index, key in enumerate(keys)]


def _differences_across(keys: list[str], widths: list[int], differing: list[AlignedOccurrence], width: int) -> Table:
    """The places keep their line, the across test having made room for them; titles take the rest and fold."""
    rest = width - _table_width([OCCURRENCE_WIDTH, *widths]) - COLUMN_GAP
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False)
    table.add_column(Text("talk"), overflow="fold", width=min(rest, max(len(row.title) for row in differing)))
    table.add_column(Text("occ."), justify="right", no_wrap=True)
    for key, width in zip(keys, widths, strict=False):
        table.add_column(Text(key), no_wrap=True, min_width=width)
    for row in differing:
        table.add_row(Text(row.title), Text(str(row.occurrence)), *(_where(row, index) for index in range(len(keys))))
    return table


def _differences_down(keys: list[str], differing: list[AlignedOccurrence]) -> Table:
    """The narrow form: each differing occurrence, then one line per alternative (blank where it is not placed)."""
    listing = Table.grid()
    listing.add_column(overflow="fold")
    for row in differing:
        places = Table.grid(padding=(0, 2, 0, 0))
        places.add_column(style="bold", overflow="fold")
        places.add_column(overflow="fold")
        for index, key in enumerate(keys):
            places.add_row(Text(key), _where(row, index))
        listing.add_row(Text(f"{row.title} · occurrence {row.occurrence}"))
        listing.add_row(Padding(places, (0, 0, 0, 2)))
    return listing

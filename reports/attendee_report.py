"""What a grid lets attendees see, in the terminal: the same lines after a solve, a check and an explanation.

The figures are the checker's (`checker.attendee_figures`): the best each attendee can do on the
grid, worked out exactly from the grid and the wish file, with the best occurrence of each repeated
talk and one thing at a time.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..checker import AttendeeFigures
from ..models.names import visible

CLASHES_SHOWN = 5


def render_attendees(console: Console, figures: AttendeeFigures | None, *, detailed: bool = True) -> None:
    """Nothing when the instance has no wishes; the first line alone unless `detailed`."""
    if figures is None:
        return
    source = visible(figures.source)  # a file's name, never a control sequence
    console.print(Text.assemble(("Attendees", "bold"), f" ({source}): ", attendee_summary(figures)))
    if not detailed:
        return
    console.print(Text(f"  missed wishes per attendee: {missing_text(figures)}"), soft_wrap=True)
    if not figures.clashes:
        console.print(Text("  Nobody misses a wished talk for another they see."))
        return
    table = Table(title=None, show_header=True, box=None, padding=(0, 1, 0, 2))
    table.add_column("attendees", justify="right")
    table.add_column("miss one of these two wished talks: each chance to see it is taken by the other", overflow="fold")
    for clash in figures.clashes[:CLASHES_SHOWN]:
        first, second = clash.titles
        table.add_row(f"{clash.attendees:,}", Text(f"'{first}' and '{second}'"))
    console.print(table)
    more = len(figures.clashes) - CLASHES_SHOWN
    if more > 0:
        console.print(
            Text(f"  and {more:,} more pair{'s' if more != 1 else ''} of wished talks that clash", style="dim")
        )


def attendee_summary(figures: AttendeeFigures) -> str:
    """ "300 attendees, 1,500 wishes: 1,200 can be seen (80.0%); 0 attendees can see all theirs"."""
    share = 100 * figures.seen / figures.wishes if figures.wishes else 100.0
    return (
        f"{_count(figures.attendees, 'attendee')}, {_count(figures.wishes, 'wish', 'wishes')}: "
        f"{figures.seen:,} can be seen ({share:.1f}%); {_count(figures.see_all, 'attendee')} can see all theirs."
    )


def _count(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def missing_text(figures: AttendeeFigures) -> str:
    """ "none 120 · 1: 150 · 2: 30": attendees by how many of their wishes they cannot see."""
    return " · ".join(
        f"{'none' if missed == 0 else missed}: {count:,}" for missed, count in sorted(figures.missing.items())
    )

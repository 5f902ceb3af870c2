"""One day of a conference on breakout windows as an HTML table: a column per room, a row per
step of the grid (5 minutes at FOSDEM), and each talk one cell spanning the rows it runs.

A row's height then follows the clock, so a 50-minute talk stands ten times as tall as a
lightning talk and the rooms line up by time across the page. Steps in which no room holds
anything are folded into one short gap row: a lunch hour must not cost a screen of blank rows.

HTML tables leave out of a row the columns that a cell from above still spans, so a row here
lists only the cells that begin on it, in room order.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import NamedTuple

from amj_scheduler.models import Instance, Room, Track, minutes

from ..models.clock import Clock
from .program import ProgramEntry
from .timeline_layout import DayLanes, RoomLane, track_of

QUARTER = 15
"""The time column prints a clock on every quarter hour; other steps stay blank to keep it calm."""


@dataclass(frozen=True)
class Cell:
    """A room's cell: its entries (none for an idle stretch) over `rows` consecutive rows.

    Entries overlap only in an unchecked schedule that double-books a room: they then share
    one cell, so that the page shows both rather than silently one.
    """

    rows: int
    column: int
    """Its room's place among the table's rooms: a phone lists the day room by room in this order."""
    entries: tuple[ProgramEntry, ...] = ()
    track: Track | None = None
    """The track the cell's talks belong to, which gives it its colour."""
    opens_block: bool = False
    """The first cell of its track's block in this room: it names the track."""

    @property
    def kind(self) -> str:
        """How the page draws it: 'idle', 'fixed' (a fixed item), 'held' (talks of one track,
        in its colour) or 'untracked' (a talk without a track, or talks of several)."""
        if not self.entries:
            return "idle"
        if self.entries[0].kind != "talk":
            return "fixed"
        return "held" if self.track else "untracked"


@dataclass(frozen=True)
class TimelineRow:
    start: Clock
    end: Clock
    gap: bool
    """A folded run of steps in which no room holds anything: the row is one cell across."""
    cells: tuple[Cell, ...]

    @property
    def clock_shown(self) -> bool:
        return not self.gap and self.start.minute % QUARTER == 0

    @property
    def on_the_hour(self) -> bool:
        return self.start.minute == 0


@dataclass(frozen=True)
class DayTable:
    rooms: tuple[Room, ...]
    rows: tuple[TimelineRow, ...]


def day_table(instance: Instance, day: DayLanes) -> DayTable:
    """The day's table; no rows when no room holds anything (the day has only venue items)."""
    rows = _rows(instance.step_minutes, day.lanes)
    # Each entry starts a row, and ends where a row starts or where the day's last row ends.
    index = {row.start: position for position, row in enumerate(rows)} | ({rows[-1].end: len(rows)} if rows else {})
    starting: dict[int, list[Cell]] = {position: [] for position in range(len(rows))}
    for column, lane in enumerate(day.lanes):
        for position, cell in _lane_cells(instance, lane, column, rows, index):
            starting[position].append(cell)
    return DayTable(
        rooms=tuple(lane.room for lane in day.lanes),
        rows=tuple(
            TimelineRow(_clock(row.start), _clock(row.end), row.gap, tuple(starting[position]))
            for position, row in enumerate(rows)
        ),
    )


class _Row(NamedTuple):
    start: int
    end: int
    gap: bool


def _rows(step: int, lanes: tuple[RoomLane, ...]) -> list[_Row]:
    """The step grid from the day's first start to its last end, cut also wherever an entry
    starts or ends between two steps (a fixed item at 10:32), so that every entry fills whole
    rows; then each run of steps in which no room holds anything folded into one gap row.

    The grid is not rounded out beyond the entries: a fixed item ending at 23:58 must not
    make a row that ends at 24:00, which no clock time can hold."""
    spans = [_span(entry) for lane in lanes for entry in lane.entries]
    if not spans:
        return []
    edges = {minute for span in spans for minute in span}
    first_step = -(-min(edges) // step) * step
    cuts = sorted(edges | set(range(first_step, max(edges), step)))
    busy = [False] * (len(cuts) - 1)
    for start, end in spans:
        for position in range(bisect.bisect_left(cuts, start), bisect.bisect_left(cuts, end)):
            busy[position] = True
    rows: list[_Row] = []
    for start, end, used in zip(cuts, cuts[1:], busy, strict=False):
        if not used and rows and rows[-1].gap:
            rows[-1] = rows[-1]._replace(end=end)
        else:
            rows.append(_Row(start, end, not used))
    return rows


def _lane_cells(
    instance: Instance, lane: RoomLane, column: int, rows: list[_Row], index: dict[int, int]
) -> list[tuple[int, Cell]]:
    """(row position, cell) for one room: a cell per entry (or per set of overlapping ones), and
    idle cells between them that stop at gap rows, which span every room, and at each full
    hour, so that the page can draw the hour's line across the room."""
    cells: list[tuple[int, Cell]] = []
    taken = [False] * len(rows)
    for cluster in _clusters(lane):
        first, last = index[cluster.start], index[cluster.end]
        tracks = {track_of(instance, entry) for entry in cluster.entries}
        track = tracks.pop() if len(tracks) == 1 else None
        opens_block = cluster.opens_block and track is not None
        cells.append((first, Cell(last - first, column, tuple(cluster.entries), track, opens_block)))
        taken[first:last] = [True] * (last - first)
    idle_from: int | None = None
    for position, row in enumerate(rows):
        free = not row.gap and not taken[position]
        if idle_from is not None and (not free or row.start % 60 == 0):
            cells.append((idle_from, Cell(position - idle_from, column)))
            idle_from = None
        if free and idle_from is None:
            idle_from = position
    if idle_from is not None:
        cells.append((idle_from, Cell(len(rows) - idle_from, column)))
    return sorted(cells, key=lambda pair: pair[0])


@dataclass
class _Cluster:
    entries: list[ProgramEntry]
    start: int
    end: int
    opens_block: bool


def _clusters(lane: RoomLane) -> list[_Cluster]:
    """The room's entries, one cluster each, except that entries which overlap share one."""
    clusters: list[_Cluster] = []
    for block in lane.blocks:
        for position, entry in enumerate(block.entries):
            start, end = _span(entry)
            if clusters and start < clusters[-1].end:
                clusters[-1].entries.append(entry)
                clusters[-1].end = max(clusters[-1].end, end)
            else:
                clusters.append(_Cluster([entry], start, end, opens_block=position == 0))
    return clusters


def _span(entry: ProgramEntry) -> tuple[int, int]:
    return minutes(entry.start), minutes(entry.end)


def _clock(minute: int) -> Clock:
    return Clock(minute)

"""`grid.xlsx`: the grid for planners who live in spreadsheets. A sheet per day laid out as the
grid is read (time down, rooms across), then one flat sheet with the rows of `grid.csv`.

Every cell is typed as text, so a title that starts with `=` stays a title and never becomes a
formula, and `10:15` stays a clock time rather than a fraction of a day. Each day sheet opens
with the conference, the day and the version stamp, which also heads every printed page.

openpyxl stamps the file with the time of writing; the dates here are the stamp's and the zip
entries' times are fixed, so the same grid and as-of date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence

from amj_scheduler.models import Clock, Instance, Schedule
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .formatting import WEEKDAYS, clock, day_title, time_range
from .grid_table import GRID_COLUMNS, grid_rows
from .layout import Booking, DayGrid, FixedRow, day_grids
from .program import ProgramEntry, program_entries
from .stamp import Stamp
from .timeline_layout import DayLanes, day_lanes

TEXT_STYLE = NamedStyle("Program text", number_format="@", alignment=Alignment(wrap_text=True, vertical="top"))
"""Excel's Text number format, so that what a planner types into the cell later stays text too."""
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="1D2330")
HEADER_FONT = Font(bold=True, color="FFFFFF")
FIXED_FILL = PatternFill("solid", start_color="EEF1F6")
TIME_WIDTH = 14
ROOM_WIDTH = 30
FLAT_WIDTHS = {"day": 11, "start": 7, "end": 7, "slot": 16, "room": 18, "kind": 10, "session_id": 18, "title": 48}
FLAT_SHEET = "All rows"


def grid_xlsx_bytes(instance: Instance, schedule: Schedule, stamp: Stamp) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.add_named_style(TEXT_STYLE)
    heading = instance.conference.name
    if instance.uses_windows:
        for lanes in day_lanes(instance, schedule):
            _timeline_sheet(workbook, heading, lanes, stamp)
    else:
        for grid in day_grids(instance, schedule):
            _slot_sheet(workbook, heading, grid, stamp)
    _flat_sheet(workbook, heading, grid_rows(program_entries(instance, schedule)), stamp)
    properties = workbook.properties
    properties.title = f"{heading}: program"
    properties.creator = "AMJ Scheduler"
    properties.version = stamp.version
    properties.description = f"{heading}, {instance.conference.venue}: program {stamp.text}."
    properties.created = properties.modified = stamp.moment.replace(tzinfo=None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # `Workbook.save` would date the file now
    return _with_fixed_times(buffer.getvalue(), stamp.as_of)


class _Sheet:
    """A worksheet written row by row, every cell typed as text whatever it holds (openpyxl takes
    '=...' for a formula), in the Text format and wrapped at the top."""

    def __init__(self, workbook: Workbook, title: str) -> None:
        self.sheet: Worksheet = workbook.create_sheet(title)
        self.rows = 0
        """Counted here: `Worksheet.max_row` scans every cell, quadratic over a thousand rows."""

    def append(self, values: Iterable[str], fill: PatternFill | None = None, font: Font | None = None) -> int:
        self.rows += 1
        for column, value in enumerate(values, start=1):
            if not value and fill is None:
                continue  # an empty room of a day needs no cell (FOSDEM: half the day sheets' cells)
            cell = self.sheet.cell(self.rows, column)
            if value:
                cell.value = value
                cell.data_type = "s"
            cell.style = TEXT_STYLE.name
            if fill is not None:
                cell.fill = fill
            if font is not None:
                cell.font = font
        return self.rows

    def widths(self, widths: Iterable[float]) -> None:
        for column, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(column)].width = width

    def print_setup(self, title_rows: str, footer: str) -> None:
        sheet = self.sheet
        sheet.print_title_rows = title_rows
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.oddFooter.left.text = footer.replace("&", "&&")  # '&' starts a header code in Excel
        sheet.oddFooter.right.text = "Page &P of &N"


def _slot_sheet(workbook: Workbook, heading: str, grid: DayGrid, stamp: Stamp) -> None:
    rooms = [room.name for room in grid.rooms] or ["Program"]
    sheet = _day_sheet(workbook, heading, grid.date, grid.name, rooms, stamp)
    for row in grid.rows:
        if isinstance(row, FixedRow):
            _fixed_row(sheet, row.entry, len(rooms))
        else:
            when = f"{time_range(row.slot.start, row.slot.end)}\n{row.slot.label}"
            sheet.append([when, *("\n\n".join(_booking(booking) for booking in cell) for cell in row.cells)])


def _timeline_sheet(workbook: Workbook, heading: str, day: DayLanes, stamp: Stamp) -> None:
    """Rooms across, and a row for every minute at which something starts."""
    rooms = [lane.room.name for lane in day.lanes] or ["Program"]
    sheet = _day_sheet(workbook, heading, day.date, day.name, rooms, stamp)
    starting: dict[tuple[Clock, int], list[ProgramEntry]] = {}
    for column, lane in enumerate(day.lanes):
        for entry in lane.entries:
            starting.setdefault((entry.start, column), []).append(entry)
    venue = {entry.start: entry for entry in day.venue_items}
    for start in sorted({start for start, _ in starting} | venue.keys()):
        if start in venue:
            _fixed_row(sheet, venue[start], len(rooms))
        cells = [
            "\n\n".join(_timed(entry) for entry in starting.get((start, column), []))
            for column in range(len(day.lanes))
        ]
        if any(cells):
            sheet.append([clock(start), *cells])


def _day_sheet(
    workbook: Workbook, heading: str, date: dt.date, name: str, rooms: Sequence[str], stamp: Stamp
) -> _Sheet:
    sheet = _Sheet(workbook, f"{WEEKDAYS[date.weekday()][:3]} {date.isoformat()}")
    title = f"{heading} · {day_title(date, name)}"
    sheet.append([title], font=Font(bold=True, size=14))
    sheet.append([stamp.text], font=Font(italic=True, color="5B6475"))
    sheet.append(["Time", *rooms], fill=HEADER_FILL, font=HEADER_FONT)
    sheet.widths([TIME_WIDTH, *(ROOM_WIDTH for _ in rooms)])
    sheet.sheet.freeze_panes = "B4"
    sheet.print_setup("1:3", f"{title} · {stamp.short}")
    return sheet


def _fixed_row(sheet: _Sheet, entry: ProgramEntry, columns: int) -> None:
    """A fixed item across every room column, as the grid shows it."""
    what = " · ".join(part for part in (entry.title, entry.room_name, "; ".join(entry.speakers)) if part)
    row = sheet.append([time_range(entry.start, entry.end), what, *("" for _ in range(columns - 1))], fill=FIXED_FILL)
    if columns > 1:
        sheet.sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=columns + 1)
    sheet.sheet.cell(row, 2).font = BOLD


def _flat_sheet(workbook: Workbook, heading: str, rows: list[list[str]], stamp: Stamp) -> None:
    sheet = _Sheet(workbook, FLAT_SHEET)
    sheet.append(GRID_COLUMNS, fill=HEADER_FILL, font=HEADER_FONT)
    for row in rows:
        sheet.append(row)
    sheet.widths(FLAT_WIDTHS.get(name, 24) for name in GRID_COLUMNS)
    sheet.sheet.freeze_panes = "A2"
    sheet.sheet.auto_filter.ref = f"A1:{get_column_letter(len(GRID_COLUMNS))}{sheet.rows}"
    sheet.print_setup("1:1", f"{heading} · {stamp.short}")


def _booking(booking: Booking) -> str:
    entry = booking.entry
    if booking.continued:
        return f"↳ {entry.title} (continued)"
    return "\n".join(part for part in (entry.title, "; ".join(entry.speakers), _marks(entry)) if part)


def _timed(entry: ProgramEntry) -> str:
    first = f"{time_range(entry.start, entry.end)} {entry.title}"
    held = [
        f"  {time_range(part.start, part.end)} {part.title} ({'; '.join(part.speakers)})" for part in entry.contains
    ]
    return "\n".join(part for part in (first, "; ".join(entry.speakers), *held, _marks(entry)) if part)


def _marks(entry: ProgramEntry) -> str:
    return " · ".join(mark for mark in (entry.repeat_mark, entry.audience_mark) if mark)


def _with_fixed_times(workbook: bytes, as_of: dt.date) -> bytes:
    """The same archive with every entry dated `as_of` instead of the moment of writing."""
    stamp = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(
                zipfile.ZipInfo(info.filename, date_time=stamp), source.read(info.filename), zipfile.ZIP_DEFLATED
            )
    return fixed.getvalue()

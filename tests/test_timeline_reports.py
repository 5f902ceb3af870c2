"""The published grid of a conference on breakout windows (FOSDEM-style: talks in minutes, tracks
living in rooms): in the terminal a row per room with its track blocks, in grid.html a timeline
with a cell per talk spanning its steps."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from amj_scheduler.models import Instance, Placement, Schedule, load_instance, parse_instance
from amj_scheduler.models.grid_csv import read_grid_file
from amj_scheduler.reports import render_grid, render_html
from rich.console import Console

from .builders import STAMP
from .builders import instance as slot_instance
from .builders import schedule as slot_schedule

HOSTILE = '<script>alert(1)</script> & "quotes"'
REPO = Path(__file__).parents[1]

INSTANCE_YAML = """
conference: {name: Devroom Weekend, venue: ULB Solbosch}
days: [{date: 2025-02-01}, {date: 2025-02-02}]
breakout_windows:
  - {id: sat, label: Saturday, day: 2025-02-01, start: "09:00", end: "19:00", step: 5}
  - {id: sun, label: Sunday, day: 2025-02-02, start: "09:00", end: "19:00", step: 5}
tracks:
  - {id: llvm, name: LLVM}
  - {id: gcc, name: GCC (GNU Toolchain)}
rooms:
  - {id: k3201, name: K.3.201, capacity: 100}
  - {id: ub5, name: UB5.230, capacity: 60}
  - {id: janson, name: Janson, capacity: 1400}
speakers:
  - {id: ann, name: Ann Lee}
  - {id: bo, name: Bo Chen}
  - {id: cy, name: "Cy O'Neil"}
audiences:
  - {id: children, name: Children, at_once: 2}
fixed_items:
  - {id: doors, title: Doors open, kind: doors, day: 2025-02-01, start: "09:00", end: "09:30"}
  - {id: welcome, title: Welcome to the weekend, kind: plenary, day: 2025-02-01, start: "09:30", end: "09:55",
     room: janson}
  - {id: raffle, title: Raffle, kind: other, day: 2025-02-01, start: "14:02", end: "14:20", room: janson}
talks:
  - {id: lld, title: Linking with LLD, speakers: [ann], minutes: 25, track: llvm}
  - {id: mlir, title: MLIR in practice, speakers: [bo], minutes: 25, track: llvm}
  - {id: clang, title: Clang deep dive, speakers: [cy], minutes: 90, track: llvm}
  - {id: bolt, title: BOLT for everyone, speakers: [bo], minutes: 25, track: llvm}
  - {id: gcc15, title: What is new in GCC 15, speakers: [ann], minutes: 25, track: gcc}
  - {id: gimple, title: GIMPLE tour, speakers: [cy], minutes: 30, track: gcc}
  - {id: lone, title: '<script>alert(1)</script> & "quotes"', speakers: [ann, bo], minutes: 20}
  - {id: kids, title: Robots for kids, speakers: [cy], minutes: 30, restricted_to: children}
"""


@pytest.fixture
def instance() -> Instance:
    return parse_instance(INSTANCE_YAML)


@pytest.fixture
def schedule() -> Schedule:
    return Schedule(
        placements=(
            Placement(talk="lld", occurrence=1, slot="sat-1035", room="k3201"),
            Placement(talk="mlir", occurrence=1, slot="sat-1100", room="k3201"),
            Placement(talk="clang", occurrence=1, slot="sat-1130", room="k3201"),
            Placement(talk="gcc15", occurrence=1, slot="sat-1305", room="k3201"),
            Placement(talk="gimple", occurrence=1, slot="sat-1330", room="k3201"),
            Placement(talk="lone", occurrence=1, slot="sat-1000", room="ub5"),
            Placement(talk="bolt", occurrence=1, slot="sat-1020", room="ub5"),
            Placement(talk="kids", occurrence=1, slot="sat-1500", room="ub5"),
        )
    )


def rendered(instance: Instance, schedule: Schedule, width: int) -> str:
    console = Console(record=True, width=width, color_system=None, file=io.StringIO())
    render_grid(console, instance, schedule)
    return console.export_text()


def room_row(text: str, room: str) -> list[str]:
    """A room's row in the terminal table, as its blocks: whether they share a line or not."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(f" {room} "))
    row = [lines[first]]
    for line in lines[first + 1 :]:
        if not line.startswith("   ") or "│" not in line:
            break
        row.append(line)
    return [block for line in row for block in line.split("│", 1)[1].strip().split(" · ")]


# --- terminal ------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 160])
def test_terminal_names_each_rooms_track_blocks_with_their_times(
    instance: Instance, schedule: Schedule, width: int
) -> None:
    text = rendered(instance, schedule, width)
    assert all(len(line) <= width for line in text.splitlines())
    assert room_row(text, "K.3.201") == ["10:35–13:00 LLVM (3 talks)", "13:05–14:00 GCC (GNU Toolchain) (2 talks)"]
    assert room_row(text, "UB5.230") == [
        f"10:00–10:20 {HOSTILE}",  # a talk without a track stands alone, by its title
        "10:20–10:45 LLVM (1 talk)",
        "15:00–15:30 Robots for kids Children only",
    ]
    assert room_row(text, "Janson") == ["09:30–09:55 Welcome to the weekend", "14:02–14:20 Raffle"]
    assert room_row(text, "All rooms") == ["09:00–09:30 Doors open"]
    assert "3 rooms · 8 talks" in text


def test_terminal_keeps_a_room_on_one_line_when_the_console_is_wide(instance: Instance, schedule: Schedule) -> None:
    wide = next(line for line in rendered(instance, schedule, 160).splitlines() if line.startswith(" K.3.201 "))
    assert "LLVM (3 talks) · 13:05–14:00 GCC" in wide
    narrow = rendered(instance, schedule, 60).splitlines()
    first = next(i for i, line in enumerate(narrow) if line.startswith(" K.3.201 "))
    assert narrow[first].rstrip().endswith("LLVM (3 talks)") and "13:05–14:00 GCC" in narrow[first + 1]


def test_terminal_summarises_rather_than_listing_tracked_talks(instance: Instance, schedule: Schedule) -> None:
    text = rendered(instance, schedule, 120)
    assert "Clang deep dive" not in text and "Linking with LLD" not in text
    assert "grid.csv" in text and "grid.html" in text
    sunday = text[text.index("Sunday 2 February 2025") :]
    assert "Nothing scheduled." in sunday


def test_slot_mode_terminal_has_no_room_summary(instance: Instance) -> None:
    text = rendered(slot_instance(), slot_schedule(("modal-counterpoint", 1, "s1", "hall")), 100)
    assert "Session I" in text and "Modal Counterpoint" in text
    assert "grid.csv" not in text and "Tracks and talks" not in text


# --- HTML ----------------------------------------------------------------------------


class _Tables(HTMLParser):
    """The page's timeline tables as rows of cells: (tag, attributes, text); those for the screen,
    or the room groups for paper, without their first row (the running header)."""

    def __init__(self, printed: bool) -> None:
        super().__init__()
        self.printed = printed
        self.tables: list[list[list[tuple[str, dict[str, str], str]]]] = []
        self._cell: tuple[str, dict[str, str], list[str]] | None = None
        self._in_wanted_table = False
        self._in_running_row = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "table":
            self._in_wanted_table = ("print-group" in attributes.get("class", "")) == self.printed
            if self._in_wanted_table:
                self.tables.append([])
        elif not self._in_wanted_table:
            return
        elif tag == "tr":
            self._in_running_row = attributes.get("class") == "running"
            if not self._in_running_row:
                self.tables[-1].append([])
        elif tag in ("td", "th") and not self._in_running_row:
            self._cell = (tag, attributes, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_wanted_table = False
        if tag in ("td", "th") and self._cell is not None:
            kind, attrs, text = self._cell
            self.tables[-1][-1].append((kind, attrs, " ".join("".join(text).split())))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[2].append(data)


def tables(page: str, printed: bool = False) -> list[list[list[tuple[str, dict[str, str], str]]]]:
    parser = _Tables(printed)
    parser.feed(page)
    return parser.tables


def talk_cells(page: str, printed: bool = False) -> list[tuple[str, dict[str, str], str]]:
    return [cell for table in tables(page, printed) for row in table for cell in row if cell[0] == "td" and cell[2]]


def test_html_timeline_has_every_talk_once_in_its_room_column(instance: Instance, schedule: Schedule) -> None:
    page = render_html(instance, schedule, STAMP)
    for printed in (False, True):  # once on screen, once on paper
        cells = [text for _, _, text in talk_cells(page, printed)]
        for talk in instance.talks:
            assert sum(talk.title in text for text in cells) == 1, talk.title
    header = tables(page)[0][0]
    assert [text for _, _, text in header] == ["Time", "K.3.201", "UB5.230", "Janson"]


def test_html_talk_cells_span_their_steps_and_the_table_has_no_holes(instance: Instance, schedule: Schedule) -> None:
    page = render_html(instance, schedule, STAMP)
    spans = {text: int(attrs.get("rowspan", "1")) for _, attrs, text in talk_cells(page)}
    titles = ("Clang deep dive", "Linking with LLD", "GIMPLE tour", "Raffle")
    span_of = {title: next(rows for text, rows in spans.items() if title in text) for title in titles}
    assert span_of == {"Clang deep dive": 18, "Linking with LLD": 5, "GIMPLE tour": 6, "Raffle": 4}
    # 14:02 is off the 5-minute grid: rows are cut there as well, so the raffle fills
    # 14:02-14:05, 14:05-14:10, 14:10-14:15 and 14:15-14:20.
    for table in tables(page):
        assert_no_holes(table)


def assert_no_holes(table: list[list[tuple[str, dict[str, str], str]]]) -> None:
    """Lay the rows out as a browser does: every row must fill exactly every column, and no cell
    may reach past the last row."""
    width = len(table[0])
    covered: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(table):
        column = 0
        for _, attrs, _ in row:
            while covered.get((r, column)):
                column += 1
            rows, columns = int(attrs.get("rowspan", "1")), int(attrs.get("colspan", "1"))
            assert r + rows <= len(table), f"row {r}: a cell spans past the table"
            for dr in range(rows):
                for dc in range(columns):
                    assert not covered.get((r + dr, column + dc)), f"row {r}: cells overlap"
                    covered[r + dr, column + dc] = True
            column += columns
        assert all(covered.get((r, c)) for c in range(width)) and not covered.get((r, width)), f"row {r} is not full"


def test_html_folds_steps_where_no_room_holds_anything(instance: Instance, schedule: Schedule) -> None:
    page = render_html(instance, schedule, STAMP)
    gaps = [row for table in tables(page) for row in table if row and row[-1][1].get("colspan") == "3"]
    assert [(row[0][2], row[1][2]) for row in gaps] == [
        ("09:55", "No talks until 10:00"),
        ("11:25", "No talks until 11:30"),
        ("13:00", "No talks until 13:05"),
        ("14:00", "No talks until 14:02"),
        ("14:20", "No talks until 15:00"),  # eight steps, one row
    ]


def test_html_names_each_track_block_and_colours_it_by_track(instance: Instance, schedule: Schedule) -> None:
    page = render_html(instance, schedule, STAMP)
    cells = talk_cells(page)
    hue = {text: attrs["style"].split("--hue: ")[-1] for _, attrs, text in cells if "--hue" in attrs.get("style", "")}
    llvm = [value for text, value in hue.items() if any(t in text for t in ("LLD", "MLIR", "Clang", "BOLT"))]
    gcc = [value for text, value in hue.items() if "GCC 15" in text or "GIMPLE" in text]
    assert len(set(llvm)) == 1 and len(set(gcc)) == 1 and llvm[0] != gcc[0]
    screen = "".join(re.findall(r'<table class="timeline".*?</table>', page, re.DOTALL))
    assert screen.count('<div class="track">LLVM</div>') == 2  # one block in K.3.201, one in UB5.230
    assert screen.count('<div class="track">GCC (GNU Toolchain)</div>') == 1
    assert 'href="#2025-02-01-k3201">LLVM</a> · K.3.201 <span class="when">10:35–13:00</span>' in page
    assert '<span class="audience">Children only</span>' in page


def test_html_escapes_titles_and_stays_self_contained(instance: Instance, schedule: Schedule) -> None:
    page = render_html(instance, schedule, STAMP, subtitle="<i>draft</i>")
    assert "<script" not in page and "<i>draft" not in page and "<link" not in page and "http" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in page
    assert "Cy O&#39;Neil" in page
    assert "@media print" in page and "size: landscape" in page and "position: sticky" in page


def test_html_is_the_same_bytes_whatever_the_order_of_placements(instance: Instance, schedule: Schedule) -> None:
    first = render_html(instance, schedule, STAMP).encode()
    again = render_html(instance, Schedule(placements=tuple(reversed(schedule.placements))), STAMP).encode()
    assert first == again == render_html(instance, schedule, STAMP).encode()


def test_html_shows_a_double_booked_room_with_both_talks(instance: Instance, schedule: Schedule) -> None:
    kids_in_k3201 = Placement(talk="kids", occurrence=1, slot="sat-1040", room="k3201")
    clash = Schedule(placements=(*schedule.placements[:-1], kids_in_k3201))
    page = render_html(instance, clash, STAMP)
    both = [text for _, _, text in talk_cells(page) if "Robots for kids" in text]
    assert len(both) == 1 and "Linking with LLD" in both[0] and "MLIR in practice" in both[0]
    for table in tables(page):
        assert_no_holes(table)


def test_html_ends_the_day_with_its_last_item_even_off_the_grid(instance: Instance, schedule: Schedule) -> None:
    """A party until 23:58 ends the timeline at 23:58: rounding up to the step would need a 24:00."""
    party = {
        "id": "party",
        "title": "Party",
        "kind": "other",
        "day": "2025-02-01",
        "start": "21:00",
        "end": "23:58",
        "room": "janson",
    }
    late = instance.model_copy(update={"fixed_items": (*instance.fixed_items, party)})
    page = render_html(late, schedule, STAMP)
    assert "21:00–23:58" in page and ">No talks until 21:00<" in page
    for table in tables(page):
        assert_no_holes(table)


def test_html_day_without_talks_says_so(instance: Instance, schedule: Schedule) -> None:
    page = render_html(instance, schedule, STAMP)
    sunday = page[page.index('id="day-2025-02-02"') :]
    assert "Nothing scheduled." in sunday and "<table" not in sunday


def test_slot_mode_html_keeps_its_grid() -> None:
    page = render_html(slot_instance(), slot_schedule(("modal-counterpoint", 1, "s1", "hall")), STAMP)
    assert '<table class="grid">' in page and "timeline" not in page
    assert '<span class="label">Session I</span>' in page


# --- FOSDEM 2025 as published ----------------------------------------------------------


@pytest.fixture(scope="module")
def fosdem() -> tuple[Instance, Schedule]:
    instance = load_instance(REPO / "instances" / "fosdem-2025.yaml")
    grid = read_grid_file(REPO / "instances" / "fosdem-2025-published.csv", instance, set_aside_unknown_talks=False)
    return instance, grid.schedule


@pytest.mark.slow
def test_fosdem_terminal_is_a_page_per_day_not_943_talks(fosdem: tuple[Instance, Schedule]) -> None:
    text = rendered(*fosdem, 80)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert len(text.splitlines()) < 150
    assert room_row(text, "K.3.201")[:2] == [
        "10:35–14:30 LLVM (10 talks)",
        "15:00–19:00 GCC (GNU Toolchain) (11 talks)",
    ]


@pytest.mark.slow
def test_fosdem_page_has_every_talk_once_in_a_table_without_holes(fosdem: tuple[Instance, Schedule]) -> None:
    instance, schedule = fosdem
    page = render_html(instance, schedule, STAMP)
    in_rooms = sum(item.room is not None for item in instance.fixed_items)
    assert page.count('<div class="entry">') == 2 * (len(schedule.placements) + in_rooms)  # screen and paper
    days = tables(page)
    assert len(days) == 2 and all(len(day[0]) > 25 for day in days)
    for table in days:
        assert_no_holes(table)


def test_fosdem_prints_each_day_in_groups_of_at_most_six_rooms(fosdem: tuple[Instance, Schedule]) -> None:
    """29 columns at 5.5 pt were unreadable: on paper each day is cut into room groups, a page
    each, every room's talks listed down its column."""
    instance, schedule = fosdem
    page = render_html(instance, schedule, STAMP)
    groups = tables(page, printed=True)
    rooms = [[text for _, _, text in group[0]] for group in groups]
    assert [len(names) for names in rooms] == [6, 6, 6, 6, 5, 6, 6, 6, 5, 5]  # 29 rooms on Saturday, 28 on Sunday
    assert [name for names in rooms[:5] for name in names] == [text for _, _, text in tables(page)[0][0][1:]]
    assert page.count('<tr class="running">') == len(groups)
    printed = "".join(re.findall(r'<table class="print-group">.*?</table>', page, re.DOTALL))
    assert printed.count('<div class="entry">') == len(schedule.placements)  # every talk once

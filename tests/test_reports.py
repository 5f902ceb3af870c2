"""The published grid's contract: CSV columns, order and bytes; escaped HTML; the terminal grid;
and atomic writes that never leave half a grid behind."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from amj_scheduler.models import Instance, Placement, Schedule
from amj_scheduler.reports import (
    grid_frame,
    publish,
    render_grid,
    render_html,
    write_atomically,
    write_grid_csv,
    write_published_grid,
)
from amj_scheduler.reports.publish import SOLVE_FILES
from amj_scheduler.reports.terminal_styles import STYLES
from rich.console import Console
from rich.style import Style

from .builders import STAMP

HEADER = "day,start,end,slot,room,kind,session_id,title,speakers,audience,occurrence"
HOSTILE = '<script>alert(1)</script> & "quotes"'


@pytest.fixture
def instance() -> Instance:
    return Instance.model_validate(
        {
            "conference": {"name": "AMJ Youth Conference 2010", "venue": "Crossroads Church"},
            "days": [{"date": "2010-04-17", "name": "Breakout day"}, {"date": "2010-04-16"}],
            "rooms": [
                {"id": "sanctuary", "name": "Sanctuary", "capacity": 400, "breakout": False},
                {"id": "room-b", "name": "Room B", "capacity": 40},
                {"id": "room-a", "name": "Room A", "capacity": 60},
            ],
            "speakers": [
                {"id": "ann", "name": "Ann Lee"},
                {"id": "bob", "name": "Bob Smith"},
                {"id": "cara", "name": "Cara Núñez"},
                {"id": "dan", "name": "Dan O'Neil"},
            ],
            "audiences": [{"id": "girls", "name": "Cornerstone and Crossroads Girls"}],
            "breakout_slots": [
                {"id": "s3", "label": "Session III", "day": "2010-04-17", "start": "14:00", "end": "15:00"},
                {"id": "s1", "label": "Session I", "day": "2010-04-17", "start": "09:30", "end": "10:30"},
                {"id": "s2", "label": "Session II", "day": "2010-04-17", "start": "11:00", "end": "12:00"},
            ],
            "fixed_items": [
                {
                    "id": "coffee",
                    "title": "Coffee break",
                    "kind": "break",
                    "day": "2010-04-17",
                    "start": "10:30",
                    "end": "11:00",
                },
                {
                    "id": "opening",
                    "title": "Opening plenary",
                    "kind": "plenary",
                    "day": "2010-04-17",
                    "start": "08:30",
                    "end": "09:15",
                    "room": "sanctuary",
                    "people": ["dan", "ann"],
                },
                {
                    "id": "lunch",
                    "title": "Lunch",
                    "kind": "meal",
                    "day": "2010-04-17",
                    "start": "12:00",
                    "end": "13:30",
                },
                {
                    "id": "concert",
                    "title": "Friday night concert",
                    "kind": "concert",
                    "day": "2010-04-16",
                    "start": "19:00",
                    "end": "21:00",
                    "room": "sanctuary",
                },
            ],
            "talks": [
                {"id": "faith", "title": 'Faith, “doubt” and "questions"', "speakers": ["ann"], "occurrences": 2},
                {
                    "id": "purity",
                    "title": "Becoming who you’re meant to be",
                    "speakers": ["cara"],
                    "restricted_to": "girls",
                },
                {"id": "workshop", "title": "Worship band workshop", "speakers": ["bob"], "length": 2},
                {"id": "panel", "title": "Panel: life after school", "speakers": ["dan", "cara", "ann"]},
            ],
        }
    )


@pytest.fixture
def schedule() -> Schedule:
    return Schedule(
        placements=(
            Placement(talk="workshop", occurrence=1, slot="s2", room="room-b"),
            Placement(talk="faith", occurrence=2, slot="s3", room="room-a"),
            Placement(talk="faith", occurrence=1, slot="s1", room="room-a"),
            Placement(talk="purity", occurrence=1, slot="s1", room="room-b"),
            Placement(talk="panel", occurrence=1, slot="s2", room="room-a"),
        )
    )


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


# --- grid frame and CSV ---------------------------------------------------------------


def test_frame_has_the_contract_columns_and_string_values(instance: Instance, schedule: Schedule) -> None:
    frame = grid_frame(instance, schedule)
    assert list(frame.columns) == HEADER.split(",")
    assert len(frame) == len(schedule.placements) + len(instance.fixed_items)
    assert all(isinstance(value, str) for value in frame.to_numpy().ravel())


def test_csv_rows_are_sorted_and_formatted(tmp_path: Path, instance: Instance, schedule: Schedule) -> None:
    path = write_grid_csv(tmp_path / "grid.csv", grid_frame(instance, schedule))
    assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER
    rows = read_rows(path)
    assert [(row["day"], row["start"], row["room"], row["session_id"]) for row in rows] == [
        ("2010-04-16", "19:00", "Sanctuary", "concert"),
        ("2010-04-17", "08:30", "Sanctuary", "opening"),
        ("2010-04-17", "09:30", "Room A", "faith"),
        ("2010-04-17", "09:30", "Room B", "purity"),
        ("2010-04-17", "10:30", "", "coffee"),
        ("2010-04-17", "11:00", "Room A", "panel"),
        ("2010-04-17", "11:00", "Room B", "workshop"),
        ("2010-04-17", "12:00", "", "lunch"),
        ("2010-04-17", "14:00", "Room A", "faith"),
    ]
    by_key = {(row["session_id"], row["occurrence"]): row for row in rows}
    assert by_key["opening", ""] == {
        "day": "2010-04-17",
        "start": "08:30",
        "end": "09:15",
        "slot": "",
        "room": "Sanctuary",
        "kind": "plenary",
        "session_id": "opening",
        "title": "Opening plenary",
        "speakers": "Dan O'Neil; Ann Lee",
        "audience": "",
        "occurrence": "",
    }
    assert by_key["coffee", ""]["kind"] == "break"
    assert by_key["workshop", "1"]["slot"] == "Session II + Session III"
    assert (by_key["workshop", "1"]["start"], by_key["workshop", "1"]["end"]) == ("11:00", "15:00")
    assert by_key["panel", "1"]["speakers"] == "Dan O'Neil; Cara Núñez; Ann Lee"
    assert by_key["purity", "1"]["audience"] == "Cornerstone and Crossroads Girls"
    assert by_key["faith", "1"]["audience"] == ""
    assert (by_key["faith", "1"]["slot"], by_key["faith", "2"]["slot"]) == ("Session I", "Session III")
    assert {row["kind"] for row in rows if row["occurrence"]} == {"talk"}


def test_csv_quotes_and_encodes_per_rfc_4180(tmp_path: Path, instance: Instance, schedule: Schedule) -> None:
    path = write_grid_csv(tmp_path / "grid.csv", grid_frame(instance, schedule))
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw and raw.endswith(b"\n")
    text = raw.decode("utf-8")
    assert ',"Faith, “doubt” and ""questions""",Ann Lee,,1\n' in text
    assert ",Becoming who you’re meant to be," in text


def test_csv_is_byte_identical_on_a_second_write(tmp_path: Path, instance: Instance, schedule: Schedule) -> None:
    first = write_grid_csv(tmp_path / "a.csv", grid_frame(instance, schedule)).read_bytes()
    reordered = Schedule(placements=tuple(reversed(schedule.placements)))
    second = write_grid_csv(tmp_path / "b.csv", grid_frame(instance, reordered)).read_bytes()
    assert first == second


def test_csv_refuses_a_frame_with_other_columns(tmp_path: Path, instance: Instance, schedule: Schedule) -> None:
    frame = grid_frame(instance, schedule).drop(columns=["audience"])
    with pytest.raises(ValueError, match="columns"):
        write_grid_csv(tmp_path / "grid.csv", frame)
    assert not (tmp_path / "grid.csv").exists()


def test_empty_schedule_still_publishes_fixed_items(instance: Instance) -> None:
    frame = grid_frame(instance, Schedule(placements=()))
    assert list(frame["session_id"]) == ["concert", "opening", "coffee", "lunch"]


def test_a_placement_the_instance_cannot_hold_is_an_error(instance: Instance) -> None:
    off_the_end = Schedule(placements=(Placement(talk="workshop", occurrence=1, slot="s3", room="room-a"),))
    with pytest.raises(ValueError, match="workshop"):
        grid_frame(instance, off_the_end)
    unknown_room = Schedule(placements=(Placement(talk="panel", occurrence=1, slot="s1", room="attic"),))
    with pytest.raises(ValueError, match="attic"):
        grid_frame(instance, unknown_room)


# --- HTML ----------------------------------------------------------------------------


def test_html_escapes_every_text(instance: Instance, schedule: Schedule) -> None:
    hostile = instance.model_copy(
        update={
            "talks": tuple(
                talk.model_copy(update={"title": HOSTILE}) if talk.id == "panel" else talk for talk in instance.talks
            ),
            "conference": instance.conference.model_copy(update={"name": "<b>AMJ</b>"}),
        }
    )
    page = render_html(hostile, schedule, STAMP, subtitle="<i>draft</i>")
    assert "<script>" not in page and "<b>AMJ" not in page and "<i>draft" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in page
    assert "&lt;b&gt;AMJ&lt;/b&gt;" in page and "&lt;i&gt;draft&lt;/i&gt;" in page


def test_html_is_one_printable_page_with_spanning_fixed_rows(instance: Instance, schedule: Schedule) -> None:
    page = render_html(instance, schedule, STAMP, subtitle="Draft 2")
    assert page.startswith("<!DOCTYPE html>")
    assert "AMJ Youth Conference 2010" in page and "Crossroads Church · 16–17 April 2010" in page and "Draft 2" in page
    assert "@media print" in page and "break-before: page" in page
    assert "<script" not in page and "http" not in page and "<link" not in page
    assert page.count('<td colspan="2">') == 3  # opening, coffee, lunch across Room B and Room A
    assert '<td colspan="1">' in page  # Friday: no breakout slots, the concert spans the one program column
    assert page.index("Friday 16 April 2010</h2>") < page.index("Saturday 17 April 2010 · Breakout day</h2>")
    assert page.index("Room B") < page.index("Room A")  # rooms across in the instance's order
    assert '<span class="repeat">1 of 2</span>' in page and '<span class="repeat">2 of 2</span>' in page
    assert '<span class="audience">Cornerstone and Crossroads Girls only</span>' in page
    assert "↳ Worship band workshop (continued)" in page
    assert "Dan O&#39;Neil; Cara Núñez; Ann Lee" in page


def test_html_renders_an_empty_schedule(instance: Instance) -> None:
    page = render_html(instance, Schedule(placements=()), STAMP)
    assert "Session III" in page and "Friday night concert" in page


# --- terminal ------------------------------------------------------------------------


def rendered(instance: Instance, schedule: Schedule, width: int) -> str:
    console = Console(record=True, width=width, color_system=None)
    render_grid(console, instance, schedule)
    return console.export_text()


def test_terminal_grid_shows_talks_marks_and_fixed_items(instance: Instance, schedule: Schedule) -> None:
    text = rendered(instance, schedule, 160)
    for title in (
        "Opening plenary",
        "Coffee break",
        "Lunch",
        "Friday night concert",
        "Panel: life after school",
        "Worship band workshop",
        "Becoming who you’re meant to be",
        'Faith, “doubt” and "questions"',
    ):
        assert title in text
    assert "1 of 2" in text and "2 of 2" in text
    assert "Cornerstone and Crossroads Girls only" in text
    assert "Saturday 17 April 2010 · Breakout day" in text and "Friday 16 April 2010" in text
    assert text.index("Friday 16 April 2010") < text.index("Saturday 17 April 2010")
    assert "Session II" in text and "09:30–10:30" in text
    assert all(len(line) <= 160 for line in text.splitlines())


def test_terminal_fixed_rows_span_the_width(instance: Instance, schedule: Schedule) -> None:
    """Slot rows have a border per room column; a fixed item's row has only the time column's."""
    lines = rendered(instance, schedule, 160).splitlines()
    plenary = next(line for line in lines if "Opening plenary" in line)
    session = next(line for line in lines if "Session I " in line)
    assert plenary.count("│") == 1 and session.count("│") == 2
    assert "Sanctuary · Dan O'Neil; Ann Lee" in plenary
    below_header = lines[next(i for i, line in enumerate(lines) if "Room B" in line) + 1]
    assert "┴" in below_header  # the room columns end where the plenary begins


def test_terminal_lists_rooms_down_when_columns_would_be_too_narrow(instance: Instance, schedule: Schedule) -> None:
    text = rendered(instance, schedule, 40)
    assert all(len(line) <= 40 for line in text.splitlines())
    assert "Room A" in text and "1 of 2" in text and "Bob Smith" in text


def test_terminal_grid_folds_at_100_columns(instance: Instance, schedule: Schedule) -> None:
    long_title = "A remarkably long title about discipleship, friendship and the questions that keep us awake"
    wordy = instance.model_copy(
        update={
            "talks": tuple(t.model_copy(update={"title": long_title}) if t.id == "panel" else t for t in instance.talks)
        }
    )
    text = rendered(wordy, schedule, 100)
    assert all(len(line) <= 100 for line in text.splitlines())
    assert "keep us awake" in text and "…" not in text


FADING_ON_SOME_THEME = {"yellow", "bright_yellow", "cyan", "bright_cyan", "white", "bright_white", "blue", "black"}
"""Text colours that vanish on a light or on a dark terminal theme when set without a background."""


@pytest.mark.parametrize("name", sorted(STYLES))
def test_every_terminal_style_reads_on_light_and_dark_themes(name: str) -> None:
    style = Style.parse(STYLES[name])
    if style.bgcolor is not None:
        assert style.color is not None, f"{name}: a background without a foreground"
    else:
        assert style.color is None or style.color.name not in FADING_ON_SOME_THEME, name


def test_terminal_grid_sets_no_background_without_a_foreground(instance: Instance, schedule: Schedule) -> None:
    """Read off the escape codes the terminal receives: each that sets a background sets a text colour."""
    console = Console(width=160, color_system="256", force_terminal=True)
    with console.capture() as captured:
        render_grid(console, instance, schedule)
    codes = [code.split(";") for code in re.findall(r"\x1b\[([0-9;]*)m", captured.get())]
    with_background = [code for code in codes if "48" in code]
    assert with_background, "the fixed items are drawn on a band"
    assert [code for code in with_background if "38" not in code and not set(code) & set(map(str, range(30, 38)))] == []


def test_terminal_grid_survives_an_empty_schedule(instance: Instance) -> None:
    text = rendered(instance, Schedule(placements=()), 100)
    assert "Session I" in text and "Friday night concert" in text


# --- atomic writes -------------------------------------------------------------------


def test_write_atomically_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "grid.csv"
    write_atomically(target, "old\n")
    write_atomically(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["grid.csv"]


def test_write_atomically_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "grid.csv"
    target.write_text("old\n", encoding="utf-8")

    def crash(*_: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr("os.replace", crash)
    with pytest.raises(OSError, match="disk gone"):
        write_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["grid.csv"]


def test_a_folder_in_the_way_of_grid_html_leaves_the_old_grid_csv_untouched(
    tmp_path: Path, instance: Instance, schedule: Schedule
) -> None:
    """The CSV and its page belong together: if the page cannot be written, the old CSV must
    not be replaced by a new one that no page matches."""
    (tmp_path / "grid.csv").write_text("old grid\n", encoding="utf-8")
    (tmp_path / "grid.html").mkdir()
    with pytest.raises(IsADirectoryError):
        write_published_grid(tmp_path, instance, schedule)
    assert (tmp_path / "grid.csv").read_text(encoding="utf-8") == "old grid\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grid.csv", "grid.html"]


def test_published_grid_writes_the_grid_and_the_program_for_apps_and_calendars(
    tmp_path: Path, instance: Instance, schedule: Schedule
) -> None:
    out = tmp_path / "out" / "site"
    paths = write_published_grid(out, instance, schedule, subtitle="Final")
    assert paths == [out / name for name in SOLVE_FILES]
    assert sorted(p.name for p in out.iterdir()) == sorted(SOLVE_FILES)  # no temporary files left
    assert (out / "grid.csv").read_text(encoding="utf-8").startswith(HEADER + "\n")
    assert "Final" in (out / "grid.html").read_text(encoding="utf-8")


def test_failing_render_writes_nothing(
    tmp_path: Path, instance: Instance, schedule: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> str:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(publish, "render_html", broken)
    fresh = tmp_path / "fresh"
    with pytest.raises(RuntimeError):
        write_published_grid(fresh, instance, schedule)
    assert not fresh.exists()

    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "grid.csv").write_text("previous\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        write_published_grid(existing, instance, schedule)
    assert [p.name for p in existing.iterdir()] == ["grid.csv"]
    assert (existing / "grid.csv").read_text(encoding="utf-8") == "previous\n"

"""The published pages in a real browser, as a reader meets them: on a 400 px phone, on a desktop,
and printed. Headless Chromium lays them out and prints them; poppler's pdftotext reads the PDFs.

These need Debian's `chromium` and `poppler-utils` (`.ci/run` installs both); without them they
are skipped, saying which is missing.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from click.testing import CliRunner

from .browser import MISSING, flowing, layout, pdf_pages, pdf_words, print_to_pdf, split_words, vocabulary
from .conftest import INSTANCES, Publication

pytestmark = pytest.mark.skipif(bool(MISSING), reason=MISSING)

PHONE = 400
DESKTOP = 1400


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def compare_page(work: Path) -> Path:
    """AMJ 2010's comparison of its best grid, Modular II closed, and the grid it published."""
    out = work / "compare"
    result = CliRunner().invoke(
        main,
        [
            "compare",
            str(INSTANCES / "2010.yaml"),
            "--scenario",
            str(INSTANCES / "scenarios" / "2010-no-modular-ii.yaml"),
            "--grid",
            str(INSTANCES / "2010-published.csv"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    return out / "compare.html"


def program_texts(publication: Publication) -> tuple[set[str], set[str]]:
    """The words of every title, name and room of the published grid, and every speaker's name."""
    with publication.grid_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    words = vocabulary([row[column] for row in rows for column in ("title", "speakers", "room")])
    speakers = {name for row in rows for name in row["speakers"].split("; ") if name}
    return words, speakers


# --- on a phone and a desktop ---------------------------------------------------------------------


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_amj_grid_reads_without_sideways_scrolling_or_words_wider_than_their_box(
    amj_publication: Publication, work: Path, width: int
) -> None:
    page = layout(amj_publication.folder / "grid.html", width, work)
    assert page.scroll_width <= page.client_width
    assert page.checked > 100 and page.cramped == []


def test_fosdem_grid_on_a_phone_lists_each_room_with_its_talks_below_it(
    fosdem_publication: Publication, work: Path
) -> None:
    page = layout(fosdem_publication.folder / "grid.html", PHONE, work)
    assert page.scroll_width <= page.client_width
    assert page.cramped == []
    headings = {(table, column): top for tag, table, column, top in page.placed if tag == "TH"}
    talks = [(table, column, top) for tag, table, column, top in page.placed if tag == "TD"]
    assert len(talks) == len(fosdem_publication.schedule.placements)
    for table, column, top in talks:  # below its room's heading, above the next room's
        assert headings[table, column] < top
        assert (table, column + 1) not in headings or top < headings[table, column + 1]
    assert sorted(headings.values()) == [headings[key] for key in sorted(headings)]  # rooms in order


def test_compare_reads_on_a_phone(compare_page: Path, work: Path) -> None:
    page = layout(compare_page, PHONE, work)
    assert page.scroll_width <= page.client_width
    assert page.checked > 100 and page.cramped == []


# --- on paper -------------------------------------------------------------------------------------


def test_amj_grid_prints_a_landscape_page_per_day_each_headed_and_stamped(
    amj_publication: Publication, work: Path
) -> None:
    pdf = print_to_pdf(amj_publication.folder / "grid.html", work)
    pages = pdf_pages(pdf)
    days = ["Friday 16 April 2010", "Saturday 17 April 2010", "Sunday 18 April 2010"]
    assert len(pages) == len(days)  # Saturday, with 26 talks and 14 fixed items, on one page
    for page, day in zip(pages, days, strict=True):
        text = flowing(page)
        assert text.startswith(amj_publication.stamp.text), text[:120]
        assert day in text and "Art Music Justice 2010" in text
        assert [other for other in days if other != day and other in text] == []
    saturday = flowing(pages[1])
    for title in ("Registration/Doors Open", "The Real You", "Jars of Clay Concert"):
        assert title in saturday
    words, speakers = program_texts(amj_publication)
    assert split_words(pages, words) == []
    assert [name for name in speakers if name not in flowing("\n".join(pages))] == []
    assert min(word.x_max - word.x_min for word in pdf_words(pdf)) > 0  # every word is drawn


def test_fosdem_grid_prints_each_day_in_room_groups_at_a_readable_size(
    fosdem_publication: Publication, work: Path
) -> None:
    pdf = print_to_pdf(fosdem_publication.folder / "grid.html", work)
    pages = pdf_pages(pdf)
    saturday, sunday = "Saturday 1 February 2025", "Sunday 2 February 2025"
    first_sunday = next(number for number, page in enumerate(pages) if sunday in page)
    assert saturday not in pages[first_sunday]  # Sunday starts its own page
    for page in pages:
        text = flowing(page)
        assert "FOSDEM 2025" in text
        assert fosdem_publication.stamp.text in text
        assert (saturday in text) != (sunday in text)
    words, speakers = program_texts(fosdem_publication)
    assert split_words(pages, words) == []
    everything = flowing("\n".join(pages))
    assert [name for name in speakers if name not in everything] == []
    drawn = pdf_words(pdf)
    heights = sorted(word.y_max - word.y_min for word in drawn)
    assert heights[len(heights) // 2] >= 9  # 8 pt type, not the 5.5 pt of 29 columns
    assert overlapping(drawn) == []


def overlapping(words: list, by: float = 2.0) -> list[tuple[str, str]]:
    """Words drawn over one another on a page (by more than `by` points each way, as the boxes of
    two tightly set lines touch): text hidden under the next talk."""
    found = []
    by_page: dict[int, list] = {}
    for word in words:
        by_page.setdefault(word.page, []).append(word)
    for page in by_page.values():
        page.sort(key=lambda word: word.x_min)
        for index, word in enumerate(page):
            for other in page[index + 1 :]:
                if other.x_min >= word.x_max - by:
                    break
                if other.y_min < word.y_max - by and word.y_min < other.y_max - by:
                    found.append((word.text, other.text))
    return found


def test_compare_prints_without_a_blank_page(compare_page: Path, work: Path) -> None:
    pages = pdf_pages(print_to_pdf(compare_page, work))
    assert len(pages) > 2
    assert [len(page.split()) for page in pages if len(page.split()) < 60] == []


@pytest.mark.parametrize("conference", ["amj", "fosdem"])
def test_door_signs_print_one_page_per_room_and_day(
    conference: str, request: pytest.FixtureRequest, work: Path
) -> None:
    """FOSDEM's busiest devroom holds 32 talks on Sunday: its sign still takes one page."""
    publication: Publication = request.getfixturevalue(f"{conference}_publication")
    pages = pdf_pages(print_to_pdf(publication.folder / "doors.html", work / conference))
    signs = publication.text("doors.html").count('<article class="sign')
    assert len(pages) == signs
    rooms = {room.name for room in publication.instance.rooms}
    for page in pages:
        assert page.splitlines()[0] in rooms  # the room's name heads its sign
        assert publication.stamp.text in flowing(page)

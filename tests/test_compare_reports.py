"""Comparing alternative schedules: the figures, the differing placements, and the three outputs.

Small cases are built so that every figure can be worked out by hand (the numbers in the
comments). AMJ 2010 compares the published grid with a copy in which two talks trade rooms,
so exactly those two placements differ.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from amj_scheduler.checker import find_violations, score_schedule
from amj_scheduler.models import Instance, Schedule, load_instance, read_grid_csv
from amj_scheduler.reports import (
    Alternative,
    compare_publish,
    comparison_csv_text,
    comparison_figures,
    differing_occurrences,
    render_comparison,
    render_comparison_html,
    write_comparison,
)
from amj_scheduler.reports.compare_figures import (
    EMPTY_SEATS,
    HARD_VIOLATIONS,
    MOVES,
    OBJECTIVE,
    REPEATS_CHANGING_ROOM,
    SEATS_SHORT,
    best_figures,
)
from amj_scheduler.reports.comparison import talk_changes
from rich.console import Console

from .builders import FRI, THU, instance, schedule, talk

REPO = Path(__file__).resolve().parents[1]
HOSTILE = '<script>alert(1)</script> & "Q"'
SWAPPED = {("justice-begins-at-home", 1): "modular-i", ("global-philanthropy", 1): "modular-ii"}
"""In the published grid, Session I has Justice Begins at Home in Modular II and Global Philanthropy in Modular I."""


def alternative(name: str, inst: Instance, sched: Schedule, origin: str = "test") -> Alternative:
    return Alternative(name, origin, inst, sched, score_schedule(inst, sched), tuple(find_violations(inst, sched)))


# --- a small conference, figured by hand ---------------------------------------------------
# Rooms: Nicholson Hall (hall) 60 seats, Modular I (mod1) 30 seats. Slots s1, s2, s3 on Thursday.


@pytest.fixture
def small() -> Instance:
    return instance(
        talks=[
            talk("modal-counterpoint", occurrences=2),  # 30 people, Ann
            talk("big-band", speakers=["bo"], expected_attendance=80),
            talk("quiet-hour", speakers=["cy"], expected_attendance=10),
        ]
    )


@pytest.fixture
def best(small: Instance) -> Alternative:
    return alternative(
        "best",
        small,
        schedule(
            ("modal-counterpoint", 1, "s1", "mod1"),  # 30 in 30
            ("modal-counterpoint", 2, "s2", "mod1"),  # 30 in 30
            ("big-band", 1, "s1", "hall"),  # 80 in 60: 20 short
            ("quiet-hour", 1, "s3", "mod1"),  # 10 in 30: 20 empty
        ),
        origin="solver, seed 0",
    )


@pytest.fixture
def other(small: Instance) -> Alternative:
    return alternative(
        "alternative 2",
        small,
        schedule(
            ("modal-counterpoint", 1, "s1", "mod1"),
            ("modal-counterpoint", 2, "s2", "hall"),  # moved: 30 empty, and the repeat changes room
            ("big-band", 1, "s1", "hall"),  # 20 short
            ("quiet-hour", 1, "s2", "mod1"),  # moved to another slot: 20 empty
        ),
        origin="solver, seed 0, second best",
    )


def retitled(small: Instance, title: str) -> Instance:
    """`small` with Quiet Hour under another title; validated afresh, since `model_copy` would
    carry over the lookups (`talk_by_id`) cached from the old talks."""
    talks = [t.model_dump() | ({"title": title} if t.id == "quiet-hour" else {}) for t in small.talks]
    return Instance.model_validate(small.model_dump() | {"talks": talks})


def test_figures_of_a_small_case_match_the_hand_count(best: Alternative, other: Alternative) -> None:
    figures = comparison_figures([best, other])
    assert list(figures.columns) == ["best", "alternative 2"]
    assert list(figures.index) == [
        HARD_VIOLATIONS,
        OBJECTIVE,
        "a repeated talk keeps its room",
        "a speaker's talks are close together",
        "enough seats",
        "few empty seats",
        "every slot offers similar choice",
        SEATS_SHORT,
        EMPTY_SEATS,
        REPEATS_CHANGING_ROOM,
        MOVES,
    ]
    assert figures.loc[SEATS_SHORT].tolist() == [20, 20]
    assert figures.loc[EMPTY_SEATS].tolist() == [20, 50]
    assert figures.loc[REPEATS_CHANGING_ROOM].tolist() == [0, 1]
    assert figures.loc[MOVES].tolist() == [0, 2]
    assert figures.loc[HARD_VIOLATIONS].tolist() == [0, 0]
    assert figures.loc[OBJECTIVE].tolist() == [best.score.total, other.score.total]
    assert figures.loc["a repeated talk keeps its room"].tolist() == [0, 40]
    assert figures.loc["enough seats"].tolist() == [200, 200]  # 20 short x weight 10
    assert figures.loc["few empty seats"].tolist() == [20, 50]  # weight 1


def test_the_best_of_each_row_is_its_lowest_and_ties_have_none(best: Alternative, other: Alternative) -> None:
    marked = best_figures(comparison_figures([best, other]))
    assert marked.loc[EMPTY_SEATS].tolist() == [True, False]
    assert marked.loc[OBJECTIVE].tolist() == [True, False]
    assert marked.loc[SEATS_SHORT].tolist() == [False, False]  # 20 and 20: a tie
    assert marked.loc[MOVES].tolist() == [False, False]  # the reference has 0 by definition


def test_hard_violations_are_counted(small: Instance, best: Alternative) -> None:
    clash = schedule(
        ("modal-counterpoint", 1, "s1", "mod1"),
        ("modal-counterpoint", 2, "s2", "mod1"),
        ("big-band", 1, "s1", "hall"),
        ("quiet-hour", 1, "s1", "hall"),  # the hall holds Big Band then
    )
    edited = alternative("edited.csv", small, clash)
    assert edited.violations
    assert comparison_figures([best, edited]).loc[HARD_VIOLATIONS].tolist() == [0, len(edited.violations)]


def test_differing_placements_are_exactly_the_changed_ones(best: Alternative, other: Alternative) -> None:
    differing = differing_occurrences([best, other])
    assert [(row.talk, row.occurrence) for row in differing] == [("modal-counterpoint", 2), ("quiet-hour", 1)]
    where = [place.where for place in differing[0].places if place]
    assert where == ["Session II · Modular I", "Session II · Nicholson Hall"]
    assert differing[1].changed(1) and not differing[1].changed(0)
    same = Alternative("same", "copy", best.instance, best.schedule, best.score, ())
    assert differing_occurrences([best, same]) == []


def test_moves_need_no_matching_of_occurrences(small: Instance, best: Alternative) -> None:
    """Occurrence numbers swapped by hand: both rows differ, but no talk sits anywhere new."""
    renumbered = alternative(
        "renumbered.csv",
        small,
        schedule(
            ("modal-counterpoint", 2, "s1", "mod1"),
            ("modal-counterpoint", 1, "s2", "mod1"),
            ("big-band", 1, "s1", "hall"),
            ("quiet-hour", 1, "s3", "mod1"),
        ),
    )
    assert comparison_figures([best, renumbered]).loc[MOVES].tolist() == [0, 0]
    assert [(row.talk, row.occurrence) for row in differing_occurrences([best, renumbered])] == [
        ("modal-counterpoint", 1),
        ("modal-counterpoint", 2),
    ]


def test_a_talk_only_one_side_places_is_listed_not_moved(small: Instance, best: Alternative) -> None:
    without = small.model_copy(update={"talks": tuple(t for t in small.talks if t.id != "quiet-hour")})
    dropped = alternative(
        "no-quiet-hour",
        without,
        schedule(
            ("modal-counterpoint", 1, "s1", "mod1"),
            ("modal-counterpoint", 2, "s2", "hall"),
            ("big-band", 1, "s1", "hall"),
        ),
        origin="scenario no-quiet-hour.yaml: Quiet Hour removed",
    )
    assert comparison_figures([best, dropped]).loc[MOVES].tolist() == [0, 1]  # only Modal Counterpoint's 2nd
    changes = talk_changes(best, dropped)
    assert (changes.added, changes.removed) == ((), ("Quiet Hour",))
    assert changes.text == "drops 'Quiet Hour'"
    assert talk_changes(dropped, best).text == "adds 'Quiet Hour'"
    quiet = next(row for row in differing_occurrences([best, dropped]) if row.talk == "quiet-hour")
    assert quiet.places[1] is None and quiet.changed(1)
    assert "drops 'Quiet Hour'" in rendered_terminal([best, dropped], 120)


def test_a_slot_label_used_on_two_days_is_read_with_its_day() -> None:
    """Thursday's and Friday's first sessions are both 'Session I': the place names the day."""
    slots = [
        {"id": "s1", "label": "Session I", "day": THU, "start": "10:00", "end": "11:00"},
        {"id": "s4", "label": "Session I", "day": FRI, "start": "10:00", "end": "11:00"},
    ]
    two_days = instance(breakout_slots=slots)
    thursday = alternative("thursday", two_days, schedule(("modal-counterpoint", 1, "s1", "mod1")))
    friday = alternative("friday", two_days, schedule(("modal-counterpoint", 1, "s4", "mod1")))
    (row,) = differing_occurrences([thursday, friday])
    where = [place.where for place in row.places if place]
    assert where == ["Thu Session I · Modular I", "Fri Session I · Modular I"]


def test_one_alternative_renders_everywhere(best: Alternative) -> None:
    assert "One schedule: nothing to compare" in rendered_terminal([best], 80)
    assert "One schedule: nothing to compare" in render_comparison_html([best])
    assert len(csv_rows(comparison_csv_text([best]))) == 1 + 4


def test_alternatives_must_be_named_apart_and_not_none(best: Alternative) -> None:
    with pytest.raises(ValueError, match="distinct names"):
        comparison_figures([best, best])
    with pytest.raises(ValueError, match="at least one"):
        comparison_csv_text([])


def test_an_occurrence_placed_twice_is_refused(small: Instance, best: Alternative) -> None:
    twice = alternative("twice.csv", small, schedule(("big-band", 1, "s1", "hall"), ("big-band", 1, "s2", "hall")))
    with pytest.raises(ValueError, match="Big Band' occurrence 1 twice"):
        differing_occurrences([best, twice])


# --- AMJ 2010: the published grid against a copy with two rooms swapped --------------------


@pytest.fixture(scope="module")
def amj() -> Instance:
    return load_instance(REPO / "instances" / "2010.yaml")


@pytest.fixture(scope="module")
def published(amj: Instance) -> Alternative:
    grid = read_grid_csv(REPO / "instances" / "2010-published.csv", amj)
    return alternative("2010-published.csv", amj, grid, origin="grid instances/2010-published.csv")


@pytest.fixture(scope="module")
def swapped(amj: Instance, published: Alternative) -> Alternative:
    placements = tuple(
        p.model_copy(update={"room": SWAPPED[p.talk, p.occurrence]}) if (p.talk, p.occurrence) in SWAPPED else p
        for p in published.schedule.placements
    )
    origin = "grid 2010-published.csv, two rooms swapped"
    return alternative("2010-swapped", amj, Schedule(placements=placements), origin=origin)


def test_2010_figures(published: Alternative, swapped: Alternative) -> None:
    figures = comparison_figures([published, swapped])
    assert figures.loc[MOVES].tolist() == [0, 2]
    assert figures.loc[REPEATS_CHANGING_ROOM].tolist() == [0, 2]
    assert figures.loc[HARD_VIOLATIONS].tolist() == [0, 0]
    assert figures.loc["a repeated talk keeps its room"].tolist() == [0, 80]  # two talks, 40 each
    assert figures.loc[OBJECTIVE, "2010-swapped"] - figures.loc[OBJECTIVE, "2010-published.csv"] == 80
    # The seat figures are the seat costs before weighting (weights 10 and 1 in 2010.yaml).
    assert (figures.loc[SEATS_SHORT] * 10).tolist() == figures.loc["enough seats"].tolist()
    assert figures.loc[EMPTY_SEATS].tolist() == figures.loc["few empty seats"].tolist()
    # Justice (40) and Global Philanthropy (45) trade Modular II (60) for Modular I (70): as many empty seats.
    assert figures.loc[EMPTY_SEATS, "2010-swapped"] == figures.loc[EMPTY_SEATS, "2010-published.csv"] > 0


def test_2010_differing_placements_are_the_two_swapped(published: Alternative, swapped: Alternative) -> None:
    differing = differing_occurrences([published, swapped])
    assert {(row.talk, row.occurrence) for row in differing} == set(SWAPPED)
    justice = next(row for row in differing if row.talk == "justice-begins-at-home")
    assert [place.where for place in justice.places if place] == ["Session I · Modular II", "Session I · Modular I"]


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_occurrence_with_each_alternatives_place(
    published: Alternative, swapped: Alternative
) -> None:
    text = comparison_csv_text([published, swapped])
    rows = csv_rows(text)
    assert rows[0] == [
        "session_id",
        "title",
        "occurrence",
        "2010-published.csv day",
        "2010-published.csv start",
        "2010-published.csv slot",
        "2010-published.csv room",
        "2010-swapped day",
        "2010-swapped start",
        "2010-swapped slot",
        "2010-swapped room",
    ]
    body = rows[1:]
    assert len(body) == 26
    assert [(row[0], int(row[2])) for row in body] == sorted((row[0], int(row[2])) for row in body)
    by_key = {(row[0], row[2]): row for row in body}
    assert by_key["justice-begins-at-home", "1"][3:] == [
        "2010-04-17",
        "10:15",
        "Session I",
        "Modular II",
        "2010-04-17",
        "10:15",
        "Session I",
        "Modular I",
    ]
    assert by_key["artist-as-creator", "2"][1] == "The Artist as Creator, Servant, and Prophet"
    assert ',"The Artist as Creator, Servant, and Prophet",' in text
    unchanged = [row for key, row in by_key.items() if (key[0], int(key[1])) not in SWAPPED]
    assert all(row[3:7] == row[7:11] for row in unchanged)


def test_csv_leaves_blanks_where_an_alternative_does_not_place_a_talk(best: Alternative, small: Instance) -> None:
    only_big_band = alternative("big band only", small, schedule(("big-band", 1, "s2", "hall")))
    rows = {row[0] + row[2]: row for row in csv_rows(comparison_csv_text([best, only_big_band]))[1:]}
    assert rows["quiet-hour1"][7:] == ["", "", "", ""]
    assert rows["big-band1"][3:] == [
        "2025-06-12",
        "10:00",
        "Session I",
        "Nicholson Hall",
        "2025-06-12",
        "11:15",
        "Session II",
        "Nicholson Hall",
    ]


def test_csv_bytes_are_deterministic(published: Alternative, swapped: Alternative) -> None:
    text = comparison_csv_text([published, swapped])
    reversed_placements = Schedule(placements=tuple(reversed(swapped.schedule.placements)))
    shuffled = alternative("2010-swapped", swapped.instance, reversed_placements, swapped.origin)
    assert comparison_csv_text([published, shuffled]) == text
    assert "\r" not in text and text.endswith("\n")


def test_html_highlights_the_differing_placements(published: Alternative, swapped: Alternative) -> None:
    page = render_comparison_html([published, swapped])
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<link" not in page and "http" not in page
    assert "@media print" in page
    assert page.count('<li class="changed moved">') == 2  # only in the swapped column
    assert (
        page.count(
            '<td class="changed"><span class="cell-label">2010-swapped</span><span class="mark">moved</span>Session I · Modular'
        )
        == 2
    )
    assert "in 2010-published.csv: Session I · Modular II" in page  # where the reference has Justice
    assert "Placements that differ (2)" in page
    assert (
        '<td class="best"><span class="cell-label">2010-published.csv</span> 485</td>' in page
    )  # the published grid's objective beats the swap's 565
    assert "grid instances/2010-published.csv" in page


def test_html_escapes_every_text(small: Instance, best: Alternative) -> None:
    hostile = retitled(small, HOSTILE).model_copy(
        update={"conference": small.conference.model_copy(update={"name": "<b>Week</b>"})}
    )
    moved = schedule(
        ("modal-counterpoint", 1, "s1", "mod1"),
        ("modal-counterpoint", 2, "s2", "mod1"),
        ("big-band", 1, "s1", "hall"),
        ("quiet-hour", 1, "s2", "hall"),
    )
    page = render_comparison_html(
        [
            alternative("<i>best</i>", hostile, best.schedule, origin="<img src=x>"),
            alternative('"other" & co', hostile, moved),
        ]
    )
    assert "<script>" not in page and "<b>Week" not in page and "<i>best" not in page and "<img" not in page
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Q&#34;"
    assert page.count(escaped) == 3  # in each grid column and in the list of differing placements
    assert "&lt;i&gt;best&lt;/i&gt;" in page and "&lt;img src=x&gt;" in page and "&#34;other&#34; &amp; co" in page


def rendered_terminal(alternatives: list[Alternative], width: int) -> str:
    console = Console(record=True, width=width, color_system=None)
    render_comparison(console, alternatives)
    return console.export_text()


def test_terminal_shows_figures_origins_and_differences(published: Alternative, swapped: Alternative) -> None:
    text = rendered_terminal([published, swapped], 80)
    assert all(len(line) <= 80 for line in text.splitlines())
    lines = text.splitlines()
    assert next(line for line in lines if line.startswith("objective")).split()[-2:] == [
        str(published.score.total),
        str(swapped.score.total),
    ]
    assert next(line for line in lines if line.startswith(MOVES)).split()[-2:] == ["–", "2"]
    assert next(line for line in lines if line.startswith(REPEATS_CHANGING_ROOM)).split()[-2:] == ["0", "2"]
    assert "grid instances/2010-published.csv" in text and "two rooms swapped" in text
    assert "Placements that differ (2)" in text
    justice = next(line for line in lines if line.startswith("Justice Begins"))
    assert "Session I · Modular II" in justice and "* Session I · Modular I" in justice


def test_terminal_uses_letters_and_lists_down_when_narrow(
    published: Alternative, swapped: Alternative, amj: Instance
) -> None:
    third = alternative("alternative 3 with a long name", amj, published.schedule)
    fourth = alternative("alternative 4", amj, swapped.schedule)
    text = rendered_terminal([published, swapped, third, fourth], 80)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "A  2010-published.csv: grid instances/2010-published.csv" in text
    assert "C  alternative 3 with a long name: test" in text
    lines = [line.rstrip() for line in text.splitlines()]
    header = next(line for line in lines if line.startswith("Key figures"))
    assert header.split()[-4:] == ["A", "B", "C", "D"]
    at = lines.index("Justice Begins at Home · occurrence 1")
    assert [line.split(maxsplit=1) for line in lines[at + 1 : at + 5]] == [
        ["A", "Session I · Modular II"],
        ["B", "* Session I · Modular I"],
        ["C", "Session I · Modular II"],
        ["D", "* Session I · Modular I"],
    ]


def test_terminal_prints_markup_in_names_as_text(small: Instance, best: Alternative, other: Alternative) -> None:
    marked = retitled(small, "[bold]Quiet[/bold] Hour")
    alternatives = [alternative("[red]best", marked, best.schedule), alternative("other", marked, other.schedule)]
    text = rendered_terminal(alternatives, 120)
    assert "[bold]Quiet[/bold] Hour" in text and "[red]best" in text


def test_terminal_output_to_a_file_has_no_escape_codes(published: Alternative, swapped: Alternative) -> None:
    buffer = io.StringIO()
    render_comparison(Console(file=buffer, width=80), [published, swapped])
    assert "\x1b[" not in buffer.getvalue() and "Placements that differ (2)" in buffer.getvalue()


def test_write_comparison_writes_both_files(tmp_path: Path, published: Alternative, swapped: Alternative) -> None:
    out = tmp_path / "out" / "compare"
    paths = write_comparison(out, [published, swapped])
    assert paths == [out / "compare.csv", out / "compare.html"]
    assert sorted(p.name for p in out.iterdir()) == ["compare.csv", "compare.html"]
    assert (out / "compare.csv").read_bytes() == comparison_csv_text([published, swapped]).encode("utf-8")


def test_a_failing_render_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, best: Alternative) -> None:
    def broken(*_: object) -> str:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(compare_publish, "render_comparison_html", broken)
    with pytest.raises(RuntimeError):
        write_comparison(tmp_path / "fresh", [best])
    assert not (tmp_path / "fresh").exists()

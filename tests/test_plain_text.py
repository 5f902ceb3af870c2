"""Names, titles and every other text in a file are plain text: control characters are refused
where a file is read, anything printed is printed as written (never as rich markup or an escape
sequence), and whatever is accepted comes back unchanged through grid.csv and `check`."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from amj_scheduler.cli import main
from amj_scheduler.models import InputError, Instance, load_instance, parse_instance, read_grid_csv
from amj_scheduler.models.names import ONE_LINE_MAX, unsafe_character, visible
from amj_scheduler.models.scenario import ScenarioSpec
from click.testing import CliRunner
from pydantic import ValidationError

from .builders import FRI, THU, fixed, instance, talk
from .screens import assert_one_screen

SMALL = Path(__file__).parent / "instances" / "small.yaml"
HOSTILE = ("\x1b]0;pwned\x07", "\x00", "\x7f", "\x9b", "\u202e", "\u2066", "\u2028", "\r", "\n", "\t")
"""An OSC sequence (retitles the window), NUL, DEL, C1 CSI, two bidi controls, a line separator,
carriage return, line feed and tab: none belongs in a one-line name."""


def every_text_field() -> dict[str, Any]:
    """A conference that fills in every text field the format has, as JSON."""
    window = {"day": THU, "start": "09:00", "end": "10:00", "reason": "rehearsal"}
    return instance(
        rooms=[
            {"id": "hall", "name": "Nicholson Hall", "capacity": 60, "area": "North", "unavailable": [window]},
            {"id": "mod1", "name": "Modular I", "capacity": 30},
        ],
        speakers=[{"id": "ann", "name": "Ann Lee", "affiliation": "Falls Church", "unavailable": [window]}],
        audiences=[{"id": "youth", "name": "Youth Choir", "description": "Ages 12-18,\nwith chaperones"}],
        fixed_items=[fixed("doors", "08:30", "09:00", people=["ann"])],
        days=[{"date": THU, "name": "Thursday"}, {"date": FRI, "name": "Friday"}],
        talks=[talk("modal-counterpoint", restricted_to="youth")],
    ).model_dump(mode="json")


def string_leaves(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from string_leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from string_leaves(value, (*path, index))
    elif isinstance(node, str):
        yield path


def with_value(document: dict[str, Any], path: tuple[str | int, ...], value: str) -> dict[str, Any]:
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return document


TEXT_PATHS = list(string_leaves(every_text_field()))


def test_the_fixture_covers_every_kind_of_text_field() -> None:
    named = {path[-1] for path in TEXT_PATHS}
    assert {"name", "venue", "title", "label", "reason", "area", "affiliation", "description"} <= named


@pytest.mark.parametrize("path", TEXT_PATHS, ids=[".".join(map(str, path)) for path in TEXT_PATHS])
@pytest.mark.parametrize("hostile", HOSTILE[:6], ids=["osc", "nul", "del", "c1-csi", "rlo", "lri"])
def test_a_control_character_in_any_text_of_an_instance_is_refused(path: tuple[str | int, ...], hostile: str) -> None:
    document = with_value(every_text_field(), path, f"Evil{hostile}Name")
    with pytest.raises(ValidationError):
        Instance.model_validate(document)


def test_the_refusal_names_the_line_the_field_and_the_character() -> None:
    text = SMALL.read_text(encoding="utf-8").replace("name: Sara Groves", 'name: "Sara \\e[2JGroves"')
    with pytest.raises(InputError) as caught:
        parse_instance(text, "small.yaml")
    [problem] = caught.value.problems
    assert problem.line == text.splitlines().index('    name: "Sara \\e[2JGroves"') + 1
    assert problem.field == "speakers[0] (id sara-groves).name"
    assert problem.message.startswith("contains a control character (U+001B) at character 6")
    assert "\x1b" not in caught.value.render()


def test_a_description_may_run_over_lines_but_hold_no_other_control() -> None:
    assert unsafe_character("Ages 12-18,\n\twith chaperones", paragraph=True) is None
    assert unsafe_character("Ages\x1b12", paragraph=True) is not None
    assert unsafe_character("Ages 12-18,\nwith chaperones") is not None  # a name is one line


def test_marks_that_arabic_and_hebrew_names_use_are_allowed() -> None:
    assert unsafe_character("\u200fمحمد\u200e and שרה") is None


def test_a_scenario_refuses_control_characters_in_every_text() -> None:
    base: dict[str, Any] = {
        "scenario": "No Modular",
        "description": "Refit.",
        "close_rooms": [{"room": "mod1", "reason": "refit"}],
    }
    for path in string_leaves(base):
        if path[-1] == "room":
            continue
        with pytest.raises(ValidationError):
            ScenarioSpec.model_validate(
                with_value({**base, "close_rooms": [dict(base["close_rooms"][0])]}, path, "a\x1bb")
            )


def test_visible_shows_every_control_character_as_an_escape() -> None:
    assert visible("a\x1b[2Jb\u202ec\nd") == "a\\x1b[2Jb\\u202ec\\nd"
    assert visible("Nicholson Hall, Café") == "Nicholson Hall, Café"


def test_a_file_name_with_escape_sequences_is_printed_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["evil\x1b]0;pwned\x07.yaml"])
    assert result.exit_code == 2
    assert "evil\\x1b]0;pwned\\x07.yaml: 1 problem" in result.stderr
    assert_one_screen(result.output)


# --- what is printed is what was written ---------------------------------------------------------

MARKUP_TITLE = "[/][link=https://evil.example]Slides[/link] [bold red]now[/] :warning:"


@pytest.fixture()
def markup_conference(tmp_path: Path) -> Path:
    text = SMALL.read_text(encoding="utf-8").replace("title: The Real You", f"title: '{MARKUP_TITLE}'")
    text = text.replace("name: Modular I", "name: '[red]Modular[/red] I'")
    path = tmp_path / "markup.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("verb", ["solve", "explain", "compare", "check"])
def test_rich_markup_in_titles_and_rooms_is_printed_as_written_never_interpreted(
    verb: str, markup_conference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With colours forced on, as in a terminal: still no hyperlink escape, and the text intact."""
    monkeypatch.chdir(tmp_path)
    # 256 colours, as other tests render: rich keeps the first escape codes it made for a style.
    runner = CliRunner(env={"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLORTERM": None, "COLUMNS": "300"})
    solved = runner.invoke(main, ["solve", str(markup_conference), "--out", "out"])
    assert solved.exit_code == 0, solved.output
    args = {
        "solve": ["solve", str(markup_conference), "--out", "out"],
        "explain": ["explain", str(markup_conference)],
        "compare": ["compare", str(markup_conference), "--alternatives", "2", "--out", "cmp"],
        "check": ["check", str(markup_conference), "out/grid.csv"],
    }[verb]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "\x1b]8;" not in result.output, "a hyperlink escape reached the terminal"
    assert "Traceback" not in result.output
    if verb == "solve":  # the grid names every talk and room
        assert MARKUP_TITLE in result.stdout
        assert "[red]Modular[/red] I" in result.stdout


def test_a_title_of_the_most_characters_round_trips_through_grid_csv_and_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    longest = "A" * (ONE_LINE_MAX - 10) + ', "quoted"'
    text = SMALL.read_text(encoding="utf-8").replace("title: The Real You", f"title: '{longest}'")
    (tmp_path / "long.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    solved = CliRunner().invoke(main, ["solve", "long.yaml", "--out", "out", "-q"])
    assert solved.exit_code == 0, solved.output
    checked = CliRunner().invoke(main, ["check", "long.yaml", "out/grid.csv"])
    assert checked.exit_code == 0, checked.output
    with (tmp_path / "out" / "grid.csv").open(encoding="utf-8", newline="") as grid:
        assert longest in [row["title"] for row in csv.DictReader(grid)]


def test_a_title_over_the_limit_is_refused_with_its_length(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace("title: The Real You", "title: " + "A" * 200_000)
    with pytest.raises(InputError) as caught:
        parse_instance(text, "long.yaml")
    assert [p.message for p in caught.value.problems] == ["is 200,000 characters long; at most 500 fit here"]


def test_a_huge_cell_in_a_planners_own_column_is_read(tmp_path: Path) -> None:
    """The csv module refuses cells over 128 KiB by default; a grid's notes column may be longer."""
    conference = load_instance(SMALL)
    grid = tmp_path / "grid.csv"
    grid.write_text(
        "day,start,room,kind,session_id,occurrence,notes\n"
        f"2025-06-12,10:00,Modular I,talk,real-you,1,{'n' * 200_000}\n",
        encoding="utf-8",
    )
    assert [p.talk for p in read_grid_csv(grid, conference).placements] == ["real-you"]


def test_a_grid_whose_file_name_holds_escape_sequences_heads_its_column_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    solved = CliRunner().invoke(main, [str(SMALL), "--out", "out", "-q"])
    assert solved.exit_code == 0, solved.output
    hostile = tmp_path / "grid\x1b]0;pwned\x07.csv"
    hostile.write_bytes((tmp_path / "out" / "grid.csv").read_bytes())
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        main, ["compare", str(SMALL), "--grid", str(hostile), "--out", "cmp"]
    )
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "grid\\x1b]0;pwned\\x07.csv" in result.stdout

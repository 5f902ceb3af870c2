"""Attendees' wish lists as planners bring them: a spreadsheet's CSV, or pretalx favourites as JSON,
read forgivingly, and every mistake named on one screen with its file, line and field (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from amj_scheduler.models import InputError, Instance, load_instance
from amj_scheduler.models.wish_file import read_wishes
from click.testing import CliRunner

from .builders import instance, talk

REPO = Path(__file__).parents[1]
AMJ_2010 = REPO / "instances" / "2010.yaml"


def conference() -> Instance:
    return instance(
        talks=[
            talk("modal-counterpoint", code="G9JGWY"),
            talk("hymn-writing", speakers=["bo"]),
        ]
    )


def wishes_in(tmp_path: Path, text: str | bytes, name: str = "wishes.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, name: str = "wishes.csv") -> list[tuple[int | None, str, str]]:
    with pytest.raises(InputError) as caught:
        read_wishes(wishes_in(tmp_path, text, name), conference())
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def test_a_spreadsheets_csv_with_bom_semicolons_crlf_and_odd_headers_reads(tmp_path: Path) -> None:
    text = "\ufeffAttendee ; Talk ; Weight ; note\r\nava;modal-counterpoint;2;keen\r\n\r\nava ; hymn-writing ; ;\r\nben;hymn-writing\r\n"
    book = read_wishes(wishes_in(tmp_path, text), conference())
    assert [(a.attendee, [(w.talk, w.weight) for w in a.wishes]) for a in book.attendees] == [
        ("ava", [("modal-counterpoint", 2), ("hymn-writing", 1)]),
        ("ben", [("hymn-writing", 1)]),
    ]
    assert book.wishers["hymn-writing"] == 2


def test_every_bad_row_is_named_with_its_line_and_field(tmp_path: Path) -> None:
    text = "attendee,talk,weight\nava,modal-countrpoint,1\n,hymn-writing,1\nben,hymn-writing,heavy\nben,hymn-writing\nben,hymn-writing\n"
    assert problems(tmp_path, text) == [
        (2, "talk", "no talk of Test Week has the id 'modal-countrpoint'. Did you mean 'modal-counterpoint'?"),
        (3, "attendee", "is empty"),
        (4, "weight", "'heavy' is not a weight (a whole number from 1 to 1,000)"),
        (6, "talk", "ben already wishes for 'Hymn Writing' on line 5"),
    ]


def test_a_header_without_the_talk_column_is_named(tmp_path: Path) -> None:
    assert problems(tmp_path, "attendee,session\nava,hymn-writing\n") == [(1, "header", "missing column: talk")]


def test_another_conferences_wish_list_is_one_problem_not_a_screen_of_ids(tmp_path: Path) -> None:
    text = "attendee,talk\nava,e6210\nben,e6211\ncal,e6212\n"
    assert problems(tmp_path, text) == [
        (2, "talk", "none of the wished talks is a talk of Test Week; is it another conference's wish list?")
    ]


def test_a_fixed_item_is_not_something_to_wish_for(tmp_path: Path) -> None:
    fixed = instance(
        fixed_items=[
            {"id": "lunch", "title": "Lunch", "kind": "meal", "day": "2025-06-12", "start": "12:15", "end": "13:00"}
        ]
    )
    path = wishes_in(tmp_path, "attendee,talk\nava,lunch\nava,modal-counterpoint\n")
    with pytest.raises(InputError) as caught:
        read_wishes(path, fixed)
    assert [p.message for p in caught.value.problems] == [
        "'lunch' is the fixed item 'Lunch', not a talk; wishes name talks"
    ]


def test_a_talk_held_inside_another_is_wished_by_its_container(tmp_path: Path) -> None:
    from .builders import window_instance, window_talk

    lightning = window_talk(
        "lightning",
        minutes=30,
        contains=[{"id": "tiny", "title": "Tiny", "speakers": ["bo"], "offset": 0, "minutes": 5}],
    )
    book = read_wishes(wishes_in(tmp_path, "attendee,talk\nava,tiny\n"), window_instance(talks=[lightning]))
    assert [w.talk for w in book.attendees[0].wishes] == ["lightning"]


def test_pretalx_favourites_read_as_its_api_gives_them(tmp_path: Path) -> None:
    # GET /api/events/<event>/submissions/favourites/ answers a list of submission codes.
    book = read_wishes(wishes_in(tmp_path, json.dumps(["G9JGWY", "hymn-writing"]), "ava.json"), conference())
    assert [(a.attendee, [w.talk for w in a.wishes]) for a in book.attendees] == [
        ("ava", ["modal-counterpoint", "hymn-writing"])
    ]
    by_attendee = {"ava": ["g9jgwy"], "ben": ["hymn-writing"]}
    book = read_wishes(wishes_in(tmp_path, json.dumps(by_attendee), "all.json"), conference())
    assert [a.attendee for a in book.attendees] == ["ava", "ben"]


def favourites_with_an_unknown_code(tmp_path: Path) -> Path:
    """A folder of two attendees' favourites; ben's second, on line 3 of ben.json, names no talk."""
    folder = tmp_path / "favourites"
    folder.mkdir()
    (folder / "ava.json").write_text('["G9JGWY"]', encoding="utf-8")
    (folder / "ben.json").write_text('[\n  "hymn-writing",\n  "XXXXXX"\n]', encoding="utf-8")
    return folder


def test_a_folder_of_favourites_is_one_attendee_per_file(tmp_path: Path) -> None:
    folder = favourites_with_an_unknown_code(tmp_path)
    with pytest.raises(InputError) as caught:
        read_wishes(folder, conference())
    assert [(p.line, p.message) for p in caught.value.problems] == [(3, "no talk of Test Week has the id 'XXXXXX'")]


def test_favourites_that_are_not_lists_of_codes_are_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, '{"ava": "G9JGWY"}', "x.json") == [
        (1, "file", "expected pretalx favourites: a list of talk codes, or lists of codes by attendee")
    ]
    assert problems(tmp_path, "[1, 2", "y.json")[0][1:] == ("file", "is not valid JSON (Expecting ',' delimiter)")


def test_the_instance_names_its_wish_file_beside_it(tmp_path: Path) -> None:
    (tmp_path / "wishes.csv").write_text("attendee,talk\nava,artist-as-creator\n", encoding="utf-8")
    yaml = AMJ_2010.read_text(encoding="utf-8") + "\nwishes: wishes.csv\n"
    (tmp_path / "amj.yaml").write_text(yaml, encoding="utf-8")
    loaded = load_instance(tmp_path / "amj.yaml")
    assert loaded.attendee_wishes is not None and loaded.attendee_wishes.wishers["artist-as-creator"] == 1


def test_a_wish_file_the_instance_names_but_nobody_wrote_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "amj.yaml").write_text(
        AMJ_2010.read_text(encoding="utf-8") + "\nwishes: missing.csv\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["solve", str(tmp_path / "amj.yaml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "wishes: names 'missing.csv', but there is no such file beside the instance" in result.output
    assert not (tmp_path / "out").exists()


def test_a_bad_wish_file_stops_every_verb_with_one_screen(tmp_path: Path) -> None:
    path = wishes_in(tmp_path, "attendee,talk\nava,artist-as-creatr\n")
    published = str(REPO / "instances" / "2010-published.csv")
    for verb in (["solve"], ["check"], ["compare"], ["explain"]):
        arguments = [*verb, str(AMJ_2010), *([published] if verb == ["check"] else []), "--wishes", str(path)]
        result = CliRunner().invoke(main, arguments)
        assert result.exit_code == 2, (verb, result.output)
        assert "line 2, talk: no talk of Art Music Justice 2010 has the id 'artist-as-creatr'" in result.output
        assert "Did you mean 'artist-as-creator'?" in result.output


def test_favourites_find_the_talks_of_an_imported_pretalx_schedule_by_their_codes(tmp_path: Path) -> None:
    source = Path(__file__).parent / "data" / "pretalx-small.schedule.json"
    imported = tmp_path / "riverside.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(imported)])
    assert result.exit_code == 0, result.output
    book = read_wishes(wishes_in(tmp_path, '["AAAA02", "AAAA03"]', "ava.json"), load_instance(imported))
    assert [w.talk for w in book.attendees[0].wishes] == ["e102", "e103"]


def test_favourites_nested_beyond_reason_or_with_an_endless_number_are_one_problem(tmp_path: Path) -> None:
    # The json module reads nesting by recursion (RecursionError) and refuses 4,300 digits (ValueError).
    deep = problems(tmp_path, "[" * 100_000 + "]" * 100_000, "deep.json")
    assert deep == [(1, "JSON nesting", "arrays and objects are nested more than 50 deep here; favourites need 2")]
    long = problems(tmp_path, '{"ava": [\n' + "1" * 5_000 + "]}", "long.json")
    assert long == [(2, "number", "a number 5,000 digits long; no id or count here needs more than 100")]


def test_favourites_name_their_attendees_as_plainly_as_a_csv_must(tmp_path: Path) -> None:
    lists = '{\n"ava": ["G9JGWY"],\n"": ["hymn-writing"],\n"b\\u001bo": ["hymn-writing"]\n}'
    assert problems(tmp_path, lists, "all.json") == [
        (3, "attendee", "is empty"),
        (4, "attendee", "contains a control character (U+001B) at character 2; only plain text is allowed"),
    ]


def test_an_attendee_named_twice_in_favourites_is_not_counted_as_two(tmp_path: Path) -> None:
    # json.loads keeps the last of two equal keys: the first list would be lost without a word.
    assert problems(tmp_path, '{"ava": ["G9JGWY"],\n "ava": ["hymn-writing"]}', "all.json") == [
        (2, "ava", "is named twice; give each attendee's favourites once")
    ]
    folder = tmp_path / "favourites"
    folder.mkdir()
    (folder / "ava.json").write_text('["G9JGWY"]', encoding="utf-8")
    (folder / "more.json").write_text('{"ben": ["G9JGWY"],\n"ava": ["hymn-writing"]}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_wishes(folder, conference())
    assert caught.value.path == folder / "more.json"
    assert [(p.line, p.field, p.message) for p in caught.value.problems] == [
        (2, "ava", "already has favourites in ava.json; give each attendee's favourites once")
    ]


def test_a_problem_in_a_folder_of_favourites_names_the_file_it_is_in(tmp_path: Path) -> None:
    folder = favourites_with_an_unknown_code(tmp_path)
    with pytest.raises(InputError) as caught:
        read_wishes(folder, conference())
    assert caught.value.path == folder / "ben.json"


@pytest.mark.parametrize(("text", "name"), [("attendee,talk,weight\n", "wishes.csv"), ("[]", "ava.json")])
def test_a_wish_file_without_a_single_wish_is_refused_not_ignored(tmp_path: Path, text: str, name: str) -> None:
    assert problems(tmp_path, text, name) == [
        (None, "file", "holds no wish: not one attendee wishes for a talk; is it the right file?")
    ]


def test_an_empty_wishes_key_is_named_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "amj.yaml").write_text(AMJ_2010.read_text(encoding="utf-8") + '\nwishes: ""\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["solve", str(tmp_path / "amj.yaml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "line 399, wishes: String should have at least 1 character" in result.output
    assert not (tmp_path / "out").exists()


def test_the_loaders_own_field_written_in_yaml_is_an_unknown_key_that_names_wishes(tmp_path: Path) -> None:
    path = tmp_path / "2010.yaml"
    path.write_text((REPO / "instances" / "2010.yaml").read_text(encoding="utf-8") + "attendee_wishes: foo\n")
    with pytest.raises(InputError) as raised:
        load_instance(path)
    [problem] = raised.value.problems
    assert problem.field == "attendee_wishes"
    assert problem.message.startswith("unknown key: name the wish file under `wishes:`")

"""`amj-solve import`: a published FOSDEM or pretalx program becomes an instance a planner can
solve again, and the grid it published, with every assumption written down.

FOSDEM 2025 (`instances/sources/fosdem-2025.schedule.xml`, the official frab export) is
imported once per module; `tests/data/pretalx-small.schedule.json` is a hand-written pretalx
export with a repeated children's workshop, a speaker with two talks and tracks. Bad files are
a small frab XML or that JSON with one thing broken.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from amj_scheduler.importers import convert, read_schedule
from amj_scheduler.models import Instance, load_instance
from amj_scheduler.models.grid_csv import read_grid_file
from click.testing import CliRunner, Result

REPO = Path(__file__).parents[1]
FOSDEM_XML = REPO / "instances" / "sources" / "fosdem-2025.schedule.xml"
FOSDEM_YAML = REPO / "instances" / "fosdem-2025.yaml"
FOSDEM_CSV = REPO / "instances" / "fosdem-2025-published.csv"
PRETALX_JSON = Path(__file__).parent / "data" / "pretalx-small.schedule.json"


def amj_solve(*args: str | Path) -> Result:
    runner = CliRunner(env={"COLUMNS": "200"})
    return runner.invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def flat(text: str) -> str:
    return " ".join(text.split())


def comments(text: str) -> str:
    """The YAML's text with comment marks taken out, so a wrapped comment reads as one line."""
    return flat(text.replace("#", " "))


def placements(schedule: object) -> list[tuple[str, int, str, str]]:
    return sorted((p.talk, p.occurrence, p.slot, p.room) for p in schedule.placements)  # type: ignore[attr-defined]


# --- FOSDEM 2025 ----------------------------------------------------------------------------


class Imported:
    """One import: what the command printed, the files it wrote, and the instance they hold."""

    def __init__(self, result: Result, yaml_path: Path) -> None:
        self.result = result
        self.yaml_path = yaml_path
        self.csv_path = yaml_path.with_name(f"{yaml_path.stem}-published.csv")
        self.text = yaml_path.read_text(encoding="utf-8")
        self.instance: Instance = load_instance(yaml_path)


@pytest.fixture(scope="module")
def fosdem(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("fosdem")
    result = amj_solve("import", FOSDEM_XML, "--out", folder / "fosdem-2025.yaml")
    assert result.exit_code == 0, result.output
    return Imported(result, folder / "fosdem-2025.yaml")


@pytest.mark.slow
def test_fosdem_has_its_days_rooms_tracks_talks_and_speakers(fosdem: Imported) -> None:
    instance = fosdem.instance
    assert [(day.date.isoformat(), day.name) for day in instance.days] == [
        ("2025-02-01", "Saturday"),
        ("2025-02-02", "Sunday"),
    ]
    assert len(instance.rooms) == 29  # of 40 declared: 11 hold nothing and are left out
    assert len(instance.tracks) == 69  # of 74 declared: 5 hold no events
    assert len(instance.talks) == 943 and sum(talk.occurrences for talk in instance.talks) == 943
    assert len(instance.speakers) == 992  # no one is invented for the three events that name nobody
    busy = Counter(speaker for talk in instance.talks for speaker in talk.speakers)
    assert sum(1 for count in busy.values() if count > 1) == 127
    assert busy["jordan-maris"] == 9
    summary = flat(fosdem.result.stdout)
    for shown in (
        "Imported FOSDEM 2025",
        "days 2, 2025-02-01 to 2025-02-02",
        "time zone Europe/Brussels",
        "rooms 29, 0 with their capacities from the file; 11 more declared but unused",
        "tracks 69",
        "talks 943 from 943 events",
        "speakers 992: 0 names under several ids merged, 0 ids under several names split; 3 events name no speaker",
        "children only 18 talks",
    ):
        assert shown in summary, shown


@pytest.mark.slow
def test_fosdem_windows_are_the_published_days_on_the_files_5_minute_grid(fosdem: Imported) -> None:
    windows = [
        (w.id, w.label, str(w.day), f"{w.start:%H:%M}", f"{w.end:%H:%M}", w.step)
        for w in fosdem.instance.breakout_windows
    ]
    assert windows == [
        ("sat", "Saturday", "2025-02-01", "09:00", "19:00", 5),
        ("sun", "Sunday", "2025-02-02", "09:00", "17:15", 5),
    ]


@pytest.mark.slow
def test_fosdem_rooms_open_from_their_first_published_talk_to_their_last(fosdem: Imported) -> None:
    k3201 = fosdem.instance.room_by_id["k3201"]
    assert k3201.name == "K.3.201"
    assert [(str(w.day), f"{w.start:%H:%M}", f"{w.end:%H:%M}") for w in k3201.open] == [
        ("2025-02-01", "10:35", "19:00"),
        ("2025-02-02", "09:00", "12:55"),
    ]
    chavanne = next(room for room in fosdem.instance.rooms if room.name == "UD2.120 (Chavanne)")
    assert [str(w.day) for w in chavanne.open] == ["2025-02-01"]  # nothing there on Sunday: closed
    assert "Janson" not in {room.name for room in fosdem.instance.rooms}
    assert (
        "Left out, as no event is published in them: J.1.106, K.1.105 (La Fontaine), H.2111, H.2215 (Ferrer), "
        "H.3242, H.3244, AW1.121, AW1.125, UB4.228, UD2.110, Janson."
    ) in comments(fosdem.text)
    assert "open: from the published program, first start to last end" in comments(fosdem.text)


@pytest.mark.slow
def test_fosdem_every_talk_is_pinned_to_its_published_day_and_keeps_its_minutes(fosdem: Imported) -> None:
    instance = fosdem.instance
    llvm = instance.talk_by_id["e6210"]
    assert (llvm.title, llvm.speakers, llvm.minutes, llvm.track) == (
        "A New Approach to Callee-Saved Registers in LLVM",
        ("mikhail-gudim",),
        25,
        "llvm",
    )
    assert [str(pin.day) for pin in llvm.pins] == ["2025-02-01"]
    published_day = {
        p.talk: instance.slot_by_id[p.slot].day for p in read_grid_file(fosdem.csv_path, instance).schedule.placements
    }
    assert all([pin.day for pin in talk.pins] == [published_day[talk.id]] for talk in instance.talks)


@pytest.mark.slow
def test_fosdem_titles_and_names_survive_quoting(fosdem: Imported) -> None:
    talks = fosdem.instance.talk_by_id
    assert talks["e5202"].title == "O_o [ Flang + WASM ] o_O"
    assert talks["e6662"].title == "Welcome to the Modern Email DevRoom 💌"
    assert talks["e5201"].speakers == ("serge-sans-paille-guelton",)
    assert fosdem.instance.speaker_by_id["serge-sans-paille-guelton"].name == "Serge « sans paille » Guelton"
    assert (
        fosdem.instance.track_by_id["apis-graphql-openapi-asyncapi-and-friends"].name
        == "APIs: GraphQL, OpenAPI, AsyncAPI, and friends"
    )


@pytest.mark.slow
def test_fosdem_tracks_keep_their_rooms_as_a_hard_rule(fosdem: Imported) -> None:
    """Every devroom sits in one room a day; FOSDEM Junior's 12 to 14 hours of workshops a day
    need two rooms, as no room is open that long, and two is what it has."""
    assert {track.room_rule for track in fosdem.instance.tracks} == {"hard"}
    junior = [talk for talk in fosdem.instance.talks if talk.track == "fosdem-junior"]
    rooms_by_day = {
        (str(fosdem.instance.slot_by_id[p.slot].day), p.room)
        for p in read_grid_file(fosdem.csv_path, fosdem.instance).schedule.placements
        if p.talk in {t.id for t in junior}
    }
    assert sorted(rooms_by_day) == [
        ("2025-02-01", "ud6203"),
        ("2025-02-01", "ud6205"),
        ("2025-02-02", "ud6203"),
        ("2025-02-02", "ud6205"),
    ]
    assert "Declared in the file but holding no events, so left out: Lightning Talks" in comments(fosdem.text)


@pytest.mark.slow
def test_fosdem_junior_workshops_are_for_children_two_at_a_time(fosdem: Imported) -> None:
    instance = fosdem.instance
    assert [(a.id, a.at_once) for a in instance.audiences] == [("children", 2)]
    restricted = {talk.id for talk in instance.talks if talk.restricted_to == "children"}
    assert len(restricted) == 18 and restricted == {talk.id for talk in instance.talks if talk.track == "fosdem-junior"}
    assert "at_once 2: the published program runs at most 2 children's sessions at the same time" in comments(
        fosdem.text
    )


@pytest.mark.slow
def test_fosdem_hedy_workshop_stays_two_talks_as_its_lengths_differ(fosdem: Imported) -> None:
    saturday, sunday = fosdem.instance.talk_by_id["e5106"], fosdem.instance.talk_by_id["e6666"]
    assert saturday.title == sunday.title == "Learn Python programming using Hedy"
    assert (saturday.minutes, saturday.occurrences, sunday.minutes, sunday.occurrences) == (90, 1, 60, 1)
    assert "same title as e6666 (Sunday), kept a separate talk: 90 minutes here, 60 there; other speakers" in comments(
        fosdem.text
    )


@pytest.mark.slow
def test_fosdem_events_without_speakers_get_no_invented_speaker(fosdem: Imported) -> None:
    talks = fosdem.instance.talk_by_id
    assert talks["e6662"].speakers == () and talks["e6687"].speakers == () and talks["e6691"].speakers == ()
    assert not any("organisers" in speaker.id for speaker in fosdem.instance.speakers)
    assert "3 events name no speaker: those talks have none" in comments(fosdem.text)


@pytest.mark.slow
def test_fosdem_header_names_the_source_and_numbers_every_assumption(fosdem: Imported) -> None:
    header = fosdem.text.split("\nconference:")[0]
    assert header.startswith("# FOSDEM 2025: an instance imported by `amj-solve import` from fosdem-2025.schedule.xml")
    assert "fosdem-2025-published.csv" in header
    numbers = re.findall(r"^#\s+(\d+)\. ", header, flags=re.MULTILINE)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and len(numbers) == 8
    assert "8 assumptions and every decision are listed at the top of" in flat(fosdem.result.stdout)
    for assumption in (
        "timeslot_duration",
        "Room opening hours",
        "69 in their fewest rooms each day (hard)",
        "no speaker is invented",
        "pinned to the day",
        "children only",
        "100 seats",
    ):
        assert assumption in flat(header), assumption
    assert "weights: {seat_short: 0, seat_empty: 0}" in fosdem.text


@pytest.mark.slow
def test_fosdem_published_double_booking_is_reported_not_hidden(fosdem: Imported) -> None:
    line = (
        "johan@linaker.se is in two places at once: event 5680 'What do maintainers need from funders and others? "
        "We asked Maintainers to find out.' (Sunday 2025-02-02 13:10-13:40, K.3.601) and event 5379 'How is "
        "Development and Collaboration Done in Public Sector Open Source Software Projects? Insights from Six Mature "
        "Case Studies' (Sunday 2025-02-02 13:30-13:40, AW1.126)."
    )
    assert "published 1 clash in the published program" in flat(fosdem.result.stdout)
    assert line in flat(fosdem.result.stdout)
    assert line in comments(fosdem.text)


@pytest.mark.slow
def test_fosdem_published_csv_reads_back_as_the_published_placement(fosdem: Imported) -> None:
    grid = read_grid_file(fosdem.csv_path, fosdem.instance)
    published = convert(read_schedule(FOSDEM_XML), str(FOSDEM_XML)).schedule
    assert len(grid.schedule.placements) == 943
    assert placements(grid.schedule) == placements(published)
    first = fosdem.csv_path.read_text(encoding="utf-8").splitlines()[1]
    assert (
        first
        == "2025-02-01,09:00,09:40,Saturday,H.1309 (Van Rijn),talk,e6256,Welcome to the FOSDEM 2025 RISC-V DevRoom,Björn Töpel,,1"
    )


@pytest.mark.slow
def test_committed_fosdem_files_are_what_the_importer_writes(fosdem: Imported) -> None:
    """Also the determinism check: an earlier run made the committed files, byte for byte."""
    assert fosdem.yaml_path.read_bytes() == FOSDEM_YAML.read_bytes()
    assert fosdem.csv_path.read_bytes() == FOSDEM_CSV.read_bytes()


# --- the pretalx JSON -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pretalx(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("pretalx")
    source = folder / PRETALX_JSON.name
    source.write_bytes(PRETALX_JSON.read_bytes())
    result = amj_solve("import", source)
    assert result.exit_code == 0, result.output
    return Imported(result, folder / "riverside-2024.yaml")  # named from the acronym, beside the input


def test_pretalx_repeated_workshop_is_one_talk_given_twice(pretalx: Imported) -> None:
    scratch = pretalx.instance.talk_by_id["e121"]
    assert (scratch.occurrences, [str(pin.day) for pin in scratch.pins]) == (2, ["2024-06-08", "2024-06-09"])
    assert "given 2 times in the published program (event 121, Saturday 10:00; event 121, Sunday 10:00)" in comments(
        pretalx.text
    )
    rows = [line for line in pretalx.csv_path.read_text(encoding="utf-8").splitlines() if ",e121," in line]
    assert [row.split(",")[0] + " " + row.split(",")[-1] for row in rows] == ["2024-06-08 1", "2024-06-09 2"]
    assert "1 given more than once" in flat(pretalx.result.stdout)


def test_pretalx_children_sessions_and_how_many_run_at_once(pretalx: Imported) -> None:
    instance = pretalx.instance
    assert [(a.id, a.at_once) for a in instance.audiences] == [("children", 2)]  # Pixel art and Robots overlap
    assert {t.id for t in instance.talks if t.restricted_to == "children"} == {"e121", "e122", "e113"}


def test_pretalx_speakers_with_two_talks_and_unicode_names(pretalx: Imported) -> None:
    instance = pretalx.instance
    talks_of = {s.id: [t.id for t in instance.talks if s.id in t.speakers] for s in instance.speakers}
    assert talks_of["ada-orsted"] == ["e102", "e212"] and instance.speaker_by_id["ada-orsted"].name == "Ada Ørsted"
    assert talks_of["ben-okafor"] == ["e103", "e211"]
    assert instance.talk_by_id["e101"].title == 'Welcome & opening: "what\'s on"'
    welcome = instance.talk_by_id["e101"]
    assert welcome.speakers == ()  # nobody is named, and nobody is invented
    assert [(str(pin.day), pin.slot, pin.room) for pin in welcome.pins] == [("2024-06-08", "sat-0930", "main-hall")]


def test_pretalx_tracks_rooms_and_what_is_left_out(pretalx: Imported) -> None:
    instance = pretalx.instance
    assert [(t.id, t.name, t.room_rule) for t in instance.tracks] == [
        ("python", "Python", "hard"),
        ("web", "Web", "hard"),
        ("junior", "Junior", "soft"),
    ]
    assert "soft: the published program spreads it over more rooms than it needs on 2024-06-08." in comments(
        pretalx.text
    )
    assert [room.name for room in instance.rooms] == ["Main Hall", "Room 1.01", "Kids Corner"]
    assert "Left out, as no event is published in them: Room 2.02." in comments(pretalx.text)
    assert "Declared in the file but holding no events, so left out: Data." in comments(pretalx.text)
    assert instance.conference.time_zone == "Europe/Amsterdam" and instance.conference.venue == "not given"


def test_pretalx_same_title_other_length_stays_apart(pretalx: Imported) -> None:
    assert pretalx.instance.talk_by_id["e104"].minutes == 30 and pretalx.instance.talk_by_id["e202"].minutes == 45
    assert "same title as e202 (Sunday), kept a separate talk: 30 minutes here, 45 there" in comments(pretalx.text)


def test_pretalx_csv_round_trips_and_imports_are_byte_identical(pretalx: Imported, tmp_path: Path) -> None:
    published = convert(read_schedule(PRETALX_JSON), str(PRETALX_JSON)).schedule
    assert placements(read_grid_file(pretalx.csv_path, pretalx.instance).schedule) == placements(published)
    again = amj_solve("import", PRETALX_JSON, "--out", tmp_path / "riverside-2024.yaml")
    assert again.exit_code == 0, again.output
    assert (tmp_path / "riverside-2024.yaml").read_bytes() == pretalx.yaml_path.read_bytes()
    assert (tmp_path / "riverside-2024-published.csv").read_bytes() == pretalx.csv_path.read_bytes()


# --- bad schedule files ---------------------------------------------------------------------

SMALL_XML = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>1</version>
  <conference>
    <acronym>tiny-2025</acronym>
    <title>Tiny Conf</title>
    <timeslot_duration>00:05:00</timeslot_duration>
  </conference>
  <day index="1" date="2025-03-01" start="2025-03-01T08:00:00+01:00" end="2025-03-02T03:59:00+01:00">
    <room name="Hall A">
      <event guid="00000000-0000-0000-0000-000000000001" id="1">
        <date>2025-03-01T10:00:00+01:00</date>
        <start>10:00</start>
        <duration>00:30</duration>
        <room>Hall A</room>
        <title>First: a talk</title>
        <track>Main</track>
        <type>talk</type>
        <persons><person id="7">Kim Lee</person></persons>
      </event>
    </room>
    <room name="Hall B">
      <event guid="00000000-0000-0000-0000-000000000002" id="2">
        <date>2025-03-01T11:00:00+01:00</date>
        <start>11:00</start>
        <duration>00:45</duration>
        <room>Hall B</room>
        <title>Second</title>
        <track>Main</track>
        <type>talk</type>
        <persons><person id="8">Sam Roe</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def line_with(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)


def import_fails(folder: Path, name: str, text: str) -> str:
    """Import a bad file: exit 2, one screen, no traceback, and nothing written beside it."""
    source = folder / name
    source.write_text(text, encoding="utf-8")
    result = amj_solve("import", source)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert sorted(path.name for path in folder.iterdir()) == [name]
    assert result.stderr.startswith(f"{source}: 1 problem")
    return flat(result.stderr)


def test_the_small_xml_itself_imports(tmp_path: Path) -> None:
    (tmp_path / "tiny.xml").write_text(SMALL_XML, encoding="utf-8")
    result = amj_solve("import", tmp_path / "tiny.xml")
    assert result.exit_code == 0, result.output
    instance = load_instance(tmp_path / "tiny-2025.yaml")
    assert [t.title for t in instance.talks] == ["First: a talk", "Second"]


def test_malformed_xml_names_its_line(tmp_path: Path) -> None:
    text = SMALL_XML.replace("<title>Second</title>", "<title>Second</titel>")
    message = import_fails(tmp_path, "bad.xml", text)
    assert f"line {line_with(text, '</titel>')}, XML syntax: mismatched tag" in message


def test_malformed_json_names_its_line(tmp_path: Path) -> None:
    text = PRETALX_JSON.read_text(encoding="utf-8").replace(
        '"title": "Packaging in 2024",', '"title": "Packaging in 2024"'
    )
    message = import_fails(tmp_path, "bad.json", text)
    assert f"line {line_with(text, 'Packaging in 2024')}, JSON syntax: Expecting ',' delimiter (column 46)" in message


def imports_with_notes(folder: Path, name: str, text: str) -> tuple[Result, str]:
    """Import an odd but usable file: exit 0, and the YAML it wrote (whose comments say what was odd)."""
    source = folder / name
    source.write_text(text, encoding="utf-8")
    result = amj_solve("import", source)
    assert result.exit_code == 0, result.output
    return result, (folder / "tiny-2025.yaml").read_text(encoding="utf-8")


def test_an_events_own_room_field_gives_way_to_the_room_it_is_filed_under(tmp_path: Path) -> None:
    """A merged congress schedule files an event under "1Komona headnut" and names it "headnut" in
    its own <room>: the file's structure decides, and the header says so."""
    text = SMALL_XML.replace("<room>Hall B</room>", "<room>Hall C</room>")
    _, yaml_text = imports_with_notes(tmp_path, "odd.xml", text)
    assert (
        "1 event names another room in their room field than the room they are filed under (event 2: 'Hall C' under 'Hall B')"
        in comments(yaml_text)
    )
    assert load_instance(tmp_path / "tiny-2025.yaml").room_by_id["hall-b"].name == "Hall B"


@pytest.mark.parametrize(
    ("duration", "says"),
    [
        ("-0:30", "'-0:30' is not a length written as HH:MM"),
        ("half an hour", "'half an hour' is not a length"),
    ],
)
def test_a_duration_that_is_no_length(tmp_path: Path, duration: str, says: str) -> None:
    text = SMALL_XML.replace("<duration>00:45</duration>", f"<duration>{duration}</duration>")
    message = import_fails(tmp_path, "bad.xml", text)
    assert f"line {line_with(text, f'<duration>{duration}')}, event 2 <duration>: {says}" in message


@pytest.mark.parametrize("duration", ["<duration>00:00</duration>", "<duration></duration>"])
def test_an_event_of_no_length_is_left_out_and_listed(tmp_path: Path, duration: str) -> None:
    text = SMALL_XML.replace("<duration>00:45</duration>", duration)
    result, yaml_text = imports_with_notes(tmp_path, "odd.xml", text)
    line = line_with(text, 'id="2"')
    assert f"left out: event 2 'Second' (line {line}): the file gives it no length" in flat(result.stdout)
    assert (
        "Left out, as the file gives no usable length (add them by hand if they should be planned): "
        f"- event 2 'Second' (line {line})"
    ) in comments(yaml_text)
    assert [talk.id for talk in load_instance(tmp_path / "tiny-2025.yaml").talks] == ["e1"]


def test_a_json_event_of_no_length_names_its_path(tmp_path: Path) -> None:
    document = json.loads(PRETALX_JSON.read_text(encoding="utf-8"))
    document["schedule"]["conference"]["days"][1]["rooms"]["Room 1.01"][1]["duration"] = "00:00"
    source = tmp_path / "odd.json"
    source.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    result = amj_solve("import", source)
    assert result.exit_code == 0, result.output
    assert 'schedule.conference.days[1].rooms["Room 1.01"][1]): the file gives it no length' in flat(result.stdout)


def test_frab_2013_json_names_its_speakers_full_public_name(tmp_path: Path) -> None:
    """frab's schedule.json of 2013 (30C3, kept in ccchh/angel-news-hub static/schedule.json) gives
    each person as {"id", "full_public_name"}: every event was refused as naming nobody."""
    document = json.loads(PRETALX_JSON.read_text(encoding="utf-8"))
    names = []
    for day in document["schedule"]["conference"]["days"]:
        for events in day["rooms"].values():
            for event in events:
                for index, person in enumerate(event["persons"]):
                    name = person.get("name") or person["public_name"]
                    names.append(" ".join(name.split()))
                    event["persons"][index] = {"id": person.get("code", index), "full_public_name": name}
    source = tmp_path / "frab-2013.json"
    source.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    result = amj_solve("import", source)
    assert result.exit_code == 0, result.output
    instance = load_instance(next(tmp_path.glob("*.yaml")))
    assert {speaker.name for speaker in instance.speakers} == set(names)


def test_a_camps_opening_and_closing_alone_in_their_track_are_kept(tmp_path: Path) -> None:
    """RomHack Camp 2026 (pretalx): "RomHack Camp Opening" and "... Closing", each the only talk of
    its "Orga" track that day, were taken for a devroom's welcome and moved (the opening after two
    film nights)."""
    source = Path(__file__).parent / "data" / "corpus" / "romhack-camp-2026.schedule.xml"
    result = amj_solve("import", source, "--out", tmp_path / "camp.yaml")
    assert result.exit_code == 0, result.output
    pins = {talk.id: talk.pins for talk in load_instance(tmp_path / "camp.yaml").talks}
    assert [(pin.slot, pin.room) for pin in pins["e177"]] == [("fri-1100", "stage-1")]
    assert [(pin.slot, pin.room) for pin in pins["e178"]] == [("sun-1230", "stage-1")]


def test_an_event_a_day_after_its_day_is_refused(tmp_path: Path) -> None:
    text = SMALL_XML.replace("<date>2025-03-01T11:00:00+01:00</date>", "<date>2025-03-02T11:00:00+01:00</date>")
    text = text.replace("<start>11:00</start>", "<start>11:00</start>")
    message = import_fails(tmp_path, "bad.xml", text)
    assert (
        f"line {line_with(text, '2025-03-02T11:00')}, event 2 <date>: 2025-03-02 11:00 lies neither on its day, "
        "2025-03-01, nor on any other day of the file"
    ) in message


def test_an_event_just_before_its_days_declared_start_widens_the_day(tmp_path: Path) -> None:
    """Declared day hours are advisory: 07:30 in a day declared from 08:00 stays on that day, noted."""
    text = SMALL_XML.replace("2025-03-01T10:00:00+01:00", "2025-03-01T07:30:00+01:00").replace(
        "<start>10:00</start>", "<start>07:30</start>"
    )
    _, yaml_text = imports_with_notes(tmp_path, "odd.xml", text)
    assert (
        "event 1: at 07:30-08:00, outside Saturday 2025-03-01's declared hours (08:00-27:59): the day's window is "
        "widened to hold it"
    ) in comments(yaml_text)
    window = load_instance(tmp_path / "tiny-2025.yaml").breakout_windows[0]
    assert (str(window.start), str(window.end)) == ("07:30", "11:45")


def test_an_event_after_midnight_belongs_to_the_day_it_is_filed_under(tmp_path: Path) -> None:
    text = SMALL_XML.replace("2025-03-01T11:00:00+01:00", "2025-03-02T01:30:00+01:00").replace(
        "<start>11:00</start>", "<start>01:30</start>"
    )
    imports_with_notes(tmp_path, "late.xml", text)
    instance = load_instance(tmp_path / "tiny-2025.yaml")
    assert [(str(w.day), str(w.start), str(w.end)) for w in instance.breakout_windows] == [
        ("2025-03-01", "10:00", "26:15")
    ]
    grid = read_grid_file(tmp_path / "tiny-2025-published.csv", instance).schedule
    assert sorted((p.talk, p.slot) for p in grid.placements) == [("e1", "sat-1000"), ("e2", "sat-2530")]


def test_missing_required_fields(tmp_path: Path) -> None:
    text = SMALL_XML.replace("        <title>Second</title>\n", "")
    message = import_fails(tmp_path, "bad.xml", text)
    event_line = line_with(text, 'id="2"')
    assert f"line {event_line}, event 2 <title>: is missing or empty" in message
    (tmp_path / "bad.xml").unlink()
    document = json.loads(PRETALX_JSON.read_text(encoding="utf-8"))
    del document["schedule"]["conference"]["days"][0]["rooms"]["Kids Corner"][1]["title"]
    text = json.dumps(document, indent=2, ensure_ascii=False)
    message = import_fails(tmp_path, "bad.json", text)
    event_line = line_with(text, '"id": 122') - 1  # where the event's object opens
    assert f'line {event_line}, schedule.conference.days[0].rooms["Kids Corner"][1].title: is missing' in message


def test_an_entity_declaration_is_refused(tmp_path: Path) -> None:
    text = SMALL_XML.replace("<schedule>", '<!DOCTYPE schedule [<!ENTITY lol "lol">]>\n<schedule>', 1)
    message = import_fails(tmp_path, "bad.xml", text)
    assert "line 2, XML syntax: declares an entity" in message


@pytest.mark.slow
def test_the_installed_command_reports_a_bad_file_in_one_screen(tmp_path: Path) -> None:
    source = tmp_path / "bad.xml"
    source.write_text(SMALL_XML.replace("<duration>00:30</duration>", "<duration>half</duration>"), encoding="utf-8")
    beside = Path(sys.executable).parent / "amj-solve"
    run = subprocess.run(
        [str(beside) if beside.exists() else "amj-solve", "import", str(source)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 2
    assert run.stdout == "" and "Traceback" not in run.stderr
    assert (
        flat(run.stderr)
        == f"{source}: 1 problem line 14, event 1 <duration>: 'half' is not a length written as HH:MM (for example 00:25)"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.xml"]


def test_a_day_without_hours_keeps_its_night_after_midnight(tmp_path: Path) -> None:
    """frab's schedule.json of 2013 (30C3) gives each day a date alone, and events a time of day:
    Saal 1 ran 11:30 to 23:00 and then 00:00, which landed on the morning of the same date, before
    the day's first talk. Read from the events, the day begins at 11:30 and the 00:00 talk is
    at 24:00; a day whose events stop before midnight is left as it is."""
    document = json.loads(PRETALX_JSON.read_text(encoding="utf-8"))
    days = document["schedule"]["conference"]["days"]
    for day in days:
        day.pop("day_start", None)
        day.pop("day_end", None)
        for events in day["rooms"].values():
            for event in events:
                event.pop("date", None)
    first_room = next(iter(days[0]["rooms"].values()))
    late = dict(first_room[-1], id=99_001, guid="5e7b1f0e-0000-4000-8000-000000000001", title="Midnight Talk")
    late.update(start="00:00", duration="00:30", slug="midnight-talk")
    first_room.append(late)  # listed last, after the room's 12:00 talk: the night after
    source = tmp_path / "frab-2013.json"
    source.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    result = amj_solve("import", source, "--out", tmp_path / "conf.yaml")
    assert result.exit_code == 0, result.output
    published = (tmp_path / "conf-published.csv").read_text(encoding="utf-8")
    [row] = [line for line in published.splitlines() if "Midnight Talk" in line]
    assert row.startswith(f"{days[0]['date']},24:00,24:30,"), row  # that night, not that morning
    yaml_text = (tmp_path / "conf.yaml").read_text(encoding="utf-8")
    assert "declares no hours: read from its events, it begins at" in " ".join(yaml_text.replace("#", "").split())


def test_c3vocs_newer_schedule_json_is_named_and_refused_in_one_line(tmp_path: Path) -> None:
    """voc/schedule's schema2 (validator/json/examples/hub-schedule2.json) lists every event in one
    `schedule.events` list: it was refused as 'expected the rooms as an object' at a day."""
    document = {
        "schedule": {
            "version": "2024-12-26 20:23",
            "conference": {
                "acronym": "38c3",
                "title": "38C3",
                "days": [{"index": 1, "date": "2024-12-27", "start": "2024-12-27T09:30:00+00:00"}],
            },
            "events": [{"guid": "270fa44c", "title": "38C3: Opening Ceremony", "start": "2024-12-27T10:30:00+01:00"}],
        }
    }
    message = import_fails(tmp_path, "hub-schedule2.json", json.dumps(document, indent=2))
    assert "schedule.events: one list of all events is c3voc's newer schedule JSON (schema2)" in message

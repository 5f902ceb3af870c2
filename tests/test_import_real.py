"""What real exports do that the first importer got wrong, one small hand-made file per class:
days past midnight and time zones, people under several ids or one id for many, events with no
speaker, simulcasts and sessions that hold others, what stays where it was published, room
capacities and colours, odd lengths, and where the files go.

Each file is a few events of the shape found in the corpus (`tests/data/corpus/`), so that a
failure names the class at once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from amj_scheduler.cli import main
from amj_scheduler.models import Instance, load_instance
from amj_scheduler.models.grid_csv import read_grid_file
from click.testing import CliRunner, Result


def amj_solve(*args: str | Path) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def flat(text: str) -> str:
    return " ".join(text.replace("#", " ").split())


def event(
    event_id: int,
    title: str,
    when: str,
    duration: str,
    persons: tuple[tuple[str, str], ...] = (),
    track: str = "Main",
    kind: str = "lecture",
) -> str:
    """One frab <event>; `when` is `2019-12-27T11:00:00+01:00`; persons are (id, name)."""
    people = "".join(f'<person id="{pid}">{name}</person>' for pid, name in persons)
    return (
        f'<event id="{event_id}"><date>{when}</date><start>{when[11:16]}</start><duration>{duration}</duration>'
        f"<title>{title}</title><track>{track}</track><type>{kind}</type><persons>{people}</persons></event>"
    )


def frab(rooms: dict[str, list[str]], *, zone: str = "", timeslot: str = "00:05", day: str = "2019-12-27") -> str:
    """A one-day frab schedule, 11:00 to 04:00 the next morning as a congress declares it."""
    next_day = f"{day[:8]}{int(day[8:]) + 1:02d}"
    zone_element = f"<time_zone_name>{zone}</time_zone_name>" if zone else ""
    body = "".join(f'<room name="{name}">{"".join(events)}</room>' for name, events in rooms.items())
    return (
        f"<schedule><conference><acronym>test</acronym><title>Test Congress</title>"
        f"<timeslot_duration>{timeslot}</timeslot_duration>{zone_element}</conference>"
        f'<day index="1" date="{day}" start="{day}T11:00:00+01:00" end="{next_day}T04:00:00+01:00">{body}</day>'
        "</schedule>"
    )


class Imported:
    def __init__(self, folder: Path, text: str, *options: str, name: str = "schedule.xml") -> None:
        source = folder / name
        source.write_text(text, encoding="utf-8")
        self.result = amj_solve("import", source, "--out", folder / "test.yaml", *options)
        assert self.result.exit_code == 0, self.result.output
        self.path = folder / "test.yaml"
        self.text = self.path.read_text(encoding="utf-8")
        self.instance: Instance = load_instance(self.path)
        self.published = read_grid_file(folder / "test-published.csv", self.instance).schedule
        self.report = flat(self.result.stdout)
        self.comments = flat(self.text)

    def placed(self, talk_id: str) -> list[tuple[str, str]]:
        return sorted((p.slot, p.room) for p in self.published.placements if p.talk == talk_id)

    def check(self) -> Result:
        return amj_solve("check", self.path, self.path.with_name("test-published.csv"))

    def solved_page(self) -> str:
        """Solve the imported instance (exit 0: a grid the checker passed) and return its grid.html."""
        out = self.path.with_name("out")
        solved = amj_solve(self.path, "--out", out, "-q")
        assert solved.exit_code == 0, solved.output
        return (out / "grid.html").read_text(encoding="utf-8")


# --- time ---------------------------------------------------------------------------------


def test_a_talk_after_midnight_stays_on_the_evening_it_is_filed_under(tmp_path: Path) -> None:
    text = frab(
        {
            "Saal 1": [
                event(1, "Evening talk", "2019-12-27T23:30:00+01:00", "01:00", (("1", "Ada"),)),
                event(2, "Night film", "2019-12-28T00:50:00+01:00", "01:30"),
            ]
        }
    )
    imported = Imported(tmp_path, text)
    window = imported.instance.breakout_windows[0]
    assert (str(window.day), str(window.start), str(window.end)) == ("2019-12-27", "23:30", "26:20")
    assert imported.placed("e2") == [("fri-2450", "saal-1")]
    assert "25:30 is 01:30 the next morning" in imported.comments
    imported.solved_page()


def test_no_time_zone_name_takes_the_offset_the_dates_carry_never_utc(tmp_path: Path) -> None:
    imported = Imported(tmp_path, frab({"Saal 1": [event(1, "Talk", "2019-12-27T12:00:00+01:00", "00:30")]}))
    assert imported.instance.conference.time_zone == "Etc/GMT-1"
    assert "The file gives no time zone name; its dates are written +01:00: conference.time_zone is Etc/GMT-1" in (
        imported.comments
    )
    assert "time zone Etc/GMT-1 (assumed from the dates' offsets)" in imported.report


def test_a_zone_named_utc_against_dates_at_plus_one_is_not_believed(tmp_path: Path) -> None:
    """pretalx's DemoCon: `time_zone_name` UTC, every date +01:00, every start the +01:00 clock."""
    imported = Imported(
        tmp_path, frab({"Saal 1": [event(1, "Talk", "2019-12-27T12:00:00+01:00", "00:30")]}, zone="UTC")
    )
    assert imported.instance.conference.time_zone == "Etc/GMT-1"
    assert "names the time zone UTC, but its dates (+01:00) show their starts only in their own offset" in (
        imported.comments
    )
    assert imported.placed("e1") == [("fri-1200", "saal-1")]


def test_utc_dates_with_local_starts_read_in_the_named_zone(tmp_path: Path) -> None:
    """wafer (DebConf 23): `<date>` in UTC, `<start>` in Kochi time, the day dated by its UTC start."""
    text = (
        "<schedule><conference><acronym>test</acronym><title>Test</title>"
        "<time_zone_name>Asia/Kolkata</time_zone_name></conference>"
        '<day date="2023-09-09" start="2023-09-09T21:30:00+00:00" end="2023-09-10T21:29:59+00:00" index="1">'
        '<room name="Anamudi"><event id="35"><date>2023-09-10T05:00:00+00:00</date><start>10:30</start>'
        "<duration>00:20</duration><title>Opening Ceremony</title><type>talk</type></event></room></day></schedule>"
    )
    imported = Imported(tmp_path, text)
    assert imported.instance.conference.time_zone == "Asia/Kolkata"
    assert [str(day.date) for day in imported.instance.days] == ["2023-09-10"]
    assert imported.placed("e35") == [("sun-1030", "anamudi")]


# --- people -------------------------------------------------------------------------------


def test_one_person_under_two_ids_is_one_speaker_and_the_merge_is_listed(tmp_path: Path) -> None:
    """31C3: Laura Poitras under ids 5258 and 3669, giving two talks that must not overlap."""
    text = frab(
        {
            "Saal 1": [event(1, "Citizenfour", "2019-12-27T12:00:00+01:00", "01:00", (("5258", "Laura Poitras"),))],
            "Saal 2": [event(2, "Q&amp;A", "2019-12-27T12:30:00+01:00", "01:00", (("3669", "laura  poitras"),))],
        }
    )
    imported = Imported(tmp_path, text)
    assert [s.id for s in imported.instance.speakers] == ["laura-poitras"]
    line = "Laura Poitras appears under person ids 5258, 3669: one speaker, laura-poitras"
    assert line in imported.report and line in imported.comments
    checked = imported.check()
    assert checked.exit_code == 1 and "Laura Poitras would be in two places at once" in flat(checked.stdout)


def test_one_id_for_many_names_is_split_by_name(tmp_path: Path) -> None:
    """A merged congress schedule gives dozens of different people the id 0."""
    text = frab(
        {
            "Saal 1": [event(1, "A", "2019-12-27T12:00:00+01:00", "01:00", (("0", "Julia"),))],
            "Saal 2": [event(2, "B", "2019-12-27T12:00:00+01:00", "01:00", (("0", "Taulex"),))],
        }
    )
    imported = Imported(tmp_path, text)
    assert sorted(s.name for s in imported.instance.speakers) == ["Julia", "Taulex"]
    assert "person id 0 is given to 2 different names (Julia, Taulex): each name is its own speaker" in (
        imported.report
    )
    assert imported.check().exit_code == 0
    imported.solved_page()


def test_events_that_name_nobody_get_no_invented_speaker_and_solve(tmp_path: Path) -> None:
    text = frab(
        {
            "Saal 1": [
                event(1, "Angel meeting", "2019-12-27T12:00:00+01:00", "01:00"),
                event(2, "Infodesk", "2019-12-27T13:00:00+01:00", "01:00"),
            ]
        }
    )
    imported = Imported(tmp_path, text)
    assert [talk.speakers for talk in imported.instance.talks] == [(), ()]
    assert imported.instance.speakers == ()
    assert "2 events name no speaker" in imported.report
    imported.solved_page()


# --- structure ----------------------------------------------------------------------------


def test_a_simulcast_is_one_talk_pinned_in_place_with_its_overflow_room_held(tmp_path: Path) -> None:
    """31C3's Fnord News Show in Saal 1 and its stream in Saal 2, the speakers spelt differently."""
    text = frab(
        {
            "Saal 1": [
                event(1, "Fnord News Show", "2019-12-27T22:00:00+01:00", "01:30", (("1", "Fefe"), ("2", "frank")))
            ],
            "Saal 2": [
                event(
                    2,
                    "Fnord News Show (Stream)",
                    "2019-12-27T22:00:00+01:00",
                    "01:30",
                    (("1", "Fefe"), ("3", "Frank Rieger")),
                ),
                event(3, "Other talk", "2019-12-27T20:00:00+01:00", "01:00", (("4", "Bo"),)),
            ],
        }
    )
    imported = Imported(tmp_path, text)
    assert sorted(talk.id for talk in imported.instance.talks) == ["e1", "e3"]
    fnord = imported.instance.talk_by_id["e1"]
    assert [(pin.slot, pin.room) for pin in fnord.pins] == [("fri-2200", "saal-1")]
    overflow = imported.instance.fixed_items
    assert [(item.title, item.room, str(item.start), str(item.end)) for item in overflow] == [
        ("Fnord News Show (shown from Saal 1)", "saal-2", "22:00", "23:30")
    ]
    assert "the same session as event 2 'Fnord News Show (Stream)' (Saal 2)" in imported.comments
    assert imported.check().exit_code == 0
    imported.solved_page()


def test_a_lightning_talk_block_holds_its_talks_which_are_never_its_clashes(tmp_path: Path) -> None:
    """36C3's Borg: "Lightning Talks Day 2" from 11:30 and five-minute talks published inside it."""
    text = frab(
        {
            "Borg": [
                event(10, "Lightning Talks Day 2", "2019-12-28T11:30:00+01:00", "00:30", (("1", "gedsic"),)),
                event(11, "Intro", "2019-12-28T11:30:00+01:00", "00:05", (("1", "gedsic"),), kind="Lightning Talk"),
                event(12, "freewvs", "2019-12-28T11:35:00+01:00", "00:05", (("2", "Hanno"),), kind="Lightning Talk"),
            ],
            "Ada": [event(20, "Hanno's own talk", "2019-12-28T11:45:00+01:00", "00:30", (("2", "Hanno"),))],
        },
        day="2019-12-28",
    )
    imported = Imported(tmp_path, text)
    block = imported.instance.talk_by_id["e10"]
    assert [(n.id, n.speakers, n.offset, n.minutes) for n in block.contains] == [
        ("e11", ("gedsic",), 0, 5),
        ("e12", ("hanno",), 5, 5),
    ]
    assert sorted(talk.id for talk in imported.instance.talks) == ["e10", "e20"]
    assert imported.check().exit_code == 0  # Hanno's lightning talk ends at 11:40, before his own
    grid = imported.path.with_name("test-published.csv").read_text(encoding="utf-8")
    assert "2019-12-28,11:35,11:40,,Borg,contained,e12,freewvs,Hanno,," in grid
    assert "freewvs" in imported.solved_page()


def test_an_opening_ceremony_stays_where_it_was_published(tmp_path: Path) -> None:
    text = frab(
        {
            "Saal 1": [
                event(1, "38C3: Opening Ceremony", "2019-12-27T11:00:00+01:00", "00:30", kind="Ceremony"),
                event(2, "A talk", "2019-12-27T12:00:00+01:00", "00:30", (("1", "Ada"),)),
            ]
        }
    )
    imported = Imported(tmp_path, text)
    opening, talk = imported.instance.talk_by_id["e1"], imported.instance.talk_by_id["e2"]
    assert [(pin.slot, pin.room) for pin in opening.pins] == [("fri-1100", "saal-1")]
    assert [(pin.slot, pin.room) for pin in talk.pins] == [(None, None)]
    assert "kept where published: a ceremony or keynote" in imported.comments


def test_a_childrens_room_keeps_its_sessions(tmp_path: Path) -> None:
    text = frab({"Kidspace": [event(1, "Löten für Kinder", "2019-12-27T12:00:00+01:00", "02:00")]})
    imported = Imported(tmp_path, text)
    assert [(pin.slot, pin.room) for pin in imported.instance.talk_by_id["e1"].pins] == [(None, "kidspace")]


@pytest.mark.parametrize(
    ("rule", "kept"),
    [
        ("type:workshop", {"e2"}),
        ("track:Security", {"e3"}),
        ("room:saal 2", {"e2", "e3"}),
        ("all", {"e1", "e2", "e3"}),
        ("none", set()),
    ],
)
def test_keep_published_pins_what_the_planner_chooses(tmp_path: Path, rule: str, kept: set[str]) -> None:
    text = frab(
        {
            "Saal 1": [event(1, "Opening Ceremony", "2019-12-27T11:00:00+01:00", "00:30", kind="Ceremony")],
            "Saal 2": [
                event(2, "Soldering", "2019-12-27T12:00:00+01:00", "01:00", (("1", "Ada"),), kind="workshop"),
                event(3, "Exploits", "2019-12-27T13:00:00+01:00", "01:00", (("2", "Bo"),), track="Security"),
            ],
        }
    )
    imported = Imported(tmp_path, text, "--keep-published", rule)
    pinned = {talk.id for talk in imported.instance.talks if any(pin.slot for pin in talk.pins)}
    expected = kept | ({"e1"} if rule != "none" else set())
    assert pinned == expected


def test_a_keep_published_rule_that_keeps_nothing_is_refused_with_the_closest_name(tmp_path: Path) -> None:
    source = tmp_path / "schedule.xml"
    source.write_text(frab({"Saal 1": [event(1, "T", "2019-12-27T12:00:00+01:00", "00:30", kind="workshop")]}))
    result = amj_solve("import", source, "--keep-published", "type:worksop")
    assert result.exit_code == 2
    assert "no event has the type 'worksop'. Did you mean 'type:workshop'?" in flat(result.stderr)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["schedule.xml"]


def test_room_names_that_differ_only_in_case_are_one_room(tmp_path: Path) -> None:
    text = frab(
        {
            "1Komona headnut": [event(1, "A", "2019-12-27T12:00:00+01:00", "01:00")],
            "1komona  headnut": [event(2, "B", "2019-12-27T14:00:00+01:00", "01:00")],
        }
    )
    imported = Imported(tmp_path, text)
    assert [room.name for room in imported.instance.rooms] == ["1Komona headnut"]
    assert imported.placed("e2") == [("fri-1400", "1komona-headnut")]
    assert "'1Komona headnut' also written '1komona headnut'" in imported.comments


def test_pretalx_capacities_and_track_colours_are_kept(tmp_path: Path) -> None:
    document = {
        "schedule": {
            "conference": {
                "acronym": "test",
                "title": "Test",
                "time_zone_name": "Europe/Berlin",
                "rooms": [{"name": "Hall", "capacity": 400}, {"name": "Lab", "capacity": 24}],
                "tracks": [{"name": "Security", "color": "#0347B4"}],
                "days": [
                    {
                        "index": 1,
                        "date": "2024-06-08",
                        "rooms": {
                            room: [
                                {
                                    "id": number,
                                    "date": f"2024-06-08T{10 + number}:00:00+02:00",
                                    "start": f"{10 + number}:00",
                                    "duration": "00:45",
                                    "title": f"Talk {number}",
                                    "track": "Security",
                                    "type": "Talk",
                                    "persons": [{"code": f"P{number}", "name": f"Person {number}"}],
                                }
                            ]
                            for number, room in ((1, "Hall"), (2, "Lab"))
                        },
                    }
                ],
            }
        }
    }
    imported = Imported(tmp_path, json.dumps(document), name="schedule.json")
    assert {room.name: room.capacity for room in imported.instance.rooms} == {"Hall": 400, "Lab": 24}
    assert (imported.instance.weights.seat_short, imported.instance.weights.seat_empty) == (10, 1)
    assert imported.instance.tracks[0].color == "#0347B4"
    assert "rooms 2, 2 with their capacities from the file" in imported.report
    assert "--track: #0347B4" in imported.solved_page()


# --- odd lengths and where the files go ----------------------------------------------------


def test_a_91_minute_film_does_not_force_a_1_minute_grid(tmp_path: Path) -> None:
    text = frab(
        {
            "Art-and-Play Stage": [
                event(1, "THE PRICE OF PARADISE", "2019-12-27T16:30:00+01:00", "01:31"),
                event(2, "Talk", "2019-12-27T18:15:00+01:00", "00:42"),
            ]
        },
        timeslot="00:10",
    )
    imported = Imported(tmp_path, text)
    assert imported.instance.step_minutes == 5
    film = imported.instance.talk_by_id["e1"]
    assert film.minutes == 95
    assert "event 1: published 16:30-18:01 (91 minutes), on the 5-minute grid 16:30-18:05 (95 minutes)" in (
        imported.comments
    )
    assert "2 events widened to the 5-minute grid" in imported.report


def test_out_may_name_a_folder_and_nothing_is_overwritten_without_force(tmp_path: Path) -> None:
    source = tmp_path / "schedule.xml"
    source.write_text(frab({"Saal 1": [event(1, "T", "2019-12-27T12:00:00+01:00", "00:30")]}), encoding="utf-8")
    folder = tmp_path / "planning"
    first = amj_solve("import", source, "--out", folder)
    assert first.exit_code == 0, first.output
    assert sorted(path.name for path in folder.iterdir()) == ["test-published.csv", "test.yaml"]
    (folder / "test.yaml").write_text("# my edits\n", encoding="utf-8")
    again = amj_solve("import", source, "--out", folder)
    assert again.exit_code == 2
    assert "already exist" in flat(again.stderr) and "--force" in again.stderr
    assert (folder / "test.yaml").read_text(encoding="utf-8") == "# my edits\n"
    forced = amj_solve("import", source, "--out", folder, "--force")
    assert forced.exit_code == 0 and (folder / "test.yaml").read_text(encoding="utf-8").startswith("# Test Congress")


def test_the_report_is_one_screen_and_verbose_prints_every_assumption(tmp_path: Path) -> None:
    source = tmp_path / "schedule.xml"
    persons = tuple((str(n), f"Person {n}") for n in range(40))
    rooms = {
        f"Room {n}": [event(n, f"T{n}", "2019-12-27T12:00:00+01:00", "00:30", (("0", f"Name {n}"), persons[n]))]
        for n in range(40)
    }
    source.write_text(frab(rooms), encoding="utf-8")
    short = amj_solve("import", source, "--out", tmp_path / "a.yaml")
    assert short.exit_code == 0 and len(short.stdout.splitlines()) <= 20
    verbose = amj_solve("import", source, "--out", tmp_path / "b.yaml", "--verbose")
    assert "Assumptions (also at the top of the YAML):" in verbose.stdout
    assert verbose.stdout.count("Breakout windows: one a day") == 1

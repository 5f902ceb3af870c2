"""What `publish` hands to apps, calendars, spreadsheets, doors and speakers, judged as each of
them reads it: schedule.xml by the frab XSD, the calendars by `icalendar`, the workbook by
openpyxl. AMJ 2010 (labelled slots) and FOSDEM 2025 (breakout windows) are published once per
session (`conftest.py`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import icalendar
import openpyxl
import pytest
from amj_scheduler.models import Instance, Schedule, load_instance, read_grid_csv
from amj_scheduler.reports.publish import published_files, write_published
from amj_scheduler.reports.stamp import default_as_of
from lxml import etree

from . import builders
from .conftest import AS_OF, INSTANCES, Publication

XSD = Path(__file__).parent / "data" / "schedule.xml.xsd"


def as_bytes(document: str | bytes) -> bytes:
    """A published file for lxml, which reads bytes (a document with an encoding declaration)."""
    return document.encode() if isinstance(document, str) else document


@pytest.fixture(params=["amj", "fosdem"])
def published(request: pytest.FixtureRequest) -> Publication:
    return request.getfixturevalue(f"{request.param}_publication")


def xml_events(publication: Publication) -> list[etree._Element]:
    return etree.fromstring(as_bytes(publication.files["schedule.xml"])).findall("day/room/event")


def placed_in_rooms(publication: Publication) -> int:
    """Every talk occurrence and every fixed item that has a room: what the apps receive."""
    fixed = sum(item.room is not None for item in publication.instance.fixed_items)
    return len(publication.schedule.placements) + fixed


# --- schedule.xml and schedule.json: conference apps -------------------------------------------


def test_schedule_xml_is_valid_against_the_frab_schema(published: Publication) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(as_bytes(published.files["schedule.xml"]))
    assert schema.validate(document), schema.error_log


def test_schedule_xml_holds_every_talk_and_fixed_item_that_has_a_room_once(published: Publication) -> None:
    events = xml_events(published)
    assert len(events) == placed_in_rooms(published)
    assert len({event.get("guid") for event in events}) == len({event.get("id") for event in events}) == len(events)


def test_amj_schedule_xml_gives_times_with_new_yorks_offset_and_marks_who_may_attend(
    amj_publication: Publication,
) -> None:
    events = {event.findtext("title"): event for event in xml_events(amj_publication)}
    real_you = events["The Real You"]
    assert real_you.findtext("date") == "2010-04-17T11:15:00-04:00"  # EDT
    assert (real_you.findtext("start"), real_you.findtext("duration")) == ("11:15", "00:45")
    assert real_you.findtext("room") == "Southgate 112"
    assert real_you.findtext("subtitle") == "Cornerstone and Crossroads Girls only"
    assert [person.text for person in real_you.find("persons")] == ["Sara Groves"]
    concert = events["Sara Groves concert"]
    assert (concert.findtext("type"), concert.findtext("date")) == ("concert", "2010-04-16T19:30:00-04:00")
    assert "Break" not in events  # a break has no room: the apps file every event under one


def test_republishing_keeps_every_events_id_and_guid(amj_publication: Publication) -> None:
    """A changed grid published later: the apps must update their events, not add copies."""
    moved = Schedule(
        placements=tuple(
            placement.model_copy(update={"room": "modular-i"}) if placement.talk == "the-real-you" else placement
            for placement in amj_publication.schedule.placements
        )
    )
    _, later = published_files(amj_publication.instance, moved, as_of=AS_OF + dt.timedelta(days=3), handouts=False)
    before = {event.get("guid"): event.get("id") for event in xml_events(amj_publication)}
    after = {
        event.get("guid"): event.get("id") for event in etree.fromstring(as_bytes(later["schedule.xml"])).iter("event")
    }
    assert before == after
    assert later["schedule.xml"] != amj_publication.files["schedule.xml"]


def test_fosdem_talks_keep_the_event_ids_of_fosdems_own_file(fosdem_publication: Publication) -> None:
    ids = {event.findtext("title"): event.get("id") for event in xml_events(fosdem_publication)}
    assert ids["A New Approach to Callee-Saved Registers in LLVM"] == "6210"
    talks = {talk.id for talk in fosdem_publication.instance.talks if talk.occurrences == 1}
    kept = [event for event in xml_events(fosdem_publication) if f"e{event.get('id')}" in talks]
    assert len(kept) == len(talks)


def test_schedule_json_has_pretalxs_shape_and_agrees_with_the_xml(published: Publication) -> None:
    document = json.loads(published.files["schedule.json"])
    schedule = document["schedule"]
    assert schedule["version"] == published.stamp.short
    conference = schedule["conference"]
    assert conference["time_zone_name"] == published.instance.conference.time_zone
    assert conference["daysCount"] == len(conference["days"]) == len(published.instance.days)
    events = [event for day in conference["days"] for room in day["rooms"].values() for event in room]
    assert len(events) == placed_in_rooms(published)
    for event in events:
        assert {"id", "guid", "date", "start", "duration", "room", "title", "track", "type", "persons"} <= event.keys()
    from_xml = {
        event.get("guid"): (int(event.get("id")), event.findtext("date"), event.findtext("room"))
        for event in xml_events(published)
    }
    assert {event["guid"]: (event["id"], event["date"], event["room"]) for event in events} == from_xml


# --- calendars -----------------------------------------------------------------------------------


def calendar(publication: Publication, name: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(publication.files[name])


def test_schedule_ics_has_every_item_in_the_conferences_time_zone(amj_publication: Publication) -> None:
    whole = calendar(amj_publication, "schedule.ics")
    assert [zone["TZID"] for zone in whole.walk("VTIMEZONE")] == ["America/New_York"]
    events = whole.walk("VEVENT")
    assert len(events) == len(amj_publication.schedule.placements) + len(amj_publication.instance.fixed_items)
    guids = {event.get("guid") for event in xml_events(amj_publication)}
    assert guids <= {str(event["UID"]) for event in events}  # the apps' GUID is the calendar's UID
    real_you = next(event for event in events if event["SUMMARY"] == "The Real You")
    start = real_you.decoded("DTSTART")
    assert (start.isoformat(), str(start.tzinfo)) == ("2010-04-17T11:15:00-04:00", "America/New_York")
    assert real_you["LOCATION"] == "Southgate 112"
    assert amj_publication.stamp.version in str(whole["DESCRIPTION"])


def test_a_calendar_per_room_and_per_speaker_with_the_items_they_lead(amj_publication: Publication) -> None:
    rooms = [name for name in amj_publication.files if name.startswith("rooms/")]
    used = {line.split(",")[4] for line in amj_publication.text("grid.csv").splitlines()[1:]} - {""}
    assert len(rooms) == len(used) == 11  # eight breakout rooms, the church, the narthex, the fellowship hall
    for name in rooms:
        room = amj_publication.instance.room_by_id[Path(name).stem].name
        assert {event["LOCATION"] for event in calendar(amj_publication, name).walk("VEVENT")} == {room}
    sara = calendar(amj_publication, "speakers/sara-groves.ics")
    assert sara["X-WR-CALNAME"] == "Art Music Justice 2010: Sara Groves"
    assert sorted(str(event["SUMMARY"]) for event in sara.walk("VEVENT")) == [
        "Sara Groves concert",
        "Sunday Service",
        "The Many Sides of a Songwriter",
        "The Many Sides of a Songwriter",
        "The Real You",
    ]


# --- grid.xlsx -----------------------------------------------------------------------------------


def test_a_title_starting_with_equals_stays_a_title_in_the_workbook(amj_publication: Publication) -> None:
    instance = amj_publication.instance
    hostile = instance.model_copy(
        update={
            "talks": tuple(
                talk.model_copy(update={"title": '=HYPERLINK("http://evil.example","Click")'})
                if talk.id == "the-real-you"
                else talk
                for talk in instance.talks
            )
        }
    )
    _, files = published_files(hostile, amj_publication.schedule, as_of=AS_OF, handouts=True)
    workbook_bytes = files["grid.xlsx"]
    assert isinstance(workbook_bytes, bytes)
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert all("<f>" not in sheet for sheet in sheets)  # no formula anywhere
    flat = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["All rows"]
    cells = [cell for row in flat.iter_rows() for cell in row if cell.value and str(cell.value).startswith("=HYPER")]
    assert cells and all(cell.data_type == "s" and cell.number_format == "@" for cell in cells)


def test_the_workbook_has_a_sheet_per_day_and_the_rows_of_grid_csv(published: Publication) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(published.files["grid.xlsx"]))  # type: ignore[arg-type]
    days = sorted(day.date for day in published.instance.days)
    assert workbook.sheetnames == [*(f"{day:%a} {day.isoformat()}" for day in days), "All rows"]
    rows = [[cell or "" for cell in row] for row in workbook["All rows"].iter_rows(values_only=True)]
    csv_rows = [line.split(",") for line in published.text("grid.csv").splitlines() if '"' not in line]
    assert rows[0] == csv_rows[0]
    assert len(rows) == len(published.text("grid.csv").splitlines())
    assert all(row in rows for row in csv_rows)
    first_day = workbook[workbook.sheetnames[0]]
    assert first_day["A1"].value.startswith(published.instance.conference.name)
    assert first_day["A2"].value == published.stamp.text


# --- the stamp, and the same bytes every time ------------------------------------------------------


def test_the_version_names_the_grid_as_grid_csv_holds_it(published: Publication) -> None:
    csv_bytes = published.grid_csv.read_bytes()
    assert published.stamp.version == hashlib.sha256(csv_bytes).hexdigest()[:8]
    assert published.stamp.as_of == AS_OF


@pytest.mark.parametrize(
    "name", ["grid.html", "doors.html", "itineraries.html", "schedule.xml", "schedule.json", "schedule.ics"]
)
def test_every_published_file_carries_the_stamp(amj_publication: Publication, name: str) -> None:
    text = amj_publication.text(name)
    stamp = amj_publication.stamp
    assert stamp.text in " ".join(text.replace("\r\n ", "").split()) or stamp.short in text


def test_the_workbook_carries_the_stamp(amj_publication: Publication) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(amj_publication.files["grid.xlsx"]))  # type: ignore[arg-type]
    assert workbook.properties.version == amj_publication.stamp.version
    assert workbook.properties.modified == dt.datetime(2025, 1, 20)
    assert amj_publication.stamp.version in workbook["All rows"].oddFooter.left.text


def test_the_same_grid_and_date_publish_the_same_bytes(amj_publication: Publication) -> None:
    instance = load_instance(INSTANCES / "2010.yaml")
    schedule = read_grid_csv(INSTANCES / "2010-published.csv", instance)
    _, again = published_files(instance, schedule, as_of=AS_OF, handouts=True)
    assert again == amj_publication.files


def test_the_date_defaults_to_source_date_epoch_then_today() -> None:
    assert default_as_of({"SOURCE_DATE_EPOCH": "1271376000"}) == dt.date(2010, 4, 16)
    assert default_as_of({}) == dt.date.today()


# --- door signs and itineraries ------------------------------------------------------------------


def test_a_door_sign_for_every_room_and_day_it_is_used(amj_publication: Publication) -> None:
    page = amj_publication.text("doors.html")
    used = Counter(
        (entry_day, room)
        for entry_day, room in (
            (line.split(",")[0], line.split(",")[4]) for line in amj_publication.text("grid.csv").splitlines()[1:]
        )
        if room
    )
    assert page.count('<article class="sign') == len(used)
    saturday = page[page.index('id="2010-04-17-southgate-112"') :]
    sign = saturday[: saturday.index("</article>")]
    assert "<h2>Southgate 112</h2>" in sign and "Saturday 17 April 2010" in sign
    assert "The Real You" in sign and "Cornerstone and Crossroads Girls only" in sign


def test_an_itinerary_names_every_talk_and_fixed_item_of_its_speaker(amj_publication: Publication) -> None:
    page = amj_publication.text("itineraries.html")
    start = page.index('<article class="itinerary" id="sara-groves">')
    sara = page[start : page.index("</article>", start)]
    assert sara.count("<li>") == 5
    for text in ("Sara Groves concert", "Concert: you lead or perform it", "Sunday Service", "The Real You"):
        assert text in sara, text
    assert "Friday 16 April 2010" in sara and "Sunday 18 April 2010" in sara
    instance = amj_publication.instance
    speakers = {person for item in (*instance.talks, *instance.fixed_items) for person in getattr(item, "speakers", ())}
    people = {person for item in instance.fixed_items for person in item.people}
    assert page.count('<article class="itinerary"') == len(speakers | people) == 18


# --- written together ----------------------------------------------------------------------------


def test_publishing_never_replaces_the_grid_it_reads(tmp_path: Path, amj_publication: Publication) -> None:
    grid = tmp_path / "grid.csv"
    grid.write_text("the planner's own columns\n", encoding="utf-8")
    written = write_published(tmp_path, amj_publication.files, leave_alone=grid)
    assert grid.read_text(encoding="utf-8") == "the planner's own columns\n"
    assert tmp_path / "grid.html" in written and grid not in written


def test_a_folder_in_the_way_of_one_calendar_leaves_every_file_as_it_was(
    tmp_path: Path, amj_publication: Publication
) -> None:
    (tmp_path / "grid.csv").write_text("old\n", encoding="utf-8")
    (tmp_path / "speakers" / "sara-groves.ics").mkdir(parents=True)
    with pytest.raises(IsADirectoryError):
        write_published(tmp_path, amj_publication.files)
    assert (tmp_path / "grid.csv").read_text(encoding="utf-8") == "old\n"
    assert sorted(path.name for path in tmp_path.rglob("*") if path.is_file()) == ["grid.csv"]


def test_an_instance_of_another_conference_is_not_published(amj_publication: Publication) -> None:
    other: Instance = amj_publication.instance.model_copy(update={"talks": amj_publication.instance.talks[:-1]})
    with pytest.raises(ValueError, match="does not define"):
        published_files(other, amj_publication.schedule, as_of=AS_OF)


def test_an_item_past_midnight_is_published_on_the_next_date_under_its_own_day() -> None:
    """A jam session from 24:30 to 25:30 on Thursday's program happens at 00:30 on Friday."""
    late = builders.instance(
        fixed_items=[builders.fixed("late-jam", "24:30", "25:30", room="sanct", kind="concert", people=["bo"])]
    )
    _, files = published_files(late, builders.schedule(("modal-counterpoint", 1, "s1", "hall")), as_of=AS_OF)
    document = etree.fromstring(as_bytes(files["schedule.xml"]))
    thursday = document.find("day[@date='2025-06-12']")
    jam = next(event for event in thursday.iter("event") if event.findtext("title") == "Late-Jam")
    assert (jam.findtext("date"), jam.findtext("start"), jam.findtext("duration")) == (
        "2025-06-13T00:30:00+00:00",
        "00:30",
        "01:00",
    )
    assert etree.XMLSchema(etree.parse(str(XSD))).validate(document)
    event = next(
        e for e in icalendar.Calendar.from_ical(files["schedule.ics"]).walk("VEVENT") if e["SUMMARY"] == "Late-Jam"
    )
    assert event.decoded("DTSTART") == dt.datetime(2025, 6, 13, 0, 30, tzinfo=dt.UTC)


def test_a_lightning_talk_is_its_own_event_in_its_blocks_room_and_in_its_speakers_calendar() -> None:
    """Bo's five-minute talk inside Ann's 30-minute block, as frab and pretalx publish one."""
    block = builders.window_talk(
        "block",
        title="Lightning talks",
        minutes=30,
        contains=[{"id": "lt1", "title": "Five minutes", "speakers": ["bo"], "offset": 10, "minutes": 5}],
    )
    conference = builders.window_instance(talks=[block])
    schedule = builders.schedule(("block", 1, "sun-0900", "k1"))
    _, files = published_files(conference, schedule, as_of=AS_OF, handouts=True)
    document = etree.fromstring(as_bytes(files["schedule.xml"]))
    assert etree.XMLSchema(etree.parse(str(XSD))).validate(document)
    events = {event.findtext("title"): event for event in document.iter("event")}
    lightning = events["Five minutes"]
    assert (lightning.findtext("room"), lightning.findtext("start"), lightning.findtext("duration")) == (
        "K.1.105",
        "09:10",
        "00:05",
    )
    assert [person.text for person in lightning.find("persons")] == ["Bo Chen"]
    assert lightning.get("guid") != events["Lightning talks"].get("guid")
    bo = icalendar.Calendar.from_ical(files["speakers/bo.ics"])
    assert [str(event["SUMMARY"]) for event in bo.walk("VEVENT")] == ["Five minutes"]
    itinerary = str(files["itineraries.html"])
    bos = itinerary[itinerary.index('id="bo"') :]
    assert "Five minutes" in bos and "in Lightning talks" in bos
    assert "lt1,Five minutes,Bo Chen" in str(files["grid.csv"])

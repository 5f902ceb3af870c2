"""`schedule.xml`: the program in the frab/pentabarf schedule format that conference apps
(Giggity, ConfClerk, EventFahrplan), pretalx and video teams read.

Written strictly to the format's schema (`../shared/data/schedule.xml.xsd`, which real files
stray from): only its elements, ids and GUIDs that stay the same from one publication to the
next (`identity`), and times with the conference's UTC offset.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .colours import track_colour
from .identity import person_guid, room_guid
from .published_events import PublishedEvent, PublishedProgram
from .schedule_format import GENERATOR, acronym, day_bounds, duration, program_tracks, rooms_on, timeslot
from .stamp import Stamp


def schedule_xml_text(program: PublishedProgram, stamp: Stamp) -> str:
    conference = program.instance.conference
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR)
    ET.SubElement(root, "version").text = stamp.short
    head = ET.SubElement(root, "conference")
    _texts(
        head,
        acronym=acronym(conference.name),
        title=conference.name,
        start=program.days[0].isoformat(),
        end=program.days[-1].isoformat(),
        days=str(len(program.days)),
        timeslot_duration=duration(timeslot(program)),
        time_zone_name=conference.time_zone,
    )
    for track in program_tracks(program):
        ET.SubElement(head, "track", name=track.name, color=track_colour(track))
    for index, day in enumerate(program.days, start=1):
        start, end = day_bounds(program, day)
        day_element = ET.SubElement(
            root, "day", index=str(index), date=day.isoformat(), start=start.isoformat(), end=end.isoformat()
        )
        for room, events in rooms_on(program, day):
            guid = str(room_guid(conference.name, room.id))
            room_element = ET.SubElement(day_element, "room", name=room.name, guid=guid)
            for event in events:
                _event(room_element, event, conference.name)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _event(room: ET.Element, event: PublishedEvent, conference_name: str) -> None:
    element = ET.SubElement(room, "event", guid=str(event.guid), id=str(event.number))
    entry = event.entry
    _texts(
        element,
        date=event.start.isoformat(),
        start=f"{event.start:%H:%M}",
        duration=duration(event.minutes),
        room=entry.room_name,
        title=entry.title,
        subtitle=event.subtitle,
        track=event.track.name if event.track else "",
        type=event.kind,
        abstract="",
    )
    persons = ET.SubElement(element, "persons")
    for person in event.people:
        ET.SubElement(persons, "person", guid=str(person_guid(conference_name, person.id))).text = person.name


def _texts(parent: ET.Element, **texts: str) -> None:
    for tag, text in texts.items():
        ET.SubElement(parent, tag).text = text

"""`schedule.json`: the program in the frab/pretalx schedule JSON (c3voc's schedule JSON schema),
the shape pretalx exports and EventFahrplan and the video tooling read.

Same events, ids and GUIDs as `schedule.xml`; a room's events are listed under its name on each
day, persons carry a GUID and their name both as `name` (pretalx) and `public_name` (frab).
"""

from __future__ import annotations

import json
from typing import Any

from amj_scheduler.importers.ids import slugify

from .colours import track_colour
from .identity import person_guid, room_guid
from .published_events import PublishedEvent, PublishedProgram
from .schedule_format import GENERATOR, acronym, day_bounds, duration, program_tracks, rooms_on, timeslot
from .stamp import Stamp

SCHEMA = "https://c3voc.de/schedule/schema.json"


def schedule_json_text(program: PublishedProgram, stamp: Stamp) -> str:
    conference = program.instance.conference
    short_name = acronym(conference.name)
    used_rooms = {event.entry.room.id for event in program.events if event.entry.room is not None}
    days = []
    for index, day in enumerate(program.days, start=1):
        start, end = day_bounds(program, day)
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": {
                    room.name: [_event(event, conference.name, short_name) for event in events]
                    for room, events in rooms_on(program, day)
                },
            }
        )
    document = {
        "$schema": SCHEMA,
        "generator": {"name": GENERATOR},
        "schedule": {
            "version": stamp.short,
            "conference": {
                "acronym": short_name,
                "title": conference.name,
                "start": program.days[0].isoformat(),
                "end": program.days[-1].isoformat(),
                "daysCount": len(program.days),
                "timeslot_duration": duration(timeslot(program)),
                "time_zone_name": conference.time_zone,
                "rooms": [
                    {"name": room.name, "guid": str(room_guid(conference.name, room.id)), "capacity": room.capacity}
                    for room in program.instance.rooms
                    if room.id in used_rooms
                ],
                "tracks": [{"name": track.name, "color": track_colour(track)} for track in program_tracks(program)],
                "days": days,
            },
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _event(event: PublishedEvent, conference_name: str, short_name: str) -> dict[str, Any]:
    entry = event.entry
    return {
        "id": event.number,
        "guid": str(event.guid),
        "date": event.start.isoformat(),
        "start": f"{event.start:%H:%M}",
        "duration": duration(event.minutes),
        "room": entry.room_name,
        "slug": f"{short_name}-{event.number}-{slugify(entry.title, 'event')}",
        "title": entry.title,
        "subtitle": event.subtitle,
        "track": event.track.name if event.track else None,
        "type": event.kind,
        "language": "",
        "abstract": "",
        "description": "",
        "persons": [
            {"guid": str(person_guid(conference_name, person.id)), "name": person.name, "public_name": person.name}
            for person in event.people
        ],
        "links": [],
        "attachments": [],
    }

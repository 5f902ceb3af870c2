"""Stable identities for what the conference apps and calendars store: events, rooms, people.

Giggity, ConfClerk and EventFahrplan keep an attendee's favourites and alarms by event id and
GUID, and calendars replace an event by its UID. Each is derived from what the event is (the
conference's name, the talk's id and which occurrence), never from its place in a list, so a
republished schedule updates the events people already have instead of adding copies.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from .program import ProgramEntry

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:amj-scheduler:published-schedule")
"""Fixed forever: changing it would give every published event a new GUID."""
LARGEST_ID = 2**31 - 1
"""Apps store the event id in a 32-bit signed integer (EventFahrplan, ConfClerk's SQLite schema)."""
IMPORTED_ID = re.compile(r"^e([1-9][0-9]{0,8})$")
"""A talk imported from a frab/pretalx file (`e6210`): its first occurrence keeps the file's event id."""


@dataclass(frozen=True)
class EventIdentity:
    key: str
    """What the event is: `talk/<id>/<occurrence>`, `fixed/<id>`, or `contained/<container's id>/
    <container's occurrence>/<id>` for a talk held inside another (a lightning talk in its block)."""
    session_id: str
    first_occurrence: bool
    """The talk's first occurrence (a contained talk: in its container's first)."""


def identity_of(entry: ProgramEntry, within: ProgramEntry | None = None) -> EventIdentity:
    """The identity of `entry`, held inside `within` when it is a contained talk."""
    if within is not None:
        key = f"contained/{within.session_id}/{within.occurrence}/{entry.session_id}"
        return EventIdentity(key, entry.session_id, within.occurrence == 1)
    if entry.occurrence is None:
        return EventIdentity(f"fixed/{entry.session_id}", entry.session_id, True)
    return EventIdentity(f"talk/{entry.session_id}/{entry.occurrence}", entry.session_id, entry.occurrence == 1)


def event_guid(conference_name: str, identity: EventIdentity) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{conference_name}/{identity.key}")


def person_guid(conference_name: str, speaker_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{conference_name}/speaker/{speaker_id}")


def room_guid(conference_name: str, room_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{conference_name}/room/{room_id}")


def event_numbers(conference_name: str, identities: Iterable[EventIdentity]) -> dict[str, int]:
    """A positive 31-bit id for each event, by its key.

    A talk imported as `e<id>` keeps that id for its first occurrence, so a schedule republished
    from an import updates the file's own events; every other event takes its id from its GUID.
    Should two collide (about one chance in four thousand for a thousand events), the later by key
    takes the next free number, deterministically.
    """
    wanted: dict[str, tuple[int, bool]] = {}
    for identity in identities:
        imported = IMPORTED_ID.match(identity.session_id)
        if imported and identity.first_occurrence:
            wanted[identity.key] = (int(imported.group(1)), True)
        else:
            wanted[identity.key] = (event_guid(conference_name, identity).int % LARGEST_ID + 1, False)
    # Imported ids first, so that a derived id never pushes a file's own id aside.
    order = sorted(wanted, key=lambda key: (not wanted[key][1], key))
    taken: set[int] = set()
    numbers: dict[str, int] = {}
    for key in order:
        number = wanted[key][0]
        while number in taken:
            number = number % LARGEST_ID + 1
        taken.add(number)
        numbers[key] = number
    return numbers

"""Speaker itineraries: for each person, every talk they give and every fixed item they lead or
perform, day by day, with the room and who else is on stage. One page each, to hand out or send.

`itineraries.html` holds them all, one printed page per person (for the registration desk), each
under its own anchor (`itineraries.html#<speaker id>`, to link from the message a speaker gets).
A file per person would double the files of a publication (FOSDEM: 994 speakers) for no more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from amj_scheduler.models import Instance, Schedule, Speaker

from .formatting import day_title
from .program import ProgramEntry, program_entries
from .stamp import Stamp
from .templating import render_program_page


@dataclass(frozen=True)
class Appearance:
    entry: ProgramEntry
    others: tuple[str, ...]
    """Who shares it with the speaker, by name."""
    within: str = ""
    """The title of the session a contained talk is held inside (a lightning-talk block)."""


@dataclass(frozen=True)
class ItineraryDay:
    title: str
    appearances: tuple[Appearance, ...]


@dataclass(frozen=True)
class Itinerary:
    speaker: Speaker
    days: tuple[ItineraryDay, ...]


def itineraries(instance: Instance, schedule: Schedule) -> list[Itinerary]:
    """One per speaker who appears in the program, in the instance's order of speakers."""
    names = {day.date: day.name for day in instance.days}
    appearing: dict[str, list[tuple[ProgramEntry, str]]] = {}
    for entry in program_entries(instance, schedule):
        for part, within in ((entry, ""), *((held, entry.title) for held in entry.contains)):
            for speaker_id in part.speaker_ids:
                appearing.setdefault(speaker_id, []).append((part, within))
    found = []
    for speaker in instance.speakers:
        if speaker.id not in appearing:
            continue
        by_day: dict[dt.date, list[Appearance]] = {}
        for entry, within in sorted(appearing[speaker.id], key=lambda found: (found[0].day, found[0].start)):
            others = tuple(
                name for name, other in zip(entry.speakers, entry.speaker_ids, strict=True) if other != speaker.id
            )
            by_day.setdefault(entry.day, []).append(Appearance(entry, others, within))
        days = tuple(
            ItineraryDay(day_title(date, names.get(date, "")), tuple(found_on_day))
            for date, found_on_day in sorted(by_day.items())
        )
        found.append(Itinerary(speaker, days))
    return found


def render_itineraries(instance: Instance, schedule: Schedule, stamp: Stamp) -> str:
    """Every speaker's itinerary, each printing on its own sheet."""
    return render_program_page("itineraries.html.j2", instance, stamp, itineraries=itineraries(instance, schedule))

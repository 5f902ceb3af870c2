"""Who the people of a published program are: one speaker per person, whatever the ids say.

Real exports cannot be trusted to identify people by their person id alone: a merged congress
schedule gives dozens of different people the id `0`, one person turns up under two ids (one
from the main program, one from a stage's own), and a hub export gives no ids at all. Taking
the id as identity then double-books nobody while one real person gives two overlapping talks,
or makes one speaker of a whole file. A person is therefore their name (case, spacing and
Unicode spelling aside); the ids only tell where the file disagrees with itself, and every such
disagreement is listed: names under several ids are merged, ids under several names are split.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Speaker
from .ids import slugify, unique_ids
from .imported import ImportedEvent

SHOWN = 4
"""Names listed in one line before "and N more"."""


@dataclass(frozen=True)
class People:
    speakers: tuple[Speaker, ...]
    """By id."""
    speaker_of: dict[str, str]
    """Each person's identity (normalised name) -> speaker id."""
    merged: tuple[str, ...]
    """One line per name found under several ids: taken as one speaker."""
    split: tuple[str, ...]
    """One line per id found with several names: each name its own speaker."""


def identify(events: Sequence[ImportedEvent]) -> People:
    names: dict[str, str] = {}
    """identity -> the spelling first seen."""
    ids_of: dict[str, list[str]] = defaultdict(list)
    names_of: dict[str, list[str]] = defaultdict(list)
    for event in events:
        for person in event.persons:
            names.setdefault(person.identity, person.name)
            if person.source_id is not None:
                if person.source_id not in ids_of[person.identity]:
                    ids_of[person.identity].append(person.source_id)
                if person.identity not in names_of[person.source_id]:
                    names_of[person.source_id].append(person.identity)
    wanted = [(identity, slugify(name, "speaker"), (ids_of[identity] or [""])[0]) for identity, name in names.items()]
    speaker_of = unique_ids(wanted)
    speakers = tuple(sorted((Speaker(id=speaker_of[key], name=name) for key, name in names.items()), key=_by_id))
    merged = tuple(
        f"{names[identity]} appears under person ids {_listed(ids)}: one speaker, {speaker_of[identity]}"
        for identity, ids in ids_of.items()
        if len(ids) > 1
    )
    split = tuple(
        f"person id {source_id} is given to {len(identities)} different names "
        f"({_listed([names[identity] for identity in identities])}): each name is its own speaker"
        for source_id, identities in names_of.items()
        if len(identities) > 1
    )
    return People(speakers, speaker_of, merged, split)


def _by_id(speaker: Speaker) -> str:
    return speaker.id


def _listed(values: Sequence[str]) -> str:
    shown = ", ".join(values[:SHOWN])
    return f"{shown} and {len(values) - SHOWN} more" if len(values) > SHOWN else shown

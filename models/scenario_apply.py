"""Reading a scenario file and applying it to a base instance, each problem at the scenario's line.

Problems are found in two rounds, as the instance loader finds them. The first round checks
what the scenario refers to in the base: a scenario that names a room the base lacks cannot be
applied at all. The second round runs `find_semantic_problems` on the applied result. A result
problem sits at a place in the new instance (`rooms[2].unavailable[3].day`), which means nothing
to the planner, so each change records which scenario entry wrote each part it touched
(`close_rooms[0]`). A problem is then traced back and reported at that entry's line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ruamel.yaml.comments import CommentedMap

from .errors import InputError, Problem
from .instance import FixedItem, Instance, Pin, Talk, Window, minutes
from .loader import (
    describe_field,
    line_of,
    parse_yaml,
    read_yaml_text,
    refuse_what_parsers_cannot_take,
    validate_document,
    written_part,
)
from .names import ClosestNames
from .scenario import (
    PinChange,
    Scenario,
    ScenarioSpec,
    TimeSpan,
    day_name,
    describe_changes,
    dropped_talks,
)
from .semantics import Location, SemanticProblem, _unknown, find_semantic_problems

Origins = dict[Location, Location]
"""Parts of the applied instance, by id (`("talks", "x", "pins", 1)`), and the scenario entry that wrote them."""

T = TypeVar("T")


def load_scenario(path: Path | str, base: Instance) -> Scenario:
    """Read a scenario file and check that it applies cleanly to `base`."""
    path = Path(path)
    return parse_scenario(read_yaml_text(path, "a scenario YAML file"), base, path)


def parse_scenario(text: str, base: Instance, path: Path | str = "<scenario>") -> Scenario:
    refuse_what_parsers_cannot_take(text, path)
    document = parse_yaml(text, path)
    if not isinstance(document, CommentedMap):
        raise InputError(
            path, [Problem("file", "expected a mapping with scenario: and its changes (close_rooms, pin, ...)")]
        )
    if "scenario" not in document and "conference" in document:
        # An instance passed where a scenario belongs: one problem, not one per top-level key.
        message = "is an instance file, not a scenario; a scenario starts with 'scenario: <name>' and lists its changes"
        raise InputError(path, [Problem("file", message, line_of(document, ["conference"]))])
    spec = validate_document(ScenarioSpec, document, path)
    _applied(base, spec, Path(path), document)
    return Scenario(spec, Path(path), document, describe_changes(spec, base))


def apply_scenario(base: Instance, scenario: Scenario) -> Instance:
    """A new, fully checked instance: `base` with the scenario's changes. `base` is left as it was."""
    return _applied(base, scenario.spec, scenario.path, scenario.document)


def _applied(base: Instance, spec: ScenarioSpec, path: Path, document: Any) -> Instance:
    def failure(problems: Iterable[SemanticProblem]) -> InputError:
        located = [(written_part(document, location), message) for location, message in problems]
        found = [Problem(describe_field(document, at), message, line_of(document, at)) for at, message in located]
        return InputError(path, sorted(found, key=lambda problem: problem.line or 0))

    problems = list(_reference_problems(base, spec))
    if problems:
        raise failure(problems)
    result, origins = _changed(base, spec)
    traced = [(_trace(origins, location, result), message) for location, message in find_semantic_problems(result)]
    if traced:
        raise failure(traced)
    return result


# --- applying ------------------------------------------------------------------------------------


def _changed(base: Instance, spec: ScenarioSpec) -> tuple[Instance, Origins]:
    """The base with every change made, in the order the format documents."""
    origins: Origins = {}
    days = [day.date for day in base.days]
    cancelled = {c.speaker for c in spec.cancel_speakers}
    gone = {r.talk for r in spec.remove_talks} | {talk.id for talk in dropped_talks(base, cancelled)}

    talks = [
        talk.model_copy(update={"speakers": tuple(s for s in talk.speakers if s not in cancelled)})
        for talk in base.talks
        if talk.id not in gone
    ]
    talks += spec.add_talks
    origins.update({("talks", talk.id): ("add_talks", j) for j, talk in enumerate(spec.add_talks)})
    if not talks:  # nothing left to place: the removals did it
        origins[("talks",)] = ("remove_talks",) if spec.remove_talks else ("cancel_speakers",)
    attendance = {change.talk: change.expected_attendance for change in spec.set_attendance}
    talks = [
        talk.model_copy(update={"expected_attendance": attendance[talk.id]}) if talk.id in attendance else talk
        for talk in talks
    ]
    talks = [_pinned(talk, spec.pin, origins) for talk in talks]

    capacity = {change.room: change.capacity for change in spec.set_capacity}
    closed = f"closed in scenario {spec.scenario}"
    rooms = [
        room.model_copy(
            update={
                "capacity": capacity.get(room.id, room.capacity),
                "unavailable": _with_windows(
                    ("rooms", room.id, "unavailable"),
                    room.unavailable,
                    [(("close_rooms", k), c) for k, c in enumerate(spec.close_rooms) if c.room == room.id],
                    days,
                    closed,
                    origins,
                ),
            }
        )
        for room in base.rooms
    ]
    away = f"unavailable in scenario {spec.scenario}"
    speakers = [
        speaker.model_copy(
            update={
                "unavailable": _with_windows(
                    ("speakers", speaker.id, "unavailable"),
                    speaker.unavailable,
                    [
                        (("speaker_unavailable", k), a)
                        for k, a in enumerate(spec.speaker_unavailable)
                        if a.speaker == speaker.id
                    ],
                    days,
                    away,
                    origins,
                ),
            }
        )
        for speaker in base.speakers
        if speaker.id not in cancelled
    ]
    fixed_items = [
        item.model_copy(update={"people": tuple(p for p in item.people if p not in cancelled)})
        for item in base.fixed_items
    ]

    fields = {name: getattr(base, name) for name in Instance.model_fields}
    # A new Instance object, so that its cached lookups are built from the changed parts.
    changed = {
        "talks": tuple(talks),
        "rooms": tuple(rooms),
        "speakers": tuple(speakers),
        "fixed_items": tuple(fixed_items),
    }
    return Instance.model_validate(fields | changed), origins


def _pinned(talk: Talk, changes: Sequence[PinChange], origins: Origins) -> Talk:
    """The talk with the scenario's pins: the N-th pin replaced if it exists, otherwise a pin added."""
    mine = sorted(((k, c) for k, c in enumerate(changes) if c.talk == talk.id), key=lambda item: item[1].occurrence)
    if not mine:
        return talk
    pins = list(talk.pins)
    for k, change in mine:
        pin = Pin(slot=change.slot, room=change.room)
        if change.occurrence <= len(talk.pins):
            index = change.occurrence - 1
            pins[index] = pin
        else:
            index = len(pins)
            pins.append(pin)
        origins[("talks", talk.id, "pins", index)] = ("pin", k)
        # A clash between a scenario pin and a base pin may be reported at the base pin.
        origins.setdefault(("talks", talk.id, "pins"), ("pin", k))
    return talk.model_copy(update={"pins": tuple(pins)})


def _with_windows(
    part: Location,
    windows: tuple[Window, ...],
    entries: list[tuple[Location, TimeSpan]],
    days: list[dt.date],
    reason: str,
    origins: Origins,
) -> tuple[Window, ...]:
    added = list(windows)
    for entry, span in entries:
        for window in span.windows(days, reason):
            origins[(*part, len(added))] = entry
            added.append(window)
    return tuple(added)


def _trace(origins: Origins, location: Location, result: Instance) -> Location:
    """The scenario entry behind a problem in the result, plus the rest of its path (`.day`, `.speakers[0]`)."""
    keyed = tuple(location)
    if len(keyed) >= 2 and keyed[0] in ("rooms", "speakers", "talks") and isinstance(keyed[1], int):
        keyed = (keyed[0], getattr(result, str(keyed[0]))[keyed[1]].id, *keyed[2:])
    for cut in range(len(keyed), 0, -1):
        if keyed[:cut] in origins:
            return origins[keyed[:cut]] + keyed[cut:]
    return ()  # every part a scenario can spoil is recorded; the file as a whole is the last resort


# --- what the scenario refers to in the base -------------------------------------------------------


def _reference_problems(base: Instance, spec: ScenarioSpec) -> Iterator[SemanticProblem]:
    names = ClosestNames()
    yield from _room_problems(base, spec, names)
    yield from _speaker_problems(base, spec, names)
    yield from _talk_problems(base, spec, names)


def _room_problems(base: Instance, spec: ScenarioSpec, names: ClosestNames) -> Iterator[SemanticProblem]:
    rooms = base.room_by_id
    for k, closure in enumerate(spec.close_rooms):
        if closure.room not in rooms:
            yield ("close_rooms", k, "room"), _unknown("room", closure.room, rooms, names)
            continue
        held = _fixed_items_during(base, closure, _in_room(closure.room))
        if held:
            yield (
                ("close_rooms", k),
                f"{rooms[closure.room].name} holds {held} while closed; "
                "a scenario cannot move fixed items, so close the room around them",
            )
    for k, change in enumerate(spec.set_capacity):
        if change.room not in rooms:
            yield ("set_capacity", k, "room"), _unknown("room", change.room, rooms, names)
    yield from _repeats(spec.set_capacity, "set_capacity", "room", lambda c: c.room, "already has its capacity set by")


def _speaker_problems(base: Instance, spec: ScenarioSpec, names: ClosestNames) -> Iterator[SemanticProblem]:
    speakers = base.speaker_by_id
    cancelled = _first_index(spec.cancel_speakers, lambda c: c.speaker)
    for k, cancellation in enumerate(spec.cancel_speakers):
        if cancellation.speaker not in speakers:
            yield ("cancel_speakers", k, "speaker"), _unknown("speaker", cancellation.speaker, speakers, names)
    yield from _repeats(
        spec.cancel_speakers, "cancel_speakers", "speaker", lambda c: c.speaker, "is already cancelled by"
    )
    for k, absence in enumerate(spec.speaker_unavailable):
        if absence.speaker not in speakers:
            yield ("speaker_unavailable", k, "speaker"), _unknown("speaker", absence.speaker, speakers, names)
        elif absence.speaker in cancelled:
            yield (
                ("speaker_unavailable", k, "speaker"),
                f"'{absence.speaker}' is cancelled by cancel_speakers[{cancelled[absence.speaker]}]",
            )
        elif busy := _fixed_items_during(base, absence, _with_person(absence.speaker)):
            yield (
                ("speaker_unavailable", k),
                f"{speakers[absence.speaker].name} is in {busy} then; a scenario cannot move fixed items, "
                "but cancel_speakers takes a speaker off them",
            )


def _talk_problems(base: Instance, spec: ScenarioSpec, names: ClosestNames) -> Iterator[SemanticProblem]:
    talks = base.talk_by_id
    # Base talks the scenario takes away, and how: later changes that name them are told why they are gone.
    dropped = {talk.id for talk in dropped_talks(base, (c.speaker for c in spec.cancel_speakers))}
    gone = {talk_id: "is already dropped by cancel_speakers: no one is left to give it" for talk_id in dropped}
    for k, removal in enumerate(spec.remove_talks):
        if removal.talk not in talks:
            yield ("remove_talks", k, "talk"), _unknown("talk", removal.talk, talks, names)
        elif removal.talk in dropped:
            yield ("remove_talks", k, "talk"), f"'{removal.talk}' {gone[removal.talk]}"
        else:
            gone.setdefault(removal.talk, f"is removed by remove_talks[{k}]")
    yield from _repeats(spec.remove_talks, "remove_talks", "talk", lambda r: r.talk, "is already removed by")

    cancelled = _first_index(spec.cancel_speakers, lambda c: c.speaker)
    fixed_ids = {item.id for item in base.fixed_items}
    for j, talk in enumerate(spec.add_talks):
        if talk.id in talks and talk.id not in gone:
            yield (
                ("add_talks", j, "id"),
                f"the base already has a talk '{talk.id}' ('{talks[talk.id].title}'); "
                "to replace it, also list it under remove_talks",
            )
        elif talk.id in fixed_ids:
            yield ("add_talks", j, "id"), f"'{talk.id}' is the id of a fixed item; session ids must be unique"
        for s, speaker in enumerate(talk.speakers):
            if speaker in cancelled:
                yield (
                    ("add_talks", j, "speakers", s),
                    f"'{speaker}' is cancelled by cancel_speakers[{cancelled[speaker]}]",
                )
    yield from _repeats(spec.add_talks, "add_talks", "id", lambda t: t.id, "is already the id of")

    available = {talk.id: talk for talk in base.talks if talk.id not in gone} | {t.id: t for t in spec.add_talks}

    def unknown_talk(talk_id: str) -> str | None:
        if talk_id in available:
            return None
        return f"'{talk_id}' {gone[talk_id]}" if talk_id in gone else _unknown("talk", talk_id, available, names)

    for k, change in enumerate(spec.set_attendance):
        if problem := unknown_talk(change.talk):
            yield ("set_attendance", k, "talk"), problem
    yield from _repeats(
        spec.set_attendance, "set_attendance", "talk", lambda c: c.talk, "already has its attendance set by"
    )
    for k, pin in enumerate(spec.pin):
        if problem := unknown_talk(pin.talk):
            yield ("pin", k, "talk"), problem
        elif pin.occurrence > (given := available[pin.talk].occurrences):
            times = "once" if given == 1 else f"{given} times"
            yield ("pin", k, "occurrence"), f"'{pin.talk}' is given {times}, so it has no occurrence {pin.occurrence}"
    yield from _repeats(spec.pin, "pin", "occurrence", lambda p: (p.talk, p.occurrence), "is already pinned by")


def _repeats(
    entries: Sequence[T], name: str, field: str, key: Callable[[T], object], says: str
) -> Iterator[SemanticProblem]:
    """A second entry for the same thing: the planner meant one of them, and we cannot guess which."""
    first = _first_index(entries, key)
    for k, entry in enumerate(entries):
        value = key(entry)
        if first[value] != k:
            shown = f"occurrence {value[1]} of '{value[0]}'" if isinstance(value, tuple) else f"'{value}'"
            yield (name, k, field), f"{shown} {says} {name}[{first[value]}]"


def _first_index(entries: Sequence[T], key: Callable[[T], Any]) -> dict[Any, int]:
    """Each key's first entry, to name it when a later entry repeats or contradicts it."""
    first: dict[Any, int] = {}
    for k, entry in enumerate(entries):
        first.setdefault(key(entry), k)
    return first


def _in_room(room: str) -> Callable[[FixedItem], bool]:
    return lambda item: item.room == room


def _with_person(speaker: str) -> Callable[[FixedItem], bool]:
    return lambda item: speaker in item.people


def _fixed_items_during(base: Instance, span: TimeSpan, concerns: Callable[[FixedItem], bool]) -> str:
    """The fixed items that `span` overlaps and that concern its room or speaker, as a list of titles and times."""
    windows = span.windows((day.date for day in base.days), "")
    items = [
        item
        for item in base.fixed_items
        if concerns(item)
        and any(
            w.day == item.day and w.start_minute < minutes(item.end) and minutes(item.start) < w.end_minute
            for w in windows
        )
    ]
    return ", ".join(f"'{i.title}' ({day_name(base, i.day)} {i.start:%H:%M}-{i.end:%H:%M})" for i in items)

"""The planner's requirements: the individual things an instance asks for that could be given up.

An infeasible plan is explained as a set of these, so each one is something a planner wrote
and can change: a pin, an unavailability, a required feature, a talk's number of occurrences,
a speaker giving a talk, an audience restriction, a fixed item holding a room or a person.
The grid itself (days, slots, rooms, a room holding one thing at a time) is the stage on which
they are weighed, not a requirement.

`relaxed` gives an instance without one requirement, built from the models alone (no solver
code), so that tests and the CLI can confirm a suggested relaxation by solving it for real.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .clock import Clock
from .instance import ApartGroup, Bound, FixedItem, Instance, Room, Speaker, Talk, Window

Kind = Literal[
    "pin",
    "occurrences",
    "speaker-gives",
    "speaker-unavailable",
    "fixed-person",
    "room-unavailable",
    "fixed-room",
    "requires",
    "restricted",
    "allowed-rooms",
    "allowed-times",
    "not-before",
    "not-after",
    "apart",
    "changeover",
]

Location = tuple[str | int, ...]
"""A path into the instance file; a string right after a list name is the id of an item in it."""


@dataclass(frozen=True, order=True)
class Requirement:
    kind: Kind
    owner: str
    """The id of the talk, speaker, room or fixed item whose entry holds the requirement."""
    detail: str | int = ""
    """Which one of the owner's: a pin or window index, a feature, a speaker id."""


def occurrences_negotiable(talk: Talk) -> bool:
    """A talk given once in one slot is the program itself, not a requirement about it; how often
    a talk is repeated, and a workshop's run of slots, are things a planner can give up."""
    return talk.occurrences > 1 or talk.length > 1


def requirements_of(instance: Instance) -> list[Requirement]:
    """Every requirement of the instance, in file order."""
    found: list[Requirement] = []
    for talk in instance.talks:
        if occurrences_negotiable(talk):
            found.append(Requirement("occurrences", talk.id))
        found += [Requirement("speaker-gives", talk.id, speaker) for speaker in talk.speakers]
        found += [Requirement("pin", talk.id, index) for index in range(len(talk.pins))]
        found += [Requirement("requires", talk.id, feature) for feature in talk.requires]
        if talk.restricted_to is not None:
            found.append(Requirement("restricted", talk.id))
        found += [Requirement(kind, talk.id) for kind, field in TALK_RULES.items() if getattr(talk, field)]
        found += [Requirement(kind, talk.id) for kind, field in BOUNDS.items() if _hard(getattr(talk, field))]
    for speaker in instance.speakers:
        found += [Requirement("speaker-unavailable", speaker.id, index) for index in range(len(speaker.unavailable))]
    for room in instance.rooms:
        found += [Requirement("room-unavailable", room.id, index) for index in range(len(room.unavailable))]
        if room.changeover:
            found.append(Requirement("changeover", room.id))
    for item in instance.fixed_items:
        if item.room is not None:
            found.append(Requirement("fixed-room", item.id))
        found += [Requirement("fixed-person", item.id, person) for person in item.people]
    found += [Requirement("apart", group.id) for group in instance.apart if group.hard]
    return found


TALK_RULES: dict[Kind, str] = {"allowed-rooms": "allowed_rooms", "allowed-times": "allowed_times"}
"""Requirements a talk's own list of rooms or times makes, by the field that holds it."""
BOUNDS: dict[Kind, str] = {"not-before": "not_before", "not-after": "not_after"}
"""A talk's hard bounds in time, by the field that holds each."""


def _hard(bound: Bound | None) -> bool:
    return bound is not None and bound.hard


def location_of(requirement: Requirement) -> Location:
    kind, owner, detail = requirement.kind, requirement.owner, requirement.detail
    match kind:
        case "occurrences":
            return ("talks", owner, "occurrences")
        case "speaker-gives":
            return ("talks", owner, "speakers")
        case "pin":
            return ("talks", owner, "pins", int(detail))
        case "requires":
            return ("talks", owner, "requires")
        case "restricted":
            return ("talks", owner, "restricted_to")
        case "speaker-unavailable":
            return ("speakers", owner, "unavailable", int(detail))
        case "room-unavailable":
            return ("rooms", owner, "unavailable", int(detail))
        case "fixed-room":
            return ("fixed_items", owner, "room")
        case "fixed-person":
            return ("fixed_items", owner, "people")
        case "allowed-rooms" | "allowed-times" | "not-before" | "not-after":
            return ("talks", owner, (TALK_RULES | BOUNDS)[kind])
        case "apart":
            return ("apart", owner)
        case "changeover":
            return ("rooms", owner, "changeover")
    raise ValueError(kind)


def entity_of(requirement: Requirement, instance: Instance) -> str:
    """Whom a planner would file the requirement under: a speaker, a talk or a room, by name."""
    if requirement.kind in ("speaker-gives", "fixed-person"):
        return instance.speaker_by_id[str(requirement.detail)].name
    if requirement.kind == "speaker-unavailable":
        return instance.speaker_by_id[requirement.owner].name
    if requirement.kind in ("room-unavailable", "changeover"):
        return instance.room_by_id[requirement.owner].name
    if requirement.kind == "apart":
        return _listed([f"'{instance.talk_by_id[t].title}'" for t in instance.apart_members[requirement.owner]])
    if requirement.kind == "fixed-room":
        room = _fixed(instance, requirement).room
        return instance.room_by_id[room].name if room else requirement.owner
    return f"'{instance.talk_by_id[requirement.owner].title}'"


def describe(requirement: Requirement, instance: Instance) -> str:
    """The requirement as a sentence about its entity (see `entity_of`)."""
    kind, detail = requirement.kind, requirement.detail
    match kind:
        case "occurrences":
            talk = instance.talk_by_id[requirement.owner]
            times = "once" if talk.occurrences == 1 else f"{talk.occurrences} times"
            length = f", each over {talk.length} consecutive slots" if talk.length > 1 else ""
            return f"is given {times}{length}"
        case "speaker-gives":
            return f"gives '{instance.talk_by_id[requirement.owner].title}'"
        case "pin":
            talk = instance.talk_by_id[requirement.owner]
            which = f"occurrence {int(detail) + 1} " if talk.occurrences > 1 else ""
            return f"{which}is pinned to {_pin_place(instance, talk, int(detail))}"
        case "requires":
            return f"needs a room with {detail}"
        case "restricted":
            talk = instance.talk_by_id[requirement.owner]
            audience = instance.audience_by_id[talk.restricted_to or ""].name
            return f"is for {audience} only, so it may not overlap their other sessions"
        case "speaker-unavailable":
            window = _speaker(instance, requirement).unavailable[int(detail)]
            return f"is unavailable {window_text(instance, window)}"
        case "room-unavailable":
            window = _room(instance, requirement).unavailable[int(detail)]
            return f"is closed {window_text(instance, window)}"
        case "fixed-room":
            item = _fixed(instance, requirement)
            return f"is taken by '{item.title}' {_span_text(instance, item.day, item.start, item.end)}"
        case "fixed-person":
            item = _fixed(instance, requirement)
            return f"is at '{item.title}' {_span_text(instance, item.day, item.start, item.end)}"
        case "allowed-rooms":
            return f"may only go to {_rooms_text(instance, instance.talk_by_id[requirement.owner].allowed_rooms)}"
        case "allowed-times":
            return f"may only run {_periods_text(instance, instance.talk_by_id[requirement.owner])}"
        case "not-before":
            return f"may not start before {_bound_text(instance.talk_by_id[requirement.owner].not_before)}"
        case "not-after":
            return f"must end by {_bound_text(instance.talk_by_id[requirement.owner].not_after)}"
        case "apart":
            group = _group(instance, requirement)
            why = f" ({group.reason})" if group.reason else ""
            return f"must not run at the same time{why}"
        case "changeover":
            return f"needs {_room(instance, requirement).changeover} minutes empty between two talks"
    raise ValueError(kind)


def relaxation_text(requirement: Requirement, instance: Instance) -> str:
    """What a planner would do to give the requirement up, as an imperative."""
    kind, detail = requirement.kind, requirement.detail
    title = f"'{instance.talk_by_id[requirement.owner].title}'" if requirement.owner in instance.talk_by_id else ""
    match kind:
        case "occurrences":
            talk = instance.talk_by_id[requirement.owner]
            if talk.occurrences == 1:
                return f"leave {title} out of the program"
            return f"give {title} {talk.occurrences - 1} time{'s' if talk.occurrences > 2 else ''} instead of {talk.occurrences}"
        case "speaker-gives":
            return f"let someone other than {instance.speaker_by_id[str(detail)].name} give {title}"
        case "pin":
            return f"drop the pin of {title} to {_pin_place(instance, instance.talk_by_id[requirement.owner], int(detail))}"
        case "requires":
            return f"let {title} use a room without {detail}"
        case "restricted":
            return f"open {title} to everyone"
        case "speaker-unavailable":
            speaker = _speaker(instance, requirement)
            return f"ask {speaker.name} to be available {window_text(instance, speaker.unavailable[int(detail)])}"
        case "room-unavailable":
            room = _room(instance, requirement)
            return f"open {room.name} {window_text(instance, room.unavailable[int(detail)])}"
        case "fixed-room":
            item = _fixed(instance, requirement)
            return f"move '{item.title}' out of {instance.room_by_id[item.room or ''].name}"
        case "fixed-person":
            item = _fixed(instance, requirement)
            return f"let '{item.title}' go ahead without {instance.speaker_by_id[str(detail)].name}"
        case "allowed-rooms":
            return f"let {title} use rooms other than {_rooms_text(instance, instance.talk_by_id[requirement.owner].allowed_rooms)}"
        case "allowed-times":
            return (
                f"let {title} run at other times than {_periods_text(instance, instance.talk_by_id[requirement.owner])}"
            )
        case "not-before":
            return f"let {title} start before {_bound_text(instance.talk_by_id[requirement.owner].not_before)}"
        case "not-after":
            return f"let {title} run past {_bound_text(instance.talk_by_id[requirement.owner].not_after)}"
        case "apart":
            return f"let {entity_of(requirement, instance)} run at the same time (drop apart group {requirement.owner})"
        case "changeover":
            return f"let {_room(instance, requirement).name} take a talk right after another"
    raise ValueError(kind)


def relaxed(instance: Instance, requirement: Requirement) -> Instance:
    """The instance with this one requirement given up; everything else as it was."""
    kind, owner, detail = requirement.kind, requirement.owner, requirement.detail
    if kind in ("occurrences", "speaker-gives", "pin", "requires", "restricted", *TALK_RULES, *BOUNDS):
        talk = instance.talk_by_id[owner]
        if kind == "occurrences" and talk.occurrences == 1:
            return _with(instance, talks=tuple(t for t in instance.talks if t.id != owner))
        return _with(instance, talks=_replace(instance.talks, owner, _relaxed_talk(talk, kind, detail)))
    if kind == "speaker-unavailable":
        speaker = instance.speaker_by_id[owner]
        changed: Speaker = speaker.model_copy(update={"unavailable": _without_index(speaker.unavailable, int(detail))})
        return _with(instance, speakers=_replace(instance.speakers, owner, changed))
    if kind == "changeover":
        room = instance.room_by_id[owner]
        return _with(instance, rooms=_replace(instance.rooms, owner, room.model_copy(update={"changeover": 0})))
    if kind == "apart":
        return _with(instance, apart=tuple(group for group in instance.apart if group.id != owner))
    if kind == "room-unavailable":
        room = instance.room_by_id[owner]
        opened: Room = room.model_copy(update={"unavailable": _without_index(room.unavailable, int(detail))})
        return _with(instance, rooms=_replace(instance.rooms, owner, opened))
    item = _fixed(instance, requirement)
    update = {"room": None} if kind == "fixed-room" else {"people": tuple(p for p in item.people if p != detail)}
    return _with(instance, fixed_items=_replace(instance.fixed_items, owner, item.model_copy(update=update)))


def relaxed_all(instance: Instance, requirements: list[Requirement] | tuple[Requirement, ...]) -> Instance:
    """The instance with all of these given up, in an order that keeps every index meaningful:
    repeats are cut first (which drops the last occurrence's pin, as `relaxed` does), then pins
    and windows from the highest index down, and talks given once leave the program last."""

    def removes_talk(requirement: Requirement) -> bool:
        return requirement.kind == "occurrences" and instance.talk_by_id[requirement.owner].occurrences == 1

    def stage(requirement: Requirement) -> tuple[int, int]:
        if requirement.kind == "occurrences":
            return (2 if removes_talk(requirement) else 0, 0)
        return (1, -_index(requirement))

    for requirement in sorted(requirements, key=stage):
        if requirement.kind == "pin" and int(requirement.detail) >= len(instance.talk_by_id[requirement.owner].pins):
            continue  # its occurrence, and the pin with it, went when the repeats were cut
        instance = relaxed(instance, requirement)
    return instance


def _index(requirement: Requirement) -> int:
    return requirement.detail if isinstance(requirement.detail, int) else 0


def _relaxed_talk(talk: Talk, kind: str, detail: str | int) -> Talk:
    if kind == "occurrences":
        remaining = talk.occurrences - 1
        return talk.model_copy(update={"occurrences": remaining, "pins": talk.pins[:remaining]})
    if kind == "speaker-gives":
        # May leave a talk with no speaker at all: the solver and checker then see no speaker rule for it.
        return talk.model_copy(update={"speakers": tuple(s for s in talk.speakers if s != detail)})
    if kind == "pin":
        return talk.model_copy(update={"pins": _without_index(talk.pins, int(detail))})
    if kind == "requires":
        return talk.model_copy(update={"requires": tuple(f for f in talk.requires if f != detail)})
    if kind in TALK_RULES:
        return talk.model_copy(update={TALK_RULES[kind]: ()})
    if kind in BOUNDS:
        return talk.model_copy(update={BOUNDS[kind]: None})
    return talk.model_copy(update={"restricted_to": None})


def _with(instance: Instance, **changes: object) -> Instance:
    return instance.model_copy(update=changes)


def _replace(items: tuple, item_id: str, new: object) -> tuple:
    return tuple(new if item.id == item_id else item for item in items)


def _without_index(items: tuple, index: int) -> tuple:
    return items[:index] + items[index + 1 :]


def _pin_place(instance: Instance, talk: Talk, index: int) -> str:
    """ "Session II in Nicholson Hall"; on breakout windows "Saturday at 10:35", or a day: "Saturday 1 February"."""
    pin = talk.pins[index]
    parts = []
    if pin.slot:
        slot = instance.slot_by_id[pin.slot]
        parts.append(f"{slot.label} at {slot.start:%H:%M}" if instance.uses_windows else slot.label)
    elif pin.day is not None:
        parts.append(f"{pin.day:%A} {pin.day.day} {pin.day:%B}")
    if pin.room:
        parts.append(instance.room_by_id[pin.room].name)
    return " in ".join(parts)


def _speaker(instance: Instance, requirement: Requirement) -> Speaker:
    return instance.speaker_by_id[requirement.owner]


def _room(instance: Instance, requirement: Requirement) -> Room:
    return instance.room_by_id[requirement.owner]


def _group(instance: Instance, requirement: Requirement) -> ApartGroup:
    return next(group for group in instance.apart if group.id == requirement.owner)


def _rooms_text(instance: Instance, room_ids: tuple[str, ...]) -> str:
    return _listed([instance.room_by_id[r].name for r in room_ids], "or")


def _periods_text(instance: Instance, talk: Talk) -> str:
    spans = [
        _span_text(instance, day, start, end)
        for p in talk.allowed_times
        for day, start, end in instance.period_spans(p)
    ]
    return _listed(spans, "or")


def _bound_text(bound: Bound | None) -> str:
    assert bound is not None
    return f"{bound.day:%A} {bound.time:%H:%M}"


def _listed(names: list[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C': names as a sentence lists them."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def _fixed(instance: Instance, requirement: Requirement) -> FixedItem:
    return next(item for item in instance.fixed_items if item.id == requirement.owner)


def window_text(instance: Instance, window: Window) -> str:
    """`in Session III, Saturday 14:15-15:15`: the breakout slots a span blocks, and its clock time."""
    return _span_text(instance, window.day, window.start, window.end)


def _span_text(instance: Instance, day: dt.date, start: int, end: int) -> str:
    """The clock time, and on labelled slots the slots it blocks (a window's steps would say nothing more)."""
    covered = [
        slot.label for slot in instance.breakout_slots if slot.day == day and slot.start < end and start < slot.end
    ]
    whole_day = (start, end) == (0, 23 * 60 + 59)
    clock = f"all day {day:%A}" if whole_day else f"{day:%A} {Clock(start):%H:%M}-{Clock(end):%H:%M}"
    return f"in {' and '.join(covered)}, {clock}" if covered else clock

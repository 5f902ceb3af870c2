"""An imported instance written as YAML text: a header that names the source and every
assumption, each section with its comments, and one line per small item so that a file of a
thousand talks stays readable and quick to load."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from ..models import Instance, Pin, Talk, minutes
from .to_instance import Conversion, Notes
from .yaml_text import Value, clock, flow, name, text

WIDTH = 100
TOOL = "amj-solve import"


def instance_yaml(conversion: Conversion, published_csv: str) -> str:
    instance, notes = conversion.instance, conversion.notes
    parts = [
        "\n".join(_header(conversion, published_csv)),
        _conference(instance),
        _section("days", notes, (f"  - {flow({'date': day.date, 'name': text(day.name)})}" for day in instance.days)),
        _section("breakout_windows", notes, _windows(instance)),
        _section("tracks", notes, _tracks(instance, notes)),
        _section("rooms", notes, _rooms(instance, notes)),
    ]
    if instance.audiences:
        parts.append(_section("audiences", notes, _audiences(instance, notes)))
    parts.append(_section("speakers", notes, _speakers(instance, notes)))
    if instance.fixed_items:
        parts.append(_section("fixed_items", notes, _fixed_items(instance)))
    parts += [
        _section("talks", notes, _talks(instance, notes)),
        _section(
            "weights",
            notes,
            (),
            inline=flow({"seat_short": instance.weights.seat_short, "seat_empty": instance.weights.seat_empty}),
        ),
    ]
    return "\n\n".join(parts) + "\n"


def _comment(line: str, indent: str = "", subsequent: str = "") -> list[str]:
    """A comment wrapped to the width. Names quoted in it may come with characters a YAML comment
    cannot hold (a control character from a JSON escape): those are shown as spaces."""
    printable = "".join(char if char.isprintable() else " " for char in line)
    lines = textwrap.wrap(
        printable,
        WIDTH,
        break_on_hyphens=False,
        initial_indent=f"{indent}# ",
        subsequent_indent=subsequent or f"{indent}#   ",
    )
    return lines or [f"{indent}#"]


def _header(conversion: Conversion, published_csv: str) -> Iterator[str]:
    source = conversion.source
    yield from _comment(f"{source.title}: an instance imported by `{TOOL}` from {source.source_name}")
    yield from _comment(
        f"({source.source_format}, sha256 {source.source_sha256[:16]}...). The published placement is {published_csv}, beside this file."
    )
    yield "#"
    yield from _comment("Assumptions (the schedule file does not say these; check them before planning):")
    for number, assumption in enumerate(conversion.notes.assumptions, start=1):
        yield from _comment(f"{number:>2}. {assumption}", subsequent="#     ")
    if conversion.source.left_out:
        yield "#"
        yield from _comment(
            "Left out, as the file gives no usable length (add them by hand if they should be planned):"
        )
        for event in conversion.source.left_out:
            yield from _comment(f"- event {event.id} '{event.title}' ({event.where})", subsequent="#   ")
    if conversion.notes.facts:
        yield "#"
        for fact in conversion.notes.facts:
            yield from _comment(fact, subsequent="#   ")


def _conference(instance: Instance) -> str:
    conference = instance.conference
    return "\n".join(
        (
            "conference:",
            f"  name: {text(conference.name)}",
            f"  venue: {text(conference.venue)}",
            f"  time_zone: {text(conference.time_zone)}",
        )
    )


def _section(key: str, notes: Notes, lines: Iterator[str] | tuple[str, ...], inline: str = "") -> str:
    """A top-level key with its comments; an empty list is written `[]`, as a bare key would read as null."""
    head = [line for note in notes.sections.get(key, ()) for line in _comment(note)]
    items = list(lines)
    return "\n".join((*head, f"{key}: {inline or ('' if items else '[]')}".rstrip(), *items))


def _item_comments(notes: Notes, section: str, item_id: str, indent: str = "  ") -> list[str]:
    return [line for note in notes.items.get((section, item_id), ()) for line in _comment(note, indent)]


def _windows(instance: Instance) -> Iterator[str]:
    for window in instance.breakout_windows:
        yield "  - " + flow(
            {
                "id": name(window.id),
                "label": text(window.label),
                "day": window.day,
                "start": clock(minutes(window.start)),
                "end": clock(minutes(window.end)),
                "step": window.step,
            }
        )


def _tracks(instance: Instance, notes: Notes) -> Iterator[str]:
    for track in instance.tracks:
        yield from _item_comments(notes, "tracks", track.id)
        fields = {"id": name(track.id), "name": text(track.name), "room_rule": track.room_rule}
        if track.color:
            fields["color"] = text(track.color)
        yield f"  - {flow(fields)}"


def _rooms(instance: Instance, notes: Notes) -> Iterator[str]:
    for room in instance.rooms:
        yield from _item_comments(notes, "rooms", room.id)
        yield f"  - id: {name(room.id)}"
        yield f"    name: {text(room.name)}"
        yield f"    capacity: {room.capacity}"
        if room.open:
            yield "    open:"
            for window in room.open:
                yield f"      - {flow({'day': window.day, 'start': clock(window.start_minute), 'end': clock(window.end_minute)})}"


def _audiences(instance: Instance, notes: Notes) -> Iterator[str]:
    for audience in instance.audiences:
        yield from _item_comments(notes, "audiences", audience.id)
        yield "  - " + flow(
            {
                "id": name(audience.id),
                "name": text(audience.name),
                "description": text(audience.description),
                "at_once": audience.at_once,
            }
        )


def _speakers(instance: Instance, notes: Notes) -> Iterator[str]:
    for speaker in instance.speakers:
        yield from _item_comments(notes, "speakers", speaker.id)
        yield f"  - {flow({'id': name(speaker.id), 'name': text(speaker.name)})}"


def _fixed_items(instance: Instance) -> Iterator[str]:
    for item in instance.fixed_items:
        fields: dict[str, Value] = {
            "id": name(item.id),
            "title": text(item.title),
            "kind": item.kind,
            "day": item.day,
            "start": clock(minutes(item.start)),
            "end": clock(minutes(item.end)),
        }
        if item.room:
            fields["room"] = name(item.room)
        yield f"  - {flow(fields)}"


def _talks(instance: Instance, notes: Notes) -> Iterator[str]:
    for talk in instance.talks:
        if talk.id in notes.groups:
            yield ""
            yield from _comment(notes.groups[talk.id], "  ")
        yield from _item_comments(notes, "talks", talk.id)
        yield from _talk(talk)


def _talk(talk: Talk) -> Iterator[str]:
    yield f"  - id: {name(talk.id)}"
    yield f"    title: {text(talk.title)}"
    yield f"    speakers: {flow([name(speaker) for speaker in talk.speakers])}"
    yield f"    minutes: {talk.minutes}"
    if talk.track:
        yield f"    track: {name(talk.track)}"
    if talk.occurrences > 1:
        yield f"    occurrences: {talk.occurrences}"
    if talk.restricted_to:
        yield f"    restricted_to: {name(talk.restricted_to)}"
    if talk.code:
        yield f"    code: {name(talk.code)}"
    yield f"    pins: {flow([_pin(pin) for pin in talk.pins])}"
    if talk.contains:
        yield "    contains:"
        for nested in talk.contains:
            fields: dict[str, Value] = {
                "id": name(nested.id),
                "title": text(nested.title),
                "speakers": [name(speaker) for speaker in nested.speakers],
                "offset": nested.offset,
                "minutes": nested.minutes,
            }
            yield f"      - {flow(fields)}"


def _pin(pin: Pin) -> dict[str, Value]:
    fields: dict[str, Value] = {}
    if pin.day is not None:
        fields["day"] = pin.day
    if pin.slot is not None:
        fields["slot"] = name(pin.slot)
    if pin.room is not None:
        fields["room"] = name(pin.room)
    return fields

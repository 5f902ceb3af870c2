"""What stays where it was published when an imported conference is planned again.

A planner re-planning a congress moves talks between rooms and hours, but never the opening
ceremony to the evening, lunch to the afternoon, or the children's workshops out of the
children's room. Those are kept by default; `--keep-published` keeps more (every workshop,
a track, a room) or nothing by default (`none`). Each kept event becomes a pin with a comment
saying why, so the planner sees it and can take it out.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .ids import slugify
from .imported import ImportedEvent, normalised

KINDS = ("type", "track", "room")
CEREMONY = re.compile(
    r"^(welcome|opening|closing|keynote)\b|\b(opening|closing)\b.*\b(ceremony|event|session|remarks)\b"
    r"|^([\w:.-]+ ){0,3}(opening|closing)$"
)
"""An opening, closing or keynote by its title: "Opening Event", "38C3: Closing Ceremony", "RomHack Camp Opening"."""
MEAL_WORDS = {"lunch", "breakfast", "dinner", "break", "coffee", "mittagspause", "pause"}
CHILDREN_ROOM_WORDS = ("kid", "kinder", "junior", "children", "youth")

Hold = Literal["time", "room"]


@dataclass(frozen=True)
class KeepRule:
    """One `--keep-published` choice: `type:workshop`, `track:Security`, `room:Saal 1`, `all` or `none`."""

    kind: Literal["type", "track", "room", "all", "none"]
    value: str = ""

    @classmethod
    def parse(cls, text: str) -> KeepRule:
        stripped = text.strip()
        if stripped.casefold() in ("all", "none"):
            return cls(stripped.casefold())  # type: ignore[arg-type]
        kind, colon, value = stripped.partition(":")
        if not colon or kind.strip().casefold() not in KINDS or not value.strip():
            raise ValueError(f"'{text}' is not type:NAME, track:NAME, room:NAME, all or none")
        return cls(kind.strip().casefold(), " ".join(value.split()))  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        return f"{self.kind}:{self.value}" if self.value else self.kind

    def matches(self, event: ImportedEvent) -> bool:
        if self.kind == "all":
            return True
        field = {"type": event.type, "track": event.track or "", "room": event.room}.get(self.kind, "")
        return normalised(field) == normalised(self.value) or slugify(field, "") == slugify(self.value, "-")


@dataclass(frozen=True)
class Anchor:
    """Kept where published: at its time and in its room, or (a children's session) in its room only."""

    hold: Hold
    reason: str


def unmatched_rules(rules: Iterable[KeepRule], events: Sequence[ImportedEvent]) -> list[str]:
    """One line per rule that keeps nothing: a typo in a type, track or room name, with the closest."""
    problems = []
    for rule in rules:
        if rule.kind in KINDS and not any(rule.matches(event) for event in events):
            known = sorted({value for event in events if (value := _field(rule.kind, event))})
            close = difflib.get_close_matches(rule.value, known, n=1, cutoff=0.5)
            hint = f" Did you mean '{rule.kind}:{close[0]}'?" if close else ""
            problems.append(f"no event has the {rule.kind} '{rule.value}'.{hint}")
    return problems


def _field(kind: str, event: ImportedEvent) -> str:
    return {"type": event.type, "track": event.track or "", "room": event.room}[kind]


def anchor_of(event: ImportedEvent, rules: Sequence[KeepRule], in_devroom: bool) -> Anchor | None:
    """Why `event` is kept where it was published, if it is: the planner's rules first, then
    (unless `none` is among them) what planners never move. `in_devroom`: its track keeps to
    its own rooms, and its welcome moves with it."""
    for rule in rules:
        if rule.kind != "none" and rule.matches(event):
            return Anchor("time", f"--keep-published {rule.text}")
    if any(rule.kind == "none" for rule in rules):
        return None
    return default_anchor(event, in_devroom)


def default_anchor(event: ImportedEvent, in_devroom: bool) -> Anchor | None:
    title, kind = normalised(event.title), normalised(event.type)
    if "ceremony" in kind or "keynote" in kind or "keynote" in normalised(event.track or ""):
        return Anchor("time", "a ceremony or keynote")
    if CEREMONY.search(title) and not in_devroom:
        return Anchor("time", "a ceremony or keynote")
    words = re.findall(r"\w+", title)
    if len(words) <= 4 and MEAL_WORDS & set(words):
        return Anchor("time", "a meal or break")
    if any(word in normalised(event.room) for word in CHILDREN_ROOM_WORDS):
        return Anchor("room", "in a children's room (its room kept)")
    return None


def is_for_children(event: ImportedEvent) -> bool:
    """FOSDEM Junior's workshops: the event type `junior`, or a track named for juniors."""
    return event.type.casefold() == "junior" or "junior" in (event.track or "").casefold()

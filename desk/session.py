"""The grid on the planner's desk: one per served instance, edited in versions.

Every change (a move, an undo, a re-plan accepted, a solver's grid taken) makes a new version
number, and every request that changes the grid names the version it was made on. A request made
on an older version (another tab changed the grid since) is refused and changes nothing, so two
tabs editing at once never overwrite each other's work unseen. Each version is judged by the
independent checker, whose verdict the page shows.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..checker import SoftScore, Violation, find_violations, score_schedule
from ..models import Instance, Placement, Schedule, Talk
from ..reports.atomic import write_atomically
from ..reports.grid_table import grid_rows, grid_rows_csv_text
from ..reports.program import program_entries
from ..reports.replan_report import place_text


class DeskError(Exception):
    """A request the desk refuses, with the HTTP status and a message a planner can act on."""

    status = 400

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(DeskError):
    status = 404


class Stale(DeskError):
    """The request was made on a version of the grid that another change has replaced."""

    status = 409


class Refused(DeskError):
    """Well formed, but it cannot be done with the grid as it is."""

    status = 422


@dataclass(frozen=True)
class Verdict:
    """The independent checker's judgement of one version of the grid."""

    violations: tuple[Violation, ...]
    score: SoftScore

    @classmethod
    def of(cls, instance: Instance, schedule: Schedule) -> Verdict:
        return cls(tuple(find_violations(instance, schedule)), score_schedule(instance, schedule))


@dataclass(frozen=True)
class Version:
    number: int
    schedule: Schedule
    label: str
    """What made it, in words: "moved 'The Real You' to Session III · Nicholson Hall"."""
    verdict: Verdict


@dataclass
class Desk:
    """The grid being edited, its history for undo and redo, and where it is saved."""

    instance: Instance
    instance_path: Path
    save_to: Path
    scenarios: tuple[Path, ...] = ()
    """Scenario files offered as columns of a comparison."""
    _history: list[tuple[Schedule, str]] = field(default_factory=list)
    _position: int = -1
    _number: int = 0
    _current: Version | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)

    def start(self, schedule: Schedule, label: str) -> Version:
        with self.lock:
            self._history = [(in_clock_order(self.instance, schedule), label)]
            self._position = 0
            return self._now()

    @property
    def current(self) -> Version:
        assert self._current is not None, "the desk has no grid yet"
        return self._current

    @property
    def undo_label(self) -> str | None:
        return self._history[self._position][1] if self._position > 0 else None

    @property
    def redo_label(self) -> str | None:
        return self._history[self._position + 1][1] if self._position + 1 < len(self._history) else None

    def require(self, version: int) -> Version:
        """The current version, if the request was made on it; else refused, changing nothing."""
        current = self.current
        if version != current.number:
            raise Stale(
                f"The grid changed since you last saw it (you saw version {version}, it is now version "
                f"{current.number}: {current.label}). Nothing was changed; the page now shows the newer grid.",
                version=current.number,
            )
        return current

    def move(self, version: int, talk_id: str, occurrence: int, slot_id: str, room_id: str) -> tuple[Version, str]:
        """Move one occurrence to another start and room; returns the new version and the moved
        card's key (occurrences are renumbered in clock order, so it may change)."""
        with self.lock:
            current = self.require(version)
            instance = self.instance
            talk = instance.talk_by_id.get(talk_id)
            if talk is None:
                raise NotFound(f"No talk has the id '{talk_id}'.")
            if slot_id not in instance.slot_by_id:
                raise NotFound(f"No breakout slot or step has the id '{slot_id}'.")
            if room_id not in instance.room_by_id:
                raise NotFound(f"No room has the id '{room_id}'.")
            moving = next(
                (p for p in current.schedule.placements if p.talk == talk_id and p.occurrence == occurrence), None
            )
            if moving is None:
                raise NotFound(f"'{talk.title}' has no occurrence {occurrence} in the grid.")
            moved = Placement(talk=talk_id, occurrence=occurrence, slot=slot_id, room=room_id)
            if moved == moving:
                return current, card_key(moved)
            placements = [moved if p is moving else p for p in current.schedule.placements]
            schedule = in_clock_order(instance, Schedule(placements=tuple(placements)))
            label = f"moved '{talk.title}' to {place_text(instance, moved)}"
            self._push(schedule, label)
            renumbered = next(
                p for p in schedule.placements if p.talk == talk_id and (p.slot, p.room) == (slot_id, room_id)
            )
            return self._now(), card_key(renumbered)

    def replace(self, version: int, schedule: Schedule, label: str) -> Version:
        with self.lock:
            self.require(version)
            self._push(in_clock_order(self.instance, schedule), label)
            return self._now()

    def undo(self, version: int) -> Version:
        with self.lock:
            self.require(version)
            if self._position == 0:
                raise Refused("Nothing to undo: this is the grid the desk opened with.")
            self._position -= 1
            return self._now()

    def redo(self, version: int) -> Version:
        with self.lock:
            self.require(version)
            if self._position + 1 >= len(self._history):
                raise Refused("Nothing to redo.")
            self._position += 1
            return self._now()

    def save(self, version: int, path: Path | None = None) -> tuple[Path, Version]:
        """Write the grid as `grid.csv` (atomically) where the planner says, else to `save_to`."""
        with self.lock:
            current = self.require(version)
            target = path or self.save_to
            if target.suffix.casefold() != ".csv":
                raise Refused(f"A grid is saved as CSV; '{target}' does not end in .csv.")
            text = grid_csv_text(self.instance, current.schedule)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, text)
            except OSError as error:
                raise Refused(f"Cannot write {target}: {error.strerror or error}. Nothing was written.") from None
            self.save_to = target
            return target, current

    def _push(self, schedule: Schedule, label: str) -> None:
        """A new change: it ends the redo history, as in any editor."""
        del self._history[self._position + 1 :]
        self._history.append((schedule, label))
        self._position += 1

    def _now(self) -> Version:
        """A new version number for the history's current grid, judged by the checker."""
        self._number += 1
        schedule, label = self._history[self._position]
        self._current = Version(self._number, schedule, label, Verdict.of(self.instance, schedule))
        return self._current


def card_key(placement: Placement) -> str:
    """How the page names an occurrence's card: `the-real-you/1`."""
    return f"{placement.talk}/{placement.occurrence}"


def grid_csv_text(instance: Instance, schedule: Schedule) -> str:
    """The grid as `grid.csv` holds it; refused when a talk runs off the end of its day, which no
    grid can publish (the checker names it on the card)."""
    try:
        return grid_rows_csv_text(grid_rows(program_entries(instance, schedule)))
    except ValueError as error:
        raise Refused(f"This grid cannot be written as grid.csv yet: {error}. Move that talk first.") from None


def in_clock_order(instance: Instance, schedule: Schedule) -> Schedule:
    """Each talk's occurrences numbered 1, 2, ... in clock order, as a grid numbers them: dragging the
    second showing of a talk before the first makes it the first, rather than a broken numbering."""
    by_talk: dict[str, list[Placement]] = {}
    for placement in schedule.placements:
        by_talk.setdefault(placement.talk, []).append(placement)
    renumbered: dict[Placement, Placement] = {}
    for talk_id, placements in by_talk.items():
        talk = instance.talk_by_id.get(talk_id)
        if talk is None or any(p.slot not in instance.slot_by_id for p in placements):
            continue

        ordered = sorted(placements, key=lambda p: (_starts(instance, talk, p), p.occurrence))
        for number, placement in enumerate(ordered, start=1):
            if placement.occurrence != number:
                renumbered[placement] = placement.model_copy(update={"occurrence": number})
    if not renumbered:
        return schedule
    return Schedule(placements=tuple(renumbered.get(p, p) for p in schedule.placements))


def _starts(instance: Instance, talk: Talk, placement: Placement) -> int:
    """Minutes from a fixed origin: a Friday 25:30 comes after a Saturday 00:30."""
    day, start, _ = instance.clock_span(talk, placement.slot)
    return day.toordinal() * 24 * 60 + start

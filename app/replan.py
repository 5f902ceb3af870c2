"""Re-plan against an earlier grid: the fewest moves, each with the reason it could not stay.

The solver (solver.keep) finds a schedule keeping as many earlier placements as possible;
this module says what moved and why. A move's reason comes from the independent checker run
on the earlier grid against the changed instance (the room is closed now, the speaker is away
now, ...); a placement that breaks no rule by itself moved to make way for one that did, and
the reason then names what took its place.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from .checker import find_violations
from .models import Clock, Instance, Placement, Schedule
from .planning import Plan, checked
from .solver import SolveOptions
from .solver.keep import solve_keeping


@dataclass(frozen=True)
class Move:
    talk: str
    before: Placement
    after: Placement | None
    """None when the talk is now given fewer times and this occurrence was dropped."""
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Replan:
    plan: Plan
    kept: int
    """Placements of the earlier grid kept as they were."""
    fewest_moves_proven: bool
    moves: tuple[Move, ...]
    added: tuple[Placement, ...]
    """Occurrences the earlier grid did not have (new talks, or talks now given more often)."""
    earlier_only_talks: tuple[str, ...]
    """Talk ids in the earlier grid that the instance no longer has: their places are free now."""


def replan(
    instance: Instance, earlier: Schedule, earlier_only_talks: tuple[str, ...], options: SolveOptions = SolveOptions()
) -> Replan:
    """`earlier` holds only placements of talks the instance has; the others are listed apart."""
    solved = solve_keeping(instance, earlier, options)
    outcome = solved.outcome
    planned = checked(instance, outcome)
    if outcome.schedule is None:
        return Replan(planned, 0, False, (), (), earlier_only_talks)
    moves, added = _differences(earlier, outcome.schedule)
    reasons = _reasons(instance, earlier, outcome.schedule)
    explained = tuple(
        Move(
            move.talk,
            move.before,
            move.after,
            reasons.get(_key(move.before), ()) or _knock_on(instance, move, outcome.schedule, added),
        )
        for move in moves
    )
    # Counted on the final schedule: the second solve may keep more than a first one cut short by time.
    kept = len(earlier.placements) - len(moves)
    return Replan(planned, kept, solved.fewest_moves_proven, explained, added, earlier_only_talks)


def _key(placement: Placement) -> tuple[str, int]:
    return (placement.talk, placement.occurrence)


def _differences(earlier: Schedule, later: Schedule) -> tuple[list[Move], tuple[Placement, ...]]:
    """Per talk, earlier placements not found again, paired in clock order with new ones."""
    before_of: dict[str, list[Placement]] = defaultdict(list)
    after_of: dict[str, list[Placement]] = defaultdict(list)
    for placement in earlier.placements:
        before_of[placement.talk].append(placement)
    for placement in later.placements:
        after_of[placement.talk].append(placement)
    moves: list[Move] = []
    added: list[Placement] = []
    for talk in sorted(set(before_of) | set(after_of)):
        left = _unmatched(before_of[talk], after_of[talk])
        arrived = _unmatched(after_of[talk], before_of[talk])
        for index, before in enumerate(left):
            moves.append(Move(talk, before, arrived[index] if index < len(arrived) else None, ()))
        added += arrived[len(left) :]
    return moves, tuple(added)


def _unmatched(placements: list[Placement], others: list[Placement]) -> list[Placement]:
    """Placements with no counterpart (same slot and room) among `others`, each counterpart used once,
    so a grid that lists one place twice for a talk still shows one of the two as moved."""
    available = Counter((p.slot, p.room) for p in others)
    unmatched = []
    for placement in sorted(placements, key=lambda p: p.occurrence):
        if available[(placement.slot, placement.room)]:
            available[(placement.slot, placement.room)] -= 1
        else:
            unmatched.append(placement)
    return unmatched


def _reasons(instance: Instance, earlier: Schedule, later: Schedule) -> dict[tuple[str, int], tuple[str, ...]]:
    """What the earlier grid breaks in the changed instance, per earlier placement."""
    found: dict[tuple[str, int], list[str]] = defaultdict(list)
    for violation in find_violations(instance, earlier):
        for key in violation.placements:
            found[key].append(violation.message)
    return {key: tuple(messages) for key, messages in found.items()}


def _overlap(instance: Instance, first: Placement, second: Placement) -> tuple[dt.date, int, int] | None:
    """Where two placements run at once, as (day, start, end) of the first's day, if they do."""
    day, start, end = instance.clock_span(instance.talk_by_id[first.talk], first.slot)
    other_day, other_start, other_end = instance.clock_span(instance.talk_by_id[second.talk], second.slot)
    shift = (other_day - day).days * 24 * 60
    low, high = max(start, other_start + shift), min(end, other_end + shift)
    return (day, low, high) if low < high else None


def _when(instance: Instance, shared: tuple[dt.date, int, int]) -> str:
    """The labelled slot two placements share, or on breakout windows the clock time they share."""
    day, start, end = shared
    if not instance.uses_windows:
        return next(
            slot.label for slot in instance.slots_in_order if slot.day == day and slot.start < end and start < slot.end
        )
    return f"{day:%A} {Clock(start)}-{Clock(end)}"


def _knock_on(instance: Instance, move: Move, later: Schedule, added: tuple[Placement, ...]) -> tuple[str, ...]:
    """A placement that broke nothing itself moved for another: say who has its place now."""
    before = move.before
    if move.after is None:
        talk = instance.talk_by_id[move.talk]
        return (f"'{talk.title}' is now given {talk.occurrences} time{'s' if talk.occurrences != 1 else ''}.",)
    room = instance.room_by_id[before.room].name
    for placement in later.placements:
        if (
            placement.room == before.room
            and placement.talk != move.talk
            and (shared := _overlap(instance, before, placement))
        ):
            title = instance.talk_by_id[placement.talk].title
            how = "new in this plan" if placement in added else "which had to move there"
            return (f"{room} in {_when(instance, shared)} now holds '{title}', {how}.",)
    speakers = set(instance.talk_by_id[move.talk].speakers)
    for placement in later.placements:
        shared_speakers = speakers & set(instance.talk_by_id[placement.talk].speakers)
        if placement.talk != move.talk and shared_speakers and (shared := _overlap(instance, before, placement)):
            name = instance.speaker_by_id[sorted(shared_speakers)[0]].name
            title = instance.talk_by_id[placement.talk].title
            return (f"{name} now gives '{title}' in {_when(instance, shared)}.",)
    return ("It moved so that the other moves fit; no placement keeps more of the earlier grid.",)

"""The key figures of a comparison: one column per alternative, one row per figure.

Every figure is a cost (fewer is better), so the best value of a row is its lowest. The
figures beyond the checker's own (seats in people, talks whose repeats change room, moves)
say what a planner would notice on the day, which a weighted total hides.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..checker import seat_gaps
from .comparison import Alternative, Spot, comparable

HARD_VIOLATIONS = "hard violations"
OBJECTIVE = "objective"
SEATS_SHORT = "seats short"
EMPTY_SEATS = "empty seats"
REPEATS_CHANGING_ROOM = "talks whose repeats change room"
MOVES = "moves against the first column"
WISHES_MISSED = "wishes attendees cannot see"
ATTENDEES_MISSING = "attendees missing a wish"


def comparison_figures(alternatives: Sequence[Alternative]) -> pd.DataFrame:
    """Integers indexed by figure, one column per alternative (named as it), in the order:
    hard violations, objective, each soft rule's cost (by its label), seats short, empty seats,
    talks whose repeats change room, and where attendees wished for talks, the wishes they cannot
    see and the attendees missing one; then moves against the first column.

    A rule that only some columns have (a scenario that removes the one talk with a preferred room)
    costs nothing in the others."""
    alternatives = comparable(alternatives)
    reference = alternatives[0]
    rule_labels = list(dict.fromkeys(rule.label for a in alternatives for rule in a.score.rules))
    wishes = any(alternative.attendees is not None for alternative in alternatives)
    attendee_rows = [WISHES_MISSED, ATTENDEES_MISSING] if wishes else []
    rows = [
        HARD_VIOLATIONS,
        OBJECTIVE,
        *rule_labels,
        SEATS_SHORT,
        EMPTY_SEATS,
        REPEATS_CHANGING_ROOM,
        *attendee_rows,
        MOVES,
    ]
    columns = {}
    for alternative in alternatives:
        rule_costs = {rule.label: rule.cost for rule in alternative.score.rules}
        short, empty = seat_gaps(alternative.instance, alternative.schedule)
        attendees = alternative.attendees
        missing = [attendees.missed, attendees.attendees - attendees.see_all] if attendees is not None else [0, 0]
        columns[alternative.name] = [
            len(alternative.violations),
            alternative.score.total,
            *(rule_costs.get(label, 0) for label in rule_labels),
            short,
            empty,
            repeats_changing_room(alternative),
            *(missing if wishes else []),
            moves(reference, alternative),
        ]
    return pd.DataFrame(columns, index=pd.Index(rows, name="figure"), dtype="int64")


def repeats_changing_room(alternative: Alternative) -> int:
    """Talks placed more than once whose occurrences are not all in one room."""
    rooms: defaultdict[str, set[str]] = defaultdict(set)
    for (talk, _), place in alternative.places.items():
        rooms[talk].add(place.spot[1])
    return sum(len(used) > 1 for used in rooms.values())


def moves(reference: Alternative, other: Alternative) -> int:
    """How many of the reference's placements `other` does not have, talk by talk.

    For each talk both place: the reference's (slot, room) placements of it that `other` lacks,
    as a multiset difference. No matching of occurrences is needed, so two repeats that trade
    places cost nothing, and a talk given once more or once less counts its missing places.
    Talks only one of the two places are not moves: `comparison.talk_changes` lists them as
    added or removed.
    """
    theirs = _spots_by_talk(other)
    return sum(
        (Counter(spots) - Counter(theirs[talk])).total()
        for talk, spots in _spots_by_talk(reference).items()
        if talk in theirs
    )


def _spots_by_talk(alternative: Alternative) -> dict[str, list[Spot]]:
    spots: defaultdict[str, list[Spot]] = defaultdict(list)
    for (talk, _), place in alternative.places.items():
        spots[talk].append(place.spot)
    return dict(spots)


def best_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """True where a value is the lowest of its row.

    A row whose values all tie has no best, and neither has the moves row: the reference makes
    no moves against itself by definition, which says nothing about its quality.
    """
    lowest = figures.eq(figures.min(axis=1), axis=0)
    ranked = (figures.nunique(axis=1) > 1) & (figures.index != MOVES)
    return lowest.apply(lambda column: column & ranked)


@dataclass(frozen=True)
class FigureRow:
    """A row of the key-figures table, as both the terminal and the HTML page print it."""

    label: str
    cells: tuple[str, ...]
    best: tuple[bool, ...]
    soft_rule: bool
    """A part of the objective: printed indented under it."""


def figure_rows(figures: pd.DataFrame) -> list[FigureRow]:
    own = {
        HARD_VIOLATIONS,
        OBJECTIVE,
        SEATS_SHORT,
        EMPTY_SEATS,
        REPEATS_CHANGING_ROOM,
        WISHES_MISSED,
        ATTENDEES_MISSING,
        MOVES,
    }
    best = best_figures(figures)
    rows = []
    for (label, values), (_, flags) in zip(figures.iterrows(), best.iterrows()):  # the same rows, in order
        cells = [f"{value:,}" for value in values]
        if label == MOVES:
            cells[0] = "–"  # the reference itself: nothing to move against
        marked = tuple(bool(flag) for flag in flags)
        rows.append(FigureRow(str(label), tuple(cells), marked, label not in own))
    return rows

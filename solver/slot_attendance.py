"""Attendees on labelled slots: which wished talk each wish list's attendees go to, slot by slot.

For each wish list (attendees who wish for the same talks with the same weights, `models.wish_book`)
and each wished talk, one variable per start slot counts the list's attendees who go to that talk's
occurrence there. They are linked to the placement literals (nobody goes where the talk is not), go
to each wished talk at most once (the best occurrence of a repeated talk is theirs to choose) and to
one thing at a time. For talks of one slot the counts are exact for the attendees one by one: a
bipartite multigraph of talks and slots whose degrees are at most the headcount splits into that
many matchings (König), one plan per attendee. A list with a wished talk of several slots is split
into its attendees, one variable each, where that argument does not hold.

The rooms of a wished talk seat those who go to it: per (talk, start slot), the attendees there less
the seats of the room it takes, priced as short or empty seats exactly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from ..models.wish_book import Wish
from .encoding import LinearCost, Span

if TYPE_CHECKING:
    from .slot_encoding import SlotEncoding


@dataclass
class Attendance:
    wished: set[str]
    """Talks someone wished for: their rooms seat those who go, not the planner's estimate."""
    missed: LinearCost = 0
    """Σ over attendees of the weights of the wished talks they do not go to."""
    short: LinearCost = 0
    """People without a seat at wished talks."""
    empty: LinearCost = 0
    """Empty seats at wished talks."""
    choices: list[cp_model.IntVar] = field(default_factory=list)


@dataclass(frozen=True)
class _Start:
    literals: list[cp_model.IntVar]
    """The candidates of the talk that start there, one per (occurrence, room)."""
    capacity: LinearCost
    """The seats of the room it takes there, 0 when it is not there."""
    span: Span


def assign_attendees(encoding: SlotEncoding) -> Attendance | None:
    """The assignment, or None when nobody wished for a talk of the program."""
    instance, model = encoding.instance, encoding.model
    book = instance.attendee_wishes
    lists = book.lists(instance.talk_by_id) if book is not None else ()
    if not lists:
        return None
    attendance = Attendance({wish.talk for wish_list in lists for wish in wish_list.wishes})
    starts = _starts(encoding, attendance.wished)
    going: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    total = 0
    for index, (wishes, headcount) in enumerate(_groups(encoding, lists)):
        attended: LinearCost = 0
        mine: list[tuple[Span, cp_model.IntVar]] = []
        for wish in wishes:
            choices = []
            for slot_id, start in starts[wish.talk].items():
                name = f"list {index} at {wish.talk}@{slot_id}"
                goes = model.new_bool_var(name) if headcount == 1 else model.new_int_var(0, headcount, name)
                model.add(goes <= headcount * sum(start.literals))
                choices.append(goes)
                mine.append((start.span, goes))
                going[wish.talk, slot_id].append(goes)
            if len(choices) > 1:
                model.add(sum(choices) <= headcount)
            attended += wish.weight * sum(choices)
            total += headcount * wish.weight
        _one_thing_at_a_time(model, mine, headcount)
        # Implied, but the LP sees it at once: nobody attends more than the most talks one can sit through.
        model.add(sum(goes for _, goes in mine) <= headcount * _most_at_once_apart([span for span, _ in mine]))
        attendance.missed += -attended
        attendance.choices += [goes for _, goes in mine]
    attendance.missed += total
    wishers = book.wishers if book is not None else {}
    for (talk_id, slot_id), people in going.items():
        # Implied: nobody goes where the talk is not, counted for all its wishers at once (tighter for the LP).
        model.add(sum(people) <= wishers[talk_id] * sum(starts[talk_id][slot_id].literals))
        gap = sum(people) - starts[talk_id][slot_id].capacity
        most = sum(wish_list.attendees for wish_list in lists)
        # At least the shortfall, and no less than nothing: the objective makes it exactly that
        # (a search stopped short is priced again, `pricing.exact_objective`), and the LP stays small.
        short = model.new_int_var(0, most, f"short at {talk_id}@{slot_id}")
        model.add(short >= gap)
        attendance.short += short
        attendance.empty += short - gap
    return attendance


def _starts(encoding: SlotEncoding, wished: set[str]) -> dict[str, dict[str, _Start]]:
    """Per wished talk, per slot it may start in: its candidates there and the seats they offer."""
    literals: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    capacity: dict[tuple[str, str], LinearCost] = defaultdict(int)
    spans: dict[tuple[str, str], Span] = {}
    for candidate in encoding.candidates:
        talk_id = candidate.occurrence.talk.id
        if talk_id in wished:
            key = (talk_id, candidate.slots[0].id)
            literals[key].append(candidate.literal)
            capacity[key] += candidate.room.capacity * candidate.literal
            spans[key] = (candidate.start, candidate.end)
    starts: dict[str, dict[str, _Start]] = defaultdict(dict)
    for (talk_id, slot_id), found in literals.items():
        starts[talk_id][slot_id] = _Start(found, capacity[talk_id, slot_id], spans[talk_id, slot_id])
    return starts


def _groups(encoding: SlotEncoding, lists: tuple) -> list[tuple[tuple[Wish, ...], int]]:
    """(wishes, headcount) per variable group: a list as one, unless a wished talk takes several
    slots and the list has several attendees, where it is split into its attendees."""
    talks = encoding.instance.talk_by_id
    groups = []
    for wish_list in lists:
        several_slots = any(talks[wish.talk].length > 1 for wish in wish_list.wishes)
        if several_slots and wish_list.attendees > 1:
            groups += [(wish_list.wishes, 1)] * wish_list.attendees
        else:
            groups.append((wish_list.wishes, wish_list.attendees))
    return groups


def _one_thing_at_a_time(model: cp_model.CpModel, going: list[tuple[Span, cp_model.IntVar]], headcount: int) -> None:
    """Spans that pairwise overlap share the latest of their starts: one sum per start covers them all."""
    running: list[tuple[Span, cp_model.IntVar]] = []
    for start, starting in groupby(sorted(going, key=lambda entry: entry[0][0]), key=lambda entry: entry[0][0]):
        running = [entry for entry in running if entry[0][1] > start] + list(starting)
        if len(running) > 1:
            model.add(sum(goes for _, goes in running) <= headcount)


def _most_at_once_apart(spans: list[Span]) -> int:
    """The most of these spans that pairwise do not overlap (earliest end first is optimal)."""
    count, free_from = 0, None
    for start, end in sorted(set(spans), key=lambda span: span[1]):
        if free_from is None or start >= free_from:
            count, free_from = count + 1, end
    return count

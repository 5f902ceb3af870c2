"""What a grid lets each attendee see: the checker's own account, from the grid and the wish file.

Per wish list, the best plan is found exactly: the wished placements an attendee takes, at most one of
each talk (the best occurrence of a repeated talk), none two at once, the most wish weight first and
then the most talks. `best_plan` is a weighted interval scheduling over the wished placements ordered
by their end, whose state also remembers which repeated talks are already taken; a brute force
over all choices checks it in the tests.

On labelled slots a wished talk's rooms seat those who go to it, and who goes where is a choice
(which occurrence, which of two clashing wishes): the checker makes it the cheapest way for the
wish and seat rules together, as the objective does. When seats cost something it solves that small
problem with its own model (one count per wish list and plan), sharing nothing with the solver's.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from amj_scheduler.models import Instance, Schedule
from amj_scheduler.models.wish_book import WishBook, WishList

from .view import Placed, ScheduleView

CHOICE_SECONDS = 60.0
"""Deterministic seconds the checker's choice of who goes where may take (AMJ 2010 with 300 attendees: a fraction of one)."""


@dataclass(frozen=True)
class Plan:
    """The wished placements some attendees take: indices into the view's placements."""

    taken: tuple[int, ...]
    weight: int
    """The wish weight they see."""


@dataclass(frozen=True)
class ListOutcome:
    wish_list: WishList
    best: Plan
    """The best they can do, whoever else goes where."""


@dataclass(frozen=True)
class Attendance:
    """Who goes where on a grid, and what each wish list can see."""

    outcomes: tuple[ListOutcome, ...]
    wished: frozenset[str]
    """Talks someone wished for."""
    going: dict[int, int]
    """Per placement of a wished talk, the attendees the cheapest choice sends there (labelled slots)."""
    missed: dict[str, int]
    """Per wished talk, the wish weight of those the cheapest choice leaves without it."""
    missed_by: dict[str, int]
    """Per wished talk, how many attendees that choice leaves without it."""

    @property
    def missed_weight(self) -> int:
        return sum(self.missed.values())


def wished_placements(view: ScheduleView, wish_list: WishList) -> list[tuple[int, int, int, str, int]]:
    """(absolute start, absolute end, placement index, talk id, weight) of every placement of a wished talk."""
    weight_of = wish_list.weight_of
    return sorted(
        (placed.span.absolute_start, placed.span.absolute_end, index, placed.talk.id, weight_of[placed.talk.id])
        for index, placed in enumerate(view.placed)
        if placed.talk.id in weight_of
    )


def best_plan(view: ScheduleView, wish_list: WishList) -> Plan:
    """The most wish weight (then the most talks) one attendee can see, exactly."""
    options = sorted(wished_placements(view, wish_list), key=lambda option: (option[1], option[0], option[2]))
    ends = [option[1] for option in options]
    repeated = [talk for talk, count in Counter(option[3] for option in options).items() if count > 1]
    bit = {talk: 1 << position for position, talk in enumerate(repeated)}

    @cache
    def best(upto: int, used: int) -> tuple[int, int, tuple[int, ...]]:
        """(weight, talks, placements) among the first `upto` options, the talks in `used` taken already."""
        if upto == 0:
            return (0, 0, ())
        start, _, index, talk, weight = options[upto - 1]
        skip = best(upto - 1, used)
        if used & bit.get(talk, 0):
            return skip
        earlier = bisect.bisect_right(ends, start, 0, upto - 1)
        rest = best(earlier, used | bit.get(talk, 0))
        take = (rest[0] + weight, rest[1] + 1, (*rest[2], index))
        return max(skip, take, key=lambda found: (found[0], found[1]))

    weight, _, taken = best(len(options), 0)
    return Plan(tuple(sorted(taken)), weight)


def all_plans(view: ScheduleView, wish_list: WishList, maximal: bool = False) -> list[Plan]:
    """Every set of wished placements one attendee could take: at most one per talk, none two at
    once; with `maximal`, only those to which no further wished placement can be added."""
    by_talk: dict[str, list[Placed]] = defaultdict(list)
    index_of: dict[int, int] = {}
    for _, _, index, talk, _ in wished_placements(view, wish_list):
        by_talk[talk].append(view.placed[index])
        index_of[id(view.placed[index])] = index
    weight_of = wish_list.weight_of
    talks = sorted(by_talk)
    plans: list[Plan] = []

    def fits(placed: Placed, taken: list[Placed]) -> bool:
        return not any(placed.span.overlaps(other.span) for other in taken)

    def extend(position: int, taken: list[Placed], weight: int) -> None:
        if position == len(talks):
            seen = {p.talk.id for p in taken}
            if not maximal or not any(
                fits(placed, taken) for talk in talks if talk not in seen for placed in by_talk[talk]
            ):
                plans.append(Plan(tuple(sorted(index_of[id(p)] for p in taken)), weight))
            return
        extend(position + 1, taken, weight)
        talk = talks[position]
        for placed in by_talk[talk]:
            if fits(placed, taken):
                extend(position + 1, [*taken, placed], weight + weight_of[talk])

    extend(0, [], 0)
    return plans


class AttendanceUnsettled(Exception):
    """The checker's choice of who goes where did not finish within `CHOICE_SECONDS`: the seat costs
    would be guesses, so no figure is given. Measured on AMJ 2010 (twelve repeated talks) with the
    generator's weighted wishes: 1,000 attendees took 19 s, 7,753 different lists ran out."""

    def __init__(self, book: WishBook | None, lists: int) -> None:
        self.source = book.source if book is not None else "the wish file"
        self.lists = lists
        super().__init__(
            f"{self.source}: {lists:,} different wish lists are more than the checker can share out among the "
            f"occurrences of repeated talks within its limit ({CHOICE_SECONDS:.0f} deterministic seconds); "
            "attendees with the same wishes and weights count as one list, so fewer distinct lists "
            "(for example without weights) are judged"
        )


def attendance(view: ScheduleView) -> Attendance | None:
    """None when nobody wished for a talk of this grid's conference."""
    instance = view.instance
    book = instance.attendee_wishes
    lists = book.lists(instance.talk_by_id) if book is not None else ()
    if not lists:
        return None
    outcomes = tuple(ListOutcome(wish_list, best_plan(view, wish_list)) for wish_list in lists)
    weights = instance.weights
    seats_priced = weights.seat_short or weights.seat_empty
    if view.on_windows or not seats_priced:
        chosen = [[(outcome.best, outcome.wish_list.attendees)] for outcome in outcomes]
    else:
        chosen = _cheapest_choice(view, lists)
    return _tally(view, outcomes, chosen)


def _tally(view: ScheduleView, outcomes: tuple[ListOutcome, ...], chosen: list[list[tuple[Plan, int]]]) -> Attendance:
    going: Counter[int] = Counter()
    missed: Counter[str] = Counter()
    missed_by: Counter[str] = Counter()
    for outcome, plans in zip(outcomes, chosen):
        wish_list = outcome.wish_list
        for plan, attendees in plans:
            seen = {view.placed[index].talk.id for index in plan.taken}
            for index in plan.taken:
                going[index] += attendees
            for wish in wish_list.wishes:
                if wish.talk not in seen:
                    missed[wish.talk] += attendees * wish.weight
                    missed_by[wish.talk] += attendees
    wished = frozenset(wish.talk for outcome in outcomes for wish in outcome.wish_list.wishes)
    return Attendance(outcomes, wished, dict(going), dict(missed), dict(missed_by))


def _cheapest_choice(view: ScheduleView, lists: tuple[WishList, ...]) -> list[list[tuple[Plan, int]]]:
    """Per wish list, the plans its attendees take (and how many take each) that make the wish and
    seat costs together the least, every attendee taking one plan (perhaps seeing nothing)."""
    # Imported here: `check` without wishes never needs OR-Tools (0.5 s of importing at start-up).
    from ortools.sat.python import cp_model

    weights = view.instance.weights
    # Going to one more wished talk saves at least wish_missed and costs at most seat_short (one more
    # person without a seat there): when that is no loss, some cheapest choice leaves no wish out.
    lightest = min(wish.weight for wish_list in lists for wish in wish_list.wishes)
    maximal = weights.wish_missed * lightest >= weights.seat_short
    model = cp_model.CpModel()
    cost: cp_model.LinearExpr | int = 0
    takers: list[list[tuple[Plan, cp_model.IntVar]]] = []
    arriving: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for number, wish_list in enumerate(lists):
        total = sum(wish.weight for wish in wish_list.wishes)
        options = []
        for plan_number, plan in enumerate(all_plans(view, wish_list, maximal)):
            count = model.new_int_var(0, wish_list.attendees, f"list {number} plan {plan_number}")
            options.append((plan, count))
            cost += weights.wish_missed * (total - plan.weight) * count
            for index in plan.taken:
                arriving[index].append(count)
        model.add(sum(count for _, count in options) == wish_list.attendees)
        takers.append(options)
    everyone = sum(wish_list.attendees for wish_list in lists)
    for index, counts in sorted(arriving.items()):
        seats = view.placed[index].room.capacity
        short = model.new_int_var(0, everyone, f"short at {index}")
        model.add_max_equality(short, [0, sum(counts) - seats])
        cost += weights.seat_short * short + weights.seat_empty * (short - sum(counts) + seats)
    model.minimize(cost)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = CHOICE_SECONDS
    # CP-SAT's own Ctrl-C handler would end this search early and then leave Python's handler
    # replaced; without it, Ctrl-C is raised as soon as the search returns.
    solver.parameters.catch_sigint_signal = False
    if solver.solve(model) != cp_model.OPTIMAL:
        raise AttendanceUnsettled(view.instance.attendee_wishes, len(lists))
    return [[(plan, solver.value(count)) for plan, count in options if solver.value(count)] for options in takers]


@dataclass(frozen=True)
class Clash:
    """Two wished talks no attendee can both attend: every placement of one overlaps every placement of the other."""

    talks: tuple[str, str]
    titles: tuple[str, str]
    attendees: int
    """Attendees wishing for both."""
    weight: int
    """Σ over them of the lighter of their two wishes."""


def clashing_pairs(view: ScheduleView, lists: tuple[WishList, ...]) -> list[Clash]:
    """Every clash of wished talks, the costliest first."""
    placements: dict[str, list[Placed]] = defaultdict(list)
    for placed in view.placed:
        placements[placed.talk.id].append(placed)
    attendees: Counter[tuple[str, str]] = Counter()
    weight: Counter[tuple[str, str]] = Counter()
    verdict: dict[tuple[str, str], bool] = {}
    for wish_list in lists:
        for first, second in itertools.combinations(wish_list.wishes, 2):
            pair = (first.talk, second.talk)
            if pair not in verdict:
                one, other = placements.get(first.talk, []), placements.get(second.talk, [])
                verdict[pair] = bool(one and other) and all(a.span.overlaps(b.span) for a in one for b in other)
            if verdict[pair]:
                attendees[pair] += wish_list.attendees
                weight[pair] += wish_list.attendees * min(first.weight, second.weight)
    title = {talk.id: talk.title for talk in view.instance.talks}
    clashes = [Clash(pair, (title[pair[0]], title[pair[1]]), attendees[pair], weight[pair]) for pair in weight]
    return sorted(clashes, key=lambda clash: (-clash.weight, -clash.attendees, clash.talks))


def wish_lists(instance: Instance) -> tuple[WishList, ...]:
    book = instance.attendee_wishes
    return book.lists(instance.talk_by_id) if book is not None else ()


@dataclass(frozen=True)
class AttendeeFigures:
    """What a grid lets attendees see, in the figures a planner weighs (the best each can do)."""

    source: str
    attendees: int
    wishes: int
    seen: int
    """Wished talks attendees can see, summed over attendees."""
    missing: dict[int, int]
    """Attendees by how many of their wishes they cannot see (0: they see all)."""
    clashes: tuple[Clash, ...]
    """Pairs of wished talks where, in attendees' best plans, one is missed because each chance to
    see it runs at the same time as the other, which they see; most attendees first. (A missed talk
    kept out by two others counts with each.)"""

    @property
    def see_all(self) -> int:
        return self.missing.get(0, 0)

    @property
    def missed(self) -> int:
        return self.wishes - self.seen


def attendee_figures(instance: Instance, schedule: Schedule) -> AttendeeFigures | None:
    """None when the instance has no wishes for talks of its program."""
    lists = wish_lists(instance)
    if not lists or instance.attendee_wishes is None:
        return None
    view = ScheduleView.build(instance, schedule)
    placements: dict[str, list[Placed]] = defaultdict(list)
    for placed in view.placed:
        placements[placed.talk.id].append(placed)
    missing: Counter[int] = Counter()
    missed_for: Counter[tuple[str, str]] = Counter()
    seen = wishes = 0
    for wish_list in lists:
        plan = best_plan(view, wish_list)
        missing[len(wish_list.wishes) - len(plan.taken)] += wish_list.attendees
        seen += len(plan.taken) * wish_list.attendees
        wishes += len(wish_list.wishes) * wish_list.attendees
        taken = [view.placed[index] for index in plan.taken]
        going = {placed.talk.id for placed in taken}
        for wish in wish_list.wishes:
            if wish.talk in going:
                continue
            chances = placements.get(wish.talk, [])
            for other in sorted({p.talk.id for p in taken if any(p.span.overlaps(c.span) for c in chances)}):
                missed_for[min(wish.talk, other), max(wish.talk, other)] += wish_list.attendees
    title = {talk.id: talk.title for talk in instance.talks}
    clashes = sorted(
        (Clash(pair, (title[pair[0]], title[pair[1]]), count, count) for pair, count in missed_for.items()),
        key=lambda clash: (-clash.attendees, clash.talks),
    )
    return AttendeeFigures(
        instance.attendee_wishes.source,
        sum(wish_list.attendees for wish_list in lists),
        wishes,
        seen,
        dict(sorted(missing.items())),
        tuple(clashes),
    )

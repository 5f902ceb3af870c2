"""What attendees want to see: each attendee's wished talks, as read from a wish file.

The instance carries the wishes it was loaded with (`Instance.attendee_wishes`); the solver and the
checker each read them from there and work out, on their own, what a grid lets each attendee see.
Attendees who wish for the same talks with the same weights are one wish list with a headcount, so a
model of 5,000 attendees holds as many lists as there are different ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True, order=True)
class Wish:
    talk: str
    """The talk's id, as in the grid's `session_id` (a talk held inside another stands for its container)."""
    weight: int = 1
    """How much seeing it matters to the attendee: a missed wish costs its weight times the rule's weight."""


@dataclass(frozen=True)
class AttendeeWishes:
    attendee: str
    wishes: tuple[Wish, ...]
    """One per talk, in the order the file gives them."""


@dataclass(frozen=True)
class WishList:
    """The wishes some attendees share, and how many attendees they are."""

    wishes: tuple[Wish, ...]
    """Sorted by talk id."""
    attendees: int

    @property
    def weight_of(self) -> dict[str, int]:
        return {wish.talk: wish.weight for wish in self.wishes}


@dataclass(frozen=True)
class WishBook:
    source: str
    """The file the wishes were read from, as the planner named it."""
    attendees: tuple[AttendeeWishes, ...]

    @cached_property
    def wishers(self) -> Counter[str]:
        """How many attendees wish for each talk."""
        return Counter(wish.talk for attendee in self.attendees for wish in attendee.wishes)

    def lists(self, talks: Collection[str]) -> tuple[WishList, ...]:
        """The distinct wish lists over the talks still in the program (a scenario may have removed
        some), each with its headcount, most attendees first; attendees left with no wish drop out.
        Kept per program: a solve and its check ask several times (0.3 s each for 5,000 attendees)."""
        program = frozenset(talks)
        if program not in self._lists:
            counts: Counter[tuple[tuple[str, int], ...]] = Counter(
                tuple(sorted((wish.talk, wish.weight) for wish in attendee.wishes if wish.talk in program))
                for attendee in self.attendees
            )
            ranked = sorted(counts.items(), key=lambda entry: (-entry[1], entry[0]))
            self._lists[program] = tuple(
                WishList(tuple(Wish(*wish) for wish in wishes), count) for wishes, count in ranked if wishes
            )
        return self._lists[program]

    @cached_property
    def _lists(self) -> dict[frozenset[str], tuple[WishList, ...]]:
        return {}

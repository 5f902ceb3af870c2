"""A schedule: where each occurrence of each talk was placed. The value the solver returns,
the checker judges and the reports publish."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, PositiveInt


class Placement(BaseModel):
    """One occurrence of a talk, starting in a breakout slot, in a room."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    talk: str
    occurrence: PositiveInt
    """1 for the earliest occurrence of the talk, 2 for the next, ..."""
    slot: str
    """The first breakout slot it takes; a talk of length 2 also takes the next slot of that day."""
    room: str


class Schedule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    placements: tuple[Placement, ...]

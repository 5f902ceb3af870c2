"""Small instances for tests, written as a planner would write them, with only what a test changes."""

from __future__ import annotations

from typing import Any

from amj_scheduler.models import Instance, Schedule

THU, FRI = "2025-06-12", "2025-06-13"


def talk(talk_id: str, **fields: Any) -> dict[str, Any]:
    """A talk by Ann for 30 people, one occurrence of one slot, unless told otherwise."""
    return {
        "id": talk_id,
        "title": talk_id.replace("-", " ").title(),
        "speakers": ["ann"],
        "expected_attendance": 30,
    } | fields


def instance(**fields: Any) -> Instance:
    """Two days, four slots (three on Thursday), three rooms, three speakers, one audience group."""
    base: dict[str, Any] = {
        "conference": {"name": "Test Week", "venue": "Test College"},
        "days": [{"date": THU}, {"date": FRI}],
        "rooms": [
            {"id": "hall", "name": "Nicholson Hall", "capacity": 60, "features": ["piano"]},
            {"id": "mod1", "name": "Modular I", "capacity": 30, "features": ["projector"]},
            {"id": "sanct", "name": "Sanctuary", "capacity": 300, "breakout": False},
        ],
        "speakers": [
            {"id": "ann", "name": "Ann Lee"},
            {"id": "bo", "name": "Bo Chen"},
            {"id": "cy", "name": "Cy Diaz"},
        ],
        "audiences": [{"id": "youth", "name": "Youth Choir"}],
        "breakout_slots": [
            {"id": "s1", "label": "Session I", "day": THU, "start": "10:00", "end": "11:00"},
            {"id": "s2", "label": "Session II", "day": THU, "start": "11:15", "end": "12:15"},
            {"id": "s3", "label": "Session III", "day": THU, "start": "14:00", "end": "15:00"},
            {"id": "s4", "label": "Session IV", "day": FRI, "start": "10:00", "end": "11:00"},
        ],
        "talks": [talk("modal-counterpoint")],
    }
    return Instance.model_validate(base | fields)


def schedule(*placements: tuple[str, int, str, str]) -> Schedule:
    return Schedule.model_validate(
        {"placements": [{"talk": t, "occurrence": n, "slot": s, "room": r} for t, n, s, r in placements]}
    )


def fixed(item_id: str, start: str, end: str, **fields: Any) -> dict[str, Any]:
    return {"id": item_id, "title": item_id.title(), "kind": "other", "day": THU, "start": start, "end": end} | fields

"""Small instances for tests, written as a planner would write them, with only what a test changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from amj_scheduler.models import Instance, Schedule
from amj_scheduler.models.semantics import find_semantic_problems
from amj_scheduler.models.wish_book import AttendeeWishes, Wish, WishBook
from amj_scheduler.reports.stamp import Stamp

THU, FRI = "2025-06-12", "2025-06-13"
STAMP = Stamp("0123abcd", dt.date(2025, 6, 1))
"""The stamp pages are rendered with where the stamp itself is not what a test is about."""


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


# --- conferences on breakout windows (talks in minutes on a 5-minute grid) -------------------

SAT, SUN = "2025-02-01", "2025-02-02"


def window_talk(talk_id: str, **fields: Any) -> dict[str, Any]:
    """A 25-minute talk by Ann for 30 people, given once, unless told otherwise."""
    return talk(talk_id, minutes=25) | fields


def window_instance(**fields: Any) -> Instance:
    """Saturday 09:00-12:00 and 13:00-17:00, Sunday 09:00-12:00, 5-minute steps; three breakout
    rooms open whenever their day has a window, one room for fixed items only; two tracks.

    The instance must also pass `models.semantics`, so a test never judges a file the loader refuses.
    """
    base: dict[str, Any] = {
        "conference": {"name": "Test Devrooms", "venue": "Test Campus"},
        "days": [{"date": SAT}, {"date": SUN}],
        "rooms": [
            {"id": "k1", "name": "K.1.105", "capacity": 50, "features": ["projector"]},
            {"id": "k2", "name": "K.2.201", "capacity": 80},
            {"id": "h1", "name": "H.1302", "capacity": 120},
            {"id": "janson", "name": "Janson", "capacity": 1400, "breakout": False},
        ],
        "speakers": [
            {"id": "ann", "name": "Ann Lee"},
            {"id": "bo", "name": "Bo Chen"},
            {"id": "cy", "name": "Cy Diaz"},
        ],
        "audiences": [{"id": "children", "name": "Children"}],
        "breakout_windows": [
            {"id": "sat-am", "label": "Saturday morning", "day": SAT, "start": "09:00", "end": "12:00", "step": 5},
            {"id": "sat-pm", "label": "Saturday afternoon", "day": SAT, "start": "13:00", "end": "17:00", "step": 5},
            {"id": "sun", "label": "Sunday", "day": SUN, "start": "09:00", "end": "12:00", "step": 5},
        ],
        "tracks": [{"id": "llvm", "name": "LLVM"}, {"id": "rust", "name": "Rust"}],
        "talks": [window_talk("llvm-intro")],
    }
    conference = Instance.model_validate(base | fields)
    problems = find_semantic_problems(conference)
    assert not problems, problems
    return conference


def devroom_weekend(talks: int, rooms: int = 40) -> tuple[Instance, Schedule]:
    """A FOSDEM-sized weekend and a schedule that breaks no hard rule: `talks` talks of 15 to 50
    minutes in tracks of 20, one speaker each. A track fills its own room for the day, talks back
    to back with a 5-minute gap after every third, and spills its last talks into one of the
    spare rooms, which the spilling tracks share one after another.

    For judging a large conference: only seats and tracks that spill or leave gaps cost anything.
    """
    lengths = (15, 20, 25, 30, 40, 50)
    tracks = -(-talks // 20)
    homes = -(-tracks // 2)  # rooms a day with its own track
    assert homes < rooms, "too few rooms for this many talks"
    free_at: dict[tuple[str, int], int] = {}
    listed, placements = [], []
    for index in range(talks):
        track = index // 20
        day_id = ("sat", "sun")[track % 2]
        room = track // 2
        minutes = lengths[index % len(lengths)]
        if free_at.get((day_id, room), 9 * 60) + minutes > 19 * 60:
            room = homes + track // 2 % (rooms - homes)
        start = free_at.get((day_id, room), 9 * 60)
        assert start + minutes <= 19 * 60, "the spare rooms are full"
        free_at[(day_id, room)] = start + minutes + (5 if index % 3 == 0 else 0)
        listed.append(
            {
                "id": f"t{index}",
                "title": f"Talk {index}",
                "speakers": [f"p{index}"],
                "minutes": minutes,
                "track": f"track{track}",
                "expected_attendance": 30 + index % 50,
            }
        )
        placements.append((f"t{index}", 1, f"{day_id}-{start // 60:02d}{start % 60:02d}", f"r{room}"))
    conference = Instance.model_validate(
        {
            "conference": {"name": "Devroom Weekend", "venue": "Campus"},
            "days": [{"date": SAT}, {"date": SUN}],
            "rooms": [{"id": f"r{r}", "name": f"Room {r}", "capacity": 40 + 10 * (r % 9)} for r in range(rooms)],
            "speakers": [{"id": f"p{index}", "name": f"Speaker {index}"} for index in range(talks)],
            "breakout_windows": [
                {"id": day_id, "label": label, "day": day, "start": "09:00", "end": "19:00", "step": 5}
                for day_id, label, day in (("sat", "Saturday", SAT), ("sun", "Sunday", SUN))
            ],
            "tracks": [{"id": f"track{t}", "name": f"Track {t}"} for t in range(tracks)],
            "talks": listed,
        }
    )
    return conference, schedule(*placements)


def with_wishes(
    conference: Instance, wishes: dict[str, list[str]], weights: dict[tuple[str, str], int] | None = None
) -> Instance:
    """The conference with attendees' wishes: attendee -> talk ids, each of weight 1 unless `weights` says."""
    weights = weights or {}
    attendees = tuple(
        AttendeeWishes(attendee, tuple(Wish(talk_id, weights.get((attendee, talk_id), 1)) for talk_id in talks))
        for attendee, talks in wishes.items()
    )
    return conference.model_copy(update={"attendee_wishes": WishBook("wishes.csv", attendees)})

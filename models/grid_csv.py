"""Read a published grid CSV back into a `Schedule`, so that any grid can be judged by the checker.

Talk rows are matched to the instance by `session_id`, their breakout slot by day and start
time (labels may repeat across days), and their room by name, as the grid publishes it.
Fixed-item rows are the instance's own and are not read back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from .errors import InputError, Problem
from .instance import Instance, parse_clock
from .schedule import Placement, Schedule

REQUIRED_COLUMNS = ("day", "start", "kind", "session_id", "room", "occurrence")


def read_grid_csv(path: Path | str, instance: Instance) -> Schedule:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, [Problem("file", "no such file")]) from None
    except UnicodeDecodeError as error:
        raise InputError(path, [Problem("file", f"is not UTF-8 text ({error.reason} at byte {error.start})")]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise InputError(path, [Problem("header", f"missing column(s): {', '.join(missing)}", 1)])
    slot_at = {(slot.day, slot.start): slot.id for slot in instance.breakout_slots}
    room_named = {room.name: room.id for room in instance.rooms}
    placements, problems = [], []
    for row in reader:
        line = reader.line_num
        if row["kind"] != "talk":
            continue
        try:
            start = (dt.date.fromisoformat(row["day"]), parse_clock(row["start"]))
        except ValueError as error:
            problems.append(Problem("day/start", str(error), line))
            continue
        checks = (
            ("session_id", row["session_id"] in instance.talk_by_id, f"no talk has the id '{row['session_id']}'"),
            ("start", start in slot_at, f"no breakout slot starts on {row['day']} at {row['start']}"),
            ("room", row["room"] in room_named, f"no room is named '{row['room']}'"),
            ("occurrence", row["occurrence"].isdigit() and int(row["occurrence"]) >= 1, "must be 1, 2, ..."),
        )
        failed = [Problem(field, message, line) for field, ok, message in checks if not ok]
        if failed:
            problems += failed
            continue
        placements.append(
            Placement(
                talk=row["session_id"],
                occurrence=int(row["occurrence"]),
                slot=slot_at[start],
                room=room_named[row["room"]],
            )
        )
    if problems:
        raise InputError(path, problems)
    return Schedule(placements=tuple(placements))

"""A re-plan against an earlier grid, in the terminal: what was kept, each move and why."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from ..models import Instance, Placement
from ..models.names import visible

if TYPE_CHECKING:
    from ..replan import Replan


GONE_SHOWN = 20
"""Session ids of an earlier grid's talks no longer on the program, named before "and N more"."""


def place_text(instance: Instance, placement: Placement) -> str:
    """ "Session III · Modular II"; on breakout windows with the start: "Saturday 10:35 · K.3.201"."""
    slot = instance.slot_by_id[placement.slot]
    when = f"{slot.label} {slot.start:%H:%M}" if instance.uses_windows else slot.label
    return f"{when} · {instance.room_by_id[placement.room].name}"


def distance_text(instance: Instance, before: Placement, after: Placement) -> str:
    """How far a move goes: "45 minutes later, same room", "1 day 2 hours earlier, another room"."""
    talk = instance.talk_by_id[before.talk]
    day, start, _ = instance.clock_span(talk, before.slot)
    later_day, later_start, _ = instance.clock_span(talk, after.slot)
    shift = (later_day - day).days * 24 * 60 + later_start - start
    room = "same room" if after.room == before.room else "another room"
    if shift == 0:
        return f"same time, {room}"
    days, rest = divmod(abs(shift), 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [
        f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute")) if n
    ]
    return f"{' '.join(parts)} {'later' if shift > 0 else 'earlier'}, {room}"


def render_replan(console: Console, instance: Instance, replan: Replan, earlier_path: Path) -> None:
    earlier_count = replan.kept + len(replan.moves)
    proven = "the fewest possible" if replan.fewest_moves_proven else "the fewest found in the time limit"
    console.print(
        Text.assemble(
            (f"Re-planned against {visible(str(earlier_path))}:", "bold"),
            f" {replan.kept} of its {earlier_count} placements of talks still on the program kept, "
            f"{len(replan.moves)} moved ({proven}).",
        ),
        soft_wrap=True,
    )
    for move in replan.moves:
        title = instance.talk_by_id[move.talk].title
        destination = (
            f"{place_text(instance, move.after)} ({distance_text(instance, move.before, move.after)})"
            if move.after
            else "dropped"
        )
        console.print(
            Text(
                f"  moved: '{title}' ({move.before.occurrence}) from {place_text(instance, move.before)} "
                f"to {destination}"
            ),
            soft_wrap=True,
        )
        for reason in move.reasons:
            console.print(Text(f"    why: {reason}"), soft_wrap=True)
    if gone := replan.earlier_only_talks:
        listed = ", ".join(gone[:GONE_SHOWN]) + (
            f", and {len(gone) - GONE_SHOWN:,} more" if len(gone) > GONE_SHOWN else ""
        )
        console.print(Text(f"No longer on the program, their places now free: {visible(listed)}."), soft_wrap=True)
    for placement in replan.added:
        title = instance.talk_by_id[placement.talk].title
        console.print(
            Text(f"New in this plan: {title} ({placement.occurrence}) in {place_text(instance, placement)}."),
            soft_wrap=True,
        )

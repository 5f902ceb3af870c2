"""A re-plan against an earlier grid, in the terminal: what was kept, each move and why."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from ..models import Instance, Placement

if TYPE_CHECKING:
    from ..replan import Replan


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
        f"[bold]Re-planned against {escape(str(earlier_path))}:[/] {replan.kept} of its {earlier_count} placements "
        "of talks still on the program kept, "
        f"{len(replan.moves)} moved ({proven}).",
        highlight=False,
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
            f"  moved: '{escape(title)}' ({move.before.occurrence}) from {escape(place_text(instance, move.before))} "
            f"to {escape(destination)}",
            highlight=False,
            soft_wrap=True,
        )
        for reason in move.reasons:
            console.print(f"    why: {escape(reason)}", highlight=False, soft_wrap=True)
    if replan.earlier_only_talks:
        listed = ", ".join(replan.earlier_only_talks)
        console.print(
            f"No longer on the program, their places now free: {escape(listed)}.", highlight=False, soft_wrap=True
        )
    for placement in replan.added:
        title = instance.talk_by_id[placement.talk].title
        console.print(
            f"New in this plan: {escape(title)} ({placement.occurrence}) in {escape(place_text(instance, placement))}.",
            highlight=False,
            soft_wrap=True,
        )

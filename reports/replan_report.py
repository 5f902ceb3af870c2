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
    return f"{instance.slot_by_id[placement.slot].label} · {instance.room_by_id[placement.room].name}"


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
        destination = place_text(instance, move.after) if move.after else "dropped"
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

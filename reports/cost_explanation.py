"""A feasible schedule explained: what each soft rule's cost is made of, and what binds it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..checker import SoftScore
from ..models import Instance
from ..models.requirements import describe, entity_of
from ..models.source_lines import SourceLines
from ..solver import SolveOutcome

if TYPE_CHECKING:
    from ..binding import Binding


def render_cost_explanation(
    console: Console,
    instance: Instance,
    outcome: SolveOutcome,
    score: SoftScore,
    bindings: Sequence[Binding],
    seat_floor: int,
    lines: SourceLines,
) -> None:
    """`bindings` come largest saving first."""
    proven = "proven optimal" if outcome.status == "optimal" else f"not proven optimal; bound {outcome.best_bound}"
    console.print(
        Text.assemble((f"Best schedule for {instance.conference.name}: cost {score.total}", "bold"), f" ({proven}).")
    )
    console.print()
    console.print(Text("What the cost is made of", style="bold"))
    free = [rule.label for rule in score.rules if rule.cost == 0]
    for rule in score.rules:
        if rule.cost == 0:
            continue
        console.print(Text(f"  {rule.label}: {rule.cost} (weight {rule.weight})"))
        table = Table(show_header=True, box=None, padding=(0, 1, 0, 4))
        table.add_column("cost", justify="right")
        table.add_column("who")
        table.add_column("why", overflow="fold")
        for item in rule.items:
            table.add_row(str(item.cost), Text(item.subject), Text(item.detail))
        console.print(table)
    if free:
        console.print(f"  No cost: {'; '.join(free)}.", highlight=False, soft_wrap=True)
    seats = sum(rule.cost for rule in score.rules if rule.rule in ("seat_short", "seat_empty"))
    if seats and seats == seat_floor:
        console.print(
            f"  Every talk already sits in its best-fitting breakout room: {seats} seat points is the least "
            "these rooms allow; only rooms of other sizes (or other attendance estimates) would lower it.",
            highlight=False,
            soft_wrap=True,
        )
    elif seats:
        console.print(
            f"  With every talk in its best-fitting breakout room, all other rules aside, seats would cost {seat_floor}; "
            f"the other {seats - seat_floor} points are the price of the other rules: hard ones (talks sharing a slot, "
            "pins, required features, closures) and trade-offs with the other soft rules keep some talks out of "
            "their best-fitting rooms.",
            highlight=False,
            soft_wrap=True,
        )
    console.print()
    console.print(Text("What binds", style="bold"))
    savers = [b for b in bindings if b.cost_without < score.total]
    if not savers:
        console.print(
            f"  No requirement, given up alone, lowers the cost ({len(bindings)} tried, each by a checked solve).",
            highlight=False,
            soft_wrap=True,
        )
        return
    table = Table(show_header=True, box=None, padding=(0, 1, 0, 2))
    table.add_column("saving", justify="right")
    table.add_column("requirement", overflow="fold")
    table.add_column("written at", overflow="fold")
    for binding in savers:
        saving = score.total - binding.cost_without
        requirement = binding.requirement
        table.add_row(
            f"{saving}" if binding.proven else f"≥{saving}",
            Text(f"{entity_of(requirement, instance)} {describe(requirement, instance)}"),
            Text(lines.where(requirement)),
        )
    console.print(table)
    others = len(bindings) - len(savers)
    console.print(
        f"  Each saving is the cost of a checked schedule with that requirement given up; "
        f"{others} other requirement{'s' if others != 1 else ''} would save nothing.",
        highlight=False,
        soft_wrap=True,
    )

"""A feasible schedule explained: what each soft rule's cost is made of, and what binds it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..checker import AttendeeFigures, SoftScore
from ..models import Instance
from ..models.requirements import describe, entity_of
from ..models.rulebook import rules_for
from ..models.source_lines import SourceLines
from ..solver import SolveOutcome
from .attendee_report import render_attendees

if TYPE_CHECKING:
    from ..binding import WhatBinds


def render_rules(console: Console, instance: Instance) -> None:
    """The table of contents of this conference's rules, each with whom it binds here."""
    console.print(
        Text.assemble(("The rules", "bold"), " (models/rulebook.py; one function each in solver/ and checker/)")
    )
    table = Table(show_header=False, box=None, padding=(0, 1, 0, 2))
    table.add_column("kind")
    table.add_column("rule")
    table.add_column("binds", overflow="fold")
    for hard in (True, False):
        for entry in rules_for(instance, hard=hard):
            weight = "" if hard else f" (weight {getattr(instance.weights, entry.id)})"
            table.add_row("hard" if hard else "soft", f"{entry.name}{weight}", Text(entry.binds(instance)))
    console.print(table)


def render_cost_explanation(
    console: Console,
    instance: Instance,
    outcome: SolveOutcome,
    score: SoftScore,
    what_binds: WhatBinds,
    seat_floor: int | None,
    lines: SourceLines,
    attendees: AttendeeFigures | None = None,
) -> None:
    """`what_binds.bindings` come largest saving first."""
    proven = "proven optimal" if outcome.status == "optimal" else f"not proven optimal; bound {outcome.best_bound}"
    console.print(
        Text.assemble((f"Best schedule for {instance.conference.name}: cost {score.total}", "bold"), f" ({proven}).")
    )
    console.print()
    render_rules(console, instance)
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
    # Without a floor (who comes depends on the schedule) there is nothing to compare the seats with.
    if seat_floor is not None and seats and seats == seat_floor:
        console.print(
            f"  Every talk already sits in its best-fitting breakout room: {seats} seat points is the least "
            "these rooms allow; only rooms of other sizes (or other attendance estimates) would lower it.",
            highlight=False,
            soft_wrap=True,
        )
    elif seat_floor is not None and seats:
        console.print(
            f"  With every talk in its best-fitting breakout room, all other rules aside, seats would cost {seat_floor}; "
            f"the other {seats - seat_floor} points are the price of the other rules: hard ones (talks sharing a slot, "
            "pins, required features, closures) and trade-offs with the other soft rules keep some talks out of "
            "their best-fitting rooms.",
            highlight=False,
            soft_wrap=True,
        )
    if attendees is not None:
        console.print()
        console.print(Text.assemble(("What attendees can see", "bold"), " (the best each can do on this grid)"))
        render_attendees(console, attendees)
    console.print()
    console.print(Text("What binds", style="bold"))
    bindings = what_binds.bindings
    savers = [b for b in bindings if b.cost_without < score.total]
    if score.total == 0:
        console.print("  Nothing: the schedule costs nothing, and no requirement could lower that.", highlight=False)
        return
    if what_binds.cost_without_all is not None:
        console.print(
            f"  No requirement, given up alone, lowers the cost: with all {what_binds.tried} given up at once, "
            f"no schedule costs less than {what_binds.cost_without_all} (proven by one search).",
            highlight=False,
            soft_wrap=True,
        )
        return
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

"""The outcome of a solve, in the terminal: status, objective, bound, and who pays each soft cost."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..checker import RuleCost, SoftScore

if TYPE_CHECKING:
    from ..solver import SolveOutcome

PAYERS_SHOWN = 5


def render_solve_summary(console: Console, outcome: SolveOutcome, score: SoftScore, *, detailed: bool = True) -> None:
    proven = "optimal (proven)" if outcome.status == "optimal" else "feasible (not proven optimal)"
    bound = f", best bound {outcome.best_bound}" if outcome.best_bound is not None else ""
    console.print(
        Text.assemble(
            (f"Schedule {proven}", "bold"),
            f": cost {outcome.objective}{bound}; "
            f"model built in {outcome.build_seconds:.2f} s, solved in {outcome.solve_seconds:.2f} s.",
        ),
        soft_wrap=True,
    )
    if not detailed:
        return
    console.print(soft_cost_table(score))


def soft_cost_table(score: SoftScore) -> Table:
    """Each soft rule's weight, cost and who pays it, then the total."""
    table = Table(title="Soft rules", title_justify="left")
    table.add_column("rule")
    table.add_column("weight", justify="right")
    table.add_column("cost", justify="right")
    table.add_column("who pays (cost)", overflow="fold")
    for rule in score.rules:
        table.add_row(rule.label, str(rule.weight), str(rule.cost), Text(payers_text(rule)))
    table.add_row(Text("total", style="bold"), "", Text(str(score.total), style="bold"), "")
    return table


def payers_text(rule: RuleCost) -> str:
    """Costs summed per payer, so a talk given twice is named once with its whole share."""
    shares: Counter[str] = Counter()
    for item in rule.items:
        shares[item.subject] += item.cost
    ranked = sorted(shares.items(), key=lambda share: (-share[1], share[0]))
    text = "; ".join(f"{subject} ({cost})" for subject, cost in ranked[:PAYERS_SHOWN])
    if len(ranked) > PAYERS_SHOWN:
        text += f"; {len(ranked) - PAYERS_SHOWN} more"
    return text or "-"

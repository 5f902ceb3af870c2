"""A checked grid in the terminal: each broken hard rule with the rows at fault, the soft costs, a verdict.

Rows are named by their line in the grid file, which is what a planner sees in the left
margin of a spreadsheet or a text editor, so each problem can be found and fixed in place.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..checker import AttendeeFigures, SoftScore, Violation
from .attendee_report import render_attendees
from .summary import soft_cost_table


def render_check(
    console: Console,
    violations: list[Violation],
    score: SoftScore,
    line_of: dict[tuple[str, int], int],
    attendees: AttendeeFigures | None = None,
) -> None:
    render_violations(console, violations, line_of)
    console.print()
    console.print(soft_cost_table(score))
    console.print()
    if attendees is not None:
        render_attendees(console, attendees)
        console.print()
    console.print(verdict_text(violations, score), soft_wrap=True)


def render_violations(console: Console, violations: list[Violation], line_of: dict[tuple[str, int], int]) -> None:
    """The broken hard rules in the checker's order, each violation on one line, led by its rows."""
    if not violations:
        console.print(Text("Hard rules: all hold.", style="bold green"))
        return
    by_rule: dict[str, list[Violation]] = {}
    for violation in violations:
        by_rule.setdefault(violation.rule, []).append(violation)
    console.print(Text(f"Hard rules broken: {len(by_rule)}", style="bold red"))
    for rule, broken in by_rule.items():
        console.print(Text.assemble((rule, "bold"), f" ({len(broken)})"))
        for violation in broken:
            console.print(Text(f"  - {where_text(violation, line_of)}: {violation.message}"), soft_wrap=True)


def where_text(violation: Violation, line_of: dict[tuple[str, int], int]) -> str:
    """ "rows 14, 22"; a violation with no row (a missing occurrence) names the session_id to add."""
    rows = sorted({line_of[key] for key in violation.placements if key in line_of})
    if rows:
        return f"row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows))}"
    return f"no row (session_id {', '.join(violation.talks)})"


def verdict_text(violations: list[Violation], score: SoftScore) -> Text:
    if not violations:
        return Text.assemble(("Verdict: every hard rule holds;", "bold green"), f" soft cost {score.total}.")
    rules = len({violation.rule for violation in violations})
    return Text.assemble(
        (
            f"Verdict: {len(violations)} violation{'s' if len(violations) != 1 else ''} "
            f"of {rules} hard rule{'s' if rules != 1 else ''};",
            "bold red",
        ),
        f" fix them before publishing. Soft cost {score.total}.",
    )

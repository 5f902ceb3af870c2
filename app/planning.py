"""Solve and independently check, in one call: the only way a schedule reaches a report.

The solver and the checker never import each other; this module is where their verdicts meet,
so the CLI and any Python caller get the same guarantee.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checker import AttendeeFigures, SoftScore, Violation, attendee_figures, find_violations, score_schedule
from .models import Instance
from .models.source_lines import ItemLines, SourceLines
from .reports.explanation import explanation_lines
from .solver import SolveOptions, SolveOutcome, find_impossibilities, solve
from .solver.alternatives import AlternativeOptions, find_alternatives


class CheckerRejected(Exception):
    """The solver returned a schedule the checker rejects or scores differently: a solver bug."""

    def __init__(self, violations: list[Violation], objective: int | None, checker_total: int) -> None:
        self.violations = violations
        self.objective = objective
        self.checker_total = checker_total
        super().__init__(f"{len(violations)} violation(s); objective {objective}, checker total {checker_total}")

    def reasons(self) -> list[str]:
        lines = [f"{violation.rule}: {violation.message}" for violation in self.violations]
        if self.objective != self.checker_total:
            lines.append(f"the solver's objective is {self.objective} but the checker scores {self.checker_total}")
        return lines


@dataclass(frozen=True)
class Plan:
    outcome: SolveOutcome
    score: SoftScore | None
    """The checker's soft costs of the schedule; None when there is no schedule."""
    attendees: AttendeeFigures | None = None
    """What the schedule lets attendees see, by the checker; None without a schedule or wishes."""


def plan(instance: Instance, options: SolveOptions = SolveOptions()) -> Plan:
    return checked(instance, solve(instance, options))


@dataclass(frozen=True)
class AlternativePlans:
    plans: list[Plan]
    cut_short: bool
    """True when a search for a further plan ran out of time."""


def plan_alternatives(instance: Instance, options: SolveOptions, wanted: AlternativeOptions) -> AlternativePlans:
    """The best plan and up to `wanted.count - 1` different ones, each checked like `plan`'s."""
    found = find_alternatives(instance, options, wanted)
    return AlternativePlans([checked(instance, outcome) for outcome in found.outcomes], found.cut_short)


def checked(instance: Instance, outcome: SolveOutcome) -> Plan:
    """The outcome with the checker's score, once the checker agrees with every part of it."""
    if outcome.schedule is None:
        return Plan(outcome, None)
    violations = find_violations(instance, outcome.schedule)
    score = score_schedule(instance, outcome.schedule)
    if violations or score.total != outcome.objective:
        raise CheckerRejected(violations, outcome.objective, score.total)
    return Plan(outcome, score, attendee_figures(instance, outcome.schedule))


def why_nothing_fits(
    instance_path: Path, instance: Instance, outcome: SolveOutcome, scenarios: tuple[Path, ...] = ()
) -> list[str]:
    """Why an infeasible instance has no schedule, one line each, with the lines of the planner's files:
    the requirements in conflict and the single changes that help, or what counting already shows."""
    if outcome.impossibilities and outcome.diagnosis is None:
        # Counting on breakout windows already names the cause: say it again with the file's lines.
        named = find_impossibilities(instance, ItemLines.read(instance_path, scenarios)) or outcome.impossibilities
        return [f"  - {message}" for message in named]
    lines = SourceLines.read(instance_path, scenarios)
    return explanation_lines(instance, outcome.diagnosis, outcome.impossibilities, lines)

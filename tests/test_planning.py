"""Solve-then-check: a schedule the independent checker rejects never reaches a report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import amj_scheduler.planning as planning
import pytest
from amj_scheduler.cli import main
from amj_scheduler.cli_common import EXIT_CHECKER_REJECTED
from amj_scheduler.models import Instance, Placement, Schedule, load_instance
from amj_scheduler.solver import SolveOptions, SolveOutcome, solve
from click.testing import CliRunner

SMALL = Path(__file__).parent / "instances" / "small.yaml"


def test_plan_returns_the_checkers_score_of_the_solvers_schedule() -> None:
    planned = planning.plan(load_instance(SMALL))
    assert planned.outcome.status == "optimal"
    assert planned.score is not None and planned.score.total == planned.outcome.objective


def double_booked(outcome: SolveOutcome) -> SolveOutcome:
    """The solver's schedule with every talk moved into one room and slot: what a buggy encoding might return."""
    assert outcome.schedule is not None
    first = outcome.schedule.placements[0]
    moved = [
        Placement(talk=p.talk, occurrence=p.occurrence, slot=first.slot, room=first.room)
        for p in outcome.schedule.placements
    ]
    return replace(outcome, schedule=Schedule(placements=tuple(moved)))


def test_a_schedule_that_breaks_a_hard_rule_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(planning, "solve", lambda instance, options: double_booked(solve(instance, options)))
    with pytest.raises(planning.CheckerRejected) as rejection:
        planning.plan(load_instance(SMALL))
    assert any("room holds one thing at a time" in reason for reason in rejection.value.reasons())


def test_an_objective_the_checker_does_not_reproduce_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    def understated(instance: Instance, options: SolveOptions) -> SolveOutcome:
        outcome = solve(instance, options)
        return replace(outcome, objective=(outcome.objective or 0) - 1)

    monkeypatch.setattr(planning, "solve", understated)
    with pytest.raises(planning.CheckerRejected) as rejection:
        planning.plan(load_instance(SMALL))
    assert rejection.value.violations == []
    assert "but the checker scores" in rejection.value.reasons()[-1]


def test_cli_reports_a_rejected_schedule_as_a_bug_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(planning, "solve", lambda instance, options: double_booked(solve(instance, options)))
    result = CliRunner().invoke(main, [str(SMALL), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_CHECKER_REJECTED
    assert "independent checker rejected" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()

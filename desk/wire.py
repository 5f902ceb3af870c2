"""What the desk's page receives: a version of the grid and the checker's verdict on it, and the
state of its job, as JSON. The words are the checker's and the re-plan's own."""

from __future__ import annotations

from typing import Any

from ..checker import Violation
from .jobs import CompareResult, Job, ReplanResult, SolveResult
from .session import Desk, Verdict, Version


def state(desk: Desk, current: Version, job: Job | None) -> dict[str, Any]:
    return {
        "version": current.number,
        "label": current.label,
        "placements": [[f"{p.talk}/{p.occurrence}", p.slot, p.room] for p in current.schedule.placements],
        "verdict": verdict(current.verdict),
        "undo": desk.undo_label,
        "redo": desk.redo_label,
        "save_to": str(desk.save_to),
        "job": job_state(job),
    }


def verdict(judged: Verdict) -> dict[str, Any]:
    return {
        "broken": [_violation(violation) for violation in judged.violations],
        "cost": judged.score.total,
        "rules": [
            {
                "rule": rule.rule,
                "label": rule.label,
                "weight": rule.weight,
                "cost": rule.cost,
                "items": [{"subject": item.subject, "cost": item.cost, "detail": item.detail} for item in rule.items],
            }
            for rule in judged.score.rules
        ],
    }


def _violation(violation: Violation) -> dict[str, Any]:
    return {
        "rule": violation.rule,
        "message": violation.message,
        "cards": [f"{talk}/{occurrence}" for talk, occurrence in violation.placements],
    }


def job_state(job: Job | None) -> dict[str, Any] | None:
    if job is None:
        return None
    progress = job.progress
    return {
        "number": job.number,
        "kind": job.kind,
        "running": job.running,
        "seconds": round(job.seconds, 1),
        "based_on": job.based_on,
        "progress": None
        if progress is None
        else {"cost": progress.best_cost, "bound": progress.bound, "found": progress.schedules_found},
        "failure": job.failure,
        "result": _result(job),
    }


def _result(job: Job) -> dict[str, Any] | None:
    result = job.result
    if isinstance(result, SolveResult):
        return {
            "status": result.status,
            "cost": result.cost,
            "bound": result.bound,
            "stopped": result.stopped,
            "reasons": list(result.reasons),
            "has_schedule": result.schedule is not None,
        }
    if isinstance(result, ReplanResult):
        return {
            "based_on": result.based_on,
            "moves": [
                {"title": move.title, "key": move.key, "text": move.text, "reasons": list(move.reasons)}
                for move in result.moves
            ],
            "kept": result.kept,
            "fewest_proven": result.fewest_proven,
            "cost": result.cost,
            "reasons": list(result.reasons),
        }
    if isinstance(result, CompareResult):
        return {
            "columns": [
                {"name": column.name, "origin": column.origin, "cost": column.cost, "hard": column.hard_violations}
                for column in result.columns
            ],
            "left_out": list(result.left_out),
        }
    return None

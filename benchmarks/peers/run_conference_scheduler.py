"""Run PyCon UK's conference-scheduler (PuLP and CBC) on a problem from `peer_problems.py`.

    conference-scheduler-venv/bin/python run_conference_scheduler.py PROBLEM.json LIMIT RESULT.json

Runs in the peer's own virtual environment (`run.py` makes it), so it imports only the peer and the
standard library. It builds the peer's `Slot` and `Event` resources, asks `scheduler.solution` for a
placement with our seat prices as the objective, and gives CBC what is left of `LIMIT` seconds once
the peer has built its model. It writes the (event, slot) pairs and the times: the build, CBC's own
log lines for its first integer solution and whether it proved optimality.
"""

from __future__ import annotations

import time

PROCESS_STARTED = time.perf_counter()

import datetime as dt  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import pulp  # noqa: E402
from conference_scheduler import scheduler  # noqa: E402
from conference_scheduler.resources import Event, Slot  # noqa: E402

FIRST_SOLUTION = re.compile(r"Integer solution of (\S+) found .*\(([\d.]+) seconds\)")


class TimedCbc(pulp.PULP_CBC_CMD):
    """CBC given the time left of the run when the peer hands it the model, so that the peer's own
    model building counts against the same limit as ours does."""

    def __init__(self, started: float, limit: float, log_path: str) -> None:
        super().__init__(msg=False, logPath=log_path, timeLimit=limit)
        self.started, self.limit = started, limit
        self.cbc_started: float | None = None

    def actualSolve(self, lp, **kwargs):
        self.cbc_started = time.perf_counter()
        self.timeLimit = max(0.1, self.limit - (self.cbc_started - self.started))
        return super().actualSolve(lp, **kwargs)


def seat_objective(weights: dict[str, int]):
    """Our seat prices as the peer's objective function: linear in its placement variables."""

    def objective(events, slots, X, **_):
        terms = {}
        for (event, slot), variable in X.items():
            demand, capacity = events[event].demand, slots[slot].capacity
            price = weights["seat_short"] * max(0, demand - capacity) + weights["seat_empty"] * max(
                0, capacity - demand
            )
            if price:
                terms[variable] = price
        return pulp.LpAffineExpression(terms)

    return objective


def main() -> None:
    problem_path, limit, result_path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    imported = time.perf_counter()
    problem = json.loads(Path(problem_path).read_text())
    started = time.perf_counter()
    slots = [
        Slot(
            venue=slot["venue"],
            starts_at=dt.datetime.fromisoformat(slot["starts_at"]),
            duration=slot["duration"],
            capacity=slot["capacity"],
            session=slot["session"],
        )
        for slot in problem["slots"]
    ]
    events = [Event(event["name"], event["duration"], demand=event["demand"]) for event in problem["events"]]
    for event, facts in zip(events, problem["events"]):
        event.add_unavailability(*(slots[index] for index in facts["unavailable_slots"]))
        event.add_unavailability(*(events[index] for index in facts["unavailable_events"]))
    log_path = tempfile.mktemp(suffix=".cbc.log")
    cbc = TimedCbc(started, limit, log_path)
    result: dict = {"engine": "conference-scheduler"}
    try:
        solution = scheduler.solution(
            events, slots, objective_function=seat_objective(problem["seat_weights"]), solver=cbc
        )
        result["solution"] = [[int(event), int(slot)] for event, slot in solution]
    except ValueError as error:  # the peer's word for "no solution"
        result["solution"] = None
        result["error"] = str(error)
    finished = time.perf_counter()
    log = Path(log_path).read_text() if Path(log_path).exists() else ""
    build = (cbc.cbc_started or finished) - started
    first = FIRST_SOLUTION.search(log)
    result.update(
        import_seconds=imported - PROCESS_STARTED,
        build_seconds=build,
        search_seconds=finished - (cbc.cbc_started or finished),
        total_seconds=finished - started,
        first_solution_seconds=build + float(first.group(2)) if first else None,
        proven_optimal="Result - Optimal solution found" in log,
        variables=len(events) * len(slots),
        log_tail=log[-1500:],
    )
    Path(result_path).write_text(json.dumps(result))


if __name__ == "__main__":
    main()

"""Every CP-SAT search of the project runs through `run_search`, so that Ctrl-C always stops it.

Left alone, CP-SAT installs its own SIGINT handler for each search and afterwards restores the
default one instead of Python's: Ctrl-C during a search only cut that search short (its partial
answer then passed for a result), and Ctrl-C after one killed the process without a word. Here
CP-SAT never touches the handler; the search runs on a worker thread while the main thread,
which is where Python delivers signals, waits for it. On Ctrl-C the search is told to stop, is
waited for (CP-SAT stops within milliseconds), and the interruption propagates as the
`KeyboardInterrupt` it is: no partial answer is ever returned.
"""

from __future__ import annotations

import threading

from ortools.sat.python import cp_model

POLL_SECONDS = 0.05
"""How often the waiting thread wakes up; also how often a stop request is repeated, because a
request made before CP-SAT has set up its search would otherwise be lost."""


def run_search(solver: cp_model.CpSolver, model: cp_model.CpModel) -> cp_model.CpSolverStatus:
    """`solver.solve(model)`, stopped promptly by Ctrl-C, which is then raised again."""
    solver.parameters.catch_sigint_signal = False
    statuses: list[cp_model.CpSolverStatus] = []
    failures: list[BaseException] = []
    finished = threading.Event()

    def search() -> None:
        try:
            statuses.append(solver.solve(model))
        except BaseException as failure:  # handed to the waiting thread, which raises it there
            failures.append(failure)
        finally:
            finished.set()

    # Not Thread.join: on Python 3.11 a join cut short by KeyboardInterrupt marks the thread
    # as stopped while it still runs, and the process would then exit under CP-SAT's feet.
    threading.Thread(target=search, name="cp-sat-search", daemon=True).start()
    try:
        while not finished.wait(POLL_SECONDS):
            pass
    except KeyboardInterrupt:
        while not finished.is_set():
            solver.stop_search()
            finished.wait(POLL_SECONDS)
        raise
    if failures:
        raise failures[0]
    return statuses[0]

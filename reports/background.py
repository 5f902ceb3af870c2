"""Rendering on the machine's other cores while this process renders the rest.

Publishing FOSDEM renders a thousand calendars and a workbook of ten thousand cells, each about
half a second of pure Python; on two cores they take no extra time beside the pages. Workers are
forked (Linux), so they start with everything this process has loaded; elsewhere, or on one
core, each render simply runs here when it is asked for. Either way the bytes are the same.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

Submit = Callable[..., "Future[Any]"]


@contextmanager
def background(workers: int) -> Iterator[Submit]:
    """`submit(function, *arguments)` runs `function` in one of `workers` forked processes and
    returns its future; the arguments and the result travel pickled. Leaving the block waits."""
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        yield _here
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool.submit


def _here(function: Callable[..., Any], *arguments: Any) -> Future[Any]:
    future: Future[Any] = Future()
    try:
        future.set_result(function(*arguments))
    except Exception as error:
        future.set_exception(error)
    return future

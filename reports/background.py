"""Rendering on the machine's other cores while this process renders the rest.

Publishing FOSDEM renders a thousand calendars and a workbook of ten thousand cells, each about
half a second of pure Python after half a second of importing openpyxl; on two cores they take
little time beside the pages. A render is named by module and function (`"grid_xlsx:grid_xlsx_bytes"`)
so that its module, and the libraries it needs, load in the worker and not here. Workers are forked
(Linux), so they start with everything this process has loaded; elsewhere, or on one core, each
render runs here. Either way the bytes are the same.
"""

from __future__ import annotations

import importlib
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
    """`submit("module:function", *arguments)` runs that function of this package's module in one
    of `workers` forked processes and returns its future; arguments and result travel pickled.
    Leaving the block waits for every render."""
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        yield _here
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield lambda target, *arguments: pool.submit(_call, target, *arguments)


def _call(target: str, *arguments: Any) -> Any:
    module, function = target.split(":")
    return getattr(importlib.import_module(f".{module}", __package__), function)(*arguments)


def _here(target: str, *arguments: Any) -> Future[Any]:
    future: Future[Any] = Future()
    try:
        future.set_result(_call(target, *arguments))
    except Exception as error:
        future.set_exception(error)
    return future

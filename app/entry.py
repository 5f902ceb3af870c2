"""How an `amj-solve` process starts and how Ctrl-C ends it, at any moment of the run.

The console script lands here before any heavy library is imported (OR-Tools, pandas and rich
take most of a second), so that Ctrl-C while they load is handled like Ctrl-C anywhere else:
one line on stderr, exit 130 (128 + SIGINT, what shells report for an interrupted command),
and no file written. The first Ctrl-C is the only one needed; later ones are ignored while the
run winds down.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

EXIT_INTERRUPTED = 130
NOTHING_WRITTEN = "Interrupted (Ctrl-C): nothing was written; earlier output files are untouched."
WRITTEN_IN_FULL = "Interrupted (Ctrl-C) just after the output files were written; each is complete."


def run() -> None:
    """The `amj-solve` console script."""
    signal.signal(signal.SIGINT, _interrupt_once)
    with ends_on_interrupt():
        from .cli import main

        main(prog_name="amj-solve")


_interrupted = False
"""True once the first Ctrl-C has arrived."""

_written = False
"""True once this verb's output files are in place (`reports.atomic`): a Ctrl-C after that, while
the "wrote" lines print, must not say that nothing was written."""


def files_written() -> None:
    global _written
    _written = True


def _interrupt_once(signum: int, frame: FrameType | None) -> None:
    """Raise KeyboardInterrupt for the first Ctrl-C only. Ignoring the signal happens before
    anything else, so a second Ctrl-C can never interrupt the code that handles the first."""
    global _interrupted
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _interrupted = True
    raise KeyboardInterrupt


def raise_if_interrupted() -> None:
    """Raise the first Ctrl-C again if compiled code swallowed it. A KeyboardInterrupt raised while
    pydantic-core builds a validator in Rust (a verb's models are built as its module is imported)
    is printed as "Exception ignored" and dropped, and with later Ctrl-Cs ignored the run went on
    and exited 0. Called before each search and before any file is written."""
    if _interrupted:
        raise KeyboardInterrupt


@contextmanager
def ends_on_interrupt() -> Iterator[None]:
    """Turn Ctrl-C into its one-line message and exit 130 (click would say "Aborted!", exit 1)."""
    global _written
    _written = False
    try:
        yield
    except Exception:
        # A Ctrl-C that lands while a compiled module initializes (OR-Tools' helper, measured on a
        # loaded machine) surfaces as that module's ImportError: it is still the planner's Ctrl-C.
        if not _interrupted:
            raise
        _say_interrupted(written=False)
    except KeyboardInterrupt as interruption:
        # Files are renamed into place with Ctrl-C held back (reports.atomic), so they are
        # either all old or all new; the second case is said, not hidden.
        _say_interrupted(written=getattr(interruption, "output_written", False) or _written)


def _say_interrupted(*, written: bool) -> NoReturn:
    message = WRITTEN_IN_FULL if written else NOTHING_WRITTEN
    # In a terminal the ^C the terminal echoes has no line end: start a line of our own.
    print(f"\n{message}" if sys.stderr.isatty() else message, file=sys.stderr, flush=True)
    sys.exit(EXIT_INTERRUPTED)

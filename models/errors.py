"""Input problems, each pinned to a file, a line and a field, so a planner can fix them in one pass."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .names import visible


@dataclass(frozen=True)
class Problem:
    field: str
    """Where in the file, as a planner reads it: `talks[3] (id real-you).speakers[0]`."""
    message: str
    line: int | None = None


class InputError(Exception):
    """A file that cannot be used as given. The CLI prints it as one screen and exits 2."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = Path(path)
        self.problems = problems
        super().__init__(self.render())

    def render(self, limit: int = 12) -> str:
        """One screen. The path and the messages may quote what a file holds: any control
        character in them is shown as an escape, never sent to the terminal, and a line that
        quotes a huge value is cut short."""
        count = len(self.problems)
        lines = [f"{visible(str(self.path))}: {count} problem{'s' if count != 1 else ''}"]
        for problem in self.problems[:limit]:
            where = f"line {problem.line}" if problem.line else "whole file"
            lines.append(_shortened(f"  {where}, {visible(problem.field)}: {visible(problem.message)}"))
        if count > limit:
            lines.append(f"  ... and {count - limit} more; fix these first.")
        return "\n".join(lines)


LINE_MAX = 400
"""Characters of one problem's line: a message that quotes a 200,000-character cell stays on screen."""


def _shortened(line: str) -> str:
    if len(line) <= LINE_MAX:
        return line
    return f"{line[:LINE_MAX]}... ({len(line) - LINE_MAX:,} more characters)"

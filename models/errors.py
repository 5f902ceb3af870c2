"""Input problems, each pinned to a file, a line and a field, so a planner can fix them in one pass."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        count = len(self.problems)
        lines = [f"{self.path}: {count} problem{'s' if count != 1 else ''}"]
        for problem in self.problems[:limit]:
            where = f"line {problem.line}" if problem.line else "whole file"
            lines.append(f"  {where}, {problem.field}: {problem.message}")
        if count > limit:
            lines.append(f"  ... and {count - limit} more; fix these first.")
        return "\n".join(lines)

"""What "one clear screen" means in these tests, in one place."""

from __future__ import annotations

from pathlib import Path

SCREEN_LINES = 25
SCREEN_CHARACTERS = 25 * 200
"""A line may wrap once or twice on an 80-column terminal; a screen is never a wall of text."""


def assert_one_screen(output: str) -> None:
    """No traceback, no terminal escape sequence, and short enough to read at a glance."""
    assert "Traceback" not in output, output[-2000:]
    assert "\x1b" not in output and "\x9b" not in output, "a control sequence reached the terminal"
    assert len(output.splitlines()) <= SCREEN_LINES, output[-2000:]
    assert len(output) <= SCREEN_CHARACTERS, output[:2000]


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry below `folder` with its size, inode and modification time: a file written or
    replaced (the atomic writer renames a new inode into place) shows up as a change."""
    return {
        str(path.relative_to(folder)): (status.st_size, status.st_ino, status.st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if (status := path.lstat())
    }

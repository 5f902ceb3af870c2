"""Where each part of an instance is written: file lines for explanations, kept from parsing.

Validation errors get their lines while loading (models.loader); explanations of an
infeasible plan need them later, for parts located by id rather than by list index, because
a scenario may have added or removed items since the file was read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .loader import line_of


class SourceLines:
    """Lines of one instance file; `line(("talks", "real-you", "pins", 0))` is the line of that pin."""

    def __init__(self, path: Path, document: Any) -> None:
        self.path = path
        self._document = document

    @classmethod
    def read(cls, path: Path | str) -> SourceLines:
        """The lines of a file that already loaded as an instance; an unreadable file has none."""
        path = Path(path)
        try:
            document = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, YAMLError):
            document = None
        return cls(path, document)

    def line(self, location: tuple[str | int, ...]) -> int | None:
        """The deepest part of `location` written in the file; None when none of it is."""
        indexed: list[str | int] = []
        node = self._document
        for key in location:
            if isinstance(node, CommentedSeq) and isinstance(key, str):
                found = next((i for i, item in enumerate(node) if isinstance(item, CommentedMap) and item.get("id") == key), None)
                if found is None:
                    break
                key = found
            indexed.append(key)
            node = _child(node, key)
            if node is None:
                break
        return line_of(self._document, indexed) if indexed else None


def _child(node: Any, key: str | int) -> Any:
    if isinstance(node, CommentedMap):
        return node.get(key)
    if isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None

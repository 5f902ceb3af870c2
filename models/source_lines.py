"""Where each requirement is written: file and line, for explanations, kept from parsing.

Validation errors get their lines while loading (models.loader); explanations of an
infeasible plan need them later, for parts located by id rather than by list index, because
a scenario may have added or removed items since the file was read. A requirement a scenario
added (a closure, a pin, a new talk) is found in that scenario's file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .errors import InputError
from .loader import line_of, read_yaml_text, refuse_what_parsers_cannot_take
from .requirements import Requirement, location_of

ADDED_TALK = ("add_talks", "id")
SCENARIO_ENTRIES: dict[str, tuple[tuple[str, str], ...]] = {
    "pin": (("pin", "talk"), ADDED_TALK),
    "room-unavailable": (("close_rooms", "room"),),
    "speaker-unavailable": (("speaker_unavailable", "speaker"),),
    "occurrences": (ADDED_TALK,),
    "speaker-gives": (ADDED_TALK,),
    "requires": (ADDED_TALK,),
    "restricted": (ADDED_TALK,),
}
"""For each kind of requirement, the scenario sections (and the key naming its owner) that can set one."""

WINDOWS = ("room-unavailable", "speaker-unavailable")


def _read_yaml(path: Path) -> Any:
    try:
        text = read_yaml_text(path, "a YAML file")
        refuse_what_parsers_cannot_take(text, path)
        return YAML(typ="rt").load(text)
    except (InputError, YAMLError):
        return None


class SourceLines:
    """The instance file, and the scenario files applied to it, as a planner will look them up."""

    def __init__(self, path: Path, document: Any, scenarios: tuple[tuple[Path, Any], ...] = ()) -> None:
        self.path = path
        self._document = document
        self._scenarios = scenarios

    @classmethod
    def read(cls, path: Path | str, scenario_paths: tuple[Path, ...] = ()) -> SourceLines:
        """Files that already loaded; one that cannot be read again simply has no lines."""
        scenarios = tuple((Path(p), _read_yaml(Path(p))) for p in scenario_paths)
        return cls(Path(path), _read_yaml(Path(path)), scenarios)

    def where(self, requirement: Requirement) -> str:
        """`line 88` in the instance file, `no-modular-ii.yaml line 5` in a scenario, or ''.

        A scenario that adds or replaces a talk or a pin is where that is written; a closure or
        absence is in the instance file when the instance has that many, else in a scenario.
        """
        location = location_of(requirement)
        line, complete = self._resolve(location)
        if requirement.kind in WINDOWS and complete:
            return f"line {line}"
        if in_scenario := self._scenario_line(requirement):
            return f"{in_scenario[0].name} line {in_scenario[1]}"
        if line is not None and (complete or not isinstance(location[-1], int)):
            return f"line {line}"  # a key left out takes its default: the entry itself is the place
        return ""

    def _resolve(self, location: tuple[str | int, ...]) -> tuple[int | None, bool]:
        """(line of the deepest part written, whether every part is written)."""
        indexed: list[str | int] = []
        node = self._document
        for key in location:
            if isinstance(node, CommentedSeq) and isinstance(key, str):
                found = next(
                    (i for i, item in enumerate(node) if isinstance(item, CommentedMap) and item.get("id") == key), None
                )
                if found is None:
                    break
                key = found
            child = _child(node, key)
            if child is None:
                break
            indexed.append(key)
            node = child
        line = line_of(self._document, indexed) if indexed else None
        return line, len(indexed) == len(location)

    def _scenario_line(self, requirement: Requirement) -> tuple[Path, int] | None:
        """The entry of the last scenario that sets this requirement; scenarios apply in order."""
        for path, document in reversed(self._scenarios):
            for section, owner_key in SCENARIO_ENTRIES.get(requirement.kind, ()):
                entries = document.get(section) if isinstance(document, CommentedMap) else None
                if not isinstance(entries, CommentedSeq):
                    continue
                for index, entry in enumerate(entries):
                    if isinstance(entry, CommentedMap) and _sets(entry, owner_key, section, requirement):
                        return path, entries.lc.item(index)[0] + 1
        return None


def _sets(entry: CommentedMap, owner_key: str, section: str, requirement: Requirement) -> bool:
    """Whether a scenario entry writes this requirement: a pin entry names its occurrence (default 1)."""
    if entry.get(owner_key) != requirement.owner:
        return False
    if section == "pin":
        return entry.get("occurrence", 1) == int(requirement.detail) + 1
    return True


def _child(node: Any, key: str | int) -> Any:
    if isinstance(node, CommentedMap):
        return node.get(key)
    if isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None

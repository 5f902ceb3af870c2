"""Where each requirement is written: file and line, for explanations, kept from parsing.

Validation errors get their lines while loading (models.loader); explanations of an
infeasible plan need them later, for parts located by id rather than by list index, because
a scenario may have added or removed items since the file was read. A requirement a scenario
added (a closure, a pin, a new talk) is found in that scenario's file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

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
    "allowed-rooms": (ADDED_TALK,),
    "allowed-times": (ADDED_TALK,),
    "not-before": (ADDED_TALK,),
    "not-after": (ADDED_TALK,),
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


class LineFinder(Protocol):
    """Anything that finds the line an item of the instance is written on: `line("talks", "e6210")`,
    and where a requirement is written: `where(Requirement("pin", "e6210", 0))`."""

    def line(self, *location: str | int) -> int | None: ...

    def where(self, requirement: Requirement) -> str: ...


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

    def line(self, *location: str | int) -> int | None:
        """The line of an item named by ids (`"talks", "e6210"`) or indices, when the file has it."""
        line, complete = self._resolve(location)
        return line if complete else None

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


class ItemLines:
    """The line of each item of the instance's lists (talks, speakers, rooms, ...) by its id.

    Read with the C parser, which keeps every node's position: 0.2 s for 600 talks where the
    round-trip reading of `SourceLines` takes seconds. Enough for messages that point at whole
    items, such as the counting prechecks before a solve.
    """

    def __init__(self, lines: dict[tuple[str, str], int], scenarios: SourceLines | None = None) -> None:
        self._lines = lines
        self._scenarios = scenarios

    @classmethod
    def read(cls, path: Path | str, scenario_paths: tuple[Path, ...] = ()) -> ItemLines:
        """A file that cannot be read again simply has no lines. With scenarios, what they write
        (a pin, a closure) is found in them the careful way, as `SourceLines` does."""
        scenarios = SourceLines.read(path, scenario_paths) if scenario_paths else None
        try:
            document = YAML(typ="safe", pure=False).compose(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, YAMLError):
            return cls({}, scenarios)
        lines: dict[tuple[str, str], int] = {}
        for key, section in document.value if isinstance(document, MappingNode) else ():
            for item in section.value if isinstance(section, SequenceNode) else ():
                for field, value in item.value if isinstance(item, MappingNode) else ():
                    if field.value == "id" and isinstance(value, ScalarNode):
                        lines.setdefault((key.value, value.value), item.start_mark.line + 1)
        return cls(lines, scenarios)

    def line(self, *location: str | int) -> int | None:
        """The line of `(section, id)`, as `SourceLines.line` takes it."""
        return self._lines.get((str(location[0]), str(location[1]))) if len(location) == 2 else None

    def where(self, requirement: Requirement) -> str:
        """Where a requirement is written: in a scenario when one sets it, else at its item's line."""
        if self._scenarios is not None and (found := self._scenarios.where(requirement)):
            return found
        line = self.line(*location_of(requirement)[:2])
        return f"line {line}" if line else ""

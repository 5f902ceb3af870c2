"""Read an instance YAML file into an `Instance`, or fail with every problem pinned to its line.

ruamel.yaml keeps the line of every key and list item while parsing; we keep the parsed
document next to the validation so a pydantic error location such as
`('talks', 3, 'speakers', 0)` turns into "line 88, talks[3] (id real-you).speakers[0]".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, ScalarEvent

from .errors import InputError, Problem
from .input_files import YAML_MAX_BYTES, read_input_text
from .instance import Instance
from .json_text import LONGEST_NUMBER, MAX_NESTING
from .semantics import find_semantic_problems
from .wish_file import read_wishes

Location = Sequence[str | int]
M = TypeVar("M", bound=BaseModel)

_WHOLE_NUMBER = re.compile(r"[-+]?[0-9_]+")


def load_instance(path: Path | str, wishes: Path | str | None = None) -> Instance:
    """The instance, with the attendees' wishes of `wishes` or else of the file its `wishes:` key
    names (relative to the instance file)."""
    path = Path(path)
    instance = parse_instance(read_yaml_text(path, "an instance YAML file"), path)
    if wishes is None and instance.wishes is not None:
        wishes = path.parent / instance.wishes
        if not wishes.exists():
            text = read_yaml_text(path, "an instance YAML file")
            line = next((n for n, written in enumerate(text.splitlines(), 1) if written.startswith("wishes:")), None)
            message = f"names '{instance.wishes}', but there is no such file beside the instance ({wishes})"
            raise InputError(path, [Problem("wishes", message, line)])
    if wishes is None:
        return instance
    return instance.model_copy(update={"attendee_wishes": read_wishes(wishes, instance)})


def read_yaml_text(path: Path, kind: str) -> str:
    """The file's text, or an InputError saying why it cannot be read; `kind` names what was expected."""
    return read_input_text(path, kind, YAML_MAX_BYTES)


def parse_instance(text: str, path: Path | str = "<instance>") -> Instance:
    refuse_what_parsers_cannot_take(text, path)
    quick = _quick_instance(text)
    if quick is not None:
        return quick
    document = parse_yaml(text, path)
    if not isinstance(document, CommentedMap):
        raise InputError(path, [Problem("file", "expected a mapping with conference, days, rooms, talks, ...")])
    instance = validate_document(Instance, document, path)
    problems = [
        Problem(describe_field(document, location), message, line_of(document, location))
        for location, message in find_semantic_problems(instance)
    ]
    if problems:
        raise InputError(path, sorted(problems, key=lambda p: p.line or 0))
    return instance


def _quick_instance(text: str) -> Instance | None:
    """The instance, when the file has no problem at all; None otherwise.

    Round-trip parsing keeps every line for the error messages but is slow in pure Python (1.4 s
    for FOSDEM's 943 talks against 0.2 s with the C parser, measured here). Most files are right,
    so they are read the quick way, with the same YAML 1.2 rules; a file with any problem is read
    again the careful way, which finds the same problem and says where it is.
    """
    try:
        instance = Instance.model_validate(YAML(typ="safe", pure=False).load(text))
    except (YAMLError, ValidationError, ValueError, TypeError):
        return None
    return None if find_semantic_problems(instance) else instance


def refuse_what_parsers_cannot_take(text: str, path: Path | str) -> None:
    """Refuse, at its line, what would crash the parsers instead of failing in them: lists nested
    thousands deep (the C loader builds documents by recursion and overflows its stack: a
    segmentation fault) and whole numbers of thousands of digits (Python will not convert them).

    Reads the C parser's events, which come from a loop, not a recursion, and stops at the first
    offence. A syntax error is left to the loaders, which report it at its line.
    """
    depth = 0
    try:
        for event in YAML(typ="safe", pure=False).parse(text):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    message = f"lists and mappings are nested more than {MAX_NESTING} deep here; an instance needs 5"
                    raise InputError(path, [Problem("YAML nesting", message, line)])
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif (
                isinstance(event, ScalarEvent)
                and not event.style
                and len(event.value) > LONGEST_NUMBER
                and _WHOLE_NUMBER.fullmatch(event.value)
            ):
                message = f"a number {len(event.value):,} digits long; no count or price here needs more than 7"
                raise InputError(path, [Problem("number", message, line)])
    except YAMLError:
        return


class _DatesAsText(RoundTripConstructor):
    """Leaves dates as text for pydantic to parse, so 2025-02-30 is a field error with a line,
    not an exception from deep inside the YAML parser."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def validate_document(model: type[M], document: CommentedMap, path: Path | str) -> M:
    """The document as `model`, or an InputError with every shape problem at its line and field."""
    try:
        return model.model_validate(document)
    except ValidationError as error:
        problems = [_problem_from_pydantic(document, item) for item in _without_echoes(error.errors())]
        raise InputError(path, sorted(problems, key=lambda p: p.line or 0)) from None


def _without_echoes(errors: list[Any]) -> list[Any]:
    """A list whose items all failed is also reported "too short": the items' own errors say it all."""
    locations = [tuple(e["loc"]) for e in errors]

    def echoes_an_item(error: Any) -> bool:
        where = tuple(error["loc"])
        return error["type"] == "too_short" and any(
            len(other) > len(where) and other[: len(where)] == where for other in locations
        )

    return [error for error in errors if not echoes_an_item(error)]


def parse_yaml(text: str, path: Path | str) -> Any:
    """The round-trip document (it keeps every line), or an InputError at the syntax error's line."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    try:
        return yaml.load(text)
    except RecursionError:  # nesting that `refuse_what_parsers_cannot_take` did not see: its syntax error came first
        raise InputError(path, [Problem("YAML nesting", "lists and mappings are nested too deep to read")]) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or error.context or "not valid YAML"
        # ruamel quotes both whole values of a duplicate key, which can be the entire talks list.
        reason = reason.split(" with value ")[0]
        raise InputError(path, [Problem("YAML syntax", reason, line)]) from None
    except YAMLError as error:
        raise InputError(path, [Problem("YAML syntax", str(error))]) from None


# Pydantic's wording for the mistakes planners make most, in a planner's words.
PLAIN_MESSAGES = {
    "extra_forbidden": "unknown key (check its spelling; unknown keys are never ignored)",
    "missing": "is required",
    "tuple_type": "expected a list: [a, b] on one line, or one '- item' per line",
    "model_type": "expected a mapping of keys and values",
    "model_attributes_type": "expected a mapping of keys and values",
    "string_pattern_mismatch": "an id uses letters, digits, '-', '_' and '.', and starts with a letter or digit",
    "int_type": "expected a whole number",
    "bool_type": "expected true or false",
}


def _problem_from_pydantic(document: CommentedMap, error: Any) -> Problem:
    location: tuple[str | int, ...] = tuple(error["loc"])
    if error["type"] == "string_too_long":
        message = f"is {len(error['input']):,} characters long; at most {error['ctx']['max_length']:,} fit here"
    elif error["type"] in PLAIN_MESSAGES:
        message = PLAIN_MESSAGES[error["type"]]
        if error["type"] not in ("extra_forbidden", "missing", "model_type", "model_attributes_type"):
            message += _found(error.get("input"))
    else:
        message = error["msg"].removeprefix("Value error, ")
        if not message.startswith("'"):
            message += _found(error.get("input"))
    return Problem(describe_field(document, location), message, line_of(document, location))


def _found(value: object) -> str:
    """The offending value, when it is short enough to quote on the error's line."""
    if isinstance(value, (str, int, float)) and len(repr(value)) <= 60:
        return f" (found {value!r})"
    return ""


def _walk(document: Any, location: Location) -> list[tuple[Any, str | int]]:
    """The (container, key) pairs along a location, as far as the document has them."""
    steps = []
    node = document
    for key in location:
        if (isinstance(node, CommentedMap) and key in node) or (
            isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node)
        ):
            steps.append((node, key))
            node = node[key]
        else:
            break
    return steps


def written_part(document: Any, location: Location) -> tuple[str | int, ...]:
    """The longest start of `location` that the document actually contains."""
    return tuple(key for _, key in _walk(document, location))


def line_of(document: Any, location: Location) -> int | None:
    """1-based line of the deepest part of `location` present in the document."""
    steps = _walk(document, location)
    if not steps:
        return None
    container, key = steps[-1]
    if isinstance(container, CommentedSeq):
        return container.lc.item(key)[0] + 1
    return container.lc.key(key)[0] + 1


def describe_field(document: Any, location: Location) -> str:
    """`talks[3] (id real-you).speakers[0]`: indices as written, plus the id of any item on the way."""
    text = ""
    node = document
    for key in location:
        if isinstance(key, int):
            text += f"[{key}]"
            node = node[key] if isinstance(node, CommentedSeq) and 0 <= key < len(node) else None
            if isinstance(node, CommentedMap) and isinstance(node.get("id"), str):
                text += f" (id {node['id']})"
        else:
            text += f".{key}" if text else str(key)
            node = node.get(key) if isinstance(node, CommentedMap) else None
    return text or "file"

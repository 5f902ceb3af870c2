"""Hostile inputs, one row each: what a careless tool, a broken export or an attacker hands
`amj-solve`, and what must come of it.

Every case writes its file into an empty folder and names the command line to run on it. The
expectation is always the same shape: the exit code, a fragment of the one-screen message, and
nothing written. Cases that could crash the interpreter itself (a C parser's recursion) or hang
(a pipe, a device) run in a real process with a timeout, so a regression fails the test instead
of killing or stalling the suite.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SMALL = Path(__file__).resolve().parents[1] / "instances" / "small.yaml"
SMALL_GRID = """day,start,end,slot,room,kind,session_id,title,speakers,audience,occurrence
2025-06-12,10:00,11:00,Session I,Modular I,talk,real-you,The Real You,Charlie Peacock,Cornerstone and Crossroads Girls,1
2025-06-12,10:00,11:00,Session I,Nicholson Hall,talk,many-sides,The Many Sides of a Songwriter,Sara Groves,,1
2025-06-12,11:15,12:15,Session II,Nicholson Hall,talk,many-sides,The Many Sides of a Songwriter,Sara Groves,,2
"""
PRETALX = Path(__file__).resolve().parents[1] / "data" / "pretalx-small.schedule.json"
MEBIBYTE = 1024 * 1024

Maker = Callable[[Path], Path]
"""Writes the hostile file into a folder and returns its path."""


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Maker
    args: tuple[str, ...]
    """The command line; FILE stands for the hostile file, SMALL for the valid small instance."""
    exit_code: int
    says: str
    """A fragment of the message, whitespace runs as single spaces."""
    in_process: bool = True
    """False: run the installed command in a subprocess (could crash or hang the interpreter)."""


def made(name: str, create: Callable[[Path], object]) -> Maker:
    """A maker that creates `name` in the folder with `create(path)`."""

    def make(folder: Path) -> Path:
        path = folder / name
        create(path)
        return path

    return make


def text(name: str, content: str) -> Maker:
    return made(name, lambda path: path.write_text(content, encoding="utf-8"))


def raw(name: str, content: bytes) -> Maker:
    return made(name, lambda path: path.write_bytes(content))


def small_with(old: str, new: str) -> Maker:
    """The small valid instance with one text replaced (it must occur once)."""
    base = SMALL.read_text(encoding="utf-8")
    assert base.count(old) == 1, old
    return text("hostile.yaml", base.replace(old, new))


def grid_with(old: str, new: str) -> Maker:
    assert SMALL_GRID.count(old) == 1, old
    return text("hostile.csv", SMALL_GRID.replace(old, new))


def sparse(name: str, size: int) -> Maker:
    """A file of `size` zero bytes that takes no disk: the file system stores the hole."""

    def hole(path: Path) -> None:
        path.touch()
        os.truncate(path, size)

    return made(name, hole)


def named_pipe(name: str) -> Maker:
    return made(name, os.mkfifo)


def link_to(target: str, name: str) -> Maker:
    return made(name, lambda path: path.symlink_to(target))


def pretalx_with(old: str, new: str) -> Maker:
    base = PRETALX.read_text(encoding="utf-8")
    assert base.count(old) >= 1, old
    return text("hostile.json", base.replace(old, new, 1))


SOLVE = ("solve", "FILE", "--out", "out")
SCENARIO = ("solve", "SMALL", "--scenario", "FILE", "--out", "out")
CHECK = ("check", "SMALL", "FILE")
KEEP = ("solve", "SMALL", "--keep", "FILE", "--out", "out")
COMPARE_GRID = ("compare", "SMALL", "--grid", "FILE", "--out", "out")
IMPORT = ("import", "FILE", "--out", "out/imported.yaml")

DEEP_FLOW = "[" * 50_000 + "1" + "]" * 50_000
BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)
XML_HEAD = '<?xml version="1.0"?>\n'

INSTANCE_CASES = (
    Hostile(
        "capacity nested 300 deep",
        small_with("capacity: 120", "capacity: " + "[" * 300 + "1" + "]" * 300),
        SOLVE,
        2,
        "nested more than 50 deep",
    ),
    Hostile(
        "capacity nested 50,000 deep",
        small_with("capacity: 120", "capacity: " + DEEP_FLOW),
        SOLVE,
        2,
        "nested more than 50 deep",
        in_process=False,
    ),
    Hostile(
        "mappings nested 50,000 deep",
        small_with("capacity: 120", "capacity: " + "{a: " * 50_000 + "1" + "}" * 50_000),
        SOLVE,
        2,
        "nested more than 50 deep",
        in_process=False,
    ),
    Hostile(
        "block lists nested 50,000 deep",
        text("hostile.yaml", "- " * 50_000 + "x\n"),
        SOLVE,
        2,
        "nested more than 50 deep",
        in_process=False,
    ),
    Hostile(
        "a 5,000-digit capacity",
        small_with("capacity: 120", "capacity: " + "1" * 5000),
        SOLVE,
        2,
        "a number 5,000 digits long",
    ),
    Hostile(
        "a 5,000-digit negative capacity",
        small_with("capacity: 120", "capacity: -" + "9" * 5000),
        SOLVE,
        2,
        "digits long",
    ),
    Hostile("a capacity of 1e400", small_with("capacity: 120", "capacity: 1e400"), SOLVE, 2, "expected a whole number"),
    Hostile("a capacity of .nan", small_with("capacity: 120", "capacity: .nan"), SOLVE, 2, "expected a whole number"),
    Hostile(
        "/dev/zero as the instance",
        lambda folder: Path("/dev/zero"),
        SOLVE,
        2,
        "is not a regular file",
        in_process=False,
    ),
    Hostile(
        "a named pipe as the instance", named_pipe("hostile.yaml"), SOLVE, 2, "is not a regular file", in_process=False
    ),
    Hostile(
        "a link to /dev/zero as the instance",
        link_to("/dev/zero", "hostile.yaml"),
        SOLVE,
        2,
        "is not a regular file",
        in_process=False,
    ),
    Hostile("a 5 MiB instance", sparse("hostile.yaml", 5 * MEBIBYTE), SOLVE, 2, "is larger than 2 MiB"),
    Hostile("1.5 MB on one line", text("hostile.yaml", "a" * 1_500_000), SOLVE, 2, "expected a mapping"),
    Hostile("binary bytes", raw("hostile.yaml", bytes(range(256)) * 4), SOLVE, 2, "is not UTF-8 text"),
    Hostile("an empty file", text("hostile.yaml", ""), SOLVE, 2, "expected a mapping"),
    Hostile("a list, not a mapping", text("hostile.yaml", "- conference\n- talks\n"), SOLVE, 2, "expected a mapping"),
    Hostile("an alias bomb", text("hostile.yaml", BILLION_LAUGHS), SOLVE, 2, "problem"),
    Hostile(
        "a python object tag",
        text("hostile.yaml", "conference: !!python/object/apply:os.system [echo pwned]\n"),
        SOLVE,
        2,
        "problem",
    ),
    Hostile(
        "ESC sequences in a room name",
        small_with("name: Nicholson Hall", 'name: "\\e]0;pwned\\a\\e[2JHall"'),
        SOLVE,
        2,
        "rooms[0] (id nicholson-hall).name: contains a control character (U+001B",
    ),
    Hostile(
        "a NUL in a speaker's name",
        small_with("name: Sara Groves", 'name: "Sara\\0Groves"'),
        SOLVE,
        2,
        "contains a control character (U+0000",
    ),
    Hostile(
        "a C1 control in a title", small_with("title: The Real You", 'title: "The Real \\x9bYou"'), SOLVE, 2, "U+009B"
    ),
    Hostile("DEL in a slot label", small_with("label: Session I\n", 'label: "Session\\x7fI"\n'), SOLVE, 2, "U+007F"),
    Hostile(
        "a right-to-left override in a title",
        small_with("title: The Real You", 'title: "The Real \\u202eYou"'),
        SOLVE,
        2,
        "RIGHT-TO-LEFT OVERRIDE",
    ),
    Hostile(
        "a line separator in a venue",
        small_with("venue: Test Church", 'venue: "Test\\u2028Church"'),
        SOLVE,
        2,
        "LINE SEPARATOR",
    ),
    Hostile(
        "a line break inside a title",
        small_with("title: The Real You", 'title: "The Real\\nYou"'),
        SOLVE,
        2,
        "contains a line break",
    ),
    Hostile(
        "a 200,000-character title",
        small_with("title: The Real You", "title: " + "x" * 200_000),
        SOLVE,
        2,
        "is 200,000 characters long; at most 500 fit here",
    ),
    Hostile(
        "Arabic-Indic digits as a time",
        small_with('start: "10:00"', 'start: "١٠:٠٠"'),
        SOLVE,
        2,
        "is not a 24-hour time",
    ),
    Hostile(
        "breakout: yes",
        small_with("breakout: false", "breakout: yes"),
        SOLVE,
        2,
        "expected true or false (found 'yes')",
    ),
    Hostile(
        "no talks",
        text("hostile.yaml", SMALL.read_text(encoding="utf-8").split("\ntalks:")[0] + "\ntalks: []\n"),
        SOLVE,
        2,
        "talks: no talks are left to place",
    ),
    Hostile(
        "rooms whose names differ in case and spacing",
        small_with("name: Modular I\n", "name: nicholson   HALL\n"),
        SOLVE,
        2,
        "read the same in a grid CSV",
    ),
    Hostile(
        "a room named as another room's id",
        small_with("name: Modular I\n", "name: Nicholson-Hall\n"),
        SOLVE,
        2,
        "rooms[0]'s id 'nicholson-hall'",
    ),
    Hostile("a folder as the instance", lambda folder: folder, SOLVE, 2, "is a folder, not an instance YAML file"),
    Hostile(
        "2,000 talks by speakers no one declared",
        text(
            "hostile.yaml",
            SMALL.read_text(encoding="utf-8")
            + "".join(f"  - {{id: t{n}, title: T{n}, speakers: [nobody-{n}]}}\n" for n in range(2000)),
        ),
        SOLVE,
        2,
        "... and 1988 more; fix these first.",
    ),
)

SCENARIO_CASES = (
    Hostile(
        "a scenario nested 50,000 deep",
        text("hostile.yaml", "scenario: x\nclose_rooms: " + DEEP_FLOW),
        SCENARIO,
        2,
        "nested more than 50 deep",
        in_process=False,
    ),
    Hostile(
        "a scenario with a 5,000-digit capacity",
        text("hostile.yaml", "scenario: x\nset_capacity:\n  - {room: modular-i, capacity: " + "7" * 5000 + "}\n"),
        SCENARIO,
        2,
        "digits long",
    ),
    Hostile("ESC in a scenario's name", text("hostile.yaml", 'scenario: "\\e[2Jgone"\n'), SCENARIO, 2, "U+001B"),
    Hostile(
        "a bidi override in a closure's reason",
        text("hostile.yaml", 'scenario: x\nclose_rooms:\n  - {room: modular-i, reason: "a\\u2066b"}\n'),
        SCENARIO,
        2,
        "U+2066",
    ),
    Hostile(
        "/dev/zero as a scenario",
        lambda folder: Path("/dev/zero"),
        SCENARIO,
        2,
        "is not a regular file",
        in_process=False,
    ),
    Hostile(
        "a named pipe as a scenario", named_pipe("hostile.yaml"), SCENARIO, 2, "is not a regular file", in_process=False
    ),
    Hostile("a 5 MiB scenario", sparse("hostile.yaml", 5 * MEBIBYTE), SCENARIO, 2, "is larger than 2 MiB"),
    Hostile(
        "a scenario that removes every talk",
        text("hostile.yaml", "scenario: x\nremove_talks:\n  - {talk: many-sides}\n  - {talk: real-you}\n"),
        SCENARIO,
        2,
        "no talks are left to place",
    ),
)

GRID_READERS = {"check": CHECK, "solve --keep": KEEP, "compare --grid": COMPARE_GRID}
GRID_CASES = tuple(
    Hostile(f"{name} ({reader})", make, args, 2, says, in_process)
    for reader, args in GRID_READERS.items()
    for name, make, says, in_process in (
        ("/dev/zero as a grid", lambda folder: Path("/dev/zero"), "is not a regular file", False),
        ("a named pipe as a grid", named_pipe("hostile.csv"), "is not a regular file", False),
        ("a 17 MiB grid", sparse("hostile.csv", 17 * MEBIBYTE), "is larger than 16 MiB", True),
        ("a NUL in a room cell", grid_with("Modular I,talk", "Modular\x00I,talk"), "U+0000", True),
        ("ESC in a session id", grid_with(",real-you,", ",real\x1b[2J-you,"), "U+001B", True),
        (
            "a 200,000-character room cell",
            grid_with("Modular I,talk", "M" * 200_000 + ",talk"),
            "more characters",
            True,
        ),
        (
            "a formula as the room",
            grid_with("Modular I,talk", '"=HYPERLINK(""http://x"",""y"")",talk'),
            "no room is named '=HYPERLINK",
            True,
        ),
        ("binary bytes", raw("hostile.csv", bytes(range(256)) * 4), "is not UTF-8 text", True),
        ("a quoted cell never closed", grid_with("Modular I,talk", '"Modular I,talk'), "is never closed", True),
    )
)

UNKNOWN_TALKS = "".join(f"2025-06-12,10:00,11:00,Session I,Modular I,talk,nobody-{n},x,y,,1\n" for n in range(100_000))
GRID_CASES += tuple(
    Hostile(
        f"100,000 rows of unknown talks ({reader})",
        text("hostile.csv", SMALL_GRID + UNKNOWN_TALKS),
        GRID_READERS[reader],
        2,
        "... and 99988 more; fix these first.",
    )
    for reader in ("check", "compare --grid")  # --keep sets rows of talks no longer there aside, by design
)

IMPORT_CASES = (
    Hostile(
        "JSON nested 100,000 deep",
        text("hostile.json", '{"schedule": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        IMPORT,
        2,
        "nested more than 50 deep",
    ),
    Hostile(
        "a 5,000-digit number in JSON",
        text("hostile.json", '{"x": ' + "9" * 5000 + ', "schedule": {}}'),
        IMPORT,
        2,
        "a number 5,000 digits long",
    ),
    Hostile("an event id of 1e308", pretalx_with('"id": 101', '"id": 1e308'), IMPORT, 2, "1e+308 is not an event id"),
    Hostile("an event id of NaN", pretalx_with('"id": 101', '"id": NaN'), IMPORT, 2, "NaN is not an event id"),
    Hostile("ESC in a JSON title", pretalx_with('"title": "', '"title": "\\u001b]0;pwned\\u0007'), IMPORT, 2, "U+001B"),
    Hostile(
        "a bidi override in a JSON speaker",
        pretalx_with('"name": "Ivy Chen"', '"name": "\\u202eIvy Chen"'),
        IMPORT,
        2,
        "RIGHT-TO-LEFT OVERRIDE",
    ),
    Hostile(
        "XML nested 100,000 deep",
        text("hostile.xml", XML_HEAD + "<schedule>" + "<a>" * 100_000 + "</a>" * 100_000 + "</schedule>"),
        IMPORT,
        2,
        "<conference>: is missing",
    ),
    Hostile(
        "an XML entity bomb",
        text(
            "hostile.xml",
            XML_HEAD + '<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><schedule>&b;</schedule>',
        ),
        IMPORT,
        2,
        "declares an entity",
    ),
    Hostile(
        "an XML external entity",
        text(
            "hostile.xml", XML_HEAD + '<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><schedule>&x;</schedule>'
        ),
        IMPORT,
        2,
        "declares an entity",
    ),
    Hostile(
        "a C1 control in an XML title",
        text(
            "hostile.xml",
            XML_HEAD
            + "<schedule><conference><title>a\u009bb</title></conference><day date='2025-02-01'><room name='R'><event id='1'><title>t</title><duration>00:30</duration><start>10:00</start></event></room></day></schedule>",
        ),
        IMPORT,
        2,
        "U+009B",
    ),
    Hostile(
        "/dev/zero as a schedule",
        lambda folder: Path("/dev/zero"),
        IMPORT,
        2,
        "is not a regular file",
        in_process=False,
    ),
    Hostile(
        "a named pipe as a schedule", named_pipe("hostile.json"), IMPORT, 2, "is not a regular file", in_process=False
    ),
    Hostile("a 33 MiB schedule", sparse("hostile.xml", 33 * MEBIBYTE), IMPORT, 2, "is larger than 32 MiB"),
    Hostile(
        "binary bytes as a schedule", raw("hostile.json", b"{" + bytes(range(256)) * 4), IMPORT, 2, "is not UTF-8 text"
    ),
)

CASES = INSTANCE_CASES + SCENARIO_CASES + GRID_CASES + IMPORT_CASES

"""`amj-solve import SCHEDULE`: a published frab/pentabarf XML or pretalx/frab JSON program as
an instance YAML file, and the placement it published as a grid CSV beside it.

Both files are written together or not at all, and only once the YAML has been read back
through the same loader `amj-solve` uses and the grid drawn from it: an import that would not
load is never left on disk.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .cli_common import (
    EXIT_CHECKER_REJECTED,
    exit_when_unwritable,
    exit_with_input_error,
    folder_usable_or_exit,
    terminal,
)
from .importers import Conversion, ImportFacts, convert, instance_yaml, read_schedule
from .importers.ids import slugify
from .models import InputError, Instance, Problem, parse_instance
from .models.input_files import GRID_MAX_BYTES, MEBIBYTE, YAML_MAX_BYTES
from .models.names import visible
from .reports.atomic import write_all_atomically
from .reports.csv_report import grid_csv_text
from .reports.grid import grid_frame


@click.command("import", short_help="Import a published frab/pentabarf XML or pretalx JSON schedule.")
@click.argument("schedule_path", metavar="SCHEDULE", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The instance YAML to write [default: beside SCHEDULE, named from the conference acronym]. "
    "The published grid goes beside it as NAME-published.csv.",
)
def import_command(schedule_path: Path, out_path: Path | None) -> None:
    """Import SCHEDULE.xml (frab, pentabarf, FOSDEM) or SCHEDULE.json (pretalx, frab).

    Writes the instance (breakout windows, rooms with the hours they were used, tracks, talks
    pinned to their published day) with every assumption listed at its top, and the published
    placement as a grid CSV that `amj-solve check` and `compare` read.
    """
    out = terminal()
    err = terminal(stderr=True)
    try:
        conversion = convert(read_schedule(schedule_path), str(schedule_path))
    except InputError as error:
        exit_with_input_error(error, err)
    target = out_path or schedule_path.parent / f"{_stem(conversion, schedule_path)}.yaml"
    published = target.with_name(f"{target.stem}-published.csv")
    yaml_text = instance_yaml(conversion, published.name)
    instance = _reloaded_or_exit(yaml_text, target, err)
    csv_text = grid_csv_text(grid_frame(instance, conversion.schedule))
    _readable_back_or_exit(schedule_path, yaml_text, csv_text, err)
    folder_usable_or_exit(target.parent, err, (target.name, published.name))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        written = write_all_atomically({target: yaml_text, published: csv_text})
    except OSError as error:
        exit_when_unwritable(target.parent, error, err)
    render_import_summary(out, conversion, schedule_path)
    for path in written:
        out.print(f"wrote {visible(str(path))}", soft_wrap=True)


def _stem(conversion: Conversion, schedule_path: Path) -> str:
    """`fosdem-2025` from the acronym; else the file's name up to its first dot."""
    acronym = slugify(conversion.source.acronym, "")
    return acronym or slugify(schedule_path.name.split(".")[0], "imported")


def _readable_back_or_exit(schedule_path: Path, yaml_text: str, csv_text: str, err: Console) -> None:
    """What `amj-solve` would refuse to read, the import does not write: a schedule of a hundred
    thousand events makes an instance larger than an instance may be."""
    too_large = [
        f"would give {kind} of {len(text.encode()) / MEBIBYTE:.1f} MiB, more than the {limit // MEBIBYTE} MiB "
        "amj-solve reads; import a part of the program (fewer days or tracks)"
        for kind, text, limit in (
            ("an instance", yaml_text, YAML_MAX_BYTES),
            ("a published grid", csv_text, GRID_MAX_BYTES),
        )
        if len(text.encode()) > limit
    ]
    if too_large:
        exit_with_input_error(InputError(schedule_path, [Problem("file", message) for message in too_large]), err)


def _reloaded_or_exit(yaml_text: str, target: Path, err: Console) -> Instance:
    """The instance as `amj-solve` will load it. An import it cannot load is a bug, not bad input."""
    try:
        return parse_instance(yaml_text, target)
    except InputError as error:
        err.print(Text("Internal error: the imported instance does not load.", style="bold red"))
        err.print(
            "This is a bug in AMJ Scheduler's importer; please report it with the schedule file. Nothing was written."
        )
        err.print(error.render(), soft_wrap=True)
        sys.exit(EXIT_CHECKER_REJECTED)


def render_import_summary(console: Console, conversion: Conversion, schedule_path: Path) -> None:
    facts: ImportFacts = conversion.facts
    console.print(
        Text.assemble(
            (f"Imported {conversion.instance.conference.name}", "bold"), f" from {visible(str(schedule_path))}"
        ),
        soft_wrap=True,
    )
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right")
    table.add_column()
    rows = (
        ("days", str(facts.days)),
        (
            "rooms",
            f"{facts.rooms}"
            + (f" ({facts.rooms_left_out} more declared but unused, left out)" if facts.rooms_left_out else ""),
        ),
        ("tracks", str(facts.tracks)),
        ("talks", f"{facts.talks} from {facts.events} events"),
        (
            "speakers",
            f"{facts.speakers}"
            + (
                f" ({facts.placeholders} made up: track organisers for events that name no speaker)"
                if facts.placeholders
                else ""
            ),
        ),
        ("repeated talks", f"{facts.repeated} (given more than once)"),
        ("children only", f"{facts.restricted} talks"),
        ("assumptions", f"{facts.assumptions}, listed at the top of the YAML"),
    )
    for label, value in rows:
        table.add_row(label, Text(value))
    console.print(table)
    if facts.double_bookings:
        console.print(
            Text.assemble(("The published program breaks a hard rule", "bold yellow"), " (amj-solve check reports it):")
        )
        for line in facts.double_bookings:
            console.print(Text(f"  - {line}"), soft_wrap=True)

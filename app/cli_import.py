"""`amj-solve import`: a published frab/pentabarf XML or pretalx/frab JSON program as
an instance YAML file, and the placement it published as a grid CSV beside it.

Both files are written together or not at all, never over an existing file unless asked
(`--force`), and only once the YAML has been read back through the same loader `amj-solve` uses
and the grid drawn from it: an import that would not load is never left on disk.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .cli_common import (
    EXIT_BAD_INPUT,
    EXIT_CHECKER_REJECTED,
    exit_when_unwritable,
    exit_with_input_error,
    folder_usable_or_exit,
    terminal,
)
from .importers import Conversion, ImportFacts, ImportOptions, KeepRule, convert, instance_yaml, read_schedule
from .importers.ids import slugify
from .models import InputError, Instance, Problem, parse_instance
from .models.input_files import GRID_MAX_BYTES, MEBIBYTE, YAML_MAX_BYTES
from .models.names import visible
from .reports.atomic import write_all_atomically
from .reports.grid_table import grid_rows, grid_rows_csv_text
from .reports.program import program_entries

YAML_SUFFIXES = (".yaml", ".yml")
SHOWN = 3
"""Lines of each list (merges, clashes, ...) the summary prints before pointing at the rest."""


def _keep_rule(_: click.Context, __: click.Parameter, values: tuple[str, ...]) -> tuple[KeepRule, ...]:
    try:
        return tuple(KeepRule.parse(value) for value in values)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.command("import", short_help="Import a published frab/pentabarf XML or pretalx JSON schedule.")
@click.argument("schedule_path", metavar="SCHEDULE", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    help="Where to write: a folder (made if missing), or the instance's file name ending in .yaml "
    "[default: beside SCHEDULE, named from the conference acronym]. The published grid goes beside the "
    "instance as NAME-published.csv.",
)
@click.option("--force", is_flag=True, help="Replace files that already exist (never done otherwise).")
@click.option(
    "--keep-published",
    "keep",
    multiple=True,
    callback=_keep_rule,
    metavar="RULE",
    help="Keep these where they were published (pinned to day, start and room): type:NAME, track:NAME, "
    "room:NAME, or all (repeatable). Ceremonies, keynotes, meals, simulcasts and children's rooms are kept "
    "by default; `none` keeps nothing by default.",
)
@click.option("--verbose", "-v", is_flag=True, help="Print every assumption, merge, split and clash, not only counts.")
def import_command(
    schedule_path: Path, out_path: Path | None, force: bool, keep: tuple[KeepRule, ...], verbose: bool
) -> None:
    """Import SCHEDULE.xml (frab, pentabarf, FOSDEM) or SCHEDULE.json (pretalx, frab).

    Writes the instance (breakout windows, rooms with the hours they were used, tracks, talks
    pinned to their published day, what planners never move pinned where it was) with every
    assumption listed at its top, and the published placement as a grid CSV that
    `amj-solve check` reads. To re-plan moving as few talks as possible, solve the instance with
    `--keep NAME-published.csv` rather than importing with `--keep-published all`.
    """
    out = terminal()
    err = terminal(stderr=True)
    try:
        conversion = convert(read_schedule(schedule_path), str(schedule_path), ImportOptions(keep=keep))
    except InputError as error:
        exit_with_input_error(error, err)
    target = _target(out_path, schedule_path, conversion)
    published = target.with_name(f"{target.stem}-published.csv")
    if not force and (existing := [path for path in (target, published) if path.exists()]):
        names = " and ".join(visible(str(path)) for path in existing)
        err.print(
            Text.assemble(
                (f"{names} already {'exist' if len(existing) > 1 else 'exists'}.", "bold red"),
                " Nothing was written: give another --out, or --force to replace.",
            ),
            soft_wrap=True,
        )
        sys.exit(EXIT_BAD_INPUT)
    yaml_text = instance_yaml(conversion, published.name)
    instance = _reloaded_or_exit(yaml_text, target, err)
    csv_text = grid_rows_csv_text(grid_rows(program_entries(instance, conversion.schedule)))
    _readable_back_or_exit(schedule_path, yaml_text, csv_text, err)
    folder_usable_or_exit(target.parent, err, (target.name, published.name))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        written = write_all_atomically({target: yaml_text, published: csv_text})
    except OSError as error:
        exit_when_unwritable(target.parent, error, err)
    render_import_summary(out, conversion, schedule_path, target, verbose)
    for path in written:
        out.print(f"wrote {visible(str(path))}", soft_wrap=True)


def _target(out_path: Path | None, schedule_path: Path, conversion: Conversion) -> Path:
    """The instance file: `--out` itself when it names a .yaml file, else `<acronym>.yaml` in the
    folder `--out` names (or beside SCHEDULE)."""
    name = f"{_stem(conversion, schedule_path)}.yaml"
    if out_path is None:
        return schedule_path.parent / name
    if out_path.suffix.lower() in YAML_SUFFIXES and not out_path.is_dir():
        return out_path
    return out_path / name


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


def render_import_summary(
    console: Console, conversion: Conversion, schedule_path: Path, target: Path, verbose: bool
) -> None:
    """One screen: counts, what was merged, split, kept, rounded or left out, and where the details are."""
    facts = conversion.facts
    console.print(
        Text.assemble(
            (f"Imported {conversion.instance.conference.name}", "bold"),
            f" from {visible(str(schedule_path))} ({conversion.source.source_format})",
        ),
        soft_wrap=True,
    )
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right")
    table.add_column()
    for label, value in _summary_rows(conversion):
        table.add_row(label, Text(value))
    console.print(table)
    lists = (
        ("merged", facts.merged),
        ("split", facts.split),
        ("left out", facts.left_out),
        ("published clash", facts.clashes),
    )
    for label, lines in lists:
        for line in lines if verbose else lines[:SHOWN]:
            console.print(Text(f"  {label}: {line}"), soft_wrap=True)
        if not verbose and len(lines) > SHOWN:
            console.print(f"  ... {len(lines) - SHOWN} more {label} (in the YAML header; --verbose prints them)")
    if verbose:
        console.print("Assumptions (also at the top of the YAML):")
        for number, assumption in enumerate(conversion.notes.assumptions, start=1):
            console.print(Text(f"  {number:>2}. {assumption}"), soft_wrap=True)
    else:
        console.print(
            f"{facts.assumptions} assumptions and every decision are listed at the top of {visible(str(target))} "
            "and beside each item; --verbose prints them here.",
            soft_wrap=True,
        )


def _summary_rows(conversion: Conversion) -> list[tuple[str, str]]:
    facts = conversion.facts
    days = conversion.instance.days
    rows = [
        ("days", f"{facts.days}, {days[0].date} to {days[-1].date}" if len(days) > 1 else f"1, {days[0].date}"),
        ("time zone", facts.time_zone + (" (assumed from the dates' offsets)" if facts.time_zone_assumed else "")),
        (
            "rooms",
            f"{facts.rooms}, {facts.capacities} with their capacities from the file"
            + (f"; {facts.rooms_left_out} more declared but unused" if facts.rooms_left_out else "")
            + (f"; {len(facts.rooms_folded)} written in several ways, each one room" if facts.rooms_folded else ""),
        ),
        ("tracks", f"{facts.tracks}, {facts.colours} with their colours"),
        ("talks", f"{facts.talks} from {_count(facts.events, 'event', 'events')}" + _talk_details(facts)),
        (
            "speakers",
            f"{facts.speakers}: {_count(len(facts.merged), 'name', 'names')} under several ids merged, "
            f"{_count(len(facts.split), 'id', 'ids')} under several names split; "
            f"{_count(facts.speakerless, 'event names', 'events name')} no speaker",
        ),
    ]
    if facts.kept:
        kept = ", ".join(f"{reason} {count}" for reason, count in sorted(facts.kept.items(), key=lambda kv: -kv[1]))
        rows.append(("kept", f"{sum(facts.kept.values())} pinned where published: {kept}"))
    if facts.rounded or facts.widened:
        rows.append(
            (
                "times",
                f"{_count(facts.rounded, 'event', 'events')} widened to the {conversion.instance.step_minutes}-minute "
                f"grid, {facts.widened} outside their day's declared hours",
            )
        )
    if facts.restricted:
        rows.append(("children only", f"{facts.restricted} talks"))
    rows.append(("left out", _count(len(facts.left_out), "event", "events") if facts.left_out else "nothing"))
    rows.append(
        (
            "published",
            f"{_count(len(facts.clashes), 'clash', 'clashes')} in the published program (amj-solve check lists them)"
            if facts.clashes
            else "no clash in the published program",
        )
    )
    return rows


def _talk_details(facts: ImportFacts) -> str:
    parts = []
    if facts.repeated:
        parts.append(f"{facts.repeated} given more than once")
    if facts.simulcasts:
        parts.append(f"{facts.simulcasts} shown in several rooms at once")
    if facts.containers:
        parts.append(f"{facts.containers} holding {_count(facts.nested, 'talk', 'talks')} published inside them")
    return f": {', '.join(parts)}" if parts else ""


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"

"""`amj-solve serve INSTANCE`: the planner's desk, a local web page over the same library.

The grid opens from `--grid`, else from the out folder's `grid.csv` when a solve wrote one, else
from a solve. The page is served on 127.0.0.1 unless `--host` says otherwise: anyone who can reach
the address can edit and save the grid.
"""

from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path

import click
from rich.console import Console

from .cli_check import read_grid_or_exit
from .cli_common import EXIT_BAD_INPUT, load_or_exit, plan_or_exit, schedule_or_exit, solver_options

LOOPBACK = "127.0.0.1"


@click.command("serve", short_help="The planner's desk: a local web page to look, drag, check and re-plan.")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(path_type=Path))
@click.option(
    "--grid",
    "grid_path",
    type=click.Path(path_type=Path),
    help="The grid.csv to open [default: out/<instance name>/grid.csv when it exists, else the solver's best grid].",
)
@click.option(
    "--save-to",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where Save writes grid.csv; the page can change it [default: out/<instance name>/grid.csv].",
)
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="A scenario offered as a column of comparisons (repeatable) "
    "[default: scenarios/<instance name>-*.yaml beside INSTANCE].",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8017, show_default=True, help="0: any free port.")
@click.option(
    "--host",
    default=LOOPBACK,
    show_default=True,
    help="The address to listen on. Another than 127.0.0.1 lets anyone who reaches it edit and save the grid.",
)
@click.option(
    "--replan-time-limit",
    type=click.FloatRange(min=0.01),
    default=5.0,
    show_default=True,
    help="Seconds for a re-plan from the page: it answers while the planner waits, and says when the fewest "
    "moves are not proven.",
)
@solver_options
def serve_command(
    instance_path: Path,
    grid_path: Path | None,
    save_to: Path | None,
    scenarios: tuple[Path, ...],
    port: int,
    host: str,
    replan_time_limit: float,
    time_limit: float,
    seed: int,
    workers: int,
) -> None:
    """Open INSTANCE on the planner's desk, a web page on this machine: every talk a card to drag (or
    move with the keyboard), each change checked at once by the independent checker with the broken
    rules on the cards; re-plan from an edited grid with the fewest moves, solve with live progress,
    compare alternatives and scenarios, undo and redo, save grid.csv and download the publication.

    --time-limit, --seed and --workers apply to each solve and comparison the page asks for; a re-plan
    gets --replan-time-limit.
    """
    out = Console()
    err = Console(stderr=True)
    instance = load_or_exit(instance_path, err)
    out_grid = Path("out") / instance_path.stem / "grid.csv"
    opened = grid_path or (out_grid if out_grid.is_file() else None)
    if opened is not None:
        schedule = read_grid_or_exit(opened, instance, err).schedule
        label = f"opened {opened}"
    else:
        from .solver import SolveOptions  # here, not above: opening a grid never loads OR-Tools

        with err.status(f"No grid yet: solving {instance.conference.name}..."):
            planned = plan_or_exit(instance, SolveOptions(time_limit=time_limit, seed=seed, workers=workers), err)
        schedule, score = schedule_or_exit(instance_path, instance, planned, time_limit, err)
        label = f"the solver's grid (cost {score.total})"
    listening = _listening_or_exit(host, port, err)

    import uvicorn  # here, not above: the other verbs never load the web server

    from .desk.jobs import Jobs
    from .desk.server import create_app
    from .desk.session import Desk

    offered = scenarios or tuple(sorted((instance_path.parent / "scenarios").glob(f"{instance_path.stem}-*.yaml")))
    desk = Desk(instance, instance_path, save_to or out_grid, offered)
    desk.start(schedule, label)
    bound_port = listening.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    jobs = Jobs(desk, time_limit, replan_time_limit, seed, workers)
    app = create_app(desk, jobs, hosts=_host_names(host, bound_port))
    url = f"http://{shown_host}:{bound_port}/"
    out.print(f"The planner's desk for {instance.conference.name} is at {url}", highlight=False, soft_wrap=True)
    if host == LOOPBACK:
        out.print(f"Listening on {LOOPBACK} only: no other machine can open it. Ctrl-C stops it.", highlight=False)
    else:
        out.print(
            f"[bold]Listening on {host}:[/] anyone who can reach this address can edit and save the grid. "
            "Ctrl-C stops it.",
            soft_wrap=True,
        )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server.run(sockets=[listening])


def _listening_or_exit(host: str, port: int, err: Console) -> socket.socket:
    """The socket bound before the page is announced, so a port in use is one clear line, exit 2."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as error:
        listening.close()
        why = "is in use; choose another with --port" if error.errno == errno.EADDRINUSE else (error.strerror or error)
        err.print(f"[bold red]Cannot listen on {host}:{port}:[/] {why}.", soft_wrap=True)
        sys.exit(EXIT_BAD_INPUT)
    listening.listen()
    return listening


def _host_names(host: str, port: int) -> tuple[str, ...]:
    """The Host headers the desk answers: its own address, and `localhost` when it listens there."""
    names = {host, f"[{host}]" if ":" in host else host}
    if host in (LOOPBACK, "::1", "localhost"):
        names |= {"localhost", LOOPBACK}
    if host in ("0.0.0.0", "::"):
        names.add("*")  # listening everywhere: any name that reaches it was chosen by the planner
    return tuple(sorted(names))

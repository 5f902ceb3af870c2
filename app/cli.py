"""`amj-solve`: a thin command line over the library. It parses, calls, and formats errors.

`amj-solve INSTANCE` is short for `amj-solve solve INSTANCE`, so that further verbs
(compare, check, export) sit beside `solve` without changing how planners call it.
"""

from __future__ import annotations

import importlib

import click

from .entry import ends_on_interrupt, raise_if_interrupted

VERBS = {
    "check": "cli_check:check_command",
    "compare": "cli_compare:compare_command",
    "explain": "cli_explain:explain_command",
    "import": "cli_import:import_command",
    "publish": "cli_publish:publish_command",
    "serve": "cli_serve:serve_command",
    "solve": "cli_solve:solve_command",
}
"""Each verb's module, imported when the verb runs: checking, importing or publishing a grid then
never loads OR-Tools, which takes 0.6 s of every start."""


class DefaultVerbGroup(click.Group):
    """A group whose first argument, when it is not a verb, is taken as `solve`'s instance."""

    default_verb = "solve"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(VERBS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in VERBS:
            return None
        module, command = VERBS[name].split(":")
        found: click.Command = getattr(importlib.import_module(f".{module}", __package__), command)
        raise_if_interrupted()  # a Ctrl-C the import's compiled code swallowed
        return found

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in VERBS and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_verb, *args]
        with ends_on_interrupt():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        """Ctrl-C in any verb: one line and exit 130, never click's "Aborted!" with exit 1."""
        with ends_on_interrupt():
            try:
                return super().invoke(ctx)
            except Exception as error:
                # Imported only here: the checker's models would slow down `--help` and `--version`.
                from .checker.attendees import AttendanceUnsettled

                if not isinstance(error, AttendanceUnsettled):
                    raise
                click.echo(f"Error: {error}", err=True)
                ctx.exit(2)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """`amj-solve --help` also lists the default verb's options, which planners use most."""
        super().format_options(ctx, formatter)
        verb = self.get_command(ctx, self.default_verb)
        assert verb is not None
        options = [param for param in verb.get_params(ctx) if isinstance(param, click.Option) and param.name != "help"]
        records = [record for option in options if (record := option.get_help_record(ctx))]
        with formatter.section(f"Options of '{self.default_verb}' (amj-solve INSTANCE ...)"):
            formatter.write_dl(records)


@click.group(cls=DefaultVerbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="amj-scheduler")
def main() -> None:
    """Place every talk of a conference into a slot and a room, and publish the grid.

    \b
    amj-solve INSTANCE.yaml [options]     same as: amj-solve solve INSTANCE.yaml
    """

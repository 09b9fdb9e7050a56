"""The `localties` command line: one group; the commands live in this package, one module
per area (`articles`, `extract`, `places`, `persons`), thin over `localties.pipeline`."""

from __future__ import annotations

import logging

import click

from localties.errors import StoreUnavailableError
from localties.version import __version__


class _Group(click.Group):
    """The command group; a database that takes no more writes stops a run in one line."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except StoreUnavailableError as exc:
            click.echo(
                f"error: {exc}\nstopped: what was stored before stays whole; run the same "
                "command again once the database can be written",
                err=True,
            )
            ctx.exit(3)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="localties")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Log what each stage skips and why, and failed articles' tracebacks (-vv: details).",
)
def cli(verbose: int) -> None:
    """localties: news about subnational diplomacy, as a traceable record.

    Example:

    \b
        localties ingest articles/ && localties extract --json articles/a.json
    """
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", force=True)
    if verbose < 2:
        logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its own chatter


def _register() -> None:
    from localties.cli import articles, extract, kb, persons, places, profiles, serve, watch

    for module in (articles, places, persons, extract, kb, profiles, serve, watch):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()

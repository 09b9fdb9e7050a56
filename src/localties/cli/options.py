"""What every command shares: `--db`, `--quiet`, opening the store, progress, the pipeline."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from localties.errors import LocaltiesError, StoreError, printable
from localties.pipeline import Pipeline, default_jobs
from localties.store import DB_ENV, DEFAULT_DB, DbUrl, SQLStore, Target, db_target, open_store

F = TypeVar("F", bound=Callable[..., Any])

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]i?b?|b)?\s*$", re.I)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SURROGATES = re.compile(r"[\ud800-\udfff]")


class DatabaseParam(click.ParamType):
    """A SQLite file, or a `postgresql://` URL (kept whole, printed without password)."""

    name = "FILE|URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, DbUrl | Path):
            return value
        text = str(value)
        if _SURROGATES.search(text):
            self.fail(f"{printable(text)!r} is not valid UTF-8 text", param, ctx)
        target = db_target(text)
        if isinstance(target, Path) and target.is_dir():
            self.fail(f"{text!r} is a folder, not a database file", param, ctx)
        return target


def db_option(func: F) -> F:
    """The `--db` option every command takes."""
    option = click.option(
        "--db",
        "db",
        type=DatabaseParam(),
        envvar=DB_ENV,
        default=DEFAULT_DB,
        show_default=True,
        show_envvar=True,
        help="SQLite database file (created if missing), or a postgresql:// URL.",
    )
    return option(func)


def quiet_option(func: F) -> F:
    """The `--quiet` option: no progress bar and no summary, errors only."""
    return click.option("-q", "--quiet", is_flag=True, help="Print errors only.")(func)


def jobs_option(func: F) -> F:
    """The `--jobs` option: extraction worker processes, by default one per core."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(1, 16),
        default=default_jobs,
        show_default="the number of cores",
        help="worker processes that extract (fewer than 100 articles always take one).",
    )(func)


def text_value(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Refuse an argument that is not valid UTF-8 (a surrogate escape) in one line."""
    values = value if isinstance(value, tuple) else (value,)
    for item in values:
        if isinstance(item, str) and _SURROGATES.search(item):
            raise click.BadParameter(f"{printable(item)!r} is not valid UTF-8 text")
    return value


def parse_size(value: str) -> int:
    """Parse a byte count such as `10485760`, `512K` or `10M`."""
    match = _SIZE.match(value)
    if not match:
        raise click.BadParameter(f"{value!r} is not a size such as 2000000, 512K or 10M")
    return int(match.group(1)) * _UNITS[(match.group(2) or "")[:1].lower()]


def open_db(db: Target) -> SQLStore:
    """Open the database, or end the command with its one-line error."""
    try:
        return open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def pipeline(*, prefilter: bool = False) -> Pipeline:
    """The pipeline with the packaged knowledge, or the command's one-line error."""
    try:
        return Pipeline(prefilter=prefilter)
    except LocaltiesError as exc:
        raise click.ClickException(str(exc)) from exc


def stderr() -> Console:
    """A console on standard error, for progress and error lines."""
    return Console(stderr=True, highlight=False)


def progress_bar(console: Console, quiet: bool, *, total: bool) -> Progress:
    """A progress display on stderr (off with --quiet); `total` when the count is known."""
    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    if total:
        columns += [BarColumn(), MofNCompleteColumn()]
    else:
        columns += [TextColumn("{task.completed} done")]
    return Progress(*columns, TimeElapsedColumn(), console=console, disable=quiet, transient=True)

"""Command `serve`: the web app and the REST API over one database."""

from __future__ import annotations

from pathlib import Path

import click

from localties.cli.options import db_option, pipeline, text_value
from localties.store import Target

COMMANDS: list[click.Command] = []


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token", default=None, callback=text_value, envvar="LOCALTIES_TOKEN",
    help="The token writes need (also $LOCALTIES_TOKEN); without one, writes are refused.",
)  # fmt: skip
@click.option(
    "--max-upload", default=10_000_000, show_default=True, type=click.IntRange(1),
    help="Largest upload or posted article, in bytes.",
)  # fmt: skip
@click.option(
    "--allow-private-urls", is_flag=True,
    help="Let the ingest page fetch URLs on private or loopback addresses.",
)  # fmt: skip
def serve(
    db: Target, host: str, port: int, token: str | None, max_upload: int, allow_private_urls: bool
) -> None:
    """Start the dashboard and the REST API (OpenAPI at /openapi.json).

    Pages: overview, tie network, events (filters, search, CSV), locality, person and
    pair profiles, articles with their evidence highlighted, corrections and ingest.
    Writes (ingest, corrections, POST /api/...) need the token; reads are open.

    Example:

    \b
        localties demo --db localties-demo.db
        localties serve --db localties-demo.db --port 8000 --token "$(openssl rand -hex 16)"
    """
    import uvicorn

    from localties.web import WebSettings, create_app

    if isinstance(db, Path) and not db.exists():
        raise click.ClickException(
            f"no database {db}; run `localties demo --db {db}` or ingest first"
        )
    settings = WebSettings.from_env(
        db=db, token=token, max_upload=max_upload, allow_private_urls=allow_private_urls
    )
    app = create_app(settings, pipeline())
    click.echo(f"localties on http://{host}:{port}/ over {db}" + ("" if settings.token else
               " (read-only: no --token)"), err=True)  # fmt: skip
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS.append(serve)

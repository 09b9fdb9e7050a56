"""Commands `consolidate` and `events`: the record of cooperation, one event per event."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from localties.cli.options import db_option, open_db, pipeline, text_value
from localties.store import Target

KINDS = ("meeting", "agreement", "exchange_event", "fact")


@click.command()
@db_option
def consolidate(db: Target) -> None:
    """Rebuild the knowledge base (places and events) from the stored extractions.

    Reports of one real-world meeting, agreement act, exchange event or fact become one
    event listing every report; `extract` does this after every run.

    Example:

    \b
        localties consolidate --db news.db && localties events --db news.db --kind meeting
    """
    run = pipeline()
    with open_db(db) as store:
        events, merges = run.consolidate(store)
    click.echo(f"{events} events ({merges} merges of reports) in {db}")


@click.command()
@db_option
@click.option("--kind", type=click.Choice(KINDS), help="Only events of this kind.")
@click.option(
    "--from", "date_from", metavar="DATE", callback=text_value, help="From (YYYY[-MM[-DD]])."
)
@click.option(
    "--to", "date_to", metavar="DATE", callback=text_value, help="Up to (YYYY[-MM[-DD]])."
)
@click.option("--place", callback=text_value, help="A place code on either side (JP-14, VN).")
@click.option("--person", callback=text_value, help="A person id (kuroiwa-yuji).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
def events(
    db: Target,
    kind: str | None,
    date_from: str | None,
    date_to: str | None,
    place: str | None,
    person: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """List events: meetings, agreement acts, exchange events and facts, by date.

    Every event, single-report ones too, with no default limit; the options narrow it.
    With --json each line has the event's id, kind, date (EDTF), date_lo / date_hi,
    place, its participants (with person ids), parties, name or fact, and a mention per
    report with its article and evidence spans.

    Example:

    \b
        localties events --db news.db --kind meeting --from 2023 --to 2023 --place JP-40
        localties events --db news.db --json > events.jsonl
    """
    for value, name in ((date_from, "--from"), (date_to, "--to")):
        if value and not _date_prefix(value):
            raise click.BadParameter(
                f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", param_hint=name
            )
    with open_db(db) as store:
        rows = store.events(
            kind=kind, date_from=date_from, date_to=date_to, place=place, person=person
        )
        if as_json:
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            return
        flat = [_flat(row) for row in rows]
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(_COLUMNS))
        writer.writeheader()
        writer.writerows(flat)
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in _COLUMNS:
        table.add_column(column, overflow="fold")
    for row in flat:
        table.add_row(*(str(row[c]) for c in _COLUMNS))
    Console(highlight=False).print(table)
    if not flat:
        click.echo("no events (run `localties extract` first, or widen the filters)")


_COLUMNS = ("id", "kind", "date", "place", "who", "reports")


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    if row["kind"] == "meeting":
        who = "; ".join(f"{p['name']} ({p['affiliation']})" for p in row.get("participants", []))
    elif row["kind"] == "agreement":
        who = f"{row.get('agreement_kind')} {row.get('instrument')}: " + " / ".join(row["parties"])
    elif row["kind"] == "exchange_event":
        who = row.get("name") or ""
    else:
        fact = row.get("fact", {})
        who = f"{fact.get('kind')} {fact.get('value')}"
    return {
        "id": row["id"],
        "kind": row["kind"],
        "date": row["date"] or "",
        "place": row["place"] or "",
        "who": who,
        "reports": len(row["mentions"]),
    }


def _date_prefix(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value))


COMMANDS: list[click.Command] = [consolidate, events]


EXPORTS = {
    "datasette": ("json",),
    "events": ("csv", "jsonl"),
    "ties": ("graphml", "gexf"),
    "plover": ("csv", "jsonl"),
}


@click.command("export")
@click.argument("what", type=click.Choice(sorted(EXPORTS)))
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "graphml", "gexf", "json"]),
    required=True,
    help="csv or jsonl for events and plover; graphml or gexf for ties; json for datasette.",
)
@click.option(
    "-o", "--out", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout)."
)
@click.option("--bom", is_flag=True, help="CSV: start with a byte-order mark (for Excel).")
def export(what: str, db: Target, fmt: str, out: Path | None, bom: bool) -> None:
    """Export events, the tie network or a PLOVER-style event table.

    `events` (csv, jsonl): every event with its participants, parties, dates and reports.
    `ties` (graphml, gexf; needs --out): localities as nodes with name, country and level,
    edges weighted by supporting reports, with first and last date and record ids.
    `plover` (csv, jsonl): meetings as CONSULT, agreement acts as AGREE, proposals as
    REQUEST and commitments as express-intent, each with its CAMEO code.
    `datasette` (json): metadata for `datasette DB --metadata FILE`: full-text search of
    the articles and canned queries (a person's meetings, a year's agreements, ...).

    Example:

    \b
        localties export events --db news.db --format csv --bom -o events.csv
        localties export ties --db news.db --format graphml -o ties.graphml
    """
    from localties.export import (
        event_rows,
        plover_rows,
        tie_network,
        write_csv,
        write_jsonl,
        write_network,
    )
    from localties.export.plover import PLOVER_COLUMNS
    from localties.export.tables import EVENT_COLUMNS

    if what == "datasette":
        from localties.export.datasette import datasette_metadata

        if not isinstance(db, Path):
            raise click.ClickException(f"{db}: Datasette reads SQLite files, not PostgreSQL")
        text = json.dumps(datasette_metadata(db.stem), indent=1)
        if out:
            out.write_text(text + "\n", encoding="utf-8")
        else:
            click.echo(text)
        return
    if fmt not in EXPORTS[what]:
        raise click.BadParameter(
            f"{what} exports as {' or '.join(EXPORTS[what])}", param_hint="--format"
        )
    with open_db(db) as store:
        if what == "ties":
            if out is None:
                raise click.UsageError("the tie network is written to a file: give --out")

            def place(code: str) -> tuple[str, str, str] | None:
                row = store.place(code)
                return (row.name, row.country, row.level) if row else None

            graph = tie_network(store.iter_results(), place)
            write_network(graph, out, fmt)
            click.echo(
                f"{graph.number_of_nodes()} localities, {graph.number_of_edges()} ties -> {out}",
                err=True,
            )
            return
        stream = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            columns: tuple[str, ...] = EVENT_COLUMNS if what == "events" else PLOVER_COLUMNS
            if what == "events":
                rows = event_rows(store.events()) if fmt == "csv" else store.events()
            else:
                rows = plover_rows(store.events(), store.iter_results())
            count = (
                write_csv(rows, stream, columns, bom=bom)
                if fmt == "csv"
                else write_jsonl(rows, stream)
            )
        finally:
            if out:
                stream.close()
    click.echo(f"{count} rows" + (f" -> {out}" if out else ""), err=True)


COMMANDS.append(export)


@click.command()
@click.argument("record", callback=text_value)
@db_option
@click.option("--reject", is_flag=True, help="The record is wrong: it joins no event.")
@click.option(
    "--set", "assignment", metavar="FIELD=VALUE", callback=text_value,
    help="Set one field: date, place, kind, name, instrument or value.",
)  # fmt: skip
@click.option("--why", required=True, callback=text_value, help="The reason, kept with it.")
@click.option(
    "--by", "who", default=None, callback=text_value, help="Who corrects (default: $USER)."
)
def correct(
    record: str, db: Target, reject: bool, assignment: str | None, why: str, who: str | None
) -> None:
    """Correct one extracted record: reject it, or set one of its fields.

    RECORD is a report's id as `localties events --json` lists it under `mentions`
    (`ARTICLE#kind#INDEX`). The correction is kept with who made it, when and why, and
    applies at every consolidation from now on, re-extraction included.

    Example:

    \b
        localties correct "000_8cab08dcb6c6f0f1#meeting#0" --set date=2022-11-20 --why "dateline"
        localties correct "041#fact#2" --reject --why "the figure is for Japan as a whole"
    """
    import getpass
    from datetime import UTC, datetime

    from localties.model.events import Correction

    if reject == bool(assignment):
        raise click.UsageError("give exactly one of --reject and --set FIELD=VALUE")
    field = value = None
    if assignment:
        field, _, value = assignment.partition("=")
        if field not in Correction.FIELDS:
            raise click.BadParameter(
                f"{field!r} is not one of {', '.join(Correction.FIELDS)}", param_hint="--set"
            )
    from localties.kb.corrections import CorrectionError, check_correction, record_parts

    try:
        article, _, _ = record_parts(record)
    except CorrectionError as exc:
        raise click.BadParameter(str(exc), param_hint="RECORD") from None
    with open_db(db) as store:
        correction = Correction(
            record, "reject" if reject else "set", field, value,
            who or getpass.getuser(), datetime.now(UTC).isoformat(timespec="seconds"), why,
        )  # fmt: skip
        try:
            check_correction(correction, store.get_extraction(article))
        except CorrectionError as exc:
            if str(exc).startswith("no record"):
                raise click.ClickException(f"no record {record!r} in {db}") from None
            raise click.BadParameter(str(exc), param_hint="--set") from None
        store.add_correction(correction)
        events, _ = pipeline().consolidate(store, [article])
    click.echo(f"corrected {record}; {events} events updated in {db}")


COMMANDS.append(correct)

"""Commands `place`, `person`, `pair`, `timeline` and `ties`: profiles over the knowledge base."""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from localties.cli.kb import _flat
from localties.cli.options import db_option, open_db, pipeline, text_value
from localties.kb.persons import person_id
from localties.store import SQLStore, Target


def _emit(rows: list[dict[str, Any]], columns: tuple[str, ...], as_json: bool, title: str) -> None:
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(title=title, box=None, header_style="bold", pad_edge=False, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(str(row.get(c, "")) for c in columns))
    Console(highlight=False).print(table)
    if not rows:
        click.echo("nothing found")


def tie_rows(store: SQLStore, place: str | None = None) -> list[dict[str, Any]]:
    """One row per tied pair: reports, first and last date, and each report's evidence."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for result in store.iter_results():
        for number, tie in enumerate(result.ties):
            a, b = sorted((tie.a, tie.b))
            if place and not any(p == place or p.startswith(place + "-") for p in (a, b)):
                continue
            row = found.setdefault(
                (a, b), {"a": a, "b": b, "reports": 0, "first": None, "last": None, "evidence": []}
            )
            row["reports"] += 1
            day = result.article.published
            if day:
                row["first"] = min(filter(None, (row["first"], day)))
                row["last"] = max(filter(None, (row["last"], day)))
            row["evidence"].append(
                {"record": f"{result.id}#tie#{number}",
                 "spans": [e.to_contract() for e in tie.evidence]}
            )  # fmt: skip
    return sorted(found.values(), key=lambda r: (-r["reports"], r["a"], r["b"]))


@click.command()
@click.argument("code", callback=text_value)
@db_option
@click.option("--json", "as_json", is_flag=True, help="The profile as one JSON object.")
def place(code: str, db: Target, as_json: bool) -> None:
    """A locality's profile: what it is, meetings over time, partners, agreements, facts.

    For a Vietnamese province formed in the 2025 merger, the events of the units it was
    formed from are listed too, labelled with the unit they belong to.

    Example:

    \b
        localties place JP-14 --db news.db
    """
    with open_db(db) as store:
        row = store.place(code)
        if row is None:
            raise click.ClickException(f"no place {code!r} (run `localties consolidate` first?)")
        codes = [code, *row.predecessors]
        events = {c: list(store.events(place=c)) for c in codes}
        ties = tie_rows(store, code)
        met: Counter[str] = Counter()
        for event in events[code]:
            for p in event.get("participants", []):
                if (p["affiliation"] or "")[:2] != code[:2]:
                    met[f"{p['name']} ({p['affiliation']})"] += 1
    profile: dict[str, Any] = {
        "code": row.code,
        "name": row.name,
        "local_name": row.local_name,
        "country": row.country,
        "level": row.level,
        "region": row.region,
        "successor": row.successor,
        "predecessors": list(row.predecessors),
        "meetings_by_year": dict(sorted(Counter(
            (e["date_lo"] or "?")[:4] for e in events[code] if e["kind"] == "meeting"
        ).items())),
        "partners": [{"a": t["a"], "b": t["b"], "reports": t["reports"], "evidence": t["evidence"]}
                     for t in ties],
        "agreements": [_flat(e) for e in events[code] if e["kind"] == "agreement"],
        "facts": [_flat(e) for e in events[code] if e["kind"] == "fact"],
        "officials_met": [{"name": n, "meetings": k} for n, k in met.most_common()],
        "predecessors_history": {
            c: [_flat(e) for e in events[c]] for c in row.predecessors if events[c]
        },
    }  # fmt: skip
    if as_json:
        click.echo(json.dumps(profile, ensure_ascii=False, indent=1))
        return
    click.echo(f"{row.code} {row.name} ({row.level}, {row.country})"
               + (f", region {row.region}" if row.region else ""))  # fmt: skip
    if row.predecessors:
        click.echo(f"formed on 2025-07-01 from {' '.join(row.predecessors)}")
    click.echo(
        "meetings by year: "
        + (", ".join(f"{y} {n}" for y, n in profile["meetings_by_year"].items()) or "none")
    )
    _emit(
        [{k: t[k] for k in ("a", "b", "reports")} for t in ties],
        ("a", "b", "reports"),
        False,
        "partners",
    )
    _emit(profile["agreements"], ("date", "who", "reports"), False, "agreements")
    _emit(profile["facts"], ("date", "who", "reports"), False, "facts")
    _emit(profile["officials_met"], ("name", "meetings"), False, "officials met")
    for former, rows in profile["predecessors_history"].items():
        _emit(rows, ("date", "kind", "who"), False, f"before the merger, as {former}")


@click.command()
@click.argument("name", callback=text_value)
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event.")
def person(name: str, db: Target, as_json: bool) -> None:
    """Every event of one person, by date (the registry's id, or one minted from the name).

    Example:

    \b
        localties person "Kuroiwa Yuji" --db news.db
    """
    knowledge = pipeline().knowledge
    with open_db(db) as store:
        wanted = {person_id(knowledge, name, None)}
        wanted |= store.person_ids_named(name)
        rows = [e for pid in sorted(wanted) for e in store.events(person=pid)]
    rows = sorted(
        {e["id"]: e for e in rows}.values(), key=lambda e: (e["date_lo"] or "9999", e["id"])
    )
    if as_json:
        _emit(rows, (), True, "")
        return
    _emit([_flat(e) for e in rows], ("date", "kind", "place", "who", "reports"), False, name)


@click.command()
@click.argument("a", callback=text_value)
@click.argument("b", callback=text_value)
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event.")
def pair(a: str, b: str, db: Target, as_json: bool) -> None:
    """Everything two places share: events involving both, and the ties between them.

    A country matches its own units (`pair JP VN-SG`).

    Example:

    \b
        localties pair JP-14 VN-SG --db news.db
    """
    with open_db(db) as store:
        second = {e["id"] for e in store.events(place=b)}
        rows = [e for e in store.events(place=a) if e["id"] in second]
        ties = [
            t
            for t in tie_rows(store, a)
            if any(p == b or p.startswith(b + "-") for p in (t["a"], t["b"]))
        ]
    if as_json:
        _emit(rows, (), True, "")
        return
    _emit(
        [_flat(e) for e in rows], ("date", "kind", "place", "who", "reports"), False, f"{a} and {b}"
    )
    _emit(ties, ("a", "b", "reports", "first", "last"), False, "ties")


@click.command()
@db_option
@click.option("--place", callback=text_value, help="A place code (a country covers its units).")
@click.option("--from", "date_from", metavar="DATE", help="From (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", help="Up to (YYYY[-MM[-DD]]).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event.")
def timeline(
    db: Target, place: str | None, date_from: str | None, date_to: str | None, as_json: bool
) -> None:
    """Dated events in order, with a count per month.

    Example:

    \b
        localties timeline --db news.db --place JP-14 --from 2020
    """
    with open_db(db) as store:
        rows = [
            e for e in store.events(place=place, date_from=date_from, date_to=date_to)
            if e["date_lo"]
        ]  # fmt: skip
    if as_json:
        _emit(rows, (), True, "")
        return
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for e in rows:
        months[e["date_lo"][:7]][e["kind"]] += 1
    _emit([{"month": m, **dict(c)} for m, c in sorted(months.items())],
          ("month", "meeting", "agreement", "exchange_event", "fact"), False, "per month")  # fmt: skip
    _emit([_flat(e) for e in rows], ("date", "kind", "place", "who"), False, "events")


@click.command()
@db_option
@click.option(
    "--place", callback=text_value, help="Only ties of this place (a country covers its units)."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per tie, with its evidence.")
def ties(db: Target, place: str | None, as_json: bool) -> None:
    """Partnerships: each tied pair of localities, its reports and their evidence.

    Example:

    \b
        localties ties --db news.db --place VN-HN
    """
    with open_db(db) as store:
        rows = tie_rows(store, place)
    _emit(rows, ("a", "b", "reports", "first", "last"), as_json, "ties")


COMMANDS: list[click.Command] = [place, person, pair, timeline, ties]

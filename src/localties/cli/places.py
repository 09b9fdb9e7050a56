"""`localties places`: what the gazetteer makes of a place name."""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import click

from localties.cli.options import pipeline, text_value
from localties.kb.places import PlaceRow, place_rows
from localties.resolve.places import Gazetteer


@click.command("places")
@click.argument("name", callback=text_value)
@click.option("--context", default="", help="Text around the name, to settle ambiguity.")
@click.option("--json", "as_json", is_flag=True, help="Print candidates as a JSON list.")
def places_command(name: str, context: str, as_json: bool) -> None:
    """Resolve NAME to a place identifier and say why, or say what a code stands for.

    Prints the resolver's decision, then every candidate best first. With --json,
    prints a JSON list of candidates, best first, each with id, name, country, kind,
    score and why (the first is the decision when `chosen` is true).

    Example:

    \b
        localties places "HCM City"
        localties places JP-14
        localties places Chiba --context "Governor Chiba Kazuo said" --json
    """
    gazetteer = pipeline().knowledge.gazetteer
    row = _code_row(gazetteer, name)
    if row is not None:  # a code: what it stands for
        if as_json:
            click.echo(
                json.dumps({**asdict(row), "predecessors": list(row.predecessors)}, indent=2)
            )
            return
        click.echo(f"{row.code} {row.name} ({row.level}, {row.country})")
        for label, value in (
            ("local name", row.local_name),
            ("region", row.region),
            ("merged into (2025-07-01)", row.successor),
            ("formed from (2025-07-01)", " ".join(row.predecessors)),
        ):
            if value:
                click.echo(f"  {label}: {value}")
        return
    candidates = gazetteer.explain(name, context)
    chosen = gazetteer.resolve(name, context)
    if as_json:
        rows = [
            {
                "id": m.place.id,
                "name": m.place.name,
                "country": m.place.country,
                "kind": m.place.kind,
                "score": m.score,
                "chosen": chosen is not None and number == 0,
                "why": why,
            }
            for number, (m, why) in enumerate(candidates)
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if chosen is None:
        click.echo(f"{name}: no place" + (" (ambiguous in this context)" if candidates else ""))
    else:
        place = chosen.place
        click.echo(f"{name} -> {place.id} {place.name} ({place.kind}, {place.country})")
    for m, why in candidates:
        click.echo(f"  {m.place.id:<10} {m.place.name:<24} {m.score:.2f}  {why}")


def _code_row(gazetteer: Gazetteer, name: str) -> PlaceRow | None:
    if not re.fullmatch(r"[A-Z]{2}(?:-[A-Z0-9]{1,10})?", name.strip()):
        return None
    return next((r for r in place_rows(gazetteer) if r.code == name.strip()), None)


COMMANDS: list[click.Command] = [places_command]

"""`localties persons`: who a name (or a title and a name) denotes, and on what grounds."""

from __future__ import annotations

import json
from typing import Any

import click
from unidecode import unidecode

from localties.cli.options import pipeline, text_value
from localties.knowledge import Knowledge
from localties.resolve.persons import PersonMatch, held_during, period
from localties.resolve.titles import affiliation


def _roles_on(match: PersonMatch, on: str | None) -> list[dict[str, Any]]:
    days = period(on)
    roles = [r for r in match.person.roles if days is None or held_during(r, days)]
    return [
        {"title": r.title, "body": r.body, "place": r.place, "start": r.start, "end": r.end}
        for r in roles
    ]


def candidates(knowledge: Knowledge, text: str, on: str | None = None) -> list[dict[str, Any]]:
    """Registry candidates for `text`, best first; a title-only candidate if none."""
    folded = unidecode(text)
    registry = knowledge.registry
    matches = registry.lookup(folded, on)
    split = knowledge.titles.split_titled_name(folded)
    if not matches and split:
        matches = registry.lookup(split[1], on)
    found = [
        {
            "name": m.person.name,
            "id": m.person.id,
            "roles": _roles_on(m, on),
            "affiliation": m.affiliation if _roles_on(m, on) else None,
            "score": round(m.score, 3),
            "why": m.why,
        }
        for m in matches
    ]
    if not found and split:
        title, name = split
        found.append(
            {
                "name": name,
                "id": None,
                "roles": [
                    {
                        "title": title.title,
                        "body": None,
                        "place": title.place,
                        "start": None,
                        "end": None,
                    }
                ],
                "affiliation": affiliation(title),
                "score": 0.5,
                "why": f"not in the registry; title {title.title!r} ({title.level}) "
                f"names place {title.place}",
            }
        )
    return found


@click.command("persons")
@click.argument("name", callback=text_value)
@click.option("--on", "on", metavar="DATE", help="Date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of candidates.")
def persons(name: str, on: str | None, as_json: bool) -> None:
    """Resolve a person's NAME (optionally with a title) against the officials registry.

    NAME may be a full name in either order, with or without diacritics, a single
    family or Vietnamese given name, or a title and a name ("Kanagawa Governor
    Kuroiwa"). With --on, roles are those held that day.

    Example:

    \b
        localties persons "Kuroiwa Yuji" --on 2022-11-20 --json
    """
    try:
        period(on)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--on") from None
    found = candidates(pipeline().knowledge, name, on)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"no person found for {name!r}")
        return
    for number, candidate in enumerate(found, 1):
        click.echo(f"{number}. {candidate['name']}  affiliation={candidate['affiliation']}")
        click.echo(f"   why: {candidate['why']}")
        for role in candidate["roles"]:
            end = role["end"] or "present"
            click.echo(f"   - {role['title']} ({role['place']}) {role['start']} - {end}")


COMMANDS: list[click.Command] = [persons]

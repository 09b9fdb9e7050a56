"""Datasette metadata for a localties database: full-text search and canned queries.

`datasette news.db --metadata metadata.json` then searches articles without regard to
diacritics and offers the questions analysts ask as one-click queries.
"""

from __future__ import annotations

from typing import Any

CANNED: dict[str, dict[str, Any]] = {
    "meetings_of_person": {
        "title": "Meetings of one person, by date",
        "sql": (
            "SELECT date, place, name, affiliation, event_id FROM meeting_participants "
            "WHERE event_id IN (SELECT event_id FROM event_persons WHERE person_id = :person_id) "
            "ORDER BY date_lo"
        ),
    },
    "agreements_in_year": {
        "title": "Agreement acts of a year",
        "sql": (
            "SELECT date, json_extract(data, '$.agreement_kind') AS act, "
            "json_extract(data, '$.instrument') AS instrument, "
            "json_extract(data, '$.parties') AS parties, id FROM events "
            "WHERE kind = 'agreement' AND substr(date_lo, 1, 4) = :year ORDER BY date_lo"
        ),
    },
    "events_of_place": {
        "title": "Events of a place (a country covers its units)",
        "sql": (
            "SELECT e.date, e.kind, e.place, e.id FROM events e WHERE e.id IN "
            "(SELECT event_id FROM event_places WHERE place = :place OR place LIKE :place || '-%') "
            "ORDER BY e.date_lo"
        ),
    },
    "place_name": {
        "title": "What a place code stands for",
        "sql": "SELECT * FROM places WHERE code = :code",
    },
}


def datasette_metadata(database: str) -> dict[str, Any]:
    """The metadata for one database file named `database` (its stem, as Datasette names it)."""
    return {
        "title": "localties",
        "description": "Subnational diplomacy news as a traceable record.",
        "databases": {
            database: {
                "tables": {
                    "articles": {
                        "fts_table": "articles_fts",
                        "fts_pk": "pk",
                        "searchmode": "escaped",
                    },
                },
                "queries": CANNED,
            }
        },
    }

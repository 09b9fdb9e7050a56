"""Person ids: the registry's id for a known official, else one minted from the name.

A minted id is `p:` + the folded, sorted name tokens + `@` + the country of the
affiliation, so the same person written in another order or without diacritics gets
the same id (`p:kuroiwa-yuji@JP`), and two namesakes of two countries do not.
"""

from __future__ import annotations

from localties.knowledge import Knowledge
from localties.model.ids import country_of
from localties.resolve.persons import name_key


def person_id(
    knowledge: Knowledge, name: str, affiliation: str | None, on: str | None = None
) -> str:
    """The id every report of this person shares."""
    matches = knowledge.registry.lookup(name, on if on and "X" not in on else None)
    country = country_of(affiliation) if affiliation else None
    for match in matches:
        if match.score < 0.8:
            break
        if country is None or match.role is None or match.role.country == country:
            return match.person.id
    tokens = "-".join(name_key(name))
    return f"p:{tokens}@{country or 'XX'}"

"""Every place the gazetteer can emit, as rows for the `places` table."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pycountry

from localties.resolve.places import Gazetteer


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One place: code, names, country, level, region, and Vietnam's 2025 merger links."""

    code: str
    name: str  # English, ASCII
    local_name: str | None  # as the country writes it, where that differs (`Hà Nội`)
    country: str
    level: str  # country | admin1 | region
    region: str | None  # the Japanese region of a prefecture
    successor: str | None  # a Vietnamese unit merged on 2025-07-01: the new province
    predecessors: tuple[str, ...]  # a post-2025 province: the former units in it


def place_rows(gazetteer: Gazetteer) -> Iterator[PlaceRow]:
    """One row per place, in code order."""
    for place in sorted(gazetteer.places(), key=lambda p: p.id):
        local = None
        if place.kind == "admin1":
            sub = pycountry.subdivisions.get(code=place.id)
            local = sub.name if sub is not None and sub.name != place.name else None
        merged = gazetteer.successor(place.id)
        successor = merged[0] if merged and merged[0] != place.id else None
        predecessors = tuple(p for p in gazetteer.predecessors(place.id) if p != place.id)
        yield PlaceRow(
            place.id,
            place.name,
            local,
            place.country,
            place.kind,
            gazetteer.region_of(place.id) if place.kind == "admin1" else None,
            successor,
            predecessors,
        )

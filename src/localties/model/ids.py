"""PlaceId: the contract's place identifier, parsed and validated in one place.

`VN` (a country, ISO 3166-1 alpha-2), `JP-14` / `VN-SG` / `KR-41` (a first-level unit,
ISO 3166-2), `JP-KANTO` (a Japanese region). A PlaceId is a `str`, so it compares,
sorts, hashes and serialises exactly as the code it holds; what the code means is read
through its properties, never by slicing the string.
"""

from __future__ import annotations

import re

_SHAPE = re.compile(r"[A-Z]{2}(?:-[A-Z0-9]{1,10})?")


class PlaceId(str):
    """A place identifier of the extraction contract (syntax only; the gazetteer knows
    which codes exist)."""

    __slots__ = ()

    def __new__(cls, code: str) -> PlaceId:
        if isinstance(code, PlaceId):
            return code
        if not isinstance(code, str) or not _SHAPE.fullmatch(code):
            raise ValueError(f"not a place identifier: {code!r}")
        return super().__new__(cls, code)

    @classmethod
    def parse(cls, code: str | None) -> PlaceId | None:
        """`None` stays `None`; anything else must be a valid identifier (ValueError)."""
        return None if code is None else cls(code)

    @property
    def country(self) -> str:
        """The ISO 3166-1 country: `JP` for `JP-14`, `JP-KANTO` and `JP`."""
        return self[:2]

    @property
    def is_local(self) -> bool:
        """True for a first-level unit or a region, False for a whole country."""
        return len(self) > 2

    @property
    def unit(self) -> str | None:
        """The part after the country (`14` of `JP-14`), or None for a country."""
        return self[3:] if self.is_local else None

    @property
    def is_region(self) -> bool:
        """A Japanese region (`JP-KANTO`): Japan's prefectures are numbered, regions named."""
        return self.country == "JP" and self.unit is not None and not self.unit.isdigit()


def country_of(code: str) -> str:
    """The country of a place identifier given as a plain string."""
    return PlaceId(code).country


def is_local(code: str) -> bool:
    """True when a place identifier given as a plain string is below country level."""
    return PlaceId(code).is_local

"""Checking a human correction before it is kept: the record exists, the value is valid."""

from __future__ import annotations

from localties.errors import LocaltiesError
from localties.model import ArticleResult, Edtf, PlaceId
from localties.model.events import EVENT_LISTS, Correction


class CorrectionError(LocaltiesError):
    """A correction names no record, or sets a field to a value it cannot hold."""


def record_parts(record: str) -> tuple[str, str, int]:
    """(article, kind, index) of a record id `ARTICLE#kind#INDEX`."""
    parts = record.rsplit("#", 2)
    if len(parts) != 3 or parts[1] not in EVENT_LISTS or not parts[2].isdigit():
        raise CorrectionError(f"{record!r} is not ARTICLE#kind#INDEX")
    return parts[0], parts[1], int(parts[2])


def check_correction(correction: Correction, result: ArticleResult | None) -> None:
    """Raise CorrectionError unless `correction` applies to a record of `result`."""
    _, kind, index = record_parts(correction.record)
    records = getattr(result, EVENT_LISTS[kind], None) if result else None
    if records is None or not 0 <= index < len(records):
        raise CorrectionError(f"no record {correction.record!r}")
    if correction.action not in ("reject", "set"):
        raise CorrectionError(f"{correction.action!r}: a correction rejects or sets")
    if correction.action == "reject":
        return
    if correction.field not in Correction.FIELDS:
        raise CorrectionError(f"{correction.field!r} is not one of {', '.join(Correction.FIELDS)}")
    value = correction.value
    try:
        if correction.field == "date" and value:
            Edtf(value)
        elif correction.field == "place" and value:
            PlaceId(value)
        elif correction.field == "value" and value:
            float(value)
    except ValueError as exc:
        raise CorrectionError(f"{correction.field}: {exc}") from None
    if not correction.why.strip():
        raise CorrectionError("give the reason for the correction")

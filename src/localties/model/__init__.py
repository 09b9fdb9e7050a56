"""The records that flow between stages: typed, frozen values.

`article` holds what ingest and clean produce (RawArticle, CleanView); `records` the
extraction contract's records with the one `to_contract()` / `from_contract()` pair
that knows the JSON shape; `ids` the PlaceId value type; `edtf` dates with bounds.
Nothing here imports another part of localties: every stage may use the model.
"""

from localties.model.article import CleanView, Excluded, RawArticle, Span
from localties.model.edtf import Edtf
from localties.model.ids import PlaceId
from localties.model.records import (
    Agreement,
    ArticleMeta,
    ArticleResult,
    Entity,
    Evidence,
    ExchangeEvent,
    Fact,
    Meeting,
    Participant,
    PersonEntity,
    PlaceEntity,
    Statement,
    Tie,
)

__all__ = [
    "Agreement",
    "ArticleMeta",
    "ArticleResult",
    "CleanView",
    "Edtf",
    "Entity",
    "Evidence",
    "ExchangeEvent",
    "Excluded",
    "Fact",
    "Meeting",
    "Participant",
    "PersonEntity",
    "PlaceEntity",
    "PlaceId",
    "RawArticle",
    "Span",
    "Statement",
    "Tie",
]

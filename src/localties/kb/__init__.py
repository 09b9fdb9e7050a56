"""The knowledge base: canonical persons and places, and one event per real-world event.

`consolidate(results, knowledge)` turns the stored per-article results into events;
`person_id` gives every participant the id all its reports share; `place_rows` lists
every place the gazetteer can emit. The pipeline stores what these return.
"""

from localties.kb.consolidate import article_blocks, consolidate
from localties.kb.persons import person_id
from localties.kb.places import PlaceRow, place_rows

__all__ = ["PlaceRow", "article_blocks", "consolidate", "person_id", "place_rows"]

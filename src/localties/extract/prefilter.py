"""A cheap relevance test before spaCy: can this story hold a cross-border record?

One Aho–Corasick automaton (pyahocorasick) holds every name the gazetteer knows (places,
cities, aliases, demonyms) and every spelling of every official in the registry, each
with the country it belongs to. A story is relevant when the names it contains, on word
boundaries, belong to at least two countries (places or officials of two countries, or
a locality and a foreign country); any other story cannot hold a meeting, agreement,
statement, exchange event, tie or fact between two sides, and is skipped. The test errs
towards keeping: every name is used, also those the resolver takes only with an
administrative word, so it drops no story the extractor could use.
"""

from __future__ import annotations

import re

import ahocorasick
from unidecode import unidecode

from localties.knowledge import Knowledge


class Prefilter:
    """The automaton over the knowledge's names; `relevant(text)` is the test."""

    def __init__(self, knowledge: Knowledge) -> None:
        countries: dict[str, set[str]] = {}
        gazetteer = knowledge.gazetteer
        for text, place_id in gazetteer.names():
            key = _words(text)
            if len(key) >= 5:  # " abc ": three letters at least
                countries.setdefault(key, set()).add(gazetteer.get(place_id).country)
        for person in knowledge.registry:
            owners = {role.country for role in person.roles}
            for variant in {person.name, *person.variants}:
                key = _words(variant)
                if key.count(" ") >= 3:  # full names only: a family name alone is common
                    countries.setdefault(key, set()).update(owners)
        self.automaton = ahocorasick.Automaton()
        for key, owners in countries.items():
            if len(owners) > 2:
                continue  # `Central`, `Northern`: a name of many countries tells none
            self.automaton.add_word(key, frozenset(owners))
        self.automaton.make_automaton()
        self.names = len(countries)

    def countries(self, text: str) -> set[str]:
        """The countries whose places or officials the text names.

        A name counts only as whole words: the text and the names are both reduced to
        lower-case words between single spaces, a capital letter after a lower-case
        letter or a digit starting a new word, so names glued by a lost space count too
        (`visitedHanoi`, `5,900Vietnamese`) and the raw text of a story can be tested
        before it is cleaned.
        """
        found: set[str] = set()
        for _, owners in self.automaton.iter(_words(text)):
            found |= owners
        return found

    def relevant(self, text: str) -> bool:
        """Whether the text names places or officials of at least two countries."""
        return len(self.countries(text)) >= 2


_GLUE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


class _Words(dict[int, str]):
    """A `str.translate` table: letters and digits to lower-case ASCII, anything else to
    a space; each character is worked out once, then looked up."""

    def __missing__(self, code: int) -> str:
        folded = unidecode(chr(code)).lower() if code >= 128 else chr(code).lower()
        value = self[code] = "".join(c if c.isascii() and c.isalnum() else " " for c in folded)
        return value


_TABLE = _Words()


def _words(text: str) -> str:
    """` words like these `: ASCII, lower case, glued words apart, one space between."""
    return " " + " ".join(_GLUE.sub(" ", text).translate(_TABLE).split()) + " "

"""Knowledge: the gazetteer, the officials registry, titles and word lists, loaded once.

Every stage that needs to know about places, officials or words receives a
`Knowledge` object as an argument; nothing reads packaged data through a hidden module
global. `load_knowledge()` reads and validates the packaged data files (raising
`DataError` on a broken one); tests build their own from small data where they need to.

    knowledge = load_knowledge()
    knowledge.gazetteer.resolve("Kanagawa")
    knowledge.registry.lookup("Kuroiwa", "2022-11-20")
    knowledge.titles.parse("Governor of Japan's Kanagawa prefecture")
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from localties.resolve.lexicon import Lexicon, load_lexicon
from localties.resolve.persons import Registry, load_registry
from localties.resolve.places import Gazetteer, load_gazetteer
from localties.resolve.titles import Titles

_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Knowledge:
    """What localties knows, passed into the stages that use it."""

    gazetteer: Gazetteer
    registry: Registry
    lexicon: Lexicon
    titles: Titles = field(init=False)
    protected_words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        registry = self.registry
        titles = Titles(
            self.gazetteer, lambda name: any(m.score >= 0.7 for m in registry.lookup(name))
        )
        object.__setattr__(self, "titles", titles)
        object.__setattr__(self, "protected_words", _name_words(self.gazetteer, registry))


def _name_words(gazetteer: Gazetteer, registry: Registry) -> frozenset[str]:
    """Lower-cased words of every place and official's name: never split as glued words."""
    words: set[str] = set()
    for form in gazetteer.surface_forms():
        words.update(w.lower() for w in _WORD.findall(form.text))
    for text, _ in registry.surface_forms():
        words.update(w.lower() for w in _WORD.findall(text))
    return frozenset(words)


def load_knowledge() -> Knowledge:
    """The packaged knowledge (reads and validates every data file; DataError if broken)."""
    return Knowledge(load_gazetteer(), load_registry(), load_lexicon())


__all__ = ["Knowledge", "Lexicon", "load_knowledge"]

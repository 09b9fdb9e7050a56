"""Text helpers for the place gazetteer: folding, lookup keys, suffixes, context cues.

A place name is compared through its *key*: ASCII-folded, lower-cased, with everything
but letters and digits removed, so `Đà Nẵng`, `Da Nang`, `Danang` and `DA-NANG` share the
key `danang`. Administrative words around a name (`Province`, `-ken`, `Thành phố`) are
peeled off by `key_variants`, which yields the keys to try, most literal first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from unidecode import unidecode

from localties.resolve.lexicon import packaged

# Words after a name that make it a place and that `lookup` peels off (longest first).
_SUFFIXES = (
    "special self-governing province",
    "special self-governing city",
    "metropolitan government",
    "metropolitan city",
    "autonomous region",
    "special city",
    "municipality",
    "metropolis",
    "prefecture",
    "province",
    "zizhiqu",
    "region",
    "sheng",
    "city",
    "town",
    "pref",
    "shi",
)
_HYPHEN_SUFFIXES = ("teukbyeoljachido", "gwangyeoksi", "teukbyeolsi", "ken", "fu", "to", "do", "si")
_PREFIXES = ("thanh pho ", "tinh ", "province of ", "prefecture of ", "city of ", "the ")
_NON_KEY = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")

# Words that, right after a name, say it is a place ("Chiba Prefecture", "Saga governor").
PLACE_AFTER = frozenset(
    {
        "prefecture", "prefectural", "province", "provincial", "city", "municipal",
        "municipality", "region", "regional", "ken", "fu", "do", "governor", "mayor",
        "people", "peoples", "party", "authorities", "government", "administration",
        "district", "town", "airport", "port", "station", "university", "castle",
    }
)  # fmt: skip
# Words right before a name that make it a place ("in Chad", "visited Nara").
PLACE_BEFORE = frozenset(
    {
        "in", "to", "from", "of", "at", "visit", "visited", "visiting", "visits", "toured",
        "near", "across", "throughout", "via", "between", "and", "with",
    }
)  # fmt: skip
# Titles right before a name that make it a person ("Governor Chiba", "Mr. Saga").
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "madam", "madame", "sir", "dr", "prof", "professor",
        "governor", "gov", "mayor", "chairman", "chairwoman", "chair", "chairperson",
        "president", "minister", "premier", "ambassador", "consul", "secretary",
        "director", "senator", "lawmaker", "representative", "general", "deputy",
        "vice", "head", "leader", "chief", "spokesman", "spokeswoman", "san", "sensei",
        "member", "councillor", "councilor", "uncle", "king", "queen", "emperor",
    }
)  # fmt: skip
# Capitalised words that follow a place name without making it a person.
_NOUNS_AFTER = frozenset(
    {
        "bank", "park", "museum", "festival", "temple", "shrine", "bay", "river", "lake",
        "island", "islands", "mountain", "mount", "bridge", "hall", "centre", "center",
        "hospital", "school", "college", "institute", "company", "group", "corporation",
        "industrial", "zone", "economic", "international", "national", "office",
        "department", "committee", "council", "assembly", "association", "federation",
        "chamber", "club", "cup", "expo", "fair", "week", "day", "days", "year", "plan",
        "declaration", "agreement", "province", "team", "the", "and", "or", "on", "in",
        "is", "was", "has", "have", "will", "said", "says", "also", "to", "for", "with",
        "by", "at", "as", "a", "an", "of", "from", "this", "that", "it", "its", "but",
    }
)  # fmt: skip
# Capitalised words before a place name that do not make it a person's given name.
_WORDS_BEFORE = frozenset(
    {
        "the", "and", "or", "in", "at", "to", "from", "of", "for", "with", "by", "on",
        "as", "a", "an", "both", "central", "northern", "southern", "eastern", "western",
        "north", "south", "east", "west", "greater", "rural", "coastal", "neighbouring",
        "neighboring", "visiting", "while", "when", "after", "before", "during", "since",
        "but", "so", "if", "like", "including", "between", "among", "across", "about",
        "today", "yesterday", "meanwhile", "however", "also", "then", "all", "new",
    }
)  # fmt: skip
# Vietnamese family and middle names: right before a Vietnamese place name, they make
# it a person's given name ("Nguyen Thi Hue", "Tran Van Vinh").
VIETNAMESE_NAME_PARTS = packaged().name_parts["vn_name_part"]
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?|\S")


def fold(text: str) -> str:
    """ASCII-fold `text` the way the extractor does (unidecode), keeping case."""
    return _SPACES.sub(" ", unidecode(text)).strip()


def key(text: str) -> str:
    """The comparison key of a name: folded, lower-cased, letters and digits only."""
    return _NON_KEY.sub("", unidecode(text).lower())


def key_variants(text: str) -> Iterator[tuple[str, bool]]:
    """Keys to try for `text`, with whether an administrative word was peeled off.

    `Kanagawa-ken` yields `kanagawaken` then `kanagawa`; `Tinh Quang Ninh` yields
    `tinhquangninh` then `quangninh`.
    """
    words = _SPACES.sub(" ", unidecode(text).lower().replace(".", " ")).strip()
    seen: set[str] = set()
    for candidate, peeled in _peel(words):
        k = _NON_KEY.sub("", candidate)
        if k and k not in seen:
            seen.add(k)
            yield k, peeled


def _peel(words: str) -> Iterator[tuple[str, bool]]:
    yield words, False
    stripped = words
    for _ in range(2):  # at most a prefix and a suffix, or two suffixes
        stripped = _peel_once(stripped)
        yield stripped, True


def _peel_once(words: str) -> str:
    for prefix in _PREFIXES:
        if words.startswith(prefix) and len(words) > len(prefix) + 2:
            return words[len(prefix) :]
    for suffix in _SUFFIXES:
        if words.endswith(" " + suffix) and len(words) > len(suffix) + 3:
            return words[: -len(suffix) - 1].rstrip(" -")
    for suffix in _HYPHEN_SUFFIXES:
        if words.endswith("-" + suffix) and len(words) > len(suffix) + 3:
            return words[: -len(suffix) - 1]
    return words


def tokens(text: str) -> list[str]:
    """Word tokens of folded `text` (an apostrophe suffix stays on its word)."""
    return _TOKEN.findall(fold(text))


def around(name: str, context: str) -> tuple[list[str], list[str]] | None:
    """The tokens before and after the first occurrence of `name` in `context`.

    Returns None when `name` does not occur in `context`.
    """
    folded = fold(context)
    match = re.search(
        r"(?<![A-Za-z0-9])" + re.escape(fold(name)) + r"(?![A-Za-z0-9])", folded, re.IGNORECASE
    )
    if match is None:
        return None
    before = tokens(folded[: match.start()])[-3:]
    after = tokens(folded[match.end() :])[:3]
    return before, after


def _bare(token: str) -> str:
    return token.lower().removesuffix("'s").strip(".")


def is_name_like(token: str) -> bool:
    """A capitalised word that could be part of a person's name."""
    return bool(re.fullmatch(r"[A-Z][a-z]+", token))


def place_cue(before: list[str], after: list[str]) -> bool:
    """Whether the words around a mention say it is a place."""
    if after and _bare(after[0]) in PLACE_AFTER:
        return True
    if after[:1] == ["-"] and len(after) > 1 and after[1].lower() in {"ken", "fu", "to", "do"}:
        return True
    if before and before[-1].lower() in PLACE_BEFORE:
        return True
    return bool(before) and before[-1].endswith("'s") and before[-1][:1].isupper()


def person_cue(
    before: list[str],
    after: list[str],
    *,
    vietnamese: bool = False,
    is_place: Callable[[str], bool] = lambda _: False,
) -> bool:
    """Whether the words around a mention say it is (part of) a person's name.

    `is_place` tells a neighbouring capitalised word that is itself a place
    ("Tokyo Chiba") from a given name ("Kazuo Chiba").
    """
    prev = before[-1] if before else ""
    if prev == "." and len(before) > 1:
        prev = before[-2]
    if _bare(prev) in TITLES:
        return True
    if vietnamese and prev.lower() in VIETNAMESE_NAME_PARTS and prev[:1].isupper():
        return True
    if (
        is_name_like(prev)
        and prev.lower() not in _WORDS_BEFORE | TITLES | PLACE_BEFORE
        and not is_place(prev)
    ):
        return True
    nxt = after[0] if after else ""
    if nxt.lower() in {"san", "sensei"}:
        return True
    if after[:1] == [","] and len(after) > 1 and after[1].isdigit():
        return True  # an age in apposition: "Nagasaki, 50, who ran..."
    return (
        is_name_like(nxt)
        and _bare(nxt) not in _NOUNS_AFTER | PLACE_AFTER | TITLES
        and not is_place(nxt)
    )

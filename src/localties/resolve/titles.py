"""Official titles as the press writes them, and the affiliation they imply.

`Titles.parse` reads a title phrase (`Governor of Japan's Kanagawa prefecture`,
`Vice Chairman of the HCM City People's Committee`, `Chinese Ambassador to Japan`)
into a normalised English title, the place the phrase names and a level:

- `local`: serves a prefecture, province or city (governor, mayor, People's
  Committee or Council chair, provincial Party secretary, prefectural assembly);
- `national`: serves a country (head of state or government, minister, member of
  parliament, ambassador, consul, national party leader);
- `other`: a company, university or association.

`affiliation` applies the extraction contract: a local official carries the
first-level unit, everyone else their country. `Titles.split_titled_name` separates a
title from the name next to it (`Kanagawa Governor Kuroiwa`, `Kuroiwa Yuji,
governor of Kanagawa prefecture of Japan`). Inputs are ASCII-folded text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unidecode import unidecode

from localties.model.ids import country_of, is_local
from localties.resolve.lexicon import packaged

if TYPE_CHECKING:
    from localties.resolve.places import Gazetteer, PlaceMatch


@dataclass(frozen=True, slots=True)
class Title:
    """A parsed title: what the office is called, where it is, and its level."""

    title: str
    place: str | None
    level: str  # "local" | "national" | "other"


_CHAIR = r"(?:chairman|chairwoman|chairperson|chair|president|head|speaker)"
_VICE = r"(?:vice|deputy)"
_PERMANENT = r"(?:permanent|standing|first)"
_OTHER_BODY = re.compile(
    r"\b(?:university|college|academy|institute|school|company|corporation|corp|group|"
    r"co ltd|inc|jsc|bank|association|federation|union|chamber|alliance|league|club|"
    r"society|foundation|hospital|airlines?|jica|jetro|jcci|vcci|business|enterprise)\b"
)
# (pattern over the normalised phrase, title, level), most specific first. `{P}` and
# `{V}` stand for the words for "permanent" and "vice".
_RULES: tuple[tuple[str, str, str], ...] = (
    (r"\b{P} deputy prime minister\b", "Permanent Deputy Prime Minister", "national"),
    (r"\b(?:deputy prime minister|vice premier|deputy pm)\b", "Deputy Prime Minister", "national"),
    (r"\b(?:prime minister|premier|pm)\b", "Prime Minister", "national"),
    (
        r"\b{P} {V} {C} of national assembly\b|\bnational assembly {P} {V} {C}\b",
        "Permanent Vice Chairman of the National Assembly",
        "national",
    ),
    (
        r"\b{V} {C} of national assembly\b|\bnational assembly {V} {C}\b",
        "Vice Chairman of the National Assembly",
        "national",
    ),
    (
        r"\b{C} of national assembly\b|\bnational assembly {C}\b",
        "Chairman of the National Assembly",
        "national",
    ),
    (
        r"\bmembers? of house of representatives\b",
        "Member of the House of Representatives",
        "national",
    ),
    (r"\bmembers? of house of councillors\b", "Member of the House of Councillors", "national"),
    (
        r"\b(?:members?|deput(?:y|ies)) of national assembly\b|"
        r"\bnational assembly (?:deput(?:y|ies)|members?)\b",
        "Member of the National Assembly",
        "national",
    ),
    (
        r"\bmembers? of (?:diet|parliament|national diet)\b|\blawmakers?\b|\bmps?\b|"
        r"\bdiet members?\b|\bparliamentarians?\b",
        "Member of Parliament",
        "national",
    ),
    (r"\bchief cabinet secretary\b", "Chief Cabinet Secretary", "national"),
    (r"\b(?:general secretary|secretary general)\b", "General Secretary", "national"),
    (r"\b(?:tourism|goodwill|friendship|cultural) ambassador\b", "", "local"),
    (r"\bambassador\b", "Ambassador", "national"),
    (r"\bconsul(?:ate)? general\b", "Consul General", "national"),
    (r"\bconsul\b", "Consul", "national"),
    (
        r"\b{P} {V} {C} of (?:the )?(?:[a-z' -]+ )?people committee\b|"
        r"\bpeople committee {P} {V} {C}\b",
        "Permanent Vice Chairman of the People's Committee",
        "local",
    ),
    (
        r"\b{V} {C} of (?:the )?(?:[a-z' -]+ )?people committee\b|\bpeople committee {V} {C}\b",
        "Vice Chairman of the People's Committee",
        "local",
    ),
    (
        r"\b{C} of (?:the )?(?:[a-z' -]+ )?people committee\b|\bpeople committee {C}\b",
        "Chairman of the People's Committee",
        "local",
    ),
    # "Chairman of the committee": in Vietnamese news, the People's Committee just named.
    (
        r"\b{V} {C} of (?:this |that )?committee\b",
        "Vice Chairman of the People's Committee",
        "local",
    ),
    (r"\b{C} of (?:this |that )?committee\b", "Chairman of the People's Committee", "local"),
    (
        r"\b{V} {C} of (?:the )?(?:[a-z' -]+ )?people council\b|\bpeople council {V} {C}\b",
        "Vice Chairman of the People's Council",
        "local",
    ),
    (
        r"\b{C} of (?:the )?(?:[a-z' -]+ )?people council\b|\bpeople council {C}\b",
        "Chairman of the People's Council",
        "local",
    ),
    (
        r"\b{V} {C} of (?:the )?(?:[a-z' -]+ )?(?:prefectural|provincial|municipal|city) "
        r"(?:assembly|council)\b|\b(?:prefectural|provincial|municipal|city) (?:assembly|council) "
        r"{V} {C}\b",
        "Vice Chairman of the Prefectural Assembly",
        "local",
    ),
    (
        r"\b{C} of (?:the )?(?:[a-z' -]+ )?(?:prefectural|provincial|municipal|city) "
        r"(?:assembly|council)\b|\b(?:prefectural|provincial|municipal|city) (?:assembly|council) "
        r"{C}\b",
        "Chairman of the Prefectural Assembly",
        "local",
    ),
    (
        r"\bmembers? of (?:the )?(?:[a-z' -]+ )?(?:prefectural|provincial|municipal|city) "
        r"(?:assembly|council)\b|\b(?:prefectural|provincial|municipal|city) "
        r"(?:assembly|council) members?\b|\bassembly members?\b",
        "Member of the Prefectural Assembly",
        "local",
    ),
    (
        r"\b(?:deputy|vice) (?:party )?secretary\b",
        "Deputy Secretary of the Party Committee",
        "local",
    ),
    (
        r"\b(?:party )?secretary of (?:the )?(?:[a-z' -]+ )?party committee\b|\bparty secretary\b|"
        r"\bparty chief\b|\bparty committee secretary\b|\bsecretary of (?:the )?[a-z' -]*party\b",
        "Secretary of the Party Committee",
        "local",
    ),
    (r"\b{V} governor\b", "Vice Governor", "local"),
    (r"\bgovernors?\b|\bgov\b", "Governor", "local"),
    (r"\b{V} mayor\b", "Vice Mayor", "local"),
    (r"\bmayor\b", "Mayor", "local"),
    (r"\b(?:deputy|vice) minister\b|\bstate secretary\b", "Deputy Minister", "national"),
    (r"\bminister\b", "Minister", "national"),
    (r"\bvice president\b", "Vice President", "national"),
    (r"\bpresident\b", "President", "national"),
    (
        r"\b(?:(?:permanent|standing|first) )?(?:(?:vice|deputy) )?"
        r"(?:ceo|chief executive|managing director|general director|director general|"
        r"director|dean|rector|professor|expert|manager|chairman|chairwoman|chairperson|chair|"
        r"head|chief|leader|representative|official|officer|advis[eo]r|counsel+or|"
        r"artist|painter|sculptor|writer|poet|novelist|economist|scholar|researcher)\b",
        "",
        "other",
    ),
)
_COMPILED = tuple(
    (
        re.compile(pattern.format(P=_PERMANENT, V=_VICE, C=_CHAIR)),
        title,
        level,
    )
    for pattern, title, level in _RULES
)
_DIPLOMATS = frozenset({"Ambassador", "Consul General", "Consul"})
_MINISTRY = re.compile(
    r"\bminist(?:er|ry) of (?:the )?([a-z, ]+?)(?= and minister\b| of \b|$)|"
    r"\b(foreign|finance|defen[cs]e|health|education|justice|trade|labou?r|agriculture|"
    r"transport|industry|construction|home affairs|economy) (?:deputy |vice )?minister\b"
)
_SHORT_MINISTRY = {
    "foreign": "Foreign Affairs",
    "defence": "National Defence",
    "defense": "National Defence",
    "labour": "Labour, Invalids and Social Affairs",
    "labor": "Labour, Invalids and Social Affairs",
    "trade": "Industry and Trade",
    "industry": "Industry and Trade",
}
# Capitalised words of titles and bodies: never part of a person's name or a place name.
TITLE_WORDS = frozenset(
    {
        "governor", "governors", "gov", "vice", "deputy", "chairman", "chairwoman",
        "chairperson", "chair", "president", "prime", "minister", "ministers", "ministry",
        "secretary", "general", "mayor", "ambassador", "consul", "consulate", "committee",
        "council", "assembly", "party", "people", "peoples", "national", "speaker", "director",
        "ceo", "head", "member", "members", "permanent", "standing", "affairs", "foreign",
        "trade", "industry", "planning", "investment", "premier", "pm", "na", "chief",
        "cabinet", "lawmaker", "municipal", "provincial", "prefectural", "central", "communist",
        "government", "state", "house", "representatives", "councillors", "diet", "parliament",
        "dean", "rector", "expert", "the", "of", "and", "in", "to", "for", "at", "mr", "mrs",
        "ms", "dr", "prof", "assoc", "madam", "his", "her", "its", "their", "former", "current",
        "acting", "incumbent", "senior", "politburo", "office", "department", "agency",
        "executive", "leader", "leaders", "delegation", "university", "embassy",
        "representative", "officials", "official"
    }
)  # fmt: skip
_HONORIFICS = packaged().title_honorifics
_PLACE_TAIL = frozenset({"city", "prefecture", "province", "region", "ken", "fu"})
_UNIT_WORDS = frozenset({"prefecture", "province"})


def _normal(phrase: str) -> str:
    """Lower case, possessives and punctuation removed, synonyms merged."""
    text = unidecode(phrase).lower().replace("\u2019", "'")
    text = re.sub(r"\bpeople'?s'?\b|\bpeoples\b", "people", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    text = " ".join(re.sub(r"\bthe\b", " ", text).split())
    text = re.sub(r"\b(?:vice|deputy)(?=chair|governor|mayor|president|minister)", r"\g<0> ", text)
    text = re.sub(r"\bna\b", "national assembly", text)
    text = re.sub(
        r"\bd?pm\b", lambda m: "deputy prime minister" if m[0] == "dpm" else "prime minister", text
    )
    text = re.sub(
        r"\bof (?:vietnamese|viet nam|vietnam|vietnam s) national assembly",
        "of national assembly",
        text,
    )
    text = re.sub(r"\bhcmc\b", "ho chi minh city", text)
    return " ".join(text.split())


def normalise_title(phrase: str) -> str | None:
    """The normalised English title a phrase names (`Gov.` -> `Governor`), or None."""
    found = _match_rule(_normal(phrase))
    return found[0] if found else None


def _match_rule(text: str) -> tuple[str, str] | None:
    for pattern, title, level in _COMPILED:
        hit = pattern.search(text)
        if hit:
            if title in ("Minister", "Deputy Minister"):
                return _minister(text, title), level
            return (title or _other_title(hit.group(0))), level
    return None


def _minister(text: str, title: str) -> str:
    """`Minister of Foreign Affairs`, `Deputy Minister of Industry and Trade`, or bare."""
    hit = _MINISTRY.search(text)
    if not hit:
        return title
    portfolio = (hit.group(1) or hit.group(2) or "").strip()
    portfolio = _SHORT_MINISTRY.get(portfolio, portfolio)
    words = [w if w in ("and", "of") else w.capitalize() for w in portfolio.split()]
    return f"{title} of {' '.join(words)}" if words else title


def _other_title(words: str) -> str:
    special = {"ceo": "CEO"}
    return " ".join(special.get(w, w.capitalize()) for w in words.split())


# ---------------------------------------------------------------------------- places


def _tokens(phrase: str) -> list[str]:
    """Words of an ASCII phrase, possessive `'s` removed, hyphenated names kept whole."""
    text = unidecode(phrase).replace("\u2019", "'")
    return [re.sub(r"'s$|'$", "", t) for t in re.findall(r"[A-Za-z0-9][A-Za-z0-9'.-]*", text)]


def _place_runs(words: list[str]) -> list[str]:
    """Runs of capitalised words that may name a place (`Kanagawa prefecture`, `HCM City`)."""
    runs: list[list[str]] = []
    current: list[str] = []
    for word in words:
        bare = word.rstrip(".").lower()
        if (word[:1].isupper() and bare not in TITLE_WORDS) or (current and bare in _PLACE_TAIL):
            current.append(word.rstrip("."))
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return [" ".join(run) for run in runs]


def affiliation(title: Title, country: str | None = None) -> str | None:
    """The place id of the government the title holder serves (the contract's rule).

    Local officials carry their first-level unit (None when the title names none);
    national officials, companies and universities carry their country.
    """
    if title.level == "local":
        return title.place if title.place and is_local(title.place) else None
    if title.place:
        return country_of(title.place)
    return country


# ---------------------------------------------------------------------------- names


def _name_words(words: list[str]) -> list[str] | None:
    """The words of a person's name with honorifics dropped, or None if not a name."""
    kept = [w.rstrip(".") for w in words if w.rstrip(".").lower() not in _HONORIFICS]
    if not kept or len(kept) > 5:
        return None
    for word in kept:
        plain = word[:1].isupper() and word.lower() not in TITLE_WORDS and word.isalpha()
        if not plain and not re.fullmatch(r"[A-Z][a-z]+-[A-Za-z]+", word):
            return None
    return kept


def _offset_of_tail(text: str, size: int) -> int:
    """Where the last `size` words of `text` begin."""
    spans = list(re.finditer(r"[A-Za-z0-9][A-Za-z0-9'.-]*", text))
    return spans[-size].start() if size <= len(spans) else 0


# ---------------------------------------------------------------------------- in text

# Lower-case words that may sit inside a title phrase written before a name.
_TITLE_GLUE = frozenset(
    {
        "of", "the", "and", "prefecture", "province", "city", "municipal", "provincial",
        "prefectural", "people's", "people", "peoples", "committee", "council", "party",
        "assembly", "national", "vice", "deputy", "chairman", "chairwoman", "chair", "governor",
        "mayor", "minister", "prime", "president", "secretary", "general", "permanent",
        "standing", "ambassador", "consul", "consulate", "in", "to", "affairs", "trade",
        "industry", "foreign", "cabinet", "chief", "speaker", "director", "special", "advisor",
        "adviser", "tourism", "goodwill", "official", "artist", "painter", "sculptor", "writer", "poet"
    }
)  # fmt: skip
_ABBREVIATIONS = ("Gov.", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Assoc.", "Gen.", "Lt.")


def _phrase_before(
    text: str, start: int, parse: Callable[[str], Title | None] | None = None
) -> str:
    """The title-like words right before `start` (`Governor of Japan's Kanagawa prefecture`).

    A parenthesised abbreviation inside the title (`Korea (RoK)'s`) is passed over, and
    a title set off by a comma before an honorific (`Mayor of Joetsu City, Mr.`) counts.
    """
    head = re.sub(r"\s*\([A-Za-z]{2,8}\)(?='s\b)|\s*\([A-Z][A-Za-z]{1,7}\)", "", text[:start])
    words = list(re.finditer(r"[A-Za-z0-9][A-Za-z0-9'.-]*|[^\sA-Za-z0-9]", head))
    kept: list[str] = []
    for number in range(len(words) - 1, -1, -1):
        token = words[number].group(0)
        if token in _ABBREVIATIONS or token.rstrip(".").lower() in _HONORIFICS:
            kept.append(token)
            continue
        if token == "," and all(_honorific_or_name(k) for k in kept):
            title = _phrase_before(head, words[number].start(), parse)
            if title and parse is not None and parse(title) is not None:
                return title
        if token == "-" and kept and number and words[number - 1].group(0)[:1].isupper():
            kept.append(token)  # `Japan - Vietnam Friendship Alliance`
            continue
        if token.endswith(".") or not token[0].isalnum():
            break
        bare = re.sub(r"'s$", "", token)
        if not (bare[:1].isupper() or bare.lower() in _TITLE_GLUE or token.lower() in _TITLE_GLUE):
            break
        kept.append(token)
    return " ".join(reversed(kept))


def _honorific_or_name(token: str) -> bool:
    """An honorific, or a capitalised word that is no title word (part of a name)."""
    bare = token.rstrip(".").lower()
    return bare in _HONORIFICS or (token[:1].isupper() and bare not in TITLE_WORDS)


def _phrases_after(text: str, end: int) -> list[str]:
    """Appositions after a name: `, governor of Kanagawa prefecture of Japan`, up to three.

    Parenthesised abbreviations are passed over, and `appointed (as|to) ...` counts as
    an apposition.
    """
    rest = re.sub(r"\s*\([^()\n]{1,40}\)", "", text[end : end + 300])
    lead = r"\s*(?:,|\s(?:who was |who is )?(?:appointed|named|elected) (?:as |to )?)\s*"
    hit = re.match(lead + r"([^;:()\n]+?)(?=[;:()\n]|\.\s|\.$|$)", rest)
    return [part.strip() for part in hit.group(1).split(",")[:3]] if hit else []


class Titles:
    """Title phrases read against the places a gazetteer knows.

    `known_name` tells whether a name is a known official's (the officials registry),
    which settles where a title ends and a name begins in `split_titled_name`.
    """

    def __init__(
        self, gazetteer: Gazetteer, known_name: Callable[[str], bool] = lambda _name: False
    ) -> None:
        self._gazetteer = gazetteer
        self._known = known_name

    def parse(self, phrase: str, country: str | None = None) -> Title | None:
        """The title a phrase names, with its place and level; None if it names no title.

        `country` is the default country for a national title whose phrase names none
        ("Deputy Prime Minister" in a Vietnamese story -> "VN").
        """
        text = _normal(phrase)
        found = _match_rule(text)
        if found is None:
            return None
        title, level = found
        if (
            level == "national"
            and title in ("President", "Vice President")
            and _OTHER_BODY.search(text)
        ):
            level = "other"
        if level == "local" and re.search(r"\bbank\b", text):
            level = "national"
        if title.endswith("Secretary of the Party Committee") and _OTHER_BODY.search(text):
            level = "other"
        place = self._choose_place(phrase, title, "local" if level == "other" else level, country)
        if level == "other" and place and is_local(place) and not _OTHER_BODY.search(text):
            level = "local"  # staff of a prefectural or provincial government
        if title == "General Secretary" and not re.search(
            r"\b(?:communist )?party\b|^general", text
        ):
            title = "Secretary-General"
        if level == "other":
            place = country_of(place) if place else country
        return Title(title, place, level)

    def split_titled_name(self, text: str, country: str | None = None) -> tuple[Title, str] | None:
        """Split `TITLE NAME` or `NAME, TITLE` into the parsed title and the name.

        `Governor of Chiba Morita Kensaku` -> (Governor, JP-12), `Morita Kensaku`. Where
        the boundary is unclear, a name the registry knows wins; otherwise the longest
        name whose first word is not a place name.
        """
        text = " ".join(text.split())
        if "," in text:
            left, right = (part.strip() for part in text.split(",", 1))
            name = _name_words(_tokens(left))
            title = self.parse(right, country) if name else None
            if name and title:
                return title, " ".join(name)
        words = _tokens(text)
        candidates: list[tuple[int, str, Title]] = []
        for size in range(min(5, len(words) - 1), 0, -1):
            name = _name_words(words[-size:])
            if name is None:
                continue
            head = text[: _offset_of_tail(text, size)]
            title = self.parse(head, country)
            if title is not None:
                candidates.append((size, " ".join(name), title))
        for _size, found, parsed in candidates:
            if len(found.split()) > 1 and self._known(found):
                return parsed, found
        for size, found, parsed in candidates:
            if size == 1 or not self._gazetteer.lookup(found.split()[0]):
                return parsed, found
        return None

    def near(self, text: str, start: int, end: int, country: str | None = None) -> Title | None:
        """The title the text gives a name found at `text[start:end]`, or None.

        Looks first at the title words just before the name (`Kanagawa Governor
        Kuroiwa`), then at an apposition just after it (`Kuroiwa Yuji, governor of
        Kanagawa prefecture`).
        """
        before = _phrase_before(text, start, self.parse)
        title = self.parse(before, country) if before else None
        if title is not None:
            return title
        found = [t for t in (self.parse(p, country) for p in _phrases_after(text, end)) if t]
        placed = [t for t in found if affiliation(t, country)]
        return (placed or found)[0] if found else None

    def _places_in(self, phrase: str) -> list[PlaceMatch]:
        """Places a phrase names, in order, each the longest name found in its run of words."""
        gazetteer = self._gazetteer
        found: list[PlaceMatch] = []
        for run in _place_runs(_tokens(phrase)):
            words = run.split()
            start = 0
            while start < len(words):
                for end in range(len(words), start, -1):
                    matches = gazetteer.lookup(" ".join(words[start:end]))
                    if matches:
                        found.append(matches[0])
                        start = end
                        break
                else:
                    misspelt = self._misspelt_unit(words, start)
                    if misspelt is not None:
                        found.append(misspelt)
                    start += 1
        return found

    def _misspelt_unit(self, words: list[str], at: int) -> PlaceMatch | None:
        """`Nagono prefecture`: a word one letter off a unit's name, right before its
        administrative word, is that unit (only when exactly one unit is that close)."""
        if at + 1 >= len(words) or words[at + 1].lower() not in _UNIT_WORDS:
            return None
        return self._gazetteer.misspelt_unit(words[at], words[at + 1])

    def _choose_place(self, phrase: str, title: str, level: str, country: str | None) -> str | None:
        if title in _DIPLOMATS:
            sending = re.split(r"\b(?:to|in|at)\b", phrase, maxsplit=1)[0]
            countries = [m.place.country for m in self._places_in(sending)]
            return countries[0] if countries else country
        places = self._places_in(phrase)
        if level == "local":
            units = [m.place.id for m in places if m.place.kind != "country"]
            if units:
                return units[0]
            return places[0].place.id if places else None
        if places:
            return places[0].place.country
        return country

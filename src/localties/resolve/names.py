"""Person names: cleaning a recognised span, and guessing a country from a name's shape.

The guess is a fallback for persons the registry does not know and whose title names
no place: Vietnamese names start with one of a small set of family names, Japanese
names are written in Hepburn syllables, Korean and Chinese names have their own
family names and syllable shapes.
"""

from __future__ import annotations

import re

from localties.resolve.lexicon import packaged
from localties.textfold import fold_text

VN_FAMILY = packaged().name_parts["vn_family"]
CN_FAMILY = packaged().name_parts["cn_family"]
KR_FAMILY = packaged().name_parts["kr_family"]
_VN_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ph|th|tr|ch|kh|gh|gi|qu|[bcdghklmnprstvxy])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)
_JP_SYLLABLES = re.compile(
    r"^(?:(?:ky|gy|sh|j|ch|ny|hy|by|py|my|ry|ts|[kgsztdnhbpmyrwf])?[aiueo]|n(?![aiueoy])|[kstp](?=[kstpc]))+$"
)
_PINYIN = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|er|a|e|i|o|u|v))+$"
)
_TITLE_WORDS = frozenset(
    """mr mr. ms ms. mrs mrs. dr dr. prof prof. assoc assoc. gov gov. madam sir professor
    doctor lord lady h.e. he""".split()
)
# Ranks and offices written as part of a name span ("PM Phuc", "Deputy Mayor Lo",
# "Gen. Giap"): never part of the name, at either end.
_RANK_WORDS = frozenset(
    """pm dpm premier president chairman chairwoman governor mayor minister ambassador
    secretary deputy vice gen gen. general lt lt. col col. maj maj. capt capt. senator
    consul speaker""".split()
)
_NOT_NAME = frozenset(
    """party committee ministry festival order government council assembly province prefecture
    city university bank group company association agency embassy consulate the of and
    national people people's state central vietnam japan airlines corporation
    district region department office union federation summit forum vietjet""".split()
)


def clean_name(text: str) -> str:
    """Strip honorifics and possessives from a recognised person span."""
    words = text.replace("\n", " ").split()
    while words and words[0].lower().rstrip(",") in _TITLE_WORDS | _RANK_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().rstrip(",") in _RANK_WORDS:
        words = words[:-1]
    while words and words[-1].lower() in ("'s", "s'"):
        words = words[:-1]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return " ".join(w.strip(",;:()") for w in words).strip()


def vietnamese_syllable(word: str) -> bool:
    """A word shaped like one Vietnamese syllable, ASCII-folded (`Toan`, `Nguyen`, `Thi`)."""
    return bool(_VN_SYLLABLE.match(word.lower()))


def looks_like_name(text: str) -> bool:
    """A plausible person name: capitalised words, no digits, no institution words."""
    words = text.split()
    if not words or len(words) > 5 or re.search(r"[A-Za-z][-–][A-Z]", text):
        return False  # "Lao Cai-Ha Long-Hanoi" is a route, "Vietnam-Japan" a pair
    for w in words:
        if not w[:1].isupper() or any(c.isdigit() for c in w):
            return False
        if re.search(r"-(?:cho|ku|shi|machi|mura|gun|dori)$", w, re.I):
            return False  # "Motoyoyogi-cho": a Japanese address, not a name
        if w.lower() in _NOT_NAME:
            return False
    return True


def name_country(name: str) -> str | None:
    """A country guessed from the shape of a full name, or None when unsure."""
    tokens = [t for t in re.split(r"[\s\-]+", fold_text(name).lower()) if t]
    if len(tokens) < 2:
        return None
    first, last = tokens[0], tokens[-1]
    if len(tokens) >= 3 and first in VN_FAMILY and all(_VN_SYLLABLE.match(t) for t in tokens):
        return "VN"
    if first in KR_FAMILY and len(tokens) <= 3 and "-" in name:
        return "KR"
    if (
        len(tokens) == 2
        and (first in CN_FAMILY or last in CN_FAMILY)
        and all(_PINYIN.match(t) for t in tokens)
        and not all(_JP_SYLLABLES.match(t) for t in tokens)
    ):
        return "CN"
    if all(_JP_SYLLABLES.match(t) for t in tokens) and all(len(t) >= 3 for t in tokens):
        return "JP"
    if len(tokens) >= 2 and first in VN_FAMILY and all(_VN_SYLLABLE.match(t) for t in tokens):
        return "VN"
    if first in KR_FAMILY and len(tokens) <= 3:
        return "KR"
    return None

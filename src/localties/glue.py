"""Split words glued together by a lost line break ("Hanoion", "TheVietnamese", "Ata").

Only ASCII letter runs that are not words themselves are touched, and a split is kept
only when it is plainly right: one side is a common function word, or both sides are
frequent English words. Names (Kuroiwa, Phuc, Seitaro) stay whole.
"""

from __future__ import annotations

import re
from functools import cache

import wordsegment

from localties.resolve.names import vietnamese_syllable

GLUE_WORDS = frozenset(
    """a an the on in at to of for by as is was are were be been has have had his her he she
    it its and or but with from into this that these those their they them we our which who
    said says also will would can could more most said after before during between about
    than then there where when while not new two under over asked added noted stressed told
    urged pledged affirmed""".split()
)
_TOKEN_RE = re.compile(r"[A-Za-z]{3,}")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
# "nation.PM Phuc", "2019.He": a sentence glued to the one before it.
_PUNCT_RE = re.compile(
    r"(?<=[a-z]{2}[,;])(?=[A-Za-z]{2})|(?<=[a-z]{3}\.)(?=[A-Z][a-z]{2}|[A-Z]{2,4} [A-Z]|[A-Z][a-z]? [a-z])"
)
_DIGIT_RE = re.compile(r"\b(in|since|from|by|until|to)(?=\d{4}\b)")
# "5,900Vietnamese": a figure glued to the word after it.
_FIGURE_RE = re.compile(r"(?<=\d)(?=[A-Z][a-z]{2,})")


@cache
def _segmenter() -> dict[str, float]:
    wordsegment.load()
    unigrams: dict[str, float] = wordsegment.UNIGRAMS
    return unigrams


@cache
def split_word(word: str, protected: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The parts of `word` if it is two glued words, else `(word,)`. Case is kept.

    `protected` holds lower-cased words of known names (places, officials), never split.
    """
    unigrams = _segmenter()
    lower = word.lower()
    if not word.isascii() or (word.isupper() and len(word) > 1):
        return (word,)
    rare = unigrams.get(lower, 0.0) < 1e6
    if (word[:1].isupper() or rare) and len(word) <= 9 and not _name_syllable(word):
        for cut in range(2, len(word)):
            if lower[:cut] in GLUE_WORDS and lower[cut:] in GLUE_WORDS:
                return (word[:cut], word[cut:])  # "Ata", "Inthe", "Underthe"
    if lower in unigrams and (unigrams[lower] >= 1e5 or not word.islower()):
        return (word,)  # a rare lowercase "word" such as "thedelegation" is a typo
    parts = wordsegment.segment(lower)
    if len(parts) != 2:
        return (word,)
    a, b = parts
    ca, cb = unigrams.get(a, 0.0), unigrams.get(b, 0.0)
    if lower in protected:
        return (word,)
    glued = (a in GLUE_WORDS and len(b) >= 4 and cb >= 1e5) or (
        b in GLUE_WORDS and ((len(a) >= 4 and ca >= 1e4) or (len(a) == 3 and ca >= 1e7))
    )  # "inparticular", "Kanagawafirms"; "ledby" (a short word only if a very common one)
    # Two common words glued ("bilateralstrategic"); a capitalised word is more often a name.
    common = (
        word.islower() and len(a) >= 4 and len(b) >= 4 and min(ca, cb) >= 1e6 and max(ca, cb) >= 1e7
    )
    # A name glued to a common word: "Kanagawafirms", "Kanagawafestival".
    named = len(a) >= 4 and len(b) >= 5 and ca >= 1e5 and cb >= 1e7 and word[:1].isupper()
    common = common or named
    if not (glued or common):
        return (word,)
    return (word[: len(a)], word[len(a) :])


def _name_syllable(word: str) -> bool:
    """A capitalised Vietnamese syllable (`Toan`, `Hoan`): part of a name, not `To an`."""
    return word[:1].isupper() and word[1:].islower() and vietnamese_syllable(word)


def _camel_ok(left: str, right: str) -> bool:
    """`TheVietnamese`, `YujiKuroiwa`, `inVietnam` split; `McDonald`, `MoIT`, `iPhone` stay."""
    return len(left) >= 3 or left.lower() in GLUE_WORDS


def split_glued(
    text: str, offsets: list[int], protected: frozenset[str] = frozenset()
) -> tuple[str, list[int]]:
    """Insert spaces where words were glued; each inserted space maps to the next char.

    Words in `protected` (lower-cased words of known names) are never split.
    """
    inserts: list[int] = []
    for m in _PUNCT_RE.finditer(text):
        inserts.append(m.start())
    for m in _DIGIT_RE.finditer(text):
        inserts.append(m.end())
    for m in _FIGURE_RE.finditer(text):
        inserts.append(m.start())
    for m in re.finditer(r"[A-Za-z]+", text):
        word, base = m.group(), m.start()
        pieces = _camel_pieces(word)
        pos = base
        for piece in pieces:
            if pos > base:
                inserts.append(pos)
            if _TOKEN_RE.fullmatch(piece):
                parts = split_word(piece, protected)
                if len(parts) == 2:
                    inserts.append(pos + len(parts[0]))
            pos += len(piece)
    if not inserts:
        return text, offsets
    out: list[str] = []
    omap: list[int] = []
    prev = 0
    for at in sorted(set(inserts)):
        out.append(text[prev:at])
        omap.extend(offsets[prev:at])
        out.append(" ")
        omap.append(offsets[at] if at < len(offsets) else offsets[-1])
        prev = at
    out.append(text[prev:])
    omap.extend(offsets[prev:])
    return "".join(out), omap


def _camel_pieces(word: str) -> list[str]:
    cuts = [m.start() for m in _CAMEL_RE.finditer(word)]
    pieces: list[str] = []
    prev = 0
    for cut in cuts:
        left = word[prev:cut]
        if _camel_ok(left, word[cut:]):
            pieces.append(left)
            prev = cut
    pieces.append(word[prev:])
    return pieces


def common_count(word: str) -> float:
    """How often `word` (any case) occurs in English web text (the segmenter's unigrams)."""
    return _segmenter().get(word.lower(), 0.0)

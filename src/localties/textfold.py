"""ASCII folding with an offset map, so NLP can run on folded text and point back."""

from __future__ import annotations

import re
from functools import cache

from unidecode import unidecode

# Typographic characters whose unidecode form is not what English text means by them.
_FIXED = {
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"',
    "\u201d": '"', "\u00a0": " ", "\u2009": " ", "\u200b": "", "\ufeff": "", "\u2022": "*",
    "\u0110": "D", "\u0111": "d", "\u2026": "...",
}  # fmt: skip


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@cache
def _fold_char(ch: str) -> str:
    if ch in _FIXED:
        return _FIXED[ch]
    if "\u0e00" <= ch <= "\u0eff" or "\u1100" <= ch <= "\u11ff" or "\u2e80" <= ch <= "\ud7ff":
        # Thai, Lao, Hangul, kana and CJK ideographs: spelling them out in Latin letters
        # would make names out of nothing, so they become plain spaces.
        return " "
    return unidecode(ch)


def fold(text: str) -> tuple[str, list[int]]:
    """Return `text` folded to ASCII and, for each output char, the index of its source char."""
    if text.isascii():
        return text, list(range(len(text)))
    parts: list[str] = []
    fmap: list[int] = []
    pos = 0
    for m in _NON_ASCII.finditer(text):  # ASCII runs are copied whole
        i = m.start()
        if i > pos:
            parts.append(text[pos:i])
            fmap.extend(range(pos, i))
        out = _fold_char(text[i])
        parts.append(out)
        fmap.extend([i] * len(out))
        pos = i + 1
    parts.append(text[pos:])
    fmap.extend(range(pos, len(text)))
    return "".join(parts), fmap


def fold_text(text: str) -> str:
    """`text` folded to ASCII (no offset map)."""
    return fold(text)[0]

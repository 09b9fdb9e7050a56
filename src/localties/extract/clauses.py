"""Clauses of things to come, read from the dependency parse: who will do what, and under
which word the clause sits.

"Governor Yamamoto said he would facilitate exchanges" holds one: the act `facilitate`,
its subject `he`, under the reporting verb `said` whose subject is `Yamamoto`. "He hoped
that the prefecture would explore ..." holds one under `hoped`, a word of hope: not the
prefecture's commitment. "X and Y agreed to strengthen ties" holds one too: agreeing to
an act is undertaking it. The statement rules decide what each clause commits whom to;
this module only reads the parse.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.tokens import Doc, Token

_MODALS = frozenset({"will", "would", "'ll", "shall"})
_SUBJECTS = ("nsubj", "nsubjpass")
_AGREE = frozenset({"agreed", "agree", "agrees"})
_WANT = frozenset({"wants", "want", "wanted"})
_UNDERTAKE = _AGREE | _WANT


@dataclass(frozen=True, slots=True)
class Clause:
    """One act to come: `verb` (lower-case) and where its parts lie in the view text."""

    verb: str
    head: str  # the verb the modal attaches to, lower-case ("continue" in "will continue to")
    at: int  # offset of the modal or of "agreed"
    subject: tuple[int, int] | None  # the subject's whole phrase
    subject_word: str | None  # the subject's head word, lower-case ("he", "prefecture")
    coordinated: bool  # the subject is "X and Y"
    agreed: bool  # "agreed to VERB" rather than "will VERB"
    wanted: bool  # "wants to VERB": a wish of the subject's own
    governor: str | None  # the word the clause depends on ("said", "hope"), lower-case
    governor_subject: tuple[int, int] | None  # that word's subject phrase
    relative: bool  # inside a relative clause ("the MoU, under which the sides agreed to")
    object_word: str | None = (
        None  # the act's direct object, lower-case ("visit" in "make a visit")
    )


def future_clauses(doc: Doc, start: int, end: int) -> list[Clause]:
    """The clauses of `doc` in the view's [start, end) whose act is to come."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    out: list[Clause] = []
    for token in span:
        if token.lower_ in _MODALS and token.dep_ == "aux" and token.head.i != token.i:
            for verb in _with_conjuncts(token.head):
                out.append(_clause(verb, token.head, token, agreed=False))
        elif token.lower_ in _UNDERTAKE and token.dep_ != "amod":
            for child in token.children:
                if child.dep_ == "xcomp":
                    for verb in _with_conjuncts(child):
                        out.append(
                            _clause(verb, token, token, agreed=token.lower_ in _AGREE,
                                    wanted=token.lower_ in _WANT)
                        )  # fmt: skip
    return out


def governed_by(
    doc: Doc, start: int, end: int, words: AbstractSet[str], governors: AbstractSet[str]
) -> bool:
    """Whether one of `words` in the view's [start, end) has an ancestor among
    `governors` ("suggested the two sides strengthen ties and sign an MoU": `sign` is
    governed by `suggested`). Words and governors are lower-case."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(
        token.lower_ in words and any(a.lower_ in governors for a in token.ancestors)
        for token in span
    )


def all_to_come(
    doc: Doc, start: int, end: int, words: AbstractSet[str], plans: AbstractSet[str]
) -> bool:
    """Whether every one of `words` in the view's [start, end) names something still to
    come: it, or a word it depends on, takes "will"/"would" or is one of `plans`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    found = [t for t in span if t.lower_ in words]
    return bool(found) and all(_to_come(t, plans) for t in found)


def _to_come(token: Token, plans: AbstractSet[str]) -> bool:
    for word in (token, *token.ancestors):
        if word.lower_ in plans:
            return True
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in word.children):
            return True
    return False


def _with_conjuncts(verb: Token) -> list[Token]:
    """The verb and the verbs coordinated with it ("support and facilitate")."""
    return [verb, *(c for c in verb.children if c.dep_ == "conj")]


def _clause(verb: Token, head: Token, cue: Token, *, agreed: bool, wanted: bool = False) -> Clause:
    """The clause of `verb`, whose modal (or "agreed") `cue` attaches to `head`: the verb
    itself, or the first of the verbs coordinated with it."""
    subject = _subject(head)
    governor = head.head if head.dep_ in ("ccomp", "acl", "advcl") else None
    governor_subject = None
    if governor is not None:
        holder = _subject(governor) or (
            _subject(governor.head) if governor.dep_ in ("dobj", "pobj", "attr") else None
        )
        governor_subject = _phrase(holder) if holder is not None else None
    return Clause(
        verb=_act_word(verb),
        head=verb.lower_,
        at=cue.idx,
        subject=_phrase(subject) if subject is not None else None,
        subject_word=subject.lower_ if subject is not None else None,
        coordinated=subject is not None and any(c.dep_ == "conj" for c in subject.children),
        agreed=agreed,
        wanted=wanted,
        governor=governor.lower_ if governor is not None else None,
        governor_subject=governor_subject,
        relative=any(_background(t) for t in (head, *head.ancestors)),
        object_word=next((c.lower_ for c in verb.children if c.dep_ == "dobj"), None),
    )


def _background(token: Token) -> bool:
    """A relative clause on "which" or "that" ("the MoU, under which the sides agreed to
    ..."): what a thing holds, not what is being undertaken. "..., where they agreed to"
    is the meeting's own outcome and does not count."""
    if token.dep_ != "relcl":
        return False
    near = [*token.children, *(g for c in token.children if c.dep_ == "prep" for g in c.children)]
    return any(t.lower_ in ("which", "that", "whom", "whose") for t in near)


def _act_word(verb: Token) -> str:
    """The act's word: "continue to support" is `support`, "step up" is `step`."""
    if verb.lower_ in ("continue", "continues", "try", "seek", "strive"):
        for child in verb.children:
            if child.dep_ == "xcomp":
                return child.lower_
    return verb.lower_


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it is coordinated with or
    completes ("pledged to support": the subject of `pledged`)."""
    seen = 0
    while seen < 4:
        found = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if found:
            return found[0]
        if verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
        seen += 1
    return None


def _phrase(token: Token) -> tuple[int, int]:
    """The character span of a token's whole phrase (its subtree)."""
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


_OBJECTS = frozenset({"dobj", "dative", "pobj", "iobj", "attr", "oprd"})
# the dependents inside a name's phrase, and the apposition that stands beside it
_NAME_PARTS = frozenset(
    {"compound", "flat", "amod", "nmod", "poss", "det", "case", "punct", "appos"}
)


def subject_of(doc: Doc, at: int) -> tuple[tuple[int, int], str] | None:
    """The subject phrase, and its head word in lower case, of the verb at offset `at`
    ("Aichi's governor suggested": the governor's phrase). A noun there ("his hope")
    stands for the verb it belongs to; a participle with no subject of its own
    ("..., he said, pledging to") takes the subject of the verb it hangs from."""
    token = _token_at(doc, at)
    if token is None:
        return None
    if token.dep_ in ("aux", "auxpass") and token.head.i != token.i:
        token = token.head
    subject = _subject(token)
    if subject is None and token.dep_ == "advcl" and token.head.i != token.i:
        subject = _subject(token.head)
    if subject is None:
        return None
    return _phrase(subject), subject.lower_


def main_subject(doc: Doc, start: int, end: int) -> tuple[tuple[int, int], str] | None:
    """The subject phrase and head word of the main verb of the sentence in [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for root in (t for t in span if t.dep_ == "ROOT"):
        subject = _subject(root)
        if subject is not None:
            return _phrase(subject), subject.lower_
    return None


def is_object_at(doc: Doc, at: int) -> bool:
    """Whether the name at offset `at` is, as a whole phrase, the object of a verb or a
    preposition ("told Shui Chi Abe", "a reception for Governor X"), or stands beside
    one ("Y, the Governor of ...")."""
    token = _token_at(doc, at)
    if token is None:
        return False
    seen = 0
    while token.dep_ in _NAME_PARTS and token.head.i != token.i and seen < 6:
        token = token.head
        seen += 1
    return token.dep_ in _OBJECTS


def _token_at(doc: Doc, at: int) -> Token | None:
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def addressees(
    doc: Doc, start: int, end: int, verbs: AbstractSet[str]
) -> list[tuple[int, tuple[int, int]]]:
    """Whom each asking verb of `verbs` in the view's [start, end) addresses, as (the
    verb's offset, the addressee's phrase): its object ("urged Kanagawa to ..."), the
    object of "on" ("called on the prefecture"), or the subject of the clause it
    governs ("proposed the association intensify ...", but not what that clause names
    further on)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    out = []
    for token in span:
        if token.lower_ not in verbs:
            continue
        found = None
        asks_to = any(c.dep_ in ("xcomp", "ccomp") for c in token.children)
        for child in token.children:
            if child.dep_ in ("dobj", "dative") and asks_to:  # not "recommended closer ties"
                found = child
            elif child.dep_ == "prep" and child.lower_ in ("on", "upon"):
                found = next((g for g in child.children if g.dep_ == "pobj"), None)
            elif child.dep_ in ("ccomp", "xcomp"):
                found = next((g for g in child.children if g.dep_ in _SUBJECTS), None)
            if found is not None:
                break
        if found is not None:
            # the phrase, without a clause it carries ("the club, which ...")
            left = found.left_edge
            carried = next((t for t in found.subtree if t.dep_ in ("relcl", "acl")), None)
            stop = carried.left_edge.i if carried is not None else found.right_edge.i + 1
            last = doc[max(left.i, stop - 1)]
            out.append((token.idx, (left.idx, last.idx + len(last.text))))
    return out


def is_passive_at(doc: Doc, at: int) -> bool:
    """Whether the verb at offset `at` is passive ("Chinh was invited to Japan"): its
    subject is the one asked, not the one asking."""
    token = _token_at(doc, at)
    return token is not None and any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def under_word(doc: Doc, at: int, words: AbstractSet[str]) -> bool:
    """Whether the word at offset `at` depends, at any distance, on one of `words`
    (lower-case): "are expected to confirm their commitment" puts `commitment` under
    `expected`."""
    token = _token_at(doc, at)
    return token is not None and any(a.lower_ in words for a in token.ancestors)

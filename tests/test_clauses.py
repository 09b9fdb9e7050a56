"""The clause reader on short sentences written for this test, through the real parser."""

from __future__ import annotations

import pytest
from spacy.language import Language

from localties.extract.clauses import (
    Clause,
    addressees,
    future_clauses,
    is_object_at,
    is_passive_at,
    main_subject,
    subject_of,
    under_word,
)
from localties.nlp import ORDER, build_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


def clauses(nlp: Language, text: str) -> list[Clause]:
    return future_clauses(nlp(text), 0, len(text))


def test_the_pipeline_parses_after_the_sentences_are_set(nlp: Language) -> None:
    assert nlp.pipe_names == ORDER
    doc = nlp("Gov. Abe met the mayor.\nHe said he would help.")
    assert [s.text.strip() for s in doc.sents] == [
        "Gov. Abe met the mayor.",
        "He said he would help.",
    ]
    assert all(t.head.sent == t.sent for t in doc)  # no arc crosses a sentence


def test_a_reported_act_names_its_subject_and_the_reporting_verb(nlp: Language) -> None:
    text = "The governor said he would facilitate visits by students."
    (clause,) = clauses(nlp, text)
    assert (clause.verb, clause.subject_word, clause.governor) == ("facilitate", "he", "said")
    assert clause.governor_subject is not None
    assert text[slice(*clause.governor_subject)] == "The governor"


def test_a_hoped_for_act_sits_under_the_word_of_hope(nlp: Language) -> None:
    (clause,) = clauses(nlp, "She hoped that the city would open an office in Osaka.")
    assert (clause.verb, clause.subject_word, clause.governor) == ("open", "city", "hoped")


def test_coordinated_verbs_share_the_modal_and_its_clause(nlp: Language) -> None:
    found = clauses(nlp, "He expressed the hope that Osaka will support and welcome more interns.")
    assert [(c.verb, c.governor) for c in found] == [("support", "hope"), ("welcome", "hope")]


def test_a_coordinated_subject_and_agreeing_to_an_act(nlp: Language) -> None:
    (will,) = clauses(nlp, "Nara and the city of Hue will share experience in tourism.")
    assert will.coordinated and will.governor is None and will.verb == "share"
    (agreed,) = clauses(nlp, "Later they agreed to step up exchanges of trainees.")
    assert agreed.agreed and agreed.subject_word == "they" and agreed.verb == "step"


def test_continue_to_is_the_act_it_continues(nlp: Language) -> None:
    (clause,) = clauses(nlp, "The prefecture will continue to assist Vietnamese workers.")
    assert clause.verb == "assist" and clause.subject_word == "prefecture"


def test_a_sentence_without_an_act_to_come_has_no_clause(nlp: Language) -> None:
    assert clauses(nlp, "The governor visited a hospital in Hanoi last week.") == []


def test_a_relative_clause_on_which_is_background_but_where_is_not(nlp: Language) -> None:
    (background,) = clauses(
        nlp, "They recalled the MoU of 2020, under which the two cities agreed to share data."
    )
    assert background.relative
    (outcome,) = clauses(
        nlp, "The governor met the minister in Hanoi, where they agreed to expand exchanges."
    )
    assert not outcome.relative and outcome.subject_word == "they"


def test_the_subject_of_a_verb_past_a_leading_phrase(nlp: Language) -> None:
    text = "After the ceremony, the mayor of Sakai proposed more flights."
    found = subject_of(nlp(text), text.index("proposed"))
    assert found is not None
    span, word = found
    assert (text[slice(*span)], word) == ("the mayor of Sakai", "mayor")


def test_a_participle_takes_the_subject_of_its_verb(nlp: Language) -> None:
    text = "Hue will grow, she said, pledging to back new routes to Osaka."
    found = subject_of(nlp(text), text.index("pledging"))
    assert found is not None and found[1] == "she"


def test_the_main_subject_is_the_teller_not_the_one_told(nlp: Language) -> None:
    text = "Trade is vital, Chairman Nguyen Van Binh told Governor Oda Kenji on Monday."
    doc = nlp(text)
    found = main_subject(doc, 0, len(text))
    assert found is not None and "Binh" in text[slice(*found[0])]
    assert is_object_at(doc, text.index("Oda"))
    assert not is_object_at(doc, text.index("Nguyen"))


def test_whom_an_asking_verb_addresses(nlp: Language) -> None:
    text = "He urged Saga to build a school and proposed the club widen its ties with Hue."
    found = addressees(nlp(text), 0, len(text), {"urged", "proposed"})
    assert [text[slice(*span)] for _, span in found] == ["Saga", "the club"]


def test_a_recommended_thing_is_no_addressee(nlp: Language) -> None:
    text = "She recommended closer ties between Hue and Kyoto."
    assert addressees(nlp(text), 0, len(text), {"recommended"}) == []


def test_a_passive_request(nlp: Language) -> None:
    text = "Binh was invited to Osaka, and he invited Oda to Hue."
    doc = nlp(text)
    assert is_passive_at(doc, text.index("invited"))
    assert not is_passive_at(doc, text.rindex("invited"))


def test_a_word_under_a_forecast(nlp: Language) -> None:
    text = "The leaders are expected to confirm their commitment to the plan."
    assert under_word(nlp(text), text.index("commitment"), {"expected"})
    text = "They confirmed their commitment to the plan, as expected."
    assert not under_word(nlp(text), text.index("commitment"), {"expected"})

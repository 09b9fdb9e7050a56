"""The clause reader on short sentences written for this test, through the real parser."""

from __future__ import annotations

import pytest
from spacy.language import Language

from localties.extract.clauses import Clause, future_clauses
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

"""Stop 24, claims (issue 12): speakers the model tagged wrongly, cues on unseen news."""

from __future__ import annotations

import pytest

from tests.conftest import run_text
from tests.conftest import speaker_of as _speaker_of

pytestmark = pytest.mark.model


def _claims(nlp, text: str) -> list[dict]:
    return run_text(nlp, text)._.claims


def test_surname_tagged_as_organisation_is_the_person_named_before(nlp):
    text = ("Iceland vote\n\n\"It depends on whether she can persuade the president,\" Hildur Egilsdottir, a "
            "political scientist at the University of Akureyri said. Alternatively, the current premier, "
            "Ragnar Olafsson, could stay in office, Egilsdottir said, adding that talks could be hard. "
            "\"Three parties will be needed,\" she said.")
    claims = _claims(nlp, text)
    assert _speaker_of(claims, "talks could be hard") == "Hildur Egilsdottir"
    assert _speaker_of(claims, "Three parties will be needed") == "Hildur Egilsdottir"


def test_hyphenated_role_goes_to_its_titled_holder(nlp):
    text = ("Campaign\n\nTory co-chairman Liam Fox was speaking after the rally in Leeds. Mr Blair told Labour "
            "members the Tories offered a hard agenda.\n\nThe Tory co-chairman said Mr Blair was very worried "
            "voters would punish him.")
    claims = _claims(nlp, text)
    found = [c for c in claims if "voters would punish him" in c["text"]]
    assert found and found[0]["speaker"] == "Liam Fox"
    assert found[0]["speaker_mention"] == "The Tory co-chairman"


@pytest.mark.parametrize("sentence", [
    "Foreign Minister Ana Silva was quoted by a news agency as saying the border would stay open.",
    "The agency quoted Ana Silva as saying the border would stay open.",
])
def test_quoted_as_saying_goes_to_the_one_quoted(nlp, sentence):
    claims = _claims(nlp, "Border\n\n" + sentence)
    assert _speaker_of(claims, "the border would stay open") == "Ana Silva"


def test_participle_after_a_verb_conjunct_takes_the_first_subject(nlp):
    text = ("Iceland\n\nFrida Holm took over as party leader two years ago and has championed the welfare "
            "model, vowing to tackle the rising cost of living.")
    assert _speaker_of(_claims(nlp, text), "to tackle the rising cost of living") == "Frida Holm"


def test_announced_object_is_a_claim_when_it_says_what(nlp):
    claims = _claims(nlp, "Trade\n\nIn the speech, President Ana Lima announced eight major steps that Brazil "
                          "will take to support trade.")
    assert _speaker_of(claims, "eight major steps") == "Ana Lima"


def test_announced_object_pointing_back_is_no_claim(nlp):
    claims = _claims(nlp, "Budget\n\nThe finance ministry of Ruritania announced its budget on Monday.")
    assert not [c for c in claims if c["cue"] == "announced"]


def test_noted_and_refuted_objects(nlp):
    claims = _claims(nlp, "Finance\n\nZhang Wei, director of the Harbin institute, noted the importance of green "
                          "finance. Li Ming refuted the claims as groundless.")
    assert _speaker_of(claims, "the importance of green finance") == "Zhang Wei"
    assert _speaker_of(claims, "the claims as groundless") == "Li Ming"


@pytest.mark.parametrize("sentence, words, cue", [
    ("Wang Yi condemned the attack, the Anadolu agency reported.", "the attack", "condemned"),
    ("Premier Ana Silva vowed to cut taxes, state media reported.", "to cut taxes", "vowed"),
])
def test_claim_relayed_by_a_medium_stays(nlp, sentence, words, cue):
    claims = _claims(nlp, "Talks\n\nPremier Ana Silva met Wang Yi on Monday. " + sentence)
    inner = [c for c in claims if c["cue"] == cue]
    assert inner and words in inner[0]["text"]


def test_announced_investment_is_no_claim(nlp):
    claims = _claims(nlp, "Plants\n\nEarly this year, Harwell Solar announced an investment of $40 million to build "
                          "a factory in Ohio.")
    assert not [c for c in claims if c["cue"] == "announced"]

"""Stop 25, claims (issue 12): organisation speakers named by a description, on sentences written here."""

from __future__ import annotations

import pytest

from tests.conftest import run_text, speaker_of

pytestmark = pytest.mark.model



def test_national_government_speaks_for_the_country_the_story_names(nlp):
    text = "Pipeline deal\n\nRussia sold the refinery last year. The Russian government said the buyer had paid in full."
    assert speaker_of(run_text(nlp, text)._.claims, "the buyer had paid in full") == "Russia"


def test_national_government_gets_the_country_name_when_the_story_has_none(nlp):
    text = "Port talks\n\nThe Philippine government said on Monday that talks with the operator would resume."
    assert speaker_of(run_text(nlp, text)._.claims, "talks with the operator would resume") == "Philippines"


def test_bare_government_stays_unnamed(nlp):
    text = "Jobs plan\n\nTrade between the two countries grew. The government said the plan would create jobs."
    assert speaker_of(run_text(nlp, text)._.claims, "the plan would create jobs") is None


def test_its_post_is_the_one_person_the_story_places_there(nlp):
    text = ("Lakeside Foods Inc will close two plants, its chairman said on Tuesday. Lakeside Foods chairman "
            "Tom Barrow blamed rising costs.")
    assert speaker_of(run_text(nlp, text)._.claims, "will close two plants") == "Tom Barrow"


def test_untagged_institution_subject_is_named_as_written(nlp):
    text = "Jobs plan\n\nTony Blair was questioned about the plan. But Downing Street said Mr Blair should be judged by results."
    assert speaker_of(run_text(nlp, text)._.claims, "should be judged by results") == "Downing Street"


def test_sentence_initial_common_word_is_no_speaker(nlp):
    text = "Phones\n\nOld handsets are piling up. Research found that old phones can help close the digital divide."
    claims = run_text(nlp, text)._.claims
    assert all(c["speaker"] != "Research" for c in claims)


def test_he_said_goes_on_with_the_speaker_not_the_subject_he_reported(nlp):
    text = ("Deportation plan\n\nHome Secretary Alan Pryce told the Herald he hoped deals with several countries "
            "could be reached.\n\nThe Herald's legal correspondent, Tom Castell, said it appeared Mr Pryce was "
            "putting more weight on deportation than his predecessor. But he said reaching deals with the home "
            "countries could be hard.")
    assert speaker_of(run_text(nlp, text)._.claims, "reaching deals with the home countries") == "Tom Castell"


def test_the_premier_is_the_prime_minister_named_before(nlp):
    text = ("Election role\n\nPrime Minister Tony Blair has praised Gordon Brown. Mr Brown wrote an article about "
            "the future on Monday. The chancellor has previously planned the election strategy but this time the "
            "role will go to Alan Milburn. The premier insisted Mr Brown will have a key role in the campaign.")
    assert speaker_of(run_text(nlp, text)._.claims, "will have a key role") == "Tony Blair"

"""Stop 28, claims second round (issue 12), on sentences written here."""

from __future__ import annotations

import pytest

from cooptool.extract.components.claims.base import Claim, claim_with_cue
from tests.conftest import run_text, speaker_of

pytestmark = pytest.mark.model


def test_claim_with_cue_matches_a_fresh_token_of_the_same_position(nlp):
    doc = nlp.make_doc("Jane Doe said the plan was good.")
    known = [Claim.at_cue(doc[2], None, "test")]
    assert claim_with_cue(known, doc[2]) is known[0]  # doc[2] is a new Token object each time
    assert claim_with_cue(known, doc[1]) is None


def test_a_one_word_quote_after_a_reported_cue_is_no_claim(nlp):
    text = "Review\n\nThe ministry announced \"prematurely\" a review of the rules."
    claims = run_text(nlp, text)._.claims
    assert not any(c["text"].strip("\"“” .") == "prematurely" for c in claims)


def test_cue_after_the_comma_with_the_name_as_its_object(nlp):
    text = "Trade\n\nThe tariffs will hurt small farms most, observed Maria Lopez."
    claims = run_text(nlp, text)._.claims
    assert speaker_of(claims, "The tariffs will hurt small farms most") == "Maria Lopez"


def test_a_name_with_who_after_the_cue_speaks_too(nlp):
    text = "Trade\n\nThe new tariffs will hurt small farms, observed Lia Moor, who runs a growers' group."
    claims = run_text(nlp, text)._.claims
    assert speaker_of(claims, "The new tariffs will hurt small farms") == "Lia Moor"


def test_a_conjoined_verb_with_a_person_object_is_no_inverted_cue(nlp):
    text = "Party\n\nShe left the hall early, thanked Tom Hill."
    assert not any(c["speaker"] == "Tom Hill" for c in run_text(nlp, text)._.claims)


def test_the_former_holder_of_a_post_is_the_last_subject(nlp):
    text = ("Report\n\nFormer minister Anna Berg criticised the plans on Monday. Anna Berg said the government "
            "had too much freedom. The former cabinet secretary said the rules were weak.")
    assert speaker_of(run_text(nlp, text)._.claims, "the rules were weak") == "Anna Berg"


def test_the_former_holder_is_not_the_one_who_holds_the_post_now(nlp):
    text = ("Report\n\nSecretary Anna Berg criticised the plans on Monday. Anna Berg said the government "
            "had too much freedom. The former secretary said the rules were weak.")
    assert speaker_of(run_text(nlp, text)._.claims, "the rules were weak") != "Anna Berg"


def test_the_military_is_the_force_the_story_names(nlp):
    text = ("Gaza\n\nThe Israel Defense Forces (IDF) launched air strikes on Monday, officials in Jerusalem "
            "confirmed. The Israeli military said it hit 20 targets.")
    assert speaker_of(run_text(nlp, text)._.claims, "it hit 20 targets") == "Israel Defense Forces"


def test_the_police_with_no_force_named_get_no_guessed_speaker(nlp):
    text = "Riot\n\nAcme Corp closed its store on Monday after a fight. The police said two men were arrested."
    assert speaker_of(run_text(nlp, text)._.claims, "two men were arrested") != "Acme Corp"


def test_a_role_subject_since_the_last_speaker_takes_the_pronoun(nlp):
    text = ("Poll\n\nPrime Minister Paul Aster spoke in Harlow on Friday. Owen Marsh said the government was tired. "
            "Dr Marsh told the BBC he was confident.\n\nThe prime minister visited four towns at the weekend. "
            "He said he had not picked the day of the vote.")
    assert speaker_of(run_text(nlp, text)._.claims, "had not picked the day of the vote") == "Paul Aster"

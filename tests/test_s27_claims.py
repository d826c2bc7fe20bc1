"""Stop 27, claims (issue 12): speakers the parse or the resolver lost, on sentences written here."""

from __future__ import annotations

import pytest

from tests.conftest import run_text, speaker_of

pytestmark = pytest.mark.model



def test_name_before_an_apposition_that_goes_on_with_a_place(nlp):
    text = ("Expo\n\nIn front of a stand showing new electric buses, Ana Ruiz, editor of the Harlow Times, Kenya, "
            "said she hoped she could ride one before she flew home.")
    assert speaker_of(run_text(nlp, text)._.claims, "she could ride one") == "Ana Ruiz"


def test_role_word_at_the_end_of_the_sentence_before_titles_no_one(nlp):
    # "president" ends the sentence before "Reid ...": it is Lam's title, not Reid's.
    text = ("Visit\n\nOn Saturday, Premier Tom Reid also met with Bo Lam, general secretary of the Harlow Party and "
            "Ruritanian president. "
            "Reid expressed hope that trade would grow. The Ruritanian president said his country was willing to "
            "expand its trade.")
    assert speaker_of(run_text(nlp, text)._.claims, "his country was willing") == "Bo Lam"


def test_it_is_the_country_that_is_the_subject_of_its_sentence(nlp):
    text = ("Sanctions\n\nThe Harlow Institute said the talks had failed. On Friday, Norway imposed sanctions on "
            "two firms that it accused of helping the rebels.")
    assert speaker_of(run_text(nlp, text)._.claims, "helping the rebels") == "Norway"


def test_he_goes_on_with_the_speaker_not_the_person_his_words_were_about(nlp):
    text = ("Housing\n\nMayor Tom Reid said the plan was sound. Ana Ruiz, the council leader, spoke next. She did not "
            "think Ms Lee intended to delay the plan. But she warned that some landlords could use the delay to raise "
            "rents.")
    assert speaker_of(run_text(nlp, text)._.claims, "some landlords could use the delay") == "Ana Ruiz"

"""Stop 28, quotes and speakers (issue 12), on sentences written here."""

from __future__ import annotations

import pytest

from tests.conftest import run_text, speaker_of

pytestmark = pytest.mark.model


def test_link_lines_give_no_claims(nlp):
    text = ("Prize\n\nREAD MORE: Jane Doe said the plan was good\n\nWATCH: Mayor says the city is ready\n\n"
            "** WINNER: Tom Hill said he was thrilled\n\nThe council met on Monday.")
    assert run_text(nlp, text)._.claims == []


def test_a_line_that_only_mentions_a_label_word_keeps_its_claim(nlp):
    text = "Prize\n\nMore than half the voters said the plan was good."
    claims = run_text(nlp, text)._.claims
    assert any("the plan was good" in c["text"] for c in claims)


def test_claim_before_a_trailing_link_label_is_kept(nlp):
    text = "Jane Doe said the plan was good.\n\nMore from CBC Manitoba:"
    assert speaker_of(run_text(nlp, text)._.claims, "the plan was good") == "Jane Doe"


def test_speaking_out_against_is_a_claim(nlp):
    text = "Airport\n\nJane Doe spoke out against the new airport."
    assert speaker_of(run_text(nlp, text)._.claims, "the new airport") == "Jane Doe"


def test_a_noun_that_is_also_a_stop_word_can_be_the_content(nlp):
    text = "Protest\n\nJane Doe spoke out against the new coal mine."
    assert speaker_of(run_text(nlp, text)._.claims, "the new coal mine") == "Jane Doe"


def test_speaking_alone_is_no_claim(nlp):
    text = "Dinner\n\nJane Doe spoke for an hour at the dinner."
    assert not [c for c in run_text(nlp, text)._.claims if c["speaker"] == "Jane Doe"]


def test_joint_statement_credits_each_organisation(nlp):
    text = "Protest\n\nGreenpeace, Oxfam and WWF have all spoken out against the new coal mine."
    speakers = {c["speaker"] for c in run_text(nlp, text)._.claims if "coal mine" in c["text"]}
    assert {"Greenpeace", "Oxfam", "WWF"} <= speakers


def test_courtesy_title_later_gives_the_gender_over_a_post(nlp):
    text = ("Wards\n\nNurses' union chairman Mara Quill said staff were stretched thin.\n\n"
            "\"They cannot cover every shift,\" she said. Ms Quill said longer rotas meant more mistakes.")
    assert speaker_of(run_text(nlp, text)._.claims, "They cannot cover every shift") == "Mara Quill"


def test_participle_on_an_object_that_cannot_speak_is_the_doers(nlp):
    text = "Roads\n\nBut transport minister Dana Kell backed the change saying it would give drivers more time."
    assert speaker_of(run_text(nlp, text)._.claims, "give drivers more time") == "Dana Kell"


def test_participle_on_people_stays_theirs(nlp):
    text = "Police\n\nThe minister met voters saying they wanted more police."
    assert speaker_of(run_text(nlp, text)._.claims, "wanted more police") is None


def test_confided_and_implored_introduce_quotes(nlp):
    claims = run_text(nlp, "Show\n\n\"That was a disaster. I could not think of a thing,\" a tearful Mr Dunmore confided "
                           "to the host.")._.claims
    assert speaker_of(claims, "That was a disaster") == "Dunmore"
    claims = run_text(nlp, "Show\n\n\"Will nobody speak up for the otters?\" implored campaigner Rafe Dunmore.")._.claims
    assert speaker_of(claims, "speak up for the otters") == "Rafe Dunmore"


def test_a_sigh_alone_is_no_claim(nlp):
    assert run_text(nlp, "Show\n\nTom Hill sighed and left the room.")._.claims == []


def test_surnamed_is_not_part_of_the_name_and_the_name_speaks(nlp):
    doc = run_text(nlp, "Walk\n\n\"The old walls look lovely. It is so calm here,\" said a 33-year-old resident surnamed Lin.")
    assert speaker_of(doc._.claims, "The old walls look lovely") == "Lin"
    assert [c for c in doc._.claims if "surnamed" in c["text"]] == []
    assert {e["name"] for e in doc._.entities if e["label"] == "PERSON"} == {"Lin"}


def test_subject_given_a_name_speaks(nlp):
    claims = run_text(nlp, "Walk\n\nA shop owner named Tom Hill said the street was too quiet.")._.claims
    assert speaker_of(claims, "the street was too quiet") == "Tom Hill"


def test_trailing_cue_with_a_surnamed_speaker(nlp):
    claims = run_text(nlp, "Walk\n\nThe walls are beautiful, said a resident surnamed Lin.")._.claims
    assert speaker_of(claims, "The walls are beautiful") == "Lin"


def test_a_person_the_sentence_opens_on_is_the_she_after_it(nlp):
    text = ("Walk\n\n\"The walls look lovely,\" said a resident surnamed Lin. Lin was walking with her cousin "
            "surnamed Wang. For Wang, it was a first visit. \"The buildings are very grand,\" she said.")
    assert speaker_of(run_text(nlp, text)._.claims, "The buildings are very grand") == "Wang"


def test_a_post_on_x_ends_its_sentence(nlp):
    text = ("Cars\n\n\"Tariffs hurt our carmakers,\" said Transport Minister Karl Brandt in a message posted on X. "
            "Prime Minister Ana Ruiz opposed the tariffs. In an interview, she said the country was not bound by them.")
    claims = run_text(nlp, text)._.claims
    assert speaker_of(claims, "Tariffs hurt our carmakers") == "Karl Brandt"
    assert speaker_of(claims, "not bound by them") == "Ana Ruiz"


def test_a_learned_profession_goes_on_with_the_last_speaker(nlp):
    text = ("Lab\n\nNobel laureate Otto Brandvik said the lab was growing fast. A keen cyclist since his student days, the "
            "biophysicist, who spoke to us by video from his kitchen, said he was training for a race.")
    assert speaker_of(run_text(nlp, text)._.claims, "training for a race") == "Otto Brandvik"


def test_a_tourist_is_someone_new(nlp):
    text = "Lab\n\nNobel laureate Otto Brandvik said the lab was growing fast. The tourist said the city was lovely."
    assert speaker_of(run_text(nlp, text)._.claims, "the city was lovely") is None


def test_company_name_opening_on_a_nationality_speaks_whole(nlp):
    claims = run_text(nlp, "Storms\n\nSwiss Re said losses from the storms would top $2bn.")._.claims
    assert speaker_of(claims, "losses from the storms") == "Swiss Re"


def test_nationality_before_a_common_noun_stays_unnamed(nlp):
    claims = run_text(nlp, "Storms\n\nSwiss officials said losses would top $2bn.")._.claims
    assert speaker_of(claims, "losses would top") is None

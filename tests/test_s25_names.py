"""Stop 25: names the model cuts or runs into a post (sentences written here)."""

import pytest
import spacy
from spacy.tokens import Doc

from cooptool.extract.components.entities.trim import _drop_leading_post
from tests.conftest import run_text

model = pytest.mark.model


def _names(nlp, text):
    return {(e["label"], e["name"]) for e in run_text(nlp, text)._.entities}


def _affiliations(nlp, text):
    return {(a["person"], a["org"], a["role"]) for a in run_text(nlp, text)._.affiliations}


@pytest.mark.parametrize("text, name", [
    ("Peace\n\nChey Tae-won, chairman of SK Group, said no country can do it alone.", "Chey Tae-won"),
    ("Talks\n\nBan Ki-moon, the former UN secretary-general, agreed.", "Ban Ki-moon"),
])
@model
def test_hyphenated_given_name_kept_whole(nlp, text, name):
    assert ("PERSON", name) in _names(nlp, text)


@model
def test_hyphenated_adjective_is_no_longer_name(nlp):
    names = {n for _, n in _names(nlp, "Media\n\nThe Sam Norris-owned paper said sales fell.")}
    assert not any(n.endswith("-owned") for n in names)


@model
def test_post_taken_into_organisation_name_is_cut(nlp):
    found = _affiliations(nlp, "Forum\n\nGong Wei, President of Harwell University, said universities are hubs.")
    assert ("Gong Wei", "Harwell University", "President") in found


@pytest.mark.parametrize("words, kept", [
    (["Secretary", "of", "State", "for", "Health"], 0),
    (["Minister", "of", "Health"], 0),
    (["President", "of", "Harwell", "University"], 2),
    (["Chairman", "of", "the", "Harwell", "Group"], 3),
    (["Chairman", "of", "HSBC"], 2),
    (["Board", "of", "Irrigation", "Users"], 0),
])
def test_leading_post_of(words, kept):
    doc = Doc(spacy.blank("en").vocab, words=words)
    assert _drop_leading_post(doc, 0, len(words), "ORG") == (kept, len(words))


@model
def test_relative_is_no_post(nlp):
    found = _affiliations(nlp, "Visit\n\nMaria Lund, wife of Norway's ambassador to Japan, said she was moved.")
    assert not [a for a in found if a[0] == "Maria Lund"]


@model
def test_sentence_initial_he_is_the_pronoun_mid_sentence_he_the_surname(nlp):
    text = ("Forum\n\n\"Cooperation matters,\" said Vice-Premier He Lifeng. The forum is valuable, said Kim Young Tae, "
            "secretary-general of the Transport Forum. He also noted the improvement of the air in Beijing. "
            "\"Young people are equals,\" noted He.")
    speakers = {c["text"]: c["speaker"] for c in run_text(nlp, text)._.claims}
    assert speakers["the improvement of the air in Beijing"] == "Kim Young Tae"
    assert speakers["Young people are equals"] == "He Lifeng"


@model
def test_reported_clause_ends_at_a_colon_that_opens_a_quote(nlp):
    text = ('Museums\n\nAyla Demir runs the museum. Demir says the space has a mystical quality: "Perhaps I love '
            'museums. I cannot stand the present."\n\nLord Marlow told BBC Radio: "We are going to court."')
    claims = {c["text"]: c for c in run_text(nlp, text)._.claims}
    assert "the space has a mystical quality" in claims
    assert claims["Perhaps I love museums. I cannot stand the present."]["speaker"] == "Ayla Demir"
    assert not any(t.startswith("BBC Radio") for t in claims)


@pytest.mark.parametrize("text, published, iso", [
    ("July", "2024-10-18", "2024-07"),
    ("July", "2024-06-10", "2024-07"),
    ("February", "2024-12-10", "2025-02"),
    ("November", "2025-01-05", "2024-11"),
    ("July", None, None),
    ("Tuesday", "2024-06-10", None),
])
def test_a_month_alone_is_the_one_nearest_publication(text, published, iso):
    from cooptool.extract.components.events import _month_nearest
    assert _month_nearest(text, published) == iso


@model
def test_a_named_report_speaks_for_its_owner(nlp):
    text = "Debt\n\nThe Harwell Fund published its figures. Later the Harwell Fund's Annual Review said growth was weak."
    claims = run_text(nlp, text)._.claims
    assert [c["speaker"] for c in claims if c["text"] == "growth was weak"] == ["Harwell Fund"]


@model
def test_the_country_is_the_country_just_named(nlp):
    text = ("China proposes transport plan\n\nChina has put forth a plan to improve rural roads, Vice-Premier He Lifeng "
            "said on Wednesday. The country expressed its willingness to share its experience in road building.")
    claims = run_text(nlp, text)._.claims
    assert [c["speaker"] for c in claims if c["text"].startswith("its willingness")] == ["China"]


@model
def test_party_before_a_party_post_is_found(nlp):
    from cooptool.extract.components.entities.finders import find_party_before_post
    words = ["Labour", "leader", "Tony", "Blair", "spoke", ".", "Labour", "costs", "rose", ".", "Tory", "MPs", "objected"]
    doc = Doc(spacy.blank("en").vocab, words=words)
    assert find_party_before_post(doc) == [(0, 1), (10, 11)]
    found = run_text(nlp, "Asylum\n\nTory leader Michael Howard said the plans were fair. Labour leader Tony Blair disagreed.")
    assert ("Tony Blair", "Labour") in {(a["person"], a["org"]) for a in found._.affiliations}

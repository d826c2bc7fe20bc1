"""Affiliation recall (issue 12): wordings the rules used to miss, on sentences written for these tests."""

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model


def _found(nlp, text):
    return {(a["person"], a["org"]) for a in run_text(nlp, text)._.affiliations}


def test_role_linked_by_a_participle_to_two_employers(nlp):
    text = ("Trade talks\n\nRana Malik, a scholar associated with Canada's Lakehead University and Kenya's "
            "Moi University, said trade would grow.")
    found = _found(nlp, text)
    assert ("Rana Malik", "Lakehead University") in found
    assert ("Rana Malik", "Moi University") in found
    assert not any(org in ("Canada", "Kenya") for _, org in found), found


def test_country_possessor_before_a_named_employer(nlp):
    found = _found(nlp, "Bank talks\n\nTom Reed, a director of Germany's Siemens, said rates would rise.")
    assert ("Tom Reed", "Siemens") in found


def test_minister_of_the_devolved_government_the_story_is_about(nlp):
    text = ("Fees row\n\nScottish students will pay less, and Scottish universities said so. Lifelong Learning "
            "Minister Angus Reith said Scotland would not lose out, not just in Britain. Universities in "
            "Scotland agreed.")
    assert ("Angus Reith", "Scotland government") in _found(nlp, text)


def test_firm_described_by_its_kind_after_at(nlp):
    text = "Oil deal\n\n\"Buyers want leverage,\" said Pavel Orlov, an analyst at brokerage Aton."
    assert ("Pavel Orlov", "Aton") in _found(nlp, text)


def test_producer_in_a_list_of_people_is_still_no_employer(nlp):
    text = "Label history\n\nThe label was founded by Ray Holt and producer Sam Rudd in 1990."
    assert not any(p == "Ray Holt" for p, _ in _found(nlp, text))


def test_nicknamed_person_is_one_name(nlp):
    text = 'Label deal\n\nMarcus "DJ" Holloway, chairman of the Vantor Music Group, said sales rose.'
    doc = run_text(nlp, text)
    assert 'Marcus "DJ" Holloway' in [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert ('Marcus "DJ" Holloway', "Vantor Music Group") in _found(nlp, text)


def test_quoted_word_after_a_verb_is_no_nickname(nlp):
    doc = run_text(nlp, 'Vote\n\nAnna Jones said "Yes" Paul would come, and Paul did.')
    assert not any('"' in e.text for e in doc.ents), [e.text for e in doc.ents]


_CORVEL = ("Corvel results\n\nCorvel Systems reported record sales on Monday. Shares in Corvel Systems rose 5%. "
           "Analysts said Corvel Systems had gained market share. ")


@pytest.mark.parametrize("sentence", [
    "The company's chief executive Peter Hale said demand stayed strong.",
    "Peter Hale, the firm's chairman, said demand stayed strong.",
    "Its chief executive, Peter Hale, said demand stayed strong.",
])
def test_company_post_owned_by_its_or_the_company(nlp, sentence):
    assert ("Peter Hale", "Corvel Systems") in _found(nlp, _CORVEL + sentence)


def test_someone_elses_spokesman_is_not_the_company(nlp):
    found = _found(nlp, _CORVEL + "The minister's spokesman, Peter Hale, said demand stayed strong.")
    assert not any(p == "Peter Hale" for p, _ in found), found


def test_eu_commissioner_needs_the_eu_named(nlp):
    text = "Trade row\n\nEuropean Trade Commissioner Marco Bellini said the European Union would act."
    assert ("Marco Bellini", "European Union") in _found(nlp, text)
    assert not _found(nlp, "Trade row\n\nEuropean Trade Commissioner Marco Bellini said tariffs would rise.")


def test_deputy_secretary_general_is_not_read_as_the_un_chief(nlp):
    text = ("Summit\n\nThe UN met. Deputy Secretary-General Maria Okonkwo spoke, with Secretary General "
            "Ali Rahman.")
    found = _found(nlp, text)
    assert ("Ali Rahman", "UN") in found
    assert not any(p == "Maria Okonkwo" and o == "UN" for p, o in found), found


def test_its_then_chief_executive(nlp):
    text = _CORVEL + "Its then chief executive, Peter Hale, said demand stayed strong."
    assert ("Peter Hale", "Corvel Systems") in _found(nlp, text)


def test_appointment_names_the_employer(nlp):
    text = "Board shake-up\n\nShares in Barclays rose after Barclays appointed Peter Hale as finance director."
    assert ("Peter Hale", "Barclays") in _found(nlp, text)
    other = "Board shake-up\n\nNorland Freight Ltd named Peter Hale as chief executive of Vantor Group."
    assert ("Peter Hale", "Norland Freight Ltd") not in _found(nlp, other)


def test_possessed_name_without_a_designator_is_no_company(nlp):
    text = ("Budget\n\nThe Tories and Labour clashed at Westminster. Chancellor Gordon Brown spoke. "
            "Mr Brown's Budget, he said, would help families.")
    found = _found(nlp, text)
    assert not any(o == "Budget" for _, o in found), found


def test_centre_named_inside_the_role_is_an_employer_too(nlp):
    text = ("Art book\n\nHelen Marsh, professor of ancient art and director of the Harlow Art Research Centre at "
            "the University of Leeds, edited the book.")
    found = _found(nlp, text)
    assert ("Helen Marsh", "Harlow Art Research Centre") in found
    assert ("Helen Marsh", "University of Leeds") in found


def test_name_of_role_words_ending_on_an_institution_head_is_an_organisation(nlp):
    text = "Summit\n\nTariq Khan, a journalist with the Islamabad-based Country Media Group, said it mattered."
    assert ("Tariq Khan", "Country Media Group") in _found(nlp, text)


def test_who_joined_names_the_employer(nlp):
    text = "Lab news\n\nErika Lind, who joined the Vantor Research Institute in 2016, leads its laboratory."
    assert ("Erika Lind", "Vantor Research Institute") in _found(nlp, text)

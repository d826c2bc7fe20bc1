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

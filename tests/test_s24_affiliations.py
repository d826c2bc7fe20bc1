"""Stop 24 affiliation changes (issue 12, China-related forms), on sentences written for these tests
(trained model needed)."""

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model


def _found(nlp, text):
    return {(a["person"], a["org"]): a for a in run_text(nlp, text)._.affiliations}


def test_bare_vice_premier_in_chinese_media_is_china_s(nlp):
    found = _found(nlp, "BEIJING -- China will cut tariffs, the State Council said. Addressing the forum, "
                        "Vice-Premier Zhou Lanfang said China would open wider to Kenya and Peru.")
    rec = found[("Zhou Lanfang", "China government")]
    assert rec["role"] == "Vice-Premier" and rec["pattern"] == "affiliation.government.china", rec


def test_bare_premier_beside_a_foreign_prime_minister_is_china_s(nlp):
    found = _found(nlp, "China and Laos signed deals. The signing was witnessed by visiting Premier Wen Tao "
                        "and Lao Prime Minister Sonexay Phan, as Laos and China agreed, and Laos gained.")
    assert ("Wen Tao", "China government") in found, found
    assert not any(org != "China government" for person, org in found if person == "Wen Tao"), found


def test_bare_premier_with_no_china_stays_unplaced(nlp):
    found = _found(nlp, "Kenya and Peru signed a deal, Xinhua reported. Premier Joan Otieno said the pact would help.")
    assert not any(person == "Joan Otieno" for person, _ in found), found


def test_party_secretary_of_a_province(nlp):
    found = _found(nlp, "Wang Hui, Party secretary of Gansu Province, visited a solar plant on Friday.")
    assert found[("Wang Hui", "Gansu Province")]["role"] == "Party secretary", found
    assert not any(org == "Party" for _, org in found), found


def test_nationality_describing_a_firm_is_not_a_government(nlp):
    found = _found(nlp, "That view was echoed by Fang Ying, president of Swedish telecom giant Ericsson China, "
                        "which joined in 2015.")
    assert ("Fang Ying", "Ericsson China") in found, found
    assert not any("government" in org for _, org in found), found

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


def test_newly_appointed_is_not_part_of_the_role(nlp):
    found = _found(nlp, "Huang Min, the newly appointed chairman of Dongsheng Airlines, said the fleet would grow.")
    rec = found[("Huang Min", "Dongsheng Airlines")]
    assert (rec["role"], rec["status"]) == ("chairman", "incoming"), rec


def test_surname_he_after_a_title_is_kept(nlp):
    doc = run_text(nlp, "Trade rules\n\nVice-Premier He Lanfang said China would open wider. He spoke in Beijing.")
    people = [e for e in doc._.entities if e["label"] == "PERSON"]
    assert [p["name"] for p in people] == ["He Lanfang"], people


def test_lower_case_portfolio_is_no_organisation(nlp):
    found = _found(nlp, "China and Peru signed a deal, and China gained. Yu Jialin, vice-minister of commerce, "
                        "said trade grew.")
    assert not any(org == "commerce" for _, org in found), found
    assert found[("Yu Jialin", "China government")]["role"] == "vice-minister of commerce", found


def test_short_head_title_goes_to_the_named_institution(nlp):
    found = _found(nlp, "The Ministry of Commerce said on Thursday the talks were useful. Ministry spokesperson "
                        "Lu Wenjie said more talks would follow.")
    assert found[("Lu Wenjie", "Ministry of Commerce")]["pattern"] == "affiliation.title.short_head", found


def test_sentence_initial_title_after_an_organisation_subject(nlp):
    found = _found(nlp, "Pay row\n\nThe Norvale Trust was closed last year after losing money. Chief executive "
                        "Tom Reyes was paid a large bonus.")
    assert found[("Tom Reyes", "Norvale Trust")]["pattern"] == "affiliation.context.previous_subject", found


def test_envoy_title_is_the_sending_country_s(nlp):
    found = _found(nlp, "Chinese Ambassador to the US Zhao Lanfang said ties were stable.")
    assert found[("Zhao Lanfang", "China government")]["role"] == "Chinese Ambassador to the US", found
    assert not any(org == "US" for _, org in found), found


def test_ex_prefix_is_not_part_of_the_organisation(nlp):
    found = _found(nlp, "Board news\n\nEx-Norvik chief executive Pavel Orlov said the deal was poor.")
    rec = found[("Pavel Orlov", "Norvik")]
    assert (rec["role"], rec["status"]) == ("former chief executive", "former"), rec

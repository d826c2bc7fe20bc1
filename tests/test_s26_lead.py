"""Stop 26 lead fixes, on sentences written for the tests."""

import pytest

from tests.conftest import run_text, speaker_of

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text", [
    '"Ports need the most attention this year," Ana Ruiz, Chile\'s permanent representative said.\n',
    '"Ports need the most attention this year," Ana Ruiz, the bank\'s chief economist said.\n',
])
def test_a_speaker_named_before_an_apposition_left_open(nlp, text):
    assert speaker_of(run_text(nlp, text)._.claims, "Ports need") == "Ana Ruiz"


def test_a_name_with_its_own_part_in_the_clause_is_not_the_speaker(nlp):
    claims = run_text(nlp, "After meeting Ana Ruiz, Chile's permanent representative said the talks went well.\n")._.claims
    assert not any(c["speaker"] == "Ana Ruiz" for c in claims), claims


@pytest.mark.parametrize(("text", "role"), [
    ("Chilean ambassador to the US Ana Ruiz spoke at the forum.\n", "Chilean ambassador to the US"),
    ("Chile's former ambassador to the US Ana Ruiz spoke at the forum.\n", "former ambassador to the US"),
])
def test_an_envoy_title_with_a_lower_case_head(nlp, text, role):
    affs = run_text(nlp, text)._.affiliations
    assert any(a["person"] == "Ana Ruiz" and a["role"] == role and a["org"].startswith("Chile") for a in affs), affs


def test_it_after_a_document_that_spoke_is_its_author(nlp):
    text = ('Norway delivered a joint statement for 40 countries at the UN. "We oppose sanctions on poor states," '
            'Kari Holm, Norway\'s permanent representative to the UN, said in the statement. "All parties should '
            'respect the charter," said the statement. "Trade must stay open," it said.\n')
    claims = run_text(nlp, text)._.claims
    assert speaker_of(claims, "Trade must stay open") == "Kari Holm"


def test_it_after_a_named_subject_is_not_the_document(nlp):
    text = ('"Exports will fall," said the report of the Trade Council. Then Acme Holdings met its lenders. '
            '"Prices will rise," it said.\n')
    claims = run_text(nlp, text)._.claims
    assert speaker_of(claims, "Prices will rise") == "Acme Holdings"


@pytest.mark.parametrize("text", [
    "Acme Holdings published a report on Monday. The report said sales fell.\n",
    "The Trade Ministry issued a statement. The statement said sales fell.\n",
])
def test_the_document_an_author_published_earlier_speaks_for_it(nlp, text):
    speaker = speaker_of(run_text(nlp, text)._.claims, "sales fell")
    assert speaker in ("Acme Holdings", "Trade Ministry")


def test_according_to_two_sources_credits_both(nlp):
    text = ("The Harlow Fund released its annual report on Monday. Ana Ruiz, the fund's chief economist, spoke. "
            "According to Ruiz and the report, there are three main drivers of debt risks.\n")
    claims = [c for c in run_text(nlp, text)._.claims if "three main drivers" in c["text"]]
    assert {c["speaker"] for c in claims} == {"Ana Ruiz", "Harlow Fund"}, claims


def test_a_naming_cue_with_a_one_word_quoted_name_keeps_what_it_names(nlp):
    claims = run_text(nlp, "Trial\n\nMaya Kent called the charges “absurd”.\n")._.claims
    assert any(c["speaker"] == "Maya Kent" and c["text"].startswith("the charges") for c in claims), claims


@pytest.mark.parametrize("text", [
    "Talks\n\nMore than 30 countries, including non-BRICS members, joined the meeting.\n",
    "Vote\n\nThe anti-EU campaign grew, and pro-Beijing lawmakers voted against it.\n",
])
def test_a_name_hyphened_to_a_stance_prefix_is_no_entity(nlp, text):
    names = [e["name"] for e in run_text(nlp, text)._.entities]
    assert not any("-" in n and n.split("-")[0].lower() in ("non", "anti", "pro") for n in names), names

"""Affiliation patterns on sentences written for these tests (trained model needed)."""

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model

CASES = [
    ("Markets fell. Paul Newsome, an insurance analyst at Carter Hollis, said the deal was fair.",
     "Paul Newsome", "insurance analyst", "Carter Hollis"),
    ("Oxfam senior policy adviser Max Lawson said the talks had failed.",
     "Max Lawson", "senior policy adviser", "Oxfam"),
    ("UK chancellor Gordon Brown will travel to Washington next week.",
     "Gordon Brown", "chancellor", "UK"),
    ("The chief executive of Tesco, Terry Leahy, said sales had been strong.",
     "Terry Leahy", "chief executive", "Tesco"),
    ("Maria Lopez, chief financial officer of Vantage Robotics Inc., said orders doubled.",
     "Maria Lopez", "chief financial officer", "Vantage Robotics Inc."),
]


@pytest.mark.parametrize(("text", "person", "role", "org"), CASES)
def test_patterns(nlp, text, person, role, org):
    doc = run_text(nlp, text)
    found = [(a["person"], a["role"], a["org"]) for a in doc._.affiliations]
    assert any(p == person and role in r.lower() and o == org for p, r, o in found), found


def test_acronym_org_resolves_to_definition(nlp):
    text = ("The Northern Rail Freight Association (NRFA) published figures on Monday.\n\n"
            "Sara Quinn, director of the NRFA, said volumes rose.")
    doc = run_text(nlp, text)
    assert [(a["person"], a["org"]) for a in doc._.affiliations] == [
        ("Sara Quinn", "Northern Rail Freight Association")]
    assert doc._.affiliations[0]["org_aliases"] == ["NRFA"]


def test_offsets_point_at_the_sentence(nlp):
    text = "Shares rose.\n\nPaul Newsome, an insurance analyst at Carter Hollis, said the deal was fair."
    aff = run_text(nlp, text)._.affiliations[0]
    assert text[aff["start"]:aff["end"]].strip() == aff["evidence"]
    assert text[aff["person_start"]:aff["person_end"]] == "Paul Newsome"


def test_no_affiliation_without_a_role(nlp):
    text = "John Smith, who lives in Leeds, visited Barclays on Monday."
    assert run_text(nlp, text)._.affiliations == []


def test_byline(nlp):
    text = ("Ports Reopen\n\n2024-03-01 10:00:00 Source:Coastal Times Author:staff reporter LENA VOSS\n\n"
            "The ports reopened on Friday after the storm.\n")
    affs = run_text(nlp, text)._.affiliations
    assert [(a["person"], a["role"], a["org"], a["pattern"]) for a in affs] == [
        ("Lena Voss", "staff reporter", "Coastal Times", "byline")]


MORE_CASES = [
    ("Flights resumed. Hanna Berg, NUJ general secretary, said staff were angry.",
     "Hanna Berg", "general secretary", "NUJ"),
    ("Prices rose. Lars Dahl, who is chairman of Nordic Freight Holdings, welcomed the news.",
     "Lars Dahl", "chairman", "Nordic Freight Holdings"),
    ("Sales fell. Mona Pike has been chief executive of Bellweather Foods since 2001.",
     "Mona Pike", "chief executive", "Bellweather Foods"),
    ("Rates held. Pablo Ortiz, a strategist at Quarry Securities told reporters that rates would rise.",
     "Pablo Ortiz", "strategist", "Quarry Securities"),
]


@pytest.mark.parametrize(("text", "person", "role", "org"), MORE_CASES)
def test_more_patterns(nlp, text, person, role, org):
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert any(p == person and role in r.lower() and o == org for p, r, o in found), found


@pytest.mark.parametrize("text", [
    "Talks ended. The US lawyer Jim Hale said the case was weak.",
    "Markets closed. Kim Ryder, an analyst in London, said shares fell.",
])
def test_nationality_or_place_is_not_an_employer(nlp, text):
    assert run_text(nlp, text)._.affiliations == []


NO_ROLE_CASES = [
    ("Demand slowed. \"Buyers are wary,\" said Ines Moreau of consultancy Harwick Partners.",
     "Ines Moreau", "Harwick Partners"),
    ("Demand slowed. \"Buyers are wary,\" said Harwick Partners's Ines Moreau.",
     "Ines Moreau", "Harwick Partners"),
]


@pytest.mark.parametrize(("text", "person", "org"), NO_ROLE_CASES)
def test_org_without_role(nlp, text, person, org):
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert (person, None, org) in found, found


def test_bare_cabinet_title_is_the_uk_government_when_the_uk_is_in_the_article(nlp):
    text = ("Schools plan\n\nThe UK has new rules for schools. Britain's teachers welcomed them.\n\n"
            "Education Secretary Dana Whitfield said the rules were fair.")
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert found == [("Dana Whitfield", "Education Secretary", "UK government")]


def test_person_before_title_is_not_an_organisation(nlp):
    text = "Party news\n\nThe plan was backed by Mark Dalton and shadow chancellor Ruth Emery on Monday."
    doc = run_text(nlp, text)
    assert all(a["org"] != "Mark Dalton" for a in doc._.affiliations)
    assert {e["label"] for e in doc._.entities if e["name"] == "Mark Dalton"} == {"PERSON"}


@pytest.mark.parametrize(("text", "person", "role", "org"), [
    ("Rates rose.\n\nThe Turkish economics minister, Ali Demir, said talks went well.",
     "Ali Demir", "economics minister", "Turkish"),
    ("Rates rose.\n\nPaul Dane, UK economist for Harrow Economics, said the figures improved.",
     "Paul Dane", "uk economist", "Harrow Economics"),
])
def test_country_before_role(nlp, text, person, role, org):
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert any(p == person and r.lower() == role and o == org for p, r, o in found), found


def test_company_title_with_no_company_named_goes_to_the_article_s_company(nlp):
    text = ("Harlow Foods profits rise\n\nHarlow Foods said profits rose 8%. Harlow Foods also raised its "
            "dividend, and shares in Harlow Foods climbed.\n\n\"We are confident,\" said chief executive "
            "Mina Patel.\n")
    found = [(a["person"], a["role"], a["org"], a["pattern"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Mina Patel", "chief executive", "Harlow Foods", "context") in found, found


def test_company_title_stays_unplaced_when_no_company_dominates(nlp):
    text = ("Deal talks\n\nOrrin Steel met Vale Mining and Orrin Steel later met Vale Mining again.\n\n"
            "\"Talks went well,\" said chief executive Mina Patel.\n")
    assert all(a["person"] != "Mina Patel" for a in run_text(nlp, text)._.affiliations)


NO_ROLE_CASES = [
    # "at"/"from" an organisation, with or without a comma, no role stated
    ("Shares slid. \"The value was in the drug,\" said Owen Mallory at Goodwin Securities in Dublin.",
     "Owen Mallory", "Goodwin Securities"),
    ("Gas rose. \"Winter will be cold,\" said Kyle Brandt, at Citigroup Global Markets.",
     "Kyle Brandt", "Citigroup Global Markets"),
    ("Fox hunting returned. Mike Tolland, of the League Against Cruel Sports, said the law was clear.",
     "Mike Tolland", "League Against Cruel Sports"),
]


@pytest.mark.parametrize(("text", "person", "org"), NO_ROLE_CASES)
def test_person_of_at_from_an_organisation(nlp, text, person, org):
    found = [(a["person"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert (person, org) in found, found


def test_at_a_place_is_not_an_employer(nlp):
    doc = run_text(nlp, "Tim Hardy at Wembley said the crowd was loud.")
    assert doc._.affiliations == []


def test_department_before_a_title_is_the_organisation_and_the_speaker_is_the_person(nlp):
    doc = run_text(nlp, "\"The plan is not convincing,\" said Treasury Under Secretary Paul Vance.")
    assert [(a["person"], a["role"], a["org"]) for a in doc._.affiliations] == [
        ("Paul Vance", "Under Secretary", "Treasury")]
    assert [c["speaker"] for c in doc._.claims] == ["Paul Vance"]


def test_possessor_nearest_the_name_in_a_role_before_a_comma(nlp):
    text = "Debts must be paid, said Jack Hollis, adviser to the IMF's managing director, Rodrigo Vela."
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Rodrigo Vela", "managing director", "IMF") in found, found


def test_a_name_the_model_calls_an_organisation_is_a_person_with_a_personal_role(nlp):
    text = "\"Growth will return,\" said Jean-Philippe Cotis, the OECD's chief economist."
    doc = run_text(nlp, text)
    assert [(a["person"], a["role"], a["org"]) for a in doc._.affiliations] == [
        ("Jean-Philippe Cotis", "chief economist", "OECD")]
    # A firm in apposition with a description is left alone.
    doc = run_text(nlp, "\"Sales will rise,\" said Goldman Sachs, the market leader.")
    assert [e["label"] for e in doc._.entities if e["name"] == "Goldman Sachs"] == ["ORG"]


def test_a_possessive_name_with_no_role_must_be_someone_speaking(nlp):
    doc = run_text(nlp, "Markets\n\n\"Sales will slow,\" said ABN Amro's Eddie Wong.")
    assert [(a["person"], a["org"]) for a in doc._.affiliations] == [("Eddie Wong", "ABN Amro")]
    doc = run_text(nlp, "Gadgets\n\nSony's Playstation Portable is the top gadget of the year.")
    assert doc._.affiliations == []

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
        ("Lena Voss", "staff reporter", "Coastal Times", "affiliation.byline")]


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
     "Ali Demir", "turkish economics minister", "Turkey government"),
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
    assert ("Mina Patel", "chief executive", "Harlow Foods", "affiliation.context") in found, found


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


@pytest.mark.parametrize(("text", "person", "role", "org"), [
    ("Prices rose.\n\nSteel analyst Nils Gray, director of Leeds-based consulting group Ferrox Metrics, said demand held.",
     "Nils Gray", "director", "Ferrox Metrics"),
    ("Prices rose.\n\nThe head of research at US investment bank Harlow Brothers, Ann Lee, said demand was strong.",
     "Ann Lee", "head of research", "Harlow Brothers"),
    ("Prices rose.\n\nAnn Lee is a director of Swiss bank Orrin Capital.",
     "Ann Lee", "director", "Orrin Capital"),
])
def test_description_of_the_organisation_is_not_part_of_the_role(nlp, text, person, role, org):
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert (person, role, org) in found, found


@pytest.mark.parametrize(("text", "person", "role", "org"), [
    ("Talks went on.\n\nBritain's Europe Director Tom Hale said the deal was close.",
     "Tom Hale", "Europe Director", "Britain"),
    ("Sales rose.\n\nMicrosoft's Asia president Jane Roe said demand was strong.",
     "Jane Roe", "Asia president", "Microsoft"),
])
def test_region_in_a_title_after_a_possessor(nlp, text, person, role, org):
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert found == [(person, role, org)], found


_WESTMINSTER = ("Schools plan\n\nLabour MPs backed the plan in the Commons. The Conservatives and Lib Dems "
                "opposed it at Westminster.\n\n")


def test_bare_cabinet_titles_in_british_politics_with_the_uk_never_named(nlp):
    text = _WESTMINSTER + ("Home Secretary Dana Whitfield said the rules were fair. The plan was first drafted "
                           "by the then Home Secretary Mark Dalton.\n\nPeter Hale, the chancellor, said it was "
                           "affordable. Ann Lee, secretary of state for health, agreed.")
    found = {(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations}
    assert found == {("Dana Whitfield", "Home Secretary", "UK government"),
                     ("Mark Dalton", "former Home Secretary", "UK government"),  # "the then Home Secretary"
                     ("Peter Hale", "chancellor", "UK government"),
                     ("Ann Lee", "secretary of state for health", "UK government")}, found


def test_past_and_opposition_posts_are_not_the_government_s(nlp):
    text = _WESTMINSTER + ("Former Cabinet minister Ken Hogg said the Bill was wrong. Tory ex-minister Ann Lee "
                           "agreed. Conservative local government spokeswoman Jo Marsh said it was costly.")
    assert [a for a in run_text(nlp, text)._.affiliations if a["org"] == "UK government"] == []


def test_secretary_in_american_politics_is_not_the_uk_government(nlp):
    text = ("School plan\n\nRepublicans in Congress and the Senate backed the plan. The White House welcomed it. "
            "British teachers were surprised.\n\nEducation Secretary Dana Whitfield said the rules were fair.")
    assert all(a["org"] != "UK government" for a in run_text(nlp, text)._.affiliations)


def test_government_post_goes_to_the_article_s_country(nlp):
    text = ("Spending plan\n\nKenya's budget was criticised. Kenya will borrow more, officials in Kenya said.\n\n"
            "Mark Dalton, the chief government spokesman, said the plan was fair. Government spokesman Ian Moss "
            "agreed.")
    found = {(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations}
    assert found == {("Mark Dalton", "chief government spokesman", "Kenya government"),
                     ("Ian Moss", "Government spokesman", "Kenya government")}, found


def test_government_post_stays_unplaced_when_no_country_dominates(nlp):
    text = ("Talks\n\nKenya and Uganda met. Kenya and Uganda agreed.\n\n"
            "Mark Dalton, a government spokesman, said the talks went well.")
    assert run_text(nlp, text)._.affiliations == []


@pytest.mark.parametrize(("text", "person", "role", "org"), [
    ("Row deepens\n\nA new book by Sunday Telegraph journalist Robert Hale says the pair had fallen out.",
     "Robert Hale", "journalist", "Sunday Telegraph"),
    ("Row deepens\n\nAnn Lee, editor of the Mail on Sunday, said the story was true.",
     "Ann Lee", "editor", "Mail on Sunday"),
    ("Row deepens\n\nIndependent on Sunday reporter Joe Bale said the story was true.",
     "Joe Bale", "reporter", "Independent on Sunday"),
])
def test_sunday_papers_are_organisations(nlp, text, person, role, org):
    doc = run_text(nlp, text)
    assert org in {e.text for e in doc.ents if e.label_ == "ORG"}
    found = [(a["person"], a["role"], a["org"]) for a in doc._.affiliations]
    assert (person, role, org) in found, found


def test_sunday_as_a_day_stays_a_date():
    import spacy
    from spacy.tokens import Span

    from cooptool.extract.components.entities import _add_sunday_papers

    doc = spacy.blank("en")("On Sunday the Times said the Sunday Express and the Mail on Sunday agreed ; "
                            "he flew home on Sunday .")
    doc.ents = [Span(doc, 1, 2, label="DATE"), Span(doc, 3, 4, label="ORG")]
    raw = [(3, 4, "ORG"), (6, 7, "ORG")]  # the model's "Times" and a stray "Express"
    assert [(doc[s:e].text, lab) for s, e, lab in _add_sunday_papers(doc, raw)] == [
        ("Times", "ORG"), ("Sunday Express", "ORG"), ("Mail on Sunday", "ORG")]


def test_public_post_before_a_comma_and_the_name(nlp):
    text = _WESTMINSTER + ("The Home Secretary, Dana Whitfield, said the rules were fair. The former home "
                           "secretary, Ken Hogg, disagreed.")
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert found == [("Dana Whitfield", "Home Secretary", "UK government")], found


def test_portfolio_the_model_calls_a_nationality_or_a_work_is_part_of_the_title(nlp):
    text = _WESTMINSTER + ("Children deserve to be protected, said Culture Secretary Tessa Jowell after the "
                           "meeting. Shadow Constitutional Affairs Secretary Oliver Heald disagreed.")
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert found == [("Tessa Jowell", "Culture Secretary", "UK government")], found


def test_nationality_in_a_bare_title_names_the_government(nlp):
    text = _WESTMINSTER + ("Wales Secretary Peter Hale and Welsh First Minister Rhodri Lloyd promoted the news "
                           "in Cardiff. Scottish Secretary Ian Reid was in Glasgow.")
    found = {(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations}
    assert found == {("Peter Hale", "Wales Secretary", "UK government"),
                     ("Rhodri Lloyd", "Welsh First Minister", "Wales government"),
                     ("Ian Reid", "Scottish Secretary", "UK government")}, found


def test_whole_cabinet_title_with_and(nlp):
    text = _WESTMINSTER + "Work and Pensions Secretary Alan Hale said it was fair. Blair and Home Secretary Ann Lee met."
    found = {(a["person"], a["role"]) for a in run_text(nlp, text)._.affiliations if a["org"] == "UK government"}
    assert found == {("Alan Hale", "Work and Pensions Secretary"), ("Ann Lee", "Home Secretary")}, found


def test_the_minister_may_be_the_cabinet_secretary_named_before(nlp):
    text = _WESTMINSTER + ("Education Secretary Dana Whitfield visited a school in Leeds on Monday. The minister "
                           "also said that teachers needed more support.")
    claims = [(c["speaker"], c["text"]) for c in run_text(nlp, text)._.claims]
    assert ("Dana Whitfield", "teachers needed more support") in claims, claims


def test_title_of_the_office_before_the_name(nlp):
    doc = run_text(nlp, "Debt\n\n\"We will act,\" said UK Chancellor of the Exchequer Gordon Brown.")
    assert [(a["person"], a["role"], a["org"]) for a in doc._.affiliations] == [
        ("Gordon Brown", "Chancellor of the Exchequer", "UK")]


def test_cabinet_title_then_mr_and_the_surname(nlp):
    text = ("Rift\n\nLabour MPs met in Westminster with Tory leaders in the Commons. On Tuesday, Deputy Prime "
            "Minister Mr Prescott told reporters the talks went well.")
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Prescott", "Deputy Prime Minister", "UK government") in found, found


def test_president_is_head_of_state_only_in_an_article_about_one_country(nlp):
    text = ("Debt talks\n\nArgentina is in talks with its creditors. Argentina wants a deal soon, and Argentina "
            "has offered bonds. President Nestor Kirchner said the offer was final.")
    found = [(a["person"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Nestor Kirchner", "Argentina government") in found, found
    text = ("Bank merger\n\nJapan's banks are merging. Japan wants bigger lenders, Japan's regulators say. "
            "SMFG President Yoshi Nishida said the deal was good.")
    assert [a for a in run_text(nlp, text)._.affiliations if a["org"] == "Japan government"] == []


def test_bare_president_in_american_politics_is_not_the_foreign_country_of_the_story(nlp):
    # Written for the stop-27 country list: Mongolia is named most, but the story reads as American
    # politics (Congress, the White House), whose own president is named bare.
    text = ("Visit\n\nMongolia's leader came to the White House. Mongolia wants trade, and Mongolia needs "
            "investors, Congress heard. President Obama praised Mongolia's reforms.")
    found = [(a["person"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Obama", "Mongolia government") not in found, found
    text = ("Vote\n\nMongolia holds a vote. Mongolia wants trade, and Mongolia needs investors. "
            "President Ganbold Tsend said the vote was fair.")
    found = [(a["person"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Ganbold Tsend", "Mongolia government") in found, found


def test_company_title_in_apposition_belongs_to_the_company_the_article_is_about(nlp):
    text = ("Unilever results\n\nUnilever said profits fell. Unilever will cut jobs, and Unilever shares slid. "
            "Under the plans, Patrick Cesar, the UK-based co-chairman, will become chief executive.")
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Patrick Cesar", "co-chairman", "Unilever") in found, found


def test_a_chancellor_in_a_scottish_story_is_the_uk_government(nlp):
    text = ("Visit\n\nThe economist visited Kirkcaldy in Scotland. He was invited by Chancellor Gordon Brown, "
            "who grew up in Scotland.")
    found = [(a["person"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Gordon Brown", "UK government") in found, found


def test_prime_minister_in_a_british_politics_story_about_another_country(nlp):
    text = ("Iraq\n\nIraq needs peace, and Iraq needs aid. The war in Iraq cost billions, Iraq's neighbours say. "
            "Downing Street had no comment, and MPs at Westminster were silent. But Prime Minister Tony Blair has "
            "said he will put Africa first.")
    found = [(a["person"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Tony Blair", "UK government") in found, found


def test_titles_with_for_and_names_with_particles(nlp):
    text = ("Climate talks\n\nUS Special Presidential Envoy for Climate John Kerry said the talks were constructive. "
            "Saudi Energy Minister Prince Abdulaziz bin Salman told reporters output would stay steady.")
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("John Kerry", "Special Presidential Envoy for Climate", "US") in found, found
    assert ("Abdulaziz bin Salman", "Saudi Energy Minister", "Saudi Arabia government") in found, found


def test_hyphenated_title(nlp):
    text = "Climate\n\nIn his speech, UN Secretary-General Antonio Guterres urged countries to act."
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Antonio Guterres", "Secretary-General", "UN") in found, found


def test_a_name_the_model_half_tagged_before_a_personal_role(nlp):
    text = ("Forum\n\nZhao Lei, general manager of Sino Wind Power, pointed out that offshore wind capacity would "
            "double by 2026.")
    found = [(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations]
    assert ("Zhao Lei", "general manager", "Sino Wind Power") in found, found

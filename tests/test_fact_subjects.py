"""Whose a figure is (`extract/components/fact_subject.py`), on sentences written for the tests: the body
that publishes or reports a number loses to what the number measures."""

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model


def subject_of(nlp, text, figure):
    found = [f for f in run_text(nlp, text)._.facts if f["text"] == figure]
    assert len(found) == 1, [f["text"] for f in run_text(nlp, text)._.facts]
    # The subject rule only: the about half of the pattern belongs to fact_about's rules.
    return found[0]["subject"], found[0]["pattern"].split("+")[0]


def test_a_statistics_office_loses_to_the_country_measured(nlp):
    text = "Japan figures\n\nFigures from the Cabinet Office showed that exports from Japan fell 0.4% in May.\n"
    assert subject_of(nlp, text, "0.4%")[0] == "Japan"


def test_an_office_publishing_gdp_gives_the_country_of_the_sentence(nlp):
    text = "Japan figures\n\nFigures released by the Cabinet Office showed that GDP in Japan fell 0.4% in May.\n"
    # the office is tied to "released", not to the figure: the country measured, read from "GDP in Japan"
    assert subject_of(nlp, text, "0.4%") == ("Japan", "fact.subject.economy_place")
    text = "Japan figures\n\nAt the Cabinet Office, officials said GDP in Japan fell 0.4% in May.\n"
    assert subject_of(nlp, text, "0.4%") == ("Japan", "fact.subject.publisher_country")


def test_a_ministry_raising_a_countrys_rate(nlp):
    text = ("Broadband plan\n\nThe Ministry of Trade wants more phone lines. The ministry said that it wanted to "
            "raise Spain's broadband penetration rate from about 5% today.\n")
    subject, pattern = subject_of(nlp, text, "about 5%")
    assert (subject, pattern.split("+")[0]) == ("Spain", "fact.subject.object_possessor")


def test_a_body_valuing_its_own_reserves_keeps_them(nlp):
    text = ("Gold sale\n\nThe US backs the plan. The IMF values its gold reserves at between $40 and $50 an ounce, "
            "a price fixed long ago. The US Treasury agrees.\n")
    assert subject_of(nlp, text, "$40 and $50")[0] == "IMF"


def test_a_company_named_like_a_department_is_no_reporting_body(nlp):
    text = "Retail deal\n\nUS retail giant Corvana Department Stores is to buy rival Belham Stores for $11bn.\n"
    assert subject_of(nlp, text, "$11bn")[0] == "Corvana Department Stores"


def test_a_global_figure_is_no_countrys(nlp):
    text = ("Portugal outlook\n\nPortugal held elections in May. Portugal also raised taxes.\n\n"
            "Global output is tipped to grow 4% this year.\n")
    assert subject_of(nlp, text, "4%")[0] is None


def test_the_worlds_second_biggest_economy_is_a_country(nlp):
    text = ("Japan slows\n\nJapan's exports fell in May. With the recovery slowing, the world's second biggest "
            "economy is now expected to grow by 0.2% this year.\n")
    assert subject_of(nlp, text, "0.2%")[0] == "Japan"


def test_a_name_inside_a_quote_is_not_the_figures(nlp):
    text = ("Harwell Foods results\n\nHarwell Foods cut prices in May. Harwell Foods also hired staff.\n\n"
            "Sales of tea dipped by 3% last year, \"despite strong sales at Brightleaf\", the company said.\n")
    assert subject_of(nlp, text, "3%")[0] == "Harwell Foods"


def test_a_news_agency_telling_the_news_is_not_what_follows(nlp):
    text = ("Plant to close\n\nHarwell Foods plans to close its plant in Leeds. Reuters also said that union "
            "leaders had protested.\nThe unions said the closure would mean the loss of 800 jobs.\n")
    assert subject_of(nlp, text, "800")[0] == "Harwell Foods"


def test_a_share_of_the_worlds_population_is_no_countrys(nlp):
    text = ("Japan phones\n\nJapan's exports fell in May. Japan also cut rates. The chief executive said that "
            "about 27% of the world's population now has access to mobile phones.\n")
    assert subject_of(nlp, text, "about 27%")[0] is None


def test_a_headline_nationality_names_the_storys_country(nlp):
    text = ("Weak data hits French economy\n\nFrance's factories slowed in May, and Paris shops had fewer "
            "buyers. Official figures showed on Friday that unemployment was unchanged at 9.9% last month.\n")
    assert subject_of(nlp, text, "9.9%")[0] == "France"


def test_the_words_of_a_body_stating_a_figure_do_not_stop_the_storys_country(nlp):
    text = ("Germany jobless total rises\n\nGermany's economy slowed in May. On Wednesday, the German Federal "
            "Labour Agency said the jobless total had reached 5.1 million in January.\n")
    assert subject_of(nlp, text, "5.1 million")[0] == "Germany"


def test_a_month_before_the_measure_is_no_unnamed_owner(nlp):
    text = ("UK house prices edge up\n\nThe UK housing market slowed last year, and banks in the UK lent less. "
            "Nationwide said that in "
            "January house prices went up by 0.4% on the month.\n")
    assert subject_of(nlp, text, "0.4%")[0] == "UK"


def test_the_headline_company_stating_its_own_figure(nlp):
    text = ("Harwell Foods plans job cuts\n\nHarwell Foods will merge two units. Harwell Foods said 5,125 "
            "positions would go as a result.\n")
    assert subject_of(nlp, text, "5,125") == ("Harwell Foods", "fact.subject.speaker")


def test_a_company_stating_an_economys_figure_is_not_its_owner(nlp):
    text = ("Harwell Foods upbeat\n\nHarwell Foods opened two stores. Harwell Foods said unemployment in "
            "the region would fall to 4% next year.\n")
    assert subject_of(nlp, text, "4%")[0] != "Harwell Foods"


# ---- stop 26: story companies, plain groups, "it" after a country ------------------------------

def test_the_first_sentences_company_owns_its_results(nlp):
    text = ("Results season\n\nCorvana Foods has reported higher profits. Analysts were pleased. "
            "Revenue rose 4% to 2bn euros.\n")
    assert subject_of(nlp, text, "4%") == ("Corvana Foods", "fact.subject.story_company")


def test_a_body_quoted_all_through_is_not_the_story_company(nlp):
    text = ("Shop spending slows\n\nShoppers spent less in May. The Lorne Retail Panel said so. The Lorne Retail "
            "Panel also said prices were flat.\n\nSales rose 0.5% on a like-for-like basis.\n")
    assert subject_of(nlp, text, "0.5%")[0] != "Lorne Retail Panel"


def test_our_sales_are_not_the_headline_companys(nlp):
    text = ('Harwell Foods expands\n\nHarwell Foods opened a store in Leeds. "Our sales are 2% up on last year," '
            "a shopkeeper nearby said.\n")
    assert subject_of(nlp, text, "2%")[0] is None


def test_a_plain_group_owns_its_clause_figure_with_no_id(nlp):
    text = "Bond market\n\nBy the end of May, overseas issuers had issued 99 bonds in the Lorne Bond Market.\n"
    facts = [f for f in run_text(nlp, text)._.facts if f["text"] == "99"]
    assert [(f["subject"], f["subject_id"], f["pattern"].split("+")[0]) for f in facts] == [
        ("overseas issuers", None, "fact.subject.owner_phrase")]


def test_the_whole_of_a_share_is_its_owner(nlp):
    text = "Pay gap\n\nOnly 16% of women earn more than £50,000, a Lorne Council study found.\n"
    assert subject_of(nlp, text, "16%")[0] == "women"
    assert subject_of(nlp, text, "more than £50,000")[0] == "women"  # not the council that studied them


def test_a_group_in_a_relative_clause_is_not_read(nlp):
    text = "Car prices\n\nBuyers like the Zephyr Mark II, which costs up to £17,000.\n"
    assert subject_of(nlp, text, "up to £17,000")[0] != "Buyers"


def test_it_after_a_country_subject_is_that_country(nlp):
    text = ("Trade ties\n\nChile backed the Lorne Trade Council plan last year. Chile is committed to open trade. "
            "It has signed 21 trade agreements.\n")
    assert subject_of(nlp, text, "21") == ("Chile", "fact.subject.clause_subject_anaphor")


def test_the_object_a_figure_is_stated_at_owns_it(nlp):
    text = ("Tea exports\n\nKenya became the second-largest market for the tea, with 6.2"
            " percent of shipments, closely trailing Ghana at 6.4 percent.\n")
    assert subject_of(nlp, text, "6.4 percent")[0] == "Ghana"


def test_a_share_of_a_nation_named_in_the_story_is_the_countrys(nlp):
    text = ("Vote worries\n\nThe US election is near. A survey by the Lorne Institute found that about 60 percent "
            "of Americans now see migration as important.\n")
    assert subject_of(nlp, text, "about 60 percent") == ("US", "fact.subject.share_of_people")


def test_the_news_agency_told_is_not_the_company(nlp):
    text = ("Bank suits\n\nHarwell Foods sued 45 banks. According to Reuters, most of the banks are Italian. A "
            "source also told Reuters that the company planned to sue a total of 80 financial institutions.\n")
    assert subject_of(nlp, text, "80")[0] == "Harwell Foods"


def test_a_name_inside_a_clause_of_the_subject_is_not_the_owner(nlp):
    text = "Inquiry\n\nThe decision to invade Freedonia was made by a small group of 25 men.\n"
    assert subject_of(nlp, text, "25")[0] != "Freedonia"


def test_a_nations_market_is_that_countrys(nlp):
    text = ("India car sales\n\nIndia is cutting import duties. A South Korean carmaker expects that the Indian "
            "market will grow 15% this year.\n")
    assert subject_of(nlp, text, "15%")[0] == "India"


def test_a_stock_markets_listings_are_no_countrys(nlp):
    text = ("Exchange bids\n\nPortugal held elections in May. Portugal also raised taxes. The biggest stock "
            "market there lists stocks worth 90bn euros.\n")
    assert subject_of(nlp, text, "90bn euros")[0] is None


def test_the_agent_of_a_passive_holds_the_share(nlp):
    text = "Seats\n\nThe report said nearly 75 percent of the seats are held by men.\n"
    assert subject_of(nlp, text, "nearly 75 percent")[0] == "men"


def test_a_name_opened_with_a_count_is_no_owner():
    import spacy
    from spacy.tokens import Span

    from cooptool.extract.components.fact_subject import misbuilt

    doc = spacy.blank("en")("Five Harwell Foods subsidiaries paid. Harwell Foods paid.")
    assert misbuilt(Span(doc, 0, 3, label="ORG"))
    assert not misbuilt(Span(doc, 5, 7, label="ORG"))

"""Whose a figure is (`extract/components/fact_subject.py`), on sentences written for the tests: the body
that publishes or reports a number loses to what the number measures."""

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model


def subject_of(nlp, text, figure):
    found = [f for f in run_text(nlp, text)._.facts if f["text"] == figure]
    assert len(found) == 1, [f["text"] for f in run_text(nlp, text)._.facts]
    return found[0]["subject"], found[0]["pattern"]


def test_a_statistics_office_loses_to_the_country_measured(nlp):
    text = "Japan figures\n\nFigures from the Cabinet Office showed that exports from Japan fell 0.4% in May.\n"
    assert subject_of(nlp, text, "0.4%")[0] == "Japan"


def test_an_office_publishing_gdp_gives_the_country_of_the_sentence(nlp):
    text = "Japan figures\n\nFigures released by the Cabinet Office showed that GDP in Japan fell 0.4% in May.\n"
    assert subject_of(nlp, text, "0.4%") == ("Japan", "fact.subject.publisher_country+fact.about.verb_subject")


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

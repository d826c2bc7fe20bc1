"""Whose a figure is, stop 21 (issue 17): lists of figures, cities, shares of a nation, forecasts of a
country's growth, and bodies that only report a figure. Sentences written for the tests."""

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model


def subjects(nlp, text):
    """Each figure's text -> (subject, subject rule)."""
    return {f["text"]: (f["subject"], f["pattern"].split("+")[0]) for f in run_text(nlp, text)._.facts}


def test_each_figure_of_a_list_is_the_country_after_it(nlp):
    found = subjects(nlp, "Imports fell by 12 percent in Chile, 8 percent in Peru and 5 percent in Ecuador.")
    assert [found[t][0] for t in ("12 percent", "8 percent", "5 percent")] == ["Chile", "Peru", "Ecuador"]


def test_respectively_pairs_figures_with_the_places_of_an_earlier_list(nlp):
    text = ("Imports fell by 12 percent in Chile, 8 percent in Peru and 5 percent in Ecuador, while exports rose by "
            "3 percent, 7 percent and 2 percent, respectively, in the three countries.")
    found = subjects(nlp, text)
    assert [found[t] for t in ("3 percent", "7 percent", "2 percent")] == [
        (c, "fact.subject.respectively") for c in ("Chile", "Peru", "Ecuador")]


def test_respectively_over_two_kinds_of_trade_is_no_list_of_countries(nlp):
    # "goods and services ... respectively": the two figures are both China's, not Japan's and China's
    text = ("Trade outlook\n\nJapan's Kyodo news agency said China's trade in goods and services is expected to "
            "exceed $32 trillion and $5 trillion, respectively, by 2028.\n")
    found = subjects(nlp, text)
    assert found["$32 trillion"][0] == found["$5 trillion"][0] == "China"


def test_a_city_where_a_currency_trades_is_not_its_owner(nlp):
    found = subjects(nlp, "Dollar slips\n\nThe dollar was at $1.29 to the euro in Tokyo.\n")
    assert found["$1.29"][0] != "Tokyo"


def test_a_share_of_a_nations_people_is_the_countrys(nlp):
    text = "Ethiopia's harvest\n\nEthiopia grew more wheat in 2004. About 80% of Ethiopians depend on farming.\n"
    assert subjects(nlp, text)["About 80%"] == ("Ethiopia", "fact.subject.share_of_people")


def test_a_forecast_for_a_nations_growth_is_the_countrys(nlp):
    text = ("Oil hits growth\n\nThe OECD cut its forecasts. Japan's exports fell, and US and German sales slowed. "
            "Forecasts for Japanese growth were scaled back to 4.0% this year.\n")
    assert subjects(nlp, text)["4.0%"][0] == "Japan"


def test_shops_in_a_sentence_do_not_hide_the_storys_country(nlp):
    # "department stores" is no "the firm": no company is meant, so the story's country may own the figure
    text = ("US retail\n\nUS shops had a bad month. US sales fell. Sales at restaurants rose by 0.3%. Sales at "
            "general merchandise stores, a group that includes department stores, rose by 0.9%.\n")
    assert subjects(nlp, text)["0.9%"][0] == "US"


def test_a_central_bank_before_is_not_what_the_dollar_belongs_to(nlp):
    text = "Dollar falls\n\nThe Federal Reserve raised rates on Tuesday.\nThe dollar fell 1% against the euro.\n"
    assert subjects(nlp, text)["1%"][0] != "Federal Reserve"


def test_a_market_verb_is_no_verb_of_saying(nlp):
    # "added 5.3%" is a share price rising: the bank is the figure's, not a source
    text = "Bank shares\n\nBelham Bank shares climbed by 2.7%, and Corvana Bank added 5.3% to 740 yen.\n"
    assert subjects(nlp, text)["5.3%"][0] == "Corvana Bank"


def test_the_other_countrys_figure_in_a_comparison(nlp):
    text = ("While the UK's jobless rate rose to 4.7%, the rate remains low, compared with 12.1% in Norway and "
            "10.4% in Chile.\n")
    found = subjects(nlp, text)
    assert (found["12.1%"][0], found["10.4%"][0]) == ("Norway", "Chile")


def test_a_headline_company_read_as_a_place_owns_its_company_measures(nlp):
    # the tagger takes "Parmalat" for a place; "the Italian dairy group" and the headline say it is the company
    text = ("Parmalat lifts profits\n\nParmalat, the Italian dairy group, said its profits had doubled.\n"
            "Its sales were 90m euros in the year.\n")
    assert subjects(nlp, text)["90m euros"] == ("Parmalat", "fact.subject.headline_company")


def test_a_city_in_the_headline_is_no_company(nlp):
    text = ("Tokyo shoppers return\n\nShoppers came back to Tokyo in May. Shops in Tokyo were busy.\n"
            "Sales rose 3% in the month.\n")
    assert subjects(nlp, text).get("3%", (None, None))[1] != "fact.subject.headline_company"


def test_an_abbreviated_south_korean_headline_names_south_korea(nlp):
    text = "S Korean shoppers return\n\nShoppers in South Korea spent more in May. Retail sales rose 3% in May.\n"
    assert subjects(nlp, text)["3%"][0] == "South Korea"


def test_a_subject_the_parser_hangs_on_the_auxiliary(nlp):
    text = ("Solar output\n\nChina builds most solar panels. China also exports wind turbines.\n"
            "Globally, the country has to date supplied 60 percent of solar panels.\n")
    assert subjects(nlp, text)["60 percent"][0] == "China"


def test_a_national_banks_story_is_its_countrys(nlp):
    # the UK is named once (no favourite country by count); the Bank of England says whose figures these are
    text = ("Home loans rise\n\nLenders in the UK approved more home loans, the Bank of England said.\n"
            "Consumer credit rose by £1.2bn in May, the Bank of England added.\n")
    assert subjects(nlp, text)["£1.2bn"][0] == "UK"


def test_the_party_the_tagger_reads_as_a_people_owns_its_seats(nlp):
    text = "Vote count\n\nThe Social Democrats gained 12 seats in the new parliament.\n"
    assert subjects(nlp, text)["12"][0] == "Social Democrats"


def test_some_members_of_a_party_are_not_the_party(nlp):
    # "donated" names what the sum is (a figure with no `about` is no fact since issue 17's reader check)
    text = "Donors\n\nTwo Democrats, Ann Lorne and Bo Harwell, donated more than $3 million to the campaign.\n"
    assert subjects(nlp, text)["more than $3 million"][0] != "Democrats"


def test_a_headline_name_used_as_a_company_owns_its_company_measures(nlp):
    # "Dr Marlow" is tagged a person; "Dr Marlow's has built its name" uses it as a company
    text = ("Profits fall at Dr Marlow\n\nDr Marlow's has built its name on cheap medicines.\n"
            "The firm said its profits were 40m rupees in the quarter.\n")
    assert subjects(nlp, text)["40m rupees"] == ("Marlow", "fact.subject.headline_company")

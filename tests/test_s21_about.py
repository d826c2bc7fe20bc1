"""What a figure measures (issue 17, stop 21): one test per kind of error a reader found in `about`, on
sentences written for the tests."""

import pytest

from cooptool.extract.numbers import find_amounts
from tests.test_fact_about import facts_of, one

pytestmark = pytest.mark.model


def test_a_full_stop_glued_to_a_scale_ends_the_sentence(nlp):
    text = ("Analysts at Velmor say the extra fuel costs of the airline will reach a predicted £250m. "
            "Turnover for the quarter was up 4.3% to £1.97bn, Velmor said.")
    rise = one(nlp, text, "up 4.3%")
    assert rise["evidence"].startswith("Turnover")
    assert rise["about"] == "Turnover"
    assert one(nlp, text, "£250m")["evidence"].endswith("£250m.")


def test_a_share_is_of_the_whole_not_the_whole(nlp):
    assert one(nlp, "Farm goods, accounting for 40% of exports, were hit hardest.", "40%")["about"] == "share of exports"
    f = one(nlp, "Card fraud made up 12% of complaints last year.", "12%")
    assert (f["about"], f["change"]) == ("share of complaints", None)


def test_make_up_is_no_rise():
    (amount,) = find_amounts("Women make up 12% of the board.")
    assert (amount.text, amount.change) == ("12%", None)
    (amount,) = find_amounts("Sales were up 12% in May.")
    assert (amount.text, amount.change) == ("up 12%", "up")


def test_time_phrases_are_the_period_not_the_about(nlp):
    f = one(nlp, "Economic growth in 2004 was about 4.7%.", "about 4.7%")
    assert (f["about"], f["period"]) == ("Economic growth", "2004")
    assert one(nlp, "The statistics office said growth for the whole of 2004 was 1.6%.", "1.6%")["about"] == "growth"


def test_the_owner_phrase_is_left_out(nlp):
    f = one(nlp, "Quarterly profits at US media giant Velmor Media jumped 76% to $1.13bn.", "76%")
    assert (f["about"], f["subject"]) == ("Quarterly profits", "Velmor Media")
    assert one(nlp, "Last year, sales in Dr Harwell's generics business fell 8.6%.", "8.6%")["about"] == "sales"


def test_a_subject_the_parse_gave_to_a_verb_of_saying(nlp):
    f = one(nlp, "Velmor said earnings during the last three months of 2004 dropped by 84% because of costs.", "84%")
    assert (f["about"], f["change"]) == ("earnings", "down")


def test_money_in_a_noun_of_money_is_that_money(nlp):
    assert one(nlp, "The plan is aimed at making £86m in efficiency savings.", "£86m")["about"] == "efficiency savings"
    assert one(nlp, "Harwell Foods will invest £10bn in fibre.", "£10bn")["about"] == "investment in fibre"


def test_an_amount_cut_from_something_measures_it(nlp):
    f = one(nlp, "Velmor cut A$68m from its profit targets.", "A$68m")
    assert (f["about"], f["change"]) == ("profit targets", "down")


def test_race_distances_are_no_figures(nlp):
    texts = [f["text"] for f in facts_of(nlp, "Ana Ruiz won the 800m in 1:57.79 and took the 400m hurdles title.")]
    assert "800m" not in texts and "400m" not in texts
    assert one(nlp, "Harwell Foods has 100m customers.", "100m")["about"] == "customers"


def test_a_plain_rate_is_read_past_to_what_rose(nlp):
    assert one(nlp, "Nationally, house prices rose at an annual rate of 10.7% in December.", "10.7%")["about"] == "house prices"


def test_a_change_noun_naming_nothing_is_a_change_of_the_clause_subject(nlp):
    f = one(nlp, "Car sales fell 2.8% in January, following a fall of 0.6% in December.", "0.6%")
    assert (f["about"], f["change"]) == ("Car sales", "down")


def test_a_relative_clause_figure_measures_the_noun_it_stands_for(nlp):
    text = "The valuations were the product of years of inflation which, as recently as 2001, was as high as 70%."
    assert one(nlp, text, "70%")["about"] == "inflation"


def test_a_count_of_people_after_of_is_the_people(nlp):
    text = "Velmor Bank has lost tapes containing account details of more than one million customers."
    assert one(nlp, text, "more than one million")["about"] == "customers"


def test_the_tokenizer_lets_a_scale_end_its_sentence_but_keeps_capital_initials(nlp):
    doc = nlp("Loxley made £250m. Kestrel Media rose 3%. J. M. Barrow met staff at 5 p.m. on Friday.")
    sents = [s.text for s in doc.sents]
    assert sents[0] == "Loxley made £250m."
    assert sents[1].startswith("Kestrel Media")
    assert not any(e.text.startswith("m.") for e in doc.ents)
    assert "M." in [t.text for t in doc] and "p.m." in [t.text for t in doc]


def test_a_model_number_or_a_multiple_is_no_count(nlp):
    text = ("Skyward Aero said its 380 jet line will end, and it lost a navy 940 tanker contract. "
            "Orders reached 70 aircraft, 40 Boeing 737-800 jets and 120 engines from 12 eurozone countries. Subsidies were 30 times the amount of aid.")
    figures = {f["text"] for f in facts_of(nlp, text)}
    assert not {"380", "940", "30", "737-800"} & figures
    assert {"70", "120", "12"} <= figures


def test_a_count_says_the_act_that_counts_it(nlp):
    assert one(nlp, "The Velmor plant employs 300 workers.", "300")["about"] == "workers employed"
    assert one(nlp, "Last year the plant produced 180,000 cars.", "180,000")["about"] == "cars produced"
    assert one(nlp, "Harwell cheese has been exported to 50 countries.", "50")["about"] == "countries exported to"
    assert one(nlp, "The floods killed 20 people.", "20")["about"] == "people killed"
    assert one(nlp, "The plant will produce 150,000 cars a year.", "150,000")["about"] == "cars produced"


def test_a_count_under_a_verb_of_having_or_naming_its_act_stays_the_noun(nlp):
    assert one(nlp, "The union now has 27 member states.", "27")["about"] == "member states"
    assert one(nlp, "Velmor employs 300 employees in Leeds.", "300")["about"] == "employees"


def test_a_currency_priced_in_another_is_an_exchange_rate(nlp):
    assert one(nlp, "The dollar was trading at 105.6 yen in Tokyo.", "105.6 yen")["about"] == "dollar against the yen"
    assert one(nlp, "The euro reached $1.31 against the dollar.", "$1.31")["about"] == "euro against the dollar"
    assert one(nlp, "The pound rose 2% on Friday.", "2%")["about"] == "pound"

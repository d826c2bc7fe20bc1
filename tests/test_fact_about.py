"""What a figure measures, whether it is the size of a change, and its period (issue 17), on sentences
written for the tests: one test per kind of error a blind reader found in the facts."""

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model


def facts_of(nlp, text):
    return run_text(nlp, "Figures of the week\n\n" + text + "\n")._.facts


def one(nlp, text, figure):
    found = [f for f in facts_of(nlp, text) if f["text"] == figure]
    assert len(found) == 1, [f["text"] for f in facts_of(nlp, text)]
    return found[0]


# ---- about: an empty head, a base of a ratio, a stake, a qualifier --------------------------------------

def test_an_average_or_a_rate_is_read_past_to_what_grew(nlp):
    f = one(nlp, "The Ruritanian economy had grown by an average of 3.2% over the past four years.", "3.2%")
    assert (f["about"], f["change"]) == ("Ruritanian economy", "up")
    f = one(nlp, "The number of calls to help lines is growing at a rate of 20% every year.", "20%")
    assert f["about"].startswith("number of calls")
    assert f["change"] == "up"


def test_a_peak_is_read_past_to_what_fell_from_it(nlp):
    f = one(nlp, "Output of the mine began to fall from a peak of 400,000 tonnes a year.", "400,000 tonnes a year")
    assert f["about"] == "Output of the mine"


def test_the_base_of_a_ratio_is_not_what_it_measures(nlp):
    f = one(nlp, "Freedonia wants to raise the amount of aid it gives to 0.7% of its national income.", "0.7%")
    assert "aid" in f["about"] and "income" not in f["about"]
    f = one(nlp, "About 5% of gross national income comes from tourism.", "About 5%")
    assert f["about"] == "share of gross national income"


def test_a_share_of_a_company_is_a_stake(nlp):
    f = one(nlp, "Harwell Capital, holding 2% of Velmor Foods, wants a buyback.", "2%")
    assert f["about"] == "stake in Velmor Foods"
    f = one(nlp, "Harwell Foods sold 13% of its shares.", "13%")
    assert f["about"] == "shares"


def test_a_change_verb_with_an_object_measures_the_object(nlp):
    f = one(nlp, "Strong demand helped Velmor Foods boost net income by 400m euros to 2.5bn euros.", "400m euros")
    assert (f["about"], f["change"]) == ("net income", "up")
    f = one(nlp, "Prices at the pump surged by 0.8%, the biggest rise in a year.", "0.8%")
    assert f["about"] == "Prices at the pump"


def test_a_count_says_what_was_done_to_the_things_counted(nlp):
    f = one(nlp, "Velmor Foods threatened to cut 12,000 jobs.", "12,000")
    assert (f["about"], f["change"]) == ("jobs cut", "down")
    f = one(nlp, "Officials said 1.6 million people are now living in makeshift shelters.", "1.6 million")
    assert f["about"] == "people who are living in makeshift shelters"
    f = one(nlp, "Mr Weber said 86 incoming flights were delayed by an hour.", "86")
    assert f["about"] == "incoming flights delayed"
    f = one(nlp, "When the firm collapsed, 20,000 workers lost their jobs.", "20,000")
    assert f["about"] == "workers who lost their jobs"


def test_a_count_under_a_verb_of_having_is_the_things(nlp):
    assert one(nlp, "Harwell Foods has 4,000 workers.", "4,000")["about"] == "workers"
    assert one(nlp, "The spending of Freedonia's 35 states is rising.", "35")["about"] == "states"
    assert one(nlp, "A survey of 280 pension schemes was published.", "280")["about"] == "pension schemes"


def test_a_sum_in_what_it_is_made_of(nlp):
    assert one(nlp, "The settlement included $125m in penalties.", "$125m")["about"] == "penalties"
    f = one(nlp, "Harwell Foods will invest £10bn in fibre.", "£10bn")
    assert f["about"] == "investment in fibre"


def test_an_offer_raised_in_a_relative_clause(nlp):
    f = one(nlp, "Harwell rejected an offer from Velmor Foods, which the bidder raised to $8.4bn last week.", "$8.4bn")
    assert f["about"].startswith("offer")


def test_goods_a_company_makes_are_its_production(nlp):
    f = one(nlp, "Harwell Mining makes 115,000 tonnes a year.", "115,000 tonnes a year")
    assert f["about"] == "production"
    f = one(nlp, "Harwell Mining makes 115,000 tonnes of copper a year.", "115,000 tonnes")
    assert f["about"] == "copper"


def test_the_measure_keeps_the_name_written_in_it(nlp):
    f = one(nlp, "In London, the benchmark share index closed 15 points higher at 4,751.", "15 points")
    assert (f["about"], f["change"]) == ("benchmark share index", "up")
    f = one(nlp, "Harwell Foods shares fell 3% on Friday.", "3%")
    assert (f["subject"], f["about"]) == ("Harwell Foods", "Harwell Foods shares")


def test_it_in_a_second_clause_is_what_the_first_measured(nlp):
    f = one(nlp, "Stocks of grain fell 0.7% last month, but they were 36% higher than a year ago.", "36%")
    assert (f["about"], f["change"]) == ("Stocks of grain", "up")
    assert f["period"] != "a year ago"


# ---- change: only words of change --------------------------------------------------------------------

def test_a_rise_of_and_higher_are_changes_a_contract_and_a_loss_are_not(nlp):
    assert one(nlp, "Velmor Foods reported a rise in spending of 14.8%.", "14.8%")["change"] == "up"
    assert one(nlp, "Harwell profits would have been 8% higher without the strike.", "8%")["change"] == "up"
    assert one(nlp, "Harwell Aerospace lost a $23bn government contract.", "$23bn")["change"] is None
    assert one(nlp, "Velmor Foods posted a loss of £5m.", "£5m")["change"] is None


def test_lower_than_expected_is_no_fall(nlp):
    f = one(nlp, "Velmor Foods said profits would be 15% lower than analysts had expected.", "15%")
    assert f["change"] is None
    assert one(nlp, "Velmor Foods said profits were 15% higher than a year ago.", "15%")["change"] == "up"


def test_raising_money_is_no_rise(nlp):
    f = one(nlp, "Velmor Foods plans to raise $100m from the sale.", "$100m")
    assert (f["about"], f["change"]) == ("fund-raising", None)
    assert one(nlp, "Velmor Foods raised prices by 5%.", "5%")["change"] == "up"


# ---- period: the figure's own time -----------------------------------------------------------------

def test_the_time_compared_with_is_not_the_period(nlp):
    text = "Velmor Foods sold 2.4 million cars in 2004, an increase of 4% on the previous year."
    assert one(nlp, text, "4%")["period"] == "2004"
    f = one(nlp, "Velmor Foods said sales were up 31% on the previous year.", "up 31%")
    assert (f["period"], f["date"]) == (None, None)


def test_the_year_of_the_figure_compared_with_is_not_the_new_figures(nlp):
    text = "Freedonia's growth will slow from more than 3% in 2004 to below 2.5%."
    facts = {f["text"]: f for f in facts_of(nlp, text)}
    assert facts["more than 3%"]["period"] == "2004"
    assert facts["below 2.5%"]["period"] is None


def test_a_period_of_another_tense_or_of_a_report_is_not_the_figures(nlp):
    f = one(nlp, "The Harwell profit scheme was introduced in 1997 and has paid out more than £370m.", "more than £370m")
    assert f["period"] is None
    f = one(nlp, "According to figures presented by Mr Weber in November, the plant may employ 56,000 people.", "56,000")
    assert f["period"] is None
    text = "Velmor house prices rose by 0.8% in January and Harwell prices rose by 0.4%."
    assert [f["period"] for f in facts_of(nlp, text)] == ["January", "January"]  # one tense: one time


# ---- stop 26: what is counted with its qualifier, a proportion of a group, a distance, a stake -----------

def test_things_counted_after_a_preposition_keep_the_clause_that_says_which(nlp):
    f = one(nlp, "Freedonia has signed treaties with 44 states and opened talks with 31 states.", "31")
    assert f["about"] == "states Freedonia has opened talks with"
    f = one(nlp, "MTV says it will give Harwell access to nearly 400 million homes in 162 countries.", "162")
    assert f["about"] == "countries"
    f = one(nlp, "The bank was planning to take action against a total of 80 lenders.", "80")
    assert f["about"] == "lenders the bank was planning to take action against"
    f = one(nlp, "Harwell Foods has 4,000 workers.", "4,000")
    assert f["about"] == "workers"


def test_a_count_after_including_is_of_the_things_among_the_whole(nlp):
    f = one(nlp, "The council has 90 members, including 12 judges.", "12")
    assert f["about"] == "judges among members"
    f = one(nlp, "She won a run of 22 races, including 18 finals.", "22")
    assert "among" not in f["about"]


def test_a_percentage_of_a_group_is_a_proportion_of_it_with_what_it_does(nlp):
    f = one(nlp, "Almost 75% of Freedonian adults can read some Latin.", "Almost 75%")
    assert f["about"] == "proportion of Freedonian adults who can read some Latin"
    f = one(nlp, "Among the over-70s, 60% said they would vote, compared with 35% of people under 40.", "35%")
    assert f["about"] == "proportion of people under 40"
    f = one(nlp, "About 12% of users were based in the United States.", "About 12%")
    assert f["about"] == "proportion of users"  # not "users who were based"


def test_a_share_owned_is_a_stake(nlp):
    f = one(nlp, "Velmor, which owns 44% of the Ruritanian carmaker, is based in Paris.", "44%")
    assert f["about"] == "stake in Ruritanian carmaker"
    f = one(nlp, "And Harwell Capital, which holds about 5%, has asked for a meeting.", "about 5%")
    assert f["about"] == "stake"


def test_goods_counted_by_weight_keep_what_was_done_to_them(nlp):
    f = one(nlp, "A total of 28 million tonnes of grain have been carried.", "28 million tonnes")
    assert f["about"] == "grain carried"


def test_a_length_from_a_place_is_a_distance(nlp):
    f = one(nlp, "Harwell village, 35 kilometres from the centre of Velmor, was once home to farmers.", "35 kilometres")
    assert f["about"] == "distance from centre of Velmor"


def test_a_milestone_is_read_past_to_what_reached_it(nlp):
    f = one(nlp, "The value of the housing stock reached the £3.3 trillion mark in 2004.", "£3.3 trillion")
    assert f["about"] == "value of the housing stock"


def test_a_currency_that_depreciated_is_a_fall_in_its_value(nlp):
    f = one(nlp, "In 2012 the value of Freedonia's currency depreciated by about 40%.", "about 40%")
    assert (f["about"], f["change"]) == ("value of Freedonia's currency", "down")


# ---- stop 26: period and place ---------------------------------------------------------------------------

def test_a_period_opening_the_sentence_dates_every_figure_and_a_range_has_no_date(nlp):
    text = ("From 2013 to 2022, trade between Freedonia and its partners reached $19.1 trillion, with an average "
            "annual growth rate of 6.4 percent.")
    f = one(nlp, text, "6.4 percent")
    assert f["period"] == "From 2013 to 2022"
    assert f["date_text"] is None


def test_the_same_time_last_year_is_what_a_figure_is_compared_with(nlp):
    f = one(nlp, '"Our sales so far have been 2% up on the same time last year," he said.', "2%")
    assert f["period"] is None and f["date_text"] is None
    assert f["change"] == "up"


def test_a_place_that_opens_a_name_is_not_where_the_figure_is(nlp):
    text = "Shares in Harwell Engineering have soared 16% on news that it is selling its stake in London underground consortium Tube Lines."
    f = one(nlp, text, "16%")
    assert f["place"] is None


def test_a_proportion_keeps_what_a_copula_says_of_the_group(nlp):
    f = one(nlp, "Only 10% of employees are women.", "10%")
    assert f["about"] == "proportion of employees who are women"


def test_where_counted_people_live_is_read_on_past_a_broken_parse(nlp):
    text = ('"Two million pensioners in Freedonia currently live below the government\'s own poverty line - '
            'two-thirds of whom are women," he said.')
    f = one(nlp, text, "Two million")
    assert f["about"] == "pensioners who live below the government's own poverty line"


def test_a_price_after_the_size_of_a_change_measures_what_changed(nlp):
    f = one(nlp, "Shares in Harwell were up 56 pence, or 7.6%, at 797p by mid-morning.", "797p")
    assert f["about"] == "Shares"


def test_the_object_of_the_clause_keeps_its_of_phrase(nlp):
    f = one(nlp, "Clinton unveiled a list of endorsements from 95 retired generals.", "95")
    assert f["about"] == "retired generals Clinton unveiled a list of endorsements from"


def test_a_conjoined_count_shares_the_act_of_the_first(nlp):
    f = one(nlp, "Harwell Foods hired 300 engineers and 200 technicians.", "200")
    assert f["about"] == "technicians hired"


def test_a_figure_stated_for_another_name_measures_what_the_figure_before_it_does(nlp):
    text = ("In May, Ruritania became the second market for Freedonian cheese, accounting for 8.8% of total exports, "
            "closely following Velmor at 8.9%.")
    f = one(nlp, text, "8.9%")
    assert f["about"] == "share of total exports"

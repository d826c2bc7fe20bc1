"""The fact component on sentences written for the tests, and on the bundled seed."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from tests.conftest import run_text

pytestmark = pytest.mark.model


def facts_of(nlp, text):
    return run_text(nlp, text)._.facts


def one(facts, text):
    found = [f for f in facts if f["text"] == text]
    assert len(found) == 1, [f["text"] for f in facts]
    return found[0]


def test_money_subject_about_place_date(nlp):
    text = ("Solvane Energy Corp. builds inverters.\n\nIn March 2022, Solvane Energy Corp. announced an investment "
            "of US $45 million to build a battery plant in Leeds, England.\n")
    f = one(facts_of(nlp, text), "US $45 million")
    assert (f["subject"], f["kind"], f["value"], f["currency"]) == ("Solvane Energy Corp.", "money", 45_000_000, "USD")
    assert f["about"].startswith("investment")
    assert f["place"] == "Leeds, England"
    assert f["date"] == "2022-03"
    assert text[f["start"]:f["end"]] == f["evidence"]
    assert text[f["text_start"]:f["text_end"]] == f["text"]


def test_possessor_is_the_subject_and_change_is_read(nlp):
    f = one(facts_of(nlp, "Tesco's pre-tax profits rose 18% to £1.2bn last year.\n"), "18%")
    assert (f["subject"], f["kind"], f["change"]) == ("Tesco", "percent", "up")
    assert "profits" in f["about"]


def test_count_with_counted_noun_and_approximator(nlp):
    f = one(facts_of(nlp, "The Nordic Trade Council, with nearly 2,000 member companies, backs the plan.\n"),
            "nearly 2,000")
    assert (f["kind"], f["value"], f["unit"], f["approx"]) == ("count", 2000, "member companies", "nearly")
    assert f["subject"] == "Nordic Trade Council"


def test_spelled_out_count_needs_a_verb_of_having(nlp):
    facts = facts_of(nlp, "Harlow Industries has seven business divisions. The two sides met in three ways.\n")
    assert [(f["value"], f["unit"]) for f in facts] == [(7, "business divisions")]


def test_anaphor_takes_the_organisation_named_before(nlp):
    text = "Engineers maintain the turbines of Vestrand Wind Power Ltd. in Portugal.\nThe turbines supply 40,000 homes.\n"
    f = one(facts_of(nlp, text), "40,000")
    assert f["subject"] == "Vestrand Wind Power Ltd."
    assert f["unit"] == "homes"


def test_durations_years_and_names_are_not_facts(nlp):
    text = "Marlow Bank has worked in Chile for more than 30 years. In 2004 it joined the FTSE 100.\n"
    assert facts_of(nlp, text) == []


def test_converted_figure_in_brackets_is_folded_in(nlp):
    facts = facts_of(nlp, "Corvin Group made a profit of $900m (£479m) last year.\n")
    assert [f["text"] for f in facts] == ["$900m"]
    assert facts[0]["converted"] == [{"value": 479_000_000, "currency": "GBP", "text": "£479m"}]


# ---- the seed, end to end through the CLI ---------------------------------------------------------

def cli_facts(seed_store, *args):
    result = CliRunner().invoke(app, ["facts", "--store", str(seed_store), "--format", "jsonl", *args])
    return result, [orjson.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_seed_ja_solar_investment(seed_store):
    result, rows = cli_facts(seed_store, "--about", "JA Solar")
    assert result.exit_code == 0 and result.stderr == ""
    money = [r for r in rows if r["kind"] == "money"]
    assert [(r["value"], r["currency"], r["place"]) for r in money] == [(60_000_000, "USD", "Phoenix, Arizona")]
    assert money[0]["subject"] == "JA Solar Technology Co., Ltd."
    assert [(r["value"], r["unit"]) for r in rows if r["kind"] == "quantity"] == [(2, "GW")]


def test_seed_all_five_facts(seed_store):
    _, rows = cli_facts(seed_store)
    got = {(r["subject"], r["value"], r["unit"] or r["currency"]) for r in rows}
    assert got >= {
        ("JA Solar Technology Co., Ltd.", 60_000_000, "USD"),
        ("JA Solar Technology Co., Ltd.", 2, "GW"),
        ("American Chamber of Commerce in China", 1000, "member companies"),
        ("China Energy Guohua Investment Europe Renewable Energy S.A.", 30_000, "households"),
        ("China Energy Investment Corporation", 8, "business sectors"),
    }
    assert all(r["subject"] for r in rows)
    assert len(rows) == 5


def test_seed_kind_filter_and_alias(seed_store):
    _, rows = cli_facts(seed_store, "--about", "AmCham China", "--kind", "count")
    assert [r["amount"] for r in rows] == ["nearly 1,000 member companies"]


def test_conversions_after_a_date_are_folded_in(nlp):
    facts = facts_of(nlp, "Net income at Corvin Group rose to 3bn yuan in 2004 ($365m; £190m).\n")
    assert [f["text"] for f in facts] == ["3bn yuan"]
    assert [c["currency"] for c in facts[0]["converted"]] == ["USD", "GBP"]


@pytest.mark.parametrize("text", [
    "Growth\n\nExports grew 5% last year, the trade minister told Reuters on Monday.\n",
    "Growth\n\nAccording to the Financial Times, exports grew 5% last year.\n",
])
def test_a_news_source_cited_is_not_the_subject(nlp, text):
    facts = run_text(nlp, text)._.facts
    assert [(f["subject"], f["text"]) for f in facts] == [(None, "5%")]


# ---- subject from the clause, about, change and period (issue 17) ------------------------------------

def test_the_subject_of_the_clause_not_the_speaker(nlp):
    f = one(facts_of(nlp, "Ofcom said Veltro Telecom would cut wholesale prices by about 8%.\n"), "about 8%")
    assert (f["subject"], f["about"], f["change"]) == ("Veltro Telecom", "wholesale prices", "down")
    assert f["source"] == "Ofcom"
    assert f["pattern"] == "fact.subject.clause_subject+fact.about.verb_object"


def test_the_act_a_verb_names_is_what_an_object_amount_measures(nlp):
    f = one(facts_of(nlp, "Veltro Telecom will invest £10bn in fibre.\n"), "£10bn")
    assert (f["subject"], f["about"]) == ("Veltro Telecom", "investment in fibre")
    assert f["pattern"].endswith("+fact.about.verb")


def test_its_and_the_firm_are_resolved_as_speakers_are(nlp):
    text = "Velmor Foods said its profits fell 5% to £125m.\nThe firm made £150m a year earlier.\n"
    facts = facts_of(nlp, text)
    assert {f["text"]: f["subject"] for f in facts} == {"5%": "Velmor Foods", "£125m": "Velmor Foods",
                                                        "£150m": "Velmor Foods"}
    assert one(facts, "5%")["pattern"].startswith("fact.subject.possessor_anaphor+")
    assert one(facts, "£150m")["pattern"].startswith("fact.subject.clause_subject_anaphor+")


def test_a_comparison_is_no_change_and_has_its_own_period(nlp):
    text = "Corvin Group's profit rose to $700m in the third quarter from $639m year-earlier.\n"
    facts = facts_of(nlp, text)
    level, before = one(facts, "$700m"), one(facts, "$639m")
    assert (level["change"], level["period"], level["about"]) == (None, "the third quarter", "profit")
    assert (before["change"], before["period"], before["date"]) == (None, "year-earlier", None)


def test_a_year_earlier_is_not_the_articles_year(nlp):
    text = "2004-12-31\n\nVelmor Foods made £150m, compared with £125m a year earlier.\n"
    f = one(facts_of(nlp, text), "£125m")
    assert (f["period"], f["date"]) == ("a year earlier", None)


def test_change_only_from_words_of_change(nlp):
    facts = facts_of(nlp, "Sales at Harlow Industries rose 3% to £40m, and a 2% fall in costs helped.\n")
    assert {f["text"]: f["change"] for f in facts} == {"3%": "up", "£40m": None, "2%": "down"}
    assert one(facts, "2%")["about"] == "costs"


def test_conjoined_figures_share_what_they_measure(nlp):
    facts = facts_of(nlp, "At Harlow Industries, applications fell by 40%, 75% and 57% in the three regions.\n")
    assert [(f["about"], f["change"]) for f in facts] == [("applications", "down")] * 3


def test_partitive_and_worth(nlp):
    facts = facts_of(nlp, "Harlow Industries signed a deal worth £5bn and sold 13% of its shares.\n")
    assert one(facts, "£5bn")["about"] == "deal"
    assert one(facts, "13%")["about"] == "shares"


def test_a_company_measure_with_no_owner_is_the_storys_company(nlp):
    text = ("Velmor Foods reported results on Monday.\n\nVelmor Foods said demand was strong.\n\n"
            "Analysts were pleased.\n\nSales rose 2.8% to 14.96bn euros.\n")
    f = one(facts_of(nlp, text), "2.8%")
    assert (f["subject"], f["pattern"]) == ("Velmor Foods", "fact.subject.story_company+fact.about.verb_subject")


def test_an_economy_measure_is_the_country_named_in_the_sentence(nlp):
    f = one(facts_of(nlp, "Unemployment in Freedonia stood at 25%, compared with 10% before the war.\n"), "10%")
    assert (f["subject"], f["about"], f["change"]) == ("Freedonia", "Unemployment", None)
    assert f["pattern"].startswith("fact.subject.economy_place+")


def test_a_reading_on_a_scale_is_no_count(nlp):
    assert facts_of(nlp, "Velmor Labs cooled the sample to 77 K in March.\n") == []


def test_who_forecasts_a_figure_is_its_source_not_its_subject(nlp):
    text = "Germany's economy slowed.\n\nIn September, the Halvard Fund said that German growth would be 1.8%.\n"
    f = one(facts_of(nlp, text), "1.8%")
    assert (f["subject"], f["source"], f["about"], f["period"]) == ("Germany", "Halvard Fund", "German growth", None)
    assert f["pattern"].startswith("fact.subject.nationality_country+")


def test_a_company_reporting_its_own_figure_is_its_subject(nlp):
    f = one(facts_of(nlp, "Velmor Foods said sales rose 4% in 2004.\n"), "4%")
    assert (f["subject"], f["period"], f["change"]) == ("Velmor Foods", "2004", "up")


def test_an_owner_we_cannot_name_is_no_subject(nlp):
    text = "Freedonia and Sylvania met.\n\nFreedonia voted.\n\nMeanwhile, Welsh house prices rose 2%.\n"
    assert one(facts_of(nlp, text), "2%")["subject"] is None


def test_direction_after_the_figure(nlp):
    f = one(facts_of(nlp, "Shares in Multon Group closed 16% down on Friday.\n"), "16%")
    assert (f["subject"], f["change"]) == ("Multon Group", "down")


def test_a_change_to_a_level_measures_what_changed(nlp):
    f = one(facts_of(nlp, "Rank Leisure reported a slight drop in annual pre-tax profits to £170m.\n"), "£170m")
    assert (f["about"], f["change"]) == ("annual pre-tax profits", None)


def test_about_stops_at_a_comma_and_leaves_out_the_figures_adverb(nlp):
    facts = facts_of(nlp, "Harlow Mining operates 15 deep mines across Kent, Essex and Surrey. "
                          "Harlow Motors produced just 110,000 cars.\n")
    assert one(facts, "15")["about"] == "deep mines operated"
    assert one(facts, "110,000")["about"] == "cars produced"


def test_what_is_likely_to_grow_and_what_is_predicted_to_rise(nlp):
    f = one(facts_of(nlp, "Morgan Stanley has forecast that India's mobile market is likely to grow by about 40% a year.\n"),
            "about 40%")
    assert (f["subject"], f["about"], f["change"], f["source"]) == ("India", "mobile market", "up", "Morgan Stanley")
    f = one(facts_of(nlp, "Spending on health will rise by 9.4%.\n"), "9.4%")
    assert f["about"] == "Spending on health"


def test_a_figure_with_no_owner_and_nothing_it_measures_is_dropped(nlp):
    facts = facts_of(nlp, "Another 18% came from abroad, with almost 12% coming from false claims.\n")
    assert all(f["subject"] or f["about"] for f in facts)
    assert "almost 12%" not in [f["text"] for f in facts]


def test_an_economys_figure_is_the_countrys_not_the_agencys(nlp):
    text = ("US jobs growth slowed in January.\n\nThe US Labor Department said 150,000 jobs were created. "
            "Nevertheless it was enough to push down the US unemployment rate to 5.2%.\n")
    facts = facts_of(nlp, text)
    assert one(facts, "5.2%")["subject"] == "US"
    assert one(facts, "150,000")["subject"] != "Labor Department"


def test_valued_at_cut_back_to_and_sued_for(nlp):
    facts = facts_of(nlp, "Harlow Logistics is currently valued at £2.6bn. Harlow Logistics also cut its debt back to "
                          "£160m from £610m a year earlier. Velmor Foods threatened to sue the Sylvan government for $28bn.\n")
    assert one(facts, "£2.6bn")["about"] == "market value"
    assert [(one(facts, t)["about"], one(facts, t)["period"]) for t in ("£160m", "£610m")] == [
        ("debt", None), ("debt", "a year earlier")]
    assert (one(facts, "$28bn")["subject"], one(facts, "$28bn")["about"]) == ("Velmor Foods", "lawsuit")


def test_the_us_firm_is_a_company_not_the_country(nlp):
    f = one(facts_of(nlp, "General Motors and Fiat ended their deal. The US firm agreed to pay $2bn to exit it.\n"),
            "$2bn")
    assert (f["subject"], f["about"]) == ("General Motors", "payment")


def test_a_nationality_elsewhere_in_the_sentence_names_nothing(nlp):
    facts = facts_of(nlp, "Crude stockpiles in the US had fallen 1m barrels to 294.3m, and problems at the Russian "
                          "oil giant Yukos persisted.\n")
    assert {f["text"]: f["subject"] for f in facts} == {"1m barrels": "US", "294.3m": "US"}


def test_field_event_marks_are_metres_not_millions(nlp):
    facts = facts_of(nlp, "Vault\n\nMia Lund won with a clearance of 6.10m and Kira Bell finished second with a "
                          "personal best of 5.80m.\n")
    f = one(facts, "6.10m")
    assert (f["kind"], f["value"], f["unit"], f["subject"], f["about"]) == ("quantity", 6.1, "metres", "Mia Lund",
                                                                           "clearance")
    assert (one(facts, "5.80m")["kind"], one(facts, "5.80m")["value"]) == ("quantity", 5.8)
    # no word of the field events: millions, as before
    f = one(facts_of(nlp, "Jobs\n\nUnemployment fell to 1.42m in May.\n"), "1.42m")
    assert (f["kind"], f["value"]) == ("count", 1_420_000)


def test_scores_tallies_and_days_are_no_ranges(nlp):
    texts = ["Football\n\nRovers lost 1-2 to City and then had a 2-3 defeat at home. Earlier they drew 1-1.\n",
             "Vote\n\nIn the Senate's 80-19 vote for the treaty, both parties split.\n",
             "Athletics\n\nThe runner may race in Freedonia on 19-20 March.\n",
             "Attacks\n\nThe 9/11 attacks changed the news, which now runs 24/7.\n",
             "Mile\n\nMia Lund won in 3 min 29.23 sec.\n"]
    assert [f["text"] for t in texts for f in facts_of(nlp, t)] == []
    facts = facts_of(nlp, "Staff\n\nHarwell Foods hired 10-15 people in May, and its sales rose 3-5%.\n")
    assert (one(facts, "10-15")["value"], one(facts, "10-15")["value_max"]) == (10, 15)


def test_what_the_people_counted_did(nlp):
    f = one(facts_of(nlp, "Meeting\n\nAbout 60 people attended Sunday's meeting in Freedonia.\n"), "About 60")
    assert f["about"] == "people who attended meeting"
    f = one(facts_of(nlp, "TV\n\nMore than 14 million people saw the soap's finale on Friday.\n"), "More than 14 million")
    assert f["about"] == "people who saw the soap's finale"


@pytest.mark.parametrize("text", [
    "Analysts had forecast a 0.1% rise.",  # a change of nothing named
    "Kira Bell came third with 79.41 points.",  # nothing it measures
    "The Velmor index dropped to 51.6, its weakest level since March.",  # an empty head
    "Velmor Foods paid $9m, as well as $21.5m to end a claim from suppliers.",  # the about is another figure
    "Lena Ward carded 10 straight pars to start.",  # a result of a game
    "He said only two out of every 10 callers were served.",  # a base
    "In the 3,000 meters, Lena Ward won in a time of 7 min.",  # a race
    "Shareholders lost about $180bn in the collapse of Velmor.",  # the owner is no measure
])
def test_figures_a_reader_cannot_use_are_dropped(nlp, text):
    assert facts_of(nlp, text + "\n") == []


def test_a_figure_with_what_it_measures_is_kept(nlp):
    facts = facts_of(nlp, "Harwell Foods sold 10,000 bikes, a rise of 6% on the year before.\n")
    assert {f["text"]: f["about"] for f in facts} == {"10,000": "bikes sold", "6%": "bikes sold"}


def test_a_year_earlier_is_no_unit_of_a_sum(nlp):
    facts = facts_of(nlp, "Harwell Foods brought its debt down to £240m from £530m a year earlier.\n")
    assert one(facts, "£530m")["unit"] is None
    assert one(facts_of(nlp, "Harwell Foods charges £5 a year for the card.\n"), "£5")["unit"] == "a year"


def test_a_possessed_three_digit_model_name_is_no_count(nlp):
    text = ("Jets\n\nHarwell Aero will build a test system for its 787 Dreamliner aircraft. "
            "Its 300 Chinese workers were laid off.\n")
    assert [f["text"] for f in facts_of(nlp, text)] == ["300"]


def test_a_tournament_purse_is_no_fact(nlp):
    text = ("Golf\n\nThe winner's purse at the Lorne Open is $90,000. Harwell Foods paid $2m for the course.\n")
    assert [f["text"] for f in facts_of(nlp, text)] == ["$2m"]

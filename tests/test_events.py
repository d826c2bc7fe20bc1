"""The event component on sentences written for the tests, and on the bundled seed."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from tests.conftest import run_text

pytestmark = pytest.mark.model


def events_of(nlp, text):
    return run_text(nlp, text)._.events


def test_hosted_workshop_with_date_place_and_organisers(nlp):
    text = ("The Baltic Maritime Institute (BMI) and the Nordic Shipping Council hosted a workshop on port "
            "automation in Oslo on March 3, 2023.\n")
    (ev,) = events_of(nlp, text)
    assert ev["name"] == "workshop on port automation"
    assert (ev["date"], ev["place"]) == ("2023-03-03", "Oslo")
    assert ev["organizers"] == ["Baltic Maritime Institute", "Nordic Shipping Council"]
    assert text[ev["start"]:ev["end"]] == ev["evidence"]
    assert "BMI" in ev["actor_aliases"]


def test_named_conference_with_acronym_and_attendee(nlp):
    text = ("Mara Quint, chief executive of Helio Grid Ltd., attended the 12th World Conference on Grid Storage "
            "(WCGS12) convened in Lisbon.\n")
    (ev,) = events_of(nlp, text)
    assert ev["name"] == "12th World Conference on Grid Storage"
    assert ev["aliases"] == ["WCGS12"] and ev["place"] == "Lisbon"
    assert ev["participants"] == ["Mara Quint"]


def test_signing_between_parties(nlp):
    (ev,) = events_of(nlp, "Orvik Motors signed a supply agreement with Tamsin Steel in Gdansk.\n")
    assert ev["name"].startswith("signing of")
    assert set(ev["participants"]) == {"Orvik Motors", "Tamsin Steel"}


def test_wars_and_matches_are_not_gatherings(nlp):
    text = "Profits fell after the Gulf War and the World Cup final, analysts said.\n"
    assert events_of(nlp, text) == []


def test_seed_seminar(seed_store):
    result = CliRunner().invoke(app, ["events", "--store", str(seed_store), "--org", "CIYEC", "--format", "jsonl"])
    assert result.exit_code == 0 and result.stderr == ""
    (ev,) = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert "seminar" in ev["name"]
    assert (ev["date"], ev["place"]) == ("2024-01-19", "Beijing")
    assert ev["organizers"] == ["China International Youth Exchange Center", "American Chamber of Commerce in China"]


def test_seed_named_events(seed_store):
    result = CliRunner().invoke(app, ["events", "--store", str(seed_store), "--format", "jsonl"])
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    names = {r["name"] for r in rows} | {a for r in rows for a in r["aliases"]}
    assert {"San Francisco Summit", "COP28", "CIIE", "COP27"} <= names
    cop28 = next(r for r in rows if "COP28" in r["aliases"])
    assert cop28["place"] == "Dubai"
    ciie = next(r for r in rows if "CIIE" in r["aliases"])
    assert ciie["date"] == "2023"
    none = CliRunner().invoke(app, ["events", "--store", str(seed_store), "--name", "olympics"])
    assert none.exit_code == 1 and none.stdout == ""


# ---- the lexicon and the patterns (issue 17) -------------------------------------------------------

def test_lexicon_is_a_data_file_with_kinds():
    from cooptool.extract.components.events import EVENT_NOUNS, event_kind

    assert {"meeting", "summit", "conference", "forum", "expo", "fair", "talks", "signing", "election", "launch",
            "strike", "ipo"} <= EVENT_NOUNS
    assert (event_kind("Talks"), event_kind("walkout"), event_kind("bridge")) == ("talks", "strike", None)


def test_their_meeting_is_the_subjects(nlp):
    (ev,) = events_of(nlp, "At their meeting in London, G7 finance ministers backed plans to write off debts.\n")
    assert (ev["name"], ev["kind"], ev["place"], ev["pattern"]) == (
        "G7 finance ministers meeting", "meeting", "London", "event.described.at_their")
    assert ev["participants"] == ["G7"]


def test_a_named_modifier_makes_an_event(nlp):
    (ev,) = events_of(nlp, "The G7 meeting ended without a deal.\n")
    assert (ev["name"], ev["pattern"], ev["participants"]) == ("G7 meeting", "event.described.modified", ["G7"])


@pytest.mark.parametrize(("text", "holder"), [
    ("Ministers spoke at the Greenfield Party's spring conference.\n", "Greenfield Party"),
    ("The Halvard Film Academy ceremony ended late on Sunday.\n", "Halvard Film Academy"),
])
def test_an_organisation_before_the_noun_holds_the_event(nlp, text, holder):
    (ev,) = events_of(nlp, text)
    assert holder in ev["organizers"] and holder not in ev["participants"]


def test_two_names_joined_by_a_hyphen_meet(nlp):
    (ev,) = events_of(nlp, "The Nissan-Renault meeting ended without a deal.\n")
    assert "Nissan" in ev["participants"] and ev["organizers"] == []


def test_members_of_a_group_of_states_take_part(nlp):
    (ev,) = events_of(nlp, "Delegates flew home after the EU summit.\n")
    assert ev["participants"] == ["EU"] and ev["organizers"] == []


@pytest.mark.parametrize("text", [
    "But Fair trade groups said the plan had failed.\n",
    "The Trades Union Congress said it would fight the plan.\n",
    "He arranged a meeting between him and an agent.\n",
    "The meeting took place on Monday.\n",
])
def test_not_events(nlp, text):
    assert events_of(nlp, text) == []


def test_a_named_event_stops_before_and_and_in(nlp):
    evs = events_of(nlp, "Delegates met at the Nordic Energy Summit and the Baltic Grid Conference in Oslo.\n")
    assert [e["name"] for e in evs] == ["Nordic Energy Summit", "Baltic Grid Conference"]
    assert all(e["pattern"] in ("event.named.head", "event.named.model") for e in evs)


def test_a_numbered_congress_is_an_event(nlp):
    (ev,) = events_of(nlp, "Delegates gathered for the 20th Harbour Party Congress in Gdansk.\n")
    assert ev["name"] == "20th Harbour Party Congress" and ev["kind"] == "congress"


def test_a_possessive_inside_a_name(nlp):
    evs = events_of(nlp, "Lee spoke at the 31st Pacific Economic Leaders' Meeting and the Pacific CEO Summit.\n")
    assert [e["name"] for e in evs] == ["31st Pacific Economic Leaders' Meeting", "Pacific CEO Summit"]


def test_their_meeting_includes_the_one_told(nlp):
    (ev,) = events_of(nlp, "Antonio Guterres told Xi Jinping during their meeting on Wednesday that the plan was good.\n")
    assert ev["participants"] == ["Antonio Guterres", "Xi Jinping"]
    assert ev["name"] == "meeting of Antonio Guterres and Xi Jinping"


def test_event_names_leave_out_judgements_and_conjuncts(nlp):
    (ev,) = events_of(nlp, "Sylvan officials urged a smooth Freedonian election in January.\n")
    assert ev["name"] == "Freedonian election" and ev["kind"] == "election"
    (ev,) = events_of(nlp, "The company said the US Congressional elections and the FIFA World Cup would help.\n")
    assert ev["name"] == "US Congressional elections" and ev["place"] == "US"


def test_it_signed_is_the_company_named_before(nlp):
    (ev,) = events_of(nlp, "Orvik Motors makes cars. Last month, it signed a production agreement with Tamsin Steel.\n")
    assert ev["name"] == "signing of production agreement"
    assert ev["participants"] == ["Orvik Motors", "Tamsin Steel"]


def test_the_event_itself_is_no_participant():
    from cooptool.extract.components.events import _same_name

    assert _same_name("Academy Awards", "the Academy Awards ceremony")
    assert _same_name("Expo", "Expo")
    assert not _same_name("APEC", "APEC summit") and not _same_name("G7", "G7 leaders meeting")


# ---- only real events, named in full, fields from their own clause (issue 17 spot check) -------------

@pytest.mark.parametrize("text", [
    "Policy\n\nThe Union's Fair Competition Strategy answers two challenges at once.\n",
    "Venue\n\nThe show moved to the Halden Expo Center last year.\n",
    "Medals\n\nShe has competed in five Olympic Games and won three medals.\n",
    "Campaign\n\nThe Greens say they are planning to hold daily news conferences with Ann Tovey.\n",
    "Campaign\n\nParty chiefs say there are no plans for Mr Dunmore to hold a news conference in Leeds.\n",
    "Voters\n\n\"He will get 80 percent of the Hispanic vote,\" said Carla Ruiz, a strategist.\n",
    "Watchdog\n\nThe UK elections watchdog said registers were out of date.\n",
    "Consoles\n\nSales of Xbox games fell in the spring.\n",
    "Treaty\n\nLeaving the 1951 United Nations Convention on refugees would be wrong, he said.\n",
])
def test_not_one_real_event(nlp, text):
    assert events_of(nlp, text) == []


def test_names_run_on_through_hyphens_and_and(nlp):
    evs = events_of(nlp, "Summit\n\nAt the Nordic-Baltic Energy Summit, delegates backed the plan. It was part of the "
                         "3rd Harbour and Rail Logistics Conference.\n")
    assert [e["name"] for e in evs] == ["Nordic-Baltic Energy Summit", "3rd Harbour and Rail Logistics Conference"]


def test_a_bare_noun_is_the_named_event_and_names_stop_before_a_date(nlp):
    text = ("Expo\n\nMore than 800 firms will take part in the Smart City Expo World Congress in Barcelona. "
            "The expo is organized by the trade fair organization Fira de Barcelona.\n")
    (ev,) = events_of(nlp, text)
    assert ev["name"] == "Smart City Expo World Congress" and ev["place"] == "Barcelona"
    assert ev["organizers"] == ["Fira de Barcelona"]
    (ev,) = events_of(nlp, "Race\n\nHe won the 60m at the Halden Indoor Meeting on Thursday.\n")
    assert ev["name"] == "Halden Indoor Meeting"


def test_place_and_date_come_from_the_events_own_clause(nlp):
    (ev,) = events_of(nlp, "Cars\n\nLast month, Orvik Motors signed a production agreement with Tamsin Steel to "
                           "supply it with small cars for sale in Japan.\n")
    assert ev["place"] is None
    (ev,) = events_of(nlp, "Films\n\nSix films about Iraq are showcased at the Dutch festival, which runs until Sunday.\n")
    assert ev["date"] is None
    (ev,) = events_of(nlp, "Race\n\nAndre Morel, the 200m champion at the Tokyo Olympics, won the race on Sunday in "
                           "19.76 seconds.\n")
    assert ev["name"] == "Tokyo Olympics" and ev["date"] is None
    (ev,) = events_of(nlp, "Awards\n\nThe Academy Awards ceremony will be held in Hollywood on 27 February.\n")
    assert (ev["place"], ev["participants"]) == ("Hollywood", [])


def test_the_year_in_a_name_is_its_date(nlp):
    (ev,) = events_of(nlp, "Coe\n\nCoe won gold at the 1980 and 1984 Games in the 1,500m.\n")
    assert (ev["name"], ev["date"]) == ("1984 Games", "1984")


def test_parties_not_places_that_describe_them(nlp):
    (ev,) = events_of(nlp, "Deal\n\nDirector Lena Brook has signed a two-year deal with Hollywood studio Orbis Pictures.\n")
    assert "Hollywood" not in ev["participants"] and "Lena Brook" in ev["participants"]
    (ev,) = events_of(nlp, "Talks\n\nEU leaders set a date for the start of Norway's accession talks.\n")
    assert ev["place"] is None and ev["participants"] == ["Norway"]


def test_an_acronym_names_a_modified_event(nlp):
    (ev,) = events_of(nlp, "Apec\n\nBush told the Asia Pacific Economic Co-operation (Apec) summit in Chile that he "
                           "remained committed.\n")
    assert (ev["name"], ev["place"]) == ("Apec summit", "Chile")


def test_no_place_that_says_where_a_party_is_and_no_date_of_a_first_edition(nlp):
    (ev,) = events_of(nlp, "Summit\n\nLena Brook was in Oslo over the weekend at the Harbin Innovation Summit, founded by "
                           "students of Tolvik University in Britain.\n")
    assert ev["place"] != "Britain"
    (ev,) = events_of(nlp, "Forum\n\nSince the first edition in 2021, the Halden Harbour Forum 2024 has drawn "
                           "many guests.\n")
    assert ev["date"] == "2024"
    (ev,) = events_of(nlp, "Launch\n\nArvon said it had sold five million consoles since its European launch in "
                           "March 2002.\n")
    assert ev["date"] == "2002-03"


def test_a_name_with_officials_is_an_organisation(nlp):
    text = "Trade\n\nA leading official of the Nordic Conference on Trade and Shipping said the rules had helped.\n"
    assert events_of(nlp, text) == []


def test_it_signed_is_the_one_who_said_so(nlp):
    text = ("Jets\n\nArvon Air has also signed deals with two airlines. Tolvik Aerospace Corp said it had signed an agreement "
            "with Marden Systems to share data.\n")
    ev = next(e for e in events_of(nlp, text) if "Marden Systems" in e["participants"])
    assert "Tolvik Aerospace Corp" in ev["participants"] and "Arvon Air" not in ev["participants"]


def test_dates_and_venues_are_no_event_names(nlp):
    (ev,) = events_of(nlp, "Games\n\nShe ran at the July 26-August 11 Paris Olympics.\n")
    assert ev["name"] == "Paris Olympics"
    assert events_of(nlp, "Concert\n\nThe band played the Scottish Exhibition and Conference Centre.\n") == []


def test_the_body_that_runs_an_event_is_no_event(nlp):
    text = "Coffee prices\n\nThe Andean Coffee Expo Organization said prices rose in Quito.\n"
    assert [e["name"] for e in events_of(nlp, text)] == []


def test_a_month_in_the_events_own_clause_is_its_date_as_written(nlp):
    text = "Trade talks\n\nThe Global Trade Conference, to be held in Beijing in January, will draw 300 firms.\n"
    (event,) = events_of(nlp, text)
    assert (event["date_text"], event["date"], event["place"]) == ("January", None, "Beijing")


def test_a_month_of_another_clause_is_not_the_events_date(nlp):
    text = "Trade talks\n\nThe Global Trade Conference drew 300 firms in Beijing, while exports rose in May.\n"
    assert [e["date_text"] for e in events_of(nlp, text)] == [None]


def test_the_country_hosting_an_event_is_its_place(nlp):
    text = "Summit news\n\nKenya hosted the Nairobi Trade Summit for exporters.\n"
    (event,) = events_of(nlp, text)
    assert event["place"] == "Kenya"


def test_a_topic_in_the_name_continues_it_but_a_place_does_not(nlp):
    text = "Trade fair\n\nFirms flocked to the Global Fair for Trade in Services in Beijing this week.\n"
    (event,) = events_of(nlp, text)
    assert (event["name"], event["place"]) == ("Global Fair for Trade in Services", "Beijing")


def test_event_names_listed_in_passing_are_no_events(nlp):
    text = ("Fairs\n\nThe city built its name on fairs, such as the Lakeside Book Fair, the Autumn Craft Fair (ACF), "
            "the River Wine Expo and the Harbour Film Festival.\n")
    assert events_of(nlp, text) == []


def test_listed_events_with_a_place_and_date_stay(nlp):
    text = ("Fairs\n\nThe Lakeside Book Fair, the Autumn Craft Fair and the River Wine Expo will all be held in "
            "Leeds in May.\n")
    assert [e["name"] for e in events_of(nlp, text)] == ["Lakeside Book Fair", "Autumn Craft Fair", "River Wine Expo"]


def test_two_named_events_are_not_a_list(nlp):
    text = "Fairs\n\nFirms came to the Lakeside Book Fair and the Autumn Craft Fair.\n"
    assert len(events_of(nlp, text)) == 2


@pytest.mark.parametrize(("text", "who"), [
    ("Ana Ruiz gave a speech at the opening ceremony of the Lima Trade Summit.\n", "Ana Ruiz"),
    ("The corridor plan was proposed by Ana Ruiz at the Lima Trade Summit.\n", "Ana Ruiz"),
    ("Ana Ruiz met Tom Berg on the sidelines of the Lima Trade Summit.\n", "Ana Ruiz"),
])
def test_participants_through_a_setting_noun_or_a_passive_agent(nlp, text, who):
    (ev,) = events_of(nlp, text)
    assert ev["name"] == "Lima Trade Summit"
    assert who in ev["participants"]


def test_a_city_that_won_the_bid_to_host_is_the_place(nlp):
    (ev,) = events_of(nlp, "Brisbane won the bid to host the 2032 Olympic Games.\n")
    assert (ev["place"], ev["date"]) == ("Brisbane", "2032")


@pytest.mark.parametrize(("text", "name"), [
    ("Bergen hosted the Nordic Timber Games in 2023.\n", "Nordic Timber Games"),
    ("Ana Ruiz attended the Lima Economic Forum.\n", "Lima Economic Forum"),
])
def test_a_body_like_name_hosted_or_attended_is_an_event(nlp, text, name):
    (ev,) = events_of(nlp, text)
    assert ev["name"] == name


def test_a_body_like_name_sponsored_or_quoted_is_no_event(nlp):
    assert not events_of(nlp, "Bergen sponsored the Nordic Timber Forum.\n")
    assert not events_of(nlp, "The Nordic Timber Forum said prices would rise.\n")


def test_an_and_inside_a_capitalised_topic_stays_in_the_name_and_the_kind_is_the_event_noun(nlp):
    (ev,) = events_of(nlp, "Member states held the Nordic Cooperation Forum on Timber and Trade in Bergen in May.\n")
    assert (ev["name"], ev["kind"]) == ("Nordic Cooperation Forum on Timber and Trade", "forum")


@pytest.mark.parametrize("text", [
    "Harwell Foods could hold talks with Brightwing in Leeds.\n",
    "Harwell Foods and Brightwing are expected to hold talks in Leeds.\n",
    "There is speculation that Harwell Foods had held talks with Brightwing.\n",
])
def test_talks_that_only_may_happen_are_no_event(nlp, text):
    assert not [e for e in events_of(nlp, text) if e["kind"] == "talks"]


@pytest.mark.parametrize("text", [
    "Such moves could gain traction following the Halvard presidential election.\n",
    "The Halvard presidential election could depress growth.\n",
])
def test_a_modal_elsewhere_leaves_the_event(nlp, text):
    assert [e["kind"] for e in events_of(nlp, text)] == ["election"]

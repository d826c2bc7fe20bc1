"""Claim patterns on sentences written for these tests (trained model needed)."""

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model


def claims(nlp, text):
    doc = run_text(nlp, text)
    out = doc._.claims
    for c in out:  # offsets are file offsets of the inside of the quotes
        assert " … ".join(text[s:e] for s, e in c["pieces"]) == c["text"]
        assert (c["pieces"][0][0], c["pieces"][-1][1]) == (c["start"], c["end"])
        if c["speaker_start"] is not None:
            assert text[c["speaker_start"]:c["speaker_end"]] == c["speaker_mention"]
    return out


def find(found, words):
    hits = [c for c in found if words in c["text"]]
    assert hits, [(c["speaker"], c["text"]) for c in found]
    return hits[0]


def test_direct_quote_speaker_after(nlp):
    text = ("Trade is growing.\n\n“Farmers in both countries have a broad market to share,” Harbor Grain "
            "Council President Oliver Grant said.")
    c = find(claims(nlp, text), "broad market")
    assert (c["speaker"], c["direct"], c["cue"]) == ("Oliver Grant", True, "said")
    assert c["text"].endswith("to share")  # the comma before the closing mark is dropped


def test_direct_quote_speaker_before_with_colon(nlp):
    text = "Oliver Grant runs the council.\n\nGrant said: “We expect exports to double next year.”"
    c = find(claims(nlp, text), "exports to double")
    assert (c["speaker"], c["direct"]) == ("Oliver Grant", True)
    assert c["speaker_mention"] == "Grant"


def test_split_quote_keeps_the_speaker_and_pronoun(nlp):
    text = ("Mara Voss leads the research team at Keller Labs.\n\n"
            "“The results are better than we hoped,” she said. “We will publish them in May.”")
    found = claims(nlp, text)
    # One attribution: the two quoted pieces are one claim, as PolNeAR and PARC count them.
    (claim,) = found
    assert claim["text"] == "The results are better than we hoped … We will publish them in May."
    assert len(claim["pieces"]) == 2 and claim["direct"]
    assert (claim["speaker"], claim["speaker_mention"]) == ("Mara Voss", "she")


def test_quote_over_paragraphs(nlp):
    text = ("Ports Jam\n\nDana Holt, chief executive of Pelican Freight, spoke on Monday. She said:\n\n"
            "“The ports are full and ships are waiting for weeks.\n\n"
            "“We need more cranes before the winter.”\n\nShares fell.")
    found = claims(nlp, text)
    assert find(found, "ports are full")["speaker"] == "Dana Holt"
    assert find(found, "more cranes")["speaker"] == "Dana Holt"


def test_reported_speech_and_role_from_affiliation(nlp):
    text = "Dana Holt, chief executive of Pelican Freight Ltd, said the firm would hire 200 drivers."
    c = find(claims(nlp, text), "hire 200 drivers")
    assert (c["speaker"], c["direct"], c["role"], c["org"]) == (
        "Dana Holt", False, "chief executive", "Pelican Freight Ltd")


def test_added_that_and_hoped(nlp):
    text = ("Ivan Petrov, director of the Baltic Timber Association, spoke in Riga. Petrov added that "
            "demand for pine had recovered. He hoped prices would stay stable through the spring.")
    found = claims(nlp, text)
    assert find(found, "demand for pine")["speaker"] == "Ivan Petrov"
    hoped = find(found, "prices would stay stable")
    assert (hoped["speaker"], hoped["cue"], hoped["speaker_mention"]) == ("Ivan Petrov", "hoped", "He")


def test_according_to(nlp):
    text = "Lena Ortiz met investors. According to her, the fund is buying more bonds this year."
    c = find(claims(nlp, text), "buying more bonds")
    assert (c["speaker"], c["cue"]) == ("Lena Ortiz", "According to")


def test_told_and_warned_with_trailing_cue(nlp):
    text = ("Tomas Berg told the BBC the bridge would reopen in June. Traffic will get worse before it "
            "gets better, he warned.")
    found = claims(nlp, text)
    assert find(found, "bridge would reopen")["speaker"] == "Tomas Berg"
    warned = find(found, "Traffic will get worse")
    assert (warned["speaker"], warned["cue"]) == ("Tomas Berg", "warned")


def test_organisation_speaks(nlp):
    text = ("Norland Airways cut 300 jobs on Tuesday. The company said fuel costs had risen sharply.\n\n"
            "Norland Airways said it would add routes to Spain.")
    found = claims(nlp, text)
    for words in ("fuel costs", "add routes"):
        c = find(found, words)
        assert (c["speaker"], c["speaker_type"]) == ("Norland Airways", "ORG")
    assert find(found, "fuel costs")["speaker_mention"] == "The company"


def test_unnamed_speaker_keeps_the_mention(nlp):
    text = "Shares in the bank fell. A spokesman said the figures were being checked."
    c = find(claims(nlp, text), "figures were being checked")
    assert c["speaker"] is None and c["speaker_mention"] == "A spokesman" and c["cue"] == "said"


def test_pronoun_picks_the_right_person(nlp):
    text = ("Mr Karl Weber met Ms Anna Lind in Berlin. Lind said the talks had gone well. "
            "Later he said the deal was not ready.")
    found = claims(nlp, text)
    assert find(found, "talks had gone well")["speaker"] == "Anna Lind"
    assert find(found, "deal was not ready")["speaker"] == "Karl Weber"


def test_broken_quote_marks_never_crash(nlp):
    texts = ["“Unclosed quote, she said.\n\nNext paragraph with a stray ” mark.",
             '"Straight and “curly” mixed," Tom Reed said. "', "”“”“ said ”", "“\n\n“\n\n"]
    for text in texts:
        assert isinstance(claims(nlp, text), list)


def test_titles_and_scare_quotes_are_not_claims(nlp):
    text = "She appeared on “The Morning Table Show” and called the plan a “bold” idea."
    assert not any(c["direct"] for c in claims(nlp, text))


def test_conjoined_cue_takes_the_subject_of_its_verb(nlp):
    text = "Mira Kovac toured the new plant and said the line would run around the clock by March."
    c = find(claims(nlp, text), "run around the clock")
    assert (c["speaker"], c["cue"]) == ("Mira Kovac", "said")


def test_said_in_a_statement_that(nlp):
    text = ("Petra Holm chairs the water board. Holm says in a statement that the reservoir will be full "
            "before the summer.")
    c = find(claims(nlp, text), "reservoir will be full")
    assert (c["speaker"], c["direct"]) == ("Petra Holm", False)
    assert not c["text"].startswith("in a statement")


def test_shouted_and_other_voice_verbs_attribute_quotes(nlp):
    text = "Rolf Adler walked to the stage.\n\n“We are not done yet!” Adler shouted."
    c = find(claims(nlp, text), "not done yet")
    assert (c["speaker"], c["cue"], c["direct"]) == ("Rolf Adler", "shouted", True)


def test_speaker_after_quote_with_a_long_apposition(nlp):
    text = ("“The harbour will reopen next week,” Greta Lund, the port authority's director for the last "
            "eleven years, a former pilot and the author of two books on the coast, said on Friday.")
    c = find(claims(nlp, text), "harbour will reopen")
    assert (c["speaker"], c["cue"], c["speaker_mention"]) == ("Greta Lund", "said", "Greta Lund")


def test_role_noun_resolves_to_the_person_holding_it(nlp):
    text = ("Finance Minister Ola Strand presented the budget on Monday. The minister said taxes on fuel "
            "would fall next year.")
    c = find(claims(nlp, text), "taxes on fuel")
    assert (c["speaker"], c["speaker_mention"]) == ("Ola Strand", "The minister")


def test_shadow_role_is_not_the_role_holder(nlp):
    text = ("Shadow minister Ben Okoro criticised the plan. Later the shadow minister said the figures "
            "did not add up.")
    c = find(claims(nlp, text), "figures did not add up")
    assert c["speaker"] is None and c["speaker_mention"] == "the shadow minister"


def test_a_clause_after_the_cue_wins_over_one_before(nlp):
    text = ("In the speech, which drew long applause from the hall, Tara Quinn promised to cut waiting "
            "lists by half.")
    c = find(claims(nlp, text), "waiting lists")
    assert (c["speaker"], c["cue"]) == ("Tara Quinn", "promised")
    assert "applause" not in c["text"]


def test_told_listener_then_clause_keeps_the_clause_subject(nlp):
    text = ("Schools\n\nMinister Dana Whitfield visited a school. Ms Whitfield told the BBC progress had been "
            "made against truancy.\n")
    claims = run_text(nlp, text)._.claims
    told = [c for c in claims if c["cue"] == "told"]
    assert told and told[0]["text"].startswith("progress had been made"), claims


def test_statement_opening_on_this_joins_the_one_before(nlp):
    text = ("Nora Lind, head of the Fjord Shipping Council, spoke in Oslo. Lind hoped for faster port "
            "approvals for electric ferries. This would cut emissions along the coast, she added.\n\n"
            "Lind said ticket prices would fall. Fares will be reviewed in May, she added.")
    found = claims(nlp, text)
    joined = find(found, "faster port approvals")
    assert joined["text"].endswith("cut emissions along the coast")
    assert joined["cue"] == "hoped"
    assert not [c for c in found if c["text"].startswith("This would")]
    # A statement that stands on its own stays a claim of its own.
    assert find(found, "ticket prices") is not find(found, "Fares will be reviewed")


def test_he_never_refers_to_a_man_named_inside_the_quote(nlp):
    text = ("Reshuffle talk\n\nIan Marsh said: \"This is damaging. Peter Cole knows it as well as anyone. Things are hard.\" "
            "He added: \"Many ministers expect a reshuffle.\"")
    added = find(claims(nlp, text), "expect a reshuffle")
    assert (added["speaker"], added["speaker_mention"]) == ("Ian Marsh", "He")


def test_it_is_the_organisation_in_the_subject_not_the_last_one_named(nlp):
    text = ("Drug shares\n\nShares in drug firm Phytocare closed down 19% on the London Stock Exchange on Monday, after it "
            "said a partner was set to pull out of a deal.")
    assert find(claims(nlp, text), "partner was set")["speaker"] == "Phytocare"
    text = ("Exchange bid\n\nFidelity Investments is the latest shareholder in Deutsche Boerse to express concern at its plans to buy "
            "the London Stock Exchange. It said Deutsche Boerse had to show why the offer was good.")
    assert find(claims(nlp, text), "had to show")["speaker"] == "Fidelity Investments"



def test_a_split_quote_keeps_one_speaker_for_its_pronoun(nlp):
    text = ("Savers\n\nJack Borman, an adviser to the fund, spoke first. \"The cost is enormous,\" he said.\n\n"
            "\"Savers trusted the state,\" said Carla Ruiz Vega, head of the savers' group. Few have recovered half "
            "their money, Ms Ruiz Vega estimated. \"They invested in good faith,\" she said. \"The state took it.\"")
    found = claims(nlp, text)
    c = find(found, "good faith")
    assert c["speaker"] == "Carla Ruiz Vega" and "The state took it" in c["text"]


def test_a_quote_right_after_a_reported_statement_goes_on_with_its_speaker(nlp):
    text = ("Pubs\n\nOfficers met on Monday. After the meeting, Mr Fox said short closures made no impact. "
            "\"If you close on a Saturday for 24 hours there is not a lot of pain for the premises.\"\n\n"
            "Ministers said nothing.")
    c = find(claims(nlp, text), "not a lot of pain")
    assert (c["speaker"], c["direct"]) == ("Fox", True)


def test_parenthetical_cue_inside_the_reported_clause(nlp):
    text = ("Clinic\n\nHelen Marsh runs the clinic in the town. The waiting list, Ms Marsh says, is longer "
            "than ever. Perhaps, she said, the town could hire more nurses.")
    found = claims(nlp, text)
    (says,) = [c for c in found if c["cue"] == "says"]
    assert says["text"] == "The waiting list … is longer than ever" and len(says["pieces"]) == 2
    assert says["speaker"] == "Helen Marsh"
    perhaps = find(found, "hire more nurses")
    assert (perhaps["speaker"], perhaps["text"]) == ("Helen Marsh", "the town could hire more nurses")


def test_participle_cue_after_an_object_cue_keeps_its_quote(nlp):
    text = "Roads\n\nIan Cole defended the plan, saying, “It is the cheapest way to fix the roads.”"
    c = find(claims(nlp, text), "cheapest way")
    assert (c["speaker"], c["cue"], c["direct"]) == ("Ian Cole", "saying", True)


def test_stance_cues_need_a_proposition(nlp):
    text = ("Funds\n\nHarrow Capital wants the exchange to buy back shares. The union opposes closing the "
            "depot. Harrow Capital also wants a new chairman.")
    found = claims(nlp, text)
    wants = find(found, "buy back shares")
    assert (wants["speaker"], wants["cue"], wants["text"]) == (
        "Harrow Capital", "wants", "the exchange to buy back shares")
    assert find(found, "closing the depot")["speaker_mention"] == "The union"
    assert not [c for c in found if "chairman" in c["text"]]


def test_according_to_a_document_speaks_for_its_author(nlp):
    text = ("Trade\n\nTrade slowed in May. According to a new report by the Harbour Institute, exports fell "
            "sharply. According to a new book, The Quiet Years by journalist Robert Peston, the chancellor "
            "was furious with his colleague.")
    found = claims(nlp, text)
    report = find(found, "exports fell")
    assert (report["speaker"], report["cue"]) == ("Harbour Institute", "According to")
    book = find(found, "chancellor was furious")
    assert book["speaker"] == "Robert Peston"
    assert book["text"].startswith("the chancellor")  # the title and author are not the content


def test_conjoined_cues_after_one_subject_each_keep_their_clause(nlp):
    text = ("Trial\n\nMr Sullivan told jurors he met Mr Ebbers often, told him about the changes and had "
            "warned him such practices were improper.")
    found = claims(nlp, text)
    assert find(found, "met Mr Ebbers")["text"] == "he met Mr Ebbers often"
    warned = find(found, "practices were improper")
    assert (warned["cue"], warned["speaker"]) == ("warned", find(found, "met Mr Ebbers")["speaker"])
    # Another subject's conjoined verb stays inside the content: the minister told them.
    other = claims(nlp, "Tax\n\nMs Grant said the minister met voters and told them taxes would fall.")
    assert find(other, "minister met voters")["text"].endswith("taxes would fall")


def test_flattened_quote_paragraphs_keep_their_speaker(nlp):
    text = ('Talks\n\nAndrew Marr met the prime minister. Marr said: "The relationship is very poor. Things are '
            'bad. "It is hard to see how they can work together." Gordon Brown replied: "The end is near. '
            '"We will see."')
    found = claims(nlp, text)
    assert find(found, "hard to see")["speaker"] == "Andrew Marr"
    assert find(found, "We will see")["speaker"] == "Gordon Brown"


def test_a_role_described_with_its_place_is_the_person_just_speaking(nlp):
    text = ("Police\n\nHazel Blears said innocent people would be targeted. Rules could be made tougher, she told "
            "an inquiry.\n\n\"The threat is most likely to come from extremists,\" the Salford MP told the committee.")
    c = find(claims(nlp, text), "threat is most likely")
    assert (c["speaker"], c["speaker_mention"]) == ("Hazel Blears", "the Salford MP")


def test_he_after_a_role_noun_subject_is_the_role_holder(nlp):
    text = ("Rift\n\nChancellor Gordon Brown met Tony Blair on Monday. Mr Blair said nothing.\n\n"
            "Meanwhile, the chancellor is leaving Britain on a tour of Africa. But before doing so, he insisted "
            "he still trusted Mr Blair.")
    assert find(claims(nlp, text), "still trusted")["speaker"] == "Gordon Brown"


def test_cue_right_before_a_quote_wins_over_a_later_cue(nlp):
    text = ("Rally Night\n\nNora Pike won the county vote on Tuesday.\n\n"
            "She declared “What a night!” and said that her team would keep knocking on doors.")
    c = find(claims(nlp, text), "What a night")
    assert (c["speaker"], c["cue"], c["direct"]) == ("Nora Pike", "declared", True)
    assert c["text"] == "What a night!"


def test_short_shouted_quote_after_its_cue_is_a_claim(nlp):
    text = ("Crowd Noise\n\nThe mayor thanked the city and said it was good to be back, "
            "and a man yelled “Stay there!”\n\nSome supporters chanted “More! More!”")
    found = claims(nlp, text)
    assert find(found, "Stay there")["speaker_mention"] == "a man"
    assert find(found, "More! More!")["cue"] == "chanted"


def test_voice_and_display_verbs_attribute_quotes(nlp):
    text = ("Sign Language\n\n“Get out of my office,” Paul Varga barked.\n\n"
            "The protesters waved banners. “Lower the rents now,” read one.")
    found = claims(nlp, text)
    assert find(found, "Get out of my office")["speaker"] == "Paul Varga"
    assert find(found, "Lower the rents")["speaker_mention"] == "one"
    # A verb of display is a cue for a quote next to it, never for reported speech.
    text = "Reading List\n\nMaria Lunt read the report on Monday and wrote that it was flawed."
    assert all(c["cue"] != "read" for c in claims(nlp, text))
    # ... nor for a quote further on in the sentence.
    text = ("Report Day\n\nAnn Cole said she had not yet read the report in detail. But told Radio Nine: "
            "\"As far as I'm concerned, the case is closed.\"")
    c = find(claims(nlp, text), "case is closed")
    assert (c["speaker"], c["cue"]) == ("Ann Cole", "said")


def test_participle_cue_takes_the_subject_of_its_verb(nlp):
    text = ("Band News\n\nSinger Tom Reyes shared the news on Friday, writing “We are thrilled to play "
            "for the hospital.”\n\nHe closed the show by saying “See you next year.”")
    found = claims(nlp, text)
    assert find(found, "thrilled to play")["speaker"] == "Tom Reyes"
    assert find(found, "See you next year")["speaker_mention"] == "He"


def test_speaker_named_before_a_party_tag():
    # The parse of "Senator Ada Moss (D-OR) said “...”" may leave the cue without a subject.
    import spacy
    from spacy.tokens import Doc

    from cooptool.extract.components.claims import _quote_cue_subject

    words = ["Senator", "Ada", "Moss", "(", "D-OR", ")", "said", "“", "No", "”"]
    heads = [2, 2, 6, 2, 3, 2, 6, 8, 6, 8]
    deps = ["compound", "compound", "npadvmod", "punct", "appos", "punct", "ROOT", "punct", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "PUNCT", "INTJ", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert _quote_cue_subject(doc[6]).text == "Moss"


def test_quote_after_a_colon_naming_its_speaker(nlp):
    text = ("Poll Shift\n\nThe swing in the suburbs does not surprise pollster Dana Ruiz: “Late deciders "
            "always break toward the challenger.”\n\nMayor Tim Kerr released the following statement:\n\n"
            "“Our thoughts are with the families tonight.”\n\nThe results were clear: “Nobody expected this.”")
    found = claims(nlp, text)
    c = find(found, "Late deciders")
    assert (c["speaker"], c["direct"]) == ("Dana Ruiz", True)
    assert find(found, "Our thoughts")["speaker"] == "Tim Kerr"
    # A colon after a sentence about things, not a speaker, attributes nothing.
    assert not [c for c in found if "Nobody expected" in c["text"]]


def test_naming_cues_with_a_quoted_name(nlp):
    text = ("Merger Fight\n\nUnion leader Rosa Kent branded the merger plan “a leap in the dark.”\n\n"
            "Governor Sam Ortiz praised the deal. He called the new rules “a crucial step forward for "
            "small towns.”\n\nThe firm branded its new phone the Zeta.")
    found = claims(nlp, text)
    c = find(found, "leap in the dark")
    assert (c["speaker"], c["cue"], c["direct"]) == ("Rosa Kent", "branded", True)
    assert find(found, "crucial step forward")["speaker"] == "Sam Ortiz"
    assert not [c for c in found if "Zeta" in c["text"]]
    text = "Pub Hours\n\nFormer minister Alan Reed branded the new opening hours as a \"leap in the dark\"."
    assert find(claims(nlp, text), "leap in the dark")["speaker"] == "Alan Reed"


def test_people_from_a_place_are_not_the_place(nlp):
    found = claims(nlp, "Banks\n\nUK regulators said the banks must hold more capital. The UK said it would act.")
    assert (find(found, "more capital")["speaker"], find(found, "would act")["speaker"]) == (None, "UK")


def test_according_to_a_round_up_compiled_by_a_magazine(nlp):
    text = ("Gadgets\n\nThe Zeta Player is the top gadget for 2005, according to a round-up of ultimate gizmos "
            "compiled by Stuff Magazine.")
    c = find(claims(nlp, text), "top gadget")
    assert (c["speaker"], c["cue"]) == ("Stuff Magazine", "according to")


def test_the_report_is_the_one_its_author_published_earlier(nlp):
    text = ("Oil\n\nIn its latest report, the OECD cut its growth predictions. Overall, the report forecast total "
            "growth of 3.6% in 2004 for the member countries. However, the report warned: \"It remains to be seen "
            "whether Europe will grow.\"")
    found = claims(nlp, text)
    assert find(found, "total growth of 3.6%")["speaker"] == "OECD"
    assert find(found, "whether Europe will grow")["speaker"] == "OECD"


def test_a_forecast_is_a_claim_only_with_a_figure(nlp):
    found = claims(nlp, "Banks\n\nOn Monday, Barclays forecast an 8% fall in house prices in 2005. "
                        "The insurer estimated the damage.")
    assert find(found, "8% fall")["cue"] == "forecast"
    assert not [c for c in found if "damage" in c["text"]]


def test_a_firm_described_by_its_country_is_not_the_country(nlp):
    text = "Cars\n\nHyundai sells cars in India. South Korea's top car maker estimates the market will grow 15% this year."
    assert find(claims(nlp, text), "market will grow")["speaker"] != "South Korea"


def test_it_is_the_story_company_not_a_sources_employer(nlp):
    text = ("Unilever\n\nUnilever cut its forecast. Unilever shares fell 5%. Unilever has lost market share, the "
            "firm said.\n\n\"The best news was the new structure,\" said Arjan Sweere, an analyst at Petercam. "
            "It said the changes would speed decision making.")
    assert find(claims(nlp, text), "speed decision making")["speaker"] == "Unilever"


def test_each_named_conjunct_of_the_subject_makes_the_claim(nlp):
    found = claims(nlp, "Cars\n\nGM and Ford blamed high fuel prices for low sales of big trucks.")
    assert sorted(c["speaker"] for c in found if "fuel prices" in c["text"]) == ["Ford", "GM"]


def test_which_clause_cue_and_attack_and_liken(nlp):
    text = ("Grids\n\nSun sells computing by the hour. It faces IBM, which argues that its service "
            "is cheaper. Sun likened grid computing to the development of electricity.\n\n"
            "Liberal Democrat leader Charles Kennedy attacked Mr Brown for failing to mention the environment.")
    found = claims(nlp, text)
    assert find(found, "service is cheaper")["speaker"] == "IBM"
    assert find(found, "development of electricity")["speaker"] == "Sun"
    assert find(found, "failing to mention")["speaker"] == "Charles Kennedy"


def test_the_company_is_the_story_company(nlp):
    text = ("Unilever\n\nUnilever cut its forecast. Unilever shares fell 5%.\n\n\"The best news was the new "
            "structure,\" said Arjan Sweere, an analyst at Petercam.\n\nThe company said the changes would speed "
            "decision making.")
    assert find(claims(nlp, text), "speed decision making")["speaker"] == "Unilever"


def test_the_report_an_organisation_spoke_in(nlp):
    text = ("Aid\n\nAid budgets are half their 1960 levels, Oxfam says in a report. The report said: \"For rich "
            "countries, providing aid is an obligation.\"")
    found = claims(nlp, text)
    assert find(found, "providing aid is an obligation")["speaker"] == find(found, "half their 1960")["speaker"]


def test_the_one_a_news_agency_quotes_is_the_speaker(nlp):
    text = ("Spam\n\nJaynes amassed a fortune. \"He has been successful ripping people off all these years,\" AP "
            "quoted prosecutor Russell McGuire as saying.")
    assert find(claims(nlp, text), "ripping people off")["speaker"] == "Russell McGuire"


def test_a_negated_say_reports_nothing_said(nlp):
    found = claims(nlp, "Grid\n\nSun has not said how much the system will cost. Ann Lee did not think the plan "
                        "would work.")
    assert not [c for c in found if "system will cost" in c["text"]]
    assert find(found, "plan would work")["cue"] == "think"  # a negated belief is still one


def test_where_it_was_said_is_not_the_content(nlp):
    text = ("Talks\n\nForeign Ministry spokesperson Mao Ning said at a regular press briefing on Monday that China "
            "is willing to work with the US. The International Energy Agency said in its monthly report that oil "
            "demand would grow.")
    found = claims(nlp, text)
    assert find(found, "willing to work")["text"] == "China is willing to work with the US"
    assert find(found, "oil demand")["text"] == "oil demand would grow"


def test_a_subject_headed_on_the_title_is_the_person_named_in_it(nlp):
    text = "Ties\n\nChinese Ambassador to the US Xie Feng noted that China-US relations are at a critical juncture."
    c = find(claims(nlp, text), "critical juncture")
    assert c["speaker"] == "Xie Feng"


def test_speaker_before_an_apposition_the_parse_lost(nlp):
    text = ("Forum\n\nIn an interview with China Daily, Peter Grant, chairman of Grant Energy, said the company "
            "plans to invest $2 billion in Texas.")
    assert find(claims(nlp, text), "invest $2 billion")["speaker"] == "Peter Grant"


def test_the_party_leader_is_the_leader_not_the_party(nlp):
    text = ("Party\n\nVeritas leader Robert Kilroy-Silk launched the campaign on Monday. Other parties were silent."
            "\n\n\"We will win seats,\" the Veritas leader said. A Tesco spokesman said sales rose.")
    found = claims(nlp, text)
    assert find(found, "win seats")["speaker"] == "Robert Kilroy-Silk"
    assert find(found, "sales rose")["speaker"] == "Tesco"  # a spokesman speaks for the firm


def test_quote_in_two_apostrophes_is_direct(nlp):
    text = ("Club to appeal\n\nThe club lost its case on Monday. ''We will take this to the highest court,'' "
            "said manager Tom Reilly.")
    c = find(claims(nlp, text), "highest court")
    assert (c["speaker"], c["direct"]) == ("Tom Reilly", True)
    assert c["text"] == "We will take this to the highest court"


def test_survey_showed_and_inquiry_found_are_claims(nlp):
    text = ("Council review\n\nA survey by Harlow Research showed that most tenants want longer leases. "
            "The inquiry found the council had broken its own rules. "
            "The survey also showed a small rise in rents. Anglers find themselves fined under the plan.")
    found = claims(nlp, text)
    assert find(found, "most tenants want longer leases")["cue"] == "showed"
    assert find(found, "had broken its own rules")["cue"] == "found"
    # An object is a figure, not a statement; "find themselves" is no finding.
    assert not [c for c in found if "small rise" in c["text"] or "fined" in c["text"]]


def test_participle_cues_without_a_subject_of_their_own(nlp):
    text = ("Ward vote\n\nThe ward was split, with many tenants saying the new rules were unfair. "
            "The union issued a statement saying the talks had failed. "
            "In addition to stating that the budget was balanced, Mayor Ann Cole promised new parks.")
    found = claims(nlp, text)
    assert find(found, "the new rules were unfair")["speaker_mention"] == "many tenants"
    assert find(found, "the talks had failed")["speaker_mention"] == "The union"
    assert find(found, "the budget was balanced")["speaker"] == "Ann Cole"


def test_infinitive_cue_takes_the_subject_of_its_frame(nlp):
    text = ("Budget row\n\nMayor Ann Cole went on to insist the budget was balanced. "
            "The tenants union continued to argue that rents have risen. "
            "Mayor Cole is expected to announce which parks will close. Ann Cole is likely to want to cut costs.")
    found = claims(nlp, text)
    assert find(found, "the budget was balanced")["speaker"] == "Ann Cole"
    assert find(found, "rents have risen")["speaker_mention"] == "The tenants union"
    # Statements not yet made, or guessed at, are nobody's claim.
    assert not [c for c in found if "parks will close" in c["text"] or "cut costs" in c["text"]]


def test_conjoined_and_participle_cues_split_the_statement(nlp):
    text = ("Strike talks\n\nUnion leader Dan Reed said workers did not want to strike and called for talks "
            "with ministers. Mayor Ann Cole said the budget was balanced, adding that taxes would not rise.")
    found = claims(nlp, text)
    said = find(found, "workers did not want to strike")
    assert "called" not in said["text"]
    assert find(found, "talks with ministers")["speaker"] == "Dan Reed"
    assert "adding" not in find(found, "the budget was balanced")["text"]
    assert find(found, "taxes would not rise")["speaker"] == "Ann Cole"


def test_statement_noun_with_an_owner_reports_its_clause(nlp):
    text = ("Rail row\n\nCouncillor Jo Marsh said the line was safe. Tom Beck hit back at Marsh's claim that "
            "the new line would cut journey times. \"It will not move anyone,\" he said. "
            "The claim that fares would fall was never tested.")
    found = claims(nlp, text)
    assert find(found, "cut journey times")["speaker"] == "Jo Marsh"
    assert find(found, "It will not move anyone")["speaker"] == "Tom Beck"  # Marsh was only named in passing
    assert not [c for c in found if "fares would fall" in c["text"]]  # nobody's claim


def test_a_person_showing_how_is_a_demonstration_not_a_finding(nlp):
    found = claims(nlp, "Grid\n\nJonathan Schwartz showed how data could be processed in an experiment. "
                        "The survey showed that turnout had risen.")
    assert not [c for c in found if "data could be processed" in c["text"]]
    assert find(found, "turnout had risen")["cue"] == "showed"


def test_an_error_in_a_claim_rule_reaches_spacys_error_handler(nlp, monkeypatch):
    # No blanket except in the component: the error propagates, or goes to the error handler set on
    # the pipeline, which reports it for the document.
    import cooptool.extract.components.claims as claims_component

    def broken(run, tok, lemma):
        raise RuntimeError("broken rule")

    monkeypatch.setattr(claims_component, "reported", broken)
    text = "Budget\n\nThe finance minister Ana Lind said taxes would fall."
    with pytest.raises(RuntimeError, match="broken rule"):
        run_text(nlp, text)
    seen = []
    monkeypatch.setattr(nlp, "default_error_handler", lambda name, proc, docs, e: seen.append((name, str(e))))
    run_text(nlp, text)
    assert seen == [("cooptool_claims", "broken rule")]


def test_the_component_keeps_no_state_of_a_document(nlp):
    component = nlp.get_pipe("cooptool_claims")
    before = dict(vars(component))
    claims(nlp, "Budget\n\nAna Lind said taxes would fall. “We will cut them again,” she said.")
    assert vars(component) == before

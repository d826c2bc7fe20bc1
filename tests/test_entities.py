import pytest
import spacy

from cooptool.extract.components.entities import _schwartz_hearst, find_acronyms


@pytest.fixture
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("cooptool_entities")
    return nlp


def annotate(nlp, text, ents):
    """Run the blank pipeline up to the resolver with hand-set model entities."""
    doc = nlp.make_doc(text)
    doc = nlp.get_pipe("sentencizer")(doc)
    spans = []
    for surface, label, nth in ents:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    return nlp.get_pipe("cooptool_entities")(doc)


def by_name(doc):
    return {e["name"]: e for e in doc._.entities}


def test_schwartz_hearst():
    long = "the Harbour Energy Research Council"
    assert long[_schwartz_hearst("HERC", long):] == "Harbour Energy Research Council"
    assert _schwartz_hearst("XYZ", long) is None


def test_acronym_definition_gives_org_with_alias(blank):
    text = "The Harbour Energy Research Council (HERC) met. Later HERC said it would grow."
    doc = annotate(blank, text, [("Harbour Energy Research Council", "ORG", 0), ("HERC", "PERSON", 1)])
    assert [(doc[a:b].text, doc[c:d].text) for a, b, c, d in find_acronyms(doc)] == [
        ("Harbour Energy Research Council", "HERC")]
    ents = by_name(doc)
    herc = ents["Harbour Energy Research Council"]
    assert herc["label"] == "ORG" and herc["aliases"] == ["HERC"]
    assert len(herc["mentions"]) == 3
    assert all(text[s:e] == t for s, e, t in herc["mentions"])


def test_short_form_joins_long_form_and_label_is_voted(blank):
    text = "Nordwind Power Systems Ltd. opened a plant. Nordwind Power said sales rose."
    doc = annotate(blank, text, [("Nordwind Power Systems Ltd.", "ORG", 0), ("Nordwind Power", "PERSON", 1)])
    ents = by_name(doc)
    assert list(ents) == ["Nordwind Power Systems Ltd."]
    assert ents["Nordwind Power Systems Ltd."]["label"] == "ORG"
    assert ents["Nordwind Power Systems Ltd."]["aliases"] == ["Nordwind Power"]
    assert all(span.label_ == "ORG" for span in doc.ents)


def test_surname_goes_to_nearest_preceding_person(blank):
    text = ("Maria Okafor spoke first. Okafor was brief. Then James Okafor spoke. "
            "Okafor was long. Chen Wei agreed, and Chen smiled.")
    doc = annotate(blank, text, [("Maria Okafor", "PERSON", 0), ("James Okafor", "PERSON", 0),
                                 ("Chen Wei", "PERSON", 0), ("Chen", "ORG", 1)])
    ents = by_name(doc)
    assert len(ents["Maria Okafor"]["mentions"]) == 2
    assert len(ents["James Okafor"]["mentions"]) == 2
    assert ents["Chen Wei"]["label"] == "PERSON" and ents["Chen Wei"]["aliases"] == ["Chen"]
    second_okafor = text.index("Okafor was long")
    assert any(s == second_okafor for s, _, _ in ents["James Okafor"]["mentions"])


def test_leading_the_and_caps_names(blank):
    text = "The World Rowing Federation thanked ANNA BERG."
    doc = annotate(blank, text, [("The World Rowing Federation", "ORG", 0), ("ANNA BERG", "PERSON", 0)])
    ents = by_name(doc)
    assert "World Rowing Federation" in ents
    assert "Anna Berg" in ents


def test_country_is_not_a_short_form(blank):
    text = "Kenya Airways grew. Kenya cut taxes."
    doc = annotate(blank, text, [("Kenya Airways", "ORG", 0), ("Kenya", "GPE", 1)])
    ents = by_name(doc)
    assert ents["Kenya"]["label"] == "GPE"
    assert ents["Kenya Airways"]["aliases"] == []


def test_institution_the_model_missed_is_an_org(blank):
    text = "They restarted the Baltic-Nordic Grid Efficiency Forum in May. Oslo hosted it."
    doc = annotate(blank, text, [("Baltic", "NORP", 0), ("Oslo", "GPE", 0)])
    ents = by_name(doc)
    assert ents["Baltic-Nordic Grid Efficiency Forum"]["label"] == "ORG"
    assert "Baltic" not in ents  # the model's piece inside the name gives way
    assert ents["Oslo"]["label"] == "GPE"


def test_a_heading_in_capitals_is_not_an_institution(blank):
    text = "FARMERS JOIN PROTEST GROUP.\nThe group met."
    doc = annotate(blank, text, [])
    assert doc._.entities == []


def test_company_short_form_found_in_text(blank):
    text = "Veltrana Technologies reported results. The Veltrana Edge server sold well."
    doc = annotate(blank, text, [("Veltrana Technologies", "ORG", 0)])
    ents = by_name(doc)
    assert ents["Veltrana Technologies"]["aliases"] == ["Veltrana"]
    assert len(ents["Veltrana Technologies"]["mentions"]) == 2


def test_company_short_form_is_never_a_place_or_a_common_word(blank):
    text = "Kenya Energy Corp. grew. Kenya cut taxes. General Systems Inc. hired. In general, sales rose."
    doc = annotate(blank, text, [("Kenya Energy Corp.", "ORG", 0), ("Kenya", "GPE", 1),
                                 ("General Systems Inc.", "ORG", 0)])
    ents = by_name(doc)
    assert ents["Kenya"]["label"] == "GPE" and len(ents["Kenya"]["mentions"]) == 1
    assert ents["Kenya Energy Corp."]["aliases"] == []
    assert ents["General Systems Inc."]["aliases"] == []


def test_numbered_meeting_acronym_is_an_event(blank):
    text = "She attended the 12th Meeting of the Parties to the Ocean Accord (MOP12) in Lima. MOP11 was smaller."
    doc = annotate(blank, text, [("Lima", "GPE", 0), ("MOP11", "GPE", 0)])
    ents = by_name(doc)
    meeting = ents["12th Meeting of the Parties to the Ocean Accord"]
    assert meeting["aliases"] == ["MOP12"] and meeting["label"] == "EVENT"


def test_numbered_conference_names_are_events(blank):
    text = "Delegates met at COP31 in a port city."
    doc = annotate(blank, text, [("COP31", "GPE", 0)])
    assert by_name(doc)["COP31"]["label"] == "EVENT"


def test_agreements_and_statements_are_laws(blank):
    text = "The Lisbon Accord and the Harbour Statement on Clean Shipping were signed."
    doc = annotate(blank, text, [("Lisbon Accord", "EVENT", 0), ("Harbour Statement on Clean Shipping", "ORG", 0)])
    ents = by_name(doc)
    assert ents["Lisbon Accord"]["label"] == "LAW"
    assert ents["Harbour Statement on Clean Shipping"]["label"] == "LAW"


def test_a_department_is_not_an_organisation(blank):
    text = "She is head of Public Affairs at Norvik Foods."
    doc = annotate(blank, text, [("Public Affairs", "ORG", 0), ("Norvik Foods", "ORG", 0)])
    assert list(by_name(doc)) == ["Norvik Foods"]


def test_user_aliases_rename_and_merge(blank):
    from cooptool.extract.aliases import parse_aliases

    blank.get_pipe("cooptool_entities").set_aliases(parse_aliases('{"Big Blue": "Orbis Machines"}'))
    try:
        text = "Orbis Machines grew. Analysts call it Big Blue, and Big Blue agreed."
        doc = annotate(blank, text, [("Orbis Machines", "ORG", 0), ("Big Blue", "PERSON", 0)])
    finally:
        blank.get_pipe("cooptool_entities").set_aliases(None)
    ents = by_name(doc)
    assert list(ents) == ["Orbis Machines"]
    assert ents["Orbis Machines"]["aliases"] == ["Big Blue"] and ents["Orbis Machines"]["label"] == "ORG"
    assert len(ents["Orbis Machines"]["mentions"]) == 3


def test_personal_title_makes_a_person(blank):
    text = "Shares fell after Mr Okonkwo resigned. Mr Okonkwo denied it."
    doc = annotate(blank, text, [("Mr Okonkwo", "ORG", 0), ("Okonkwo", "ORG", 1)])
    ents = by_name(doc)
    assert list(ents) == ["Okonkwo"] and ents["Okonkwo"]["label"] == "PERSON"


# ---- document-level fixes (issue 4 follow-up) ---------------------------------------------------


def test_title_joins_surname_to_a_full_name_the_model_called_an_org(blank):
    text = "Former Kestrel boss Dorian Vasquez denies fraud. Mr Vasquez told jurors he was innocent."
    doc = annotate(blank, text, [("Kestrel", "ORG", 0), ("Dorian Vasquez", "ORG", 0), ("Mr Vasquez", "ORG", 0)])
    ents = by_name(doc)
    assert ents["Dorian Vasquez"]["label"] == "PERSON" and ents["Dorian Vasquez"]["aliases"] == ["Vasquez"]
    assert "Vasquez" not in ents


def test_company_wording_overrides_person_label(blank):
    text = ("Shares in Orlovka fell. Orlovka said it would sell its stake. "
            "The oil firm Orlovka has debts. Orlovka's shares were suspended.")
    doc = annotate(blank, text, [("Orlovka", "PERSON", k) for k in range(4)])
    assert by_name(doc)["Orlovka"]["label"] == "ORG"


def test_a_person_with_a_title_stays_a_person(blank):
    text = "Shares in the firm fell. Mr Orlov said it was unfair. Orlov said it would appeal. Orlov's shares fell."
    doc = annotate(blank, text, [("Orlov", "PERSON", k) for k in range(3)])
    assert by_name(doc)["Orlov"]["label"] == "PERSON"


def test_initials_and_spelling_variants_join_the_organisation(blank):
    text = ("Brantley Airways cut fares. BA said demand rose. TimeSpan Media grew, "
            "and Time Span Media hired. Northgate Motors and NM fans cheered.")
    doc = annotate(blank, text, [("Brantley Airways", "ORG", 0), ("BA", "GPE", 0), ("TimeSpan Media", "ORG", 0),
                                 ("Time Span Media", "PERSON", 0), ("Northgate Motors", "ORG", 0)])
    ents = by_name(doc)
    assert ents["Brantley Airways"]["aliases"] == ["BA"] and len(ents["Brantley Airways"]["mentions"]) == 2
    assert len([n for n in ents if "Span" in n]) == 1
    assert "NM" in ents["Northgate Motors"]["aliases"]  # the initials found in the text


def test_initials_shared_by_two_organisations_join_neither(blank):
    text = "Brantley Airways and Bolton Aviation met. BA said nothing."
    doc = annotate(blank, text, [("Brantley Airways", "ORG", 0), ("Bolton Aviation", "ORG", 0), ("BA", "ORG", 0)])
    ents = by_name(doc)
    assert "BA" in ents and ents["Brantley Airways"]["aliases"] == []


def test_time_zones_measures_and_lower_case_terms_are_not_entities(blank):
    text = "Trading closed at 1130 GMT. The retail price index (RPI) rose, and GDP grew. RPI is watched."
    doc = annotate(blank, text, [("GMT", "ORG", 0), ("RPI", "ORG", 1), ("GDP", "ORG", 0)])
    assert doc._.entities == []
    assert [(e.text, e.label_) for e in doc.ents] == [("GMT", "TIME")]


def test_nationality_before_a_trade_noun_is_a_company(blank):
    text = "Lorries from Pelican Freight were stopped near Calais."
    doc = annotate(blank, text, [("Pelican", "NORP", 0), ("Calais", "GPE", 0)])
    ents = by_name(doc)
    assert ents["Pelican Freight"]["label"] == "ORG" and "Pelican" not in ents


def test_party_names_become_one_organisation_named_as_the_story_names_it(blank):
    text = "The Tories attacked Labour. Tory leader Ann Hale said the Lib Dems agreed. Labour MPs disagreed."
    doc = annotate(blank, text, [("Tories", "NORP", 0), ("Labour", "ORG", 0), ("Tory leader Ann Hale", "PERSON", 0),
                                 ("Lib Dems", "PERSON", 0), ("Labour MPs", "PERSON", 0)])
    ents = by_name(doc)
    # The id and an alias are the full name, so stores join "the Tories" of one story with
    # "the Conservatives" of another; the name is the story's own ("Tories" before the adjective "Tory").
    assert ents["Tories"]["label"] == "ORG" and ents["Tories"]["id"] == "org:conservative-party"
    assert {"Conservative Party", "Tory"} <= set(ents["Tories"]["aliases"])
    assert ents["Labour"]["id"] == "org:labour-party" and ents["Labour"]["aliases"] == ["Labour Party"]
    assert len(ents["Labour"]["mentions"]) == 2
    assert ents["Lib Dems"]["label"] == "ORG" and "Liberal Democrats" in ents["Lib Dems"]["aliases"]
    assert ents["Ann Hale"]["label"] == "PERSON"


def test_model_number_and_date_spans_are_kept(blank):
    text = "Marlow Ltd. earned $5m on Monday, 12% more, Ann Hale said."
    doc = annotate(blank, text, [("Marlow Ltd.", "ORG", 0), ("$5m", "MONEY", 0), ("Monday", "DATE", 0),
                                 ("12%", "PERCENT", 0), ("Ann Hale", "PERSON", 0)])
    assert [(e.text, e.label_) for e in doc.ents] == [("Marlow Ltd.", "ORG"), ("$5m", "MONEY"), ("Monday", "DATE"),
                                                      ("12%", "PERCENT"), ("Ann Hale", "PERSON")]
    assert all(e.kb_id_ for e in doc.ents if e.label_ in ("ORG", "PERSON"))


def test_model_span_opening_on_a_quote_mark_keeps_the_title_rule(blank):
    # The model sometimes tags '" Mr Bussard' as ORG; the title still makes a person, merged with the full name.
    text = 'Minister Dominique Bussard spoke. The aid would "help," Mr Bussard said.'
    doc = annotate(blank, text, [("Dominique Bussard", "PERSON", 0), ('" Mr Bussard', "ORG", 0)])
    people = by_name(doc)
    assert people["Dominique Bussard"]["label"] == "PERSON"
    assert "Mr Bussard" not in people and len(people["Dominique Bussard"]["mentions"]) == 2


def test_a_name_called_an_organisation_with_a_personal_role_is_a_person(blank):
    text = "Growth will return, said Jean-Philippe Cotis, the OECD's chief economist."
    doc = annotate(blank, text, [("Jean-Philippe Cotis", "ORG", 0), ("OECD", "ORG", 0)])
    assert by_name(doc)["Jean-Philippe Cotis"]["label"] == "PERSON"
    assert by_name(doc)["OECD"]["label"] == "ORG"


def test_a_two_word_surname_joins_the_full_name(blank):
    text = "Carlos Baez Silva leads the group. Later Mr Baez Silva said savers had lost out."
    doc = annotate(blank, text, [("Carlos Baez Silva", "PERSON", 0), ("Baez Silva", "PERSON", 1)])
    assert [(e["name"], len(e["mentions"])) for e in doc._.entities] == [("Carlos Baez Silva", 2)]


def test_a_brokerage_name_is_an_org_but_never_swallows_the_person_before_it(blank):
    text = "The drug was key, said Ian Hollis at Goodwin Stockbrokers. Nick Barr of Evolution Securities agreed."
    doc = annotate(blank, text, [("Ian Hollis", "PERSON", 0), ("Nick Barr", "PERSON", 0)])
    found = by_name(doc)
    assert found["Goodwin Stockbrokers"]["label"] == "ORG"
    assert found["Evolution Securities"]["label"] == "ORG"
    assert found["Nick Barr"]["label"] == "PERSON"


@pytest.mark.parametrize(("text", "name"), [
    ("Sales rose, said Jim Press, vice president of Toyota's US arm.", "Jim Press"),
    ("The loan is agreed, said Rodrigo de Rato, the IMF's managing director.", "Rodrigo de Rato"),
])
def test_a_personal_name_the_model_calls_an_organisation(blank, text, name):
    doc = annotate(blank, text, [(name, "ORG", 0)])
    assert by_name(doc)[name]["label"] == "PERSON"


def test_parties_and_employers_the_model_missed(blank):
    text = ("Simon Thomas, of Plaid Cymru, called it a budget for Middle England. Profits fell, said Arjan Sweere, "
            "an analyst at Petercam. The talks were on Monday, said an economist at the bank.")
    doc = annotate(blank, text, [("Simon Thomas", "PERSON", 0), ("Arjan Sweere", "PERSON", 0)])
    found = by_name(doc)
    assert found["Plaid Cymru"]["label"] == "ORG" and found["Petercam"]["label"] == "ORG"
    assert "Monday" not in found


def test_a_party_branch_keeps_its_name(blank):
    text = "Peter Nielson, who is UKIP Scotland chairman, said UKIP would act."
    doc = annotate(blank, text, [("Peter Nielson", "PERSON", 0), ("UKIP Scotland", "ORG", 0), ("UKIP", "ORG", 1)])
    found = by_name(doc)
    assert "UKIP Scotland" in found and found["UKIP"]["id"] == "org:uk-independence-party"


def test_a_short_name_used_alone_first_is_the_parent_not_a_short_form(blank):
    text = "Barclays made a profit. Barclays grew. Its unit Barclays Capital did well. Later Barclays said more."
    doc = annotate(blank, text, [("Barclays Capital", "ORG", 0), ("Barclays", "ORG", 3)])
    found = by_name(doc)
    assert found["Barclays"]["label"] == "ORG" and len(found["Barclays"]["mentions"]) == 3
    assert len(found["Barclays Capital"]["mentions"]) == 1
    # The usual order, the full name first, still gives one entity.
    text = "Dell Technologies made a profit. Later Dell said more."
    doc = annotate(blank, text, [("Dell Technologies", "ORG", 0), ("Dell", "ORG", 1)])
    assert [(e["name"], e["aliases"]) for e in doc._.entities] == [("Dell Technologies", ["Dell"])]


# ---- configuration: the lexicon setting, aliases that go with a saved pipeline -----------------


def test_lexicon_setting_extends_the_word_lists(tmp_path):
    from cooptool.extract import lexicon

    text = "Shares fell after Herr Okonkwo resigned."
    plain = spacy.blank("en")
    plain.add_pipe("sentencizer")
    plain.add_pipe("cooptool_entities")
    assert list(by_name(annotate(plain, text, [("Herr Okonkwo", "ORG", 0)]))) == ["Herr Okonkwo"]

    (tmp_path / "personal_titles.tsv").write_text("# word\tclasses\nherr\tcourtesy\n", encoding="utf-8")
    (tmp_path / "honorifics.tsv").write_text("# word\nherr\n", encoding="utf-8")
    extended = spacy.blank("en")
    extended.add_pipe("sentencizer")
    try:
        extended.add_pipe("cooptool_entities", config={"lexicon": str(tmp_path)})
        assert extended.get_pipe_config("cooptool_entities")["lexicon"] == str(tmp_path)
        ents = by_name(annotate(extended, text, [("Herr Okonkwo", "ORG", 0)]))
    finally:
        lexicon._extra_dirs.remove(tmp_path)
        lexicon.reload()
    assert list(ents) == ["Okonkwo"] and ents["Okonkwo"]["label"] == "PERSON"


def test_a_missing_lexicon_folder_is_an_error(tmp_path):
    from cooptool.extract.lexicon import LexiconError

    nlp = spacy.blank("en")
    with pytest.raises(LexiconError, match="not a folder"):
        nlp.add_pipe("cooptool_entities", config={"lexicon": str(tmp_path / "absent")})


def test_aliases_set_at_run_time_are_saved_with_the_pipeline(blank, tmp_path):
    from cooptool.extract.aliases import parse_aliases

    text = "Orbis Machines grew. Analysts call it Big Blue, and Big Blue agreed."
    ents = [("Orbis Machines", "ORG", 0), ("Big Blue", "PERSON", 0)]
    blank.get_pipe("cooptool_entities").set_aliases(parse_aliases('{"Big Blue": "Orbis Machines"}'))
    before = annotate(blank, text, ents)._.entities
    blank.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    after = annotate(loaded, text, ents)._.entities
    assert after == before and [e["name"] for e in after] == ["Orbis Machines"]

    blank.get_pipe("cooptool_entities").set_aliases(None)
    blank.to_disk(tmp_path / "plain")
    assert spacy.load(tmp_path / "plain").get_pipe("cooptool_entities").user_aliases is None


def test_entities_name_the_rules_that_made_them(blank):
    text = "The Harbour Energy Research Council (HERC) met. Later HERC said it would grow, as Nordwind did."
    doc = annotate(blank, text, [("Harbour Energy Research Council", "ORG", 0), ("Nordwind", "ORG", 0)])
    ents = by_name(doc)
    assert ents["Harbour Energy Research Council"]["rules"] == ["entity.acronym"]
    assert "rules" not in ents["Nordwind"]  # a plain model entity


def test_the_resolver_keeps_no_document_state(blank):
    from cooptool.extract.components.entities import STAGES

    resolver = blank.get_pipe("cooptool_entities")
    before = dict(vars(resolver))
    annotate(blank, "Nordwind Power Systems Ltd. grew. Nordwind Power said so.",
             [("Nordwind Power Systems Ltd.", "ORG", 0), ("Nordwind Power", "PERSON", 1)])
    assert vars(resolver) == before
    assert STAGES[0].__name__ == "keep_model_others" and STAGES[-1].__name__ == "build_entities"


def test_editors_bracket_inside_a_name_is_joined(blank):
    text = "Talks may fail unless (Prime Minister Tomas) Halvard changes course, he said."
    doc = annotate(blank, text, [("Tomas", "PERSON", 0), ("Halvard", "PERSON", 0)])
    assert list(by_name(doc)) == ["Tomas Halvard"]


def test_a_bracket_with_no_opening_is_not_joined(blank):
    text = "The plan was backed by Tomas) Halvard changes course, he said."
    doc = annotate(blank, text, [("Tomas", "PERSON", 0), ("Halvard", "PERSON", 0)])
    assert "Tomas Halvard" not in by_name(doc)

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

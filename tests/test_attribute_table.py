"""The table matcher gives exactly the attribute ruler's own matches (same tuples, same order)."""

import pytest
import spacy
from spacy.tokens import Doc

from cooptool.extract.components.attribute_table import TableMatcher, table_matcher, use_table_matcher


def _ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"TAG": {"IN": ["VBD", "VBZ"]}, "LOWER": "got"}], [{"LOWER": "gets"}]], {"LEMMA": "get"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=1)
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"})
    ruler.add([[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "DT"}]], {"POS": "PRON"})
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"TAG": "NN"}]], {"POS": "PROPN"})  # a later pattern on the same token: applied after
    return nlp, ruler


def _doc(nlp, words, tags, deps):
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))


CASES = [
    (["He", "got", "gon", "na", "y'", "all", "that", "dog", "  "],
     ["PRP", "VBD", "VBG", "TO", "PRP", "DT", "DT", "NN", "_SP"],
     ["nsubj", "ROOT", "xcomp", "aux", "nsubj", "det", "nsubj", "dobj", "dep"]),
    (["gets", "y", "all", "gon"], ["VBZ", "PRP", "DT", "VBG"], ["ROOT", "nsubj", "det", "dep"]),
    (["That", "na"], ["DT", "TO"], ["det", "dep"]),
]


@pytest.mark.parametrize("words, tags, deps", CASES)
def test_same_matches_as_the_ruler(words, tags, deps):
    nlp, ruler = _ruler()
    doc = _doc(nlp, words, tags, deps)
    assert TableMatcher(ruler)(doc) == ruler.match(doc)


def test_empty_doc():
    nlp, ruler = _ruler()
    assert TableMatcher(ruler)(Doc(nlp.vocab, words=[])) == []


def test_a_pattern_it_cannot_express_keeps_the_ruler_matcher():
    nlp, ruler = _ruler()
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    assert table_matcher(ruler) is None
    assert not use_table_matcher(nlp) and "match" not in vars(ruler)


def test_use_table_matcher_replaces_match_once():
    nlp, ruler = _ruler()
    assert use_table_matcher(nlp) and isinstance(vars(ruler)["match"], TableMatcher)
    assert use_table_matcher(nlp)
    doc = _doc(nlp, *CASES[0])
    ruler(doc)
    assert doc[1].lemma_ == "get" and doc[3].lemma_ == "to" and doc[7].pos_ == "PROPN" and doc[6].pos_ == "PRON"


@pytest.mark.model
def test_trained_ruler_same_matches(nlp):
    text = ("I ain't gonna say it, y'all. Let's go! C'mon, there's nothin' here. It is what it is; "
            "I gave it to you, and you gave it to me. But that was then. Gets worse, got better.")
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = nlp(text)
    original = type(ruler).match(ruler, doc)
    assert TableMatcher(ruler)(doc) == original and len(original) >= len(doc)

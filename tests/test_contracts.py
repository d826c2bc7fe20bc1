"""spaCy contracts: every cooptool component declares what it needs and what it sets."""

from __future__ import annotations

import pytest

from cooptool.extract.pipeline import add_components

COOPTOOL = ("cooptool_paragraphs", "cooptool_entities", "cooptool_affiliations", "cooptool_claims",
            "cooptool_facts", "cooptool_events")


@pytest.mark.model
def test_analyze_pipes_order_and_no_problems(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    names = [n for n in nlp.pipe_names if n.startswith("cooptool_")]
    assert names == list(COOPTOOL)
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]
    for name in COOPTOOL:
        assert analysis["summary"][name]["assigns"], name


def test_every_factory_declares_assigns_on_a_blank_pipeline():
    import spacy

    nlp = add_components(spacy.blank("en"))
    for name in COOPTOOL:
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns, name
        if name != "cooptool_paragraphs":
            assert "doc.ents" in meta.requires, name

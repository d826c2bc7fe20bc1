"""Rules added for recall on unseen news (issue 12), each on sentences written for it."""

from __future__ import annotations

import pytest

from tests.conftest import run_text

pytestmark = pytest.mark.model


def affiliations(nlp, text):
    return {(a["person"], a["role"], a["org"]) for a in run_text(nlp, text)._.affiliations}


def claims(nlp, text):
    return run_text(nlp, text)._.claims


def test_a_blanked_headline_becomes_line_breaks_not_spaces():
    from cooptool.extract.structure import analyse

    text = "Port deal signed\n\nIan Cole defended the plan.\n"
    masked = analyse(text).masked(text)
    assert len(masked) == len(text)
    assert masked.startswith("\n" * len("Port deal signed"))
    assert masked.endswith("Ian Cole defended the plan.\n")


def test_a_name_after_a_blanked_headline_is_still_a_person(nlp):
    doc = run_text(nlp, "Roads\n\nIan Cole defended the plan, saying the roads would be fixed.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PERSON"] == [("Ian Cole", "PERSON")]


def test_a_nationality_before_a_state_post_names_that_government(nlp):
    found = affiliations(nlp, "Talks\n\nFinnish Prime Minister Sanna Marin opened the meeting in Helsinki.")
    assert ("Sanna Marin", "Finnish Prime Minister", "Finland government") in found, found


def test_a_former_post_stays_with_its_nationality_not_a_government(nlp):
    found = affiliations(nlp, "Talks\n\nFormer Danish minister Ole Berg, a critic of the plan, spoke.")
    assert not any(org == "Denmark government" for _, _, org in found), found


def test_a_place_based_description_is_not_part_of_the_role(nlp):
    found = affiliations(nlp, "Tariffs\n\nKarl Vos, executive director of the Brussels-based Lindqvist Foundation, "
                              "urged caution.")
    assert ("Karl Vos", "executive director", "Lindqvist Foundation") in found, found


def test_a_name_particle_inside_an_untagged_name(nlp):
    found = affiliations(nlp, "Cars\n\nThe tariffs hurt, noted Luman. Sjors ten Brink, manager of the Dutch "
                              "Association of Electric Drivers, said prices would rise.")
    assert ("Sjors ten Brink", "manager", "Dutch Association of Electric Drivers") in found, found


def test_a_sales_region_joined_to_a_company_is_cut_off(nlp):
    text = ("Green\n\nMira Holt, general manager for Greater China Norvel Technologies, spoke. "
            "Norvel Technologies makes servers.")
    doc = run_text(nlp, text)
    assert "Greater China Norvel Technologies" not in {e["name"] for e in doc._.entities}


def test_a_hyphenated_title_prefix_is_part_of_the_role(nlp):
    found = affiliations(nlp, "Row\n\nThe Tories attacked Labour. Tory co-chairman Liam Dale said the claims were "
                              "false.")
    assert ("Liam Dale", "co-chairman", "Conservative Party") in found, found


@pytest.mark.parametrize("sentence, cue", [
    ("Mira Holt cited rising costs as the main reason for the delay.", "cited"),
    ("Mira Holt slammed the decision as reckless.", "slammed"),
    ("Mira Holt intimated that the board would resign.", "intimated"),
])
def test_cue_verbs_measured_on_polnear_train(nlp, sentence, cue):
    found = claims(nlp, "Plans\n\n" + sentence)
    assert any(c["speaker"] == "Mira Holt" and c["cue"] == cue for c in found), found


def test_the_organisation_chief_is_the_person_at_its_top(nlp):
    text = ("Equality\n\nGustav Lind, secretary-general of the Nordic Council, opened the session. "
            "The Nordic Council chief said that progress had been slow.")
    found = claims(nlp, text)
    assert any(c["speaker"] == "Gustav Lind" and c["text"].startswith("progress") for c in found), found


def test_a_peer_keeps_his_title_as_his_name(nlp):
    found = claims(nlp, "Reform\n\nCurfews were other options, Lord Falconer said. Falconer added that talks "
                        "would go on.")
    assert {c["speaker"] for c in found} == {"Lord Falconer"}, found

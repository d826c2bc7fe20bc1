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


def test_a_former_post_of_a_nationality_is_that_government_with_status_former(nlp):
    doc = run_text(nlp, "Talks\n\nFormer Danish minister Ole Berg, a critic of the plan, spoke.")
    found = [(a["person"], a["org"], a["status"]) for a in doc._.affiliations]
    assert ("Ole Berg", "Denmark government", "former") in found, found


def test_a_nationality_in_the_portfolio_is_not_the_organisation(nlp):
    found = affiliations(nlp, "Tariffs\n\nDara Quinn, former Irish minister for European affairs, spoke.")
    assert [(p, org) for p, _, org in found] == [("Dara Quinn", "Ireland government")], found
    assert affiliations(nlp, "EU\n\nMara Kell, minister for European affairs, spoke.") == set()


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
    assert ("Liam Dale", "co-chairman", "Tories") in found, found


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


def test_a_text_ending_on_a_bare_label_keeps_its_claims(nlp):
    found = claims(nlp, "Plans\n\nJane Doe said the plan was good.\n\nMore from CBC Manitoba:")
    assert [(c["speaker"], c["cue"]) for c in found] == [("Jane Doe", "said")], found


@pytest.mark.parametrize("label", ["READ MORE", "WATCH", "** WINNER", "Related"])
def test_web_page_labels_are_not_speakers(nlp, label):
    found = claims(nlp, f"Plans\n\nJane Doe said the plan was good.\n\n{label}: Why the plan matters to us all\n")
    assert [c["cue"] for c in found] == ["said"], found


def test_a_quote_that_ends_its_sentence_is_not_the_next_sentence_s_statement(nlp):
    text = ('Dollar\n\n"No end is in sight," said Carl Fritz, a strategist at Nordbank. "It is only a matter of '
            'time until the euro rises." Some analysts maintain the US is happy with a lower dollar.')
    found = claims(nlp, text)
    fritz = [c for c in found if c["speaker"] == "Carl Fritz"]
    assert fritz and any("matter of time" in c["text"] for c in fritz), found
    assert not any("matter of time" in c["text"] and c["cue"] == "maintain" for c in found), found


def test_the_lower_case_name_of_an_institution_named_before_is_that_institution(nlp):
    text = ("Space\n\nThe Nordland National Space Administration said the probe returned. Ola Berg, deputy head of "
            "the space administration, said experiments had worked.")
    found = affiliations(nlp, text)
    assert ("Ola Berg", "deputy head", "Nordland National Space Administration") in found, found


def test_the_university_of_a_university_of_name(nlp):
    text = ("Trade\n\nA report by the University of Northern Trade Studies was cited. The university's President "
            "Mara Voss called on countries to act.")
    found = affiliations(nlp, text)
    assert ("Mara Voss", "President", "University of Northern Trade Studies") in found, found


def test_who_works_for_names_the_employer(nlp):
    found = affiliations(nlp, "Show\n\nThe show draws young viewers, observed Tong Li, who works for Lumen Studio.")
    assert ("Tong Li", None, "Lumen Studio") in found, found


def test_a_chancellor_in_a_story_about_austria_heads_its_government(nlp):
    text = ("Schengen\n\nAustria lifted its veto. Austrian Interior Minister Gerd Kaner said arrivals fell in Austria, "
            "but he would talk to Chancellor Karl Nemmer before deciding.")
    found = affiliations(nlp, text)
    assert ("Karl Nemmer", "Chancellor", "Austria government") in found, found


def test_a_reported_report_is_a_claim_of_both_speakers(nlp):
    found = claims(nlp, "APEC\n\nJana Plev, president of the Adria Forum, noted that Xi said that China is ready "
                        "to build an interconnected paradigm.")
    speakers = {c["speaker"]: c["text"] for c in found}
    assert speakers.get("Xi", "").startswith("China is ready"), found
    assert "Jana Plev" in speakers, found


def test_a_field_the_model_tagged_as_an_organisation_stays_in_the_role(nlp):
    found = affiliations(nlp, "Cars\n\n\"Funds will shrink,\" said Pieter Maas, professor in Systems and Control at "
                              "Leiden University in the Netherlands.")
    assert ("Pieter Maas", "professor in Systems and Control", "Leiden University") in found, found
    assert not any(org == "Systems" for _, _, org in found), found


def test_the_un_chief_is_the_secretary_general_named_before(nlp):
    found = [(c["speaker"], c["text"]) for c in claims(nlp, (
        "UN day\n\nThe event saw Secretary-General Ana Vidal and Finnish Prime Minister Sanna Marin. \"Change is "
        "slow,\" said Vidal. Later, the UN chief said that men have abused power."))]
    assert ("Ana Vidal", "men have abused power") in found, found

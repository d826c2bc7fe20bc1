"""Stop 28 events (issue 17): a date written right after the event's noun, ongoing talks and titles of
media that are no single occasion, "convention" as a custom. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import events_of as _events
from tests.conftest import one_event as _one


@pytest.mark.model
def test_date_right_after_noun_when_parse_hangs_it_on_the_verb(nlp):
    ev = _one(nlp, "Ann Vale is to hand out the top award at the Leeds ceremony on Sunday.")
    assert ev["date_text"] in ("Sunday", "on Sunday")


@pytest.mark.model
def test_month_right_after_noun(nlp):
    ev = _one(nlp, "Ann Vale went to stress support for a fair Ruritanian election in January.")
    assert ev["date_text"] == "January"


@pytest.mark.model
def test_date_of_another_clause_is_not_taken(nlp):
    ev = _one(nlp, "Ann Vale spoke at the Leeds ceremony, and on Sunday she flew home.")
    assert ev["date_text"] is None


@pytest.mark.model
def test_talks_named_only_by_topic_are_a_process(nlp):
    assert not _events(nlp, "Agreement in the Ruritania development talks could help poor nations, she argued.")


@pytest.mark.model
def test_talks_with_a_date_stay(nlp):
    ev = _one(nlp, "Ann Vale made a pledge at UN climate talks in Oslo last December.")
    assert ev["kind"] == "talks"


@pytest.mark.model
def test_magazine_title_is_no_fair(nlp):
    assert not _events(nlp, "Her friend Ann Vale told Harbour Fair magazine that she read the book.")


@pytest.mark.model
def test_novel_title_is_no_fair(nlp):
    assert not _events(nlp, "Ann Vale was thrilled to film the novel Harbour Fair this spring.")


@pytest.mark.model
def test_fair_with_a_date_stays(nlp):
    ev = _one(nlp, "Farmers came to the Harbour Fair in Kent on Sunday.")
    assert ev["name"] == "Harbour Fair"


@pytest.mark.model
def test_convention_as_custom(nlp):
    assert not _events(nlp, "Critics said both directors tossed Hollywood convention out of the window.")


@pytest.mark.model
def test_party_convention_stays(nlp):
    ev = _one(nlp, "Ann Vale spoke at the Democratic convention in Boston in July.")
    assert ev["kind"] == "convention"


@pytest.mark.model
def test_year_in_brackets_is_a_title_s_year(nlp):
    ev = _one(nlp, "Ann Vale has competed at the Harbour Film Festival with films Blue Tide (1997) and Red Sky.")
    assert ev["date"] is None


def test_place_only_names_merge_only_by_date_and_place():
    from cooptool.extract.factbase import merge_events

    a = {"name": "Leeds news conference", "kind": "conference", "place": "Leeds", "doc": "a"}
    b = {"name": "Leeds conference", "kind": "conference", "place": "Leeds", "doc": "b"}
    c = {"name": "Kestrel Trade Fair", "kind": "fair", "place": "Leeds", "doc": "c"}
    d = {"name": "Kestrel Trade Fair", "kind": "fair", "place": None, "doc": "d"}
    assert [m["docs"] for m in merge_events([a, b, c, d])] == [["a"], ["b"], ["c", "d"]]


@pytest.mark.model
def test_a_name_the_story_calls_a_novel_is_a_title_everywhere(nlp):
    text = ("Ann Vale was thrilled to film the novel Harbour Fair.\n\n"
            "\"I was offered Harbour Fair by the studio,\" she said.")
    assert not _events(nlp, text)


@pytest.mark.model
def test_the_in_a_festival_name_stays(nlp):
    names = [e["name"] for e in _events(nlp, "Ann Vale sang on day two of The Harbour Festival in Kent on Sunday.")]
    assert any("Harbour Festival" in n for n in names)


@pytest.mark.model
def test_name_in_the_subject_phrase_is_no_participant(nlp):
    ev = _one(nlp, "A film which follows the career of singer Ann Vale is to be screened at next month's "
                   "Harbour Film Festival.")
    assert "Ann Vale" not in ev["participants"]


@pytest.mark.model
def test_members_of_a_body_still_name_the_organiser(nlp):
    ev = _one(nlp, "Members of the Harlow Tenants Union held a press conference on Friday.")
    assert ev["organizers"] == ["Harlow Tenants Union"]


@pytest.mark.model
def test_festival_own_name_is_no_organiser(nlp):
    ev = _one(nlp, "People with tickets for next summer's Brackwater festival must show an ID card.")
    assert "Brackwater" not in ev["organizers"] + ev["participants"]


@pytest.mark.model
def test_party_still_holds_its_conference(nlp):
    ev = _one(nlp, "Ann Vale spoke at the Labour conference in Brighton on Monday.")
    assert "Labour" in ev["organizers"]


@pytest.mark.model
def test_editorial_brackets_leave_the_name(nlp):
    ev = _one(nlp, "\"Since the [Scottish] election we have lost ground,\" she said.")
    assert ev["name"] == "Scottish election"


@pytest.mark.model
def test_efforts_to_resume_negotiations_are_no_event(nlp):
    assert not _events(nlp, "Report\n\nEfforts continue to resume the Gaza ceasefire negotiations.")


@pytest.mark.model
def test_awards_name_stops_at_awards(nlp):
    names = [e["name"] for e in _events(nlp, "Viewers can watch the 2005 Harbour Film Awards on the BBC next month.")]
    assert "2005 Harbour Film Awards" in names


@pytest.mark.model
def test_winners_at_awards_are_no_participants(nlp):
    ev = _one(nlp, "The film Blue Tide took the top prize at the Harbour Film Awards.")
    assert ev["participants"] == []


@pytest.mark.model
def test_date_after_a_comma_that_ends_the_sentence(nlp):
    ev = _one(nlp, "Leeds is preparing for the big night of the year, the 12th Harbour Film Awards, on Sunday.")
    assert ev["date_text"] in ("Sunday", "on Sunday")


@pytest.mark.model
def test_date_after_a_comma_in_the_middle_is_not_taken(nlp):
    ev = _one(nlp, "Ann Vale spoke at the 12th Harbour Film Awards, on Sunday she flew home to Leeds.")
    assert ev["date_text"] is None

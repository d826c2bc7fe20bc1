"""`cooptool events` shows each event once across documents, with its document count (hand-made
stores, no model needed)."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.factbase import event_key, merge_events
from cooptool.extract.records import dumps, make


def event(doc, name, kind="meeting", date=None, place=None, aliases=(), organizers=(), participants=()):
    return make("event", doc, name=name, aliases=list(aliases), kind=kind, pattern="event.described.modified", date=date,
                date_text=date, place=place, organizers=list(organizers), participants=list(participants),
                evidence=f"The {name} was held.", start=0, end=20)


def test_event_key_keeps_the_named_words_and_kind():
    assert event_key({"name": "G7 finance ministers' meeting", "kind": "meeting"}) == "g7 meeting"
    assert event_key({"name": "the G7 meeting", "kind": "meeting"}) == "g7 meeting"
    assert event_key({"name": "workshop on port automation", "kind": "workshop"}) == "workshop port automation"


def test_same_name_in_three_documents_is_one_event():
    rows = merge_events([
        event("d1", "G7 finance ministers' meeting", place="London", participants=["G7"]),
        event("d2", "G7 meeting"),
        event("d3", "G7 meeting", date="2005-02", participants=["Gordon Brown"]),
    ])
    assert len(rows) == 1
    (row,) = rows
    assert (row["documents"], row["docs"]) == (3, ["d1", "d2", "d3"])
    assert (row["place"], row["date"]) == ("London", "2005-02")
    assert row["participants"] == ["G7", "Gordon Brown"]


def test_kind_date_and_place_merge_differently_named_mentions():
    rows = merge_events([
        event("d1", "Harbour Trade Fair", kind="fair", date="2024-05-02", place="Gdansk"),
        event("d2", "trade fair", kind="fair", date="2024-05-02", place="Gdansk"),
    ])
    assert [r["documents"] for r in rows] == [2]


def test_same_name_with_different_dates_or_places_stays_apart():
    rows = merge_events([
        event("d1", "Nordic Energy Summit", kind="summit", date="2023", place="Oslo"),
        event("d2", "Nordic Energy Summit", kind="summit", date="2024", place="Oslo"),
        event("d3", "Nordic Energy Summit", kind="summit", date="2023", place="Bergen"),
    ])
    assert [r["documents"] for r in rows] == [1, 1, 1]


def test_an_unnamed_event_merges_only_with_someone_in_common():
    rows = merge_events([
        event("d1", "signing of agreement", kind="signing", participants=["Velmor Oil"]),
        event("d2", "signing of agreement", kind="signing", participants=["Harwell Foods", "Brightwing"]),
        event("d3", "signing of agreement", kind="signing", participants=["Brightwing"]),
    ])
    assert [r["documents"] for r in rows] == [1, 2]


def test_one_document_counts_once():
    rows = merge_events([event("d1", "Velmor AGM", kind="meeting"), event("d1", "Velmor AGM", kind="meeting")])
    assert [r["documents"] for r in rows] == [1]


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store.jsonl"
    recs = [
        event("d1", "G7 finance ministers' meeting", place="London", participants=["G7"]),
        make("document", "d1", path="a.txt", title="A", published=None, source=None, author=None, words=5, chars=20),
        event("d2", "G7 meeting", participants=["Gordon Brown"]),
        event("d2", "Baltic Port Workshop", kind="workshop", organizers=["Baltic Maritime Institute"]),
        make("document", "d2", path="b.txt", title="B", published=None, source=None, author=None, words=5, chars=20),
    ]
    path.write_bytes(b"".join(dumps(r) for r in recs))
    return path


def test_events_command_shows_each_event_once_with_its_documents(store):
    result = CliRunner().invoke(app, ["events", "--store", str(store), "--format", "jsonl"])
    assert result.exit_code == 0 and result.stderr == ""
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert [(r["name"], r["documents"]) for r in rows] == [("G7 finance ministers' meeting", 2),
                                                          ("Baltic Port Workshop", 1)]
    assert rows[0]["docs"] == ["d1", "d2"] and rows[0]["kind"] == "meeting"


def test_events_org_filter_sees_the_merged_participants(store):
    result = CliRunner().invoke(app, ["events", "--store", str(store), "--org", "gordon brown", "--format", "jsonl"])
    assert result.exit_code == 0
    assert [orjson.loads(line)["documents"] for line in result.stdout.splitlines()] == [2]
    none = CliRunner().invoke(app, ["events", "--store", str(store), "--name", "olympics"])
    assert none.exit_code == 1 and none.stdout == ""


def test_filters_narrow_the_mentions_before_merging_and_limit_the_merged_rows(store):
    one_doc = CliRunner().invoke(app, ["events", "--store", str(store), "--doc", "d2", "--format", "jsonl"])
    assert one_doc.exit_code == 0
    assert [(r["name"], r["documents"]) for r in map(orjson.loads, one_doc.stdout.splitlines())] == [
        ("G7 meeting", 1), ("Baltic Port Workshop", 1)]
    limited = CliRunner().invoke(app, ["events", "--store", str(store), "--limit", "1", "--format", "jsonl"])
    assert limited.exit_code == 0
    assert [orjson.loads(line)["documents"] for line in limited.stdout.splitlines()] == [2]

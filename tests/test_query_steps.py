"""The steps the store and view modules are made of, where the commands' tests reach them only
through a whole store: chunked export, the event list of a brief, the word-list-driven layout
patterns, the stream checker's block handling."""

from __future__ import annotations

import io
import sqlite3

import orjson

from cooptool.extract import export, factbase
from cooptool.extract.check import check_stream
from cooptool.extract.structure import analyse, is_chrome, looks_like_heading


def _doc(doc: str, chars: int = 40) -> dict:
    return {"type": "document", "doc": doc, "title": f"Title {doc}", "chars": chars, "v": 1}


def _entity(doc: str, eid: str, name: str, aliases: list[str], start: int = 0) -> dict:
    return {"type": "entity", "doc": doc, "id": eid, "name": name, "label": "ORG", "aliases": aliases,
            "mentions": [{"start": start, "end": start + len(name), "text": name}], "v": 1}


def test_export_in_chunks_unites_an_entity_across_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_DOCS", 1)  # every document is its own transaction
    records = [
        _entity("d1", "org:harbour-bank", "Harbour Bank", ["the Harbour"]), _doc("d1"),
        _entity("d2", "org:harbour-bank", "Harbour Bank", ["HB Group"]), _doc("d2"),
        _entity("d3", "org:kestrel-mills", "Kestrel Mills", []),  # no document record: not exported
    ]
    progress: list[int] = []
    db = tmp_path / "out.db"
    result = export.export_sqlite(records, db, on_progress=progress.append)
    assert progress == [1, 2]
    assert result.documents == 2 and result.unfinished == 1
    con = sqlite3.connect(db)
    try:
        assert con.execute("select name, aliases, documents from entities").fetchall() == [
            ("Harbour Bank", '["HB Group", "the Harbour"]', 2)]
        assert con.execute("select count(*) from mentions").fetchone() == (2,)
    finally:
        con.close()
    again = export.export_sqlite(records, db)
    assert again.skipped_docs == 2 and again.documents == 0


def test_brief_lists_each_real_event_once_dated_first():
    events = [
        {"type": "event", "name": "Lisbon Water Forum", "place": "Lisbon", "doc": "a"},
        {"type": "event", "name": "Harbour  Summit", "date": "2021-05-02", "place": "Oslo", "doc": "b"},
        {"type": "event", "name": "harbour summit", "date": "2021-05-02", "place": "Oslo", "doc": "c"},
        {"type": "event", "name": "Saturday's ceremony", "date": "2021-05-01", "place": "Oslo", "doc": "d"},
        {"type": "event", "name": "Riverside Conference Centre", "date": "2021-04-01", "doc": "e"},
    ]
    brief = factbase.summarise(events)["events"]
    assert brief["count"] == 5 and brief["real"] == 3
    assert [e["name"] for e in brief["list"]] == ["Harbour  Summit", "Lisbon Water Forum"]


def test_event_key_drops_noise_words():
    assert factbase.event_key({"name": "the annual Harbour Trade meeting", "kind": "meeting"}) == \
        "harbour trade meeting"


def test_page_chrome_labels_and_small_words_come_from_the_lexicon():
    assert is_chrome("Read more:") and is_chrome("BACK TO TOP") and is_chrome("E-mail")
    assert not is_chrome("Read more about the harbour plan in our report.")
    assert looks_like_heading("Talks on the Future of Ports")
    assert not looks_like_heading("Plans for the")


def test_byline_role_words_open_the_author_field():
    text = ("Harbour Plan Approved\n2021-05-02 09:30 Source: Coast Daily Author: chief diplomatic "
            "correspondent MARTA VOSS\nThe council approved the plan on Tuesday.\n")
    layout = analyse(text)
    assert layout.author_role == "chief diplomatic correspondent"
    assert layout.author == "Marta Voss"
    assert layout.published == "2021-05-02T09:30:00"
    assert [s.kind for s in layout.segments] == ["title", "byline", "body"]


def _lines(*records: dict) -> io.BytesIO:
    return io.BytesIO(b"".join(orjson.dumps(r) + b"\n" for r in records))


def test_stream_checker_reports_interleaved_blocks_and_bad_references():
    claim = {"type": "claim", "doc": "d1", "speaker_id": "person:nobody", "v": 1}
    stream = _lines(_entity("d2", "org:harbour-bank", "Harbour Bank", []), claim, _doc("d1"))
    report = check_stream(stream)
    kinds = [p.kind for p in report.problems]
    assert "block" in kinds and "reference" in kinds
    assert report.documents == 1 and report.uncommitted_lines == 0

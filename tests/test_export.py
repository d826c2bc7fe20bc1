"""`cooptool export --sqlite`: tables, foreign keys, indexes, full-text search, incremental runs."""

from __future__ import annotations

import sqlite3

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.export import export_sqlite, table_columns
from cooptool.extract.records import doc_id
from tests.handmade import TEXT_A, TEXT_B, append_block, document_record, records_a, records_b, write_store


@pytest.fixture
def runner():
    return CliRunner()


def rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_tables_columns_keys_and_indexes(tmp_path, runner):
    store = write_store(tmp_path, second=True)
    db = tmp_path / "facts.db"
    result = runner.invoke(app, ["export", "--sqlite", str(db), "--store", str(store)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("cooptool: 2 new document(s) exported")
    tables = {r[0] for r in rows(db, "select name from sqlite_master where type = 'table'")}
    assert {"documents", "entities", "mentions", "affiliations", "claims", "facts", "events", "claims_fts"} <= tables
    assert rows(db, "select count(*) from documents") == [(2,)]
    assert rows(db, "select person, role, org from affiliations order by id") == [
        ("Ana Ruiz", "chief executive", "Solenne Power Co., Ltd."), ("Tom Bell", "analyst", "Kestrel Bank"),
        ("Tom Bell", "analyst", "Kestrel Bank")]
    # Entities are one row each across documents, with their document count and united aliases.
    assert rows(db, "select documents from entities where id = 'org:kestrel-bank'") == [(2,)]
    expected = TEXT_A.count("Kestrel Bank") + TEXT_B.count("Kestrel Bank")
    assert rows(db, "select count(*) from mentions where entity = 'org:kestrel-bank'") == [(expected,)]
    fks = {(r[3], r[2], r[4]) for r in rows(db, "select * from pragma_foreign_key_list('affiliations')")}
    assert fks == {("doc", "documents", "doc"), ("person_id", "entities", "id"), ("org_id", "entities", "id")}
    assert {r[2] for r in rows(db, "select * from pragma_foreign_key_list('claims')")} == {"documents", "entities"}
    assert rows(db, "pragma foreign_key_check") == []  # every reference resolves
    indexed = {r[0] for r in rows(db, "select name from sqlite_master where type = 'index'")}
    assert {"idx_entities_name", "idx_affiliations_person", "idx_affiliations_org", "idx_claims_speaker"} <= indexed
    # Types follow the records schema; lists are JSON.
    assert rows(db, "select direct, typeof(confidence), pieces from claims where speaker = 'Ana Ruiz'")[0][:2] == (0, "real")
    pieces = rows(db, "select pieces from claims where speaker = 'Ana Ruiz'")[0][0]
    assert orjson.loads(pieces) == [[TEXT_A.index("the supply chain"), TEXT_A.index(" would move") + len(" would move to Lyon")]]


def test_full_text_search_on_claims_and_evidence(tmp_path):
    store = write_store(tmp_path, second=True)
    db = tmp_path / "facts.db"
    from cooptool.extract.store import read_store

    export_sqlite(read_store(store), db)
    hits = rows(db, "select speaker, text from claims where rowid in "
                    "(select rowid from claims_fts where claims_fts match ?)", '"supply chain"')
    assert hits == [("Ana Ruiz", "the supply chain would move to Lyon")]
    assert rows(db, "select count(*) from facts_fts where facts_fts match 'profits'") == [(1,)]
    assert rows(db, "select count(*) from affiliations_fts where affiliations_fts match 'analyst'") == [(2,)]


def test_reexport_adds_nothing_and_new_documents_are_added(tmp_path, runner):
    store = write_store(tmp_path)
    db = tmp_path / "facts.db"
    assert runner.invoke(app, ["export", "--sqlite", str(db), "--store", str(store)]).exit_code == 0
    before = {t: rows(db, f"select count(*) from {t}")[0][0]
              for t in ("documents", "entities", "mentions", "affiliations", "claims", "facts", "events", "claims_fts")}
    result = runner.invoke(app, ["export", "--sqlite", str(db), "--store", str(store)])
    assert result.exit_code == 0
    assert "0 new document(s)" in result.stderr and "1 already there, skipped" in result.stderr
    again = {t: rows(db, f"select count(*) from {t}")[0][0] for t in before}
    assert again == before
    append_block(store, TEXT_B, records_b(), "b.txt")  # more extraction
    result = runner.invoke(app, ["export", "--sqlite", str(db), "--store", str(store)])
    assert "1 new document(s)" in result.stderr
    assert rows(db, "select count(*) from documents") == [(2,)]
    assert rows(db, "select count(*) from claims") == [(before["claims"] + 1,)]
    assert rows(db, "select count(*) from claims_fts where claims_fts match 'rates'") == [(1,)]  # FTS kept in step
    assert rows(db, "select documents from entities where id = 'person:tom-bell'") == [(2,)]


def test_interrupted_export_is_cleaned_up(tmp_path):
    store = write_store(tmp_path, second=True)
    db = tmp_path / "facts.db"
    from cooptool.extract.store import read_store

    export_sqlite(read_store(store), db)
    # As if an export died after writing B's rows but before its `documents` row.
    con = sqlite3.connect(db)
    con.execute("delete from documents where doc = ?", (doc_id(TEXT_B),))
    con.commit()
    con.close()
    result = export_sqlite(read_store(store), db)
    assert result.cleaned > 0 and result.documents == 1
    assert rows(db, "select count(*) from claims where doc = ?", doc_id(TEXT_B)) == [(1,)]
    assert rows(db, "select documents from entities where id = 'org:kestrel-bank'") == [(2,)]


def test_unfinished_block_is_not_exported(tmp_path):
    store = write_store(tmp_path)
    from cooptool.extract.records import dumps
    from cooptool.extract.store import read_store

    with open(store, "ab") as fh:  # records of B with no document record: an interrupted extract
        fh.write(b"".join(dumps(r) for r in records_b()))
    db = tmp_path / "facts.db"
    result = export_sqlite(read_store(store), db)
    assert result.documents == 1 and result.unfinished == len(records_b())
    assert rows(db, "select count(*) from claims where doc = ?", doc_id(TEXT_B)) == [(0,)]


def test_columns_follow_the_schema():
    cols = table_columns("claim")
    assert cols["id"] is int and cols["direct"] is int and cols["confidence"] is float
    assert cols["pieces"] is str and cols["speaker_start"] is int
    assert "type" not in cols and "v" not in cols
    assert table_columns("document")["words"] is int and "id" not in table_columns("document")


def test_cli_usage_and_bad_database(tmp_path, runner):
    store = write_store(tmp_path)
    result = runner.invoke(app, ["export", "--store", str(store)])
    assert result.exit_code == 2 and "give --sqlite FILE" in result.stderr
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not a database, just some bytes" * 100)
    result = runner.invoke(app, ["export", "--sqlite", str(bad), "--store", str(store)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"cooptool: {bad}:") and result.stderr.count("\n") == 1


def test_documents_row_keeps_the_metadata(tmp_path):
    store = tmp_path / "s.jsonl"
    from cooptool.extract.records import dumps

    doc = document_record(TEXT_A, "a.txt") | {"headings": ["One"], "captions": []}
    store.write_bytes(b"".join(dumps(r) for r in [*records_a(), doc]))
    db = tmp_path / "facts.db"
    from cooptool.extract.store import read_store

    export_sqlite(read_store(store), db)
    assert rows(db, "select doc, path, title, headings, chars from documents") == [
        (doc_id(TEXT_A), "a.txt", "Solenne signs a deal", '["One"]', len(TEXT_A))]


@pytest.mark.model
def test_seed_export(seed_store, tmp_path, runner):
    db = tmp_path / "seed.db"
    result = runner.invoke(app, ["export", "--sqlite", str(db), "--store", str(seed_store)])
    assert result.exit_code == 0, result.stderr
    assert sorted(rows(db, "select person, org from affiliations")) == sorted([
        ("Michael Hart", "American Chamber of Commerce in China"),
        ("Zhang Hua", "China International Youth Exchange Center"),
        ("Chen Zhihua", "National Center for Climate Change Strategy and International Cooperation"),
        ("Wang Weijia", "Dell Technologies"),
        ("Zhang Zhihao", "Guohua Energy Investment Co."),
        ("Li Jing", "JA Solar Technology Co., Ltd."),
        ("Zhou Lin", "China Today"),
    ])
    hits = rows(db, "select speaker, text from claims where rowid in "
                    "(select rowid from claims_fts where claims_fts match '\"supply chain\"')")
    assert any(s == "Li Jing" and "supply chain" in t for s, t in hits)
    assert rows(db, "pragma foreign_key_check") == []
    counts = rows(db, "select (select count(*) from documents), (select count(*) from claims)")
    result = runner.invoke(app, ["export", "--sqlite", str(db), "--store", str(seed_store)])
    assert result.exit_code == 0 and "0 new document(s)" in result.stderr
    assert rows(db, "select (select count(*) from documents), (select count(*) from claims)") == counts


def test_known_doc_filter_skips_only_exported_blocks():
    from cooptool.extract.export import known_doc_filter
    from cooptool.extract.records import dumps

    keep = known_doc_filter({doc_id(TEXT_A)})
    a = [dumps(r) for r in [*records_a(), document_record(TEXT_A, "a.txt")]]
    b = [dumps(r) for r in [*records_b(), document_record(TEXT_B, "b.txt")]]
    assert [keep(line) for line in a] == [False] * (len(a) - 1) + [True]  # the document line is counted
    assert all(keep(line) for line in b)
    tricky = dumps(records_b()[-1] | {"text": 'he wrote "doc":"' + doc_id(TEXT_A) + '" twice'})
    assert keep(tricky)  # the quote inside a value is escaped: only the real key counts

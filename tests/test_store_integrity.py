"""Store integrity without the model: tail repair, failed writes, the lock, `check` and `check --repair`."""

from __future__ import annotations

import errno
import io
import threading

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract import store as store_mod
from cooptool.extract.check import check_store, check_stream
from cooptool.extract.records import dumps, make
from cooptool.extract.schema import SchemaError, Validator, records_schema, unsupported_keywords
from cooptool.extract.store import StoreError, StoreWriter, iter_records, repair_store


def block(doc: str, chars: int = 100) -> list[dict]:
    person = make("entity", doc, id="person:ana-ruiz", name="Ana Ruiz", label="PERSON", aliases=[],
                  mentions=[{"start": 0, "end": 8, "text": "Ana Ruiz"}])
    org = make("entity", doc, id="org:solenne", name="Solenne", label="ORG", aliases=[],
               mentions=[{"start": 29, "end": 36, "text": "Solenne"}])
    aff = make("affiliation", doc, person="Ana Ruiz", person_id="person:ana-ruiz", role="chief executive",
               org="Solenne", org_id="org:solenne", org_aliases=[], evidence="Ana Ruiz, chief executive of Solenne.",
               start=0, end=37, person_start=0, person_end=8, org_start=29, org_end=36, pattern="apposition",
               confidence=0.9)
    document = make("document", doc, path=f"{doc}.txt", title=None, published=None, source=None, author=None,
                    words=6, chars=chars, headings=[])
    return [person, org, aff, document]


def write(path, *blocks: list[dict]) -> bytes:
    data = b"".join(dumps(r) for b in blocks for r in b)
    path.write_bytes(data)
    return data


def kinds(report) -> list[tuple[int | None, str]]:
    return [(p.line, p.kind) for p in report.problems]


# ---- writer -----------------------------------------------------------------------------------

def test_writer_refuses_a_file_that_is_not_a_store_and_leaves_it_alone(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"shopping list\nmilk")
    with pytest.raises(StoreError, match="line 1 is not valid JSON"):
        with StoreWriter(path):
            pass
    assert path.read_bytes() == b"shopping list\nmilk"
    with pytest.raises(StoreError):  # `check --repair` will not truncate it to nothing either
        repair_store(path)
    assert path.read_bytes() == b"shopping list\nmilk"


def test_writer_refuses_foreign_lines_after_the_last_block(tmp_path):
    path = tmp_path / "s.jsonl"
    good = write(path, block("a"))
    path.write_bytes(good + b"# a comment someone appended\n")
    with pytest.raises(StoreError, match="line 5"):
        with StoreWriter(path):
            pass
    assert path.read_bytes() == good + b"# a comment someone appended\n"


def test_check_repair_drops_foreign_tail_but_keeps_a_copy(tmp_path):
    path = tmp_path / "s.jsonl"
    good = write(path, block("a"))
    path.write_bytes(good + b"# a comment\n" + b'{"doc":"b","ty')
    result = CliRunner().invoke(app, ["check", "--store", str(path), "--repair"])
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == good
    assert (tmp_path / "s.jsonl.dropped").read_bytes() == b'# a comment\n{"doc":"b","ty\n'
    assert "dropped 26 bytes (2 line(s) from line 5)" in result.stderr and "s.jsonl.dropped" in result.stderr


def test_failed_write_is_undone(tmp_path, monkeypatch):
    path = tmp_path / "s.jsonl"
    with StoreWriter(path) as w:
        w.write_block(block("a"))
        good = path.read_bytes()
        real_write = store_mod.os.write

        def half_then_disk_full(fd, data):
            if len(data) > 10:
                return real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store_mod.os, "write", half_then_disk_full)
        with pytest.raises(OSError):
            w.write_block(block("b"))
        assert path.read_bytes() == good
        assert "b" not in w.known


def test_blocks_are_fsynced_every_n_and_on_close(tmp_path, monkeypatch):
    calls = []
    real_fsync = store_mod.os.fsync
    monkeypatch.setattr(store_mod.os, "fsync", lambda fd: (calls.append(fd), real_fsync(fd)))
    with StoreWriter(tmp_path / "s.jsonl", sync_every=2) as w:
        for doc in "abcde":
            w.write_block(block(doc))
        assert len(calls) == 2
    assert len(calls) == 3


def test_second_writer_waits_for_the_lock(tmp_path):
    path = tmp_path / "s.jsonl"
    waiting = threading.Event()
    order = []

    def second():
        with StoreWriter(path, on_wait=waiting.set) as w:
            order.append(("second", set(w.known)))
            w.write_block(block("b"))

    with StoreWriter(path) as first:
        first.write_block(block("a"))
        thread = threading.Thread(target=second)
        thread.start()
        assert waiting.wait(timeout=30)
        order.append(("first done", None))
    thread.join(timeout=30)
    assert order == [("first done", None), ("second", {"a"})]
    assert check_store(path).clean


def test_cut_at_every_byte_of_the_last_block_repairs_to_the_whole_blocks(tmp_path):
    path = tmp_path / "s.jsonl"
    first = b"".join(dumps(r) for r in block("a"))
    second = b"".join(dumps(r) for r in block("b"))
    for cut in range(0, len(second)):
        path.write_bytes(first + second[:cut])
        fixed = repair_store(path)
        assert path.read_bytes() == first and fixed.dropped_bytes == cut
        assert check_store(path).clean


# ---- type filter -------------------------------------------------------------------------------

def test_type_filter_is_not_fooled_by_a_nested_type_key():
    rec = make("affiliation", "a", person="P", role="r", org="O", org_aliases=[], evidence=None, start=None,
               end=None, confidence=0.5, about={"type": "document"}, strict=False)  # a key no record type has
    got = list(iter_records(io.BytesIO(dumps(rec)), types=("affiliation",)))
    assert got == [rec]


def test_type_filter_reports_unknown_types_and_newer_versions_of_the_wanted_type():
    data = (b'{"doc":"a","type":"rumour","v":1}\n' + dumps({**block("a")[0], "v": 3})
            + dumps({**block("a")[3], "v": 2}) + dumps(block("a")[3]))
    errors = []
    got = list(iter_records(io.BytesIO(data), types=("document",), on_error=errors.append))
    assert got == [block("a")[3]]
    # Line 2 (a newer entity) does not concern a query for documents, as with the query index.
    assert [(e.line, e.message.split()[0]) for e in errors] == [(1, "unknown"), (3, "record")]


# ---- check -------------------------------------------------------------------------------------

def test_check_clean_store(tmp_path):
    path = tmp_path / "s.jsonl"
    write(path, block("a"), block("b"))
    report = check_store(path)
    assert report.clean and (report.records, report.documents, report.lines) == (8, 2, 8)
    result = CliRunner().invoke(app, ["check", "--store", str(path)])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip().endswith("8 records, 2 documents; clean")


def test_check_finds_broken_references_offsets_and_schema(tmp_path):
    b = block("a", chars=30)  # the org mention (29..36) now runs past the end of the document
    b[2] = {**b[2], "org_id": "org:nobody", "confidence": 1.5}
    report = check_stream(io.BytesIO(b"".join(dumps(r) for r in b)), "s.jsonl")
    found = {(p.line, p.kind) for p in report.problems}
    assert (3, "reference") in found and (3, "schema") in found
    assert (2, "offset") in found and (3, "offset") in found
    schema_msg = next(p.message for p in report.problems if p.kind == "schema")
    assert "confidence" in schema_msg and "maximum" in schema_msg


def test_check_finds_duplicated_and_interleaved_blocks(tmp_path):
    a, b = block("a"), block("b")
    data = b"".join(dumps(r) for r in [*a, a[0], b[0], *b[1:], *a])
    report = check_stream(io.BytesIO(data))
    assert (5, "block") in kinds(report)  # a's entity with no document record after it, cut by b's block
    assert (13, "duplicate") in kinds(report)  # a's block stored twice
    assert not any(p.kind == "duplicate" and "entity" in p.message for p in report.problems)


def test_check_reports_uncommitted_block_and_repair_fixes_it(tmp_path):
    path = tmp_path / "s.jsonl"
    good = write(path, block("a"))
    tail = b"".join(dumps(r) for r in block("b")[:2])
    path.write_bytes(good + tail + b'{"doc":"b","type":"affil')
    result = CliRunner().invoke(app, ["check", "--store", str(path), "--format", "jsonl"])
    assert result.exit_code == 1
    rows = [orjson.loads(x) for x in result.stdout.splitlines()]
    assert [(r["line"], r["kind"]) for r in rows] == [(5, "block"), (7, "truncated")]
    assert "--repair" in result.stderr
    fixed = CliRunner().invoke(app, ["check", "--store", str(path), "--repair"])
    assert fixed.exit_code == 0 and path.read_bytes() == good
    assert not (tmp_path / "s.jsonl.dropped").exists()  # an interrupted write is not worth keeping


def test_check_reads_piped_records_and_refuses_repair_on_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./cooptool.jsonl: piped records are the store
    data = b"".join(dumps(r) for r in block("a"))
    ok = CliRunner().invoke(app, ["check"], input=data)
    assert ok.exit_code == 0 and "<stdin>" in ok.stderr
    bad = CliRunner().invoke(app, ["check", "--repair"], input=data)
    assert bad.exit_code == 2 and "--store" in bad.stderr


def test_check_missing_store(tmp_path):
    result = CliRunner().invoke(app, ["check", "--store", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 1 and "no store" in result.stderr and result.stdout == ""


# ---- the schema validator -----------------------------------------------------------------------

def test_schema_uses_only_keywords_the_validator_implements():
    assert list(unsupported_keywords(records_schema())) == []


def test_validator_refuses_a_schema_it_cannot_check():
    with pytest.raises(SchemaError, match="uniqueItems"):
        Validator({"type": "array", "uniqueItems": True})


@pytest.mark.parametrize("record,fragment", [
    ({"type": "entity", "v": 1, "doc": "a"}, "missing required field 'id'"),
    ({**block("a")[0], "v": 2}, "is not 1"),
    ({**block("a")[0], "aliases": "ACME"}, "aliases: \"ACME\" is not of type array"),
    ({**block("a")[0], "mentions": [{"start": -1, "end": 2, "text": "x"}]}, "mentions[0].start: -1 is less than"),
    ({**block("a")[2], "pattern": "rumour"}, "pattern: \"rumour\" is not one of"),
    ({**block("a")[3], "words": True}, "words: true is not of type integer"),
])
def test_validator_messages_name_the_field(record, fragment):
    errors = Validator().errors(record)
    assert any(fragment in e for e in errors), errors

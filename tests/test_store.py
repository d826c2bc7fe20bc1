import io
import os

import pytest

from cooptool.extract.records import dumps, make
from cooptool.extract.store import StoreError, StoreWriter, iter_records, read_store, stored_doc_ids


def block(doc: str, n: int = 2) -> list[dict]:
    recs = [make("entity", doc, id=f"org:x{i}", name=f"X{i}", label="ORG", aliases=[], mentions=[]) for i in range(n)]
    recs.append(make("document", doc, path=f"{doc}.txt", title=None, published=None, source=None, author=None,
                     words=3, chars=10))
    return recs


def test_write_blocks_and_known_ids(tmp_path):
    store = tmp_path / "s.jsonl"
    with StoreWriter(store) as w:
        w.write_block(block("a"))
        w.write_block(block("b"))
    assert stored_doc_ids(store) == {"a", "b"}
    with StoreWriter(store) as w:
        assert w.known == {"a", "b"}
    assert len(list(read_store(store))) == 6


def test_interrupted_write_is_cut_back_to_last_whole_block(tmp_path):
    store = tmp_path / "s.jsonl"
    with StoreWriter(store) as w:
        w.write_block(block("a"))
    good = store.read_bytes()
    # A killed run: a whole entity line of the next block, then half a line.
    partial = b"".join(dumps(r) for r in block("b"))
    store.write_bytes(good + partial[: len(partial) // 2])
    with StoreWriter(store) as w:
        assert w.repaired_bytes == len(partial) // 2
        assert w.known == {"a"}
    assert store.read_bytes() == good


def test_bad_lines_are_reported_and_skipped():
    lines = [
        dumps(make("entity", "a", id="org:x", name="X", label="ORG", aliases=[], mentions=[])),
        b"{not json\n",
        b'{"type": "mystery", "v": 1, "doc": "a"}\n',
        b'{"type": "entity", "v": 99, "doc": "a"}\n',
        b"[1, 2]\n",
        b'{"type": "entity", "v": 1, "doc": "a", "name": "cut',
    ]
    errors = []
    recs = list(iter_records(io.BytesIO(b"".join(lines)), source="s.jsonl", on_error=errors.append))
    assert [r["name"] for r in recs] == ["X"]
    assert [e.line for e in errors] == [2, 3, 4, 5, 6]
    assert "not valid JSON" in str(errors[0]) and str(errors[0]).startswith("s.jsonl:2:")
    assert "unknown record type" in errors[1].message
    assert "schema version" in errors[2].message
    assert "truncated" in errors[4].message


def test_strict_raises_on_first_bad_line():
    data = dumps(make("document", "a")) + b"oops\n"
    with pytest.raises(StoreError, match="2"):
        list(iter_records(io.BytesIO(data), strict=True))


def test_type_filter_skips_other_lines():
    data = b"".join(dumps(r) for r in block("a", 3))
    recs = list(iter_records(io.BytesIO(data), types=("document",)))
    assert [r["type"] for r in recs] == ["document"]


def test_lock_file_created_and_released(tmp_path):
    store = tmp_path / "s.jsonl"
    with StoreWriter(store):
        assert os.path.exists(str(store) + ".lock")
    with StoreWriter(store):  # a second writer gets the lock after the first
        pass

"""Index corruption (hypothesis): whatever happens to `STORE.idx` — cut, bytes flipped, another store's
index swapped in, the store deleted and re-extracted in another order under the old index, records
appended — a query answers exactly what a full scan of the store answers, damage to the index is
announced with one notice, and `cooptool check` agrees once the query has rebuilt it.

CI runs 50 examples; `HYPOTHESIS_PROFILE=long` runs 2,000.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.index import check_index, index_path, indexed_records, update_index
from cooptool.extract.records import dumps, make
from cooptool.extract.store import read_store
from tests.articles import ORGS, PEOPLE

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
PROPERTY = settings(max_examples=2_000 if LONG else 50, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

QUERIES = [("affiliation",), ("document", "entity"), ("entity:ORG",), ("claim",)]


def block(i: int) -> list[dict]:
    doc = f"d{i:03d}"
    person, org = PEOPLE[i % len(PEOPLE)], ORGS[(i * 5) % len(ORGS)]
    return [make("entity", doc, id=f"org:{i}", name=org, label="ORG", aliases=[], mentions=[]),
            make("entity", doc, id=f"person:{i}", name=person, label="PERSON", aliases=[], mentions=[]),
            make("affiliation", doc, person=person, role="analyst", org=org, org_aliases=[], evidence="e",
                 start=0, end=1, confidence=0.9),
            make("document", doc, path=None, title=f"T{i}", published=None, source=None, author=None, words=1,
                 chars=1)]


def write(path: Path, order: list[int], mode: str = "wb") -> None:
    with open(path, mode) as fh:
        fh.write(b"".join(dumps(r) for i in order for r in block(i)))


def answers(store: Path) -> list[list[dict]]:
    return [list(read_store(store, types=tuple(t.split(":")[0] for t in q))) if q != ("entity:ORG",) else
            [r for r in read_store(store, types=("entity",)) if r["label"] == "ORG"] for q in QUERIES]


def through_index(store: Path, notices: list[str]) -> list[list[dict]]:
    return [list(indexed_records(store, q, on_notice=notices.append)) for q in QUERIES]


operations = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1, exclude_max=True)),
    st.tuples(st.just("flip"), st.floats(0, 1, exclude_max=True), st.integers(1, 255)),
    st.tuples(st.just("swap"), st.lists(st.integers(0, 11), min_size=0, max_size=6)),
    st.tuples(st.just("reorder"), st.randoms(use_true_random=False), st.booleans()),
    st.tuples(st.just("append"), st.integers(12, 15)),
    st.tuples(st.just("delete"),),
)


@PROPERTY
@given(st.lists(st.integers(0, 11), min_size=1, max_size=8, unique=True), st.lists(operations, min_size=1, max_size=5))
def test_index_corruption_never_changes_an_answer(order, ops):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store, other = root / "s.jsonl", root / "other.jsonl"
        write(store, order)
        idx = index_path(store)
        assert through_index(store, []) == answers(store)
        for op in ops:
            expect_notice = False
            if op[0] == "truncate" and idx.exists():
                os.truncate(idx, int(op[1] * idx.stat().st_size))
                expect_notice = True
            elif op[0] == "flip" and idx.exists() and idx.stat().st_size:
                data = bytearray(idx.read_bytes())
                data[int(op[1] * len(data))] ^= op[2]
                idx.write_bytes(bytes(data))
                expect_notice = True
            elif op[0] == "swap":
                write(other, op[1])
                update_index(other)
                shutil.copyfile(index_path(other), idx)
            elif op[0] == "reorder":  # deleted and re-extracted in another order, the old index left behind
                st_before = store.stat()
                current = sorted({r["doc"] for r in read_store(store, types=("document",))})
                ids = [int(d[1:]) for d in current]
                op[1].shuffle(ids)
                store.unlink()
                write(store, ids)
                if op[2]:  # and the timestamps put back, as `cp -p` or a restore would
                    os.utime(store, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))
            elif op[0] == "append":
                write(store, [op[1]], mode="ab")
            elif op[0] == "delete" and idx.exists():
                idx.unlink()
            notices: list[str] = []
            assert through_index(store, notices) == answers(store), op
            assert len(notices) <= 1, notices  # one notice, then a sound index
            if expect_notice:
                assert len(notices) == 1 and "rebuilt" in notices[0], (op, notices)
            assert check_index(store) is None  # check agrees: the rebuilt index is sound
            again: list[str] = []
            assert through_index(store, again) == answers(store) and again == []


@settings(max_examples=30 if not LONG else 500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 11), min_size=1, max_size=6, unique=True), st.floats(0, 1, exclude_max=True),
       st.integers(1, 255))
def test_queries_and_check_agree_on_a_damaged_index(order, where, xor):
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "s.jsonl"
        write(store, order)
        runner = CliRunner()
        strict = runner.invoke(app, ["who", "--store", str(store), "--format", "jsonl", "--strict"]).stdout
        assert runner.invoke(app, ["who", "--store", str(store), "--format", "jsonl"]).stdout == strict
        idx = index_path(store)
        data = bytearray(idx.read_bytes())
        data[int(where * len(data))] ^= xor
        idx.write_bytes(bytes(data))
        checked = runner.invoke(app, ["check", "--store", str(store)])
        assert checked.exit_code == 1 and "index" in checked.stderr
        result = runner.invoke(app, ["who", "--store", str(store), "--format", "jsonl"])
        assert result.exit_code == 0 and result.stdout == strict
        assert result.stderr.count("\n") == 1 and "notice" in result.stderr
        assert runner.invoke(app, ["check", "--store", str(store)]).exit_code == 0

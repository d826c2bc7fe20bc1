"""Property-based tests (hypothesis): readers, store reads and repair, query filters, the schema
validator, and the extraction pipeline (entities and affiliations).

CI runs a bounded number of examples. The long run (README, "Reliability"):

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_properties.py -p no:cacheprovider

`long` runs 10,000 examples per cheap property and COOPTOOL_MODEL_EXAMPLES (default 1,000; the
documented run uses 10,000) for the model-backed one.
"""

from __future__ import annotations

import io
import os
import string
import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cooptool.extract.check import check_stream
from cooptool.extract.query import filter_affiliations, name_matches
from cooptool.extract.readers import jsonl_docs, looks_binary, read_inputs
from cooptool.extract.records import RECORD_TYPES, dumps, make
from cooptool.extract.schema import Validator, records_schema
from cooptool.extract.store import iter_records, repair_store
from tests.articles import CITIES, ORGS, PEOPLE, ROLES

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
CHEAP = settings(max_examples=10_000 if LONG else 150, deadline=None, database=None if LONG else settings.default.database,
                 suppress_health_check=[HealthCheck.too_slow])
MODEL = settings(max_examples=int(os.environ.get("COOPTOOL_MODEL_EXAMPLES", 1000)) if LONG else 25, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

json_scalars = st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False,
                                                                                  allow_infinity=False) | st.text()
json_values = st.recursive(json_scalars, lambda kids: st.lists(kids, max_size=4)
                           | st.dictionaries(st.text(max_size=8), kids, max_size=4), max_leaves=12)


# ---- readers -----------------------------------------------------------------------------------

def _read(data: bytes, name: str = "doc.txt"):
    warnings: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        docs = list(read_inputs([str(path)], warnings.append, max_chars=5_000))
    return docs, warnings, str(path)


@CHEAP
@given(st.binary(max_size=2_000))
def test_any_bytes_are_read_or_reported_never_raise(data):
    docs, warnings, path = _read(data)
    assert len(docs) + sum(w.endswith("skipped") for w in warnings) == 1
    assert all(w.startswith(path) for w in warnings)
    for doc in docs:
        # An empty document is kept (noted on stderr): it becomes a document with no facts.
        assert isinstance(doc.text, str) and len(doc.text) <= 5_000
        assert doc.text.strip() or any("stored as an empty document" in w for w in warnings)


@CHEAP
@given(st.text(max_size=2_000), st.sampled_from(["utf-8", "utf-16"]))
def test_text_roundtrips_exactly(text, encoding):
    data = text.encode(encoding)
    assume(not text.startswith("\ufeff") and text.strip() and not looks_binary(data))
    # UTF-16 (LE) text beginning with U+0000 starts like the UTF-32 LE byte order mark: ambiguous.
    assume(not (encoding == "utf-16" and text.startswith("\x00")))
    assume(not text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")))
    docs, warnings, _ = _read(data)
    assert warnings == []
    assert [d.text for d in docs] == [text]


@CHEAP
@given(st.lists(json_values | st.text(max_size=30), max_size=8))
def test_jsonl_documents_every_line_read_or_reported(lines):
    raw = [orjson.dumps(v) if not isinstance(v, str) or v.startswith("{") is False else v.encode() for v in lines]
    raw = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in raw]
    warnings: list[str] = []
    docs = list(jsonl_docs(raw, "in.jsonl", warnings.append))
    nonblank = [line for line in raw if line.strip()]
    assert len(docs) + len(warnings) == len(nonblank)
    assert all(w.startswith("in.jsonl:") for w in warnings)
    assert all(isinstance(d.text, str) for d in docs)


# ---- store reads and repair ------------------------------------------------------------------------

def _block(doc: str, names: list[str]) -> list[dict]:
    recs = [make("entity", doc, id=f"org:{i}", name=n, label="ORG", aliases=[], mentions=[]) for i, n in enumerate(names)]
    recs.append(make("document", doc, path=None, title=None, published=None, source=None, author=None, words=0,
                     chars=0))
    return recs


blocks = st.lists(st.lists(st.text(max_size=12), max_size=3), min_size=1, max_size=5).map(
    lambda groups: [_block(f"d{i}", names) for i, names in enumerate(groups)])


@CHEAP
@given(st.binary(max_size=3_000), st.sampled_from([None, ("affiliation",), ("document", "entity")]))
def test_store_reads_of_any_bytes_never_raise(data, types):
    errors = []
    recs = list(iter_records(io.BytesIO(data), types=types, on_error=errors.append))
    lines = data.count(b"\n") + 1
    assert all(isinstance(r, dict) and r["type"] in RECORD_TYPES for r in recs)
    assert all(1 <= e.line <= lines for e in errors)
    report = check_stream(io.BytesIO(data))
    assert report.clean == (not report.problems)


@CHEAP
@given(blocks, st.lists(st.binary(max_size=40).filter(lambda b: b"\n" not in b), max_size=4), st.data())
def test_damaged_lines_are_reported_and_the_rest_answered(groups, garbage, data):
    good = [dumps(r) for b in groups for r in b]
    lines = list(good)
    bad_at = []
    for g in garbage:
        try:
            parsed = orjson.loads(g)
        except orjson.JSONDecodeError:
            parsed = None
        assume(not (isinstance(parsed, dict) and parsed.get("type") in RECORD_TYPES))
        assume(g.strip())
        pos = data.draw(st.integers(0, len(lines)))
        lines.insert(pos, g + b"\n")
    bad_at = [i + 1 for i, line in enumerate(lines) if line not in good]
    errors = []
    recs = list(iter_records(io.BytesIO(b"".join(lines)), on_error=errors.append))
    assert [dumps(r) for r in recs] == good
    assert [e.line for e in errors] == bad_at


@CHEAP
@given(blocks, st.data())
def test_a_store_cut_anywhere_repairs_to_its_whole_blocks(groups, data):
    whole = b"".join(dumps(r) for b in groups for r in b)
    cut = data.draw(st.integers(0, len(whole)))
    block_ends = [sum(len(dumps(r)) for b in groups[: i + 1] for r in b) for i in range(len(groups))]
    expected = max([0, *(end for end in block_ends if end <= cut)])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.jsonl"
        path.write_bytes(whole[:cut])
        fixed = repair_store(path)
        assert path.read_bytes() == whole[:expected] and fixed.dropped_bytes == cut - expected
        with open(path, "rb") as fh:
            assert check_stream(fh).clean


# ---- query filters -----------------------------------------------------------------------------

@CHEAP
@given(st.text(max_size=40), st.lists(st.none() | st.text(max_size=40), max_size=4))
def test_name_matching_never_raises(query, names):
    assert isinstance(name_matches(query, names), bool)


@CHEAP
@given(st.text(max_size=40))
def test_a_name_matches_itself(name):
    assert name_matches(name, [name])


@CHEAP
@given(st.text(alphabet=string.ascii_letters + " .,'-&", max_size=40))
def test_ascii_matching_ignores_case(name):
    assert name_matches(name.upper(), [name.lower()]) and name_matches(name.lower(), [name.upper()])


affiliation_records = st.builds(
    lambda person, org, aliases: make("affiliation", "d", person=person, role="r", org=org, org_aliases=aliases,
                                      evidence=None, start=None, end=None, confidence=0.5),
    st.text(max_size=20), st.text(max_size=20), st.lists(st.text(max_size=10), max_size=3))


@CHEAP
@given(st.lists(affiliation_records, max_size=6), st.none() | st.text(max_size=15), st.none() | st.text(max_size=15))
def test_filters_return_a_subset_in_order(recs, org, person):
    got = list(filter_affiliations(recs, org=org, person=person))
    positions = [next(i for i, r in enumerate(recs) if r is g) for g in got]  # each one of the inputs
    assert positions == sorted(set(positions))  # in input order, none repeated
    assert list(filter_affiliations(recs)) == recs
    if org:
        assert all(name_matches(org, [g["org"], *g["org_aliases"]]) for g in got)


# ---- the schema validator agrees with jsonschema --------------------------------------------------

jsonschema = pytest.importorskip("jsonschema")
REFERENCE = jsonschema.Draft202012Validator(records_schema())
OURS = Validator()
FIELDS = sorted({k for d in records_schema()["$defs"].values() if isinstance(d, dict)
                 for k in d.get("properties", {})} | {"v", "doc"})
record_like = st.builds(
    lambda t, fields: {"type": t, **fields},
    st.sampled_from([*RECORD_TYPES, "other"]),
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=len(FIELDS)))


@CHEAP
@given(record_like)
def test_validator_agrees_with_jsonschema(record):
    assert OURS.is_valid(record) == REFERENCE.is_valid(record), (OURS.errors(record), record)


# ---- the pipeline: arbitrary text never raises, records valid, offsets exact ---------------------

fragments = st.sampled_from([
    *(f"{p}, {r} of {o}, said" for p, r, o in zip(PEOPLE, ROLES * 2, ORGS, strict=False)),
    *(f"{o} {r} {p} told reporters in {c}." for p, r, o, c in zip(PEOPLE, ROLES * 2, ORGS, CITIES * 2, strict=False)),
    "\u201cWe will see,\u201d", "she said.", "\n\n", "\n", " ", "(", ")", "\u2014", "Author: staff reporter",
    "Source: Wire", "2024-02-28 11:53:00", "Mr", "Dr.", "Inc.", "Co., Ltd.", "the", "of", "at", "per cent", "$5m",
])
texts = st.lists(fragments | st.text(max_size=20), max_size=30).map(" ".join) | st.text(max_size=300)


@pytest.mark.model
@MODEL
@given(texts)
def test_pipeline_on_arbitrary_text(nlp, text):
    from cooptool.extract.pipeline import doc_records, prepare
    from cooptool.extract.readers import SourceDoc

    source = SourceDoc(text=text, path="t.txt")
    doc, meta = prepare(nlp, source)
    doc = nlp(doc)
    block = doc_records(doc, source.id, source.path, meta)
    report = check_stream(io.BytesIO(b"".join(dumps(r) for r in block)))
    assert not report.problems, report.problems
    for rec in block:
        if rec["type"] == "entity":
            for m in rec["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
        elif rec["type"] == "affiliation":
            start, end = rec["start"], rec["end"]
            assert rec["person"] and text[rec["person_start"]:rec["person_end"]].strip()
            # Other evidence is a sentence of the Doc, i.e. the document with page furniture (bylines,
            # lines of digits, ...) blanked to spaces at the same offsets: equal to the document
            # slice except where a blanked character sits inside the sentence's span.
            if rec["pattern"] in ("byline", "affiliation.byline"):  # the byline itself, read from the document
                assert rec["evidence"] == text[start:end]
                continue
            assert rec["evidence"] == doc.text[start:end].strip()
            assert all(m == c or m == " " for m, c in zip(doc.text[start:end], text[start:end], strict=True))


@pytest.mark.model
def test_entity_ids_are_unique_per_document(nlp):
    from tests.conftest import run_text

    doc = run_text(nlp, "Markets\n\nJean-Pierre Dubois, chairman of Veltro Motors, said sales rose. "
                        "Jean Pierre Dubois added that costs fell.")
    ids = [e["id"] for e in doc._.entities]
    assert len(ids) == len(set(ids)), ids


@pytest.mark.model
def test_a_name_never_runs_across_a_control_character(nlp):
    # Found by the pipeline property: the model's span took in blanked page furniture before a name.
    from cooptool.extract.pipeline import doc_records, prepare
    from cooptool.extract.readers import SourceDoc

    for text in ["0H\r0\x1e Ana Ruiz said the plan was good.", "Ana Ruiz\x1e\r0H said it."]:
        source = SourceDoc(text=text, path="t.txt")
        doc, meta = prepare(nlp, source)
        for rec in doc_records(nlp(doc), source.id, source.path, meta):
            for m in rec.get("mentions", []) if rec["type"] == "entity" else []:
                assert text[m["start"]:m["end"]] == m["text"], m

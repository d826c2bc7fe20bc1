"""The bad-input matrix: one test per case, extract side and query side.

Every case checks the three promises separately: a one-line message on stderr naming the file
(and line), the documented exit status, and all good input still processed.
Exit statuses (README, "Reliability"): extract 0 = every input read, 1 = an input could not be
read (or nothing extracted); queries 0 = answered (damaged lines skipped), 1 = --strict on damage.
"""

from __future__ import annotations

import gzip

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.records import dumps, make
from cooptool.extract.store import read_store
from tests.articles import article

GOOD = article(1)


def records(store):
    return [orjson.loads(line) for line in store.read_bytes().splitlines()]


def documents(store):
    return [r for r in records(store) if r["type"] == "document"]


def warnings_of(result):
    return [line for line in result.stderr.splitlines() if line.startswith("cooptool: warning: ")]


# ---- extract side (the trained model, loaded once) --------------------------------------------

@pytest.fixture
def extract(nlp, monkeypatch, tmp_path):
    """Run `cooptool extract ... --store tmp/store.jsonl` with the session pipeline; a good article
    `good.txt` is always among the inputs."""
    monkeypatch.setattr("cooptool.extract.pipeline.load_pipeline", lambda model=None: nlp)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    store = tmp_path / "store.jsonl"

    def run(*args: str, with_good: bool = True):
        argv = ["extract", *args, *([str(good)] if with_good else []), "--store", str(store)]
        result = CliRunner().invoke(app, argv)
        assert result.stdout == ""  # records go to the store; stdout carries data only
        return result, store

    return run


def assert_good_processed(store, count=1):
    docs = documents(store)
    assert len(docs) == count
    assert any(d["path"].endswith("good.txt") for d in docs)


def assert_one_warning(result, *needles):
    (line,) = warnings_of(result)
    for needle in needles:
        assert needle in line, (needle, line)
    return line


@pytest.mark.model
def test_nonexistent_path(extract, tmp_path):
    result, store = extract(str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert_one_warning(result, "missing.txt", "no such file")
    assert_good_processed(store)


@pytest.mark.model
def test_directory_with_no_readable_documents(extract, tmp_path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / ".notes.txt").write_text("hidden", encoding="utf-8")
    result, store = extract(str(folder))
    assert result.exit_code == 1
    assert_one_warning(result, "pictures", "no readable documents")
    assert_good_processed(store)


@pytest.mark.model
def test_empty_file(extract, tmp_path):
    # An empty file is a document with no facts (noted on stderr), not a failure.
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t\n", encoding="utf-8")
    result, store = extract(str(tmp_path / "empty.txt"))
    assert result.exit_code == 0
    assert_one_warning(result, "empty.txt", "no text; stored as an empty document")
    assert_good_processed(store, count=2)
    recs = list(read_store(store))
    (empty_doc,) = [r for r in recs if r["type"] == "document" and r["path"].endswith("empty.txt")]
    assert empty_doc["words"] == 0
    assert [r for r in recs if r["doc"] == empty_doc["doc"]] == [empty_doc]  # no facts
    blank, _ = extract(str(tmp_path / "blank.txt"), with_good=False)
    assert blank.exit_code == 0 and "blank.txt: no text" in blank.stderr


@pytest.mark.model
@pytest.mark.parametrize("name,data", [
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
    ("scan.jpg.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
    ("archive.txt.gz", gzip.compress(GOOD.encode("utf-8"), mtime=1)),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
])
def test_binary_file(extract, tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    result, store = extract(str(tmp_path / name))
    assert result.exit_code == 1
    assert_one_warning(result, name, "binary file; skipped")
    assert_good_processed(store)


@pytest.mark.model
def test_invalid_utf8_names_file_and_line(extract, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(article(2).encode("utf-8").replace(b"\n\n", b"\n\n\xc3(", 2).replace(b"\xc3(", b"", 1))
    line_of_bad_byte = bad.read_bytes()[: bad.read_bytes().index(b"\xc3(")].count(b"\n") + 1
    result, store = extract(str(bad))
    assert result.exit_code == 0  # read (as cp1252), so not a failure: a note
    assert_one_warning(result, f"bad.txt:{line_of_bad_byte}:", "not valid UTF-8")
    assert_good_processed(store, count=2)


@pytest.mark.model
def test_latin1_text(extract, tmp_path):
    text = article(3).replace("\u201c", '"').replace("\u201d", '"').replace("Tuesday", "Tuesday in Mal\xe9")
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    result, store = extract(str(tmp_path / "latin.txt"))
    assert result.exit_code == 0
    assert_one_warning(result, "latin.txt:3:", "cp1252/Latin-1")
    assert_good_processed(store, count=2)
    assert any("Mal\xe9" in (m["text"]) for r in records(store) if r["type"] == "entity" for m in r["mentions"]) \
        or any("Mal\xe9" in (r.get("evidence") or "") for r in records(store))


@pytest.mark.model
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(extract, tmp_path, encoding):
    data = article(4).encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "wide.txt").write_bytes(data)
    result, store = extract(str(tmp_path / "wide.txt"))
    assert result.exit_code == 0 and warnings_of(result) == []
    assert_good_processed(store, count=2)
    people = {r["person"] for r in records(store) if r["type"] == "affiliation"}
    assert "Lena Vogt" in people  # decoded correctly, not as mojibake


@pytest.mark.model
def test_50_mb_file_is_refused_with_a_limit_and_a_flag(extract, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        line = b"The market rose and prices fell again in the afternoon session.\n"
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    result, store = extract(str(big))
    assert result.exit_code == 1
    assert_one_warning(result, "big.txt", "larger than 10,000,000 bytes", "--max-chars")
    assert_good_processed(store)


@pytest.mark.model
def test_max_chars_flag_skips_and_raises_the_limit(extract, tmp_path):
    (tmp_path / "long.txt").write_text(article(5) * 8, encoding="utf-8")
    chars = len(article(5) * 8)
    low, store = extract(str(tmp_path / "long.txt"), "--max-chars", str(chars - 1))
    assert low.exit_code == 1
    assert_one_warning(low, "long.txt", f"{chars:,} characters", f"--max-chars {chars - 1}")
    assert_good_processed(store)
    high, store = extract(str(tmp_path / "long.txt"), "--max-chars", str(chars))
    assert high.exit_code == 0 and warnings_of(high) == []
    assert len(documents(store)) == 2


@pytest.mark.model
def test_one_100000_character_line(extract, tmp_path):
    sentence = "Ana Ruiz, chief executive of Solenne Power, said the market rose again. "
    text = "Markets today\n" + (sentence * (100_000 // len(sentence) + 1))[:100_000]
    (tmp_path / "oneline.txt").write_text(text, encoding="utf-8")
    result, store = extract(str(tmp_path / "oneline.txt"))
    assert result.exit_code == 0 and warnings_of(result) == []
    assert_good_processed(store, count=2)
    (doc,) = [d for d in documents(store) if d["path"].endswith("oneline.txt")]
    assert doc["chars"] == len(text)


@pytest.mark.model
@pytest.mark.parametrize("text", ['"" \u201c\u201d \u2018\u2019 \'\' \u00ab\u00bb "\n' * 40,
                                  "123 4.5 6,789 -10 1e9 0x1F\n" * 40])
def test_only_quotation_marks_or_only_numbers(extract, tmp_path, text):
    (tmp_path / "odd.txt").write_text(text, encoding="utf-8")
    result, store = extract(str(tmp_path / "odd.txt"))
    assert result.exit_code == 0 and warnings_of(result) == []
    assert_good_processed(store, count=2)
    odd = [d["doc"] for d in documents(store) if d["path"].endswith("odd.txt")]
    assert not [r for r in records(store) if r["doc"] in odd and r["type"] == "affiliation"]


@pytest.mark.model
def test_jsonl_documents_with_a_bad_line(extract, tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_bytes(b"".join([
        orjson.dumps({"id": "a", "text": article(6)}) + b"\n",
        b'{"id": "b", "text": "cut\n',
        b'{"id": "c", "title": "no text field"}\n',
        orjson.dumps({"id": "d", "text": article(7)}) + b"\n",
    ]))
    result, store = extract(str(docs))
    assert result.exit_code == 1
    lines = warnings_of(result)
    assert len(lines) == 2
    assert "docs.jsonl:2:" in lines[0] and "not valid JSON" in lines[0]
    assert "docs.jsonl:3:" in lines[1] and '"text"' in lines[1]
    assert_good_processed(store, count=3)


@pytest.mark.model
def test_extract_continues_a_store_cut_by_an_interrupted_write(extract, tmp_path):
    _, store = extract()
    whole = store.read_bytes()
    block = b"".join(dumps(r) for r in [make("entity", "f00d", id="org:x", name="X", label="ORG", aliases=[],
                                              mentions=[])]) + b'{"doc":"f00d","type":"docu'
    store.write_bytes(whole + block)
    (tmp_path / "more.txt").write_text(article(8), encoding="utf-8")
    result, _ = extract(str(tmp_path / "more.txt"))
    assert result.exit_code == 0
    assert_one_warning(result, str(store), f"dropped {len(block)} bytes")
    assert store.read_bytes().startswith(whole) and len(documents(store)) == 2
    assert CliRunner().invoke(app, ["check", "--store", str(store)]).exit_code == 0


@pytest.mark.model
def test_extract_refuses_to_write_into_a_file_that_is_not_a_store(extract, tmp_path):
    store = tmp_path / "store.jsonl"
    store.write_text("my notes\nnot a store at all\n", encoding="utf-8")
    result, _ = extract()
    assert result.exit_code == 1
    assert "not an interrupted write" in result.stderr and "line 1" in result.stderr
    assert store.read_text(encoding="utf-8") == "my notes\nnot a store at all\n"


# ---- query side (no model) ---------------------------------------------------------------------

def affiliation(person: str, org: str, doc: str = "d1") -> dict:
    return make("affiliation", doc, person=person, role="chief executive", org=org, org_aliases=[],
                evidence=f"{person}, chief executive of {org}.", start=0, end=40, confidence=0.9,
                pattern="apposition")


def entity(doc: str, label: str, name: str) -> dict:
    return make("entity", doc, id=f"{label.lower()}:{name.lower().replace(' ', '-')}", name=name, label=label,
                aliases=[], mentions=[{"start": 0, "end": len(name), "text": name}])


GOOD_LINES = [dumps(affiliation("Ana Ruiz", "Solenne Power")), dumps(affiliation("Tom Bell", "Kestrel Bank")),
              dumps(make("document", "d1", path="a.txt", title="T", published=None, source=None, author=None,
                         words=20, chars=60))]

DAMAGE = {
    "malformed line": (1, b'{"type": "affiliation", oops}\n', "not valid JSON"),
    "truncated last line": (4, b'{"doc":"d2","person":"Lee', "truncated last line"),
    "unknown record type": (2, b'{"doc":"d1","type":"hologram","v":1}\n', "unknown record type 'hologram'"),
    # A newer record of the type the command reads (`who`: affiliations; see damaged_store for `docs`).
    "newer schema version": (3, dumps({**affiliation("Eve Park", "Orchid Telecom"), "v": 2}),
                             "schema version 2"),
}
NEWER_DOCUMENT = dumps(make("document", "d9", path="z.txt", title="From the future", published=None, source=None,
                            author=None, words=1, chars=1) | {"v": 2})


def damaged_store(tmp_path, case: str, command: str = "who"):
    line, bad, _ = DAMAGE[case]
    if case == "newer schema version" and command == "docs":
        bad = NEWER_DOCUMENT
    lines = list(GOOD_LINES)
    lines.insert(line - 1, bad)
    path = tmp_path / "damaged.jsonl"
    path.write_bytes(b"".join(lines))
    return path


@pytest.mark.parametrize("case", sorted(DAMAGE))
@pytest.mark.parametrize("command", ["who", "docs"])
def test_query_on_damaged_store_reports_line_and_answers_from_the_rest(tmp_path, case, command):
    path = damaged_store(tmp_path, case, command)
    line, _, message = DAMAGE[case]
    result = CliRunner().invoke(app, [command, "--store", str(path), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [orjson.loads(x) for x in result.stdout.splitlines()]
    if command == "who":
        assert sorted(r["person"] for r in rows) == ["Ana Ruiz", "Tom Bell"]
    else:
        assert [r["doc"] for r in rows] == ["d1"]
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(f"cooptool: warning: {path}:{line}: ") and message in warning


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_strict_fails_on_a_damaged_store(tmp_path, case):
    path = damaged_store(tmp_path, case)
    line, _, message = DAMAGE[case]
    result = CliRunner().invoke(app, ["who", "--store", str(path), "--strict", "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"{path}:{line}:" in result.stderr and message in result.stderr


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_check_lists_the_damaged_line(tmp_path, case):
    path = damaged_store(tmp_path, case)
    line, _, message = DAMAGE[case]
    result = CliRunner().invoke(app, ["check", "--store", str(path), "--format", "jsonl"])
    assert result.exit_code == 1
    rows = [orjson.loads(x) for x in result.stdout.splitlines()]
    assert rows and rows[0]["line"] == line and message.split("'")[0] in rows[0]["message"]
    assert result.stderr.count("\n") == 1 and "problem" in result.stderr


def test_many_damaged_lines_are_summarised_not_flooded(tmp_path):
    path = tmp_path / "noisy.jsonl"
    path.write_bytes(b"{bad\n" * 500 + b"".join(GOOD_LINES))
    result = CliRunner().invoke(app, ["docs", "--store", str(path), "--format", "jsonl"])
    assert result.exit_code == 0 and [orjson.loads(x)["doc"] for x in result.stdout.splitlines()] == ["d1"]
    lines = result.stderr.splitlines()
    assert len(lines) == 21 and "480 more damaged line(s)" in lines[-1] and "cooptool check" in lines[-1]


def test_records_written_with_spaces_are_read_by_the_type_filter(tmp_path):
    import json

    path = tmp_path / "spaced.jsonl"
    path.write_text("".join(json.dumps(orjson.loads(x)) + "\n" for x in GOOD_LINES), encoding="utf-8")
    result = CliRunner().invoke(app, ["who", "--store", str(path), "--format", "jsonl"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2 and result.stderr == ""

"""The library facade (`cooptool.extract.api`), the CLI's Environment and its exit statuses."""

from __future__ import annotations

import io

import pytest

from cooptool.extract import api
from cooptool.extract.records import dumps, make


@pytest.fixture()
def blank_pipeline(monkeypatch):
    """extract() on a blank spaCy pipeline with cooptool's components: fast, and no model needed."""
    import spacy

    from cooptool.extract.pipeline import add_components

    def load(model=None):
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return add_components(nlp)

    monkeypatch.setattr("cooptool.extract.pipeline.load_pipeline", load)


def test_extract_into_a_store_then_again(tmp_path, blank_pipeline):
    (tmp_path / "a.txt").write_text("Mina Roe opened a shop.\n\nIt sells maps.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Otto Vale closed a mill.", encoding="utf-8")
    (tmp_path / "copy.txt").write_text("Otto Vale closed a mill.", encoding="utf-8")
    store = tmp_path / "out" / "s.jsonl"
    seen = []
    first = api.extract([str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "copy.txt"),
                         str(tmp_path / "missing.txt")], store, on_issue=seen.append)
    assert (first.documents, first.records["document"], first.duplicates) == (2, 2, 1)
    assert first.target == str(store) and not first.nothing_done
    (issue,) = first.skipped
    assert seen == first.issues == [issue]
    assert (issue.path, issue.line, issue.reason, issue.outcome) == (
        str(tmp_path / "missing.txt"), None, "no such file or directory", "skipped")
    assert store.with_name("s.jsonl.idx").exists()  # indexed for the queries

    again = api.extract([str(tmp_path / "a.txt")], store)
    assert (again.documents, again.duplicates, again.issues) == (0, 1, [])
    assert not again.nothing_done
    assert store.read_bytes().count(b'"type":"document"') == 2


def test_extract_to_a_stream(tmp_path, blank_pipeline):
    (tmp_path / "a.txt").write_text("Mina Roe opened a shop.", encoding="utf-8")
    out = io.BytesIO()
    summary = api.extract([str(tmp_path / "a.txt")], None, out=out)
    assert summary.target == "stdout" and summary.documents == 1
    assert out.getvalue().count(b'"type":"document"') == 1
    with pytest.raises(ValueError, match="store"):
        api.extract([str(tmp_path / "a.txt")], None)


def test_nothing_to_extract(tmp_path, blank_pipeline):
    (tmp_path / "empty").mkdir()
    summary = api.extract([str(tmp_path / "empty")], tmp_path / "s.jsonl")
    assert summary.nothing_done and [i.reason for i in summary.skipped] == ["no readable documents in this directory"]


def test_a_model_that_is_not_installed_is_an_extract_error(tmp_path):
    (tmp_path / "a.txt").write_text("Mina Roe opened a shop.", encoding="utf-8")
    with pytest.raises(api.ExtractError, match="no_such_model_xq.*not installed"):
        api.extract([str(tmp_path / "a.txt")], tmp_path / "s.jsonl", model="no_such_model_xq")
    with pytest.raises(ValueError, match="engine"):
        api.extract([str(tmp_path / "a.txt")], tmp_path / "s.jsonl", engine="spark")


def _store(tmp_path):
    doc = "d1" * 8
    records = [
        make("entity", doc, id="person:ann-lee", name="Ann Lee", label="PERSON", aliases=["Lee"],
             mentions=[{"start": 0, "end": 7, "text": "Ann Lee"}]),
        make("entity", doc, id="org:kestrel-bank", name="Kestrel Bank", label="ORG", aliases=[],
             mentions=[{"start": 22, "end": 34, "text": "Kestrel Bank"}]),
        make("affiliation", doc, person="Ann Lee", person_id="person:ann-lee", role="chief economist",
             org="Kestrel Bank", org_id="org:kestrel-bank", org_aliases=[], evidence="x", start=0, end=40,
             confidence=0.9, pattern="apposition", status="current"),
        make("claim", doc, speaker="Ann Lee", speaker_type="PERSON", role="chief economist", org="Kestrel Bank",
             text="rates will rise", direct=False, cue="said", evidence="x", confidence=0.8, start=50, end=65,
             speaker_start=0, speaker_end=7),
        make("fact", doc, subject="Kestrel Bank", kind="percent", value=4, unit="%", text="4%", evidence="x",
             start=0, end=10, text_start=3, text_end=5),
        make("document", doc, path="a.txt", title="Rates", published=None, source=None, author=None, words=12,
             chars=80),
    ]
    path = tmp_path / "s.jsonl"
    path.write_bytes(b"".join(dumps(r) for r in records))
    return path


def test_open_factbase_queries(tmp_path):
    fb = api.open_factbase(_store(tmp_path))
    assert [r["role"] for r in fb.who(org="kestrel")] == ["chief economist"]
    assert list(fb.who(person="Bob Tan")) == []
    assert [r["text"] for r in fb.said(by="ann lee")] == ["rates will rise"]
    assert [r["text"] for r in fb.said(org="Kestrel Bank", direct=False)] == ["rates will rise"]
    assert [r["value"] for r in fb.facts(about="Kestrel")] == [4]
    assert [r["name"] for r in fb.entities(label="person")] == ["Ann Lee"]
    assert [r["name"] for r in fb.entities(name="Lee")] == ["Ann Lee"]
    assert [r["title"] for r in fb.documents()] == ["Rates"]
    assert list(fb.events()) == []
    assert fb.summary()["documents"]["count"] == 1
    with pytest.raises(FileNotFoundError):
        api.open_factbase(tmp_path / "none.jsonl")


# ---- the CLI's environment and exit statuses ------------------------------------------------------

def test_environment_reads_its_own_streams_and_variables():
    from cooptool.cli.environment import Environment

    out = io.StringIO()
    env = Environment(stdout=out, stdin=io.StringIO(""), environ={"COOPTOOL_STORE": "s.jsonl", "NO_COLOR": "1",
                                                                   "COOPTOOL_MODEL": ""})
    assert env.stdout is out and not env.stdout_isatty and not env.stdin_isatty
    assert str(env.store) == "s.jsonl" and env.no_color and env.model is None
    assert Environment(environ={"NO_COLOR": ""}).no_color is False
    assert Environment(environ={}).store is None


def test_environment_follows_a_replaced_sys_stdout(monkeypatch):
    import sys

    from cooptool.cli.environment import env

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert env.stdout is out and env.stdout_bytes is out


def test_exit_statuses():
    from cooptool.cli.common import ExitStatus

    assert [int(s) for s in (ExitStatus.OK, ExitStatus.ERROR, ExitStatus.NOTHING, ExitStatus.USAGE,
                             ExitStatus.INTERRUPTED)] == [0, 1, 1, 2, 130]

"""CLI behaviour on hand-made stores: stdout, stderr and exit codes checked apart (no model needed)."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.records import dumps, make


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store.jsonl"
    recs = [
        make("affiliation", "d1", person="Ana Ruiz", role="chief executive", org="Solenne Power Co., Ltd.",
             org_aliases=["Solenne"], evidence="Ana Ruiz, chief executive of Solenne Power Co., Ltd., spoke.",
             start=0, end=60, confidence=0.9, pattern="apposition"),
        make("affiliation", "d1", person="Tom Bell", role="analyst", org="Kestrel Bank", org_aliases=[],
             evidence="Tom Bell, an analyst at Kestrel Bank, agreed.", start=61, end=105, confidence=0.9,
             pattern="apposition"),
        make("document", "d1", path="a.txt", title="Power deal", published="2024-01-02", source="Wire",
             author="Jo Lee", words=20, chars=105),
    ]
    path.write_bytes(b"".join(dumps(r) for r in recs))
    return path


def jsonl(text):
    return [orjson.loads(line) for line in text.splitlines() if line.strip()]


def test_who_by_alias_case_insensitive(runner, store):
    result = runner.invoke(app, ["who", "--org", "solenne", "--store", str(store), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = jsonl(result.stdout)
    assert [(r["person"], r["org"]) for r in rows] == [("Ana Ruiz", "Solenne Power Co., Ltd.")]
    assert set(rows[0]) >= {"person", "role", "org", "org_aliases", "doc", "evidence"}
    assert result.stderr == ""


def test_who_by_person_and_csv(runner, store):
    result = runner.invoke(app, ["who", "--person", "tom bell", "--store", str(store), "--format", "csv",
                                 "--fields", "person,role,org,doc"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["person,role,org,doc", "Tom Bell,analyst,Kestrel Bank,d1"]


def test_no_match_exits_1_with_empty_stdout(runner, store):
    result = runner.invoke(app, ["who", "--org", "Nobody Ltd", "--store", str(store)])
    assert result.exit_code == 1
    assert result.stdout == ""


def test_missing_store_says_how_to_create_it(runner, tmp_path):
    result = runner.invoke(app, ["who", "--store", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "cooptool extract" in result.stderr and "none.jsonl" in result.stderr


def test_usage_error_exits_2(runner, store):
    result = runner.invoke(app, ["who", "--format", "xml", "--store", str(store)])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_records_from_stdin(runner, store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./cooptool.jsonl: piped records are the store
    result = runner.invoke(app, ["who", "--org", "Kestrel", "--format", "jsonl"], input=store.read_bytes())
    assert result.exit_code == 0
    assert [r["person"] for r in jsonl(result.stdout)] == ["Tom Bell"]


def test_damaged_store_reports_line_and_answers_from_rest(runner, store, tmp_path):
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_bytes(b"{oops\n" + store.read_bytes())
    result = runner.invoke(app, ["who", "--store", str(damaged), "--format", "jsonl"])
    assert result.exit_code == 0
    assert len(jsonl(result.stdout)) == 2
    assert f"{damaged}:1:" in result.stderr
    strict = runner.invoke(app, ["who", "--store", str(damaged), "--strict"])
    assert strict.exit_code == 1 and strict.stdout == "" and "damaged.jsonl:1" in strict.stderr


def test_docs(runner, store):
    result = runner.invoke(app, ["docs", "--store", str(store), "--format", "jsonl"])
    assert result.exit_code == 0
    (row,) = jsonl(result.stdout)
    assert row == {"doc": "d1", "path": "a.txt", "title": "Power deal", "published": "2024-01-02",
                   "source": "Wire", "author": "Jo Lee", "words": 20}


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("cooptool ")


def test_store_from_environment(runner, store, monkeypatch):
    monkeypatch.setenv("COOPTOOL_STORE", str(store))
    result = runner.invoke(app, ["docs", "--format", "tsv"], input="")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("d1\ta.txt\tPower deal")


def test_broken_pipe_is_quiet(tmp_path):
    """`cooptool who | head -1`: no traceback, no error message, killed by SIGPIPE like grep."""
    import subprocess
    import sys

    big = tmp_path / "big.jsonl"
    rec = make("affiliation", "d1", person="Ana Ruiz", role="analyst", org="Kestrel Bank", org_aliases=[],
               evidence="e", start=0, end=1, confidence=0.9)
    big.write_bytes(dumps(rec) * 20000)
    proc = subprocess.Popen([sys.executable, "-m", "cooptool", "who", "--store", str(big), "--format", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) in (0, -13)  # -13: ended by SIGPIPE
    assert b"Ana Ruiz" in first
    assert stderr == b""

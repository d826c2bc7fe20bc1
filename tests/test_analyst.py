"""Issue 13: query commands an analyst can live in. Narrowing options on every query command, CSV
that carries the JSON fields, word forms, search, person/org profiles, affiliation status, the
stdin rule, help polish and the one-screen summary. stdout, stderr and exit codes are checked
apart; stores are written here (no model needed)."""

import os
import signal
import subprocess
import sys
import time

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.narrow import matches_word_forms
from cooptool.extract.profiles import affiliation_status, status_of_words
from cooptool.extract.records import dumps, entity_id, make


def ent(doc, name, label, aliases=()):
    return make("entity", doc, id=entity_id(label, name), name=name, label=label, aliases=list(aliases),
                mentions=[{"start": 0, "end": len(name), "text": name}])


def aff(doc, person, role, org, *, conf=0.9, status=None, evidence="...", org_label="ORG"):
    rec = make("affiliation", doc, person=person, person_id=entity_id("PERSON", person), role=role, org=org,
               org_id=entity_id(org_label, org), org_aliases=[], evidence=evidence, start=0, end=len(evidence),
               person_start=0, person_end=len(person), org_start=0, org_end=1, pattern="apposition",
               confidence=conf)
    if status:
        rec["status"] = status
    return rec


def claim(doc, speaker, text, *, conf=0.8, direct=False, org=None, role=None, speaker_type="PERSON"):
    return make("claim", doc, speaker=speaker, speaker_id=entity_id(speaker_type, speaker) if speaker else None,
                speaker_type=speaker_type if speaker else None, speaker_aliases=[], speaker_mention=speaker or "a spokesman",
                role=role, org=org, org_aliases=[], text=text, direct=direct, cue="said", evidence=text + ", he said.",
                confidence=conf, pattern="reported", start=0, end=len(text), speaker_start=0, speaker_end=3,
                cue_start=5, cue_end=9, pieces=[[0, len(text)]])


def fact(doc, subject, value, about, *, currency="GBP", kind="money"):
    return make("fact", doc, subject=subject, subject_id=entity_id("ORG", subject), subject_aliases=[],
                subject_via="syntax", kind=kind, value=value, value_max=None, currency=currency, unit=None,
                approx=None, change="up", text=f"£{value}", about=about, place=None, date=None, date_text=None,
                evidence=f"{subject} said its {about} rose to £{value} after the taxation changes.", start=0, end=40,
                text_start=0, text_end=3)


def document(doc, title, published, source):
    return make("document", doc, path=f"{doc}.txt", title=title, published=published, source=source, author=None,
                words=100, chars=600)


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store.jsonl"
    blocks = [
        [ent("d1", "Ana Ruiz", "PERSON", ["Ruiz"]), ent("d1", "Kestrel Bank", "ORG"),
         aff("d1", "Ana Ruiz", "chief executive", "Kestrel Bank", conf=0.9),
         aff("d1", "Tom Bell", "analyst", "Kestrel Bank", conf=0.5),
         claim("d1", "Ana Ruiz", "New taxes will hurt savers.", conf=0.9, role="chief executive", org="Kestrel Bank"),
         claim("d1", None, "The figures are being checked.", conf=0.6),
         fact("d1", "Kestrel Bank", 5_000_000, "profit"),
         document("d1", "Kestrel profits rise", "2004-03-02", "BBC News")],
        [ent("d2", "Ana Ruiz", "PERSON"), ent("d2", "Orbis Ltd", "ORG"),
         aff("d2", "Ana Ruiz", "chairman", "Orbis Ltd", status="incoming"),
         aff("d2", "Ana Ruiz", "chief executive", "Kestrel Bank", status="former"),
         claim("d2", "Ana Ruiz", "Taxation of pensions is unfair.", conf=0.7, direct=True),
         claim("d2", "Orbis Ltd", "Orbis expects growth.", speaker_type="ORG"),
         fact("d2", "Orbis Ltd", 70_000_000, "revenue", currency="USD"),
         make("event", "d2", name="Orbis investor day", aliases=[], date="2005-01-10", place="London",
              organizers=["Orbis Ltd"], participants=["Ana Ruiz"], actor_aliases=[], evidence="...", start=0,
              end=3, name_start=0, name_end=3),
         document("d2", "Ruiz moves to Orbis", "2005-01-11", "Reuters")],
    ]
    path.write_bytes(b"".join(dumps(r) for block in blocks for r in block))
    return path


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, store, *args):
    return runner.invoke(app, [*args, "--store", str(store)])


def jsonl(text):
    return [orjson.loads(line) for line in text.splitlines() if line.strip()]


# ---- narrowing on every query command ---------------------------------------------------------

@pytest.mark.parametrize("command", [["who"], ["said"], ["entities"], ["facts"], ["events"], ["docs"],
                                     ["search", "orbis"]])
def test_every_query_command_takes_the_narrowing_options(runner, store, command):
    result = run(runner, store, *command, "--doc", "d2", "--source", "reuters", "--since", "2005",
                 "--until", "2005-01", "--limit", "1", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result.stdout)
    assert len(rows) == 1
    assert all("d2" in (r.get("docs") or [r.get("doc")]) for r in rows)
    # d1 is BBC News, 2004: nothing of it survives these filters
    none = run(runner, store, *command, "--source", "BBC", "--since", "2005-01-01", "--format", "jsonl")
    assert none.exit_code == 1 and none.stdout == ""


def test_since_until_and_source_use_the_documents(runner, store):
    result = run(runner, store, "who", "--until", "2004-12-31", "--format", "jsonl")
    assert {r["doc"] for r in jsonl(result.stdout)} == {"d1"}
    result = run(runner, store, "said", "--source", "bbc news", "--format", "jsonl")
    assert {r["doc"] for r in jsonl(result.stdout)} == {"d1"}
    bad = run(runner, store, "who", "--since", "March 2004")
    assert bad.exit_code == 2 and bad.stdout == "" and "YYYY-MM-DD" in bad.stderr


def test_min_confidence_sort_desc_limit(runner, store):
    result = run(runner, store, "who", "--min-confidence", "0.8", "--sort", "confidence", "--format", "jsonl")
    assert [(r["person"], r["confidence"]) for r in jsonl(result.stdout)] == [
        ("Ana Ruiz", 0.9), ("Ana Ruiz", 0.9), ("Ana Ruiz", 0.9)]
    result = run(runner, store, "said", "--sort", "confidence", "--desc", "--limit", "2", "--format", "jsonl")
    assert [r["confidence"] for r in jsonl(result.stdout)] == [0.9, 0.8]
    result = run(runner, store, "facts", "--sort", "value", "--desc", "--format", "jsonl")
    assert [r["value"] for r in jsonl(result.stdout)] == [70_000_000, 5_000_000]
    bad = run(runner, store, "who", "--sort", "height")
    assert bad.exit_code == 2 and bad.stdout == "" and "fields: person, role" in bad.stderr


def test_min_confidence_on_records_without_a_score_says_so(runner, store):
    result = run(runner, store, "facts", "--min-confidence", "0.9", "--format", "jsonl")
    assert result.exit_code == 0 and len(jsonl(result.stdout)) == 2
    assert "facts carry no confidence score" in result.stderr


# ---- CSV/TSV carry the JSON fields ------------------------------------------------------------

def test_csv_is_the_data_and_fields_choose_columns(runner, store):
    result = run(runner, store, "facts", "--format", "csv")
    header, *rows = result.stdout.splitlines()
    assert header.startswith("subject,kind,amount,value,value_max,currency,unit,")
    assert rows[0].startswith('Kestrel Bank,money,"5,000,000 GBP (up)",5000000,,GBP,,')
    chosen = run(runner, store, "facts", "--format", "tsv", "--fields", "subject,value,currency")
    assert chosen.stdout.splitlines() == ["subject\tvalue\tcurrency", "Kestrel Bank\t5000000\tGBP",
                                          "Orbis Ltd\t70000000\tUSD"]
    as_json = run(runner, store, "facts", "--format", "jsonl", "--fields", "value,subject")
    assert jsonl(as_json.stdout)[0] == {"value": 5000000, "subject": "Kestrel Bank"}
    lists = run(runner, store, "said", "--format", "csv", "--fields", "speaker,pieces,direct", "--doc", "d2")
    assert lists.stdout.splitlines()[1] == 'Ana Ruiz,"[0,31]",true'
    bad = run(runner, store, "facts", "--fields", "subject,wealth")
    assert bad.exit_code == 2 and bad.stdout == "" and "wealth" in bad.stderr and "fields: subject" in bad.stderr


# ---- word forms, search -----------------------------------------------------------------------

@pytest.mark.parametrize("query, text, hit", [
    ("tax", "New taxes will hurt", True), ("tax", "the taxation of pensions", True), ("taxes", "a tax cut", True),
    ("tax", "a taxi driver", False), ("plan", "they planned it", True), ("plan", "the planet", False),
    ("economy", "Asian economies", True), ('"interest rates"', "higher interest rates", True),
    ('"interest rates"', "rates of interest", False),
])
def test_word_forms(query, text, hit):
    assert matches_word_forms(query, text) is hit


def test_said_about_matches_word_forms(runner, store):
    result = run(runner, store, "said", "--about", "tax", "--format", "jsonl")
    assert result.exit_code == 0 and result.stderr == ""
    assert [r["text"] for r in jsonl(result.stdout)] == ["New taxes will hurt savers.", "Taxation of pensions is unfair."]


def test_search_claims_facts_and_evidence(runner, store):
    result = run(runner, store, "search", "tax", "--format", "jsonl")
    assert result.exit_code == 0 and result.stderr == ""
    rows = jsonl(result.stdout)
    assert [(r["type"], r["who"]) for r in rows] == [("claim", "Ana Ruiz"), ("fact", "Kestrel Bank"),
                                                      ("claim", "Ana Ruiz"), ("fact", "Orbis Ltd")]
    only = run(runner, store, "search", "tax", "--type", "fact", "--format", "jsonl")
    assert {r["type"] for r in jsonl(only.stdout)} == {"fact"}
    none = run(runner, store, "search", "zebra", "--format", "table")
    assert none.exit_code == 1 and none.stdout == "" and "no matching records" in none.stderr
    bad = run(runner, store, "search", "tax", "--type", "claims")
    assert bad.exit_code == 2 and "claim, fact, affiliation, event" in bad.stderr


# ---- person and org profiles; status ----------------------------------------------------------

def test_person_profile_json(runner, store):
    result = run(runner, store, "person", "ruiz", "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    p = orjson.loads(result.stdout)
    assert (p["name"], p["label"]) == ("Ana Ruiz", "PERSON")
    assert [(r["role"], r["org"], r["status"], r["published"]) for r in p["roles"]] == [
        ("chief executive", "Kestrel Bank", "current", "2004-03-02"),
        ("chairman", "Orbis Ltd", "incoming", "2005-01-11"),
        ("chief executive", "Kestrel Bank", "former", "2005-01-11")]
    assert [c["text"] for c in p["claims"]] == ["New taxes will hurt savers.", "Taxation of pensions is unfair."]
    assert [e["name"] for e in p["events"]] == ["Orbis investor day"]
    assert [d["doc"] for d in p["documents"]] == ["d1", "d2"]


def test_org_profile_table_and_misses(runner, store):
    result = run(runner, store, "org", "Kestrel Bank", "--format", "table")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Kestrel Bank (ORG)") and "former   Ana Ruiz: chief executive" in out
    assert "Tom Bell" in out and "New taxes will hurt savers." in out and "5,000,000 GBP" in out
    one = jsonl(run(runner, store, "org", "orbis", "--format", "jsonl").stdout)
    # its own claims and those of the people who hold a role there
    assert len(one) == 1 and {c["text"] for c in one[0]["claims"]} == {"Orbis expects growth.",
                                                                      "Taxation of pensions is unfair."}
    missing = run(runner, store, "person", "Nobody Known", "--format", "table")
    assert missing.exit_code == 1 and missing.stdout == "" and "no person matching" in missing.stderr
    csv = run(runner, store, "org", "orbis", "--format", "csv")
    assert csv.exit_code == 2 and csv.stdout == ""


def test_who_status(runner, store):
    result = run(runner, store, "who", "--status", "former,incoming", "--format", "jsonl")
    assert [(r["org"], r["status"]) for r in jsonl(result.stdout)] == [("Orbis Ltd", "incoming"),
                                                                       ("Kestrel Bank", "former")]
    bad = run(runner, store, "who", "--status", "past")
    assert bad.exit_code == 2 and "current, former, incoming" in bad.stderr


@pytest.mark.parametrize("words, status", [
    (["former", "WorldCom", "chief"], "former"), (["ex-head", "of", "accounting"], "former"),
    (["the", "then", "chancellor"], "former"), (["outgoing", "chairman"], "former"),
    (["new", "chief", "executive"], "incoming"), (["newly", "appointed", "chief"], "incoming"),
    (["president-elect"], "incoming"), (["chief", "executive"], "current"),
])
def test_status_words(words, status):
    assert status_of_words(words) == status


def test_status_of_records_stored_before_it_existed():
    ev = "Lawyers for former WorldCom chief Bernie Ebbers spoke."
    rec = {"role": "chief", "evidence": ev, "start": 0, "person_start": ev.index("Bernie"), "org_start": 20}
    assert affiliation_status(rec) == "former"
    assert affiliation_status({"role": "chief executive"}) == "current"


# ---- messages and errors ----------------------------------------------------------------------

def test_empty_result_on_a_terminal_says_so(runner, store):
    result = run(runner, store, "who", "--org", "Nobody Ltd", "--format", "table")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == "cooptool: no matching affiliations"
    piped = run(runner, store, "who", "--org", "Nobody Ltd")
    assert piped.exit_code == 1 and piped.stderr == ""  # piped: quiet, like grep


def test_unknown_entity_type_names_the_labels(runner, store):
    result = run(runner, store, "entities", "--type", "ORGS")
    assert result.exit_code == 2 and result.stdout == ""
    assert "ORGS" in result.stderr and "PERSON, ORG, GPE" in result.stderr


def test_entity_labels_are_the_resolvers():
    from cooptool.extract.aliases import ENTITY_LABELS
    from cooptool.extract.components.entities import NAMED_LABELS

    assert ENTITY_LABELS == NAMED_LABELS


def test_an_input_documents_file_as_store_is_said_once(runner, tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_bytes(b"".join(orjson.dumps({"id": str(i), "text": f"Text {i}."}) + b"\n" for i in range(5)))
    result = runner.invoke(app, ["who", "--store", str(docs)])
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "input documents" in result.stderr and "cooptool extract" in result.stderr


def test_help_is_plain_and_complete(runner):
    for command in ("who", "said", "entities", "facts", "events", "docs", "search", "person", "org", "summary",
                    "extract", "check"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "\\[" not in result.stdout, command
    extract = runner.invoke(app, ["extract", "--help"]).stdout
    assert "claims, facts and events" in extract
    assert "Articles to read" in extract  # PATH is described
    typo = runner.invoke(app, ["wh"])
    assert typo.exit_code == 2 and typo.stderr.count("Did you mean") == 1


def test_short_flags_mean_one_thing(runner):
    """-a is --about and -n is --name wherever they exist."""
    import click
    import typer.main

    meaning: dict[str, set[str]] = {}
    for command in typer.main.get_command(app).commands.values():
        for param in command.params:
            if isinstance(param, click.Option):
                longs = [o for o in param.opts if o.startswith("--")]
                for short in (o for o in param.opts if len(o) == 2):
                    meaning.setdefault(short, set()).add(longs[0])
    clashes = {s: m for s, m in meaning.items() if len(m) > 1}
    assert clashes == {}


def test_eta_uses_the_average_pace():
    from cooptool.cli.progress import eta_text

    assert eta_text(0, 100, 0.0) == "-:--:--"
    assert eta_text(10, 100, 30.0) == "0:04:30"  # 3 s a document, 90 to go
    assert eta_text(100, 100, 300.0) == "0:00:00"


# ---- the stdin rule (real processes: the rule is about real file descriptors) ------------------

def cooptool(args, cwd, **kwargs):
    return subprocess.run([sys.executable, "-m", "cooptool", *args], cwd=cwd, capture_output=True, timeout=60,
                          **kwargs)


def test_a_store_in_the_folder_wins_over_dev_null(store, tmp_path):
    (tmp_path / "cooptool.jsonl").write_bytes(store.read_bytes())
    with open(os.devnull, "rb") as devnull:
        result = cooptool(["who", "--org", "orbis"], tmp_path, stdin=devnull)
    assert result.returncode == 0, result.stderr
    assert [r["person"] for r in jsonl(result.stdout.decode())] == ["Ana Ruiz"]


def test_a_shell_loop_keeps_its_input(store, tmp_path):
    """`printf 'orbis\\nkestrel\\n' | while read o; do cooptool who --org "$o"; done` runs twice."""
    (tmp_path / "cooptool.jsonl").write_bytes(store.read_bytes())
    loop = (f'printf "orbis\\nkestrel\\n" | while read o; do "{sys.executable}" -m cooptool who --org "$o" '
            '--format tsv --fields person,org; done')
    result = subprocess.run(["sh", "-c", loop], cwd=tmp_path, capture_output=True, timeout=60)
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout.decode().count("person\torg") == 2
    assert "Ana Ruiz\tOrbis Ltd" in result.stdout.decode() and "Tom Bell\tKestrel Bank" in result.stdout.decode()


def test_records_from_stdin_with_store_dash_or_when_no_store_is_found(store, tmp_path):
    data = store.read_bytes()
    dash = cooptool(["who", "--org", "orbis", "--store", "-"], tmp_path, input=data)
    assert dash.returncode == 0 and [r["org"] for r in jsonl(dash.stdout.decode())] == ["Orbis Ltd"]
    piped = cooptool(["docs"], tmp_path, input=data)  # no ./cooptool.jsonl here: stdin is the store
    assert piped.returncode == 0 and len(jsonl(piped.stdout.decode())) == 2
    with open(os.devnull, "rb") as devnull:
        nothing = cooptool(["docs"], tmp_path, stdin=devnull)
    assert nothing.returncode == 1 and nothing.stdout == b"" and b"no store at cooptool.jsonl" in nothing.stderr


def test_ctrl_c_exits_130_with_a_message(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "cooptool", "who", "--store", "-"], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(1.0)  # it is waiting for records on stdin
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 130
    finally:
        proc.stdin.close()
    assert proc.stderr.read() == b"cooptool: interrupted\n" and proc.stdout.read() == b""


def test_piped_input_documents_are_said_once(tmp_path):
    docs = b"".join(orjson.dumps({"id": str(i), "text": f"Text {i}."}) + b"\n" for i in range(30))
    result = cooptool(["who"], tmp_path, input=docs)
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.count(b"\n") == 1 and b"<stdin> looks like a file of input documents" in result.stderr

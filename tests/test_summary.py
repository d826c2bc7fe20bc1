"""`facts`, `events` and `summary` on hand-made stores: stdout, stderr and exit codes apart (no model)."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.factbase import amount_text
from cooptool.extract.records import dumps, make


@pytest.fixture
def runner():
    return CliRunner()


def fact(doc, subject, aliases, kind, value, *, currency=None, unit=None, about=None, approx=None):
    return make("fact", doc, subject=subject, subject_id=f"org:{subject.lower()}", subject_aliases=aliases,
                subject_via="syntax", kind=kind, value=value, value_max=None, currency=currency, unit=unit,
                approx=approx, change=None, text=str(value), about=about, place=None, date=None, date_text=None,
                evidence="...", start=0, end=3, text_start=0, text_end=1)


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store.jsonl"
    recs = [
        make("entity", "d1", id="org:solenne-power-co-ltd", name="Solenne Power Co., Ltd.", label="ORG",
             aliases=["Solenne"], mentions=[{"start": 0, "end": 7, "text": "Solenne"}] * 3),
        make("entity", "d1", id="person:ana-ruiz", name="Ana Ruiz", label="PERSON", aliases=["Ruiz"],
             mentions=[{"start": 0, "end": 8, "text": "Ana Ruiz"}]),
        make("affiliation", "d1", person="Ana Ruiz", person_id="person:ana-ruiz", role="chief executive",
             org="Solenne Power Co., Ltd.", org_aliases=["Solenne"], evidence="...", start=0, end=3, confidence=0.9),
        make("claim", "d1", speaker="Ana Ruiz", role="chief executive", org="Solenne Power Co., Ltd.",
             text="the plant will open in May", direct=True, cue="said"),
        fact("d1", "Solenne Power Co., Ltd.", ["Solenne"], "money", 45_000_000, currency="USD", about="investment"),
        fact("d1", "Solenne Power Co., Ltd.", ["Solenne"], "count", 1200, unit="staff", approx="about",
             about="workforce"),
        make("event", "d1", name="workshop on port automation", aliases=[], date="2023-03-03", place="Oslo",
             organizers=["Baltic Maritime Institute"], participants=[], actor_aliases=["BMI"], evidence="...",
             start=0, end=3, name_start=0, name_end=3),
        make("document", "d1", path="a.txt", title="Solenne invests", published="2023-03-04", source="Wire",
             author="Jo Lee", words=120, chars=700),
        make("entity", "d2", id="org:solenne", name="Solenne", label="ORG", aliases=[],
             mentions=[{"start": 0, "end": 7, "text": "Solenne"}]),
        make("document", "d2", path="b.txt", title="Solenne hires", published="2023-04-01", source="Wire",
             author=None, words=80, chars=400),
    ]
    path.write_bytes(b"".join(dumps(r) for r in recs))
    return path


def jsonl(text):
    return [orjson.loads(line) for line in text.splitlines() if line.strip()]


def test_amount_text():
    assert amount_text({"value": 60_000_000, "currency": "USD"}) == "60,000,000 USD"
    assert amount_text({"value": 80_000, "value_max": 100_000, "unit": "barrels a day"}) == "80,000–100,000 barrels a day"
    assert amount_text({"value": 18, "unit": "%", "change": "down"}) == "18% (down)"
    assert amount_text({"value": 2.47, "currency": "GBP", "approx": "nearly"}) == "nearly 2.47 GBP"


def test_facts_by_alias_and_kind(runner, store):
    result = runner.invoke(app, ["facts", "--about", "solenne", "--kind", "count", "--store", str(store), "--format", "jsonl"])
    assert result.exit_code == 0 and result.stderr == ""
    (row,) = jsonl(result.stdout)
    assert (row["value"], row["unit"], row["amount"]) == (1200, "staff", "about 1,200 staff")


def test_facts_csv_and_no_match(runner, store):
    result = runner.invoke(app, ["facts", "--kind", "money", "--store", str(store), "--format", "csv",
                                 "--fields", "subject,kind,amount,value,currency,about,place,date,doc"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == '"Solenne Power Co., Ltd.",money,"45,000,000 USD",45000000,USD,investment,,,d1'
    none = runner.invoke(app, ["facts", "--about", "Nobody", "--store", str(store)])
    assert none.exit_code == 1 and none.stdout == ""
    bad = runner.invoke(app, ["facts", "--kind", "weight", "--store", str(store)])
    assert bad.exit_code == 2 and bad.stdout == ""


def test_events_by_organiser_alias(runner, store):
    result = runner.invoke(app, ["events", "--org", "BMI", "--store", str(store), "--format", "jsonl"])
    assert result.exit_code == 0
    (row,) = jsonl(result.stdout)
    assert (row["name"], row["date"], row["place"]) == ("workshop on port automation", "2023-03-03", "Oslo")
    assert runner.invoke(app, ["events", "--name", "summit", "--store", str(store)]).exit_code == 1


def test_summary_json_is_one_object(runner, store):
    result = runner.invoke(app, ["summary", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    brief = orjson.loads(result.stdout)
    assert brief["documents"]["count"] == 2
    assert brief["documents"]["first_published"] == "2023-03-04"
    assert [t["title"] for t in brief["documents"]["titles"]] == ["Solenne hires", "Solenne invests"]
    # "Solenne" in the second document is the alias of the organisation of the first: one row.
    (org,) = brief["organisations"]
    assert (org["name"], org["documents"]) == ("Solenne Power Co., Ltd.", 2)
    (person,) = brief["people"]
    assert (person["name"], person["role"], person["org"]) == ("Ana Ruiz", "chief executive", "Solenne Power Co., Ltd.")
    (claims,) = brief["claims"]
    assert (claims["speaker"], claims["claims"], claims["direct"]) == ("Ana Ruiz", 1, 1)
    assert [f["amount"] for f in brief["facts"]["notable"]] == ["45,000,000 USD"]
    assert brief["events"]["list"][0]["name"] == "workshop on port automation"


def test_summary_table_and_bad_format(runner, store):
    table = runner.invoke(app, ["summary", "--store", str(store), "--format", "table"])
    assert table.exit_code == 0
    assert "Solenne Power Co., Ltd." in table.stdout and "workshop on port automation" in table.stdout
    bad = runner.invoke(app, ["summary", "--store", str(store), "--format", "csv"])
    assert bad.exit_code == 2 and bad.stdout == "" and "summary" in bad.stderr


def test_summary_of_empty_store_fails(runner, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["summary", "--store", str(empty), "--format", "json"])
    assert result.exit_code == 1 and result.stdout == ""

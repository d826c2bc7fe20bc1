"""Cross-document merges that must not happen: several governments, two people sharing a surname,
organisations sharing a word; and the ones that still must (no model needed)."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.aliases import countries_named, given_name, merge_entities
from cooptool.extract.records import dumps, entity_id, make


def ent(doc, name, label, aliases=(), n=1):
    return make("entity", doc, id=entity_id(label, name), name=name, label=label, aliases=list(aliases),
                mentions=[{"start": i, "end": i + 1, "text": name} for i in range(n)])


GOVERNMENTS = [
    ent("d1", "UK government", "ORG", ["UK", "government"]),
    ent("d2", "UK government", "ORG", ["UK", "government"]),
    ent("d3", "France government", "ORG", ["France", "government"]),
    ent("d4", "Germany government", "ORG", ["Germany", "government"]),
    ent("d5", "Ukraine government", "ORG", ["Ukraine", "government"]),
    ent("d6", "Cuba government", "ORG", ["Cuba", "government"], n=3),
]
PEOPLE = [
    ent("d1", "George Bush", "PERSON", ["Bush"], n=3),
    ent("d2", "Jeb Bush", "PERSON", ["Bush"], n=2),
    ent("d3", "George W Bush", "PERSON", ["Bush", "George Bush"]),
    ent("d4", "Laura Bush", "PERSON", ["Bush", "George W Bush"]),  # a bad alias from one document
]
ORGS = [
    ent("d1", "Royal Bank of Scotland", "ORG", ["Royal Bank", "RBS"], n=2),
    ent("d2", "Royal Bank of Canada", "ORG", ["Royal Bank"]),
    ent("d3", "Deutsche Bank", "ORG", ["Deutsche"]),
    ent("d4", "Deutsche Telekom", "ORG", ["Deutsche"]),
    ent("d5", "Conservative Party", "ORG", ["Tories", "conservatives"]),
    ent("d6", "Iranian conservatives", "ORG", ["conservatives"]),
    ent("d7", "RBS", "ORG"),
]


def by_name(rows):
    return {r["name"]: r for r in rows}


def test_each_government_stays_its_country():
    rows = by_name(merge_entities(GOVERNMENTS))
    assert sorted(rows) == ["Cuba government", "France government", "Germany government", "UK government",
                            "Ukraine government"]
    assert rows["UK government"]["docs"] == ["d1", "d2"]
    for row in rows.values():
        assert len(countries_named([row["name"], *row["aliases"]])) == 1, row


def test_people_sharing_a_surname_stay_apart():
    rows = by_name(merge_entities(PEOPLE))
    # George Bush and George W Bush are one person; Jeb and Laura are not George.
    assert rows["George Bush"]["docs"] == ["d1", "d3"]
    assert rows["Jeb Bush"]["docs"] == ["d2"] and rows["Laura Bush"]["docs"] == ["d4"]


def test_organisations_sharing_a_word_stay_apart():
    rows = by_name(merge_entities(ORGS))
    assert rows["Royal Bank of Scotland"]["docs"] == ["d1", "d7"]  # RBS joins it; Canada's bank does not
    assert rows["Royal Bank of Canada"]["docs"] == ["d2"]
    assert rows["Deutsche Bank"]["docs"] == ["d3"] and rows["Deutsche Telekom"]["docs"] == ["d4"]
    assert rows["Conservative Party"]["docs"] == ["d5"] and rows["Iranian conservatives"]["docs"] == ["d6"]


def test_merges_that_must_still_happen():
    rows = by_name(merge_entities([ent("d1", "Kestrel Bank plc", "ORG", ["Kestrel Bank"]),
                                   ent("d2", "Kestrel Bank", "ORG"),
                                   ent("d3", "UK government", "ORG", ["UK"]), ent("d4", "UK", "ORG"),
                                   ent("d5", "G. Bush", "PERSON"), ent("d6", "George Bush", "PERSON", ["G. Bush"])]))
    assert rows["Kestrel Bank plc"]["docs"] == ["d1", "d2"]
    assert rows["UK government"]["docs"] == ["d3", "d4"]
    assert rows["George Bush"]["docs"] == ["d5", "d6"]


def test_merge_does_not_depend_on_store_order():
    recs = GOVERNMENTS + PEOPLE + ORGS
    assert merge_entities(recs) == merge_entities(list(reversed(recs)))


def test_helpers():
    assert countries_named(["Britain's finance ministry", "us", "Philippines", "Wales"]) == {"UK", "Philippines",
                                                                                             "Wales"}
    assert (given_name("Mr Ebbers"), given_name("George W Bush"), given_name("van Gogh")) == (None, "george", None)


def test_entities_name_france_does_not_list_the_uk_government(tmp_path):
    store = tmp_path / "s.jsonl"
    store.write_bytes(b"".join(dumps(r) for r in GOVERNMENTS))
    result = CliRunner().invoke(app, ["entities", "--name", "France", "--store", str(store), "--format", "jsonl"])
    assert result.exit_code == 0 and result.stderr == ""
    assert [orjson.loads(line)["name"] for line in result.stdout.splitlines()] == ["France government"]


# ---- within a document: an everyday party word abroad is not the UK party ----------------------


@pytest.mark.model
@pytest.mark.parametrize("text, party", [
    ("Iran's Conservatives in parliament blocked the Turkish deal, officials in Tehran said.", False),
    ("The Conservatives in parliament want a vote, Tory leader Michael Howard said.", True),
    ("Labour and the Conservatives clashed over Iraq in the Commons.", True),
])
def test_conservatives_abroad_are_not_the_uk_party(nlp, text, party):
    ids = {e["id"] for e in nlp(text)._.entities}
    assert ("org:conservative-party" in ids) is party

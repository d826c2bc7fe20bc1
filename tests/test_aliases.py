"""Cross-document entity merging, the user alias file and `cooptool entities` (no model needed)."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.aliases import AliasFileError, merge_entities, parse_aliases
from cooptool.extract.records import dumps, entity_id, make


def ent(doc, name, label, aliases=(), n=1):
    return make("entity", doc, id=entity_id(label, name), name=name, label=label, aliases=list(aliases),
                mentions=[{"start": i, "end": i + 1, "text": name} for i in range(n)])


def by_name(rows):
    return {r["name"]: r for r in rows}


@pytest.mark.parametrize("text", [
    '{"Big Blue": "Orbis Machines", "OM": "Orbis Machines"}',
    '{"Orbis Machines": ["Big Blue", "OM"]}',
    '[{"alias": "Big Blue", "canonical": "Orbis Machines"}, {"alias": "OM", "canonical": "Orbis Machines"}]',
    "alias,canonical\nBig Blue,Orbis Machines\n# a comment\n\nOM,Orbis Machines\n",
    "Big Blue,Orbis Machines\nOM,Orbis Machines\n",
])
def test_alias_file_forms(text):
    table = parse_aliases(text, "aliases")
    assert table.canonical_of(["the big blue"]) == "Orbis Machines"
    assert table.canonical_of(["om"]) == "Orbis Machines"
    assert table.canonical_of(["Orbis Machines"]) == "Orbis Machines"
    assert table.canonical_of(["Other"]) is None
    assert sorted(table.aliases_of("orbis machines")) == ["Big Blue", "OM"]


@pytest.mark.parametrize(("text", "where"), [
    ('{"a": 3}', "'a'"),
    ("{broken", "not valid JSON"),
    ("alias,canonical\nonly one column\n", "aliases.csv:2"),
    ('[{"alias": "x"}]', "item 1"),
])
def test_bad_alias_files_say_where(text, where):
    with pytest.raises(AliasFileError, match=where):
        parse_aliases(text, "aliases.csv")


def test_same_name_or_shared_alias_merges_across_documents():
    rows = merge_entities([
        ent("d1", "Kestrel Bank plc", "ORG", ["Kestrel Bank"], n=3),
        ent("d2", "Kestrel Bank", "ORG", n=2),
        ent("d3", "Kestrel Bank plc", "ORG", n=1),
        ent("d2", "Kestrel", "GPE"),  # another label: not merged
    ])
    kestrel = by_name(rows)["Kestrel Bank plc"]
    assert kestrel["mentions"] == 6 and kestrel["docs"] == ["d1", "d2", "d3"]
    assert kestrel["aliases"] == ["Kestrel Bank"] and kestrel["id"] == "org:kestrel-bank-plc"
    assert by_name(rows)["Kestrel"]["label"] == "GPE"


def test_a_shared_surname_does_not_merge_two_people():
    rows = merge_entities([ent("d1", "Anna Li", "PERSON", ["Li"]), ent("d2", "Wei Li", "PERSON", ["Li"])])
    assert sorted(r["name"] for r in rows) == ["Anna Li", "Wei Li"]


def test_alias_file_renames_and_merges():
    table = parse_aliases('{"Big Blue": "Orbis Machines", "Orbis": "Orbis Machines"}')
    rows = merge_entities([ent("d1", "Big Blue", "PERSON", n=2), ent("d2", "Orbis", "ORG", n=3)], table)
    assert [(r["name"], r["label"], r["mentions"], r["docs"]) for r in rows] == [
        ("Orbis Machines", "ORG", 5, ["d1", "d2"])]
    assert rows[0]["aliases"] == ["Big Blue", "Orbis"]


def test_rows_are_ordered_by_mentions_and_ids_stable():
    recs = [ent("d1", "Alpha Co", "ORG", n=1), ent("d1", "Beta Co", "ORG", n=4)]
    first = merge_entities(recs)
    assert [r["name"] for r in first] == ["Beta Co", "Alpha Co"]
    assert merge_entities(reversed(recs)) == first


# ---- the command ------------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store.jsonl"
    recs = [
        ent("d1", "Solenne Power Co., Ltd.", "ORG", ["Solenne"], n=3),
        ent("d1", "Ana Ruiz", "PERSON", ["Ruiz"], n=2),
        ent("d2", "Solenne", "ORG", n=2),
        ent("d2", "Lisbon", "GPE", n=1),
    ]
    path.write_bytes(b"".join(dumps(r) for r in recs))
    return path


def rows_of(result):
    return [orjson.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_entities_command(store):
    result = CliRunner().invoke(app, ["entities", "--store", str(store), "--format", "jsonl"])
    assert result.exit_code == 0 and result.stderr == ""
    rows = rows_of(result)
    assert rows[0] == {"id": "org:solenne-power-co-ltd", "name": "Solenne Power Co., Ltd.", "label": "ORG",
                       "aliases": ["Solenne"], "mentions": 5, "docs": ["d1", "d2"]}
    assert [r["name"] for r in rows] == ["Solenne Power Co., Ltd.", "Ana Ruiz", "Lisbon"]


def test_entities_filters(store):
    runner = CliRunner()
    by_type = runner.invoke(app, ["entities", "--type", "person", "--store", str(store), "--format", "csv"])
    assert by_type.exit_code == 0
    assert by_type.stdout.splitlines() == ["id,name,label,aliases,mentions,docs",
                                           "person:ana-ruiz,Ana Ruiz,PERSON,Ruiz,2,d1"]
    by_alias = runner.invoke(app, ["entities", "--name", "solenne", "--store", str(store), "--format", "jsonl"])
    assert [r["name"] for r in rows_of(by_alias)] == ["Solenne Power Co., Ltd."]
    top = runner.invoke(app, ["entities", "--top", "2", "--store", str(store), "--format", "jsonl"])
    assert len(rows_of(top)) == 2


def test_entities_no_match_exits_1(store):
    result = CliRunner().invoke(app, ["entities", "--name", "Nobody", "--store", str(store)])
    assert result.exit_code == 1 and result.stdout == ""


def test_entities_alias_file(store, tmp_path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical\nSolenne,Solenne Power\nLisboa,Lisbon\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["entities", "--aliases", str(aliases), "--store", str(store),
                                      "--format", "jsonl"])
    assert result.exit_code == 0
    top = rows_of(result)[0]
    assert top["name"] == "Solenne Power" and top["id"] == "org:solenne-power"
    assert top["aliases"] == ["Solenne", "Solenne Power Co., Ltd."]


def test_bad_alias_file_is_a_usage_error(store, tmp_path):
    aliases = tmp_path / "aliases.json"
    aliases.write_text("{broken", encoding="utf-8")
    result = CliRunner().invoke(app, ["entities", "--aliases", str(aliases), "--store", str(store)])
    assert result.exit_code == 2 and result.stdout == ""
    assert "aliases.json" in result.stderr

"""`cooptool said` on hand-made stores: stdout, stderr and exit codes checked apart (no model needed)."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.cli.said import SAID_KEYS
from cooptool.extract.records import dumps, make


def claim(doc, speaker, text, *, direct=False, role=None, org=None, org_aliases=(), speaker_type="PERSON",
          aliases=()):
    return make("claim", doc, speaker=speaker, speaker_id=None, speaker_type=speaker_type,
                speaker_aliases=list(aliases), speaker_mention=speaker, role=role, org=org,
                org_aliases=list(org_aliases), text=text, direct=direct, cue="said", evidence=text,
                confidence=0.8, pattern="reported", start=0, end=len(text), speaker_start=0, speaker_end=3,
                cue_start=5, cue_end=9)


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store.jsonl"
    recs = [
        claim("d1", "Ana Ruiz", "Solar demand will double.", direct=True, role="chief executive",
              org="Solenne Power Co., Ltd.", org_aliases=["Solenne"], aliases=["Ruiz"]),
        claim("d1", "Tom Bell", "The bank expects lower rates.", role="analyst", org="Kestrel Bank"),
        claim("d1", "Solenne Power Co., Ltd.", "Profits rose in the Paris market.", speaker_type="ORG",
              aliases=["Solenne"]),
        claim("d1", None, "The figures are being checked.", speaker_type=None),
        make("document", "d1", path="a.txt", title="Power deal", published=None, source=None, author=None,
             words=20, chars=105),
    ]
    path.write_bytes(b"".join(dumps(r) for r in recs))
    return path


def run(store, *args):
    return CliRunner().invoke(app, ["said", "--store", str(store), "--format", "jsonl", *args])


def texts(result):
    return [orjson.loads(line)["text"] for line in result.stdout.splitlines() if line.strip()]


def test_all_claims_with_documented_keys(store):
    result = run(store)
    assert result.exit_code == 0 and result.stderr == ""
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4
    assert set(rows[0]) >= {"speaker", "role", "org", "text", "direct", "cue", "doc", "evidence", "start", "end",
                            "speaker_start", "speaker_end"}


def test_by_matches_an_alias(store):
    assert texts(run(store, "--by", "ruiz")) == ["Solar demand will double."]


def test_org_finds_the_org_and_its_people(store):
    assert texts(run(store, "--org", "Solenne")) == ["Solar demand will double.", "Profits rose in the Paris market."]


def test_about_direct_reported(store):
    assert texts(run(store, "--about", "paris market")) == ["Profits rose in the Paris market."]
    assert texts(run(store, "--direct")) == ["Solar demand will double."]
    assert len(texts(run(store, "--reported"))) == 3


def test_no_match_exits_1_and_usage_exits_2(store):
    result = run(store, "--by", "nobody")
    assert result.exit_code == 1 and result.stdout == ""
    result = run(store, "--direct", "--reported")
    assert result.exit_code == 2 and "exclude" in result.stderr and result.stdout == ""


def test_csv_carries_the_json_fields(store):
    """CSV is the data, not the table: role and org apart, a null speaker empty, --fields chooses."""
    result = CliRunner().invoke(app, ["said", "--store", str(store), "--format", "csv", "--by", "Tom Bell"])
    assert result.exit_code == 0 and result.stderr == ""
    header, row = result.stdout.splitlines()
    assert header.split(",") == list(SAID_KEYS)
    assert row.startswith("Tom Bell,PERSON,Tom Bell,analyst,Kestrel Bank,The bank expects lower rates.,false,said,d1,")
    chosen = CliRunner().invoke(app, ["said", "--store", str(store), "--format", "tsv", "--fields",
                                      "speaker,role,org,direct", "--by", "Tom Bell"])
    assert chosen.stdout.splitlines() == ["speaker\trole\torg\tdirect", "Tom Bell\tanalyst\tKestrel Bank\tfalse"]


def test_unnamed_speaker_shows_its_mention_in_tables_only(store):
    table = CliRunner().invoke(app, ["said", "--store", str(store), "--format", "table", "--about", "checked"])
    assert "(unnamed)" in table.stdout
    csv = CliRunner().invoke(app, ["said", "--store", str(store), "--format", "csv", "--about", "checked"])
    assert csv.stdout.splitlines()[1].startswith(",,,,,The figures are being checked.")


@pytest.mark.model
def test_seed_end_to_end(seed_store):
    by_org = CliRunner().invoke(app, ["said", "--store", str(seed_store), "--format", "jsonl", "--org", "JA Solar"])
    assert by_org.exit_code == 0
    rows = [orjson.loads(line) for line in by_org.stdout.splitlines()]
    assert rows and {r["speaker"] for r in rows} == {"Li Jing"}
    assert any("acceptable to both Chinese and foreigners" in r["text"] for r in rows)
    hart = CliRunner().invoke(app, ["said", "--store", str(seed_store), "--format", "jsonl", "--by", "Hart",
                                    "--direct"])
    quotes = [orjson.loads(line)["text"] for line in hart.stdout.splitlines()]
    assert any("broad space for cooperation" in q for q in quotes)
    assert any("seize the opportunities" in q for q in quotes)

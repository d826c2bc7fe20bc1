"""`cooptool summary` as a one-screen brief: at most 40 lines of 80 columns on a store the size
of 300 news articles, with long names everywhere (a fixture store written here; no model)."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.records import dumps, entity_id, make

LONG_ORGS = ["International Federation of Independent Regional Broadcasting Associations",
             "Kestrel Bank", "Orbis Machines Corporation of Greater Northumberland", "UK government",
             "France government", "Solenne Power Co., Ltd.", "Pelican Freight", "Consolidated Widgets"]
PEOPLE = ["Alexandra Montgomery-Fitzwilliam", "Tom Bell", "Ana Ruiz", "Wei Li", "Anna Li",
          "Bartholomew Featherstonehaugh", "Jo Lee"]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("brief") / "store.jsonl"
    out = []
    for i in range(300):
        doc = f"d{i:03d}"
        org = LONG_ORGS[i % len(LONG_ORGS)]
        person = PEOPLE[i % len(PEOPLE)]
        out += [make("entity", doc, id=entity_id("ORG", org), name=org, label="ORG",
                     aliases=["government", org.split()[0]] if "government" in org else [],
                     mentions=[{"start": 0, "end": 5, "text": org}] * (1 + i % 4)),
                make("entity", doc, id=entity_id("PERSON", person), name=person, label="PERSON", aliases=[],
                     mentions=[{"start": 0, "end": 5, "text": person}]),
                make("affiliation", doc, person=person, person_id=entity_id("PERSON", person),
                     role="deputy assistant director of strategic communications and public affairs",
                     org=org, org_id=entity_id("ORG", org), org_aliases=[], evidence="...", start=0, end=3,
                     confidence=0.9),
                make("claim", doc, speaker=person, speaker_id=entity_id("PERSON", person), speaker_type="PERSON",
                     role=None, org=None, text="a very long statement about the future of everything " * 4,
                     direct=i % 2 == 0, cue="said", evidence="...", confidence=0.8),
                make("claim", doc, speaker=None, speaker_id=None, speaker_type=None, role=None, org=None,
                     text="an unnamed spokesman's words", direct=False, cue="said", evidence="...", confidence=0.6),
                make("fact", doc, subject=org, subject_id=entity_id("ORG", org), subject_aliases=[],
                     subject_via="syntax", kind="money", value=1_130_000_000 + i, value_max=None, currency="USD",
                     unit=None, approx="more than", change="up", text="$1.13bn",
                     about="quarterly operating profit from continuing international operations", place="Hong Kong",
                     date="2004-12", date_text="December", evidence="...", start=0, end=3, text_start=0, text_end=1),
                make("event", doc, name=f"World Summit on the Information Society and Everything Else {i}",
                     aliases=[], date="2005-11-16", place="Tunis", organizers=[org], participants=[person],
                     actor_aliases=[], evidence="...", start=0, end=3, name_start=0, name_end=3),
                make("event", doc, name="meeting", aliases=[], date=None, place=None, organizers=[],
                     participants=[], actor_aliases=[], evidence="...", start=0, end=3, name_start=0, name_end=3),
                make("document", doc, path=f"{doc}.txt", title=f"A long headline about article number {i} " * 3,
                     published=f"2004-{1 + i % 12:02d}-{1 + i % 28:02d}", source="BBC News", author=None,
                     words=350, chars=2000)]
    path.write_bytes(b"".join(dumps(r) for r in out))
    return path


def test_summary_fits_40_lines_of_80_columns(big_store):
    result = CliRunner().invoke(app, ["summary", "--store", str(big_store), "--format", "table"])
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) <= 40
    assert max(len(line) for line in lines) <= 80
    text = result.stdout
    assert lines[0].startswith("300 documents, 105,000 words, published 2004-01-01 – 2004-12-28")
    assert lines[1] == "Records: 600 entities, 300 affiliations, 600 claims, 300 facts, 600 events"
    for heading in ("Organisations", "People", "Most quoted", "Notable facts", "Events"):
        assert heading in text
    assert "not counted: 300 by unnamed speakers" in text
    assert "(the group)" not in text and "None" not in text
    assert "Events (300 of 600" in text  # the 300 bare "meeting"s are not events for the brief


def test_summary_json_keeps_the_detail(big_store):
    result = CliRunner().invoke(app, ["summary", "--store", str(big_store), "--format", "json"])
    brief = orjson.loads(result.stdout)
    assert brief["totals"] == {"document": 300, "entity": 600, "affiliation": 300, "claim": 600, "fact": 300,
                               "event": 600}
    assert len(brief["organisations"]) == len(LONG_ORGS) and len(brief["people"]) == len(PEOPLE)
    orgs = {o["name"]: o["documents"] for o in brief["organisations"]}
    assert orgs["UK government"] == 38 and orgs["France government"] == 37  # per country, not merged
    assert brief["unattributed_claims"] == 300
    assert all(c["speaker"] for c in brief["claims"])
    people = {p["name"]: p for p in brief["people"]}
    assert people["Wei Li"]["documents"] == people["Anna Li"]["documents"] == 43  # two people, not one
    assert people["Tom Bell"]["role"].startswith("deputy assistant director")


def test_summary_narrowed_to_a_document(big_store):
    result = CliRunner().invoke(app, ["summary", "--store", str(big_store), "--format", "json", "--doc", "d007"])
    brief = orjson.loads(result.stdout)
    assert brief["documents"]["count"] == 1 and brief["totals"]["claim"] == 2
    none = CliRunner().invoke(app, ["summary", "--store", str(big_store), "--since", "2006"])
    assert none.exit_code == 1 and none.stdout == "" and "no documents" in none.stderr

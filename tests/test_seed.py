"""End-to-end on the bundled seed article through the CLI (trained model needed).

Expectations are what a careful reader extracts from the seed, written out here.
"""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app

pytestmark = pytest.mark.model

# person, organisation (canonical), role keywords
PEOPLE = [
    ("Michael Hart", "American Chamber of Commerce in China", ["president"]),
    ("Zhang Hua", "China International Youth Exchange Center", ["director"]),
    ("Chen Zhihua", "National Center for Climate Change Strategy and International Cooperation", ["deputy director"]),
    ("Wang Weijia", "Dell Technologies", ["vice president", "general manager"]),
    ("Zhang Zhihao", "Guohua Energy Investment Co.", ["deputy general manager", "chief engineer"]),
    ("Li Jing", "JA Solar Technology Co., Ltd.", ["sustainable development officer"]),
    ("Zhou Lin", "China Today", ["reporter"]),
]


def query(store, *args):
    result = CliRunner().invoke(app, [*args, "--store", str(store), "--format", "jsonl"])
    return result, [orjson.loads(x) for x in result.stdout.splitlines() if x.strip()]


def test_every_person_with_org_and_role(seed_store):
    result, rows = query(seed_store, "who")
    assert result.exit_code == 0
    for person, org, keywords in PEOPLE:
        hits = [r for r in rows if r["person"] == person and r["org"] == org]
        assert hits, f"missing {person} @ {org}: {[(r['person'], r['org']) for r in rows]}"
        assert all(k in hits[0]["role"].lower() for k in keywords), hits[0]["role"]
    assert len(rows) == len(PEOPLE)


@pytest.mark.parametrize(("alias", "org"), [
    ("JA Solar", "JA Solar Technology Co., Ltd."),
    ("AmCham China", "American Chamber of Commerce in China"),
    ("CIYEC", "China International Youth Exchange Center"),
    ("Dell", "Dell Technologies"),
])
def test_who_by_alias(seed_store, alias, org):
    result, rows = query(seed_store, "who", "--org", alias)
    assert result.exit_code == 0
    assert {r["org"] for r in rows} == {org}


def test_document_record(seed_store):
    _, (doc,) = query(seed_store, "docs")
    assert doc["title"] == "Green Signal for China-U.S. Green Cooperation"
    assert doc["published"] == "2024-02-28T11:53:00"
    assert doc["source"] == "China Today" and doc["author"] == "Zhou Lin"


def test_rerun_adds_nothing(seed_store):
    before = seed_store.read_bytes()
    result = CliRunner().invoke(app, ["extract", "seeds", "--store", str(seed_store)])
    assert result.exit_code == 0
    assert "already stored" in result.stderr
    assert seed_store.read_bytes() == before


def test_evidence_offsets_match_source_text(seed_store):
    from tests.conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    for line in seed_store.read_bytes().splitlines():
        rec = orjson.loads(line)
        if rec["type"] == "entity":
            for m in rec["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
        if rec["type"] == "affiliation":
            assert text[rec["start"]:rec["end"]].strip() == rec["evidence"]

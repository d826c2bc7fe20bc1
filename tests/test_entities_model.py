"""Entities end to end with the trained model: web pages as text, the seed's organisations."""

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app

pytestmark = pytest.mark.model

ARTICLE = """Harbour Grid Deal Signed

Marlow Turbines Ltd. agreed on Monday to supply the Northern Rail Freight Association (NRFA) with forty new generators, the company said.

Ada Fenwick, chief executive of Marlow Turbines Ltd., said the order was the largest in its history. "We are ready to build," Fenwick said.

Tomas Reyes, director of the NRFA, said the generators would be delivered next year.
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour Grid Deal Signed | Coastal Ledger</title>
<meta name="author" content="Pia Lund"><meta property="og:site_name" content="Coastal Ledger">
<meta name="date" content="2024-05-06T08:00:00">
<script>window.dataLayer = [{"page": "Breaking News Ticker Corp"}];</script>
<style>body { font-family: sans-serif; }</style></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/about">About Quentin Marsh Media Group</a></li></ul></nav></header>
<main><article><h1>Harbour Grid Deal Signed</h1>
{paragraphs}
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/x">Gordon Pike resigns from Westfield Bank</a></li></ul></aside>
<footer><p>Copyright © 2024 Coastal Ledger Publishing Ltd. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> | Contact Helen Ward</p></footer>
<script>console.log("Analytics by Trackwise Inc");</script>
</body></html>
"""


def extract(tmp_path, *files, extra=()):
    store = tmp_path / "store.jsonl"
    result = CliRunner().invoke(app, ["extract", *map(str, files), "--store", str(store), *extra])
    assert result.exit_code == 0, result.stderr
    return store


def records(store, type_):
    return [r for r in map(orjson.loads, store.read_bytes().splitlines()) if r["type"] == type_]


def people_and_orgs(recs, doc):
    return sorted((r["label"], r["name"]) for r in recs if r["doc"] == doc and r["label"] in ("PERSON", "ORG"))


def test_web_page_gives_the_same_people_and_organisations_as_its_text(tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:] if p.strip())
    (tmp_path / "article.html").write_text(PAGE.replace("{paragraphs}", paragraphs), encoding="utf-8")
    store = extract(tmp_path, tmp_path / "article.txt", tmp_path / "article.html")
    docs = {r["path"].rsplit(".", 1)[1]: r for r in records(store, "document")}
    ents = records(store, "entity")
    from_text = people_and_orgs(ents, docs["txt"]["doc"])
    assert from_text == [("ORG", "Marlow Turbines Ltd."), ("ORG", "Northern Rail Freight Association"),
                         ("PERSON", "Ada Fenwick"), ("PERSON", "Tomas Reyes")]
    assert people_and_orgs(ents, docs["html"]["doc"]) == from_text
    page = docs["html"]
    assert (page["title"], page["author"], page["source"]) == ("Harbour Grid Deal Signed", "Pia Lund", "Coastal Ledger")
    assert page["published"].startswith("2024-05-06")


def test_bad_inputs_warn_and_the_batch_completes(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4\n\x01\x02binary")
    (tmp_path / "old.txt").write_bytes("Caf\xe9 owners in Lyon met.".encode("cp1252"))
    (tmp_path / "docs.jsonl").write_text('{"id": "1", "text": "Rain fell."}\n{oops\n', encoding="utf-8")
    store = tmp_path / "store.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--store", str(store)])
    assert result.exit_code == 1  # an input was skipped (the binary one); the rest is stored
    for name, what in (("scan.txt", "binary"), ("old.txt", "UTF-8"), ("docs.jsonl:2", "JSON")):
        assert any(name in line and what in line for line in result.stderr.splitlines()), (name, result.stderr)
    assert len(records(store, "document")) == 4  # good, empty, old, and one JSON Lines document


# ---- the seed ---------------------------------------------------------------------------------

SEED_ORGS = {
    "American Chamber of Commerce in China": ["AmCham China"],
    "China International Youth Exchange Center": ["CIYEC"],
    "National Center for Climate Change Strategy and International Cooperation": [],
    "Dell Technologies": ["Dell"],
    "Guohua Energy Investment Co.": ["Guohua"],
    "China Energy Investment Corporation": ["China Energy"],
    "China Energy Guohua Investment Europe Renewable Energy S.A.": [],
    "JA Solar Technology Co., Ltd.": ["JA Solar"],
    "World Business Council for Sustainable Development": [],
    "China-U.S. Working Group on Enhancing Climate Action": [],
    "China-U.S. Energy Efficiency Forum": [],
    "China Today": [],
}
NEVER = [("BigMiddleSmall", None), ("Translating San Francisco Vision", None), ("Green Signal", None),
         ("JA Solar", "PERSON"), ("AmCham", "PERSON"), ("Wang", "ORG"), ("COP27", "GPE")]


@pytest.fixture(scope="module")
def seed_entities(seed_store):
    result = CliRunner().invoke(app, ["entities", "--store", str(seed_store), "--format", "jsonl"])
    assert result.exit_code == 0
    return [orjson.loads(line) for line in result.stdout.splitlines()]


def test_seed_organisations_once_each_with_their_aliases(seed_entities):
    for name, aliases in SEED_ORGS.items():
        rows = [r for r in seed_entities if r["name"] == name]
        assert len(rows) == 1 and rows[0]["label"] == "ORG", (name, rows)
        assert set(aliases) <= set(rows[0]["aliases"]), (name, rows[0]["aliases"])
        others = [r["name"] for r in seed_entities if r is not rows[0] and name in [r["name"], *r["aliases"]]]
        assert others == [], (name, others)


def test_seed_never_items(seed_entities):
    for text, label in NEVER:
        bad = [r for r in seed_entities if (label is None or r["label"] == label)
               and any(text == form if label else text in form for form in [r["name"], *r["aliases"]])]
        assert bad == [], (text, bad)


def test_seed_people_and_events(seed_entities):
    labels = {r["name"]: r["label"] for r in seed_entities}
    for person in ("Michael Hart", "Zhang Hua", "Chen Zhihua", "Wang Weijia", "Zhang Zhihao", "Li Jing", "Zhou Lin"):
        assert labels.get(person) == "PERSON", person
    assert labels["COP27"] == "EVENT"
    cop28 = [r for r in seed_entities if "COP28" in r["aliases"]]
    assert len(cop28) == 1 and cop28[0]["label"] == "EVENT"


def test_seed_captions_on_the_document(seed_store):
    result = CliRunner().invoke(app, ["docs", "--store", str(seed_store), "--format", "jsonl"])
    (doc,) = [orjson.loads(line) for line in result.stdout.splitlines()]
    captions = [r for r in records(seed_store, "document")][0]["captions"]
    assert [c.split()[:3] for c in captions] == [["Maintenance", "workers", "are"], ["Local", "employees", "are"]]
    assert doc["title"] == "Green Signal for China-U.S. Green Cooperation"


def test_alias_config_survives_to_disk_and_spacy_load(tmp_path):
    import spacy

    from cooptool.extract.pipeline import resolve_model

    alias_file = tmp_path / "aliases.json"
    alias_file.write_text('{"Big Blue": "Orbis Machines"}', encoding="utf-8")
    nlp = spacy.load(resolve_model(None))
    nlp.add_pipe("cooptool_entities", after="ner", config={"aliases": str(alias_file)})
    text = "Orbis Machines reported higher sales on Monday. Traders call it Big Blue, and Big Blue shares rose."

    def entities(pipeline):
        return [(e["name"], e["label"], e["aliases"], len(e["mentions"])) for e in pipeline(text)._.entities]

    before = entities(nlp)
    assert any(name == "Orbis Machines" and "Big Blue" in aliases for name, _, aliases, _ in before), before
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe_config("cooptool_entities")["aliases"] == str(alias_file)
    assert entities(loaded) == before

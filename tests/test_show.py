"""`cooptool show`: the HTML page's structure (no browser), the terminal view, the CLI contract."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import orjson
import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from cooptool.extract.records import doc_id
from cooptool.extract.views import build_view, group_document, render_html
from tests.handmade import TEXT_A, TEXT_B, document_record, records_a, write_store


class Page(HTMLParser):
    """Elements with their attributes and text; fails on unbalanced tags."""

    VOID = {"meta", "br", "input", "img", "link", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.elements: list[dict] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": [e["tag"] for e in self.stack]}
        self.elements.append(el)
        for key in ("src", "href"):
            value = el["attrs"].get(key) or ""
            if value and not value.startswith("#"):
                self.external.append(value)
        if tag not in self.VOID:
            self.stack.append(el)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1]["tag"] == tag, f"unbalanced </{tag}> in {[e['tag'] for e in self.stack]}"
        self.stack.pop()

    def handle_data(self, data):
        for el in self.stack:
            el["text"] += data

    def find(self, tag=None, **attrs):
        return [e for e in self.elements if (tag is None or e["tag"] == tag)
                and all(e["attrs"].get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def with_class(self, cls):
        return [e for e in self.elements if cls in (e["attrs"].get("class") or "").split()]


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    assert not p.stack, "unclosed elements"
    return p


def view_a():
    recs = [*records_a(), document_record(TEXT_A, "a.txt")]
    document, by_type = group_document(recs, doc_id(TEXT_A)[:6])
    return build_view(document, by_type, TEXT_A)


def test_page_is_self_contained_and_balanced():
    page = render_html([view_a()])
    p = parse(page)
    assert p.external == []  # no CDN, no network: every link is an in-page anchor
    assert p.find("style") and p.find("script")
    assert not re.search(r"https?://", page.replace("http://www.w3.org", ""))


def test_text_is_rebuilt_exactly_from_segments():
    p = parse(render_html([view_a()]))
    segs = [e for e in p.with_class("seg")]
    # Offsets are contiguous and cover the text; each segment holds exactly its slice.
    assert segs[0]["attrs"]["data-s"] == "0"
    for a, b in zip(segs, segs[1:], strict=False):
        assert a["attrs"]["data-e"] == b["attrs"]["data-s"]
    assert int(segs[-1]["attrs"]["data-e"]) == len(TEXT_A)
    for seg in segs:
        assert seg["text"] == TEXT_A[int(seg["attrs"]["data-s"]):int(seg["attrs"]["data-e"])]


def test_entities_are_labelled_inline():
    p = parse(render_html([view_a()]))
    marks = p.find("mark")
    names = {m["attrs"]["data-entity"]: m for m in marks}
    ana = names["person:ana-ruiz"]
    assert ana["attrs"]["data-label"] == "PERSON"
    assert ana["text"] == "Ana RuizPERSON"  # the name, then its label (displaCy style)
    org = [m for m in marks if m["attrs"]["data-entity"] == "org:solenne-power-co-ltd"]
    assert [m["text"].removesuffix("ORG") for m in org] == ["Solenne", "Solenne Power Co., Ltd.", "Solenne"]


def test_claim_content_is_shaded_and_linked_to_its_speaker():
    page = render_html([view_a()])
    p = parse(page)
    d = doc_id(TEXT_A)
    shaded = "".join(e["text"] for e in p.with_class("claim") if e["attrs"].get("data-claims") == "0")
    assert shaded == "the supply chain would move to Lyon"
    speaker = [e for e in p.with_class("speaker") if e["attrs"].get("data-speaker-of") == "0"]
    assert [e["text"] for e in speaker] == ["Ana Ruiz"]
    badge = [e for e in p.find("a") if "by" in (e["attrs"].get("class") or "").split()][0]
    assert badge["text"] == "Ana Ruiz"
    assert badge["attrs"]["href"] == f"#p-{d}-{TEXT_A.index('Ana Ruiz')}"
    assert p.find(id=f"p-{d}-{TEXT_A.index('Ana Ruiz')}")  # the target exists
    # Markup in the text is escaped, not interpreted.
    assert "&lt;fast&gt;" in page and "<fast>" not in page


def test_side_lists_link_each_item_to_its_evidence():
    p = parse(render_html([view_a()]))
    d = doc_id(TEXT_A)
    affs = p.with_class("affiliation")
    assert [re.sub(r"\s+", " ", a["text"]) for a in affs] == [
        "Ana Ruiz chief executive at Solenne Power Co., Ltd.", "Tom Bell analyst at Kestrel Bank"]
    ids = {e["attrs"].get("id") for e in p.elements}
    for item in p.with_class("item"):
        ranges = item["attrs"]["data-ranges"].split()
        first = int(ranges[0].split(":")[0])
        link = [e for e in p.find("a") if e["attrs"].get("class") == "go" and e["attrs"]["href"] == f"#p-{d}-{first}"]
        assert link, item
        assert f"p-{d}-{first}" in ids  # clicking lands on the evidence's first segment
    fact = p.with_class("fact")[0]
    assert "5% (up)" in fact["text"] and "profits" in fact["text"]
    assert [e["text"] for e in p.with_class("amount")] == ["5%"]
    assert "summit" in p.with_class("event")[0]["text"]


def test_missing_text_shows_the_quoted_sentences_at_their_places():
    recs = [*records_a(), document_record(TEXT_A, "gone.txt")]
    document, by_type = group_document(recs, doc_id(TEXT_A))
    view = build_view(document, by_type, None)
    assert view.partial
    for rec in by_type["affiliation"]:
        assert view.text[rec["start"]:rec["end"]] == rec["evidence"]
    p = parse(render_html([view]))
    assert p.with_class("note") and p.with_class("gap")
    assert "".join(e["text"] for e in p.with_class("claim")) == \
        "the supply chain would move to Lyonprofits rose 5% <fast>"


def test_group_document_prefix_errors():
    from cooptool.extract.views import DocumentNotFound

    recs = [document_record(TEXT_A, "a"), document_record(TEXT_B, "b")]
    with pytest.raises(DocumentNotFound, match="no document"):
        group_document(recs, "ffffffff")
    with pytest.raises(DocumentNotFound, match="2 documents"):
        group_document(recs, "")


# ---- CLI ----------------------------------------------------------------------------------------

@pytest.fixture
def runner():
    return CliRunner()


def test_cli_show_html_to_stdout(tmp_path, runner):
    store = write_store(tmp_path, second=True)
    result = runner.invoke(app, ["show", doc_id(TEXT_A)[:8], "--store", str(store), "--html", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!doctype html>")
    assert result.stderr == ""
    p = parse(result.stdout)
    assert not p.with_class("note")  # the text file was found and matched its id
    assert p.find("mark", data_entity="person:tom-bell")


def test_cli_show_html_file_and_terminal(tmp_path, runner):
    store = write_store(tmp_path)
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["show", doc_id(TEXT_A), "--store", str(store), "--html", str(out)])
    assert result.exit_code == 0
    assert result.stdout == "" and "wrote" in result.stderr
    assert parse(out.read_text()).find("mark", data_entity="org:kestrel-bank")
    result = runner.invoke(app, ["show", doc_id(TEXT_A), "--store", str(store)])
    assert result.exit_code == 0
    for piece in ("Affiliations", "chief executive", "the supply chain would move to Lyon", "5% (up)", "summit"):
        assert piece in result.stdout


def test_cli_show_changed_text_falls_back_with_a_warning(tmp_path, runner):
    store = write_store(tmp_path)
    (tmp_path / "a.txt").write_text(TEXT_A + "edited\n", encoding="utf-8")
    result = runner.invoke(app, ["show", doc_id(TEXT_A), "--store", str(store), "--html", "-"])
    assert result.exit_code == 0
    assert "has changed since it was extracted" in result.stderr
    assert "was not found" in result.stderr
    assert parse(result.stdout).with_class("note")


def test_cli_show_text_found_relative_to_the_store(tmp_path, runner):
    store = tmp_path / "store.jsonl"
    (tmp_path / "a.txt").write_text(TEXT_A, encoding="utf-8")
    from cooptool.extract.records import dumps

    store.write_bytes(b"".join(dumps(r) for r in [*records_a(), document_record(TEXT_A, "a.txt")]))
    result = runner.invoke(app, ["show", doc_id(TEXT_A), "--store", str(store), "--html", "-"])
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize("arg, code, message", [
    ("ffffffffffff", 1, "no document with id"),
    ("not-a-file.txt", 2, "no such file, and not a document id"),
])
def test_cli_show_errors(tmp_path, runner, arg, code, message):
    store = write_store(tmp_path, second=True)
    result = runner.invoke(app, ["show", arg, "--store", str(store)])
    assert result.exit_code == code
    assert result.stdout == ""
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_cli_show_ambiguous_prefix(tmp_path, runner):
    store = write_store(tmp_path, second=True)
    a, b = doc_id(TEXT_A), doc_id(TEXT_B)
    common = next((a[:i] for i in range(len(a), 0, -1) if b.startswith(a[:i])), "")
    if len(common) < 4:  # the two ids share too little: make a store where the prefix is ambiguous
        store.write_bytes(store.read_bytes() + orjson.dumps(document_record("x", "x")
                                                            | {"doc": a[:4] + "0" * 12}) + b"\n")
        common = a[:4]
    result = runner.invoke(app, ["show", common, "--store", str(store)])
    assert result.exit_code == 1
    assert "give more of the id" in result.stderr


@pytest.mark.model
def test_cli_show_path_extracts_on_the_fly(runner):
    from tests.conftest import SEED

    result = runner.invoke(app, ["show", str(SEED), "--html", "-"])
    assert result.exit_code == 0, result.stderr
    p = parse(result.stdout)
    li = p.find("mark", data_entity="person:li-jing")
    assert li and li[0]["text"] == "Li JingPERSON"
    affs = [re.sub(r"\s+", " ", a["text"]) for a in p.with_class("affiliation")]
    assert any(a.startswith("Li Jing ") and a.endswith("at JA Solar Technology Co., Ltd.") for a in affs)
    assert len(affs) == 7


@pytest.mark.model
def test_cli_show_stored_seed(seed_store, runner):
    docs = runner.invoke(app, ["docs", "--store", str(seed_store), "--format", "jsonl"])
    doc = orjson.loads(docs.stdout.splitlines()[0])["doc"]
    result = runner.invoke(app, ["show", doc[:6], "--store", str(seed_store), "--html", "-"])
    assert result.exit_code == 0 and result.stderr == ""
    p = parse(result.stdout)
    claims = [c for c in p.with_class("claim-item") if "Li Jing" in c["text"]]
    assert any("supply chain" in c["text"] for c in claims)


def test_cli_show_document_from_a_jsonl_input(tmp_path, runner):
    """A document read from JSON Lines is stored with path `FILE#id`; its text is found in FILE."""
    from cooptool.extract.records import dumps

    docs = tmp_path / "docs.jsonl"
    docs.write_bytes(orjson.dumps({"id": "x1", "text": "Other text."}) + b"\n"
                     + orjson.dumps({"id": "a1", "text": TEXT_A}) + b"\n")
    store = tmp_path / "store.jsonl"
    store.write_bytes(b"".join(dumps(r) for r in [*records_a(), document_record(TEXT_A, f"{docs}#a1")]))
    result = runner.invoke(app, ["show", doc_id(TEXT_A), "--store", str(store), "--html", "-"])
    assert result.exit_code == 0 and result.stderr == ""
    assert not parse(result.stdout).with_class("note")


def test_cli_show_terminal_without_the_text(tmp_path, runner):
    store = write_store(tmp_path, text_files=False)
    result = runner.invoke(app, ["show", doc_id(TEXT_A), "--store", str(store)])
    assert result.exit_code == 0
    assert "was not found" in result.stderr
    assert "only the sentences the records quote" in result.stdout
    assert "the supply chain would move to Lyon" in result.stdout and "…" in result.stdout
    assert "Solenne … Ana Ruiz" in result.stdout  # the rest of the headline is quoted by no record


@pytest.mark.model
def test_cli_show_stdin(runner):
    result = runner.invoke(app, ["show", "-", "--html", "-"],
                           input="Deal done\n\nAna Ruiz, chief executive of Solenne Power, said the deal was done.\n")
    assert result.exit_code == 0, result.stderr
    p = parse(result.stdout)
    assert p.find("mark", data_entity="person:ana-ruiz")
    assert [re.sub(r"\s+", " ", a["text"]) for a in p.with_class("affiliation")] == [
        "Ana Ruiz chief executive at Solenne Power"]

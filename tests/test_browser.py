"""The HTML pages in a real browser (headless Chromium; skipped when it is not installed).

Each page is loaded from a file with no network; the tests check that it produces no console
message at all (errors, uncaught exceptions), that its script ran to the end (`data-ready`),
what the DOM holds, and, through a probe script appended to a copy, that clicking and hovering
do what they should.
"""

from __future__ import annotations

import json
import re
import struct

import pytest
from typer.testing import CliRunner

from cooptool.cli.app import app
from tests import chromium
from tests.handmade import write_store
from tests.test_show import parse

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not chromium.available(), reason=f"no Chromium at {chromium.CHROMIUM}")]

runner = CliRunner()


def probe_result(dom: str) -> dict:
    m = re.search(r'data-probe="([^"]*)"', dom)
    assert m, "the probe script did not run"
    import html

    return json.loads(html.unescape(m.group(1)))


def test_console_errors_are_caught(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><p>x</p><script>console.error('boom'); notDefined();</script>")
    _, console = chromium.dump_dom(page)
    assert any("boom" in m for m in console)
    assert any("Uncaught ReferenceError" in m for m in console)


def test_handmade_show_page_loads_cleanly(tmp_path):
    store = write_store(tmp_path)
    page = tmp_path / "show.html"
    from cooptool.extract.records import doc_id
    from tests.handmade import TEXT_A

    assert runner.invoke(app, ["show", doc_id(TEXT_A), "--store", str(store), "--html", str(page)]).exit_code == 0
    dom, console = chromium.dump_dom(page)
    assert console == []
    assert 'data-ready="1"' in dom
    assert parse(dom).find("mark", data_entity="person:ana-ruiz")


SHOW_PROBE = r"""
(function(){
  var out = {};
  var li = Array.prototype.filter.call(document.querySelectorAll("li.affiliation"), function(el){
    return el.textContent.indexOf("Li Jing") >= 0; })[0];
  li.click();
  var flashed = document.querySelectorAll(".seg.flash");
  out.flashed = Array.prototype.map.call(flashed, function(el){ return el.textContent; }).join("");
  out.hash = location.hash;
  out.firstId = flashed.length ? flashed[0].id : null;
  out.active = li.classList.contains("active");
  var claimSeg = document.querySelector(".seg.claim");
  claimSeg.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
  out.hovered = document.querySelectorAll(".hl").length;
  out.speakerHl = document.querySelectorAll(".seg.speaker.hl").length;
  document.body.setAttribute("data-probe", JSON.stringify(out));
})();
"""


@pytest.mark.model
def test_seed_show_page_in_chromium(seed_store, tmp_path):
    import orjson

    doc = orjson.loads(runner.invoke(app, ["docs", "--store", str(seed_store), "--format", "jsonl"]).stdout)["doc"]
    page = tmp_path / "seed.html"
    result = runner.invoke(app, ["show", doc, "--store", str(seed_store), "--html", str(page)])
    assert result.exit_code == 0, result.stderr
    dom, console = chromium.dump_dom(page)
    assert console == []
    assert 'data-ready="1"' in dom
    p = parse(dom)
    li_marks = p.find("mark", data_entity="person:li-jing")
    assert li_marks and li_marks[0]["text"] == "Li JingPERSON"
    # Her claims are shaded and linked to her name in the text.
    li_claims = [c for c in p.with_class("claim-item") if c["attrs"].get("data-speaker") == "person:li-jing"]
    assert li_claims
    idx = {c["attrs"]["data-claim"] for c in li_claims}
    shaded = [s for s in p.with_class("claim") if set((s["attrs"].get("data-claims") or "").split()) & idx]
    assert shaded
    badges = [a for a in p.find("a") if "by" in (a["attrs"].get("class") or "").split() and a["text"] == "Li Jing"]
    assert len(badges) == len(li_claims)
    affs = [re.sub(r"\s+", " ", a["text"]) for a in p.with_class("affiliation")]
    assert "Li Jing sustainable development officer and head of the sustainable development department " \
           "at JA Solar Technology Co., Ltd." in affs

    dom, console = chromium.dump_dom(chromium.with_probe(page, SHOW_PROBE))
    assert console == []
    seen = probe_result(dom)
    assert seen["active"] is True
    assert seen["flashed"].startswith("Li Jing, sustainable development officer")  # her affiliation's sentence
    assert "JA Solar Technology Co., Ltd." in seen["flashed"]
    assert seen["hash"] == "#" + seen["firstId"]
    assert seen["hovered"] > 0 and seen["speakerHl"] >= 1  # hovering a claim outlines its speaker too

    shot = tmp_path / "seed.png"
    assert chromium.screenshot(page, shot) == []
    assert png_size(shot) == (1400, 1000)


GRAPH_PROBE = r"""
(function(){
  var out = {};
  var svg = document.getElementById("graph");
  var node = document.querySelector('.node[data-id="org:ja-solar-technology-co-ltd"]');
  node.querySelector("circle").dispatchEvent(new MouseEvent("mouseover", {bubbles: true, clientX: 50, clientY: 50}));
  var tip = document.getElementById("tip");
  out.tip = tip.hidden ? "" : tip.textContent;
  out.near = document.querySelectorAll(".node.near").length;
  var before = svg.getAttribute("viewBox");
  svg.dispatchEvent(new WheelEvent("wheel", {deltaY: -100, clientX: 300, clientY: 300, bubbles: true, cancelable: true}));
  out.zoomed = svg.getAttribute("viewBox") !== before;
  var z = svg.getAttribute("viewBox");
  svg.dispatchEvent(new MouseEvent("mousedown", {clientX: 300, clientY: 300, bubbles: true}));
  svg.dispatchEvent(new MouseEvent("mousemove", {clientX: 200, clientY: 250, bubbles: true}));
  window.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
  out.panned = svg.getAttribute("viewBox") !== z;
  var find = document.getElementById("find");
  find.value = "li jing"; find.dispatchEvent(new Event("input"));
  out.found = Array.prototype.map.call(document.querySelectorAll(".node.found"), function(n){ return n.dataset.id; });
  document.body.setAttribute("data-probe", JSON.stringify(out));
})();
"""


@pytest.mark.model
def test_seed_graph_page_in_chromium(seed_store, tmp_path):
    page = tmp_path / "graph.html"
    result = runner.invoke(app, ["graph", "--store", str(seed_store), "--format", "html", "-O", str(page)])
    assert result.exit_code == 0, result.stderr
    dom, console = chromium.dump_dom(page)
    assert console == []
    assert 'data-ready="1"' in dom
    p = parse(dom)
    ja = p.find("g", data_id="org:ja-solar-technology-co-ltd")
    assert ja and ja[0]["attrs"]["data-name"] == "JA Solar Technology Co., Ltd."
    links = [e["attrs"] for e in p.find("line")
             if {e["attrs"]["data-source"], e["attrs"]["data-target"]} == {"person:li-jing", "org:ja-solar-technology-co-ltd"}]
    assert len(links) == 1 and links[0]["data-kind"] == "affiliation"
    assert links[0]["data-roles"].startswith("sustainable development officer")

    dom, console = chromium.dump_dom(chromium.with_probe(page, GRAPH_PROBE))
    assert console == []
    seen = probe_result(dom)
    assert "JA Solar Technology Co., Ltd." in seen["tip"] and "Li Jing" in seen["tip"]
    assert seen["near"] >= 2
    assert seen["zoomed"] and seen["panned"]
    assert seen["found"] == ["person:li-jing"]


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])

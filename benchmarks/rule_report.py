#!/usr/bin/env python3
"""Per-rule report: how many affiliations and claims each rule (`pattern`) makes on a gold set, and how
many of them the gold confirms. Uses the matching of `../shared/eval/score.py`.

    .venv/bin/python benchmarks/rule_report.py                 # the 20 China Daily dev articles
    .venv/bin/python benchmarks/rule_report.py --bbc           # benchmarks/gold/bbc (our blind BBC gold)

Skips (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def load_score():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_sets(bbc: bool) -> list[tuple[dict, Path]]:
    if not bbc:
        out = []
        for g in sorted((SHARED / "eval" / "dev_chinadaily").glob("gold_*.json")):
            gold = json.loads(g.read_text())
            out.append((gold, SHARED / "eval" / gold["file"]))
        return out
    out = []
    for g in sorted((ROOT / "benchmarks" / "gold" / "bbc").glob("*.json")):
        gold = json.loads(g.read_text())
        path = SHARED / "corpus" / gold["file"]
        text = path.read_text(encoding="utf-8")
        gold["claims"] = [dict(c, contains=text[c["start"]:c["end"]]) for c in gold["claims"]]
        for sp in gold.get("speakers", []):
            gold.setdefault("organizations", []).append({"name": sp["name"], "aliases": sp.get("aliases", [])})
        out.append((gold, path))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bbc", action="store_true")
    ap.add_argument("--bin", default=str(Path(sys.executable).parent))
    a = ap.parse_args()
    if not (SHARED / "eval" / "score.py").exists():
        print("rule_report: skipped, no ../shared", file=sys.stderr)
        return 0
    S = load_score()
    sets = gold_sets(a.bbc)
    store = Path(tempfile.mkdtemp()) / "s.jsonl"
    subprocess.run([os.path.join(a.bin, "cooptool"), "extract", *map(str, (p for _, p in sets)), "--store", str(store)],
                   capture_output=True, check=False)
    recs = [json.loads(line) for line in store.read_text().splitlines() if line.strip()]
    doc_of = {os.path.realpath(r["path"]): r["doc"] for r in recs if r["type"] == "document"}
    aff = collections.defaultdict(lambda: [0, 0])
    cla = collections.defaultdict(lambda: [0, 0])
    for gold, path in sets:
        did = doc_of.get(os.path.realpath(path))
        speakers = {o["name"]: [o["name"], *o.get("aliases", [])] for o in gold.get("organizations", [])}
        for p in gold["people"]:
            if p.get("org"):
                speakers.setdefault(p["org"], [p["org"]]).extend(p.get("org_aliases", []))
        for p in gold["people"]:
            speakers[p["name"]] = [p["name"], *p.get("aliases", [])]
        for r in recs:
            if r.get("doc") != did:
                continue
            if r["type"] == "affiliation":
                ok = any(S.name_match(r["person"], [p["name"], *p.get("aliases", [])]) and (
                    not p.get("org") or S.org_match([r["org"], *(r.get("org_aliases") or [])],
                                                    [p["org"], *p.get("org_aliases", [])])) for p in gold["people"])
                aff[r["pattern"]][0] += 1
                aff[r["pattern"]][1] += ok
            elif r["type"] == "claim" and r.get("speaker"):
                ok = any(S.name_match(r["speaker"], speakers.get(c["speaker"], [c["speaker"]]))
                         and S.contains_words(r["text"], c["contains"]) for c in gold["claims"])
                key = r["pattern"] + ("/direct" if r.get("direct") else "")
                cla[key][0] += 1
                cla[key][1] += ok
    for title, table in (("affiliations", aff), ("claims (named speaker)", cla)):
        print(f"{title}: rule, records, confirmed by gold, precision")
        for rule, (n, ok) in sorted(table.items(), key=lambda kv: -kv[1][0]):
            print(f"  {rule:24} {n:5} {ok:5}  {ok / n:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

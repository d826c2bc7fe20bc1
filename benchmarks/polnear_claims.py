#!/usr/bin/env python3
"""Score `cooptool said` against PolNeAR gold attributions (Source / Cue / Content spans).

usage: python benchmarks/polnear_claims.py [SPLIT] [--limit N] [--bin DIR] [--show N]

SPLIT is a compartment name under /work/shared/corpus/polnear (train, dev) or a path to one
(default: dev). Skips with exit 0 when the corpus is absent. Runs the CLI as a user would:
`cooptool extract FILES --store S`, `cooptool said --store S --format jsonl`, `cooptool docs`.

Measures (all over character offsets into the article text):
- A predicted attribution is the group of `said` records sharing doc, cue offsets and speaker
  mention (a quote split around "she said" is one attribution, as in PolNeAR).
- Content characters are the alphanumeric characters of the content pieces, so quote marks,
  punctuation and whitespace never decide a match; a leading "that" is ignored on both sides.
- content overlap: predicted and gold attributions are paired one-to-one, greedily by the
  number of shared content characters (> 0). P = paired / predicted, R = paired / gold.
- soft overlap: the same pairs, each counting |shared| / |predicted| toward P and
  |shared| / |gold| toward R (a token-overlap F1 at character level).
- exact: a pair whose content character sets are equal.
- direct-quote recall: gold attributions whose Content, stripped of surrounding ` ,.;:—-`,
  starts and ends with a quotation mark (the corpus SOURCES.md filter), share of them paired.
- source accuracy: over pairs whose gold has a Source, the predicted speaker mention
  (`speaker_start`/`speaker_end`) overlaps the gold Source span.
Gold: for an article annotated several times, the lexicographically first annotator's file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

CORPUS = Path("/work/shared/corpus/polnear")
_QUOTES = "\"“”„«»"
_LINE_START = re.compile(r"^[TE#]\d+\t")


def parse_ann(path: Path) -> list[dict]:
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if _LINE_START.match(line) or not lines:
            lines.append(line)
        else:
            lines[-1] += "\n" + line
    spans: dict[str, list[tuple[int, int]]] = {}
    for line in lines:
        if not line.startswith("T"):
            continue
        tid, info = line.split("\t")[:2]
        pieces = info.split(" ", 1)[1]
        spans[tid] = [tuple(int(x) for x in p.split()) for p in pieces.split(";")]
    out = []
    for line in lines:
        if not line.startswith("E"):
            continue
        roles: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for arg in line.split("\t")[1].split():
            role, tid = arg.split(":")
            roles[role.rstrip("0123456789")] += spans.get(tid, [])
        if roles.get("Content"):
            out.append({"content": roles["Content"], "source": roles.get("Source", []),
                        "cue": roles.get("Cue", [])})
    return out


def chars(text: str, pieces) -> frozenset[int]:
    got = set()
    for s, e in sorted(pieces):
        got.update(i for i in range(s, e) if text[i].isalnum())
    # A leading "that" is a matter of taste: drop it on both sides.
    if got:
        first = min(got)
        if text[first:first + 5].lower() == "that " and (first == 0 or not text[first - 1].isalnum()):
            got -= set(range(first, first + 4))
    return frozenset(got)


def is_direct(text: str, pieces) -> bool:
    s = " ".join(text[a:b] for a, b in sorted(pieces)).strip(" ,.;:—-\n")
    return len(s) > 1 and s[0] in _QUOTES and s[-1] in _QUOTES


def overlaps(a, b) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("split", nargs="?", default="dev")
    ap.add_argument("--limit", type=int, default=0, help="first N articles (sorted by name); 0 = all")
    ap.add_argument("--bin", default=str(Path(sys.executable).parent), help="directory of the cooptool executable")
    ap.add_argument("--show", type=int, default=0, help="print N missed and N spurious attributions")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    split = Path(a.split) if os.sep in a.split or Path(a.split).is_dir() else CORPUS / a.split
    if a.split == "test" or split.name == "test":
        print("polnear_claims: the test compartment is for release figures only; pass its path explicitly "
              "if you mean it", file=sys.stderr)
        if os.sep not in a.split:
            return 2
    if not (split / "text").is_dir():
        print(f"polnear_claims: skipped, no corpus at {split}", file=sys.stderr)
        return 0
    texts = sorted((split / "text").glob("*.txt"))
    if a.limit:
        texts = texts[:a.limit]
    gold_of: dict[str, list[dict]] = {}
    for t in texts:
        anns = sorted((split / "attributions").glob(t.stem + "_*.ann"))
        gold_of[t.name] = parse_ann(anns[0]) if anns else []

    exe = str(Path(a.bin) / "cooptool")
    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "store.jsonl")
        r = run([exe, "extract", *map(str, texts), "--store", store])
        if r.returncode != 0:
            print(f"extract failed: {r.stderr[-500:]}", file=sys.stderr)
            return 1
        said = jsonl(run([exe, "said", "--store", store, "--format", "jsonl"]).stdout)
        docs = jsonl(run([exe, "docs", "--store", store, "--format", "jsonl"]).stdout)
    name_of = {d["doc"]: os.path.basename(d.get("path") or "") for d in docs}

    preds_of: dict[str, list[dict]] = defaultdict(list)
    groups: dict[tuple, dict] = {}
    for rec in said:
        key = (rec["doc"], rec.get("cue_start"), rec.get("cue_end"), rec.get("speaker_start"))
        g = groups.setdefault(key, {"name": name_of.get(rec["doc"]), "content": [], "speaker": None,
                                    "speaker_name": rec.get("speaker"), "direct": rec.get("direct")})
        g["content"].extend(tuple(p) for p in rec.get("pieces") or [(rec["start"], rec["end"])])
        if rec.get("speaker_start") is not None:
            g["speaker"] = [(rec["speaker_start"], rec["speaker_end"])]
    for g in groups.values():
        preds_of[g["name"]].append(g)

    n_pred = n_gold = paired = exact = 0
    soft_p = soft_r = 0.0
    direct_n = direct_hit = 0
    src_n = src_ok = 0
    missed, spurious = [], []
    for t in texts:
        text = t.read_text(encoding="utf-8")
        gold = gold_of[t.name]
        preds = preds_of.get(t.name, [])
        gch = [chars(text, g["content"]) for g in gold]
        pch = [chars(text, p["content"]) for p in preds]
        n_pred += len(preds)
        n_gold += len(gold)
        cand = sorted(((len(gch[i] & pch[j]), i, j) for i in range(len(gold)) for j in range(len(preds))
                       if gch[i] & pch[j]), reverse=True)
        used_g, used_p = set(), set()
        for shared, i, j in cand:
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            paired += 1
            soft_p += shared / len(pch[j])
            soft_r += shared / len(gch[i])
            exact += gch[i] == pch[j]
            if gold[i]["source"]:
                src_n += 1
                src_ok += bool(preds[j]["speaker"]) and overlaps(preds[j]["speaker"], gold[i]["source"])
        for i, g in enumerate(gold):
            if is_direct(text, g["content"]):
                direct_n += 1
                direct_hit += i in used_g
            if i not in used_g and len(missed) < a.show:
                src = " ".join(text[s:e] for s, e in g["source"])
                missed.append(f"{t.name}: [{src}] <{' '.join(text[s:e] for s, e in g['cue'])}> {' '.join(text[s:e] for s, e in g['content'])[:150]!r}")
        for j, p in enumerate(preds):
            if j not in used_p and len(spurious) < a.show:
                spurious.append(f"{t.name}: [{p['speaker_name']}] "
                                f"{' '.join(text[s:e] for s, e in p['content'])[:150]!r}")

    def prf(tp_p, tp_r):
        p = tp_p / n_pred if n_pred else 0.0
        r = tp_r / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    op, orr, of = prf(paired, paired)
    sp, sr, sf = prf(soft_p, soft_r)
    ep, er, ef = prf(exact, exact)
    res = {
        "split": str(split), "articles": len(texts), "gold": n_gold, "predicted": n_pred, "paired": paired,
        "overlap_p": round(op, 3), "overlap_r": round(orr, 3), "overlap_f1": round(of, 3),
        "soft_p": round(sp, 3), "soft_r": round(sr, 3), "soft_f1": round(sf, 3),
        "exact_p": round(ep, 3), "exact_r": round(er, 3), "exact_f1": round(ef, 3),
        "direct_quote_recall": round(direct_hit / direct_n, 3) if direct_n else None, "direct_quotes": direct_n,
        "source_accuracy": round(src_ok / src_n, 3) if src_n else None, "source_pairs": src_n,
    }
    for m in missed:
        print("missed:", m)
    for s in spurious:
        print("spurious:", s)
    if a.json:
        print(json.dumps(res, indent=1))
    else:
        print(f"PolNeAR {split.name}: {len(texts)} articles, {n_gold} gold, {n_pred} predicted attributions")
        print(f"content overlap  P={op:.3f} R={orr:.3f} F1={of:.3f}")
        print(f"soft overlap     P={sp:.3f} R={sr:.3f} F1={sf:.3f}")
        print(f"exact            P={ep:.3f} R={er:.3f} F1={ef:.3f}")
        print(f"direct-quote recall {res['direct_quote_recall']} (of {direct_n})")
        print(f"source accuracy     {res['source_accuracy']} (of {src_n} paired attributions with a gold Source)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

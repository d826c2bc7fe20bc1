#!/usr/bin/env python3
"""Score the CLI's numeric facts against the blind facts gold (benchmarks/gold/facts/*.json).

usage: python benchmarks/score_facts.py BIN_DIR [GOLD.json ...] [--show N] [--json]

Each gold file names an article of ../shared/corpus (a BBC text file, or a China Daily JSON Lines row
`chinadaily/chinadaily.jsonl#<id>`, written out as `<title>\\n\\n<text>` like the dev texts) and lists every
figure a reader would want as a data point: its character offsets, whose figure it is (`subject`, with
`subject_aliases`; null when the article states no owner), what it measures (`about`, with
`about_keywords`), and its `period` and `source` when stated. The gold holds offsets and short phrases,
never article sentences.

The script runs `cooptool extract` on the articles as a user would and matches each gold figure to the
fact whose amount (`text_start`..`text_end`) overlaps it. It prints, per article and overall:

- figures: gold figures found (recall; a figure bracketed as a conversion, "70m euros ($91m)", is found
  with the fact it converts) and facts that match no gold figure (precision of what is kept);
- subject: right / matched. Right when a name of ours (subject or subject_aliases) equals a gold name,
  or one holds the other as whole words ("BT" / "BT Group"), after case, "the" and punctuation are
  dropped; a null gold subject is right only when ours is null too;
- about: right / matched, when our `about` holds one of the gold `about_keywords` (a keyword's word
  matches a word of ours that starts with it, so "investment" matches "investments");
- both: subject and about right, the share a reader would accept on those two fields;
- period: gold periods we give (a word or number in common), and periods we give where the gold has none.

Gold files are checked first (keys; every span inside the text; 1-3 keywords): a bad one is an error, exit 1.
`--show N` lists up to N wrong subjects and abouts. Skips with exit 0 when ../shared is absent.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "benchmarks" / "gold" / "facts"
_WORD = re.compile(r"[\w£$€¥%.]+")


def article(gold: dict, into: Path) -> tuple[Path, int]:
    """The article as a file the CLI reads, and the shift from gold offsets to offsets in that file."""
    if "#" not in gold["file"]:
        return CORPUS / gold["file"], 0
    rel, row_id = gold["file"].split("#", 1)
    with open(CORPUS / rel, encoding="utf-8") as fh:
        row = next((r for r in map(json.loads, fh) if r.get("id") == row_id), None)
    if row is None:
        raise ValueError(f"no row with id {row_id} in {rel}")
    title = row.get("title") or ""
    path = into / f"{row_id}.txt"
    path.write_text(f"{title}\n\n{row['text']}", encoding="utf-8")
    return path, len(title) + 2


FACT_KEYS = {"start", "end", "subject", "subject_aliases", "about", "about_keywords", "period", "source"}


def check(gold: dict, text: str, name: str) -> list[str]:
    """What is wrong with one gold file: keys, offsets inside the text, 1-3 keywords per fact."""
    errs = []
    if set(gold) != {"file", "facts"}:
        errs.append(f"{name}: keys {sorted(gold)} are not ['facts', 'file']")
    for i, f in enumerate(gold.get("facts", [])):
        where = f"{name}: facts[{i}]"
        if set(f) != FACT_KEYS:
            errs.append(f"{where}: keys {sorted(f)} are not {sorted(FACT_KEYS)}")
            continue
        if not (0 <= f["start"] < f["end"] <= len(text)) or not any(ch.isdigit() or ch.isalpha()
                                                                      for ch in text[f["start"]:f["end"]]):
            errs.append(f"{where}: span {f['start']}-{f['end']} is not a figure of the text")
        if not (1 <= len(f["about_keywords"]) <= 3):
            errs.append(f"{where}: {len(f['about_keywords'])} about_keywords (want 1-3)")
    return errs


def names(*forms: str | None) -> set[str]:
    out = set()
    for form in forms:
        if form:
            words = re.sub(r"[^\w\s&-]", " ", form.casefold()).split()
            if words and words[0] == "the":
                words = words[1:]
            if words:
                out.add(" ".join(words))
    return out


def same_subject(ours: dict, gold: dict) -> bool:
    if gold.get("subject") is None:
        return ours.get("subject") is None
    mine = names(ours.get("subject"), *ours.get("subject_aliases", []))
    theirs = names(gold["subject"], *gold.get("subject_aliases", []))
    for a in mine:
        for b in theirs:
            if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
                return True
    return False


def right_about(ours: dict, gold: dict) -> bool:
    words = [w for w in re.split(r"\W+", (ours.get("about") or "").casefold()) if w]
    for kw in gold.get("about_keywords") or []:
        parts = kw.casefold().split()
        if all(any(w.startswith(p) for w in words) for p in parts):
            return True
    return False


def converted_hit(facts: list[dict], start: int, figure: str) -> int | None:
    """The fact a bracketed conversion belongs to ("70m euros ($91m; £49m)": $91m is that fact's
    `converted`), so the same figure in another currency is found and judged with it."""
    for i, f in enumerate(facts):
        end = f.get("text_end")
        if end is not None and end <= start <= end + 40 and any(
                c.get("text", "").strip() == figure.strip() for c in f.get("converted") or []):
            return i
    return None


def period_words(s: str | None) -> set[str]:
    return {w for w in _WORD.findall((s or "").casefold()) if w not in {"the", "a", "of", "in", "to", "from"}}


def score(gold_files: list[str], exe: str, show: int) -> dict:
    tmp = tempfile.TemporaryDirectory()
    golds, paths, shifts, text_of = [], [], [], {}
    for gf in gold_files:
        gold = json.loads(Path(gf).read_text(encoding="utf-8"))
        path, shift = article(gold, Path(tmp.name))
        text_of[gf] = path.read_text(encoding="utf-8")
        errs = check(gold, text_of[gf][shift:], Path(gf).name)
        if errs:
            raise ValueError("; ".join(errs))
        golds.append(gold)
        paths.append(path)
        shifts.append(shift)
    proc = subprocess.run([exe, "extract", *map(str, paths)], capture_output=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr.decode(errors="replace"))
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    doc_of_path = {str(Path(r["path"]).resolve()): r["doc"] for r in records if r["type"] == "document"}
    facts_of: dict[str, list[dict]] = {}
    for r in records:
        if r["type"] == "fact":
            facts_of.setdefault(r["doc"], []).append(r)
    total, per_file, wrong = Counter(), [], []
    for gf, gold, path, shift in zip(gold_files, golds, paths, shifts, strict=True):
        facts = facts_of.get(doc_of_path.get(str(path.resolve()), ""), [])
        c, used = Counter(gold=len(gold["facts"]), ours=len(facts)), set()
        for g in gold["facts"]:
            start, end = g["start"] + shift, g["end"] + shift
            hit = next((i for i, f in enumerate(facts) if i not in used and f.get("text_start") is not None
                        and f["text_start"] < end and start < f["text_end"]), None)
            if hit is None:
                hit = converted_hit(facts, start, text_of[gf][start:end])
            if hit is None:
                continue
            used.add(hit)
            f = facts[hit]
            c["found"] += 1
            s_ok, a_ok = same_subject(f, g), right_about(f, g)
            c["subject"] += s_ok
            c["about"] += a_ok
            c["both"] += s_ok and a_ok
            if g.get("period"):
                c["gold_period"] += 1
                c["period"] += bool(period_words(g["period"]) & period_words(f.get("period") or f.get("date_text")))
            elif f.get("period"):
                c["extra_period"] += 1
            if not (s_ok and a_ok):
                wrong.append(f"{Path(gf).stem}: {f['text']!r}: subject {f.get('subject')!r} (gold "
                             f"{g.get('subject')!r}{'' if s_ok else ' ✗'}), about {f.get('about')!r} (gold "
                             f"{g.get('about')!r}{'' if a_ok else ' ✗'}) [{f.get('pattern')}]")
        c["extra"] = len(facts) - len(used)
        per_file.append((Path(gf).stem, c))
        total.update(c)
    return {"files": per_file, "total": total, "wrong": wrong[:show]}


def ratio(n: int, d: int) -> str:
    return f"{n}/{d} ({n / d:.0%})" if d else "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bin", help="directory holding the cooptool executable (e.g. .venv/bin)")
    ap.add_argument("gold", nargs="*", help="gold files (default: benchmarks/gold/facts/*.json)")
    ap.add_argument("--show", type=int, default=0, help="list up to N wrong subjects/abouts")
    ap.add_argument("--json", action="store_true", help="print the totals as one JSON object")
    a = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent", file=sys.stderr)
        return 0
    files = a.gold or sorted(glob.glob(str(GOLD / "*.json")))
    if not files:
        print(f"error: no gold files in {GOLD}", file=sys.stderr)
        return 1
    try:
        result = score(files, str(Path(a.bin) / "cooptool"), a.show)
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    t = result["total"]
    if a.json:
        print(json.dumps(dict(t)))
        return 0
    for name, c in result["files"]:
        print(f"{name}: found {ratio(c['found'], c['gold'])}, extra {c['extra']}, subject "
              f"{ratio(c['subject'], c['found'])}, about {ratio(c['about'], c['found'])}")
    print(f"TOTAL ({len(files)} articles): figures found {ratio(t['found'], t['gold'])}, facts matching no gold "
          f"figure {t['extra']} of {t['ours']}")
    print(f"  subject right {ratio(t['subject'], t['found'])}, about right {ratio(t['about'], t['found'])}, "
          f"both {ratio(t['both'], t['found'])}")
    print(f"  period given {ratio(t['period'], t['gold_period'])}, period where gold has none {t['extra_period']}")
    for line in result["wrong"]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)

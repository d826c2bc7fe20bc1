#!/usr/bin/env python3
"""Which words act as attribution cues in PolNeAR train, how often, and whether cooptool knows them.

Prints counts and lemmas only (no article text): the data behind the cue lexicons in
`extract/components/claims/`. Skips (exit 0) when the corpus is absent.

    .venv/bin/python benchmarks/polnear_cue_counts.py [--split train] [--top 150] [--unknown]
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear_claims import CORPUS, parse_ann  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="train")
    ap.add_argument("--top", type=int, default=150)
    ap.add_argument("--unknown", action="store_true", help="only cues no cooptool list holds")
    a = ap.parse_args()
    if a.split == "test":
        print("polnear_cue_counts: not on the test compartment", file=sys.stderr)
        return 2
    root = CORPUS / a.split
    if not (root / "text").is_dir():
        print(f"polnear_cue_counts: skipped, no corpus at {root}", file=sys.stderr)
        return 0
    import spacy

    from cooptool.extract.components.claims import ALL_CUES, STATEMENT_NOUNS
    from cooptool.extract.pipeline import resolve_model

    nlp = spacy.load(resolve_model(), disable=["parser", "ner"])
    counts: collections.Counter[str] = collections.Counter()
    for t in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(t.stem + "_*.ann"))
        if not anns:
            continue
        text = t.read_text(encoding="utf-8")
        for g in parse_ann(anns[0]):
            cue = " ".join(text[s:e] for s, e in g["cue"]).strip()
            if not cue:
                continue
            words = [w for w in nlp(cue) if w.pos_ in ("VERB", "NOUN", "ADJ", "ADP", "AUX") and not w.is_punct]
            heads = [w for w in words if w.pos_ == "VERB"] or words
            if heads:
                counts[heads[0].lemma_.lower()] += 1
    total = sum(counts.values())
    known = ALL_CUES | STATEMENT_NOUNS
    shown = 0
    for lemma, n in counts.most_common():
        if a.unknown and lemma in known:
            continue
        print(f"{n}\t{n / total:.3%}\t{lemma}\t{'known' if lemma in known else '-'}")
        shown += 1
        if shown >= a.top:
            break
    covered = sum(n for lemma, n in counts.items() if lemma in known)
    print(f"# {total} cues, {len(counts)} lemmas; known lemmas cover {covered / total:.1%}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Entity mentions on CoNLL-2003: cooptool's resolved entities against the raw spaCy model, same run.

    .venv/bin/python benchmarks/conll_entities.py [--conll ../shared/corpus/conll2003/test.txt] [--docs N]

Each CoNLL document becomes one text (one sentence per line, tokens joined by spaces, its first
line the headline as in a news file) and is scored by exact character offsets and type:
PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC; MISC gold and the model's other labels are left out.
Raw = `en_core_web_sm`'s `doc.ents` on the text; cooptool = the text read as `cooptool extract`
reads it (structure analysis and masking, then the full pipeline). Skips when the corpus is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONLL = ROOT.parent / "shared" / "corpus" / "conll2003" / "test.txt"
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def read_conll(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """(text, gold spans) per document; gold spans are (start, end, PER|ORG|LOC)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("-DOCSTART-"):
            docs.append([])
            continue
        if not line.strip():
            if sentence:
                if not docs:
                    docs.append([])
                docs[-1].append(sentence)
                sentence = []
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    out = []
    for sents in docs:
        text_parts: list[str] = []
        gold: set[tuple[int, int, str]] = set()
        pos = 0
        for si, sent in enumerate(sents):
            if si:
                text_parts.append("\n")
                pos += 1
            open_span: tuple[int, str] | None = None
            last_end = pos
            for ti, (tok, tag) in enumerate(sent):
                if ti:
                    text_parts.append(" ")
                    pos += 1
                start, end = pos, pos + len(tok)
                kind = tag[2:] if tag != "O" else None
                begins = tag.startswith("B-") or (kind and (open_span is None or open_span[1] != kind))
                if open_span and (kind is None or begins):
                    if open_span[1] != "MISC":
                        gold.add((open_span[0], last_end, open_span[1]))
                    open_span = None
                if kind and open_span is None:
                    open_span = (start, kind)
                text_parts.append(tok)
                pos = end
                last_end = end
            if open_span and open_span[1] != "MISC":
                gold.add((open_span[0], last_end, open_span[1]))
        out.append(("".join(text_parts), gold))
    return out


def spans_of(doc) -> set[tuple[int, int, str]]:
    return {(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conll", type=Path, default=DEFAULT_CONLL)
    ap.add_argument("--docs", type=int, default=0, help="score only the first N documents (0 = all)")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    if not args.conll.exists():
        print(f"skipped: {args.conll} not found", file=sys.stderr)
        return 0

    import spacy

    from cooptool.extract.pipeline import load_pipeline, prepare, resolve_model
    from cooptool.extract.readers import SourceDoc

    docs = read_conll(args.conll)
    if args.docs:
        docs = docs[: args.docs]
    raw_nlp = spacy.load(resolve_model(args.model))
    ours_nlp = load_pipeline(args.model)

    counts = {"raw": Counter(), "cooptool": Counter()}
    per_type = {"raw": Counter(), "cooptool": Counter()}
    for text, gold in docs:
        raw = spans_of(raw_nlp(text))
        prepared, _ = prepare(ours_nlp, SourceDoc(text=text, path=None))
        ours = spans_of(ours_nlp(prepared))
        for name, found in (("raw", raw), ("cooptool", ours)):
            c = counts[name]
            c["tp"] += len(found & gold)
            c["fp"] += len(found - gold)
            c["fn"] += len(gold - found)
            for _, _, kind in found & gold:
                per_type[name][kind, "tp"] += 1
            for _, _, kind in found - gold:
                per_type[name][kind, "fp"] += 1
            for _, _, kind in gold - found:
                per_type[name][kind, "fn"] += 1

    n_gold = sum(len(g) for _, g in docs)
    print(f"CoNLL-2003 {args.conll.name}: {len(docs)} documents, {n_gold} PER/ORG/LOC gold mentions")
    print(f"{'system':<10} {'P':>6} {'R':>6} {'F1':>6}   " + "   ".join(f"{k}-F1" for k in ("PER", "ORG", "LOC")))
    for name in ("raw", "cooptool"):
        c = counts[name]
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        by = [prf(per_type[name][k, "tp"], per_type[name][k, "fp"], per_type[name][k, "fn"])[2]
              for k in ("PER", "ORG", "LOC")]
        print(f"{name:<10} {p:6.3f} {r:6.3f} {f:6.3f}   " + "   ".join(f"{x:6.3f}" for x in by))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""How many facts have a subject and an `about`, and how many events come out, on real news.

usage: python benchmarks/facts_coverage.py [--bbc N] [--store FILE] [--jobs N] [--bin DIR]

Corpora (skips with exit 0 when they are absent): the 20 articles of
`../shared/eval/dev_chinadaily/texts/` and the first N (default 100) BBC business articles of
`../shared/corpus/news/business/` (sorted by file name). Runs the CLI as a user would:
`cooptool extract FILES --store S`, then `cooptool facts` and `cooptool events --format jsonl`.
With `--store` the store is kept (for a spot check); an existing store is reused as it is.

Prints, per corpus and overall: facts, % with a subject, % with an `about`, % with a `period`;
event records, events as `cooptool events` shows them (merged across documents), and the largest
merged events with their document counts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CHINADAILY = SHARED / "eval" / "dev_chinadaily" / "texts"
BBC = SHARED / "corpus" / "news" / "business"


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bbc", type=int, default=100, help="how many BBC business articles (default 100)")
    ap.add_argument("--store", type=Path, help="keep the store here (reused when it exists)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--bin", type=Path, default=Path(sys.executable).parent, help="where `cooptool` is")
    args = ap.parse_args()
    if not CHINADAILY.exists() or not BBC.exists():
        print(f"skipped: {CHINADAILY} or {BBC} is absent", file=sys.stderr)
        return 0
    exe = str(args.bin / "cooptool")
    china = sorted(CHINADAILY.glob("*.txt"))
    bbc = sorted(BBC.glob("*.txt"))[:args.bbc]
    tmp = tempfile.TemporaryDirectory()
    store = args.store or Path(tmp.name) / "store.jsonl"
    if not store.exists():
        proc = subprocess.run([exe, "extract", *map(str, china + bbc), "--store", str(store), "--jobs",
                               str(args.jobs)], capture_output=True)
        if proc.returncode not in (0, 1):
            sys.stderr.write(proc.stderr.decode())
            return 1

    def query(*cmd: str) -> list[dict]:
        out = subprocess.run([exe, *cmd, "--store", str(store), "--format", "jsonl"], capture_output=True).stdout
        return [orjson.loads(line) for line in out.splitlines() if line.strip()]

    docs = query("docs")
    corpus_of = {d["doc"]: ("chinadaily" if "dev_chinadaily" in (d.get("path") or "") else "bbc") for d in docs}
    facts = query("facts")
    rows = []
    for name in ("chinadaily", "bbc", "all"):
        fs = [f for f in facts if name == "all" or corpus_of.get(f["doc"]) == name]
        rows.append((name, sum(1 for d in docs if name == "all" or corpus_of[d["doc"]] == name), len(fs),
                     pct(sum(1 for f in fs if f.get("subject")), len(fs)),
                     pct(sum(1 for f in fs if f.get("about")), len(fs)),
                     pct(sum(1 for f in fs if f.get("period")), len(fs))))
    print(f"{'corpus':<11} {'docs':>5} {'facts':>6} {'subject':>8} {'about':>7} {'period':>7}")
    for r in rows:
        print(f"{r[0]:<11} {r[1]:>5} {r[2]:>6} {r[3]:>8} {r[4]:>7} {r[5]:>7}")
    raw = sum(1 for line in store.read_bytes().splitlines() if b'"type":"event"' in line)
    events = query("events")
    print(f"\nevent records: {raw}; events shown by `cooptool events`: {len(events)}")
    multi = sorted((e for e in events if (e.get("documents") or 1) > 1), key=lambda e: -e["documents"])
    for e in multi[:8]:
        print(f"  {e['documents']} documents: {e['name']} ({e.get('date') or '-'}, {e.get('place') or '-'})")
    vias = Counter(f.get("subject_via") for f in facts)
    print("\nsubject found by: " + ", ".join(f"{k}: {v}" for k, v in vias.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

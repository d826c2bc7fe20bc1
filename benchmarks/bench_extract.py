"""Extraction throughput and memory: `cooptool extract` versus raw spaCy `nlp.pipe`, in one run.

    python benchmarks/bench_extract.py [--corpus ../shared/corpus/news] [--docs 200] [--big 2000]

Both sides are whole processes on the same texts with the same model and the same number of
processes (model loading included on both sides). Words are whitespace-separated words of the
files. Peak RSS is the main process's (GNU time %M). Skips when the corpus is absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    DEFAULT_NEWS,
    cooptool_exe,
    link_corpus,
    machine,
    need_corpus,
    news_files,
    table,
    timed_rss,
    words_of,
)

RAW = """
import sys, glob, spacy
nlp = spacy.load(sys.argv[1])
texts = (open(f, encoding="utf-8", errors="replace").read() for f in sorted(glob.glob(sys.argv[2] + "/*")))
for doc in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=32):
    pass
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--big", type=int, default=2000, help="document count for the memory-growth run (0: skip)")
    ap.add_argument("--model", default=None, help="a model name or folder (default: the one `extract` uses)")
    args = ap.parse_args()
    if args.model is None:
        from cooptool.extract.pipeline import resolve_model

        args.model = resolve_model()  # both sides load the same model folder or package
    need_corpus(args.corpus)
    exe = cooptool_exe()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        files = news_files(args.corpus, args.docs)
        folder = link_corpus(files, Path(tmp) / "docs")
        words = words_of(files)
        results = {}
        for jobs in (1, 2):
            raw = timed_rss([sys.executable, "-c", RAW, args.model, str(folder), str(jobs)])
            store = Path(tmp) / f"store{jobs}.jsonl"
            ours = timed_rss([exe, "extract", str(folder), "--store", str(store), "--jobs", str(jobs),
                              "--model", args.model])
            if raw.returncode or ours.returncode:
                print(raw.stderr.decode()[-500:], ours.stderr.decode()[-500:], file=sys.stderr)
                return 1
            results[jobs] = (raw, ours)
            cpu = f"{raw.cpu_seconds / ours.cpu_seconds:.2f}x" if ours.cpu_seconds else "-"
            rows.append([f"--jobs {jobs}", f"{len(files)}", f"{words / raw.seconds:,.0f}", f"{words / ours.seconds:,.0f}",
                         f"{raw.seconds / ours.seconds:.2f}x", cpu, f"{raw.max_rss_mb:,.0f}", f"{ours.max_rss_mb:,.0f}"])
        print(f"machine: {machine()}")
        print(f"corpus: {args.corpus} ({len(files)} docs, {words:,} words), model {args.model}\n")
        print(table(rows, ["run", "docs", "raw nlp.pipe words/s", "cooptool words/s", "cooptool/raw",
                           "cooptool/raw by CPU time", "raw peak RSS MB", "cooptool peak RSS MB"]))
        scale = results[1][1].seconds / results[2][1].seconds
        print(f"\ncooptool --jobs 2 vs --jobs 1: {scale:.2f}x")
        if args.big:
            big = news_files(args.corpus, args.big)
            big_folder = link_corpus(big, Path(tmp) / "big")
            run = timed_rss([exe, "extract", str(big_folder), "--store", str(Path(tmp) / "big.jsonl"),
                             "--model", args.model])
            raw_big = timed_rss([sys.executable, "-c", RAW, args.model, str(big_folder), "1"])
            small_rss, raw_small = results[1][1].max_rss_mb, results[1][0].max_rss_mb
            print(f"peak RSS, --jobs 1: cooptool {len(files)} docs {small_rss:,.0f} MB, {len(big)} docs "
                  f"{run.max_rss_mb:,.0f} MB ({run.max_rss_mb / small_rss:.2f}x; {words_of(big) / run.seconds:,.0f}"
                  f" words/s); raw nlp.pipe {raw_small:,.0f} MB -> {raw_big.max_rss_mb:,.0f} MB "
                  f"({raw_big.max_rss_mb / raw_small:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

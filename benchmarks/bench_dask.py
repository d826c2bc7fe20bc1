"""`extract --engine dask` against the local engine, in one run: words/s of `--jobs 1`, `--jobs 2` and
`--engine dask` with a LocalCluster of 2 worker processes, on the same BBC articles.

    python benchmarks/bench_dask.py [--corpus ../shared/corpus/news] [--docs 300] [--repeat 1]

Each run is a whole `cooptool extract DIR --store S` process into a fresh store, model loading (and,
for Dask, starting the cluster and loading the pipeline on its workers) included. The three stores
must be byte-identical. Words are whitespace-separated words of the files. From the measured rates
it prints an estimate for 10,000,000 articles of the same mean length. Skips when the corpus is absent.
"""

from __future__ import annotations

import argparse
import statistics
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

RUNS = {
    "--jobs 1": ["--jobs", "1"],
    "--jobs 2": ["--jobs", "2"],
    "--engine dask, 2 workers": ["--engine", "dask", "--jobs", "2"],
}
TARGET = 10_000_000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=1, help="rounds of the three runs (ratios are per round)")
    ap.add_argument("--model", default=None, help="a model name or folder (default: the one `extract` uses)")
    args = ap.parse_args()
    if args.model is None:
        from cooptool.extract.pipeline import resolve_model

        args.model = resolve_model()
    need_corpus(args.corpus)
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("skipped: Dask distributed is not installed (pip install 'cooptool[dask]')", file=sys.stderr)
        return 0
    exe = cooptool_exe()
    with tempfile.TemporaryDirectory() as tmp:
        files = news_files(args.corpus, args.docs)
        folder = link_corpus(files, Path(tmp) / "docs")
        words = words_of(files)
        rows, ratios, rates = [], {name: [] for name in RUNS}, {name: [] for name in RUNS}
        for rnd in range(args.repeat):
            stores, seconds = {}, {}
            for name, opts in RUNS.items():
                store = Path(tmp) / f"store{rnd}-{len(stores)}.jsonl"
                run = timed_rss([exe, "extract", str(folder), "--store", str(store), "--model", args.model, *opts])
                if run.returncode:
                    print(run.stderr.decode()[-800:], file=sys.stderr)
                    return 1
                stores[name], seconds[name] = store.read_bytes(), run.seconds
                rates[name].append(words / run.seconds)
                ratios[name].append(seconds["--jobs 1"] / run.seconds)
                rows.append([str(rnd + 1), name, f"{len(files)}", f"{run.seconds:.1f}", f"{words / run.seconds:,.0f}",
                             f"{seconds['--jobs 1'] / run.seconds:.2f}x", f"{run.cpu_seconds:.1f}",
                             f"{run.max_rss_mb:,.0f}"])
                print(" | ".join(rows[-1]), file=sys.stderr, flush=True)  # as it goes: rounds are long
            if len(set(stores.values())) != 1:
                print("FAIL: the stores differ between runs", file=sys.stderr)
                return 1
        print(f"machine: {machine()}")
        print(f"corpus: {args.corpus} ({len(files)} docs, {words:,} words), model {args.model}\n")
        print(table(rows, ["round", "run", "docs", "seconds", "words/s", "vs --jobs 1", "CPU s (client + children)",
                           "client peak RSS MB"]))
        print("\nstores byte-identical across all runs: yes")
        for name in RUNS:
            r = ratios[name]
            spread = f" (min {min(r):.2f}x, max {max(r):.2f}x over {len(r)} rounds)" if len(r) > 1 else ""
            print(f"{name}: median {statistics.median(r):.2f}x --jobs 1{spread}")
        per_worker = statistics.median(rates["--engine dask, 2 workers"]) / 2
        per_article = words / len(files)
        worker_hours = TARGET * per_article / per_worker / 3600
        print(f"\nestimate for {TARGET:,} articles of {per_article:,.0f} words: {per_worker:,.0f} words/s per "
              f"worker (measured, start-up included) -> {worker_hours:,.0f} worker-hours; "
              f"{worker_hours / 100:,.1f} h on 100 worker processes, {worker_hours / 1000:,.2f} h on 1,000")
    return 0


if __name__ == "__main__":
    sys.exit(main())

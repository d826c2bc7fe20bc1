"""The README's pictures: `show --html` of the bundled seed and `graph --format html` of 200 BBC
business articles, rendered by headless Chromium into docs/img/.

    .venv/bin/python benchmarks/screenshots.py                 # both pictures
    .venv/bin/python benchmarks/screenshots.py --only show     # the seed page only (no corpus needed)

Needs /usr/bin/chromium (Debian's `chromium`; or --chromium PATH). The graph picture needs the BBC
corpus (../shared/corpus/news/business); without it that picture is skipped (exit 0). The corpus
text is never copied: the picture shows names and links only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEFAULT_NEWS, ROOT, cooptool_exe  # noqa: E402

OUT = ROOT / "docs" / "img"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def screenshot(chromium: str, page: Path, out: Path, size: str) -> None:
    with tempfile.TemporaryDirectory(prefix="cooptool-shot-") as profile:
        proc = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
                               f"--screenshot={out}", page.resolve().as_uri()],
                              capture_output=True, text=True, timeout=180)
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    if console or not out.exists():
        sys.exit(f"screenshot of {page} failed: {console or proc.stderr[-1000:]}")
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size:,} bytes ({size})", file=sys.stderr)


def seed_page(work: Path) -> Path:
    store = work / "seed.jsonl"
    # From the project folder, so the page shows the seed's path as `seeds/...`, not this machine's.
    run(cooptool_exe(), "extract", "seeds", "--store", str(store), cwd=ROOT)
    doc = run(cooptool_exe(), "docs", "--store", str(store), "--format", "tsv").stdout.splitlines()[1].split("\t")[0]
    page = work / "show-seed.html"
    run(cooptool_exe(), "show", doc, "--store", str(store), "--html", str(page), cwd=ROOT)
    return page


def bbc_page(work: Path, corpus: Path, n: int, store: Path | None) -> Path | None:
    folder = corpus / "business"
    if not folder.is_dir():
        print(f"skipped the graph picture: corpus {folder} is absent", file=sys.stderr)
        return None
    files = sorted(folder.glob("*.txt"))[:n]
    store = store or work / "bbc.jsonl"
    t0 = time.perf_counter()
    subprocess.run([cooptool_exe(), "extract", *map(str, files), "--store", str(store)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"extracted {len(files)} BBC business articles in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    page = work / "graph-bbc.html"
    run(cooptool_exe(), "graph", "--store", str(store), "--format", "html", "-O", str(page),
        "--title", f"{len(files)} BBC business articles: people, organisations and places")
    return page


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=("show", "graph"))
    ap.add_argument("--corpus", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--store", type=Path, help="reuse (or create) this store for the BBC articles")
    ap.add_argument("--chromium", default=os.environ.get("COOPTOOL_CHROMIUM", "/usr/bin/chromium"))
    args = ap.parse_args()
    if not os.access(args.chromium, os.X_OK):
        print(f"skipped: no Chromium at {args.chromium} (apt-get install chromium)", file=sys.stderr)
        sys.exit(0)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cooptool-pages-") as tmp:
        work = Path(tmp)
        if args.only in (None, "show"):
            # Tall enough to reach the first claims (shaded, with their speakers' badges).
            screenshot(args.chromium, seed_page(work), OUT / "show-seed.png", "1400,1700")
        if args.only in (None, "graph"):
            page = bbc_page(work, args.corpus, args.docs, args.store)
            if page is not None:
                screenshot(args.chromium, page, OUT / "graph-bbc.png", "1400,1000")


if __name__ == "__main__":
    main()

"""Cross-document merges on a real extraction: does any entity row name two countries, do people
with different given names share a row, and does the brief fit one screen?

    .venv/bin/python benchmarks/merge_check.py                      # extract 300 BBC articles first (--jobs 2)
    .venv/bin/python benchmarks/merge_check.py --store bbc300.jsonl  # an existing store

Reads ../shared/corpus/news (60 articles from each category, in file order); skips when it is absent.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.common import DEFAULT_NEWS, cooptool_exe, need_corpus  # noqa: E402


def two_country_rows(rows: list[dict]) -> list[dict]:
    """Rows whose aliases name two countries (a name that itself names two, "US-China Business
    Council", is not a merge of two things)."""
    from cooptool.extract.aliases import countries_named

    bad = []
    for r in rows:
        if r["label"] == "PERSON":
            continue
        per = [countries_named([a]) for a in [r["name"], *r["aliases"]]]
        union = frozenset().union(*per)
        if len(union) > 1 and not any(p == union for p in per):
            bad.append(r)
    return bad


def two_given_name_rows(rows: list[dict]) -> list[dict]:
    from cooptool.extract.aliases import given_name

    bad = []
    for r in rows:
        if r["label"] != "PERSON":
            continue
        # an alias is another person's full name when it ends in the same surname and starts with a
        # word the row's name lacks ("Jeb Bush" in George Bush's row; not "Symmons Roberts")
        words = {w.lower() for w in r["name"].split()}
        last = r["name"].split()[-1].lower()
        others = [a for a in r["aliases"] if len(a.split()) >= 2 and a.split()[-1].lower() == last
                  and a.split()[0].lower() not in words]
        names = {given_name(a) for a in [r["name"], *others]} - {None}
        if len({n for n in names if len(n) > 1}) > 1:
            bad.append(r)
    return bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_NEWS)
    ap.add_argument("--per-category", type=int, default=60)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    exe = cooptool_exe()
    store = args.store
    if store is None:
        need_corpus(args.corpus)
        tmp = Path(tempfile.mkdtemp(prefix="merge-check-"))
        files = [str(p) for cat in sorted(args.corpus.iterdir()) if cat.is_dir()
                 for p in sorted(cat.glob("*.txt"))[:args.per_category]]
        store = tmp / "store.jsonl"
        subprocess.run([exe, "extract", *files, "--store", str(store), "--jobs", str(args.jobs)], check=False)
    out = subprocess.run([exe, "entities", "--store", str(store), "--format", "jsonl"], capture_output=True, check=True)
    rows = [orjson.loads(line) for line in out.stdout.splitlines()]
    countries = two_country_rows(rows)
    given = two_given_name_rows(rows)
    brief = subprocess.run([exe, "summary", "--store", str(store), "--format", "table"], capture_output=True,
                           check=True).stdout.decode().splitlines()
    print(f"store: {store}")
    print(f"entity rows: {len(rows)}")
    print(f"rows whose aliases name two countries: {len(countries)}")
    for r in countries[:10]:
        print(f"  {r['name']} ({r['label']}): {'; '.join(r['aliases'][:8])}")
    print(f"person rows with two given names: {len(given)}")
    for r in given[:10]:
        print(f"  {r['name']}: {'; '.join(r['aliases'][:8])}")
    print(f"summary: {len(brief)} lines, widest {max(map(len, brief))} columns")


if __name__ == "__main__":
    main()

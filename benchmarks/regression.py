#!/usr/bin/env python3
"""Regression harness: extract a fixed article set and diff the records against a saved run.

usage:
    python benchmarks/regression.py save DIR [--set quick|full]   # a baseline run of this code
    python benchmarks/regression.py diff DIR [--set quick|full] [--ignore KEY ...] [--show N]

The full set is 200 BBC articles (round-robin over the five categories), the first 50 China Daily
articles of `corpus/chinadaily/chinadaily.jsonl` and the 84 PolNeAR dev articles; `quick` is a fifth
of each, for iterating. Records are written one JSON line each, sorted, per set, under DIR (outside the
repository: records quote article text, which must not be committed).

`diff` re-extracts with the code of this checkout and prints, per record type, how many records were
added and removed, then the first N differences side by side. A refactor that changes nothing prints
"no differences" and exits 0; any difference exits 1. `--ignore pattern` compares records without
that key (e.g. when rule names were refined and nothing else may change); `--rename OLD=NEW` maps a
retired pattern name to its replacement before comparing.

Skips (exit 0) when ../shared/corpus is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, news_files  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
SIZES = {"full": (200, 50, 84), "quick": (40, 10, 17)}


def inputs(which: str) -> dict[str, list]:
    """The fixed documents of each part: (label, SourceDoc) lists, always in the same order."""
    import itertools

    from cooptool.extract.readers import read_file

    n_bbc, n_cd, n_pn = SIZES[which]
    parts: dict[str, list] = {}
    # The readers users run, so metadata (titles, dates of JSON Lines rows) is read as in `extract`.
    parts["bbc"] = [d for p in news_files(SHARED / "news", n_bbc) for d in read_file(p)]
    parts["chinadaily"] = list(itertools.islice(read_file(SHARED / "chinadaily" / "chinadaily.jsonl"), n_cd))
    pn = sorted((SHARED / "polnear" / "dev" / "text").glob("*"))[:n_pn]
    parts["polnear_dev"] = [d for p in pn for d in read_file(p)]
    return parts


def run(which: str) -> dict[str, list[bytes]]:
    from cooptool.extract.pipeline import extract_records, load_pipeline

    nlp = load_pipeline()
    out: dict[str, list[bytes]] = {}
    for part, sources in inputs(which).items():
        lines: list[bytes] = []
        for _src, records in extract_records(nlp, sources):
            lines += [orjson.dumps(r, option=orjson.OPT_SORT_KEYS) for r in records]
        out[part] = sorted(lines)
        print(f"{part}: {len(sources)} documents, {len(lines)} records", file=sys.stderr)
    return out


def _canon(line: bytes, ignore: set[str], rename: dict[str, str]) -> bytes:
    if not ignore and not rename:
        return line
    rec = orjson.loads(line)
    for key in ignore:
        rec.pop(key, None)
    if "pattern" in rec and rec["pattern"] in rename:
        rec["pattern"] = rename[rec["pattern"]]
    return orjson.dumps(rec, option=orjson.OPT_SORT_KEYS)


# The fields that tell one record from another when a difference is shown.
_BRIEF = {"claim": ("speaker", "cue", "text"), "affiliation": ("person", "role", "org"),
          "entity": ("name", "label", "aliases"), "fact": ("text", "subject", "about"),
          "event": ("name", "date", "place"), "document": ("path", "title")}


def _brief(line: bytes) -> str:
    rec = orjson.loads(line)
    keys = _BRIEF.get(rec.get("type"), ())
    return f"{rec.get('type')} {rec.get('doc')} " + " | ".join(str(rec.get(k))[:90] for k in keys)


def diff(saved: dict[str, list[bytes]], now: dict[str, list[bytes]], ignore: set[str], rename: dict[str, str],
         show: int) -> int:
    differences = 0
    for part in saved:
        old = Counter(_canon(x, ignore, rename) for x in saved[part])
        new = Counter(_canon(x, ignore, rename) for x in now.get(part, []))
        removed, added = old - new, new - old
        if not removed and not added:
            print(f"{part}: no differences ({sum(old.values())} records)")
            continue
        differences += sum(removed.values()) + sum(added.values())
        by_type: Counter = Counter()
        for rec, n in removed.items():
            by_type[(orjson.loads(rec)["type"], "-")] += n
        for rec, n in added.items():
            by_type[(orjson.loads(rec)["type"], "+")] += n
        summary = ", ".join(f"{t} {sign}{n}" for (t, sign), n in sorted(by_type.items()))
        print(f"{part}: {sum(removed.values())} removed, {sum(added.values())} added ({summary})")
        for rec in list(removed)[:show]:
            print("  - " + _brief(rec))
        for rec in list(added)[:show]:
            print("  + " + _brief(rec))
    if not differences:
        print("no differences")
    return 1 if differences else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=("save", "diff"))
    ap.add_argument("dir", type=Path)
    ap.add_argument("--set", dest="which", choices=tuple(SIZES), default="full")
    ap.add_argument("--ignore", nargs="*", default=[], help="record keys left out of the comparison")
    ap.add_argument("--rename", nargs="*", default=[], help="OLD=NEW pattern names")
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"skipped: corpus {SHARED} is absent", file=sys.stderr)
        return 0
    folder = args.dir / args.which
    now = run(args.which)
    if args.action == "save":
        folder.mkdir(parents=True, exist_ok=True)
        for part, lines in now.items():
            (folder / f"{part}.jsonl").write_bytes(b"".join(x + b"\n" for x in lines))
        print(f"saved to {folder}", file=sys.stderr)
        return 0
    saved = {p.stem: [x for x in p.read_bytes().split(b"\n") if x] for p in sorted(folder.glob("*.jsonl"))}
    if not saved:
        print(f"no saved run in {folder}; run `save` first", file=sys.stderr)
        return 2
    rename = dict(r.split("=", 1) for r in args.rename)
    return diff(saved, now, set(args.ignore), rename, args.show)


if __name__ == "__main__":
    sys.exit(main())

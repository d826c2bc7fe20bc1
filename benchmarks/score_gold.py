#!/usr/bin/env python3
"""Score the CLI against the hand-annotated BBC development gold (benchmarks/gold/bbc/*.json).

usage: python benchmarks/score_gold.py BIN_DIR [--json] [--keep] [GOLD.json ...]

The gold files here hold character offsets, not article text (the articles are third-party).
This script turns them into the form ../shared/eval/score.py expects, in a temporary
directory: each claim's `contains` is the article's text between `start` and `end`, and
`file` names the article under a temporary text root that links news/<category>/<NNN>.txt
to the corpus; a `file` of the form `chinadaily/chinadaily.jsonl#<id>` is that JSON Lines row, whose
offsets index its `text` and which is written out as `<title>\n\n<text>` (as the China Daily dev texts). Role-less named speakers (`speakers`) are passed to score.py as extra
`organizations` entries, the only place its format takes a speaker's aliases; that adds
no affiliation to score. Then it runs

    python ../shared/eval/score.py BIN_DIR GOLD... --text-root TMP [--json]

and exits with score.py's exit code. Skips with exit 0 when ../shared (its corpus or
score.py) is absent. --keep leaves the temporary directory in place and names it on stderr.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCORE = SHARED / "eval" / "score.py"
GOLD = ROOT / "benchmarks" / "gold" / "bbc"


def to_score_form(gold: dict, text: str) -> dict:
    """One offset gold file as a score.py gold file (contains = the text of each span)."""
    out = {"file": gold["file"], "people": gold["people"]}
    orgs = list(gold.get("organizations", []))
    orgs += [{"name": s["name"], "aliases": s.get("aliases", [])} for s in gold.get("speakers", [])]
    if orgs:
        out["organizations"] = orgs
    claims = []
    for c in gold["claims"]:
        if not (0 <= c["start"] < c["end"] <= len(text)):
            raise ValueError(f"claim span {c['start']}-{c['end']} is outside {gold['file']}")
        claims.append({"speaker": c["speaker"], "contains": text[c["start"]:c["end"]], "direct": c["direct"]})
    out["claims"] = claims
    return out


def build(gold_files: list[str], tmp: Path) -> list[str]:
    """Write the temporary gold files and text root under tmp; return the gold paths."""
    root = tmp / "texts"
    out = []
    for gf in gold_files:
        with open(gf, encoding="utf-8") as fh:
            gold = json.load(fh)
        if "#" in gold["file"]:
            text, form = _jsonl_row(gold, root)
        else:
            text, form = _text_file(gold, root), gold
        path = tmp / "gold" / os.path.basename(gf)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(to_score_form(form, text), ensure_ascii=False, indent=1), encoding="utf-8")
        out.append(str(path))
    return out


def _text_file(gold: dict, root: Path) -> str:
    """A corpus text file, linked into the text root; its text (the offsets' reference)."""
    src = CORPUS / gold["file"]
    with open(src, encoding="utf-8") as fh:
        text = fh.read()
    dst = root / gold["file"]
    dst.parent.mkdir(parents=True, exist_ok=True)
    if not dst.exists():
        try:
            dst.symlink_to(src.resolve())
        except OSError:
            shutil.copyfile(src, dst)
    return text


def _jsonl_row(gold: dict, root: Path) -> tuple[str, dict]:
    """"chinadaily/chinadaily.jsonl#<id>": offsets index the row's `text`; the article is written to the
    text root as `<title>\n\n<text>`, the form of ../shared/eval/dev_chinadaily/texts."""
    rel, row_id = gold["file"].split("#", 1)
    with open(CORPUS / rel, encoding="utf-8") as fh:
        row = next((r for r in map(json.loads, fh) if r.get("id") == row_id), None)
    if row is None:
        raise ValueError(f"no row with id {row_id} in {rel}")
    name = f"{Path(rel).stem}/{row_id}.txt"
    dst = root / name
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(f"{row.get('title') or ''}\n\n{row['text']}", encoding="utf-8")
    return row["text"], {**gold, "file": name}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bin", help="directory holding the cooptool executable (e.g. .venv/bin)")
    ap.add_argument("gold", nargs="*", help="gold files (default: benchmarks/gold/bbc/*.json)")
    ap.add_argument("--json", action="store_true", help="passed through to score.py")
    ap.add_argument("--keep", action="store_true", help="keep the temporary gold and text root")
    a = ap.parse_args(argv)
    if not (CORPUS / "news").is_dir() or not SCORE.is_file():
        print(f"skipped: {SHARED} (corpus/news and eval/score.py) is absent", file=sys.stderr)
        return 0
    files = a.gold or sorted(glob.glob(str(GOLD / "*.json")))
    if not files:
        print(f"error: no gold files in {GOLD}", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="score_gold_"))
    try:
        try:
            golds = build(files, tmp)
        except (OSError, ValueError, KeyError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        cmd = [sys.executable, str(SCORE), os.path.abspath(a.bin), *golds, "--text-root", str(tmp / "texts")]
        if a.json:
            cmd.append("--json")
        return subprocess.run(cmd).returncode
    except KeyboardInterrupt:
        return 130
    finally:
        if a.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

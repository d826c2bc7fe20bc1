#!/usr/bin/env python3
"""Checks the hand-annotated BBC development gold in benchmarks/gold/bbc/*.json.

usage: python benchmarks/gold/validate.py [GOLD.json ...] [--corpus DIR]

For every gold file:
  - it parses, has the expected keys and types, and its "file" matches its own name
    (<category>_<NNN>.json <-> news/<category>/<NNN>.txt);
  - every claim's start/end lies inside the article text (read with
    open(path, encoding="utf-8").read()), covers 3-8 whitespace-separated words and
    does not cut a word in two;
  - "direct" agrees with the quotation marks: true exactly when the span contains a
    quotation mark or starts inside an open quotation (the last mark before it in the
    same paragraph opens a quote), or, in the headline, has or sits between single
    quotation marks;
  - every name, alias and org form occurs in the text as whole words; an `org` that
    does not occur is accepted only when one of its `org_aliases` does (the country
    noun written only as an adjective: "Scotland" / "Scottish");
  - every speaker is a listed person, organisation or role-less named speaker;
  - role_keywords are 0-3 lower-case phrases of 1-3 words; no claim is listed twice.
Prints one line per error and a summary; exit 0 with no errors, 1 otherwise.
Skips with exit 0 when the corpus (../shared/corpus) is absent.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPUS = os.path.join(os.path.dirname(REPO), "shared", "corpus")
QUOTES = '"\u201c\u201d'
PERSON_KEYS = {"name", "aliases", "org", "org_aliases", "role_keywords"}


def occurs(form: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text) is not None


def inside_quote(text: str, start: int) -> bool:
    """True when the last quotation mark before start, in the same paragraph, opens a quote.

    BBC texts re-open a quote for each collapsed paragraph without closing the previous one
    ('..."end of one. "Start of next...'), so a mark counts as opening when it follows
    whitespace, an opening bracket or the paragraph start, and as closing otherwise.
    """
    para_start = text.rfind("\n", 0, start) + 1
    for i in range(start - 1, para_start - 1, -1):
        if text[i] in QUOTES:
            return text[i] == "\u201c" or (text[i] == '"' and (i == para_start or text[i - 1] in " \t([\u00a0"))
    return False


def read_text(corpus: str, file: str) -> str:
    """A corpus text file, or the `text` of the JSON Lines row `path#id` (what offsets index)."""
    if "#" in file:
        rel, row_id = file.split("#", 1)
        with open(os.path.join(corpus, rel), encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r.get("id") == row_id:
                    return r["text"]
        raise KeyError(f"no row {row_id}")
    with open(os.path.join(corpus, file), encoding="utf-8") as fh:
        return fh.read()


def check(path: str, corpus: str) -> tuple[list[str], dict]:
    errs: list[str] = []
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as fh:
            g = json.load(fh)
    except (OSError, ValueError) as exc:
        return [f"{name}: does not parse: {exc}"], {}
    for key in ("file", "people", "claims"):
        if key not in g:
            errs.append(f"{name}: missing key {key!r}")
    extra = set(g) - {"file", "people", "claims", "organizations", "speakers"}
    if extra:
        errs.append(f"{name}: unexpected keys {sorted(extra)}")
    if errs:
        return errs, {}
    m = re.fullmatch(r"([a-z]+)_(\d{3})\.json", name)
    row = re.fullmatch(r"cd_(\w+)\.json", name)
    if row and g["file"] != f"chinadaily/chinadaily.jsonl#{row.group(1)}" or not row and (
            not m or g["file"] != f"news/{m.group(1)}/{m.group(2)}.txt"):
        errs.append(f"{name}: file {g['file']!r} does not match the gold file's name")
    try:
        text = read_text(corpus, g["file"])
    except (OSError, KeyError, ValueError) as exc:
        return errs + [f"{name}: cannot read {g['file']}: {exc}"], {}

    speakers: set[str] = set()
    for i, p in enumerate(g["people"]):
        where = f"{name}: people[{i}] {p.get('name')!r}"
        if set(p) != PERSON_KEYS:
            errs.append(f"{where}: keys {sorted(p)} are not {sorted(PERSON_KEYS)}")
            continue
        speakers.add(p["name"])
        for form in [p["name"], *p["aliases"]]:
            if not isinstance(form, str) or not occurs(form, text):
                errs.append(f"{where}: name form {form!r} does not occur in the text")
        if p["org"] is None:
            if p["org_aliases"]:
                errs.append(f"{where}: org_aliases without an org")
        else:
            found = [f for f in p["org_aliases"] if occurs(f, text)]
            for form in p["org_aliases"]:
                if form not in found:
                    errs.append(f"{where}: org form {form!r} does not occur in the text")
            if not occurs(p["org"], text) and not found:
                errs.append(f"{where}: org {p['org']!r} does not occur and no org alias does")
        kws = p["role_keywords"]
        if not isinstance(kws, list) or len(kws) > 3:
            errs.append(f"{where}: role_keywords must be a list of at most 3")
        else:
            for k in kws:
                if not isinstance(k, str) or k != k.lower() or not 1 <= len(k.split()) <= 3:
                    errs.append(f"{where}: role keyword {k!r} is not 1-3 lower-case words")
    for key in ("organizations", "speakers"):
        for i, o in enumerate(g.get(key, [])):
            where = f"{name}: {key}[{i}] {o.get('name')!r}"
            if set(o) != {"name", "aliases"}:
                errs.append(f"{where}: keys {sorted(o)} are not ['aliases', 'name']")
                continue
            speakers.add(o["name"])
            for form in [o["name"], *o["aliases"]]:
                if not occurs(form, text):
                    errs.append(f"{where}: form {form!r} does not occur in the text")

    seen = set()
    for i, c in enumerate(g["claims"]):
        where = f"{name}: claims[{i}]"
        if set(c) != {"speaker", "start", "end", "direct"}:
            errs.append(f"{where}: keys {sorted(c)} are not ['direct', 'end', 'speaker', 'start']")
            continue
        s, e = c["start"], c["end"]
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            errs.append(f"{where}: offsets {s}-{e} are outside the text ({len(text)} chars)")
            continue
        span = text[s:e]
        n = len(span.split())
        if not 3 <= n <= 8:
            errs.append(f"{where}: span {s}-{e} has {n} words, not 3-8")
        if span != span.strip() or "\n" in span:
            errs.append(f"{where}: span {s}-{e} has edge whitespace or a line break")
        if (s > 0 and text[s - 1].isalnum() and span[0].isalnum()) or (
            e < len(text) and text[e].isalnum() and span[-1].isalnum()
        ):
            errs.append(f"{where}: span {s}-{e} cuts a word")
        if c["speaker"] not in speakers:
            errs.append(f"{where}: speaker {c['speaker']!r} is not a listed person or organisation")
        if not isinstance(c["direct"], bool):
            errs.append(f"{where}: direct is not a boolean")
        else:
            quoted = any(q in span for q in QUOTES) or inside_quote(text, s)
            if "\n" not in text[:s]:  # the headline quotes with single marks: Fox attacks Blair's Tory 'lies'
                flanked = s > 0 and text[s - 1] == "'" and text[e:e + 1] == "'"
                quoted = quoted or flanked or re.search(r"(^|\s)'|'(\s|$)", span) is not None
            if c["direct"] != quoted:
                errs.append(f"{where}: direct={c['direct']} but span {s}-{e} is{'' if quoted else ' not'} quoted")
        key = (c["speaker"], s, e)
        if key in seen:
            errs.append(f"{where}: duplicate claim")
        seen.add(key)

    people = g["people"]
    stats = {
        "words": len(text.split("\n", 1)[-1].split()),  # body words, headline excluded
        "entries": len(people),
        "persons": len({p["name"] for p in people}),
        "with_org": sum(1 for p in people if p["org"]),
        "claims": len(g["claims"]),
        "direct": sum(1 for c in g["claims"] if c.get("direct") is True),
        "orgs": len(g.get("organizations", [])),
    }
    return errs, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", help="gold files (default: benchmarks/gold/bbc/*.json)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="corpus root holding news/ (default: ../shared/corpus)")
    ap.add_argument("--table", action="store_true", help="also print the counts table (markdown)")
    a = ap.parse_args(argv)
    if not os.path.isdir(os.path.join(a.corpus, "news")):
        print(f"skipped: corpus {a.corpus} is absent", file=sys.stderr)
        return 0
    files = a.gold or sorted(glob.glob(os.path.join(HERE, "bbc", "*.json")))
    if not files:
        print("no gold files", file=sys.stderr)
        return 1
    total_errs = 0
    rows = []
    for f in files:
        errs, stats = check(f, a.corpus)
        for e in errs:
            print(e)
        total_errs += len(errs)
        if stats:
            rows.append((os.path.basename(f)[:-5], stats))
    if a.table:
        print("| file | words | people entries (persons; with org) | claims (direct) | org speakers |")
        print("|---|---|---|---|---|")
        tot = dict.fromkeys(("entries", "persons", "with_org", "claims", "direct", "orgs"), 0)
        for fid, s in rows:
            print(f"| {fid} | {s['words']} | {s['entries']} ({s['persons']}; {s['with_org']}) "
                  f"| {s['claims']} ({s['direct']}) | {s['orgs']} |")
            for k in tot:
                tot[k] += s[k]
        print(f"| **total** | | {tot['entries']} ({tot['persons']}; {tot['with_org']}) "
              f"| {tot['claims']} ({tot['direct']}) | {tot['orgs']} |")
    print(f"{len(files)} files, {sum(s['claims'] for _, s in rows)} claims, {total_errs} errors", file=sys.stderr)
    return 1 if total_errs else 0


if __name__ == "__main__":
    sys.exit(main())

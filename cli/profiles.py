"""`cooptool person NAME` and `cooptool org NAME`: everything a store says about one of them."""

from __future__ import annotations

from typing import Annotated

import orjson
import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, FormatOpt, StoreOpt, StrictOpt, fail
from cooptool.cli.environment import env
from cooptool.cli.narrow import (
    DocOpt,
    MinConfidenceOpt,
    SinceOpt,
    SourceOpt,
    UntilOpt,
    narrowed_records,
    narrowing,
)
from cooptool.cli.render import Format, choose_format, err

NameArg = Annotated[str, typer.Argument(metavar="NAME", help="A name or alias (case-insensitive; words in order).")]
SectionLimitOpt = Annotated[int | None, typer.Option(
    "--limit", "-l", min=1, metavar="N", help="At most N rows per section (oldest documents first).")]


def _profile(label: str, what: str, name: str, limit, doc, source, since, until, min_confidence, store, fmt,
             strict) -> None:
    from cooptool.extract.profiles import PROFILE_TYPES, build_profile

    chosen = choose_format(fmt)
    if chosen in (Format.csv, Format.tsv):
        raise fail(f"a profile is one object: use --format table, json or jsonl (for rows: cooptool "
                   f"{'who --person' if label == 'PERSON' else 'who --org'} NAME)", ExitStatus.USAGE)
    if not name.strip():
        raise fail(f"give the {what}'s name", ExitStatus.USAGE)
    n = narrowing(doc=doc, source=source, since=since, until=until, min_confidence=min_confidence)
    profile = build_profile(narrowed_records(store, PROFILE_TYPES, strict, n), name, label, limit)
    if profile is None:
        if chosen is Format.table:
            err.print(f"cooptool: no {what} matching {name!r}", markup=False)
        raise typer.Exit(int(ExitStatus.NOTHING))
    if chosen is Format.table:
        env.stdout.write("".join(line + "\n" for line in profile_lines(profile)))
    else:
        env.stdout.write(orjson.dumps(profile, option=orjson.OPT_INDENT_2 if chosen is Format.json else 0).decode()
                         + "\n")
    env.stdout.flush()
    if profile["also_matched"]:
        err.print(f"cooptool: also matching: {'; '.join(profile['also_matched'])}", markup=False)


def _cut(text: str | None, width: int) -> str:
    text = (text or "").replace("\r", " ").replace("\n", " ").replace("\t", " ").rstrip()
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def profile_lines(p: dict, width: int = 80) -> list[str]:
    c = p["counts"]
    out = [_cut(f"{p['name']} ({p['label']})" + (f" — also: {', '.join(p['aliases'][:6])}" if p["aliases"] else ""),
                width),
           _cut(f"{c['documents']} documents, {c['roles']} roles, {c['claims']} claims, {c['facts']} facts, "
                f"{c['events']} events", width)]

    def when(x: dict) -> str:
        return (x.get("published") or "")[:10] or x["doc"][:8]

    def section(title: str, lines: list[str], total: int) -> None:
        if not lines:
            return
        shown = f" (first {len(lines)} of {total})" if total > len(lines) else ""
        out.extend(["", title + shown])
        out.extend(_cut("  " + x, width) for x in lines)

    person = p["label"] == "PERSON"
    section("Roles", [f"{when(r)}  {r['status']:<8} " + (
        f"{r.get('role') or '(no role)'}, {r.get('org')}" if person else f"{r.get('person')}: {r.get('role') or '(no role)'}")
        for r in p["roles"]], c["roles"])
    section("Claims", [f"{when(x)}  " + ("" if person else f"{x.get('speaker')}: ")
                       + ("“" + (x.get("text") or "") + "”" if x.get("direct") else x.get("text") or "")
                       for x in p["claims"]], c["claims"])
    section("Facts", [f"{when(f)}  {f['amount']} – {f.get('about') or ''}"
                      + "".join(f", {x}" for x in (f.get("place"), f.get("date")) if x) for f in p["facts"]], c["facts"])
    section("Events", [f"{when(e)}  " + " · ".join(x for x in (e.get("name"), e.get("date"), e.get("place")) if x)
                       for e in p["events"]], c["events"])
    section("Documents", [f"{(d.get('published') or '')[:10] or '':<10}  {d['doc']}  {d.get('title') or ''}"
                          for d in p["documents"]], c["documents"])
    return out


@app.command()
def person(
    name: NameArg,
    limit: SectionLimitOpt = None, doc: DocOpt = None, source: SourceOpt = None, since: SinceOpt = None,
    until: UntilOpt = None, min_confidence: MinConfidenceOpt = None,
    store: StoreOpt = None, fmt: FormatOpt = None, strict: StrictOpt = False,
) -> None:
    """A person's profile: every role (current, former or incoming, with the document dates), every
    claim, every fact, the events and the documents. One JSON object with --format json."""
    _profile("PERSON", "person", name, limit, doc, source, since, until, min_confidence, store, fmt, strict)


@app.command()
def org(
    name: NameArg,
    limit: SectionLimitOpt = None, doc: DocOpt = None, source: SourceOpt = None, since: SinceOpt = None,
    until: UntilOpt = None, min_confidence: MinConfidenceOpt = None,
    store: StoreOpt = None, fmt: FormatOpt = None, strict: StrictOpt = False,
) -> None:
    """An organisation's profile: the people and their roles there, its claims and its people's, its
    facts, events and documents. One JSON object with --format json."""
    _profile("ORG", "organisation", name, limit, doc, source, since, until, min_confidence, store, fmt, strict)

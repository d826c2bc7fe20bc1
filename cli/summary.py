"""`cooptool summary`: a brief of a store that fits one screen (at most 40 lines of 80 columns)."""

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
from cooptool.cli.render import Format, choose_format
from cooptool.extract.records import RECORD_TYPES

SUMMARY_TYPES = RECORD_TYPES  # the summary reads every record type
BRIEF_ROWS = 5  # rows per section on a terminal: the brief stays within 40 lines
WIDTH = 80


@app.command()
def summary(
    top: Annotated[int | None, typer.Option(
        "--limit", "--top", "-l", min=1, max=100,
        help="Rows per section (default: 5 in the table, which then fits 40 lines; 10 in JSON).")] = None,
    doc: DocOpt = None, source: SourceOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """A brief of a store: totals, leading organisations and people with their roles, the most quoted
    speakers, notable facts and events. On a terminal at most 40 lines of 80 columns; with
    --format json one object with the detail."""
    from cooptool.extract.factbase import summarise

    chosen = choose_format(fmt)
    if chosen in (Format.csv, Format.tsv):
        raise fail("summary is one object: use --format table, json or jsonl", ExitStatus.USAGE)
    n = narrowing(doc=doc, source=source, since=since, until=until, min_confidence=min_confidence)
    rows = top or (BRIEF_ROWS if chosen is Format.table else 10)
    brief = summarise(narrowed_records(store, SUMMARY_TYPES, strict, n), top=rows)
    if brief["documents"]["count"] == 0:
        raise fail("the store holds no documents" + (" matching these options" if n.doc or n.needs_documents else ""))
    if chosen is Format.table:
        env.stdout.write("".join(line + "\n" for line in brief_lines(brief, rows)))
        env.stdout.flush()
    else:
        option = orjson.OPT_INDENT_2 if chosen is Format.json else 0
        env.stdout.write(orjson.dumps(brief, option=option).decode() + "\n")
        env.stdout.flush()


def _short(text: str | None, width: int) -> str:
    from rich.markup import escape

    from cooptool.cli.render import safe_text

    text = " ".join((text or "").split())
    if width <= 1:
        return escape(safe_text(text[:width]))
    text = text if len(text) <= width else text[:width - 1].rstrip() + "…"
    return escape(safe_text(text))  # shown as written: no markup, no terminal control characters


def _line(*parts: str, width: int = WIDTH) -> str:
    """One output line, cut to `width` (padding kept)."""
    text = "".join(parts).rstrip()
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s" if not word.endswith("y") else "")


def brief_lines(brief: dict, rows: int = BRIEF_ROWS, width: int = WIDTH) -> list[str]:
    """The brief as plain lines, none wider than `width`: with 5 rows a section, at most 40 lines."""
    d, t = brief["documents"], brief["totals"]
    out: list[str] = []
    span = " – ".join(x[:10] for x in (d["first_published"], d["last_published"]) if x)
    head = f"{d['count']:,} documents, {d['words']:,} words" + (f", published {span}" if span else "")
    if d["sources"]:
        head += "; " + ", ".join(f"{s['source']} ({s['documents']})" for s in d["sources"][:3])
    out.append(_line(head, width=width))
    unnamed = brief.get("unattributed_claims") or 0
    out.append(_line(f"Records: {t['entity']:,} entities, {t['affiliation']:,} affiliations, {t['claim']:,} claims, "
                     f"{t['fact']:,} facts, {t['event']:,} events", width=width))

    def section(title: str, lines: list[str]) -> None:
        if lines:
            out.append("")
            out.append(_line(title, width=width))
            out.extend(_line("  ", x, width=width) for x in lines[:rows])

    name_w = 26
    section("Organisations (documents, mentions)", [
        f"{_short(o['name'], name_w):<{name_w}} {o['documents']:>4} docs {o['mentions']:>5}" for o in brief["organisations"]])

    def role_of(p: dict) -> str:
        role = ", ".join(x for x in (p.get("role"), p.get("org")) if x)
        if role and p.get("status") in ("former", "incoming"):
            role = f"{p['status']}: {role}"
        return role

    section("People (documents; most frequent role)", [
        f"{_short(p['name'], name_w - 4):<{name_w - 4}} {p['documents']:>4}  {role_of(p)}" for p in brief["people"]])
    section("Most quoted (claims, direct)" + (f"; not counted: {unnamed:,} by unnamed speakers"
                                              if unnamed else ""), [
        f"{_short(c['speaker'], name_w - 4):<{name_w - 4}} {c['claims']:>4} {c['direct']:>4}  "
        + ", ".join(x for x in (c.get("role"), c.get("org")) if x) for c in brief["claims"]])
    section("Notable facts", [
        f"{_short(f['subject'], 22)}: {f['amount']} – {f.get('about') or ''}"
        + "".join(f", {x}" for x in (f.get("place"), f.get("date")) if x) for f in brief["facts"]["notable"]])
    ev = brief["events"]
    section(f"Events ({ev.get('real', len(ev['list']))} of {ev['count']} with a name and details)", [
        " · ".join(x for x in (e.get("date"), _short(e["name"], 40), e.get("place"),
                               "; ".join(e.get("organizers") or e.get("participants") or [])) if x)
        for e in ev["list"]])
    return out

"""`cooptool summary`: one screen that briefs a store."""

from __future__ import annotations

import sys
from typing import Annotated

import orjson
import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, FormatOpt, StoreOpt, StrictOpt, fail, open_records
from cooptool.cli.render import Format, choose_format

SUMMARY_TYPES = ("document", "entity", "affiliation", "claim", "fact", "event")


@app.command()
def summary(
    top: Annotated[int, typer.Option("--top", "-n", min=1, max=100, help="Rows per section.")] = 8,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """A one-screen brief of a store: documents, leading organisations and people, claims per
    speaker, notable facts and events (Rich panels on a terminal, one JSON object otherwise)."""
    from cooptool.extract.factbase import summarise

    chosen = choose_format(fmt)
    if chosen in (Format.csv, Format.tsv):
        raise fail("summary is one object: use --format table, json or jsonl", ExitStatus.USAGE)
    brief = summarise(open_records(store, SUMMARY_TYPES, strict), top=top)
    if brief["documents"]["count"] == 0:
        raise fail("the store holds no documents")
    if chosen is Format.table:
        show(brief)
    else:
        option = orjson.OPT_INDENT_2 if chosen is Format.json else 0
        sys.stdout.write(orjson.dumps(brief, option=option).decode() + "\n")
        sys.stdout.flush()


def _short(text: str | None, width: int) -> str:
    from rich.markup import escape

    from cooptool.cli.render import safe_text

    text = " ".join((text or "").split())
    text = text if len(text) <= width else text[:width - 1].rstrip() + "…"
    return escape(safe_text(text))  # shown as written: no markup, no terminal control characters


def show(brief: dict) -> None:
    from rich.columns import Columns
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table

    console = Console(soft_wrap=False)
    d = brief["documents"]
    span = " – ".join(x[:10] for x in (d["first_published"], d["last_published"]) if x)
    head = f"[bold]{d['count']}[/] documents, {d['words']:,} words"
    if span:
        head += f", published {span}"
    if d["sources"]:
        head += "; sources: " + ", ".join(f"{_short(s['source'], 40)} ({s['documents']})" for s in d["sources"][:4])
    head += (f"\n{brief['facts']['count']} facts, {brief['events']['count']} events"
             + (f", claims by {len(brief['claims'])}+ speakers" if brief["claims"] else ""))
    titles = Table.grid(padding=(0, 1))
    for t in d["titles"]:
        titles.add_row(f"[dim]{(t['published'] or '')[:10]}[/]", _short(t["title"], 90))
    console.print(Panel(Group(head, titles), title="Store", title_align="left"))

    orgs = Table(title="Organisations", title_justify="left", header_style="bold", box=None)
    for col in ("Organisation", "Docs", "Mentions"):
        orgs.add_column(col, overflow="fold")
    for o in brief["organisations"]:
        orgs.add_row(_short(o["name"], 40), str(o["documents"]), str(o["mentions"]))
    people = Table(title="People", title_justify="left", header_style="bold", box=None)
    for col in ("Person", "Role", "Docs"):
        people.add_column(col, overflow="fold")
    for p in brief["people"]:
        role = ", ".join(x for x in (_short(p["role"], 30), _short(p["org"], 28)) if x)
        people.add_row(_short(p["name"], 24), role, str(p["documents"]))
    console.print(Columns([orgs, people], padding=(0, 4)))

    if brief["claims"]:
        claims = Table(title="Claims per speaker", title_justify="left", header_style="bold", box=None)
        for col in ("Speaker", "Role / organisation", "Claims", "Example"):
            claims.add_column(col, overflow="fold")
        for c in brief["claims"]:
            who = ", ".join(x for x in (c.get("role"), c.get("org")) if x)
            claims.add_row(_short(c["speaker"], 24), _short(who, 30), str(c["claims"]), _short(c["example"], 70))
        console.print(claims)

    if brief["facts"]["notable"]:
        facts = Table(title="Notable facts", title_justify="left", header_style="bold", box=None)
        for col in ("Subject", "Amount", "About", "Place / date"):
            facts.add_column(col, overflow="fold")
        for f in brief["facts"]["notable"]:
            where = ", ".join(x for x in (f.get("place"), f.get("date")) if x)
            facts.add_row(_short(f["subject"], 28), f["amount"], _short(f.get("about"), 50), where)
        console.print(facts)

    if brief["events"]["list"]:
        events = Table(title="Events", title_justify="left", header_style="bold", box=None)
        for col in ("Event", "Date", "Place", "Organisers / participants"):
            events.add_column(col, overflow="fold")
        for e in brief["events"]["list"]:
            who = "; ".join(e.get("organizers") or []) or "; ".join(e.get("participants") or [])
            events.add_row(_short(e["name"], 50), e.get("date") or "", e.get("place") or "", _short(who, 50))
        console.print(events)

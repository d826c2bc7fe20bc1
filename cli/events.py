"""`cooptool events`: meetings, summits, conferences, seminars and signings."""

from __future__ import annotations

from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import FormatOpt, StoreOpt, StrictOpt
from cooptool.cli.narrow import (
    DescOpt,
    DocOpt,
    FieldsOpt,
    LimitOpt,
    MinConfidenceOpt,
    SinceOpt,
    SortOpt,
    SourceOpt,
    UntilOpt,
    narrowed_records,
    narrowing,
    output,
)
from cooptool.extract.records import keys

EVENT_COLUMNS = [("name", "Event"), ("kind", "Kind"), ("date", "Date"), ("place", "Place"), ("organizers", "Organisers"),
                 ("participants", "Participants"), ("documents", "Docs")]
# "documents" and "docs" come from merging the event across documents.
EVENT_KEYS = keys("event", "name", "aliases", "kind", "date", "date_text", "place", "organizers", "participants",
                  "documents", "docs", "doc", "evidence", "start", "end", "name_start", "name_end", "pattern",
                  derived=("documents", "docs"))


@app.command()
def events(
    name: Annotated[str | None, typer.Option("--name", "-n", help="Words of the event's name or alias.")] = None,
    org: Annotated[str | None, typer.Option(
        "--org", "-o", help="An organiser or participant (name or alias, case-insensitive).")] = None,
    limit: LimitOpt = None, sort: SortOpt = None, desc: DescOpt = False, doc: DocOpt = None,
    source: SourceOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = None, fields: FieldsOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Events: what met or was signed, when, where, organised by whom, with whom; each event once, with
    the number of documents that mention it."""
    from cooptool.extract.factbase import filter_events, merge_events

    n = narrowing(limit, sort, desc, doc, source, since, until, min_confidence)
    # The records are narrowed first (--doc, --since, ...), then merged across documents, then limited.
    merged = merge_events(narrowed_records(store, ("event",), strict, n))
    rows = ({k: r.get(k) for k in EVENT_KEYS} for r in filter_events(merged, name=name, org=org))
    output(rows, n, fmt=fmt, columns=EVENT_COLUMNS, keys=EVENT_KEYS, fields=fields, title="Events", what="events")

"""`cooptool search TEXT`: full-text search over claims, facts and evidence sentences."""

from __future__ import annotations

from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, FormatOpt, StoreOpt, StrictOpt, fail
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

SEARCH_COLUMNS = [("type", "Type"), ("who", "Who"), ("text", "Text"), ("doc", "Doc")]
SEARCH_KEYS = ("type", "who", "text", "evidence", "doc", "start", "end", "confidence")


@app.command()
def search(
    text: Annotated[str, typer.Argument(
        metavar="TEXT", help="Words to find, in any form (\"tax\" finds \"taxes\"); \"quoted words\" next to each other.")],
    types: Annotated[str | None, typer.Option(
        "--type", "-t", help="Only these record types: claim, fact, affiliation, event (several as claim,fact).")] = None,
    limit: LimitOpt = None, sort: SortOpt = None, desc: DescOpt = False, doc: DocOpt = None,
    source: SourceOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = None, fields: FieldsOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Full-text search: claims (their content), facts, affiliations and events (their sentences)."""
    from cooptool.extract.narrow import SEARCH_TYPES, prefilter_query, search_records
    from cooptool.extract.query import line_filter

    if not text.strip(' "'):
        raise fail("give the words to search for", ExitStatus.USAGE)
    wanted = tuple(t.strip().lower() for t in types.split(",") if t.strip()) if types else SEARCH_TYPES
    unknown = [t for t in wanted if t not in SEARCH_TYPES]
    if unknown or not wanted:
        raise fail(f"--type {types!r}: expected {', '.join(SEARCH_TYPES)}", ExitStatus.USAGE)
    n = narrowing(limit, sort, desc, doc, source, since, until, min_confidence)
    records = narrowed_records(store, wanted, strict, n, line_filter=line_filter(prefilter_query(text)))
    output(search_records(records, text), n, fmt=fmt, columns=SEARCH_COLUMNS, keys=SEARCH_KEYS, fields=fields,
           title=f"Search: {text}", what="records")

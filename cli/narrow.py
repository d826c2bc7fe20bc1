"""The options every query command shares to narrow its results (--limit, --sort, --desc, --doc,
--source, --since, --until, --min-confidence, --fields), and the output step that applies them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated

import typer

from cooptool.cli.common import ExitStatus, fail, finish, open_records
from cooptool.cli.render import Format, err, render
from cooptool.extract.narrow import NarrowError, Narrowing, check_date

LimitOpt = Annotated[int | None, typer.Option("--limit", "-l", min=0, metavar="N", help="At most N rows.")]
SortOpt = Annotated[str | None, typer.Option(
    "--sort", metavar="FIELD", help="Sort rows by this field (a JSON key; missing values last).")]
DescOpt = Annotated[bool, typer.Option("--desc", help="Sort descending (alone: newest store order first).")]
DocOpt = Annotated[str | None, typer.Option(
    "--doc", "-d", metavar="ID", help="Only this document (its id, or the start of it).")]
SourceOpt = Annotated[str | None, typer.Option(
    "--source", metavar="TEXT", help="Only documents whose source matches these words (case-insensitive).")]
SinceOpt = Annotated[str | None, typer.Option(
    "--since", metavar="DATE", help="Only documents published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option(
    "--until", metavar="DATE", help="Only documents published on or before DATE (--until 2005-02: all of February).")]
MinConfidenceOpt = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0, metavar="X",
    help="Only records with a confidence of at least X (affiliations and claims carry one).")]
FieldsOpt = Annotated[str | None, typer.Option(
    "--fields", metavar="A,B,C", help="Only these fields, in this order (every format; see the JSON keys).")]


def narrowing(limit: int | None = None, sort: str | None = None, desc: bool = False, doc: str | None = None,
              source: str | None = None, since: str | None = None, until: str | None = None,
              min_confidence: float | None = None) -> Narrowing:
    try:
        return Narrowing(doc=doc, source=source, since=check_date(since, "--since"),
                         until=check_date(until, "--until"), min_confidence=min_confidence, sort=sort,
                         desc=desc, limit=limit)
    except NarrowError as exc:
        raise fail(str(exc), ExitStatus.USAGE) from None


def parse_fields(fields: str | None, keys: Sequence[str]) -> list[str] | None:
    if not fields:
        return None
    chosen = [f.strip() for f in fields.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in keys]
    if unknown or not chosen:
        raise fail(f"--fields: unknown field(s) {', '.join(unknown) or '(none given)'}; fields: {', '.join(keys)}",
                   ExitStatus.USAGE)
    return chosen


def check_sort(n: Narrowing, keys: Sequence[str]) -> None:
    if n.sort and n.sort not in keys:
        raise fail(f"--sort {n.sort!r}: not a field here; fields: {', '.join(keys)}", ExitStatus.USAGE)


def narrowed_records(store: Path | None, types: tuple[str, ...], strict: bool, n: Narrowing,
                     line_filter: Callable[[bytes], bool] | None = None,
                     parse: Callable[[bytes], dict] | None = None,
                     index_keys: tuple[str, ...] | None = None) -> Iterator[dict]:
    """`open_records`, narrowed by --doc, --source, --since, --until and --min-confidence. Source and
    dates are the document's: its record is read too (and passes any line filter)."""
    if n.needs_documents and "document" not in types:
        read = (*types, "document")
        if line_filter is not None:
            inner = line_filter

            def line_filter(line: bytes) -> bool:
                return b'"type":"document"' in line or inner(line)
        if index_keys is not None:
            index_keys = (*index_keys, "document")
    else:
        read = types
    yield from n.records(open_records(store, read, strict, line_filter=line_filter, parse=parse,
                                      index_keys=index_keys), types)


def output(rows: Iterable[dict], n: Narrowing, *, fmt: Format | None, columns: Sequence[tuple[str, str]],
           keys: Sequence[str], fields: str | None, title: str, what: str) -> None:
    """Sort, limit and render rows; exit 1 (saying so on a terminal) when there are none."""
    chosen = parse_fields(fields, keys)
    check_sort(n, keys)
    count = render(n.rows(rows, keys), fmt=fmt, columns=columns, title=title, keys=keys, fields=chosen)
    if count:
        note_unscored(n, what)
    finish(count, what, fmt)


def note_unscored(n: Narrowing, what: str) -> None:
    """--min-confidence on records that carry no score (facts, events, entities) keeps them all: say so."""
    if n.min_confidence is not None and not n.scored:
        err.print(f"cooptool: note: {what} carry no confidence score; --min-confidence kept them all",
                  markup=False)

"""`cooptool who` and `cooptool docs`."""

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
from cooptool.extract.records import keys

WHO_COLUMNS = [("person", "Person"), ("role", "Role"), ("status", "Status"), ("org", "Organisation"),
               ("doc", "Doc")]
WHO_KEYS = keys("affiliation", "person", "role", "status", "org", "org_aliases", "doc", "evidence", "start", "end",
                "confidence", "pattern")


@app.command()
def who(
    org: Annotated[str | None, typer.Option("--org", "-o", help="Organisation name or alias (case-insensitive).")] = None,
    person: Annotated[str | None, typer.Option("--person", "-p", help="Person name or alias.")] = None,
    status: Annotated[str | None, typer.Option(
        "--status", help="Only current, former or incoming roles (several as current,incoming).")] = None,
    limit: LimitOpt = None, sort: SortOpt = None, desc: DescOpt = False, doc: DocOpt = None,
    source: SourceOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = None, fields: FieldsOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Who holds which role at which organisation (one row per affiliation)."""
    from cooptool.extract.profiles import affiliation_status, parse_statuses
    from cooptool.extract.query import filter_affiliations, line_filter

    n = narrowing(limit, sort, desc, doc, source, since, until, min_confidence)
    try:
        wanted = parse_statuses(status)
    except ValueError as exc:
        raise fail(str(exc), ExitStatus.USAGE) from None
    records = narrowed_records(store, ("affiliation",), strict, n, line_filter=line_filter(org, person))

    def rows():
        for r in filter_affiliations(records, org=org, person=person):
            row = {k: r.get(k) for k in WHO_KEYS}
            row["status"] = affiliation_status(r)
            if wanted is None or row["status"] in wanted:
                yield row

    output(rows(), n, fmt=fmt, columns=WHO_COLUMNS, keys=WHO_KEYS, fields=fields, title="Affiliations",
           what="affiliations")


# ---- docs -------------------------------------------------------------------------------------

DOC_COLUMNS = [("doc", "Doc"), ("title", "Title"), ("published", "Published"), ("source", "Source"),
               ("author", "Author"), ("words", "Words"), ("path", "Path")]
DOC_KEYS = keys("document", "doc", "path", "title", "published", "source", "author", "words")


@app.command()
def docs(
    limit: LimitOpt = None, sort: SortOpt = None, desc: DescOpt = False, doc: DocOpt = None,
    source: SourceOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = None, fields: FieldsOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """List the documents in a store."""
    n = narrowing(limit, sort, desc, doc, source, since, until, min_confidence)
    rows = ({k: r.get(k) for k in DOC_KEYS} for r in narrowed_records(store, ("document",), strict, n))
    output(rows, n, fmt=fmt, columns=DOC_COLUMNS, keys=DOC_KEYS, fields=fields, title="Documents",
           what="documents")

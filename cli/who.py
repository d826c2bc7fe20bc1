"""`cooptool who` and `cooptool docs`."""

from __future__ import annotations

from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import FormatOpt, StoreOpt, StrictOpt, finish, open_records
from cooptool.cli.render import render

WHO_COLUMNS = [("person", "Person"), ("role", "Role"), ("org", "Organisation"), ("doc", "Doc")]
WHO_KEYS = ("person", "role", "org", "org_aliases", "doc", "evidence", "start", "end", "confidence", "pattern")


@app.command()
def who(
    org: Annotated[str | None, typer.Option("--org", "-o", help="Organisation name or alias (case-insensitive).")] = None,
    person: Annotated[str | None, typer.Option("--person", "-p", help="Person name or alias.")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Who holds which role at which organisation (one row per affiliation)."""
    from cooptool.extract.query import filter_affiliations, line_filter

    records = open_records(store, ("affiliation",), strict, line_filter=line_filter(org, person))
    rows = ({k: r.get(k) for k in WHO_KEYS} for r in filter_affiliations(records, org=org, person=person))
    finish(render(rows, fmt=fmt, columns=WHO_COLUMNS, title="Affiliations"))


# ---- docs -------------------------------------------------------------------------------------

DOC_COLUMNS = [("doc", "Doc"), ("title", "Title"), ("published", "Published"), ("source", "Source"),
               ("author", "Author"), ("words", "Words"), ("path", "Path")]
DOC_KEYS = ("doc", "path", "title", "published", "source", "author", "words")


@app.command()
def docs(
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """List the documents in a store."""
    rows = ({k: r.get(k) for k in DOC_KEYS} for r in open_records(store, ("document",), strict))
    finish(render(rows, fmt=fmt, columns=DOC_COLUMNS, title="Documents"))



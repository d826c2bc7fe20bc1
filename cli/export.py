"""`cooptool export --sqlite FILE`: the store as a SQLite database (sqlite-utils)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, StoreOpt, StrictOpt, fail, open_records
from cooptool.cli.render import err


@app.command()
def export(
    sqlite: Annotated[Path | None, typer.Option(
        "--sqlite", dir_okay=False, metavar="FILE",
        help="Write (or add to) this SQLite database: one table per record type, FTS5 on claims and evidence.")] = None,
    store: StoreOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Export the store to SQLite (browse it with `datasette FILE`). Exporting again adds only
    the documents extracted since."""
    if sqlite is None:
        raise fail("nothing to do: give --sqlite FILE", ExitStatus.USAGE)
    import sqlite3

    try:
        from cooptool.extract.export import EXPORT_TYPES, export_sqlite, known_doc_filter
    except ImportError as exc:
        raise fail(f"export needs sqlite-utils ({exc}); install it with: pip install 'cooptool[sqlite]'") from None

    try:
        result = export_sqlite(lambda known: open_records(store, EXPORT_TYPES, strict,
                                                          line_filter=known_doc_filter(known) if known else None),
                               sqlite)
    except sqlite3.DatabaseError as exc:
        raise fail(f"{sqlite}: {exc}") from None
    except OSError as exc:
        raise fail(f"cannot write {sqlite}: {exc.strerror or exc}") from None
    added = result.added
    parts = ", ".join(f"{added[t]} {t}" for t in ("mentions", "affiliations", "claims", "facts", "events")
                      if added.get(t))
    err.print(f"cooptool: {result.documents} new document(s) exported to {sqlite}"
              + (f" ({parts})" if parts else "")
              + (f"; {result.skipped_docs} already there, skipped" if result.skipped_docs else ""), markup=False)
    if result.cleaned:
        err.print(f"cooptool: warning: removed {result.cleaned} rows left by an interrupted export", markup=False)
    if result.unfinished:
        err.print(f"cooptool: warning: {result.unfinished} record(s) of an unfinished document block not exported "
                  "(see: cooptool check)", markup=False)

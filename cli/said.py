"""`cooptool said`: who said what."""

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

SAID_COLUMNS = [("speaker", "Speaker"), ("role_org", "Role / Org"), ("text", "Claim"), ("doc", "Doc")]
SAID_KEYS = keys("claim", "speaker", "speaker_type", "speaker_mention", "role", "org", "text", "direct", "cue", "doc",
                 "evidence", "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end", "pieces",
                 "confidence")


def _row(rec: dict, table: bool) -> dict:
    row = {k: rec.get(k) for k in SAID_KEYS}
    if table:  # display only: CSV/TSV/JSON carry the fields as stored
        row["role_org"] = ", ".join(x for x in (rec.get("role"), rec.get("org")) if x) or (
            rec.get("speaker_type") if rec.get("speaker_type") in ("ORG", "GPE") else None)
        row["speaker"] = rec.get("speaker") or f"({rec.get('speaker_mention') or 'unnamed'})"
    return row


@app.command()
def said(
    by: Annotated[str | None, typer.Option("--by", "-b", help="Speaker name or alias (case-insensitive).")] = None,
    org: Annotated[str | None, typer.Option("--org", "-o", help="Claims by an organisation or by people affiliated with it.")] = None,
    about: Annotated[str | None, typer.Option(
        "--about", "-a", help="Words the claim must contain, in any form (\"tax\" finds \"taxes\", \"taxation\"); "
        "\"quoted words\" must be next to each other.")] = None,
    direct: Annotated[bool, typer.Option("--direct", help="Only direct quotes.")] = False,
    reported: Annotated[bool, typer.Option("--reported", help="Only reported speech.")] = False,
    limit: LimitOpt = None, sort: SortOpt = None, desc: DescOpt = False, doc: DocOpt = None,
    source: SourceOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = None, fields: FieldsOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Who said what: direct quotes and reported speech, one row per claim."""
    from cooptool.cli.render import Format, choose_format
    from cooptool.extract.claim_query import filter_claims
    from cooptool.extract.narrow import prefilter_query
    from cooptool.extract.query import line_filter

    if direct and reported:
        raise fail("--direct and --reported exclude each other", ExitStatus.USAGE)
    n = narrowing(limit, sort, desc, doc, source, since, until, min_confidence)
    only = True if direct else False if reported else None
    table = choose_format(fmt) is Format.table and not fields
    # Every filter matches text held in the claim record itself, so a line lacking a query word
    # cannot match and is skipped before parsing.
    prefilter = line_filter(by, org, prefilter_query(about))
    if by:
        # Only the lines of the speakers --by matches are read (the index groups claims by speaker);
        # otherwise as `narrowed_records`: document records too when their source or date narrows.
        from cooptool.cli.common import open_records
        from cooptool.extract.query import name_matches

        read = ("claim", "document") if n.needs_documents else ("claim",)
        claim_filter = prefilter
        if n.needs_documents and claim_filter is not None:
            prefilter = lambda line: b'"type":"document"' in line or claim_filter(line)  # noqa: E731
        records = n.records(open_records(store, read, strict, line_filter=prefilter,
                                         speaker=lambda names: name_matches(by, names)), ("claim",))
    else:
        records = narrowed_records(store, ("claim",), strict, n, line_filter=prefilter)
    recs = filter_claims(records, by=by, org=org, about_text=about, direct=only)
    output((_row(r, table) for r in recs), n, fmt=fmt, columns=SAID_COLUMNS, keys=SAID_KEYS, fields=fields,
           title="Claims", what="claims")

"""`cooptool facts`: numbers tied to their subject."""

from __future__ import annotations

import enum
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

FACT_COLUMNS = [("subject", "Subject"), ("kind", "Kind"), ("amount", "Amount"), ("about", "About"), ("period", "Period"),
                ("place", "Place"), ("date", "Date"), ("doc", "Doc")]
FACT_KEYS = keys("fact", "subject", "kind", "amount", "value", "value_max", "currency", "unit", "approx", "change", "text",
             "about", "period", "place", "date", "date_text", "source", "pattern", "doc", "evidence", "start", "end", "text_start", "text_end",
             "subject_aliases", "subject_via", derived=("amount",))


class Kind(str, enum.Enum):
    money = "money"
    percent = "percent"
    quantity = "quantity"
    count = "count"


@app.command()
def facts(
    about: Annotated[str | None, typer.Option(
        "--about", "-a", help="Subject name or alias (case-insensitive), e.g. \"JA Solar\".")] = None,
    kind: Annotated[Kind | None, typer.Option("--kind", "-k", help="Only this kind of number.")] = None,
    limit: LimitOpt = None, sort: SortOpt = None, desc: DescOpt = False, doc: DocOpt = None,
    source: SourceOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = None, fields: FieldsOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Numbers and what they are about: money, percentages, quantities and counts, with their subject."""
    from cooptool.extract.factbase import amount_text, filter_facts

    n = narrowing(limit, sort, desc, doc, source, since, until, min_confidence)

    def rows():
        for rec in filter_facts(narrowed_records(store, ("fact",), strict, n), about=about,
                                kind=kind.value if kind else None):
            row = {k: rec.get(k) for k in FACT_KEYS}
            row["amount"] = amount_text(rec)
            yield row

    output(rows(), n, fmt=fmt, columns=FACT_COLUMNS, keys=FACT_KEYS, fields=fields, title="Facts", what="facts")

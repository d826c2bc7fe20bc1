"""`cooptool entities`: entities across documents, merged by canonical name and shared aliases."""

from __future__ import annotations

from pathlib import Path
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

ENTITY_COLUMNS = [("name", "Name"), ("label", "Label"), ("aliases", "Aliases"), ("mentions", "Mentions"),
                  ("docs", "Docs")]
ENTITY_KEYS = keys("entity", "id", "name", "label", "aliases", "mentions", "docs", derived=("docs",))

AliasesOpt = Annotated[Path | None, typer.Option(
    "--aliases", envvar="COOPTOOL_ALIASES", dir_okay=False, show_envvar=True,
    help="Alias file (JSON or CSV: alias → canonical name) merging or renaming entities.")]


def load_alias_option(path: Path | None):
    """The alias table of --aliases, or None; an unreadable or malformed file is a usage error."""
    if path is None:
        return None
    from cooptool.extract.aliases import AliasFileError, load_aliases

    try:
        return load_aliases(path)
    except AliasFileError as exc:
        raise fail(f"bad alias file: {exc}", ExitStatus.USAGE) from None


def _entity_records(store, labels: list[str] | None, table, strict: bool, n):
    prefilter = keys = None
    if labels and table is None:
        # Without an alias file rows only merge within a label, so only that label's lines are read:
        # through the index's per-label offsets, else skipped before parsing.
        keys = tuple(dict.fromkeys(f"entity:{x}" for x in labels))  # "ORG,org" reads ORG lines once
        marks = tuple(b'"label":"' + x.encode() + b'"' for x in labels)
        prefilter = lambda line: any(m in line for m in marks)  # noqa: E731
    from cooptool.extract.index import parse_entity_summary

    # Rows need mention counts, not the mentions: entity lines are read without their mention lists.
    return narrowed_records(store, ("entity",), strict, n, line_filter=prefilter, parse=parse_entity_summary,
                            index_keys=keys)


@app.command()
def entities(
    label: Annotated[str | None, typer.Option(
        "--type", "-t", help="Only this label (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT, WORK_OF_ART, "
        "LAW; several as ORG,PERSON; any case).")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Name or alias (case-insensitive).")] = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Only the N most mentioned (as --limit).")] = None,
    aliases: AliasesOpt = None,
    limit: LimitOpt = None, sort: SortOpt = None, desc: DescOpt = False, doc: DocOpt = None,
    source: SourceOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = None, fields: FieldsOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Entities across documents: canonical name, label, aliases, mention count, documents.

    --doc, --source, --since and --until count only the mentions in those documents.
    """
    from cooptool.extract.aliases import filter_entities, merge_entities, parse_labels

    try:
        labels = parse_labels(label)
    except ValueError as exc:
        raise fail(str(exc), ExitStatus.USAGE) from None
    if top is not None:
        limit = top if limit is None else min(top, limit)
    n = narrowing(limit, sort, desc, doc, source, since, until, min_confidence)
    table = load_alias_option(aliases)
    label_text = ",".join(labels) if labels else None
    kinds = None
    if table is None and not n.doc and not n.needs_documents:
        # Rows merge within a label only (no alias file) and count every record (no document
        # narrowing): the index's per-label summaries answer without reading a store line.
        from cooptool.cli.common import open_entity_kinds

        kinds = open_entity_kinds(store, labels, strict)
    if kinds is not None:
        from cooptool.extract.factbase import merge_entity_kinds

        rows = filter_entities(merge_entity_kinds(kinds), label=label_text, name=name)
    else:
        rows = filter_entities(merge_entities(_entity_records(store, labels, table, strict, n), table),
                               label=label_text, name=name)
    output(rows, n, fmt=fmt, columns=ENTITY_COLUMNS, keys=ENTITY_KEYS, fields=fields, title="Entities",
           what="entities")

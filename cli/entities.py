"""`cooptool entities`: entities across documents, merged by canonical name and shared aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, FormatOpt, StoreOpt, StrictOpt, fail, finish, open_records
from cooptool.cli.render import render

ENTITY_COLUMNS = [("name", "Name"), ("label", "Label"), ("aliases", "Aliases"), ("mentions", "Mentions"),
                  ("docs", "Docs")]

AliasesOpt = Annotated[Path | None, typer.Option(
    "--aliases", "-a", envvar="COOPTOOL_ALIASES", dir_okay=False,
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


@app.command()
def entities(
    label: Annotated[str | None, typer.Option(
        "--type", "-t", help="Only this label (ORG, PERSON, GPE, LOC, NORP, EVENT, …; several as ORG,PERSON).")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Name or alias (case-insensitive).")] = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Only the N most mentioned.")] = None,
    aliases: AliasesOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Entities across documents: canonical name, label, aliases, mention count, documents."""
    from cooptool.extract.aliases import filter_entities, merge_entities

    table = load_alias_option(aliases)
    prefilter = keys = None
    if label and table is None:
        # Without an alias file rows only merge within a label, so only that label's lines are read:
        # through the index's per-label offsets, else skipped before parsing.
        labels = [x.strip().upper() for x in label.split(",") if x.strip()]
        keys = tuple(f"entity:{x}" for x in labels)
        marks = tuple(b'"label":"' + x.encode() + b'"' for x in labels)
        prefilter = lambda line: any(m in line for m in marks)  # noqa: E731
    from cooptool.extract.index import parse_entity_summary

    # Rows need mention counts, not the mentions: entity lines are read without their mention lists.
    records = open_records(store, ("entity",), strict, line_filter=prefilter, parse=parse_entity_summary,
                           index_keys=keys)
    rows = filter_entities(merge_entities(records, table), label=label, name=name)
    if top:
        rows = rows[:top]
    finish(render(rows, fmt=fmt, columns=ENTITY_COLUMNS, title="Entities"))

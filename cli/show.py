"""`cooptool show DOC|PATH`: one document with its facts, on the terminal or as an HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, StoreOpt, StrictOpt, fail, open_records
from cooptool.cli.environment import env
from cooptool.cli.render import err


@app.command()
def show(
    target: Annotated[str, typer.Argument(
        metavar="DOC|PATH",
        help="A document id (or unique prefix) in the store, or a file to extract on the fly ('-': stdin).")],
    html_out: Annotated[str | None, typer.Option(
        "--html", metavar="FILE|-", help="Write a self-contained HTML page to FILE ('-' for stdout).")] = None,
    store: StoreOpt = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", envvar="COOPTOOL_MODEL", help="spaCy pipeline for a PATH (default en_core_web_sm).")] = None,
    strict: StrictOpt = False,
) -> None:
    """Show one document: its text with entities, speakers and claims marked, then its
    affiliations, claims, facts and events (Rich on a terminal; --html for a page)."""
    from cooptool.extract.views import VIEW_TYPES, DocumentNotFound, build_view, find_text, group_document

    path = Path(target)
    views = []
    if target == "-" or path.exists():
        views = _extract_views(path, model)
    else:
        if len(target) < 4 or any(ch not in "0123456789abcdef" for ch in target.lower()):
            raise fail(f"{target}: no such file, and not a document id (list them with: cooptool docs)",
                       ExitStatus.USAGE)
        try:
            # Compact store lines hold `"doc":"<id>"`: other documents' lines are dropped unparsed.
            needle = b'"doc":"' + target.lower().encode()
            records = open_records(store, VIEW_TYPES, strict, line_filter=lambda line: needle in line)
            document, records = group_document(records, target.lower())
        except DocumentNotFound as exc:
            raise fail(str(exc)) from None
        from cooptool.extract.store import default_store_path

        base = (store or default_store_path()).resolve().parent
        text = find_text(document, base=base, warn=lambda m: err.print(f"cooptool: warning: {m}", markup=False))
        if text is None:
            err.print(f"cooptool: warning: the text of {document['doc']} was not found at {document.get('path')!r}; "
                      "showing the sentences its records quote", markup=False)
        views = [build_view(document, records, text)]
    if html_out is not None:
        from cooptool.extract.views import render_html

        page = render_html(views)
        if html_out == "-":
            env.stdout.write(page)
            env.stdout.flush()
        else:
            try:
                Path(html_out).write_text(page, encoding="utf-8")
            except OSError as exc:
                raise fail(f"cannot write {html_out}: {exc.strerror or exc}") from None
            err.print(f"cooptool: wrote {html_out}", markup=False)
        return
    from rich.console import Console

    from cooptool.extract.views import rich_view

    console = Console(soft_wrap=False)
    for view in views:
        console.print(rich_view(view))


def _extract_views(path: Path, model: str | None) -> list:
    """Extract the documents of a file or folder on the fly (spaCy is loaded only here)."""
    from cooptool.extract.readers import read_inputs
    from cooptool.extract.views import build_view

    problems = []

    def warn(issue) -> None:
        if issue.skipped:
            problems.append(issue)
        err.print(f"cooptool: warning: {issue}", markup=False)

    try:
        from cooptool.extract.pipeline import ModelNotFound, extract_records, load_pipeline
    except ImportError as exc:
        raise fail(f"cannot load the extraction pipeline: {exc}") from None
    sources = list(read_inputs([str(path)], warn))
    if not sources:
        raise fail(f"{path}: no document to show")
    try:
        nlp = load_pipeline(model)
    except ModelNotFound as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot load spaCy model: {exc}") from None
    nlp.max_length = max(nlp.max_length, max(len(s.text) for s in sources) + 1)
    views = []
    for src, records in extract_records(nlp, sources, on_error=lambda failure: warn(failure.issue())):
        by_type: dict[str, list[dict]] = {}
        document = None
        for rec in records:
            if rec["type"] == "document":
                document = rec
            else:
                by_type.setdefault(rec["type"], []).append(rec)
        views.append(build_view(document, by_type, src.text))
    return views

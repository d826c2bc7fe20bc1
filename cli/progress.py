"""A progress bar for long extractions: on stderr, only when stderr is a terminal."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from cooptool.cli.render import err


def count_inputs(paths: Iterable[str]) -> int | None:
    """Number of files to read, for the ETA; None when unknowable (stdin, JSON Lines of documents)."""
    from cooptool.extract.readers import JSONL_SUFFIXES, walk

    total = 0
    for raw in paths:
        if raw == "-":
            return None
        p = Path(raw)
        for f in walk(p) if p.is_dir() else [p]:  # counted, not listed: a folder may hold millions
            if f.suffix.lower() in JSONL_SUFFIXES:
                return None
            total += 1
    return total


def with_progress(blocks: Iterator[tuple[object, list[dict]]], total: int | None) -> Iterator[tuple[object, list[dict]]]:
    """Pass record blocks through, advancing a bar of documents, words/s and ETA."""
    if not err.is_terminal:
        yield from blocks
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = [TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[wps]} words/s"), TimeRemainingColumn()]
    started = time.monotonic()
    words = 0
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("extract", total=total, wps="-")
        for item in blocks:
            doc_rec = item[1][-1] if item[1] else {}
            words += doc_rec.get("words", 0) if doc_rec.get("type") == "document" else 0
            elapsed = max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, wps=f"{words / elapsed:,.0f}")
            yield item

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


def eta_text(done: int, total: int | None, elapsed: float) -> str:
    """Time left at the run's average pace so far ("0:01:05"), "-:--:--" before the first document.

    Rich's own estimate uses the last 30 s of updates, and documents arrive in batches (a worker
    returns a whole batch at once), so it read 0:00:04 with 30 s to go."""
    if not total or done <= 0:
        return "-:--:--"
    left = max(0.0, elapsed / done * (total - done))
    seconds = int(left + 0.5)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def with_progress(blocks: Iterator[tuple[object, list[dict]]], total: int | None) -> Iterator[tuple[object, list[dict]]]:
    """Pass record blocks through, advancing a bar of documents, words/s and ETA."""
    if not err.is_terminal:
        yield from blocks
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = [TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[wps]} words/s"), TextColumn("ETA {task.fields[eta]}")]
    started = time.monotonic()
    words = 0
    done = 0
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("extract", total=total, wps="-", eta=eta_text(0, total, 0))
        for item in blocks:
            doc_rec = item[1][-1] if item[1] else {}
            words += doc_rec.get("words", 0) if doc_rec.get("type") == "document" else 0
            done += 1
            elapsed = max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, wps=f"{words / elapsed:,.0f}", eta=eta_text(done, total, elapsed))
            yield item

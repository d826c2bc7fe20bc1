"""`cooptool extract`: articles in, records out (the only command that loads spaCy)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, fail, notice
from cooptool.cli.environment import env
from cooptool.cli.render import err
from cooptool.extract.readers import DEFAULT_MAX_CHARS
from cooptool.extract.records import RECORD_TYPES


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def bundled_seeds() -> list[str]:
    """The seed articles installed with the package (editable or regular install), wherever the
    user stands: never a `seeds/` folder that happens to be in the current directory."""
    from importlib.resources import files

    root = files("cooptool.seeds")
    return sorted(str(p) for p in root.iterdir() if p.name.endswith(".txt"))


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="[PATH]...",
        help="Articles to read: .txt/.md files (headline on the first line), .html pages, JSON Lines of "
        "documents ({\"id\", \"text\", ...}), or directories of them (recursive); '-' reads stdin. "
        "Default: the seed article bundled with cooptool.")] = None,
    store: Annotated[Path | None, typer.Option(
        "--store", "-s", envvar="COOPTOOL_STORE", dir_okay=False, show_envvar=True,
        help="Append records to this store (default ./cooptool.jsonl, or stdout when stdout is piped).")] = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", envvar="COOPTOOL_MODEL", show_envvar=True, help="spaCy pipeline (default en_core_web_sm if installed).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (spaCy n_process).")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")] = 32,
    aliases: Annotated[Path | None, typer.Option(
        "--aliases", envvar="COOPTOOL_ALIASES", dir_okay=False, show_envvar=True,
        help="Alias file (JSON or CSV: alias → canonical name) applied to the entities as they are extracted.")] = None,
    max_chars: Annotated[int, typer.Option(
        "--max-chars", min=1, help="Skip documents longer than this (files over 10x this many bytes are not read).")
    ] = DEFAULT_MAX_CHARS,
    engine: Annotated[Engine, typer.Option(
        "--engine", help="local: this machine (--jobs processes); dask: a Dask cluster (pip install 'cooptool[dask]').")
    ] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", envvar="COOPTOOL_DASK_SCHEDULER", metavar="ADDRESS",
        help="With --engine dask: the scheduler (tcp://host:8786); default a LocalCluster of --jobs workers.")] = None,
) -> None:
    """Read articles and write their records: documents, entities, affiliations, claims, facts and events.

    Records are appended to the store (./cooptool.jsonl by default) or, with no --store and stdout
    piped, written to stdout. Documents already in the store are skipped.

    Exit 0 when every input was read, 1 when an input was skipped (each is named on stderr;
    all good input is still processed) or nothing was extracted, 2 on a usage error.
    """
    from cooptool.cli.entities import load_alias_option
    from cooptool.cli.progress import count_inputs, with_progress
    from cooptool.extract.api import ExtractError
    from cooptool.extract.api import extract as run_extract
    from cooptool.extract.store import default_store_path

    inputs = paths or bundled_seeds()
    target = None if store is None and not env.stdout_isatty else (store or default_store_path())
    table = load_alias_option(aliases)
    try:
        summary = run_extract(
            inputs, target, out=env.stdout_bytes if target is None else None, model=model, jobs=jobs,
            engine=engine.value, batch_size=batch_size, aliases=table, max_chars=max_chars, scheduler=scheduler,
            on_issue=lambda issue: err.print(f"cooptool: warning: {issue}", markup=False),
            on_wait=lambda path: err.print(
                f"cooptool: waiting for {path}.lock (another extract is writing this store)", markup=False),
            on_notice=notice, on_message=lambda m: err.print(f"cooptool: {m}", markup=False),
            progress=lambda blocks: with_progress(blocks, count_inputs(inputs) if err.is_terminal else None))
    except ExtractError as exc:
        raise fail(str(exc)) from None
    err.print(summary_line(summary), markup=False)
    if summary.skipped:
        raise typer.Exit(int(ExitStatus.ERROR))
    if summary.nothing_done:
        raise typer.Exit(int(ExitStatus.NOTHING))


def summary_line(summary) -> str:
    """"cooptool: 3 document(s) extracted to STORE (40 entity, ...); 1 already stored, skipped; ..."."""
    counts = summary.records
    parts = ", ".join(f"{counts[t]} {t}" for t in RECORD_TYPES[1:] if counts.get(t))
    return (f"cooptool: {summary.documents} document(s) extracted to {summary.target}"
            + (f" ({parts})" if parts else "")
            + (f"; {summary.duplicates} already stored, skipped" if summary.duplicates else "")
            + (f"; {len(summary.skipped)} input(s) could not be read (see warnings)" if summary.skipped else ""))

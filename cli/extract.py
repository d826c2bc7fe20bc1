"""`cooptool extract`: articles in, records out (the only command that loads spaCy)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, fail
from cooptool.cli.render import err
from cooptool.extract.readers import DEFAULT_MAX_CHARS


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
    from cooptool.extract.distributed import ClusterError, DaskUnavailable  # Dask itself: only --engine dask
    from cooptool.extract.readers import OwnFiles, read_inputs
    from cooptool.extract.records import dumps
    from cooptool.extract.store import StoreError, StoreWriter, default_store_path

    inputs = paths or bundled_seeds()
    skipped_inputs = 0

    def warn(msg: str) -> None:
        nonlocal skipped_inputs
        if msg.rstrip().endswith("skipped"):  # the readers' convention for input that was not read
            skipped_inputs += 1
        err.print(f"cooptool: warning: {msg}", markup=False)

    to_stdout = store is None and not sys.stdout.isatty()
    target = None if to_stdout else (store or default_store_path())

    table = None
    if aliases is not None:
        from cooptool.cli.entities import load_alias_option

        table = load_alias_option(aliases)
    try:
        from cooptool.extract.pipeline import ModelNotFound, extract_records, load_pipeline, resolve_model
    except ImportError as exc:  # spaCy missing or broken: the extract path alone needs it
        raise fail(f"cannot load the extraction pipeline: {exc}") from None
    try:
        if engine is Engine.dask:  # the workers load the pipeline; a remote cluster resolves its default
            nlp = None
            model = model if scheduler else resolve_model(model)
        else:
            nlp = load_pipeline(model)
    except ModelNotFound as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # a malformed model folder fails in many ways: one line, never a traceback
        detail = " ".join(str(exc).split())
        detail = detail if len(detail) <= 200 else detail[:199] + "…"
        raise fail(f"cannot load spaCy model {model or ''}: {type(exc).__name__}: {detail}".replace(" :", ":")) from None
    if nlp is not None:
        if table is not None:
            nlp.get_pipe("cooptool_entities").set_aliases(table)
        nlp.max_length = max(nlp.max_length, max_chars)

    def run(sources):
        if nlp is not None:
            return extract_records(nlp, sources, n_process=jobs, batch_size=batch_size)
        from cooptool.extract.distributed import PipelineSpec, extract_records_dask

        spec = PipelineSpec(model=model, aliases=table, max_length=max_chars)
        return extract_records_dask(sources, spec, scheduler=scheduler, n_workers=jobs, batch_size=batch_size,
                                    on_message=lambda m: err.print(f"cooptool: {m}", markup=False))

    counts: dict[str, int] = {}
    skipped = 0
    seen: set[str] = set()

    own: OwnFiles | None = None

    def fresh(known: set[str]):
        nonlocal skipped
        for src in read_inputs(inputs, warn, max_chars=max_chars, exclude=own):
            if src.id in known or src.id in seen:
                skipped += 1
                continue
            seen.add(src.id)
            yield src

    from cooptool.cli.progress import count_inputs, with_progress

    total = count_inputs(inputs) if err.is_terminal else None

    def tally(records: list[dict]) -> None:
        for r in records:
            counts[r["type"]] = counts.get(r["type"], 0) + 1

    if target is None:
        out = sys.stdout.buffer
        blocks = run(fresh(set()))
        try:
            for _, records in with_progress(blocks, total):
                out.write(b"".join(dumps(r) for r in records))
                tally(records)
        except (ClusterError, DaskUnavailable) as exc:
            raise fail(str(exc)) from None
        finally:
            out.flush()
    else:
        from cooptool.cli.common import notice

        try:
            with StoreWriter(target, on_wait=lambda: err.print(
                    f"cooptool: waiting for {target}.lock (another extract is writing this store)",
                    markup=False), on_notice=notice) as writer:
                own = OwnFiles.of_store(writer.path)  # never read the store, index, lock or .dropped as input
                if writer.repaired_bytes:
                    warn(f"{target}: dropped {writer.repaired_bytes} bytes of an interrupted write")
                blocks = run(fresh(writer.known))
                for _, records in with_progress(blocks, total):
                    writer.write_block(records)
                    tally(records)
        except (StoreError, ClusterError, DaskUnavailable) as exc:
            raise fail(str(exc)) from None
        except OSError as exc:
            raise fail(f"cannot write store {target}: {exc.strerror or exc}") from None
        from cooptool.extract.index import update_index

        update_index(target)  # queries start from a ready index

    docs = counts.get("document", 0)
    parts = ", ".join(f"{counts[t]} {t}" for t in ("entity", "affiliation", "claim", "fact", "event") if counts.get(t))
    where = "stdout" if target is None else str(target)
    err.print(f"cooptool: {docs} document(s) extracted to {where}"
              + (f" ({parts})" if parts else "")
              + (f"; {skipped} already stored, skipped" if skipped else "")
              + (f"; {skipped_inputs} input(s) could not be read (see warnings)" if skipped_inputs else ""),
              markup=False)
    if skipped_inputs or (docs == 0 and skipped == 0):
        raise typer.Exit(int(ExitStatus.ERROR))



"""`cooptool extract`: articles in, records out (the only command that loads spaCy)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cooptool.cli.app import app
from cooptool.cli.common import ExitStatus, fail
from cooptool.cli.render import err
from cooptool.extract.readers import DEFAULT_MAX_CHARS


def bundled_seeds() -> Path:
    local = Path("seeds")
    if local.is_dir():
        return local
    from importlib.resources import files

    return Path(str(files("cooptool.seeds")))


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files or directories (recursive); '-' reads stdin. Default: the bundled seeds/.")] = None,
    store: Annotated[Path | None, typer.Option(
        "--store", "-s", envvar="COOPTOOL_STORE", dir_okay=False,
        help="Append records to this store (default ./cooptool.jsonl, or stdout when stdout is piped).")] = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", envvar="COOPTOOL_MODEL", help="spaCy pipeline (default en_core_web_sm if installed).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (spaCy n_process).")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")] = 32,
    aliases: Annotated[Path | None, typer.Option(
        "--aliases", "-a", envvar="COOPTOOL_ALIASES", dir_okay=False,
        help="Alias file (JSON or CSV: alias → canonical name) applied to the entities as they are extracted.")] = None,
    max_chars: Annotated[int, typer.Option(
        "--max-chars", min=1, help="Skip documents longer than this (files over 10x this many bytes are not read).")
    ] = DEFAULT_MAX_CHARS,
) -> None:
    """Extract documents, entities and affiliations from articles into JSON Lines records.

    Exit 0 when every input was read, 1 when an input was skipped (each is named on stderr;
    all good input is still processed) or nothing was extracted, 2 on a usage error.
    """
    from cooptool.extract.readers import OwnFiles, read_inputs
    from cooptool.extract.records import dumps
    from cooptool.extract.store import StoreError, StoreWriter, default_store_path

    inputs = paths or [str(bundled_seeds())]
    skipped_inputs = 0

    def warn(msg: str) -> None:
        nonlocal skipped_inputs
        if msg.rstrip().endswith("skipped"):  # the readers' convention for input that was not read
            skipped_inputs += 1
        err.print(f"cooptool: warning: {msg}", markup=False)

    to_stdout = store is None and not sys.stdout.isatty()
    target = None if to_stdout else (store or default_store_path())

    try:
        from cooptool.extract.pipeline import ModelNotFound, extract_records, load_pipeline
    except ImportError as exc:  # spaCy missing or broken: the extract path alone needs it
        raise fail(f"cannot load the extraction pipeline: {exc}") from None
    try:
        nlp = load_pipeline(model)
    except ModelNotFound as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # a malformed model folder fails in many ways: one line, never a traceback
        detail = " ".join(str(exc).split())
        detail = detail if len(detail) <= 200 else detail[:199] + "…"
        raise fail(f"cannot load spaCy model {model or ''}: {type(exc).__name__}: {detail}".replace(" :", ":")) from None
    if aliases is not None:
        from cooptool.cli.entities import load_alias_option

        nlp.get_pipe("cooptool_entities").set_aliases(load_alias_option(aliases))
    nlp.max_length = max(nlp.max_length, max_chars)

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
        blocks = extract_records(nlp, fresh(set()), n_process=jobs, batch_size=batch_size)
        for _, records in with_progress(blocks, total):
            out.write(b"".join(dumps(r) for r in records))
            tally(records)
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
                blocks = extract_records(nlp, fresh(writer.known), n_process=jobs, batch_size=batch_size)
                for _, records in with_progress(blocks, total):
                    writer.write_block(records)
                    tally(records)
        except StoreError as exc:
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



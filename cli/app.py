"""The `cooptool` command. Commands are thin: they parse options, call the library, render.

Exit status (as grep): 0 ok, 1 runtime error or nothing matched, 2 usage error.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from cooptool import __version__
from cooptool.cli.render import Format, err, render


class ExitStatus(enum.IntEnum):
    OK = 0
    ERROR = 1  # a runtime error, or nothing matched
    USAGE = 2


app = typer.Typer(
    name="cooptool",
    help="Turn news articles into a queryable JSON Lines fact base: who is who, who said what, "
    "which numbers and which events.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def fail(message: str, status: ExitStatus = ExitStatus.ERROR) -> typer.Exit:
    err.print(f"cooptool: {message}", markup=False)
    return typer.Exit(int(status))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cooptool {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """cooptool: news articles in, facts out."""


# ---- shared options -------------------------------------------------------------------------

StoreOpt = Annotated[Path | None, typer.Option(
    "--store", "-s", envvar="COOPTOOL_STORE", dir_okay=False,
    help="The JSON Lines store (default ./cooptool.jsonl; with piped stdin and no --store, records are read from stdin).")]
FormatOpt = Annotated[Format | None, typer.Option(
    "--format", "-f", help="Output format; default: table on a terminal, jsonl when piped.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Fail on a damaged store line instead of skipping it.")]


def stdin_is_piped() -> bool:
    try:
        return not sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def open_records(store: Path | None, types: tuple[str, ...], strict: bool = False) -> Iterator[dict]:
    """Records of the given types from --store, else piped stdin, else ./cooptool.jsonl."""
    from cooptool.extract.store import StoreError, default_store_path, iter_records, read_store

    def warn(bad) -> None:
        err.print(f"cooptool: warning: {bad}; line skipped", markup=False)

    try:
        if store is None and stdin_is_piped() and not os.environ.get("COOPTOOL_STORE"):
            yield from iter_records(sys.stdin.buffer, source="<stdin>", types=types, on_error=warn, strict=strict)
            return
        path = store or default_store_path()
        if not path.exists():
            raise fail(f"no store at {path}; create one with: cooptool extract [PATH ...] --store {path}")
        yield from read_store(path, types=types, on_error=warn, strict=strict)
    except StoreError as exc:
        raise fail(f"damaged store: {exc}") from None


def finish(count: int) -> None:
    """No match exits 1, like grep."""
    if count == 0:
        raise typer.Exit(int(ExitStatus.ERROR))


# ---- extract ----------------------------------------------------------------------------------

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
) -> None:
    """Extract documents, entities and affiliations from articles into JSON Lines records."""
    from cooptool.extract.readers import read_inputs
    from cooptool.extract.records import dumps
    from cooptool.extract.store import StoreWriter, default_store_path

    inputs = paths or [str(bundled_seeds())]
    warnings = 0

    def warn(msg: str) -> None:
        nonlocal warnings
        warnings += 1
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
    except OSError as exc:
        raise fail(f"cannot load spaCy model: {exc}") from None

    counts: dict[str, int] = {}
    skipped = 0
    seen: set[str] = set()

    def fresh(known: set[str]):
        nonlocal skipped
        for src in read_inputs(inputs, warn):
            if src.id in known or src.id in seen:
                skipped += 1
                continue
            seen.add(src.id)
            yield src

    def tally(records: list[dict]) -> None:
        for r in records:
            counts[r["type"]] = counts.get(r["type"], 0) + 1

    if target is None:
        out = sys.stdout.buffer
        for _, records in extract_records(nlp, fresh(set()), n_process=jobs, batch_size=batch_size):
            out.write(b"".join(dumps(r) for r in records))
            tally(records)
        out.flush()
    else:
        try:
            with StoreWriter(target) as writer:
                if writer.repaired_bytes:
                    warn(f"{target}: dropped {writer.repaired_bytes} bytes of an interrupted write")
                for _, records in extract_records(nlp, fresh(writer.known), n_process=jobs, batch_size=batch_size):
                    writer.write_block(records)
                    tally(records)
        except OSError as exc:
            raise fail(f"cannot write store {target}: {exc.strerror or exc}") from None

    docs = counts.get("document", 0)
    parts = ", ".join(f"{counts[t]} {t}" for t in ("entity", "affiliation", "claim", "fact", "event") if counts.get(t))
    where = "stdout" if target is None else str(target)
    err.print(f"cooptool: {docs} document(s) extracted to {where}"
              + (f" ({parts})" if parts else "")
              + (f"; {skipped} already stored, skipped" if skipped else ""), markup=False)
    if docs == 0 and skipped == 0:
        raise typer.Exit(int(ExitStatus.ERROR))


# ---- who --------------------------------------------------------------------------------------

WHO_COLUMNS = [("person", "Person"), ("role", "Role"), ("org", "Organisation"), ("doc", "Doc")]
WHO_KEYS = ("person", "role", "org", "org_aliases", "doc", "evidence", "start", "end", "confidence", "pattern")


@app.command()
def who(
    org: Annotated[str | None, typer.Option("--org", "-o", help="Organisation name or alias (case-insensitive).")] = None,
    person: Annotated[str | None, typer.Option("--person", "-p", help="Person name or alias.")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Who holds which role at which organisation (one row per affiliation)."""
    from cooptool.extract.query import filter_affiliations

    rows = ({k: r.get(k) for k in WHO_KEYS}
            for r in filter_affiliations(open_records(store, ("affiliation",), strict), org=org, person=person))
    finish(render(rows, fmt=fmt, columns=WHO_COLUMNS, title="Affiliations"))


# ---- docs -------------------------------------------------------------------------------------

DOC_COLUMNS = [("doc", "Doc"), ("title", "Title"), ("published", "Published"), ("source", "Source"),
               ("author", "Author"), ("words", "Words"), ("path", "Path")]
DOC_KEYS = ("doc", "path", "title", "published", "source", "author", "words")


@app.command()
def docs(
    store: StoreOpt = None,
    fmt: FormatOpt = None,
    strict: StrictOpt = False,
) -> None:
    """List the documents in a store."""
    rows = ({k: r.get(k) for k in DOC_KEYS} for r in open_records(store, ("document",), strict))
    finish(render(rows, fmt=fmt, columns=DOC_COLUMNS, title="Documents"))


# ---- entry point ------------------------------------------------------------------------------

def main() -> None:
    """Console entry point: quiet on broken pipes (`| head`), exit codes as documented."""
    try:
        app()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitStatus.OK))
    except KeyboardInterrupt:
        err.print("cooptool: interrupted", markup=False)
        sys.exit(130)

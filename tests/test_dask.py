"""`extract --engine dask` on a real LocalCluster of 2 worker processes: the store is byte-identical to
`--jobs 1`, also when a worker is killed mid-batch, and a second run adds nothing.

The kill is made deterministic without sleeps: the test holds its own Client of the cluster, waits
until the scheduler shows a cooptool batch assigned to a worker, SIGKILLs that worker's process, and
checks afterwards that the batch was recomputed elsewhere.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.articles import write_articles

# Imported before any CliRunner: distributed binds its log handlers to the real stderr on import.
distributed = pytest.importorskip("distributed")

from cooptool.cli.app import app  # noqa: E402

pytestmark = pytest.mark.model

DOCS = 20
DEADLINE = 120  # seconds; only reached when something is broken


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "docs"
    write_articles(folder, 0, DOCS)
    return folder


@pytest.fixture(scope="module")
def reference(corpus) -> bytes:
    store = corpus.parent / "jobs1.jsonl"
    result = CliRunner().invoke(app, ["extract", str(corpus), "--store", str(store), "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    return store.read_bytes()


@pytest.fixture(scope="module")
def cluster():
    """The test's own LocalCluster: 2 worker processes (with nannies, which restart a killed worker)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster


def documents(store: bytes) -> int:
    return store.count(b'"type":"document"')


def test_local_cluster_store_is_identical_to_jobs_1_and_a_rerun_adds_nothing(corpus, reference, tmp_path):
    store = tmp_path / "dask.jsonl"
    args = ["extract", str(corpus), "--store", str(store), "--engine", "dask", "--jobs", "2", "--batch-size", "4"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "cooptool: Dask dashboard: http://" in result.stderr
    assert f"{DOCS} document(s) extracted" in result.stderr
    assert documents(reference) == DOCS
    assert store.read_bytes() == reference

    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.stderr
    assert f"0 document(s) extracted to {store}; {DOCS} already stored, skipped" in again.stderr
    assert "Dask dashboard" not in again.stderr  # nothing new: no cluster is started
    assert store.read_bytes() == reference


def test_unreachable_scheduler_is_a_one_line_error(corpus, tmp_path):
    import dask

    store = tmp_path / "s.jsonl"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, ["extract", str(corpus), "--store", str(store), "--engine", "dask"],
                                    env={"COOPTOOL_DASK_SCHEDULER": "tcp://127.0.0.1:9"})
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "cannot connect to the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not store.exists() or store.read_bytes() == b""


def test_a_worker_killed_mid_batch_still_gives_the_identical_store(corpus, reference, cluster, tmp_path):
    store = tmp_path / "killed.jsonl"
    env = {k: v for k, v in os.environ.items() if k not in ("COOPTOOL_STORE", "COOPTOOL_DASK_SCHEDULER")}
    with distributed.Client(cluster) as client:
        pids = client.run(os.getpid)  # worker address -> process id
        proc = subprocess.Popen(
            [sys.executable, "-m", "cooptool", "extract", str(corpus), "--store", str(store), "--engine", "dask",
             "--scheduler", cluster.scheduler_address, "--batch-size", "5"],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            victim, key = None, None
            end = time.monotonic() + DEADLINE
            while victim is None:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < end, "no batch ever reached a worker"
                for addr, keys in client.processing().items():
                    batches = [k for k in keys if str(k).startswith("cooptool-batch-")]
                    if batches and addr in pids:
                        victim, key = addr, batches[0]
                        break
            os.kill(pids[victim], signal.SIGKILL)
            out, err = proc.communicate(timeout=DEADLINE)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0, err.decode()
        assert out == b""
        assert store.read_bytes() == reference
        # The killed worker left the cluster and its batch was computed again by another worker.
        assert victim not in client.scheduler_info(n_workers=-1)["workers"]
        story = client.run_on_scheduler(lambda dask_scheduler, key=key: [
            (t[1], t[2]) for t in dask_scheduler.story(key)])
        assert sum(1 for _, finish in story if finish == "processing") >= 2, story

    again = CliRunner().invoke(app, ["extract", str(corpus), "--store", str(store), "--engine", "dask"])
    assert again.exit_code == 0, again.stderr
    assert f"{DOCS} already stored, skipped" in again.stderr
    assert store.read_bytes() == reference


def test_query_commands_never_import_dask(tmp_path):
    """Dask is for `extract --engine dask` only: a query starts without it (nor spaCy)."""
    store = tmp_path / "s.jsonl"
    store.write_bytes(b"")
    code = ("import sys\nfrom cooptool.cli.app import main\nsys.argv = ['cooptool', 'who', '--store', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'spacy'))\n"
            "print(','.join(bad))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(store)], capture_output=True, timeout=60)
    assert proc.stdout.decode().strip().splitlines()[-1:] in ([], [""]), proc.stdout

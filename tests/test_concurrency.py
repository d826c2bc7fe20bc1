"""Real processes: two concurrent extracts into one store, and SIGKILL mid-extract then rerun.

Made deterministic with a named pipe: an extract given `a/ pipe.txt ...` writes the blocks of a/
and then blocks opening pipe.txt (a FIFO nobody writes yet) while it holds the store's lock. The
tests wait for conditions (blocks in the store, a message on stderr), never for a time.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.articles import article, write_articles

pytestmark = pytest.mark.model

DEADLINE = 120  # seconds; only reached when something is broken


def cooptool(*args: str, cwd: Path, **kwargs) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("COOPTOOL_STORE",)}
    return subprocess.Popen([sys.executable, "-m", "cooptool", *args], cwd=cwd, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    proc = cooptool(*args, cwd=cwd)
    out, err = proc.communicate(timeout=DEADLINE)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode())


def scenario(root: Path, *, fifo: bool) -> Path:
    """a/ (4 articles), b/ (4 more) and pipe.txt: a FIFO, or a plain file with a ninth article."""
    root.mkdir()
    write_articles(root / "a", 0, 4)
    write_articles(root / "b", 4, 4)
    if fifo:
        os.mkfifo(root / "pipe.txt")
    else:
        (root / "pipe.txt").write_text(article(8), encoding="utf-8")
    return root


def committed_docs(store: Path) -> int:
    if not store.exists():
        return 0
    return sum(1 for line in store.read_bytes().splitlines(keepends=True)
               if b'"type":"document"' in line and line.endswith(b"\n"))


def wait_until(condition, what: str, procs=()) -> None:
    end = time.monotonic() + DEADLINE
    while not condition():
        for p in procs:
            if p.poll() is not None:
                raise AssertionError(f"process ended (status {p.returncode}) before {what}: "
                                     f"{p.stderr.read().decode()}")
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def read_stderr_until(proc: subprocess.Popen, needle: str) -> str:
    seen = b""
    end = time.monotonic() + DEADLINE
    while needle.encode() not in seen:
        ready, _, _ = select.select([proc.stderr], [], [], max(0.0, end - time.monotonic()))
        chunk = os.read(proc.stderr.fileno(), 4096) if ready else b""
        if not chunk:
            raise AssertionError(f"no {needle!r} on stderr; got: {seen.decode()}")
        seen += chunk
    return seen.decode()


def feed_fifo(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:  # opening unblocks the reader
        fh.write(text)


def check_clean(cwd: Path, store: str = "store.jsonl") -> subprocess.CompletedProcess:
    result = run("check", "--store", store, cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr.strip().endswith("clean")
    return result


def clean_store(tmp_path: Path, *runs: list[str]) -> bytes:
    root = scenario(tmp_path / "clean", fifo=False)
    for args in runs:
        result = run("extract", *args, "--store", "store.jsonl", "--batch-size", "1", cwd=root)
        assert result.returncode == 0, result.stderr
    check_clean(root)
    return (root / "store.jsonl").read_bytes()


def test_two_concurrent_extracts_are_serialised(tmp_path):
    root = scenario(tmp_path / "live", fifo=True)
    store = root / "store.jsonl"
    first = cooptool("extract", "a", "pipe.txt", "--store", "store.jsonl", "--batch-size", "1", cwd=root)
    second = None
    try:
        wait_until(lambda: committed_docs(store) == 4, "the first extract's 4 blocks", [first])
        # The first extract now holds the lock, blocked on the pipe; the second must wait for it.
        second = cooptool("extract", "a", "b", "--store", "store.jsonl", "--batch-size", "1", cwd=root)
        waited = read_stderr_until(second, "waiting for store.jsonl.lock")
        assert committed_docs(store) == 4  # the second wrote nothing while waiting
        feed_fifo(root / "pipe.txt", article(8))
        assert first.wait(timeout=DEADLINE) == 0, first.stderr.read().decode()
        rest = second.stderr.read().decode()
        assert second.wait(timeout=DEADLINE) == 0, waited + rest
        assert "4 already stored, skipped" in rest
    finally:
        for p in (first, second):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait()
    check_clean(root)
    lines = store.read_bytes().splitlines()
    assert len(lines) == len(set(lines))  # no duplicated record
    assert committed_docs(store) == 9
    # No interleaving: the same bytes as the two runs one after the other.
    assert store.read_bytes() == clean_store(tmp_path, ["a", "pipe.txt"], ["a", "b"])


def test_sigkill_mid_extract_then_rerun(tmp_path):
    root = scenario(tmp_path / "killed", fifo=True)
    store = root / "store.jsonl"
    proc = cooptool("extract", "a", "pipe.txt", "b", "--store", "store.jsonl", "--batch-size", "1", cwd=root)
    try:
        wait_until(lambda: committed_docs(store) == 4, "4 blocks", [proc])
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    check_clean(root)  # only whole blocks were ever written

    expected = clean_store(tmp_path, ["a", "pipe.txt", "b"])
    # A kill during a write leaves part of the next block: cut the next block a real run writes in half.
    killed = store.read_bytes()
    assert expected.startswith(killed)
    next_block_end = expected.index(b'"type":"document"', len(killed))
    store.write_bytes(expected[: (len(killed) + next_block_end) // 2])
    assert run("check", "--store", "store.jsonl", cwd=root).returncode == 1

    os.unlink(root / "pipe.txt")
    (root / "pipe.txt").write_text(article(8), encoding="utf-8")
    rerun = run("extract", "a", "pipe.txt", "b", "--store", "store.jsonl", "--batch-size", "1", cwd=root)
    assert rerun.returncode == 0, rerun.stderr
    assert "interrupted write" in rerun.stderr and "4 already stored, skipped" in rerun.stderr
    check_clean(root)
    assert store.read_bytes() == expected


def test_sigkill_at_an_arbitrary_moment_then_rerun(tmp_path):
    """Where the kill lands varies; what must hold does not: a rerun completes the store exactly."""
    root = tmp_path / "arbitrary"
    write_articles(root / "a", 0, 24)
    store = root / "store.jsonl"
    proc = cooptool("extract", "a", "--store", "store.jsonl", "--batch-size", "1", cwd=root)
    try:
        wait_until(lambda: store.exists() and store.stat().st_size > 0, "the first write", [proc])
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    rerun = run("extract", "a", "--store", "store.jsonl", cwd=root)
    assert rerun.returncode == 0, rerun.stderr
    check_clean(root)
    fresh = run("extract", "a", "--store", "fresh.jsonl", cwd=root)
    assert fresh.returncode == 0
    assert store.read_bytes() == (root / "fresh.jsonl").read_bytes()

"""Fault injection: `extract --jobs 2` with its parent killed (SIGKILL or SIGTERM, the parent only) at
random moments, ten times. Each time the forked workers must die with it, the rerun must not wait
on a lock, and the rerun's store must be byte-identical to a clean run's.

Runs on a tiny blank spaCy pipeline (tokenizer + sentencizer) so a run takes a second or two: what
is tested is processes, locks and the store, not what the model finds.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.articles import write_articles

DEADLINE = 120  # seconds; only reached when something is broken
ARTICLES = 40


@pytest.fixture(scope="module")
def blank_model(tmp_path_factory) -> str:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    path = tmp_path_factory.mktemp("blank") / "model"
    nlp.to_disk(path)
    return str(path)


def extract(root: Path, model: str, store: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "COOPTOOL_STORE"}
    return subprocess.Popen([sys.executable, "-m", "cooptool", "extract", "a", "--store", store, "--jobs", "2",
                             "--batch-size", "1", "--model", model], cwd=root, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def live_members(group: int) -> list[int]:
    """Processes of a process group that are not zombies (a container's init may never reap them)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != b"Z":
            pids.append(int(entry))
    return pids


def blocks(store: Path) -> int:
    return store.read_bytes().count(b'"type":"document"') if store.exists() else 0


def has_blocks(store: Path) -> bool:
    return store.exists() and store.stat().st_size > 0


def wait_for(condition, what: str) -> None:
    end = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
def test_killing_the_parent_of_extract_jobs_2_ten_times(tmp_path, blank_model):
    root = tmp_path / "run"
    write_articles(root / "a", 0, ARTICLES)
    started = time.monotonic()
    clean = extract(root, blank_model, "clean.jsonl")
    wait_for(lambda: clean.poll() is not None or has_blocks(root / "clean.jsonl"), "the first block")
    first_block = time.monotonic() - started
    _, err = clean.communicate(timeout=DEADLINE)
    writing = time.monotonic() - started - first_block
    assert clean.returncode == 0, err.decode()
    expected = (root / "clean.jsonl").read_bytes()
    assert expected.count(b'"type":"document"') == ARTICLES

    rng = random.Random(16)
    store = root / "store.jsonl"
    landed = {"before any write": 0, "mid-run": 0, "after the last block": 0}
    for attempt in range(10):
        for name in ("store.jsonl", "store.jsonl.idx", "store.jsonl.lock"):
            (root / name).unlink(missing_ok=True)
        proc = extract(root, blank_model, "store.jsonl")
        if attempt < 2:  # a random moment of the start-up (loading, forking the workers)
            time.sleep(rng.uniform(0.1, first_block))
        else:  # a random moment while blocks are being written: after a random number of them
            target = rng.randint(1, ARTICLES - 8)
            wait_for(lambda p=proc, n=target: p.poll() is not None or blocks(store) >= n, f"{target} blocks")
            time.sleep(rng.uniform(0, writing / ARTICLES))  # and somewhere inside the next one
        sig = signal.SIGKILL if attempt % 2 == 0 else signal.SIGTERM
        os.kill(proc.pid, sig)  # the parent only, not its process group
        proc.wait(timeout=DEADLINE)
        proc.stderr.close()
        # Its workers die with it (and they never held the lock: they close it when forked).
        wait_for(lambda pid=proc.pid: not live_members(pid), f"the workers of attempt {attempt} to die")
        written = store.read_bytes().count(b'"type":"document"') if store.exists() else 0
        landed["before any write" if written == 0 else "mid-run" if written < ARTICLES else "after the last block"] += 1

        rerun = extract(root, blank_model, "store.jsonl")
        _, err = rerun.communicate(timeout=DEADLINE)
        assert rerun.returncode == 0, err.decode()
        assert b"waiting for" not in err, err.decode()  # no run waits on a lock
        assert b"Traceback" not in err
        assert store.read_bytes() == expected, f"attempt {attempt} ({sig.name}): the store differs from a clean run"
    assert landed["mid-run"] >= 4, landed  # the kills did land while blocks were being written

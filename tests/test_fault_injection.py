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


# ---- a component that raises on one document ---------------------------------------------------

def _explodes(doc):
    if "EXPLODE" in doc.text:
        raise ValueError("boom on purpose")
    return doc


def _failing_pipeline():
    """A blank pipeline with cooptool's components and, before the affiliations, one that raises on
    documents containing EXPLODE."""
    import spacy
    from spacy.language import Language

    from cooptool.extract.pipeline import add_components

    if "test_explodes" not in Language.factories:
        Language.component("test_explodes", func=_explodes)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_components(nlp)
    nlp.add_pipe("test_explodes", before="cooptool_affiliations")
    return nlp


SOURCES = [("one.txt", "Ada Holt runs the Tarn Bakery in Leeds."),
           ("two.txt", "This EXPLODE document breaks one component."),
           ("three.txt", "Bram Osei sells bread in Hull.")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_component_skips_its_document_and_the_run_goes_on(jobs):
    from cooptool.extract.pipeline import extract_records
    from cooptool.extract.readers import SourceDoc

    failures = []
    sources = [SourceDoc(text=t, path=p) for p, t in SOURCES]
    blocks = list(extract_records(_failing_pipeline(), sources, n_process=jobs, batch_size=3,
                                  on_error=failures.append))
    assert [src.path for src, _ in blocks] == ["one.txt", "three.txt"]
    assert all(block[-1]["type"] == "document" for _, block in blocks)
    (failure,) = failures
    assert (failure.path, failure.component, failure.error) == ("two.txt", "test_explodes",
                                                                "ValueError: boom on purpose")
    issue = failure.issue()
    assert issue.skipped and issue.path == "two.txt"
    assert str(issue) == "two.txt: the test_explodes component failed (ValueError: boom on purpose); document skipped"


def test_extract_command_warns_once_names_input_and_component_and_stores_the_rest(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from cooptool.cli.app import app

    for name, text in SOURCES:
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr("cooptool.extract.pipeline.load_pipeline", lambda model=None: _failing_pipeline())
    store = tmp_path / "s.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "one.txt"), str(tmp_path / "two.txt"),
                                      str(tmp_path / "three.txt"), "--store", str(store)])
    assert result.exit_code == 1, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("cooptool: warning:")]
    assert warnings == [f"cooptool: warning: {tmp_path / 'two.txt'}: the test_explodes component failed "
                        "(ValueError: boom on purpose); document skipped"]
    assert "Traceback" not in result.stderr
    assert store.read_bytes().count(b'"type":"document"') == 2
    assert "2 document(s) extracted" in result.stderr and "1 input(s) could not be read" in result.stderr

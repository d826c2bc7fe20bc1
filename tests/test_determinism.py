"""Same input, byte-identical store: across runs (separate processes, different hash seeds) and
across --jobs values; re-running into the same store adds nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.articles import write_articles
from tests.conftest import SEED

pytestmark = pytest.mark.model


def extract(folder: Path, store: Path, *args: str, hash_seed: str) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if k != "COOPTOOL_STORE"}, "PYTHONHASHSEED": hash_seed}
    return subprocess.run([sys.executable, "-m", "cooptool", "extract", str(folder), "--store", str(store), *args],
                          env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_articles(folder, 0, 10)
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> bytes:
    store = tmp_path_factory.mktemp("ref") / "store.jsonl"
    result = extract(corpus, store, "--jobs", "1", hash_seed="1")
    assert result.returncode == 0, result.stderr
    data = store.read_bytes()
    assert data.count(b'"type":"document"') == 11 and b'"type":"affiliation"' in data
    return data


def test_same_input_twice_gives_identical_stores(corpus, reference, tmp_path):
    store = tmp_path / "again.jsonl"
    result = extract(corpus, store, "--jobs", "1", hash_seed="2")
    assert result.returncode == 0, result.stderr
    assert store.read_bytes() == reference


def test_jobs_1_and_jobs_2_give_identical_stores(corpus, reference, tmp_path):
    store = tmp_path / "jobs2.jsonl"
    result = extract(corpus, store, "--jobs", "2", "--batch-size", "2", hash_seed="3")
    assert result.returncode == 0, result.stderr
    assert store.read_bytes() == reference


def test_rerun_into_the_same_store_adds_nothing(corpus, reference, tmp_path):
    store = tmp_path / "store.jsonl"
    store.write_bytes(reference)
    result = extract(corpus, store, hash_seed="4")
    assert result.returncode == 0, result.stderr
    assert "0 document(s) extracted" in result.stderr and "11 already stored, skipped" in result.stderr
    assert store.read_bytes() == reference

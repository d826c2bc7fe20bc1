"""`cooptool extract` with no path reads the seed bundled with the package, wherever the user
stands: with this editable install, and with a regular (non-editable) install built from the
source into a temporary folder. Both run the real command in another folder."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.conftest import ROOT, SEED


def _extract_elsewhere(tmp_path: Path, env: dict) -> tuple[subprocess.CompletedProcess, list[dict]]:
    cwd = tmp_path / "somewhere-else"
    cwd.mkdir()
    (cwd / "seeds").mkdir()  # a folder of the user's own called seeds/ is not the bundled seed
    (cwd / "seeds" / "mine.txt").write_text("My own headline\n\nNothing to see.\n")
    result = subprocess.run([sys.executable, "-m", "cooptool", "extract", "--store", "out.jsonl"], cwd=cwd,
                            env=env, capture_output=True, timeout=600)
    records = [orjson.loads(x) for x in (cwd / "out.jsonl").read_bytes().splitlines()] if result.returncode == 0 else []
    return result, records


def _check(result, records):
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr and b"skipped" not in result.stderr
    docs = [r for r in records if r["type"] == "document"]
    assert len(docs) == 1 and docs[0]["path"].endswith(SEED.name)
    assert any(r["type"] == "affiliation" and r["org"].startswith("JA Solar") for r in records)


@pytest.mark.model
def test_editable_install_reads_the_bundled_seed(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COOPTOOL_STORE")}
    _check(*_extract_elsewhere(tmp_path, env))


@pytest.mark.model
def test_regular_install_reads_the_bundled_seed(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "__pycache__",
                                                              "tests", "benchmarks", "*.jsonl*"))
    target = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                            str(src)], capture_output=True, timeout=600)
    assert built.returncode == 0, built.stderr.decode()[-1000:]
    env = {k: v for k, v in os.environ.items() if k != "COOPTOOL_STORE"}
    env["PYTHONPATH"] = str(target)  # before the editable install: this copy is the one imported
    where = subprocess.run([sys.executable, "-c", "import cooptool.seeds as s; print(s.__file__)"], env=env,
                           capture_output=True, text=True, cwd=tmp_path)
    assert where.stdout.startswith(str(target)), where
    _check(*_extract_elsewhere(tmp_path, env))

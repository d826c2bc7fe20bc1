"""Shared fixtures. Tests never read ../shared: texts here are written for the tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))


def _has_model() -> bool:
    from cooptool.extract.pipeline import MODEL_CANDIDATES

    return any(importlib.util.find_spec(m) for m in MODEL_CANDIDATES)


def pytest_collection_modifyitems(config, items):
    if _has_model():
        return
    skip = pytest.mark.skip(reason="no trained English spaCy model installed")
    for item in items:
        if "model" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def nlp():
    from cooptool.extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """The bundled seed extracted once through the real CLI."""
    from typer.testing import CliRunner

    from cooptool.cli.app import app

    store = tmp_path_factory.mktemp("seed") / "store.jsonl"
    result = CliRunner().invoke(app, ["extract", str(SEED), "--store", str(store)])
    assert result.exit_code == 0, result.stderr
    return store


def run_text(nlp, text: str):
    """Process a text the way `cooptool extract` does (structure masking included)."""
    from cooptool.extract.pipeline import prepare
    from cooptool.extract.readers import SourceDoc

    doc, _ = prepare(nlp, SourceDoc(text=text, path=None))
    return nlp(doc)


def events_of(nlp, text: str) -> list:
    """The event records of one text."""
    return run_text(nlp, text)._.events


def one_event(nlp, text: str):
    """The one event of a text (fails when there is none or more than one)."""
    (ev,) = events_of(nlp, text)
    return ev


def speaker_of(claims: list[dict], words: str) -> str | None:
    """The speaker of the first claim whose text holds `words` (fails, listing the claims, when none does)."""
    found = [c for c in claims if words in c["text"]]
    assert found, f"no claim holds {words!r}: {[c['text'] for c in claims]}"
    return found[0]["speaker"]

"""Issue 11's structure targets, measured with radon: the extraction code stays small and readable."""

from __future__ import annotations

from pathlib import Path

import pytest

radon_complexity = pytest.importorskip("radon.complexity")

ROOT = Path(__file__).resolve().parent.parent
MAX_COMPLEXITY = 25
MAX_FUNCTION_LINES = 80
MAX_MEAN = 7.0


def _blocks():
    for folder in ("extract", "cli"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for block in radon_complexity.cc_visit(path.read_text(encoding="utf-8")):
                yield path.relative_to(ROOT), block


def _functions():
    # radon lists a class's methods as blocks of their own after the class block.
    for path, block in _blocks():
        if not hasattr(block, "methods"):
            yield path, block


def test_no_function_is_too_complex():
    over = [f"{p}:{b.lineno} {b.name} ({b.complexity})" for p, b in _functions() if b.complexity > MAX_COMPLEXITY]
    assert not over, "\n".join(over)


def test_no_function_is_too_long():
    over = [f"{p}:{b.lineno} {b.name} ({b.endline - b.lineno + 1} lines)" for p, b in _functions()
            if b.endline - b.lineno + 1 > MAX_FUNCTION_LINES]
    assert not over, "\n".join(over)


def test_mean_complexity():
    values = [b.complexity for _, b in _blocks()]
    mean = sum(values) / len(values)
    assert mean <= MAX_MEAN, f"mean cyclomatic complexity {mean:.2f} over {len(values)} blocks"

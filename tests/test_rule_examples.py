"""Every registered rule's examples run here: the rule must make a record with the listed fields
on each positive example, and none on a guard (an example whose expectation is None)."""

from __future__ import annotations

import pytest

from cooptool.extract import pipeline  # noqa: F401  (importing registers every component's rules)
from cooptool.extract.rules import REGISTRY, rule, rules
from tests.conftest import run_text

RECORD_OF = {"affiliation": "affiliations", "claim": "claims", "fact": "facts", "event": "events"}

CASES = [(r.name, i, text, expect) for r in rules() for i, (text, expect) in enumerate(r.examples)]


def _matches(record: dict, expect: dict) -> bool:
    for key, want in expect.items():
        got = record.get(key)
        if isinstance(got, list) and not isinstance(want, list):
            if want not in got:
                return False
        elif got != want:
            return False
    return True


def records_of(doc, family: str) -> list[dict]:
    if family == "entity":
        return [dict(e, pattern=p) for e in doc._.entities or [] for p in e.get("rules", [])]
    if family == "fact":  # a fact names two rules, "fact.subject.<rule>+fact.about.<rule>"
        return [dict(f, pattern=p) for f in doc._.facts or [] for p in f["pattern"].split("+")]
    return getattr(doc._, RECORD_OF[family]) or []


@pytest.mark.model
@pytest.mark.parametrize(("name", "n", "text", "expect"), CASES, ids=[f"{c[0]}#{c[1]}" for c in CASES])
def test_rule_example(nlp, name, n, text, expect):
    rule_ = REGISTRY[name]
    doc = run_text(nlp, text)
    made = [r for r in records_of(doc, rule_.family) if r.get("pattern") == name]
    if expect is None:
        assert not made, f"{name} must not fire here; made {made}"
    else:
        assert any(_matches(r, expect) for r in made), f"{name}: no record with {expect}; made {made}"


def test_every_rule_has_a_positive_example():
    missing = [r.name for r in rules() if not any(e is not None for _, e in r.examples)]
    assert not missing, f"rules without an example: {missing}"


def test_registry_rejects_bad_names_and_duplicates():
    with pytest.raises(ValueError):
        rule("nofamily")
    with pytest.raises(ValueError):
        rule("claim.x", confidence=1.5)

    @rule("claim.test-only", examples=[])
    def one():
        pass

    try:
        with pytest.raises(ValueError):
            @rule("claim.test-only")
            def other():
                pass
    finally:
        REGISTRY.pop("claim.test-only")

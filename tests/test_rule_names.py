"""Every record names the registered rule that made it (issue 11: one registry, fine-grained names)."""

from __future__ import annotations

import orjson
import pytest

from cooptool.extract import pipeline  # noqa: F401  (importing registers the rules)
from cooptool.extract.rules import REGISTRY, rules

# A fact names its subject rule and its about rule; these say that none applied.
NO_RULE = {"no_subject", "no_about"}


@pytest.mark.model
def test_every_seed_record_names_a_registered_rule(seed_store):
    seen = set()
    for line in seed_store.read_bytes().splitlines():
        rec = orjson.loads(line)
        if rec["type"] in ("document", "entity"):
            names = rec.get("rules", [])
        else:
            names = [p for p in rec["pattern"].split("+") if p not in NO_RULE]
        for name in names:
            assert name in REGISTRY, f"{rec['type']} record names an unknown rule {name!r}"
            assert REGISTRY[name].family == rec["type"], name
            seen.add(name)
    assert len(seen) >= 10  # the seed exercises many rules of every family


def test_rules_cover_every_family_with_a_confidence():
    families = {r.family for r in rules()}
    assert families == {"entity", "affiliation", "claim", "fact", "event"}
    assert all(0 < r.confidence <= 1 for r in rules())
    assert len(rules()) >= 60
